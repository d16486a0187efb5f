"""``Leaderboard``: init (gold), validate, submit (atomic), results, ranking, export, render."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from codemix.leaderboard.gold import build_gold, gold_cells, gold_items, gold_slice_map
from codemix.leaderboard.store import connect, default_db_path, dumps, now, transaction
from codemix.leaderboard.validate import validate_folder
from codemix.common.errors import CodemixError
from codemix.common.paths import make_output_folder
from codemix.tasks.registry import get_task
from codemix.tasks.scoring import score_by_id
from codemix.tasks.slices import slice_scores
from codemix.tasks.submission import META_FILE


class SubmissionError(CodemixError):
    """A submission with problems; ``problems`` lists every one with file:line."""

    def __init__(self, folder, problems):
        self.problems = problems
        listing = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{folder}: {len(problems)} problem{'s' if len(problems) != 1 else ''} - nothing was stored:\n{listing}")


class DuplicateSubmission(CodemixError):
    """The same files were submitted before."""


class Leaderboard:
    """A local leaderboard in one SQLite file (default ``$CODEMIX_HOME/leaderboard.sqlite``)."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path else default_db_path()
        self.read_only = read_only
        self._connection = None

    @property
    def connection(self):
        """The store's connection, opened (and checked) on first use; only ``init`` creates a store."""
        if self._connection is None:
            self._connection = connect(self.path, read_only=self.read_only)
        return self._connection

    def close(self) -> None:
        """Close the store's connection (it reopens on the next use)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def init(self, corpora=None, data_dir=None, echo=print):
        """Create the store if needed and build (or rebuild) the gold of every test cell of ``corpora``."""
        if self.read_only:
            raise CodemixError(f"{self.path} was opened read-only; open Leaderboard(path) to build gold")
        created = self._connection is None and not self.path.exists()
        if self._connection is None:
            self._connection = connect(self.path, create=True)
        try:
            return build_gold(self.connection, corpora, data_dir, echo)
        except BaseException:
            if created:  # a first init that fails (a corpus not on disk, Ctrl-C) leaves no empty store behind
                self.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            raise

    def exists(self) -> bool:
        """Whether the store file exists (it is checked when first used)."""
        return self.path.exists()

    def validate(self, folder) -> list:
        """Every problem of a submission folder (``[]`` when it can be submitted)."""
        return validate_folder(self.connection, folder)[1]

    def submit(self, folder) -> dict[str, Any]:
        """Validate, score (joined on id) and store a submission in one transaction."""
        checked, problems = validate_folder(self.connection, folder)
        if problems:
            raise SubmissionError(folder, problems)
        digest = content_sha256(checked.meta, checked.files)
        cells = gold_cells(self.connection)
        scores = {}
        for (task_name, corpus), predictions in checked.cells.items():
            gold = gold_items(self.connection, task_name, corpus)
            task = get_task(task_name)
            scores[(task_name, corpus)] = score_by_id(task, gold, predictions)
            scores[(task_name, corpus)]["slices"] = slice_scores(
                task, gold, predictions, gold_slice_map(self.connection, task_name, corpus))
        meta = checked.meta
        from codemix.common.version import VERSION as __version__

        with transaction(self.connection) as db:
            earlier = db.execute("SELECT id, created FROM submissions WHERE content_sha256 = ?", (digest,)).fetchone()
            if earlier is not None:
                raise DuplicateSubmission(f"{folder}: these files were already submitted as #{earlier['id']} on "
                                          f"{earlier['created']}; nothing was stored (change a prediction or the meta to resubmit)")
            cursor = db.execute(
                "INSERT INTO submissions (content_sha256, team, system, description, external_data, meta, package_version, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (digest, meta["team"], meta["system"], meta["description"], dumps(meta["external_data"]), dumps(meta),
                 __version__, now()))
            submission_id = cursor.lastrowid
            for (task_name, corpus), score in scores.items():
                main = get_task(task_name).main_score
                db.execute("INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (submission_id, task_name, corpus, score["accuracy"], score["macro_f1"], score["weighted_f1"],
                            main, score[main], score["n"], dumps(score["per_label"]), cells[(task_name, corpus)]["sha256"]))
                db.execute("INSERT INTO cell_details VALUES (?, ?, ?, ?, ?)",
                           (submission_id, task_name, corpus, score["unanswered"], dumps(score["slices"])))
        return {"id": submission_id, "sha256": digest, "scores": {f"{t}/{c}": s for (t, c), s in scores.items()},
                "ranks": self.ranks_of(submission_id)}

    def results(self) -> dict[str, Any]:
        """Everything the page and the API show: cells, submissions, scores, ranks and means."""
        from codemix.leaderboard.ranking import rank

        db = self.connection
        snapshot = not db.in_transaction
        if snapshot:  # one read transaction: a submit committing meanwhile is either wholly in or out
            db.execute("BEGIN")
        try:
            cells = gold_cells(db)
            submissions = [dict(row) | {"meta": json.loads(row["meta"]), "external_data": json.loads(row["external_data"])}
                           for row in db.execute("SELECT * FROM submissions ORDER BY id")]
            for submission in submissions:
                submission["kind"] = model_kind(submission["meta"])
            details = {(row["submission_id"], row["task"], row["corpus"]): {"unanswered": row["unanswered"],
                                                                             "slices": json.loads(row["slices"])}
                       for row in db.execute("SELECT * FROM cell_details")}
            scores = [dict(row) | {"per_label": json.loads(row["per_label"]), "unanswered": 0, "slices": {}}
                      | details.get((row["submission_id"], row["task"], row["corpus"]), {})
                      for row in db.execute("SELECT * FROM scores ORDER BY submission_id, task, corpus")]
        finally:
            if snapshot:
                db.execute("COMMIT")
        current = [s for s in scores if cells.get((s["task"], s["corpus"]), {}).get("sha256") == s["gold_sha256"]
                   and _task_current(cells[(s["task"], s["corpus"])])]
        return rank(cells, submissions, current, stale=len(scores) - len(current))

    def ranks_of(self, submission_id: int) -> dict[str, int]:
        """``task/corpus -> rank`` of one submission."""
        results = self.results()
        return {f"{c['task']}/{c['corpus']}": entry["rank"] for c in results["cells"] for entry in c["ranking"]
                if entry["submission_id"] == submission_id}

    def export(self, out_dir) -> list[Path]:
        """One JSON per submission: meta (seed, config), scores, package/task/corpus versions, gold sha256, date."""
        results = self.results()
        out_dir = make_output_folder(out_dir)
        cells = {(c["task"], c["corpus"]): c for c in results["cells"]}
        written = []
        for submission in results["submissions"]:
            entries = [s for s in results["scores"] if s["submission_id"] == submission["id"]]
            document = {
                "submission": submission["id"], "team": submission["team"], "system": submission["system"],
                "date": submission["created"], "package_version": submission["package_version"],
                "content_sha256": submission["content_sha256"], "meta": submission["meta"],
                "seed": submission["meta"].get("seed"), "config": submission["meta"].get("config"),
                "cells": {f"{s['task']}/{s['corpus']}": {
                    "accuracy": s["accuracy"], "macro_f1": s["macro_f1"], "weighted_f1": s["weighted_f1"],
                    "main_metric": s["main_metric"], "main": s["main"], "n": s["n"], "per_label": s["per_label"],
                    "unanswered": s["unanswered"], "slices": s["slices"],
                    "gold_sha256": s["gold_sha256"], "corpus_version": cells[(s["task"], s["corpus"])]["corpus_version"],
                    "task_version": cells[(s["task"], s["corpus"])]["task_version"]} for s in entries},
            }
            path = out_dir / f"submission-{submission['id']:04d}.json"
            path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(path)
        from codemix.loaders.citations import references_bib

        used = sorted({s["corpus"] for s in results["scores"]})  # the corpora behind the exported scores
        bib = out_dir / "references.bib"
        bib.write_text(references_bib(used), encoding="utf-8")
        written.append(bib)
        return written

    def render(self, out_dir) -> Path:
        """Write the static page ``out_dir/index.html`` (no server needed)."""
        from codemix.leaderboard.page import render_page

        page = render_page(self.results())
        path = make_output_folder(out_dir) / "index.html"
        path.write_text(page, encoding="utf-8")
        return path


def _task_current(cell: dict) -> bool:
    """Whether a cell's gold was built under the task definition codemix has now (a changed task is stale)."""
    from codemix.common.errors import UnknownNameError

    try:
        return get_task(cell["task"]).version == cell["task_version"]
    except UnknownNameError:
        return False


