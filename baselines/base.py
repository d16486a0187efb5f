"""The baseline protocol: ``fit(task, train, validation)``, ``predict(task, records)``, save/load."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codemix.common.errors import CodemixError, UnknownNameError
from codemix.common.names import unknown_name_message
from codemix.common.numbers import whole_at_least

# name -> (module, class); imported lazily so that optional dependencies load only when used.
BASELINES: dict[str, tuple[str, str]] = {
    "majority": ("codemix.baselines.majority", "MajorityBaseline"),
    "char_ngram": ("codemix.baselines.char_ngram", "CharNgramBaseline"),
    "crf": ("codemix.baselines.crf", "CrfBaseline"),
    "bilstm_crf": ("codemix.baselines.bilstm_crf", "BiLstmCrfBaseline"),
    "ensemble": ("codemix.baselines.ensemble", "EnsembleBaseline"),
    "transformer": ("codemix.baselines.transformer", "TransformerBaseline"),
}
CLASSICAL = ("majority", "char_ngram", "crf")
NEURAL = ("bilstm_crf", "ensemble")  # the CPU neural tier (the neural extra: torch)


# what each baseline imports when it fits, and the extra that installs it; checked before any work
REQUIREMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "majority": (),
    "char_ngram": (("sklearn", "baselines"), ("joblib", "baselines")),
    "crf": (("sklearn", "baselines"), ("sklearn_crfsuite", "baselines")),
    "bilstm_crf": (("torch", "neural"),),
    "ensemble": (("sklearn", "baselines"), ("sklearn_crfsuite", "baselines"), ("torch", "neural")),
    "transformer": (("torch", "transformers"), ("transformers", "transformers"), ("accelerate", "transformers")),
}


def default_benchmark_baselines() -> tuple[str, ...]:
    """What ``codemix benchmark`` runs by default: the classical baselines, and the neural tier
    when what it needs (torch, with the baselines extra) is installed."""
    import importlib.util

    installed = all(importlib.util.find_spec(module) for name in NEURAL for module, _ in REQUIREMENTS[name])
    return CLASSICAL + (NEURAL if installed else ())


def check_requirements(name: str) -> None:
    """One clear error naming the extra when a baseline's dependencies are not installed."""
    from codemix.baselines.model import require

    for module, extra in REQUIREMENTS.get(name, ()):
        require(module, extra, f"baseline {name}")


def positive_option(name: str, value: Any, whole: bool = True):
    """``value`` as an option of a model: a positive number (a whole one unless ``whole`` is
    false; ``5.0`` counts as 5), or a ``CodemixError`` naming the option."""
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf")
            or (whole and value != int(value))):
        raise CodemixError(f"{name} must be a positive {'whole ' if whole else ''}number, not {value!r}")
    return int(value) if whole else value


def as_task(task):
    """``task`` itself, or the ``Task`` a name stands for (``"lid"``)."""
    from codemix.tasks.registry import get_task

    return get_task(task) if isinstance(task, str) or task is None else task


SEEDS = 2 ** 32  # numpy and scikit-learn take seeds from 0 to 2**32 - 1


def check_seed(seed: Any) -> int:
    """``seed`` if numpy, scikit-learn and torch all take it (a whole number from 0 to 2**32 - 1); else a CodemixError.

    >>> check_seed(7), check_seed(4294967295)
    (7, 4294967295)
    """
    if not whole_at_least(seed, 0) or seed >= SEEDS:
        raise CodemixError(f"--seed (Python: seed) must be a whole number from 0 to {SEEDS - 1}, not {seed!r}")
    return int(seed)


