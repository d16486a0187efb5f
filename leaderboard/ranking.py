"""Ranking per cell by its main score; task and overall means only over complete coverage."""

from __future__ import annotations

from statistics import fmean


def competition_ranks(entries: list[dict], key: str) -> list[dict]:
    """Sort by ``key`` (higher is better) and number 1, 2, 2, 4: equal scores share a rank.

    >>> [e["rank"] for e in competition_ranks([{"s": .5, "submission_id": 1}, {"s": .9, "submission_id": 2},
    ...                                         {"s": .5, "submission_id": 3}], "s")]
    [1, 2, 2]
    """
    ordered = sorted(entries, key=lambda e: (-e[key], e["submission_id"]))
    for index, entry in enumerate(ordered):
        tied = index and ordered[index - 1][key] == entry[key]
        entry["rank"] = ordered[index - 1]["rank"] if tied else index + 1
    return ordered


def rank(cells: dict, submissions: list[dict], scores: list[dict], stale: int = 0) -> dict:
    """The ranked view of a leaderboard.

    A task mean is given only to submissions that scored every cell of that task; the overall
    mean (the mean of the task means, so every task weighs the same) only to submissions that
    scored every cell - never an average over the cells someone happened to submit.
    """
    by_id = {s["id"]: s for s in submissions}
    named = lambda entry: entry | {"team": by_id[entry["submission_id"]]["team"],  # noqa: E731
                                   "system": by_id[entry["submission_id"]]["system"],
                                   "kind": by_id[entry["submission_id"]].get("kind", "unstated")}
    cell_views = []
    for (task, corpus), gold in sorted(cells.items()):
        entries = [named({"submission_id": s["submission_id"], "main": s["main"], "accuracy": s["accuracy"],
                          "macro_f1": s["macro_f1"], "weighted_f1": s["weighted_f1"],
                          "unanswered": s.get("unanswered", 0), "slices": s.get("slices", {}),
                          "per_label": s.get("per_label", {})})
                   for s in scores if (s["task"], s["corpus"]) == (task, corpus)]
        cell_views.append({"task": task, "corpus": corpus, "main_score": gold["main_score"], "items": gold["n_items"],
                           "gold_sha256": gold["sha256"], "corpus_version": gold["corpus_version"],
                           "task_version": gold["task_version"], "ranking": competition_ranks(entries, "main")})
    main = {(s["submission_id"], s["task"], s["corpus"]): s["main"] for s in scores}
    tasks = {}
    for task in sorted({t for t, _ in cells}):
        task_cells = [c for t, c in sorted(cells) if t == task]
        means = []
        for submission in submissions:
            values = [main.get((submission["id"], task, corpus)) for corpus in task_cells]
            if all(v is not None for v in values):
                means.append(named({"submission_id": submission["id"], "mean": fmean(values)}))
        tasks[task] = {"corpora": task_cells, "means": competition_ranks(means, "mean")}
    overall = []
    for submission in submissions:
        task_means = [next((m["mean"] for m in tasks[t]["means"] if m["submission_id"] == submission["id"]), None)
                      for t in tasks]
        if tasks and all(m is not None for m in task_means):
            overall.append(named({"submission_id": submission["id"], "mean": fmean(task_means)}))
    return {"cells": cell_views, "tasks": tasks, "overall": competition_ranks(overall, "mean"),
            "submissions": submissions, "scores": scores, "stale_scores": stale}
