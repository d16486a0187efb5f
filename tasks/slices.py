"""Scores by how mixed the text is: the main score per slice of a test set.

Does a model degrade as the mixing grows? Every test record with token LID tags falls into one
slice of each dimension, computed from the *gold* record (never from a submission):

- ``cmi``: Das & Gambäck's CMI of the gold LID tags, bucketed ``0``, ``(0, 20]``, ``(20, 40]``,
  ``> 40``;
- ``script``: the scripts of the record's words - ``roman`` (Latin only), ``native`` (Indic
  scripts only), ``both``, or ``none`` (no letters at all);
- ``matrix_language``: the most frequent language of the gold tags (``none`` without any).

Records without LID tags belong to no slice; a corpus without LID tags has no slices.
"""

from __future__ import annotations

from typing import Any, Mapping

from codemix.loaders.normalize import token_script
from codemix.tasks.mixing import mixing_stats

DIMENSIONS = ("cmi", "script", "matrix_language")
CMI_BUCKETS = ("0", "(0, 20]", "(20, 40]", "> 40")
SCRIPTS = ("roman", "native", "both", "none")


def cmi_bucket(cmi: float) -> str:
    """The CMI bucket of a value in [0, 100].

    >>> [cmi_bucket(v) for v in (0.0, 12.5, 20.0, 33.3, 45.5)]
    ['0', '(0, 20]', '(0, 20]', '(20, 40]', '> 40']
    """
    if cmi <= 0:
        return CMI_BUCKETS[0]
    if cmi <= 20:
        return CMI_BUCKETS[1]
    if cmi <= 40:
        return CMI_BUCKETS[2]
    return CMI_BUCKETS[3]


def text_script(tokens) -> str:
    """``roman``, ``native``, ``both`` or ``none`` from the scripts of the tokens' letters.

    >>> [text_script(t) for t in (["yaar", "ok"], ["हिंदी"], ["bhalo", "বাংলা"], ["2024", "!"])]
    ['roman', 'native', 'both', 'none']
    """
    scripts = {token_script(token) for token in tokens} - {"Zyyy"}
    roman = "Latn" in scripts
    native = bool(scripts - {"Latn"})
    if roman and native:
        return "both"
    return "roman" if roman else "native" if native else "none"


def record_slices(record: Mapping[str, Any]) -> dict[str, str] | None:
    """The slice of each dimension a gold record belongs to; ``None`` without LID tags."""
    if not record.get("lid"):
        return None
    stats = mixing_stats(record["lid"])
    return {"cmi": cmi_bucket(stats["cmi"]), "script": text_script(record["tokens"]),
            "matrix_language": stats["matrix_language"] or "none"}


def slices_by_id(records) -> dict[str, dict[str, str]]:
    """id -> slices for the records that have LID tags (``{}`` for a corpus without them)."""
    out = {}
    for record in records:
        slices = record_slices(record)
        if slices is not None:
            out[record["id"]] = slices
    return out


def slice_scores(task, gold: Mapping[str, Any], pred: Mapping[str, Any],
                 slices: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, dict[str, Any]]]:
    """``{dimension: {slice: {"main": score, "items": records, "n": scored units}}}``.

    Only gold ids with slices count; slices are listed in their natural order (CMI buckets
    ascending, then the others by size). ``{}`` when no gold id has slices.

    >>> from codemix.tasks.registry import get_task
    >>> gold = {"a": "positive", "b": "negative"}
    >>> slices = {"a": {"cmi": "0", "script": "roman", "matrix_language": "en"},
    ...           "b": {"cmi": "> 40", "script": "roman", "matrix_language": "hi"}}
    >>> slice_scores(get_task("sentiment"), gold, {"a": "positive", "b": "neutral"}, slices)["cmi"]
    {'0': {'main': 1.0, 'items': 1, 'n': 1}, '> 40': {'main': 0.0, 'items': 1, 'n': 1}}
    """
    members: dict[str, dict[str, list[str]]] = {dimension: {} for dimension in DIMENSIONS}
    for key in gold:
        for dimension, value in (slices.get(key) or {}).items():
            members[dimension].setdefault(value, []).append(key)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for dimension, groups in members.items():
        if not groups:
            continue
        order = CMI_BUCKETS if dimension == "cmi" else SCRIPTS if dimension == "script" else ()
        ranked = sorted(groups, key=lambda v: (order.index(v) if v in order else len(order), -len(groups[v]), v))
        out[dimension] = {}
        for value in ranked:
            keys = groups[value]
            scores = task.score([gold[k] for k in keys], [pred[k] for k in keys])
            out[dimension][value] = {"main": scores[task.main_score], "items": len(keys), "n": scores["n"]}
    return out