class Baseline:
    """A model for one task. Subclasses set ``name`` and ``levels`` and implement ``_fit``/``_predict``.

    ``fit`` trains on ``train`` and chooses hyper-parameters on ``validation`` (never on test);
    ``predict`` returns one label per record (sentence tasks) or one label list per record
    (token tasks). Deterministic for a given ``seed``.
    """

    name = "baseline"
    levels: tuple[str, ...] = ("sentence", "token")
    kind = "classical"  # meta.json's kind, shown and filtered on the leaderboard
    saved_at: str | None = None  # the file load() read it from

    def __init__(self, seed: int = 0, **options: Any):
        self.seed = check_seed(seed)
        self.options = options
        self.chosen: dict[str, Any] = {}
        self.task_name: str | None = None

    def fit(self, task, train, validation=None) -> "Baseline":
        """Train on ``train``, choosing hyper-parameters on ``validation``; returns the fitted baseline.

        ``task`` is a ``Task`` or its name (``"lid"``).
        """
        task = as_task(task)
        if task.level not in self.levels:
            raise CodemixError(f"baseline {self.name} handles {'/'.join(self.levels)}-level tasks, not {task.name} ({task.level})")
        examples = labelled(task, train)
        if not examples:
            raise CodemixError(f"{task.name}: the training split has no labelled records")
        dev = labelled(task, validation) if validation is not None and len(validation) else []
        self.task_name = task.name
        self._fit(task, examples, dev)
        return self

    def predict(self, task, records) -> list:
        """One prediction per record: a label, or a label list for token tasks (``task``: a ``Task`` or its name)."""
        task = as_task(task)
        self.check(task)
        inputs = [model_input(task, record, index) for index, record in enumerate(_rows(records))]
        return self._predict(task, inputs) if inputs else []

    def config(self) -> dict[str, Any]:
        """What was chosen on validation, for meta.json."""
        return {"baseline": self.name, "seed": self.seed, **self.options, **self.chosen}

    def describe(self) -> dict[str, Any]:
        """meta.json's model entry: kind, spec and what was chosen on validation."""
        # the file it was loaded from names it exactly
        return {"kind": self.kind, "spec": f"baseline:{self.saved_at or self.name}", "config": self.config()}

    def save(self, path: str | Path) -> Path:
        """Save the fitted baseline with joblib (a folder for the transformer)."""
        import joblib

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path)
        return Path(path)

    @staticmethod
    def load(path: str | Path) -> "Baseline":
        """A baseline saved with ``save`` (joblib). Like any pickle, loading runs code the file
        names: load only files you or codemix wrote."""
        import joblib

        from codemix.baselines.transformer import STATE_FILE

        path = Path(path).expanduser()
        if path.is_dir():
            hint = " (a saved transformer baseline: evaluate it with hf:PATH)" if (path / STATE_FILE).is_file() else ""
            raise CodemixError(f"{path} is a folder, not a file that --save-model wrote{hint}")
        if not path.is_file():
            raise CodemixError(f"{path}: no such file; pass the file that `codemix baseline run ... --save-model` wrote")
        try:
            model = joblib.load(path)
        except Exception as error:  # noqa: BLE001 - a truncated or foreign file fails in many ways
            raise CodemixError(f"{path}: not a saved codemix baseline ({type(error).__name__}: "
                               f"{str(error)[:200]})") from None
        if not isinstance(model, Baseline):
            raise CodemixError(f"{path} holds a {type(model).__name__}, not a codemix baseline")
        model.saved_at = str(path)
        return model

    def supports(self, task) -> bool:
        """Whether this fitted baseline predicts ``task``: the one task it was fitted on."""
        return self.task_name == as_task(task).name

    def check(self, task) -> None:
        """Raise ``CodemixError`` saying why this baseline cannot predict ``task``."""
        task = as_task(task)
        if self.task_name is None:
            raise CodemixError(f"baseline {self.name} is not fitted: call fit() first")
        if task.name != self.task_name:
            raise CodemixError(f"baseline {self.name} was fitted for {self.task_name}; it cannot predict {task.name} "
                               f"(choose --tasks {self.task_name})")

    def _fit(self, task, examples: list[tuple[Any, Any]], dev: list[tuple[Any, Any]]) -> None:
        raise NotImplementedError

    def _predict(self, task, inputs: list) -> list:
        raise NotImplementedError


@dataclass(frozen=True)
class TokenInput:
    """A sentence as a token-level baseline sees it: its tokens, the record's ``domain`` (the
    platform it comes from, every task's declared input) and, only where the task declares ``lid``
    among its inputs (POS, as in the ICON contests), the record's LID tags."""

    tokens: tuple[str, ...]
    lid: tuple[str, ...] | None = None
    domain: str | None = None


