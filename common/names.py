"""Name lookups with "did you mean" suggestions, shared by every registry (corpora, tasks, baselines)."""

from __future__ import annotations

import difflib


def unknown_name_message(kind: str, name: str, known: list[str]) -> str:
    """``unknown corpus 'x'. Did you mean 'y'? Known corpus names: ...``

    >>> unknown_name_message("task", "sentimnt", ["lid", "sentiment"])
    "unknown task 'sentimnt'. Did you mean 'sentiment'? Known task names: lid, sentiment"
    """
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown {kind} {name!r}.{hint} Known {kind} names: {', '.join(sorted(known))}"
