"""``codemix benchmark``: every baseline on every available corpus and task, next to published results.

Options add a transfer matrix (train on one corpus, test on each other corpus of the task,
test-only corpora included) and a script-robustness check (the same model on the test set with
native-script tokens romanised).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from codemix.baselines.base import check_seed, default_benchmark_baselines, fits, get_baseline
from codemix.baselines.published import reference_rows, romanised
from codemix.common.names import name_list
from codemix.common.paths import check_output_folder
from codemix.loaders.registry import all_specs
from codemix.tasks.registry import get_task, list_tasks
from codemix.tasks.scoring import gold_by_id, score_by_id


def score_model(model, task, records) -> dict[str, Any]:
    """Scores of ``model`` on the annotated ``records``, joined on id."""
    gold = gold_by_id(task, records)
    predictions = dict(zip(records["id"], model.predict(task, records)))
    return score_by_id(task, gold, {key: predictions[key] for key in gold})


def run_benchmark(corpora=None, baselines=None, tasks=None, out="benchmark-results", data_dir=None, seed: int = 0,
                  transfer: bool = False, script_robustness: bool = False, verify: bool = True, echo=print) -> dict:
    """Run the benchmark and write ``results.json`` and ``results.md`` (plus heatmaps) to ``out``.

    ``baselines`` defaults to the classical ones plus, with torch installed, the neural tier
    (bilstm_crf and the ensemble, which reuses the grid's char_ngram, crf and bilstm_crf models;
    all its members, those three among them, train in worker processes).
    Under torchrun or accelerate every process computes, and only the main one (RANK 0) writes.
    """
    if baselines is None:
        baselines = default_benchmark_baselines()
        if "bilstm_crf" not in baselines:
            echo("the neural tier (bilstm_crf, ensemble) is skipped: torch is not installed "
                 "(pip install 'codemix[neural]')")
    check_seed(seed)
    corpora, tasks = name_list(corpora, "corpora"), name_list(tasks, "tasks")
    baselines = name_list(baselines, "baselines")
    main_process = int(os.environ.get("RANK", "0")) == 0
    out = check_output_folder(out) if main_process else Path(out)  # before minutes of fitting
    from codemix.loaders.api import load_available

    datasets = load_available(corpora, data_dir, verify, echo)
    task_names = tasks or list_tasks()
    rows, robustness, models = [], [], {}
    from codemix.loaders.progress import bar

    grid = [(c, t, b) for c, d in datasets.items() if "train" in d and "test" in d for t in task_names
            if t in all_specs()[c].tasks for b in baselines if fits(b, get_task(t))]
    progress = bar(len(grid), "benchmark", unit="cell")
    for corpus, dataset in datasets.items():
        spec = all_specs()[corpus]
        if "train" not in dataset or "test" not in dataset:
            continue
        corpus_tasks = [get_task(name) for name in task_names if name in spec.tasks]
        votes = {}
        try:
            # every member of every vote of the corpus is queued at once, so the workers go on to
            # the next task's while this process still scores the first
            for task in corpus_tasks:
                votes[task.name] = _start_vote(task, [b for b in baselines if fits(b, task)], dataset, seed)
            for task in corpus_tasks:
                began = time.perf_counter()
                for baseline in [b for b in baselines if fits(b, task)]:
                    model, seconds = _fit_cell(corpus, task, baseline, dataset, seed, models, votes[task.name], began)
                    models[(corpus, task.name, baseline)] = model
                    row = _row(spec, task, baseline, model, seconds, dataset, seed, models)
                    rows.append(row)
                    echo(f"{corpus:26} {task.name:10} {baseline:11} acc {row['accuracy']:.4f}  macro-F1 {row['macro_f1']:.4f}  "
                         f"weighted-F1 {row['weighted_f1']:.4f}  ({seconds:.1f} s)")
                    if script_robustness:
                        robustness.append(_robustness(corpus, task, baseline, model, dataset["test"], row))
                    progress.update(1)
        except BaseException:
            for vote in votes.values():
                if vote is not None:
                    vote.stop()  # no network left training after a failure or Ctrl-C
            raise
    progress.close()
    if not rows:
        from codemix.common.errors import CodemixError

        raise CodemixError(f"nothing ran: {_why_nothing_ran(datasets, task_names, baselines)}")
    results: dict[str, Any] = {"rows": rows, "seed": seed, "chosen": chosen_on_validation(rows)}
    if script_robustness:
        results["script_robustness"] = robustness
    if transfer:
        results["transfer"] = _transfer(datasets, task_names, baselines, models, seed, out if main_process else None, echo)
    if not main_process:
        return results
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from codemix.baselines.report import results_markdown

    (out / "results.md").write_text(results_markdown(results), encoding="utf-8")
    from codemix.loaders.citations import references_bib

    (out / "references.bib").write_text(references_bib(sorted({row["corpus"] for row in rows})), encoding="utf-8")
    return results


def _row(spec, task, baseline, model, seconds, dataset, seed, models) -> dict:
    """The results row of one fitted cell: validation and test scores, time, config, published results."""
    scores = score_model(model, task, dataset["test"])
    row = {"corpus": spec.name, "task": task.name, "baseline": baseline, "main": task.main_score,
           "validation_main": validation_score(model, task, dataset),
           **{k: round(scores[k], 4) for k in ("accuracy", "macro_f1", "weighted_f1")},
           "train_seconds": round(seconds, 2), "config": model.config(),
           "published": reference_rows(spec, task, baseline, model, dataset, seed)}
    if task.name == "pos" and "lid" in spec.tasks:
        # the LID model of this grid (lid comes before pos) when it was trained, else one is
        row["pos_with_predicted_lid"] = pos_with_predicted_lid(model, baseline, dataset, seed,
                                                               models.get((spec.name, "lid", baseline)))
    return row


def _why_nothing_ran(datasets: dict, task_names: list[str], baselines: list[str]) -> str:
    """Each corpus's reason for giving the benchmark no cell, so the fix is plain."""
    if not datasets:
        return "no corpus files found on disk (pass data_dir=..., or choose other corpora=... / tasks=...)"
    reasons = []
    for corpus, dataset in datasets.items():
        tasks_here = [name for name in task_names if name in all_specs()[corpus].tasks]
        if "train" not in dataset:
            reasons.append(f"{corpus} is test-only (transfer=True scores it with the models trained on the other corpora)")
        elif "test" not in dataset:
            reasons.append(f"{corpus} has no test split on disk")
        elif not tasks_here:
            reasons.append(f"{corpus} has none of the tasks {', '.join(task_names)} (its tasks: "
                           f"{', '.join(all_specs()[corpus].tasks)})")
        else:
            reasons.append(f"{corpus}: none of the baselines {', '.join(baselines)} handles "
                           f"{', '.join(tasks_here)}")
    return "; ".join(reasons)


