"""A vote of three different token taggers: the linear model over character n-grams
(``char_ngram``), the feature CRF (``crf``) and the neural BiLSTM-CRF (``bilstm_crf``).

Each member is fitted and tuned on its own (train, chosen on validation); each token then takes
the label that at least two members give it, and where all three disagree, the label of the
member with the best validation score. Models that err differently - sparse features, a
transition model, learned character vectors - correct each other on the tokens where one of
them is unsure. The vote's own validation score is recorded so that ``codemix benchmark``
compares it with its members on validation, never on test.
"""

from __future__ import annotations

import time
from collections import Counter

from codemix.baselines.base import Baseline, get_baseline, labelled
from codemix.common.errors import CodemixError
from codemix.tasks.metrics import METRICS

MEMBERS = ("char_ngram", "crf", "bilstm_crf")


class EnsembleBaseline(Baseline):
    """Token-level majority vote of char_ngram, crf and bilstm_crf (see the module docstring)."""

    name = "ensemble"
    levels = ("token",)
    kind = "neural"  # one member is the BiLSTM-CRF

    def fit(self, task, train, validation=None) -> EnsembleBaseline:
        """Fit each member on ``train`` (each chooses on ``validation``), then score the vote on validation."""
        if task.level not in self.levels:
            return super().fit(task, train, validation)  # the base class refuses with the usual message
        started = time.perf_counter()
        members = {name: get_baseline(name, seed=self.seed).fit(task, train, validation) for name in MEMBERS}
        return self.adopt(task, members, validation, time.perf_counter() - started)

    def adopt(self, task, members: dict, validation=None, member_seconds: float | None = None) -> EnsembleBaseline:
        """Vote with members already fitted on the same train split (the benchmark reuses its grid's models)."""
        missing = [name for name in MEMBERS if name not in members]
        if missing:
            raise CodemixError(f"ensemble needs fitted {', '.join(MEMBERS)} members; missing {', '.join(missing)}")
        self.members = {name: members[name] for name in MEMBERS}
        self.task_name = task.name
        scores = {name: member.config().get(f"validation_{task.main_score}") for name, member in self.members.items()}
        # the tie-breaker: the member best on validation (the first member without validation data)
        known = {name: score for name, score in scores.items() if score is not None}
        self.lead = max(known, key=lambda name: (known[name], -MEMBERS.index(name))) if known else MEMBERS[0]
        dev = labelled(task, validation) if validation is not None and len(validation) else []
        score = None
        if dev:
            gold = [label for _, labels in dev for label in labels]
            predicted = self._predict(task, [item for item, _ in dev])
            score = round(METRICS[task.main_score](gold, [label for labels in predicted for label in labels]), 4)
        self.chosen = {"members": list(MEMBERS), "tie_breaker": self.lead, "member_validation": scores,
                       f"validation_{task.main_score}": score}
        if member_seconds is not None:
            self.chosen["members_fit_seconds"] = round(member_seconds, 2)
        return self

    def _predict(self, task, inputs) -> list:
        votes = {name: member._predict(task, inputs) for name, member in self.members.items()}
        out = []
        for index in range(len(inputs)):
            sentence = []
            for labels in zip(*(votes[name][index] for name in MEMBERS)):
                label, count = Counter(labels).most_common(1)[0]
                sentence.append(label if count >= 2 else labels[MEMBERS.index(self.lead)])
            out.append(sentence)
        return out
