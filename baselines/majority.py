"""Majority: the most frequent label (sentence tasks), or per word form, else global (token tasks)."""

from __future__ import annotations

from collections import Counter, defaultdict

from codemix.baselines.base import Baseline


class MajorityBaseline(Baseline):
    """The most frequent label (per word form for token tasks), the floor every model must beat."""
    name = "majority"

    def _fit(self, task, examples, dev) -> None:
        if task.level == "sentence":
            counts = Counter(label for _, label in examples)
            self.default = _most_common(counts)
            self.by_form = {}
        else:
            by_form: dict[str, Counter] = defaultdict(Counter)
            overall: Counter = Counter()
            for item, labels in examples:
                for token, label in zip(item.tokens, labels):
                    by_form[token.lower()][label] += 1
                    overall[label] += 1
            self.default = _most_common(overall)
            self.by_form = {form: _most_common(counts) for form, counts in by_form.items()}
        self.chosen = {"default_label": self.default}

    def _predict(self, task, inputs) -> list:
        if task.level == "sentence":
            return [self.default for _ in inputs]
        return [[self.by_form.get(token.lower(), self.default) for token in item.tokens] for item in inputs]


def _most_common(counts: Counter):
    # ties broken by label name, so the result does not depend on the order of the data
    return min(counts, key=lambda label: (-counts[label], label))