def _start_vote(task, baselines: list, dataset, seed: int):
    """The ensemble with all its members (the grid's ``char_ngram``, ``crf`` and ``bilstm_crf``)
    already training in worker processes, when this grid fits the ensemble after all its
    members; else None."""
    from codemix.baselines.ensemble import MEMBERS

    if "ensemble" not in baselines or not all(member in baselines[:baselines.index("ensemble")] for member in MEMBERS):
        return None
    return get_baseline("ensemble", seed=seed).start(task, dataset["train"], dataset["validation"], with_members=True)


def _fit_cell(corpus, task, baseline, dataset, seed, models, vote, task_began: float):
    """Fit one cell's model. With a started ``vote`` (``_start_vote``), a cell of one of its members
    is the model it trained (with that model's wall time in its worker, beside the others), and
    the ensemble reuses them; its time is then the wall time from its task's first cell
    (``task_began``) to its vote (what its members trained before, during an earlier task of the
    corpus, is not in it)."""
    from codemix.baselines.ensemble import MEMBERS

    if vote is not None and baseline in MEMBERS:
        return vote.member(task, baseline)
    if vote is not None and baseline == "ensemble":  # after its members (``_start_vote``)
        members = {member: models[(corpus, task.name, member)] for member in MEMBERS}
        return vote.adopt(task, members, dataset["train"], dataset["validation"]), time.perf_counter() - task_began
    started = time.perf_counter()
    model = get_baseline(baseline, seed=seed).fit(task, dataset["train"], dataset["validation"])
    return model, time.perf_counter() - started


