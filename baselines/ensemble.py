"""A vote of different token taggers: the linear model over character n-grams (``char_ngram``),
the feature CRF (``crf``) and BiLSTM-CRF networks (``bilstm_crf``) trained with different seeds.

Each member is fitted and tuned on its own (train, chosen on validation); each token then takes
the label most members give it, and a tie goes to the tied label of the member best on
validation. Models that err differently - sparse features, a transition model, learned
character vectors - correct each other on the tokens where one of them is unsure, and networks
that differ only in their seed cancel out part of the seed's luck (on Dutta's 23,525 train
tokens, one network's validation macro-F1 moved by 0.013 with its seed).

All the networks (``networks`` of them, seeds ``seed``, ``seed + 1``, ...) and the other
members train in worker processes, the networks first, as many at a time as this process may
use CPUs (option ``jobs``), one CPU thread each: a seed gives the same network whatever ran
beside it. No network trains in the calling process: one trained there while workers ran was
measured to drift from its idle numbers late in training. On a train split larger than the
token models' training bound (``training_tokens``, see ``codemix.baselines.sampling``) one
network votes: on a HingLID-sized split (a million tokens) one network took 247 s, and three
need two rounds on two cores (over 490 s before the vote), too much of the corpus's ten
minutes. The vote's own validation score is recorded so that ``codemix benchmark`` compares it
with its members on validation, never on test.
"""

from __future__ import annotations

import re
import time
import warnings
from collections import Counter

from codemix.baselines.base import SEEDS, Baseline, as_task, get_baseline, labelled, positive_option
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
    _runs = None  # {member name: future} between ``start`` and ``adopt``

    def fit(self, task, train, validation=None) -> EnsembleBaseline:
        """Fit each member on ``train`` (each chooses on ``validation``) in worker processes, then
        score the vote on validation."""
        task = as_task(task)
        if task.level not in self.levels:
            return super().fit(task, train, validation)  # the base class refuses with the usual message
        return self.start(task, train, validation, with_members=True).adopt(task, {}, train, validation)

    def start(self, task, train, validation=None, with_members: bool = False) -> EnsembleBaseline:
        """Start training the extra networks on ``train`` in worker processes - and, ``with_members``,
        the ``bilstm_crf``, ``char_ngram`` and ``crf`` members too - and return at once (bad options
        fail here, before any training). ``member`` hands over one member once trained, ``adopt``
        waits for the rest; ``started_at`` (``time.perf_counter()``) stays set until then."""
        seeds, self._note = self._network_seeds(task, train)
        # the longest first, so that the short linear models fill the workers' last round
        jobs = [("bilstm_crf", self.seed, {})] if with_members else []
        jobs += [(f"bilstm_crf_seed{seed}", seed, {}) for seed in seeds]
        if with_members:
            # the sample bounds given to the vote bound its sampled members too
            bounds = {key: self.options[key] for key in ("selection_tokens", "training_tokens") if key in self.options}
            jobs += [(name, self.seed, bounds) for name in SAMPLED]
        self.started_at = time.perf_counter()
        self._runs = _submit(task, train, validation, jobs, self._jobs())
        return self

    def member(self, task, name: str):
        """``(model, seconds)``: the member ``name`` that ``start(..., with_members=True)`` began,
        once trained, with its fit's wall time in its worker (shared with whatever ran beside it)."""
        runs = self._runs or {}
        if name not in runs:
            raise CodemixError(f"ensemble.member({name!r}) needs start(..., with_members=True) first")
        try:
            return _collect(task, {name: runs.pop(name)}, name)[name]
        except BaseException:
            self.stop()
            raise

    def adopt(self, task, members: dict, train, validation=None) -> EnsembleBaseline:
        """Vote with members already fitted on ``train`` (the benchmark reuses its grid's models)
        and those ``start`` began on the same ``train``; without ``start``, the extra networks
        train now."""
        missing = [name for name in MEMBERS if name not in members and name not in (self._runs or {})]
        if missing:
            self.stop()
            raise CodemixError(f"ensemble needs fitted {', '.join(MEMBERS)} members; missing {', '.join(missing)}")
        if self._runs is None:
            self.start(task, train, validation)
        try:
            finished = _collect(task, self._runs, "members")
        except BaseException:
            self.stop()
            raise
        workers_seconds = time.perf_counter() - self.started_at
        note, self._runs = self._note, None  # futures do not pickle, and a saved model needs none
        del self.started_at, self._note
        trained = {name: model for name, (model, _) in finished.items()}
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
        if finished:
            # from start to the last member trained in a worker: wall time, shared with whatever ran meanwhile
            self.chosen["workers_seconds"] = round(workers_seconds, 2)
        if note:
            self.chosen["networks_note"] = note
        return self

    def stop(self) -> None:
        """Abandon the members ``start`` began (after a failure elsewhere): those waiting are
        cancelled, and the workers running one are killed rather than left to finish unseen."""
        runs = self._runs or {}
        if not all(future.cancel() or future.done() for future in runs.values()):
            _kill_workers(self._jobs(), list(runs.values()))
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
        if self.seed + wanted - 1 >= SEEDS:
            raise CodemixError(f"ensemble: its {wanted} networks take seeds {self.seed} to {self.seed + wanted - 1}, past "
                               f"the largest seed {SEEDS - 1}; pass a smaller --seed (Python: seed)")
        return [self.seed + offset for offset in range(1, wanted)], None

    def _jobs(self) -> int:
        # as many workers as CPUs, whatever the count of members: the pool is never resized
        # between tasks, and more networks than cores slow each other down: on two cores, three
        # MeLID networks at once (char_ngram and crf beside them) took 332-358 s, one alone 153 s
        if self.options.get("jobs"):
            return int(self.options["jobs"])
        from joblib import cpu_count

        return cpu_count()  # the CPUs this process may use (affinity and container limits)

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


