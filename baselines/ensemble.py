"""A vote of different token taggers: the linear model over character n-grams (``char_ngram``),
the feature CRF (``crf``) and BiLSTM-CRF networks (``bilstm_crf``) trained with different seeds.

Each member is fitted and tuned on its own (train, chosen on validation); each token then takes
the label most members give it, and a tie goes to the tied label of the member best on
validation. Models that err differently - sparse features, a transition model, learned
character vectors - correct each other on the tokens where one of them is unsure, and networks
that differ only in their seed cancel out part of the seed's luck (on Dutta's 23,525 train
tokens, one network's validation macro-F1 moved by 0.013 with its seed).

The extra networks (``networks`` in all, seeds ``seed``, ``seed + 1``, ...) are trained in
parallel processes (option ``jobs``, default: the CPUs this process may use), one CPU thread
each, so the numbers do not depend on how many ran at once; the calling process only waits.
On a train split larger than the token models' training bound (``training_tokens``, see
``codemix.baselines.sampling``) one network votes: on a HingLID-sized split (a million tokens)
one network took 226 s, and two more, even at once, would take the corpus's 459 s of selection
and fit past ten minutes on two cores. The vote's own validation score is recorded so that ``codemix benchmark``
compares it with its members on validation, never on test.
"""

from __future__ import annotations

import os
import time
from collections import Counter

from codemix.baselines.base import Baseline, get_baseline, labelled, positive_option
from codemix.baselines.sampling import limits, token_count
from codemix.common.errors import CodemixError
from codemix.tasks.metrics import METRICS

MEMBERS = ("char_ngram", "crf", "bilstm_crf")
NETWORKS = 3  # BiLSTM-CRFs in the vote by default: the grid's own and two more seeds
SAMPLED = ("char_ngram", "crf")  # the members fitted on a bounded sample of a large train split