def model_input(task, record, index: int | None = None):
    """What a model sees of a record: the text (sentence tasks) or a ``TokenInput`` (token tasks).

    A record built by hand is checked: a dict with a ``text`` string, or ``tokens`` (strings),
    and for POS a ``lid`` layer of as many tags when it has one.
    """
    where = _where(record, index)
    if not isinstance(record, Mapping):
        raise CodemixError(f"{where}: a record is a dict (text, tokens, ...), not {type(record).__name__} {record!r:.40}")
    if task.level != "token":
        if not isinstance(record.get("text"), str):
            raise CodemixError(f"{where}: {task.name} reads the record's text, a string; got {record.get('text')!r:.40}")
        return record["text"]
    tokens = record.get("tokens")
    if not isinstance(tokens, (list, tuple)) or not all(isinstance(token, str) for token in tokens):
        raise CodemixError(f"{where}: {task.name} reads the record's tokens, a list of strings; got {tokens!r:.60}")
    lid = record.get("lid") if "lid" in task.inputs and task.field != "lid" else None
    if lid and len(lid) != len(tokens):
        raise CodemixError(f"{where}: its lid layer has {len(lid)} tags for {len(tokens)} tokens")
    domain = record.get("domain") if "domain" in task.inputs else None
    # a record built by hand may carry any value here; the models compare and sort domains as text
    return TokenInput(tuple(tokens), tuple(lid) if lid else None, None if domain is None else str(domain))


def _where(record, index: int | None) -> str:
    key = record.get("id") if isinstance(record, Mapping) else None
    return f"record {key}" if key is not None else f"record #{index}" if index is not None else "a record"


def training_domains(examples) -> list[str]:
    """The named domains (platforms) of token examples, sorted, when there are at least two; else
    none. Only then do the token baselines learn per-domain features, since the ICON files of each
    platform follow their own tagging conventions and one domain would only duplicate features."""
    named = sorted({item.domain for item, _ in examples if item.domain is not None})
    return named if len(named) >= 2 else []


def labelled(task, records) -> list[tuple[Any, Any]]:
    """``(input, gold)`` pairs of the records annotated for ``task``: (text, label) or (tokens, labels)."""
    out = []
    allowed = set(task.labels)
    for index, record in enumerate(_rows(records or [])):
        if not isinstance(record, Mapping):
            model_input(task, record, index)  # raises, saying what a record is
        gold = record.get(task.field)
        if gold is None or (task.level == "token" and not gold):
            continue
        item = model_input(task, record, index)
        labels = [gold] if task.level == "sentence" else gold
        if task.level == "token" and (not isinstance(gold, (list, tuple)) or len(gold) != len(item.tokens)):
            raise CodemixError(f"{_where(record, index)}: its {task.field} layer must be a list of one tag per token "
                               f"({len(item.tokens)}), got {gold!r:.60}")
        unknown = sorted({repr(label) for label in labels if label not in allowed})
        if unknown:
            raise CodemixError(f"{_where(record, index)}: {task.field} holds {', '.join(unknown[:5])}, not {task.name} "
                               f"labels ({', '.join(task.labels)}); map the corpus's labels first")
        out.append((item, gold))
    return out


def _rows(records):
    return records if isinstance(records, list) else list(records)


def fits(name: str, task) -> bool:
    """Whether baseline ``name`` handles ``task``'s level (the CRF is token-level only)."""
    module_name, class_name = BASELINES[name]
    try:
        return task.level in getattr(importlib.import_module(module_name), class_name).levels
    except ImportError:  # its extra is not installed: it does not run here at all
        return False


def get_baseline(name: str, **kwargs: Any) -> Baseline:
    """A fresh baseline by name (``majority``, ``char_ngram``, ``crf``, ``bilstm_crf``, ``ensemble``, ``transformer``)."""
    if not isinstance(name, str) or name not in BASELINES:
        raise UnknownNameError(unknown_name_message("baseline", name, list(BASELINES)))
    check_requirements(name)
    module_name, class_name = BASELINES[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        extra = "transformers" if name == "transformer" else "baselines"
        raise CodemixError(f"baseline {name} needs the '{extra}' extra: pip install 'codemix[{extra}]' ({error})") from None
    return getattr(module, class_name)(**kwargs)