def _submit(task, train, validation, jobs: list, workers: int) -> dict:
    """``{name: future}``: each ``(name, seed, options)`` job - a member named ``bilstm_crf_seed<N>``
    is a ``bilstm_crf`` - submitted to ``workers`` worker processes, in order."""
    if not jobs:
        return {}
    from joblib.externals.loky import get_reusable_executor

    # loky replaces a worker whose memory grew by 300 MB after a job (a large char_ngram or crf
    # leaves that much with the allocator), after the job's result was sent back, and warns that
    # a worker stopped: nothing is lost, so the user is not told
    warnings.filterwarnings("ignore", message="A worker stopped while some jobs were given to the executor",
                            category=UserWarning)
    # one thread per network (bilstm_crf's default): a seed gives the same network in any process
    executor = get_reusable_executor(max_workers=workers)
    return {name: executor.submit(_fit_member, name.split("_seed")[0], seed, options, task, train, validation)
            for name, seed, options in jobs}


def _kill_workers(workers: int, runs: list) -> None:
    """Kill the worker processes of the pool of ``workers`` (the one ``start`` used: asked for
    another size, loky would first wait for the running jobs), and wait until loky has failed the
    ``runs`` they were training: by then it has marked the pool broken, and the next ``start``
    gets a fresh pool instead of queueing jobs on one being torn down (they would never run).

    Not ``shutdown(kill_workers=True)``: while it drops the queued jobs, loky's manager thread can
    still look one of them up and die with a ``KeyError`` traceback (seen in about one run in six).
    """
    from concurrent.futures import wait

    from joblib.externals.loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=workers)
    # loky's map of its worker processes: it has no public call that kills them but shutdown
    for process in list(executor._processes.values()):
        process.terminate()
    wait(runs, timeout=60)


def _collect(task, runs: dict, what: str) -> dict:
    """``{name: (model, seconds)}`` of ``runs``, waited for with a progress bar; a worker's error is raised here."""
    if not runs:
        return {}
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    from codemix.loaders.progress import bar

    with bar(len(runs), f"ensemble {task.name}: {what} training in worker processes", unit="model") as progress:
        for _ in as_completed(runs.values()):
            progress.update(1)
    try:
        return {name: future.result() for name, future in runs.items()}
    except BrokenProcessPool as error:  # a worker killed from outside (out of memory, a signal)
        codes = re.search(r"exit codes of the workers are (\S+)", str(error))
        how = f"exit codes {codes.group(1)}" if codes else type(error).__name__
        raise CodemixError(f"ensemble {task.name}: a worker process training its members was stopped ({how}), "
                           "as by the out-of-memory killer; free memory or lower the load (option jobs=1, or "
                           "--networks 1) and run again") from None


def _fit_member(baseline: str, seed: int, options: dict, task, train, validation):
    """A fitted member and its fit's wall seconds (run in a worker process)."""
    from codemix.loaders.progress import set_quiet

    set_quiet(True)  # the parent process shows one bar for all members, not one per worker
    started = time.perf_counter()
    model = get_baseline(baseline, seed=seed, **options).fit(task, train, validation)
    return model, time.perf_counter() - started
