"""Evaluate any model on a set of (task, corpus) cells: predict the test splits, write a submission
folder, and score it exactly as a participant's files are scored (read back, joined on id).

The model sees only the fields each task declares as its inputs (``Task.inputs``); gold labels
are never passed. Every prediction is checked before anything is written: a model that returns
the wrong number of predictions or a label outside the task's set is an error naming the record.
"""

from __future__ import annotations

import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

from codemix.baselines.base import check_seed
from codemix.baselines.model import describe_model, models_own, resolve_model
from codemix.common.errors import CodemixError, UnknownNameError
from codemix.common.names import name_list
from codemix.common.numbers import whole_at_least
from codemix.loaders.registry import get_spec, unknown_name_message
from codemix.tasks.registry import get_task, list_tasks
from codemix.tasks.scoring import gold_by_id, score_by_id
from codemix.tasks.slices import slice_scores, slices_by_id
from codemix.tasks.submission import (
    cell_file_name, check_submission_folder, meta_field_problems, meta_text, read_predictions, write_submission,
)

SCORES_FILE = "scores.json"
REFERENCES_FILE = "references.bib"  # the BibTeX of exactly the corpora evaluated, and of codemix
CHUNK = 64  # records per predict() call: progress moves, and a failing model fails early
DEFAULT_OUT = "codemix-runs/evaluation"


def run_evaluation(model, tasks=None, corpora=None, data_dir=None, out=DEFAULT_OUT, shots: int = 0,
                   seed: int = 0, meta: dict | None = None, limit: int | None = None, shots_from: str | None = None,
                   verify: bool = True, model_options: dict | None = None, echo: Callable = print,
                   progress: bool | None = None) -> dict[str, Any]:
    """Run ``model`` (a ``codemix.Model`` or a spec string) over the cells; returns per-cell scores.

    The submission folder ``out`` holds ``meta.json``, one ``<task>.<corpus>.jsonl`` per cell and
    ``scores.json``; it is written atomically (nothing is left behind on failure).
    """
    _check_arguments(shots, limit, meta, model_options)
    check_seed(seed)
    tasks, corpora = name_list(tasks, "tasks"), name_list(corpora, "corpora")
    out = check_submission_folder(DEFAULT_OUT if out is None else out)  # before a model answers for minutes
    spec_string = model if isinstance(model, str) else None
    if spec_string is not None:
        model = resolve_model(spec_string, seed=seed, **(model_options or {}))
    elif not callable(getattr(model, "predict", None)):
        raise CodemixError(f"{type(model).__name__} is not a model: it needs predict(task, records) (codemix.Model)")
    datasets = _load_corpora(corpora, data_dir, verify, echo)
    cells = _cells(model, tasks, datasets, explicit=bool(tasks))
    shots_data = _shots_source(shots_from, data_dir, verify) if shots_from and shots else None
    details = describe_model(model, spec_string)  # before any work: an unreachable server fails here
    try:  # and a meta.json the leaderboard could not read
        meta_text(_meta(details, meta, shots, seed, limit, {}))
    except CodemixError as error:
        raise CodemixError(f"{error} (meta.json records what the model's describe() returns and the meta passed)") from None
    from codemix.loaders.progress import enabled

    show = enabled() if progress is None else progress
    predictions: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    gold: dict[tuple[str, str], dict] = {}
    slices: dict[tuple[str, str], dict] = {}
    cell_meta: dict[str, dict] = {}
    for task, corpus in cells:
        dataset = datasets[corpus]
        rows = list(dataset["test"])  # one read of the split for gold, inputs and slices
        cell_gold = gold_by_id(task, rows)
        test = [record for record in rows if record["id"] in cell_gold]
        records = [task.prediction_input(record) for record in test]
        if limit is not None:
            records = records[:limit]
            cell_gold = {r["id"]: cell_gold[r["id"]] for r in records}
        used_shots, source = _prepare(model, task, corpus, dataset, shots, seed, shots_data, shots_from, echo)
        cell_started = time.perf_counter()
        predicted = _predict(model, task, corpus, records, show)
        predictions[(task.name, corpus)] = [(r["id"], p) for r, p in zip(records, predicted)]
        gold[(task.name, corpus)] = cell_gold
        slices[(task.name, corpus)] = slices_by_id(r for r in test if r["id"] in cell_gold)  # cell_gold: --limit
        cell_meta[f"{task.name}/{corpus}"] = {"shots": used_shots, "shots_from": source, "items": len(records),
                                             "seconds": round(time.perf_counter() - cell_started, 2),
                                             "partial": limit is not None and len(test) > limit}
    details = describe_model(model, spec_string)  # again: counts gathered while predicting
    submission_meta = _meta(details, meta, shots, seed, limit, cell_meta)
    scores: dict[str, Any] = {}

    def score_written(folder: Path) -> dict[str, str]:
        for (task_name, corpus), cell_gold in gold.items():
            task = get_task(task_name)
            predicted = read_predictions(folder / cell_file_name(task_name, corpus))
            computed = score_by_id(task, cell_gold, predicted)
            result = {key: computed[key] for key in ("accuracy", "macro_f1", "weighted_f1")}
            result.update(main=computed[task.main_score], main_metric=task.main_score, n=computed["n"],
                          unanswered=computed["unanswered"], per_label=computed["per_label"],
                          slices=slice_scores(task, cell_gold, predicted, slices[(task_name, corpus)]),
                          **cell_meta[f"{task_name}/{corpus}"])
            if callable(getattr(model, "cell_stats", None)):
                result["prompting"] = model.cell_stats(task_name, corpus)
            scores[f"{task_name}/{corpus}"] = result
        from codemix.loaders.citations import references_bib

        return {SCORES_FILE: json.dumps(scores, indent=2, ensure_ascii=False) + "\n",
                REFERENCES_FILE: references_bib(corpus for _, corpus in gold)}

    write_submission(out, submission_meta, predictions, finish=score_written)
    return scores