class EnsembleBaseline(Baseline):
    """Token-level plurality vote of char_ngram, crf and seeded bilstm_crf networks (see the module docstring)."""

    name = "ensemble"
    levels = ("token",)
    kind = "neural"  # the networks are BiLSTM-CRFs

    def fit(self, task, train, validation=None) -> EnsembleBaseline:
        """Fit each member on ``train`` (each chooses on ``validation``), then score the vote on validation."""
        if task.level not in self.levels:
            return super().fit(task, train, validation)  # the base class refuses with the usual message
        self._settings()  # bad options fail before any training
        started = time.perf_counter()
        # the sample bounds given to the vote bound its sampled members too
        bounds = {key: self.options[key] for key in ("selection_tokens", "training_tokens") if key in self.options}
        members = {name: get_baseline(name, seed=self.seed, **(bounds if name in SAMPLED else {})).fit(task, train, validation)
                   for name in MEMBERS}
        return self.adopt(task, members, train, validation, time.perf_counter() - started)

    def adopt(self, task, members: dict, train, validation=None, member_seconds: float | None = None) -> EnsembleBaseline:
        """Vote with members already fitted on ``train`` (the benchmark reuses its grid's models);
        the extra networks are trained here on ``train``."""
        missing = [name for name in MEMBERS if name not in members]
        if missing:
            raise CodemixError(f"ensemble needs fitted {', '.join(MEMBERS)} members; missing {', '.join(missing)}")
        seeds, note = self._network_seeds(task, train)
        started = time.perf_counter()
        self.members = {name: members[name] for name in MEMBERS}
        self.members.update(_fit_networks(task, train, validation, seeds, self._jobs(len(seeds))))
        self.task_name = task.name
        scores = {name: member.config().get(f"validation_{task.main_score}") for name, member in self.members.items()}
        # ties go to the best member on validation; without validation data, to the members' order
        order = list(self.members)
        self.ranking = sorted(order, key=lambda name: (-(scores[name] if scores[name] is not None else -1), order.index(name)))
        dev = labelled(task, validation) if validation is not None and len(validation) else []
        score = None
        if dev:
            gold = [label for _, labels in dev for label in labels]
            predicted = self._predict(task, [item for item, _ in dev])
            score = round(METRICS[task.main_score](gold, [label for labels in predicted for label in labels]), 4)
        self.chosen = {"members": order, "networks": 1 + len(seeds), "tie_order": self.ranking,
                       "member_validation": scores, f"validation_{task.main_score}": score}
        if seeds:
            self.chosen["networks_fit_seconds"] = round(time.perf_counter() - started, 2)
        if note:
            self.chosen["networks_note"] = note
        if member_seconds is not None:
            self.chosen["members_fit_seconds"] = round(member_seconds, 2)
        return self

    def _settings(self) -> tuple[int, int]:
        """``(networks, training_tokens)`` from the options, checked (``jobs`` and the sample bounds too)."""
        if self.options.get("jobs") is not None:
            positive_option("ensemble: jobs", self.options["jobs"])
        _, bound = limits(self.options)
        return positive_option("ensemble: networks", self.options.get("networks", NETWORKS)), bound

    def _network_seeds(self, task, train) -> tuple[list[int], str | None]:
        """The seeds of the networks trained besides the ``bilstm_crf`` member (seeded ``seed``),
        and why there are fewer than asked for, if there are."""
        wanted, bound = self._settings()
        tokens = token_count(labelled(task, train)) if wanted > 1 else 0
        if tokens > bound:
            return [], f"one network instead of {wanted}: the train split's {tokens:,} tokens exceed training_tokens ({bound:,})"
        return [self.seed + offset for offset in range(1, wanted)], None

    def _jobs(self, count: int) -> int:
        available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return max(1, min(count, int(self.options.get("jobs") or available)))

    def _predict(self, task, inputs) -> list:
        votes = [self.members[name]._predict(task, inputs) for name in self.ranking]
        return [[plurality(labels) for labels in zip(*sentences)] for sentences in zip(*votes)]

    def __setstate__(self, state):
        # a vote saved before the ranking existed broke all-different ties with ``lead``
        if "ranking" not in state and "lead" in state:
            state["ranking"] = [state["lead"]] + [name for name in MEMBERS if name != state["lead"]]
        self.__dict__.update(state)


def plurality(labels) -> str:
    """The label given most often; a tie goes to the tied label given first (``labels`` are in
    the members' validation order, best first).

    >>> plurality(["en", "hi", "hi"]), plurality(["en", "hi", "ne"]), plurality(["ne", "en", "hi", "hi", "en"])
    ('hi', 'en', 'en')
    """
    counts = Counter(labels)
    top = max(counts.values())
    return next(label for label in labels if counts[label] == top)


def _fit_networks(task, train, validation, seeds: list[int], jobs: int) -> dict:
    """``{"bilstm_crf_seed<N>": network}`` for each seed, ``jobs`` fitted at once in worker processes."""
    if not seeds:
        return {}
    from joblib import Parallel, delayed

    from codemix.loaders.progress import bar

    progress = bar(len(seeds), f"ensemble {task.name}: more networks", unit="network")
    fitted = {}
    # one thread per network (bilstm_crf's default): a seed gives the same network in any process.
    # Nothing else runs here meanwhile: a network trained in this process while the workers ran
    # was measured to drift from its idle numbers late in training (Dutta, icon2016_hien POS).
    runs = Parallel(n_jobs=jobs, return_as="generator")(
        delayed(_fit_network)(task, train, validation, seed) for seed in seeds)
    for seed, network in zip(seeds, runs):
        fitted[f"bilstm_crf_seed{seed}"] = network
        progress.update(1)
    progress.close()
    return fitted


def _fit_network(task, train, validation, seed: int):
    from codemix.loaders.progress import set_quiet

    set_quiet(True)  # the parent process shows one bar for all networks, not one per worker
    return get_baseline("bilstm_crf", seed=seed).fit(task, train, validation)
