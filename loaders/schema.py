"""The record schema shared by every corpus, and the checker run on every record.

One flat schema for token-level and sentence-level corpora alike; see DESIGN.md.
A token layer (``lid``, ``upos``, ``xpos``, ``native``) is ``[]`` (not annotated) or exactly
``len(tokens)`` long.
"""

from __future__ import annotations

from typing import Any

from codemix.common.errors import RecordError
from codemix.common.labels import LABEL_SETS, SENTENCE_FIELDS

SPLITS: tuple[str, ...] = ("train", "validation", "test")

STRING_FIELDS: tuple[str, ...] = ("id", "corpus", "split", "text")
TOKEN_LAYERS: tuple[str, ...] = ("lid", "upos", "xpos", "native")
OPTIONAL_STRING_FIELDS: tuple[str, ...] = ("sentiment", "offensive", "domain", "source_label")
FIELDS: tuple[str, ...] = (
    "id", "corpus", "split", "text", "tokens", "lid", "upos", "xpos", "native",
    "sentiment", "offensive", "domain", "source_label",
)


def features():
    """The schema as ``datasets.Features`` (imported lazily: ``import codemix`` stays light)."""
    from datasets import Features, Sequence, Value

    string = Value("string")
    spec: dict[str, Any] = {}
    for name in FIELDS:
        spec[name] = Sequence(string) if name == "tokens" or name in TOKEN_LAYERS else string
    return Features(spec)


def empty_record() -> dict[str, Any]:
    """A record with every field present and nothing annotated."""
    record: dict[str, Any] = {name: None for name in FIELDS}
    record.update({"tokens": [], "lid": [], "upos": [], "xpos": [], "native": []})
    return record


def check_record(record: dict[str, Any], where: str = "") -> None:
    """Raise ``RecordError`` unless ``record`` fits the schema.

    Checks: every field present and typed; token layers are ``[]`` or ``len(tokens)`` long;
    ``lid``/``upos``/``sentiment``/``offensive`` values are in their canonical sets.

    >>> r = empty_record(); r.update(id="c:train:1", corpus="c", split="train", text="a b",
    ...                               tokens=["a", "b"], lid=["en"])
    >>> check_record(r)
    Traceback (most recent call last):
    ...
    codemix.common.errors.RecordError: c:train:1: layer 'lid' has 1 labels for 2 tokens (['a', 'b']); a token layer is [] or one label per token
    """
    rid = record.get("id") or "<no id>"
    prefix = f"{where}: {rid}" if where else str(rid)
    if record.keys() != _FIELD_SET:
        missing = [name for name in FIELDS if name not in record]
        extra = [name for name in record if name not in FIELDS]
        raise RecordError(f"{prefix}: fields missing {missing}, unexpected {extra}; the schema is {list(FIELDS)}")
    for name in STRING_FIELDS:
        if not isinstance(record[name], str):
            raise RecordError(f"{prefix}: field '{name}' must be a string, got {record[name]!r}")
    if record["split"] not in SPLITS:
        raise RecordError(f"{prefix}: split {record['split']!r} is not one of {list(SPLITS)}")
    tokens = record["tokens"]
    if not isinstance(tokens, list) or not _all_strings(tokens):
        raise RecordError(f"{prefix}: 'tokens' must be a list of strings, got {tokens!r}")
    for layer in TOKEN_LAYERS:
        values = record[layer]
        if not isinstance(values, list) or not _all_strings(values):
            raise RecordError(f"{prefix}: layer '{layer}' must be a list of strings, got {values!r}")
        if values and len(values) != len(tokens):
            raise RecordError(
                f"{prefix}: layer '{layer}' has {len(values)} labels for {len(tokens)} tokens "
                f"({_short(tokens)}); a token layer is [] or one label per token"
            )
        allowed = _ALLOWED.get(layer)
        if allowed is not None and values:
            bad = set(values) - allowed
            if bad:
                raise RecordError(f"{prefix}: layer '{layer}' has labels {sorted(bad)} outside the canonical set {list(LABEL_SETS[layer])}")
    for name in OPTIONAL_STRING_FIELDS:
        value = record[name]
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{prefix}: field '{name}' must be a string or null, got {value!r}")
    for name in SENTENCE_FIELDS:
        value = record[name]
        if value is not None and value not in LABEL_SETS[name]:
            raise RecordError(f"{prefix}: {name} {value!r} is not one of {list(LABEL_SETS[name])}")


_FIELD_SET = frozenset(FIELDS)
_ALLOWED = {name: frozenset(labels) for name, labels in LABEL_SETS.items()}


def _all_strings(values: list) -> bool:
    return not values or set(map(type, values)) == {str}


def _short(tokens: list[str], limit: int = 8) -> str:
    return repr(tokens) if len(tokens) <= limit else repr(tokens[:limit])[:-1] + ", ...]"
