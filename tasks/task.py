"""``Task``: what a task reads, its closed label set, its metrics and its main score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from codemix.tasks.metrics import METRICS, MetricInputError, check_inputs, check_not_strings, summary


@dataclass(frozen=True)
class Task:
    """A task over codemix records.

    ``field`` is the record field holding gold labels; ``level`` is ``token`` (one label per
    token, scored over all tokens of a test set pooled) or ``sentence``.
    """

    name: str
    field: str
    level: str
    labels: tuple[str, ...]
    main_score: str
    description: str
    version: str
    metrics: tuple[str, ...] = ("accuracy", "macro_f1", "weighted_f1")
    # What a system may read of a test record at prediction time; everything else (gold labels
    # of any task, source labels) is withheld.
    inputs: tuple[str, ...] = ("id", "corpus", "split", "text", "tokens", "domain")

    def prediction_input(self, record: dict) -> dict:
        """The record as a system may see it: only the fields in ``inputs``.

        >>> from codemix.tasks.registry import get_task
        >>> sorted(get_task("sentiment").prediction_input({"id": "a", "text": "t", "tokens": ["t"], "sentiment": "positive"}))
        ['id', 'text', 'tokens']
        """
        return {name: record[name] for name in self.inputs if name in record}

    def score(self, gold: Sequence, pred: Sequence) -> dict[str, Any]:
        """Score predictions against gold: accuracy, macro_f1, weighted_f1, per_label, main, n, unanswered.

        Token tasks take one label list per sentence (or already flat lists); the lists are
        checked sentence by sentence and pooled. Macro-F1 is over the labels present in gold
        or prediction. A ``None`` prediction is no answer: scored as wrong and counted in
        ``unanswered``, never dropped (see ``codemix.tasks.metrics``). Unknown labels and misaligned inputs raise ``MetricInputError`` naming
        the offending sentence and values.
        """
        check_not_strings(gold, pred)
        gold_flat, pred_flat = self.flatten(gold, pred)
        check_inputs(gold_flat, pred_flat, self.labels)
        computed = summary(gold_flat, pred_flat)  # per-label counts once; the averages derive from them
        scores: dict[str, Any] = {name: computed[name] if name in computed else METRICS[name](gold_flat, pred_flat)
                                  for name in self.metrics}
        scores["per_label"] = computed["per_label"]
        scores["main"] = self.main_score
        scores["n"] = len(gold_flat)
        scores["unanswered"] = sum(p is None for p in pred_flat)
        return scores

    def flatten(self, gold: Sequence, pred: Sequence) -> tuple[list[str], list[str]]:
        """Flat, aligned label lists; sentence-aligned token lists are checked one by one."""
        if len(gold) != len(pred):
            raise MetricInputError(f"{self.name}: gold has {len(gold)} items but pred has {len(pred)}")
        if self.level == "sentence" or not gold or not isinstance(gold[0], (list, tuple)):
            if any(g is None for g in gold):
                raise MetricInputError(f"{self.name}: gold holds None (unlabelled records); drop them before scoring")
            return list(gold), list(pred)
        gold_flat: list[str] = []
        pred_flat: list[str] = []
        for index, (g, p) in enumerate(zip(gold, pred)):
            if not isinstance(p, (list, tuple)) or len(g) != len(p):
                size = len(p) if isinstance(p, (list, tuple)) else type(p).__name__
                raise MetricInputError(f"{self.name}: sentence {index} has {len(g)} gold tokens but pred has {size}")
            gold_flat.extend(g)
            pred_flat.extend(p)
        return gold_flat, pred_flat

    def class_label(self):
        """``datasets.ClassLabel`` over the closed label set, in its canonical order."""
        from datasets import ClassLabel

        return ClassLabel(names=list(self.labels))
