"""``codemix.Model``: what any model needs to be evaluated, and model spec strings.

A model is any object with ``predict(task, records) -> list``: one label per record for a
sentence task, one label list per record (one label per token) for a token task; ``None``
stands for *no answer* and is scored as wrong. The baselines follow it, and so do the adapters
behind the spec strings:

- ``hf:PATH_OR_NAME`` - an already fine-tuned encoder (sequence or token classification);
- ``llm:PATH_OR_NAME`` - a causal language model through transformers, prompted;
- ``openai:MODEL@BASE_URL`` - a model behind an OpenAI-compatible server, prompted;
- ``baseline:PATH`` - a baseline saved by ``codemix baseline run ... --save-model PATH`` (joblib),
  for the one task it was fitted on;
- ``module:attribute`` - a Python object, or a zero-argument factory, importable here.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any, Mapping, Protocol, runtime_checkable

from codemix.common.errors import CodemixError

SPEC_PREFIXES = ("hf", "llm", "openai", "baseline")
PROMPTING = ("method", "template", "max_new_tokens", "cache")
# which options each kind of spec takes; any other is an error, never silently ignored
OPTIONS = {"hf": ("label_map", "batch_size", "max_length"),
           "llm": ("batch_size", "max_length") + PROMPTING,
           "openai": ("api_key_env", "concurrency", "timeout", "retries", "chat") + PROMPTING,
           "baseline": (), "module": ()}


@runtime_checkable
class Model(Protocol):
    """The one method codemix calls to evaluate a model.

    ``predict(task, records)`` receives a ``codemix.Task`` and a list of record dicts (read
    ``text`` for sentence tasks, ``tokens`` for token tasks, and only the fields the task
    allows) and returns one prediction per record, in order: a label of ``task.labels`` (or
    ``None``, no answer) for sentence tasks; a list with one label (or ``None``) per token
    for token tasks. The records are the model's own copies: changing them changes nothing
    that is checked or scored.

    Optional: ``prepare(task, corpus, train)`` is called once per cell before ``predict``
    with the corpus's training split (``None`` for a test-only corpus), e.g. to draw few-shot
    examples; ``describe()`` returns a dict recorded in ``meta.json`` (kind, fingerprint, ...).
    """

    def predict(self, task, records) -> list:
        """One prediction per record (see the class docstring)."""
        ...


class ModelSpecError(CodemixError):
    """A model spec string that names nothing codemix can load."""


def resolve_model(spec: str, **options: Any) -> Any:
    """The model a spec string names (see the module docstring); options go to its adapter."""
    if not isinstance(spec, str) or ":" not in spec:
        raise ModelSpecError(f"model spec {spec!r} has no kind: write hf:PATH, llm:PATH, openai:MODEL@URL, "
                             "baseline:PATH or module:attribute")
    prefix, rest = spec.split(":", 1)
    if prefix in SPEC_PREFIXES and not rest:
        raise ModelSpecError(f"model spec {spec!r} names no model after '{prefix}:'")
    kind = prefix if prefix in SPEC_PREFIXES else "module"
    unused = sorted(k for k, v in options.items() if v is not None and k != "seed" and k not in OPTIONS[kind])
    if unused:
        raise ModelSpecError(f"{', '.join('--' + k.replace('_', '-') for k in unused)} (Python: {', '.join(unused)}) "
                             f"do not apply to {kind + ':' if kind != 'module' else 'module:attribute'} models; "
                             f"they take: {', '.join('--' + k.replace('_', '-') for k in OPTIONS[kind]) or 'no options'}")
    check_option_values(options)
    if prefix in ("hf", "llm"):
        require("transformers", "transformers")
        require("torch", "transformers")
    if prefix == "openai":
        require("openai", "openai")
    own = _only(options, *(name for name in OPTIONS[kind] if name not in PROMPTING))  # the adapter's or backend's
    prompting = _only(options, *PROMPTING, "seed")
    if prefix == "hf":
        from codemix.baselines.finetuned import FineTunedEncoder

        return FineTunedEncoder(rest, **own)
    if prefix == "llm":
        from codemix.baselines.llm_local import LocalCausalLM
        from codemix.baselines.prompted import PromptedModel

        return PromptedModel(LocalCausalLM(rest, **own), spec, **prompting)
    if prefix == "openai":
        from codemix.baselines.llm_server import ServerLM
        from codemix.baselines.prompted import PromptedModel

        model_name, _, base_url = rest.rpartition("@")
        if not model_name or not base_url:
            raise ModelSpecError(f"model spec {spec!r}: write openai:MODEL@BASE_URL, e.g. "
                                 "openai:meta-llama/Llama-3.1-8B-Instruct@http://localhost:8000/v1")
        return PromptedModel(ServerLM(model_name, base_url, **own), spec, **prompting)
    if prefix == "baseline":
        from codemix.baselines.base import Baseline

        return Baseline.load(rest)
    return python_model(spec)


def check_option_values(options: dict) -> None:
    """Refuse a count or a time no adapter can use (0 or fewer requests in flight, a negative timeout...)."""
    from codemix.baselines.base import positive_option
    from codemix.common.numbers import whole_at_least

    for name in ("batch_size", "max_length", "max_new_tokens", "concurrency", "timeout"):
        if options.get(name) is not None:
            positive_option(f"--{name.replace('_', '-')} (Python: {name})", options[name], whole=name != "timeout")
    retries = options.get("retries")
    if retries is not None and not whole_at_least(retries, 0):
        raise ModelSpecError(f"--retries (Python: retries) must be a whole number >= 0, not {retries!r}")


def require(module: str, extra: str, who: str = "this") -> None:
    """One clear line when an optional dependency is missing, naming the extra that brings it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise CodemixError(f"{who} needs {module}, from the '{extra}' extra: pip install 'codemix[{extra}]'")


