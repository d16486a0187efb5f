"""The leaderboard as one static HTML page, rendered from a jinja2 template with autoescaping on.

Per task, a score matrix (submissions x corpora) coloured by score, with each corpus's published
results as reference rows that are never ranked; filters by model kind and external data; per
cell, an anchor with the ranking, per-label scores and the scores by how mixed the text is. The
page needs no server and no build step. Because the template escapes every value by default, a
forgotten escape cannot open a hole: user strings never reach the page unescaped.
"""

from __future__ import annotations

import functools
import math
from typing import Any

SLICE_DIMENSIONS = ("cmi", "script", "matrix_language")


def render_page(results: dict) -> str:
    """The whole page for ``results`` (``Leaderboard.results()``)."""
    return _template().render(**page_model(results))


@functools.lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("codemix.leaderboard", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["heat"] = heat
    environment.filters["score"] = lambda value: "-" if value is None else f"{value:.4f}"
    return environment.get_template("page.html.j2")


def heat(value: float | None) -> str:
    """A background colour for a score in [0, 1]: pale red (low) through pale yellow to green (high).

    >>> heat(0.0), heat(1.0), heat(None)
    ('hsl(0, 70%, 88%)', 'hsl(120, 70%, 78%)', 'transparent')
    """
    if value is None or not math.isfinite(value):
        return "transparent"
    value = min(1.0, max(0.0, value))
    return f"hsl({round(120 * value)}, 70%, {round(88 - 10 * value)}%)"


def page_model(results: dict) -> dict[str, Any]:
    """Everything the template shows, computed here so the template only lays it out."""
    from codemix.loaders.registry import all_specs

    specs = all_specs()
    by_id = {s["id"]: s for s in results["submissions"]}
    tasks = []
    for task, info in results["tasks"].items():
        cells = {c["corpus"]: c for c in results["cells"] if c["task"] == task}
        corpora = info["corpora"]
        mean = {m["submission_id"]: m for m in info["means"]}
        main = {(entry["submission_id"], corpus): entry["main"] for corpus in corpora for entry in cells[corpus]["ranking"]}
        submitted = sorted({sid for sid, _ in main}, key=lambda sid: (mean[sid]["rank"] if sid in mean else 10**9, sid))
        rows = [{"submission": by_id[sid], "kind": by_id[sid].get("kind", "unstated"),
                 "external": _external(by_id[sid]["external_data"]),
                 "scores": [main.get((sid, corpus)) for corpus in corpora],
                 "rank": mean[sid]["rank"] if sid in mean else None,
                 "mean": mean[sid]["mean"] if sid in mean else None} for sid in submitted]
        references = [
            {"system": reference.system + (" (unverified)" if reference.unverified else ""), "metric": reference.metric,
             "kind": reference.model_kind or "published",
             "corpus": corpus, "value": reference.value, "protocol": _protocol(reference),
             "same_metric": reference.metric == cells[corpus]["main_score"]}
            for corpus in corpora if corpus in specs for reference in specs[corpus].references if reference.task == task]
        details = [_cell_detail(cells[corpus], by_id) for corpus in corpora]
        tasks.append({"name": task, "corpora": corpora, "metric": cells[corpora[0]]["main_score"] if corpora else "",
                      "rows": rows, "references": references, "cells": details,
                      "inputs": _declared_inputs(task)})
    kinds = sorted({s.get("kind", "unstated").split(" ")[0] for s in results["submissions"]})
    synthetic = sorted({c["corpus"] for c in results["cells"] if c["corpus"] in specs and specs[c["corpus"]].domain == "synthetic"})
    return {"results": results, "tasks": tasks, "kinds": kinds, "synthetic": synthetic,
            "overall": results["overall"], "submissions": [_submission_view(s) for s in results["submissions"]]}


def _cell_detail(cell: dict, by_id: dict) -> dict:
    ranking = cell["ranking"]
    labels = sorted({label for entry in ranking for label in entry.get("per_label", {})})
    slices = []
    for dimension in SLICE_DIMENSIONS:
        values = list(dict.fromkeys(v for entry in ranking for v in entry.get("slices", {}).get(dimension, {})))
        if not values:
            continue
        items = {v: next(e["slices"][dimension][v]["items"] for e in ranking if v in e.get("slices", {}).get(dimension, {}))
                 for v in values}
        slices.append({"name": dimension.replace("_", " "), "values": values, "items": items,
                       "rows": [{"entry": e, "scores": [e.get("slices", {}).get(dimension, {}).get(v, {}).get("main")
                                                        for v in values]} for e in ranking]})
    return {"task": cell["task"], "corpus": cell["corpus"], "anchor": f"cell-{cell['task']}-{cell['corpus']}",
            "main_score": cell["main_score"], "items": cell["items"], "ranking": ranking, "labels": labels,
            "slices": slices, "corpus_version": cell["corpus_version"], "task_version": cell["task_version"],
            "gold_sha256": cell["gold_sha256"]}


def _submission_view(submission: dict) -> dict:
    import json

    config = submission["meta"].get("config")
    return {**submission, "external": _external(submission["external_data"]),
            "config_text": json.dumps(config, ensure_ascii=False)[:300] if config is not None else ""}


def _external(value) -> str:
    if value is True or (isinstance(value, list) and value):
        return "yes"
    return "no"


def _protocol(reference) -> str:
    parts = [reference.label_scheme + " labels", reference.split]
    if reference.domain:
        parts.append(reference.domain)
    if reference.note:
        parts.append(reference.note)
    if reference.unverified:
        parts.append("UNVERIFIED: " + reference.unverified)
    return "; ".join(parts)


def _declared_inputs(task_name: str) -> str:
    from codemix.common.errors import UnknownNameError
    from codemix.tasks.registry import get_task

    try:
        return ", ".join(get_task(task_name).inputs)
    except UnknownNameError:
        return ""
