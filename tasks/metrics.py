"""Corpus-level classification metrics over flat label lists.

Plain Python, no dependencies; every function is checked against scikit-learn called directly
(tests/test_metrics.py). Token tasks pass the pooled tokens of a whole test set (never
per-sentence averages). Macro-F1 averages over the labels that occur in gold *or* prediction
(scikit-learn's default when ``labels`` is not given); a label in neither does not count.

A prediction of ``None`` is *no answer* (a prompted model whose reply could not be parsed, a
token it did not tag): it is wrong for accuracy and a miss for the gold label's recall, but it
is not a class of its own - it never enters the macro average. This equals scikit-learn with
``labels=`` the real labels in gold or prediction.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from codemix.common.errors import CodemixError


class MetricInputError(CodemixError):
    """Gold and prediction lists that cannot be compared."""


def check_not_strings(gold, pred) -> None:
    """Refuse one string where a list of labels belongs: it would be scored character by character.

    >>> check_not_strings("positive", ["positive"])
    Traceback (most recent call last):
    ...
    codemix.tasks.metrics.MetricInputError: gold is one string ('positive'); pass a list of labels, one per item
    """
    for name, values in (("gold", gold), ("pred", pred)):
        if isinstance(values, str):
            raise MetricInputError(f"{name} is one string ({values[:40]!r}); pass a list of labels, one per item")


def check_inputs(gold: Sequence[str], pred: Sequence[str | None], allowed: Iterable[str] | None = None) -> None:
    """Raise ``MetricInputError`` for a length mismatch or labels outside ``allowed``.

    ``None`` in ``pred`` (no answer) is always allowed; gold must hold real labels.

    >>> check_inputs(["a", "b"], ["a"])
    Traceback (most recent call last):
    ...
    codemix.tasks.metrics.MetricInputError: gold has 2 labels but pred has 1; they must be aligned one to one
    """
    check_not_strings(gold, pred)
    if len(gold) != len(pred):
        raise MetricInputError(f"gold has {len(gold)} labels but pred has {len(pred)}; they must be aligned one to one")
    if not gold:
        raise MetricInputError("gold and pred are empty: nothing to score")
    if allowed is not None:
        allowed = set(allowed)
        for name, values in (("gold", gold), ("pred", [p for p in pred if p is not None])):
            bad = sorted({str(v) for v in values if v not in allowed})
            if bad:
                raise MetricInputError(f"{name} has labels {bad[:10]} outside the allowed set {sorted(allowed)}")


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of positions where pred equals gold.

    >>> accuracy(["hi", "en", "hi", "other"], ["hi", "hi", "hi", "other"])
    0.75
    """
    check_inputs(gold, pred)
    return sum(g == p for g, p in zip(gold, pred)) / len(gold)


def per_label(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and gold support for every label in gold or pred (0 where undefined).

    >>> per_label(["a", "a", "b"], ["a", "b", "b"])["b"]
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6666666666666666, 'support': 1}
    >>> sorted(per_label(["a", "b"], ["a", None]))   # no answer is not a label
    ['a', 'b']
    """
    check_inputs(gold, pred)
    true_positive: Counter = Counter()
    gold_count = Counter(gold)
    pred_count = Counter(pred)
    for g, p in zip(gold, pred):
        if g == p:
            true_positive[g] += 1
    out = {}
    for label in sorted((set(gold_count) | set(pred_count)) - {None}):
        tp = true_positive[label]
        precision = tp / pred_count[label] if pred_count[label] else 0.0
        recall = tp / gold_count[label] if gold_count[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": gold_count[label]}
    return out


def summary(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, macro-F1, weighted-F1 and per-label scores from one pass over the labels.

    >>> s = summary(["a", "a", "b"], ["a", "b", "b"])
    >>> round(s["accuracy"], 4), round(s["macro_f1"], 4), round(s["weighted_f1"], 4)
    (0.6667, 0.6667, 0.6667)
    """
    labels = per_label(gold, pred)
    return {"accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold),
            "macro_f1": sum(s["f1"] for s in labels.values()) / len(labels),
            "weighted_f1": sum(s["f1"] * s["support"] for s in labels.values()) / len(gold),
            "per_label": labels}


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean F1 over the labels present in gold or pred.

    >>> round(macro_f1(["a", "a", "b"], ["a", "b", "b"]), 4)
    0.6667
    """
    return summary(gold, pred)["macro_f1"]


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over labels weighted by their gold support (labels only predicted weigh 0).

    >>> round(weighted_f1(["a", "a", "b"], ["a", "b", "b"]), 4)
    0.6667
    """
    return summary(gold, pred)["weighted_f1"]


def confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """``confusion[gold_label][pred_label] = count``.

    >>> confusion(["a", "b"], ["b", "b"])
    {'a': {'b': 1}, 'b': {'b': 1}}
    """
    check_inputs(gold, pred)
    out: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred):
        out.setdefault(g, {}).setdefault(p, 0)
        out[g][p] += 1
    return out


METRICS = {"accuracy": accuracy, "macro_f1": macro_f1, "weighted_f1": weighted_f1}