def _load_corpora(corpora, data_dir, verify, echo) -> dict:
    from codemix.loaders.api import load, load_available

    if corpora:
        return {name: load(name, data_dir=data_dir, verify=verify) for name in dict.fromkeys(corpora)}
    found = load_available(None, data_dir, verify, echo)
    if not found:
        raise CodemixError("no corpus files found: pass data_dir=... or set CODEMIX_DATA_DIR, or name the corpora, "
                           "e.g. corpora=['demo_hien']")
    return found


def _cells(model, tasks, datasets: dict, explicit: bool) -> list:
    for name in tasks or []:
        if name not in list_tasks():
            raise UnknownNameError(unknown_name_message("task", name, list_tasks()))
    cells = []
    skipped = []
    reasons: dict[str, str] = {}  # task -> the model's own reason why it cannot predict it
    for corpus, dataset in datasets.items():
        for task_name in get_spec(corpus).tasks:
            if tasks and task_name not in tasks:
                continue
            task = get_task(task_name)
            if "test" not in dataset or not gold_by_id(task, dataset["test"]):
                continue
            if explicit and callable(getattr(model, "check", None)):
                models_own("check", lambda: model.check(task))
            if not _supports(model, task):
                skipped.append(f"{task_name}/{corpus}")
                if task_name not in reasons:
                    reasons[task_name] = _reason(model, task)
                continue
            cells.append((task, corpus))
    if skipped and explicit:
        raise CodemixError(f"the model cannot predict {', '.join(skipped)} (its level or labels do not fit the task); "
                           "choose other --tasks")
    if not cells:
        asked = f"tasks {list(tasks)} on " if tasks else ""
        why = "".join(f"\n  {name}: {reason}" for name, reason in reasons.items() if reason)
        raise CodemixError(f"nothing to evaluate: no test cell of {asked}corpora {list(datasets)} fits the model "
                           f"(their tasks: {', '.join(sorted({t for c in datasets for t in get_spec(c).tasks}))}){why}")
    return cells


def _reason(model, task) -> str:
    """The model's own reason why it cannot predict ``task`` (its ``check``), or ``""``."""
    if not callable(getattr(model, "check", None)):
        return ""
    try:
        models_own("check", lambda: model.check(task))
    except CodemixError as error:
        return str(error)
    return ""


def _supports(model, task) -> bool:
    if callable(getattr(model, "supports", None)):
        return bool(models_own("supports", lambda: model.supports(task)))
    levels = getattr(model, "levels", None)
    if isinstance(levels, str):  # levels = "sentence" means what ("sentence",) does
        levels = (levels,)
    return task.level in levels if isinstance(levels, (tuple, list, set, frozenset)) else True



def _shots_source(name: str, data_dir, verify: bool):
    from codemix.loaders.api import load

    return load(name, data_dir=data_dir, verify=verify)


def _prepare(model, task, corpus, dataset, shots, seed, shots_data, shots_from, echo) -> tuple[int, str | None]:
    """Call the model's optional ``prepare`` with the training split the examples may come from."""
    train, source = (dataset["train"], corpus) if "train" in dataset else (None, None)
    if shots and train is None:
        if shots_data is not None and "train" in shots_data and task.name in get_spec(shots_from).tasks:
            train, source = shots_data["train"], shots_from
            if get_spec(shots_from).pair != get_spec(corpus).pair:
                echo(f"(note: {task.name}/{corpus}: examples come from {shots_from}, pair "
                     f"{get_spec(shots_from).pair}, not {get_spec(corpus).pair})")
        else:
            echo(f"(note: {corpus} is test-only: {task.name} runs zero-shot; --shots-from CORPUS draws examples "
                 "from another corpus's train split)")
            shots = 0
    prepare = getattr(model, "prepare", None)
    if not callable(prepare):
        if shots:
            raise CodemixError(f"--shots {shots}: this model has no prepare(task, corpus, train, shots, seed) to take examples")
        return 0, None
    accepted = inspect.signature(prepare).parameters
    models_own("prepare", lambda: prepare(task, corpus, train, **{key: value for key, value in
                                                                 (("shots", shots), ("seed", seed)) if key in accepted}))
    return (shots if "shots" in accepted else 0), source


