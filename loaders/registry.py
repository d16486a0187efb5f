"""Corpus spec discovery: every module in ``loaders/corpora/`` that defines ``SPEC``."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from codemix.common.errors import SpecError, UnknownNameError
from codemix.common.names import unknown_name_message
from codemix.loaders.spec import CorpusSpec, validate_spec


@functools.lru_cache(maxsize=1)
def all_specs() -> dict[str, CorpusSpec]:
    """Import and validate every spec once; a duplicate or malformed spec fails naming its file."""
    from codemix.loaders import corpora

    specs: dict[str, CorpusSpec] = {}
    for module_info in sorted(pkgutil.iter_modules(corpora.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{corpora.__name__}.{module_info.name}")
        origin = getattr(module, "__file__", module_info.name)
        spec = getattr(module, "SPEC", None)
        if not isinstance(spec, CorpusSpec):
            raise SpecError(f"{origin}: a corpus module must define SPEC = CorpusSpec(...)")
        if spec.name != module_info.name:
            raise SpecError(f"{origin}: SPEC.name {spec.name!r} must equal the file name {module_info.name!r}")
        if spec.name in specs:
            raise SpecError(f"{origin}: duplicate corpus name {spec.name!r}")
        validate_spec(spec, origin)
        specs[spec.name] = spec
    return specs


def list_corpora() -> list[str]:
    """Names of every registered corpus, sorted."""
    return sorted(all_specs())


def get_spec(name: str) -> CorpusSpec:
    """The spec called ``name``; an unknown name gets did-you-mean and the full list."""
    specs = all_specs()
    if isinstance(name, str) and name in specs:
        return specs[name]
    raise UnknownNameError(unknown_name_message("corpus", name, list(specs)))