def _robustness(corpus, task, baseline, model, test, row) -> dict:
    scores = score_model(model, task, romanised(test))
    main = task.main_score
    return {"corpus": corpus, "task": task.name, "baseline": baseline, "metric": main, "original": row[main],
            "romanised": round(scores[main], 4), "difference": round(scores[main] - row[main], 4)}


def pos_with_predicted_lid(pos_model, baseline: str, dataset, seed: int, tagger=None) -> float:
    """The POS main score when the test records' LID tags come from an LID model of the same
    baseline (``tagger``, or one trained here on the same train split) instead of the gold
    annotation: the pipeline number, next to the LID-given one the ICON contests allowed."""
    lid_task = get_task("lid")
    tagger = tagger or get_baseline(baseline, seed=seed).fit(lid_task, dataset["train"], dataset["validation"])
    test = dataset["test"]
    predicted = tagger.predict(lid_task, test)
    from codemix.loaders.cache import quiet_datasets

    with quiet_datasets():
        # kept in memory: nothing is written into the cache folder the split was read from
        piped = test.map(lambda record, index: {"lid": predicted[index]}, with_indices=True, keep_in_memory=True)
    task = get_task("pos")
    return round(score_model(pos_model, task, piped)[task.main_score], 4)


def validation_score(model, task, dataset) -> float | None:
    """The model's main score on validation, from its own selection (before any refit on
    train + validation); for a baseline that selects nothing (majority), scored directly."""
    recorded = model.config().get(f"validation_{task.main_score}")
    if recorded is not None:
        return recorded
    if model.name == "majority" and "validation" in dataset:
        gold = dataset["validation"]
        annotated = [r for r in gold if r[task.field]]
        if annotated:
            return round(task.score([r[task.field] for r in annotated], model.predict(task, annotated))[task.main_score], 4)
    return None


def chosen_on_validation(rows: list[dict]) -> list[dict]:
    """Per (corpus, task), the baseline with the best validation main score (test never decides)."""
    best: dict[tuple[str, str], dict] = {}
    for row in rows:
        if row["validation_main"] is None:
            continue
        key = (row["corpus"], row["task"])
        if key not in best or row["validation_main"] > best[key]["validation_main"]:
            best[key] = row
    return [{"corpus": c, "task": t, "baseline": r["baseline"], "metric": r["main"], "validation": r["validation_main"],
             "test": r[r["main"]]} for (c, t), r in sorted(best.items())]


def _transfer(datasets, task_names, baselines, models, seed, out, echo) -> list[dict]:
    cells = []
    for task_name in task_names:
        task = get_task(task_name)
        have = {c: d for c, d in datasets.items() if task_name in all_specs()[c].tasks and "test" in d}
        sources = [c for c, d in have.items() if "train" in d]
        for baseline in [b for b in baselines if fits(b, task)]:
            for source in sources:
                model = models.get((source, task_name, baseline))
                if model is None:
                    model = get_baseline(baseline, seed=seed).fit(task, have[source]["train"], have[source]["validation"])
                for target, dataset in have.items():
                    scores = score_model(model, task, dataset["test"])
                    cells.append({"task": task_name, "baseline": baseline, "train": source, "test": target,
                                  "metric": task.main_score, "score": round(scores[task.main_score], 4)})
            echo(f"transfer {task_name} {baseline}: {len(sources)} x {len(have)} cells")
    if out is not None:  # the main process draws; the others only compute
        from codemix.baselines.report import draw_heatmaps

        out.mkdir(parents=True, exist_ok=True)
        draw_heatmaps(cells, out)
    return cells