def _check_arguments(shots, limit, meta, model_options) -> None:
    """Refuse, before any work, arguments of the wrong kind (they would fail deep inside, or in the submission)."""
    from collections.abc import Mapping

    if not whole_at_least(shots, 0):
        raise CodemixError(f"shots must be a whole number >= 0, not {shots!r}")
    if limit is not None and not whole_at_least(limit, 1):
        raise CodemixError(f"limit must be a whole number >= 1 (or None), not {limit!r}")
    if meta is not None:
        if not isinstance(meta, Mapping):
            raise CodemixError(f"meta is a dict of meta.json fields (team, system, description, ...), not {meta!r}")
        problems = meta_field_problems(meta)
        if problems:
            raise CodemixError("meta: " + "; ".join(problems))
    if model_options is not None and not isinstance(model_options, Mapping):
        raise CodemixError(f"model_options is a dict of the adapter's options (batch_size=..., ...), not {model_options!r}")


def _predict(model, task, corpus: str, records: list[dict], show: bool) -> list:
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(records), desc=f"{task.name}/{corpus}", unit="item", leave=True, file=sys.stderr)
    out: list = []
    try:
        for start in range(0, len(records), CHUNK):
            chunk = records[start:start + CHUNK]
            try:
                returned = model.predict(task, [_own_copy(record) for record in chunk])
                if returned is None or isinstance(returned, (str, bytes, dict)) or not hasattr(returned, "__iter__"):
                    what = "None" if returned is None else f"a {type(returned).__name__}"
                    raise CodemixError(f"{task.name}/{corpus}: the model's predict returned {what}, not a list with one "
                                       "prediction per record")
                predicted = list(returned)
            except CodemixError:
                raise
            except Exception as error:  # the model's own bug: its traceback is what its author needs, plus where
                error.add_note(f"codemix: raised by the model's predict on {task.name}/{corpus}, records "
                               f"{chunk[0]['id']} to {chunk[-1]['id']}")
                raise
            if len(predicted) != len(chunk):
                raise CodemixError(f"{task.name}/{corpus}: the model returned {len(predicted)} predictions for "
                                   f"{len(chunk)} records (records {chunk[0]['id']} ...); predict must return one per record")
            for record, prediction in zip(chunk, predicted):
                check_prediction(task, record, prediction)
            out += predicted
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    return out


def _own_copy(record: dict) -> dict:
    """The record for the model to keep or change: its ids and token lists are what the checks,
    the submission and the slices read after ``predict`` returns."""
    return {key: list(value) if isinstance(value, list) else value for key, value in record.items()}


def check_prediction(task, record: dict, prediction) -> None:
    """A label of the task (or ``None``); for token tasks a list with one per token."""
    where = f"{task.name}, record {record['id']}"
    if task.level == "token":
        if not isinstance(prediction, (list, tuple)):
            raise CodemixError(f"{where}: the model returned a {type(prediction).__name__} ({str(prediction)[:40]!r}) where a "
                               f"token task needs a list of {len(record['tokens'])} labels, one per token")
        if len(prediction) != len(record["tokens"]):
            raise CodemixError(f"{where}: the model returned {len(prediction)} labels for {len(record['tokens'])} tokens")
        values = prediction
    else:
        values = [prediction]
    bad = [v for v in values if v is not None and v not in task.labels]
    if bad:
        raise CodemixError(f"{where}: the model predicted {str(bad[0])[:60]!r}, not a {task.name} label "
                           f"({', '.join(task.labels)}; None means no answer)")


def _meta(details: dict, meta: dict | None, shots: int, seed: int, limit: int | None, cells: dict) -> dict:
    from codemix.common.version import VERSION as __version__

    kind = details.get("kind", "other")
    templates = details.get("templates") or {}
    base = {
        "team": "anonymous", "system": details.get("spec", "model"),
        "description": f"{details.get('spec', 'model')} ({kind}{', %d-shot' % shots if kind == 'prompted' else ''}), "
                       f"evaluated with codemix {__version__}",
        # a pre-trained model saw data beyond the corpus's training split
        "external_data": [f"pre-trained model {details['spec']}"] if kind in ("fine-tuned", "prompted") else False,
        "model": details.get("spec"), "kind": kind, "shots": shots, "seed": seed,
        "prompt_templates": {task: {"name": t["name"], "version": t["version"], "source": t["source"]}
                             for task, t in templates.items()},
        "decoding": details.get("decoding"), "fingerprint": details.get("fingerprint"),
        "cells": cells, "codemix_version": __version__, "model_details": details,
    }
    cut = sorted(cell for cell, facts in cells.items() if facts.get("partial"))
    if limit is not None and (cut or not cells):  # no cells yet: the meta checked before any work
        base["partial"] = {"limit": limit, "cells": cut,
                           "why": "--limit evaluated only the first items of these cells' test sets"}
    for key, value in (meta or {}).items():
        base[key] = value
    return base