def python_model(spec: str) -> Any:
    """``module:attribute`` - an object with ``predict``, or a zero-argument factory of one."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ModelSpecError(f"model spec {spec!r}: write module:attribute (e.g. mypackage.models:MyModel)")
    if str(Path.cwd()) not in sys.path and "" not in sys.path:
        sys.path.insert(0, str(Path.cwd()))  # a module in the current folder, as `python -m` would find it
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ModelSpecError(f"model spec {spec!r}: cannot import module {module_name!r} ({error}); known spec kinds: "
                             "hf:, llm:, openai:, or module:attribute for a Python model") from None
    target = module
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise ModelSpecError(f"model spec {spec!r}: module {module_name!r} has no attribute {attribute!r}")
        target = getattr(target, part)
    model = target
    if isinstance(model, type) or (not hasattr(model, "predict") and callable(model)):
        try:  # a class or a factory function: build the model with no arguments
            model = model()
        except TypeError as error:
            raise ModelSpecError(f"model spec {spec!r}: {attribute} must be callable with no arguments ({error}); "
                                 "expose a ready model object or a zero-argument factory") from None
    if not callable(getattr(model, "predict", None)):
        raise ModelSpecError(f"model spec {spec!r}: {attribute} is neither a model nor a factory of one - it needs a "
                             "predict(task, records) method (the codemix.Model protocol)")
    return model


def models_own(method: str, call):
    """``call()``, a method of the model's own: a bug in it keeps its traceback, with a note naming
    the method (a ``CodemixError`` is the model's own clear message and passes as it is)."""
    try:
        return call()
    except CodemixError:
        raise
    except Exception as error:
        error.add_note(f"codemix: raised by the model's {method}()")
        raise


def describe_model(model: Any, spec: str | None = None) -> dict[str, Any]:
    """What meta.json records about a model: spec, kind and whatever ``describe()`` adds.

    The kind is the model's own (``classical``, ``neural``, ``fine-tuned``, ``prompted``); a
    baseline that does not say has its class's kind, any other Python model ``python``.
    """
    described = {}
    if callable(getattr(model, "describe", None)):
        returned = models_own("describe", model.describe)
        if not isinstance(returned, Mapping):
            raise CodemixError(f"the model's describe() returned a {type(returned).__name__}, not a dict of what "
                               "meta.json should record about it")
        described = dict(returned)
    described.setdefault("spec", spec or f"{type(model).__module__}:{type(model).__qualname__}")
    if "kind" not in described:
        from codemix.baselines.base import Baseline

        described["kind"] = model.kind if isinstance(model, Baseline) else "python"
    return described


def _only(options: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: options[name] for name in names if options.get(name) is not None}
