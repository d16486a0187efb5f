"""Scoring predictions against gold, joined on id: the one code path for baselines and participants."""

from __future__ import annotations

from typing import Any, Mapping

from codemix.tasks.metrics import MetricInputError
from codemix.tasks.task import Task


def score_by_id(task: Task, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, Any]:
    """Score ``pred`` (id -> label or token labels) against ``gold`` (id -> gold), joined on id.

    Every gold id needs a prediction and no prediction may be for an unknown id; the order of
    either mapping never matters.

    >>> from codemix.tasks.registry import get_task
    >>> score_by_id(get_task("sentiment"), {"a": "positive", "b": "negative"}, {"b": "negative", "a": "neutral"})["accuracy"]
    0.5
    """
    missing = [key for key in gold if key not in pred]
    extra = [key for key in pred if key not in gold]
    if missing or extra:
        raise MetricInputError(f"{task.name}: predictions miss {len(missing)} gold ids (first: {missing[:3]}) and have "
                               f"{len(extra)} unknown ids (first: {extra[:3]})")
    ids = list(gold)
    return task.score([gold[key] for key in ids], [pred[key] for key in ids])


def gold_by_id(task: Task, records) -> dict[str, Any]:
    """id -> gold for the records that are annotated for ``task`` (unlabelled ones are left out)."""
    out = {}
    for record in records:
        value = record[task.field]
        if value is None or (task.level == "token" and not value):
            continue
        out[record["id"]] = value
    return out
