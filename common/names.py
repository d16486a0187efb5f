"""Name lookups with "did you mean" suggestions, shared by every registry (corpora, tasks, baselines)."""

from __future__ import annotations

import difflib


def label_key(text: str) -> str:
    """A label spelling folded for comparison: case, ``_``, ``-`` and runs of spaces do not count.

    >>> label_key("Not-Offensive") == label_key("not_offensive") == label_key(" NOT  offensive")
    True
    """
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


def did_you_mean(value: str, known) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or ``""``.

    >>> did_you_mean("demo_hein", ["demo_hien", "demo_bnen"])
    " (did you mean 'demo_hien'?)"
    """
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def name_list(value, what: str) -> list[str] | None:
    """``value`` as a list of names: one name (a string) counts as a list of one; ``None`` stays ``None``.

    >>> name_list("lid", "tasks"), name_list(("lid", "pos"), "tasks"), name_list(None, "tasks")
    (['lid'], ['lid', 'pos'], None)
    """
    from codemix.common.errors import CodemixError

    if value is None or isinstance(value, str):
        return None if value is None else [value]
    try:
        names = list(value)
    except TypeError:
        raise CodemixError(f"{what} is a name or a list of names, not {value!r}") from None
    strange = [name for name in names if not isinstance(name, str)]
    if strange:
        raise CodemixError(f"{what} holds names (strings), not {strange[0]!r} ({type(strange[0]).__name__})")
    return names


def unknown_name_message(kind: str, name: str, known: list[str], known_as: str | None = None) -> str:
    """``unknown corpus 'x'. Did you mean 'y'? Known corpus names: ...`` (``known_as`` replaces
    "Known corpus names" where the list is narrower, e.g. one store's corpora).

    >>> unknown_name_message("task", "sentimnt", ["lid", "sentiment"])
    "unknown task 'sentimnt'. Did you mean 'sentiment'? Known task names: lid, sentiment"
    >>> unknown_name_message("task", None, ["lid", "sentiment"])
    'task names are strings; got None (NoneType). Known task names: lid, sentiment'
    >>> unknown_name_message("task", "nope", ["lid"], known_as="This leaderboard's tasks")
    "unknown task 'nope'. This leaderboard's tasks: lid"
    """
    listing = f"{known_as or f'Known {kind} names'}: {', '.join(sorted(known))}"
    if not isinstance(name, str):
        return f"{kind} names are strings; got {name!r} ({type(name).__name__}). {listing}"
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown {kind} {name!r}.{hint} {listing}"
