"""A vote of different token taggers: the linear model over character n-grams (``char_ngram``),
the feature CRF (``crf``) and BiLSTM-CRF networks (``bilstm_crf``) trained with different seeds.

Each member is fitted and tuned on its own (train, chosen on validation); each token then takes
the label most members give it, and a tie goes to the tied label of the member best on
validation. Models that err differently - sparse features, a transition model, learned
character vectors - correct each other on the tokens where one of them is unsure, and networks
that differ only in their seed cancel out part of the seed's luck (on Dutta's 23,525 train
tokens, one network's validation macro-F1 moved by 0.013 with its seed).

All the networks (``networks`` of them, seeds ``seed``, ``seed + 1``, ...) train in worker
processes, as many at a time as this process may use CPUs (option ``jobs``), one CPU thread
each, while this process fits ``char_ngram`` and ``crf``: a seed gives the same network
whatever ran beside it. No network trains in the calling process: one trained there while
workers ran was measured to drift from its idle numbers late in training. On a train split
larger than the token models' training bound (``training_tokens``, see
``codemix.baselines.sampling``) one network votes: on a HingLID-sized split (a million tokens)
one network took 226 s, and three need two rounds on two cores (over 450 s), too much of the
corpus's ten minutes. The vote's own validation score is recorded so that ``codemix benchmark``
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
        """Fit each member on ``train`` (each chooses on ``validation``), then score the vote on validation.

        The networks train in worker processes while ``char_ngram`` and ``crf`` fit here."""
        if task.level not in self.levels:
            return super().fit(task, train, validation)  # the base class refuses with the usual message
        self.start(task, train, validation, with_member=True)  # bad options fail here, before any training
        started = time.perf_counter()
        # the sample bounds given to the vote bound its sampled members too
        bounds = {key: self.options[key] for key in ("selection_tokens", "training_tokens") if key in self.options}
        try:
            members = {name: get_baseline(name, seed=self.seed, **bounds).fit(task, train, validation) for name in SAMPLED}
        except BaseException:
            self.stop()
            raise
        return self.adopt(task, members, train, validation, time.perf_counter() - started)

    def start(self, task, train, validation=None, with_member: bool = False) -> EnsembleBaseline:
        """Start training the extra networks on ``train`` in worker processes - and, ``with_member``,
        the ``bilstm_crf`` member too (seeded ``seed``) - and return at once. Other work (the other
        members) runs meanwhile; ``network`` hands over the member, ``adopt`` waits for the rest.
        ``started_at`` (``time.perf_counter()``) stays set until then."""
        seeds, self._note = self._network_seeds(task, train)
        seeds = ([self.seed] if with_member else []) + seeds
        self._runs = _submit_networks(task, train, validation, seeds, self._jobs(), self.seed if with_member else None)
        self.started_at = time.perf_counter()
        return self

    def network(self, task):
        """``(network, seconds)``: the ``bilstm_crf`` member that ``start(..., with_member=True)``
        began, once trained, with its fit's wall time in its worker (shared with the other networks)."""
        runs = getattr(self, "_runs", None) or {}
        if "bilstm_crf" not in runs:
            raise CodemixError("ensemble.network() needs start(..., with_member=True) first")
        try:
            return _collect(task, {"bilstm_crf": runs.pop("bilstm_crf")}, "network")["bilstm_crf"]
        except BaseException:
            self.stop()
            raise

    def adopt(self, task, members: dict, train, validation=None, member_seconds: float | None = None) -> EnsembleBaseline:
        """Vote with members already fitted on ``train`` (the benchmark reuses its grid's models);
        the networks are those ``start`` began on the same ``train`` (``bilstm_crf`` among them
        when ``members`` lacks it), else the extra networks train now."""
        missing = [name for name in MEMBERS if name not in members and name not in (getattr(self, "_runs", None) or {})]
        if missing:
            self.stop()
            raise CodemixError(f"ensemble needs fitted {', '.join(MEMBERS)} members; missing {', '.join(missing)}")
        if getattr(self, "_runs", None) is None:
            self.start(task, train, validation)
        try:
            networks = _collect(task, self._runs, "networks")
        except BaseException:
            self.stop()
            raise
        networks_seconds = time.perf_counter() - self.started_at
        note, self._runs = self._note, None  # futures do not pickle, and a saved model needs none
        del self.started_at, self._note
        trained = {name: model for name, (model, _) in networks.items()}
        self.members = {name: members[name] if name in members else trained[name] for name in MEMBERS}
        self.members.update({name: model for name, model in trained.items() if name not in MEMBERS})
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
        self.chosen = {"members": order, "networks": len(order) - len(MEMBERS) + 1, "tie_order": self.ranking,
                       "member_validation": scores, f"validation_{task.main_score}": score}
        if networks:
            # from start to the last network trained: wall time, shared with whatever ran meanwhile
            self.chosen["networks_fit_seconds"] = round(networks_seconds, 2)
        if note:
            self.chosen["networks_note"] = note
        if member_seconds is not None:
            self.chosen["members_fit_seconds"] = round(member_seconds, 2)
        return self

    def stop(self) -> None:
        """Abandon the networks ``start`` began (after a failure elsewhere): those waiting are
        cancelled, and the workers running one are killed rather than left to finish unseen."""
        runs = getattr(self, "_runs", None) or {}
        if not all(future.cancel() or future.done() for future in runs.values()):
            from joblib.externals.loky import get_reusable_executor

            get_reusable_executor().shutdown(wait=False, kill_workers=True)
        self._runs = None
        for name in ("started_at", "_note"):
            self.__dict__.pop(name, None)

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

    def _jobs(self) -> int:
        # as many workers as CPUs, whatever the count of networks: the pool is never resized
        # between tasks, and more networks than cores slow each other down: on two cores, three
        # MeLID networks at once beside this process's members took 332-358 s, one alone 153 s
        if self.options.get("jobs"):
            return int(self.options["jobs"])
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

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


def _submit_networks(task, train, validation, seeds: list[int], jobs: int, member_seed: int | None = None) -> dict:
    """``{name: future}``: each seed's network submitted to ``jobs`` worker processes, named
    ``bilstm_crf`` for ``member_seed`` and ``bilstm_crf_seed<N>`` otherwise."""
    if not seeds:
        return {}
    from joblib.externals.loky import get_reusable_executor

    # one thread per network (bilstm_crf's default): a seed gives the same network in any process
    executor = get_reusable_executor(max_workers=jobs)
    return {("bilstm_crf" if seed == member_seed else f"bilstm_crf_seed{seed}"):
            executor.submit(_fit_network, task, train, validation, seed) for seed in seeds}


def _collect(task, runs: dict, what: str) -> dict:
    """``{name: (network, seconds)}`` of ``runs``, waited for with a progress bar; a worker's error is raised here."""
    if not runs:
        return {}
    from concurrent.futures import as_completed

    from codemix.loaders.progress import bar

    progress = bar(len(runs), f"ensemble {task.name}: {what} training in worker processes", unit="network")
    for _ in as_completed(runs.values()):
        progress.update(1)
    progress.close()
    return {name: future.result() for name, future in runs.items()}


def _fit_network(task, train, validation, seed: int):
    """A ``bilstm_crf`` network and its fit's wall seconds (run in a worker process)."""
    from codemix.loaders.progress import set_quiet

    set_quiet(True)  # the parent process shows one bar for all networks, not one per worker
    started = time.perf_counter()
    network = get_baseline("bilstm_crf", seed=seed).fit(task, train, validation)
    return network, time.perf_counter() - started