# the kinds codemix itself writes into meta.json (its baselines and codemix.evaluate's adapters)
WRITTEN_KINDS = ("classical", "neural", "fine-tuned", "prompted", "python")


def model_kind(meta: dict) -> str:
    """The model kind a submission declares: classical, fine-tuned, prompted (with its shots), or another word.

    >>> model_kind({"kind": "prompted", "shots": 2}), model_kind({})
    ('prompted 2-shot', 'unstated')
    """
    kind = meta.get("kind")
    if not isinstance(kind, str) or not kind.strip():
        return "unstated"
    shots = meta.get("shots")
    return f"{kind} {shots}-shot" if kind == "prompted" and isinstance(shots, int) else kind


def content_sha256(meta: dict[str, Any], cell_files: list[Path]) -> str:
    """The identity of a submission: its meta without timings, and the prediction files (names and
    bytes). A rerun of the same model writes the same predictions and meta but other timings
    (``seconds``, ``fit_seconds``): it is the same submission."""
    digest = hashlib.sha256()
    steady = json.dumps(without_timings(meta), sort_keys=True, ensure_ascii=False).encode("utf-8")
    digest.update(META_FILE.encode() + b"\0" + steady + b"\0")
    for path in sorted(cell_files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def without_timings(value: Any) -> Any:
    """``value`` with every field named ``seconds`` or ``*_seconds`` left out, at any depth.

    >>> without_timings({"seed": 0, "cells": {"lid/x": {"items": 30, "seconds": 0.4}}, "config": {"fit_seconds": 1.2}})
    {'seed': 0, 'cells': {'lid/x': {'items': 30}}, 'config': {}}
    """
    if isinstance(value, dict):
        return {key: without_timings(item) for key, item in value.items()
                if not (key == "seconds" or key.endswith("_seconds"))}
    if isinstance(value, list):
        return [without_timings(item) for item in value]
    return value
