"""The submission format shared by baselines and the leaderboard.

A submission is a folder: ``meta.json`` (team, system, description, external_data, and
optionally seed and config) plus one ``<task>.<corpus>.jsonl`` per cell, whose lines are
``{"id": ..., "pred": ...}`` - a label, or a list of labels (one per token) for token tasks.
Scores always join predictions to gold on ``id``, never on line order.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from codemix.loaders.errors import CodemixError

META_FILE = "meta.json"
REQUIRED_META = ("team", "system", "description", "external_data")


def cell_file_name(task: str, corpus: str) -> str:
    """``sentiment.l3cube_mesent.jsonl``"""
    return f"{task}.{corpus}.jsonl"


def parse_cell_file_name(name: str) -> tuple[str, str] | None:
    """``(task, corpus)`` for ``<task>.<corpus>.jsonl``, else ``None``."""
    if not name.endswith(".jsonl") or name.count(".") != 2:
        return None
    task, corpus, _ = name.split(".")
    return (task, corpus) if task and corpus else None


def write_submission(out_dir: str | Path, meta: Mapping[str, Any],
                     cells: Mapping[tuple[str, str], Iterable[tuple[str, Any]]],
                     finish: Callable[[Path], Mapping[str, str]] | None = None) -> Path:
    """Write a submission folder atomically (temporary sibling, then rename).

    ``cells`` maps ``(task, corpus)`` to ``(id, pred)`` pairs (``pred`` ``None``: no answer).
    ``finish``, if given, is called with the written temporary folder and returns more files
    (name -> text, e.g. ``scores.json`` computed from the files as written) to add before the
    rename: a failure anywhere leaves no folder behind. An existing folder is replaced only if
    it is itself a submission (has meta.json), so no unrelated folder is clobbered.
    """
    missing = [key for key in REQUIRED_META if key not in meta]
    if missing:
        raise CodemixError(f"submission meta lacks {missing}; required: {list(REQUIRED_META)}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / META_FILE).is_file():
        raise CodemixError(f"{out_dir} exists and is not a submission folder; choose another --out")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        (temporary / META_FILE).write_text(json.dumps(dict(meta), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for (task, corpus), rows in cells.items():
            with open(temporary / cell_file_name(task, corpus), "w", encoding="utf-8") as handle:
                for record_id, pred in rows:
                    handle.write(json.dumps({"id": record_id, "pred": pred}, ensure_ascii=False) + "\n")
        for name, text in (finish(temporary) if finish else {}).items():
            (temporary / name).write_text(text, encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(temporary, out_dir)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return out_dir


def read_predictions(path: str | Path) -> dict[str, Any]:
    """id -> pred from one ``<task>.<corpus>.jsonl`` file (strict; the leaderboard validates more).

    Raises ``CodemixError`` with ``path:line`` for bad JSON, a missing key or a repeated id.
    """
    out: dict[str, Any] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise CodemixError(f"{path}:{number}: expected a JSON object per line, got invalid JSON ({error.msg})") from None
            if not isinstance(row, dict) or "id" not in row or "pred" not in row:
                raise CodemixError(f"{path}:{number}: expected {{\"id\": ..., \"pred\": ...}}, got {line.strip()[:80]}")
            if row["id"] in out:
                raise CodemixError(f"{path}:{number}: id {row['id']} repeats")
            out[row["id"]] = row["pred"]
    return out
