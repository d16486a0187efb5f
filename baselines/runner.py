"""``codemix baseline run``: fit on train, select on validation, predict test, write a submission."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from codemix.baselines.base import check_requirements, check_seed, get_baseline
from codemix.loaders.api import load
from codemix.common.errors import CodemixError
from codemix.common.paths import check_output_file, check_output_folder
from codemix.loaders.registry import get_spec
from codemix.tasks.registry import get_task
from codemix.tasks.scoring import gold_by_id, score_by_id
from codemix.tasks.slices import slice_scores, slices_by_id
from codemix.tasks.submission import cell_file_name, check_submission_folder, read_predictions, write_submission

SCORES_FILE = "scores.json"


def default_out(baseline: str, task: str, corpus: str) -> Path:
    """``codemix-runs/<baseline>.<task>.<corpus>``."""
    return Path("codemix-runs") / f"{baseline}.{task}.{corpus}"


def check_cell(task_name: str, corpus: str) -> None:
    """Refuse a (task, corpus) cell the corpus lacks or that has no training split."""
    spec = get_spec(corpus)
    get_task(task_name)
    if task_name not in spec.tasks:
        raise CodemixError(f"corpus {corpus} has no {task_name} annotation; its tasks are {list(spec.tasks)}")
    if spec.split_policy.kind == "test_only":
        raise CodemixError(f"{corpus} is test-only: train elsewhere and evaluate it with `codemix benchmark --transfer`")


def check_save_model(path: str | Path, name: str) -> None:
    """Refuse, before any work, a ``--save-model`` place whose contents saving would destroy: an
    existing file that is not a saved model (joblib writes a pickle, which starts with 0x80), or
    for the transformer a folder holding files that save_pretrained did not write."""
    path = Path(path)
    if name == "transformer":
        from codemix.baselines.transformer import STATE_FILE

        check_output_folder(path, "--save-model")
        if path.is_dir() and any(path.iterdir()) and not (path / STATE_FILE).is_file():
            raise CodemixError(f"--save-model {path} is a folder that holds something else than a saved model; pass a "
                               "new or empty folder (nothing was overwritten)")
        return
    check_output_file(path, "--save-model")
    if path.is_file() and path.stat().st_size and _first_byte(path) != b"\x80":
        raise CodemixError(f"--save-model {path} exists and is not a saved model; pass a new path (nothing was "
                           "overwritten)")


def _first_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:  # a saved model may be hundreds of megabytes: one byte tells
        return handle.read(1)


def run_baseline(name: str, task_name: str, corpus: str, data_dir=None, out=None, seed: int = 0,
                 options: dict[str, Any] | None = None, save_model: str | Path | None = None,
                 verify: bool = True) -> dict[str, Any]:
    """Run one baseline on one (task, corpus) cell; returns the scores written to ``scores.json``."""
    check_cell(task_name, corpus)
    check_requirements(name)  # before loading or writing anything
    check_seed(seed)
    out = check_submission_folder(out if out else default_out(name, task_name, corpus))
    if save_model:
        check_save_model(save_model, name)
    task = get_task(task_name)
    steps = _Steps(4, f"{name} {task_name}/{corpus}")
    dataset = load(corpus, data_dir=data_dir, verify=verify)
    steps.advance("loaded")
    baseline = get_baseline(name, seed=seed, **(options or {}))
    started = time.perf_counter()
    baseline.fit(task, dataset["train"], dataset["validation"])
    train_seconds = time.perf_counter() - started
    steps.advance("trained")
    test = dataset["test"]
    gold = gold_by_id(task, test)
    predictions = dict(zip(test["id"], baseline.predict(task, test)))
    steps.advance("predicted")
    if int(os.environ.get("RANK", "0")) != 0:  # under torchrun / accelerate only the main process writes
        return {"out": str(out), "scores": None, "config": baseline.config()}
    kind = baseline.describe()["kind"]
    # a fine-tuned encoder starts from weights pre-trained on data beyond the corpus
    external = [f"pre-trained model {baseline.options['model']}"] if kind == "fine-tuned" else False
    meta = {"team": "codemix baselines", "system": name, "description": f"codemix {name} baseline, seed {seed}",
            "external_data": external, "kind": kind, "seed": seed, "config": baseline.config()}
    write_submission(out, meta, {(task_name, corpus): [(key, predictions[key]) for key in gold]})
    # Score the written file exactly as a participant's file is scored: read back, join on id.
    written = read_predictions(out / cell_file_name(task_name, corpus))
    scores = score_by_id(task, gold, written)
    steps.advance("scored")
    steps.close()
    result = {key: scores[key] for key in ("accuracy", "macro_f1", "weighted_f1")}
    result.update(train_seconds=round(train_seconds, 2), main=task.main_score, n=scores["n"],
                  slices=slice_scores(task, gold, written, slices_by_id(test)))
    (out / SCORES_FILE).write_text(json.dumps({f"{task_name}/{corpus}": result}, indent=2) + "\n", encoding="utf-8")
    if save_model:
        baseline.save(save_model)
    return {"out": str(out), "scores": result, "config": baseline.config()}


class _Steps:
    """A step progress bar on a terminal; silent otherwise (and with --quiet)."""

    def __init__(self, total: int, label: str):
        from codemix.loaders.progress import bar

        self.bar = bar(total, label, unit="step")

    def advance(self, what: str) -> None:
        """One step done: ``what`` names it."""
        self.bar.set_postfix_str(what)
        self.bar.update(1)

    def close(self) -> None:
        """Remove the bar."""
        self.bar.close()
