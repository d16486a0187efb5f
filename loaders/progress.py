"""Progress for long work: tqdm bars and one-line status messages on stderr.

Shown only when stderr is a terminal and ``--quiet`` (``set_quiet(True)``) was not asked for,
so logs and pipes stay clean. Every long step first says what it is doing.
"""

from __future__ import annotations

import sys

_STATE = {"quiet": False}


def set_quiet(quiet: bool) -> None:
    """Switch progress output off (``--quiet``) or back on."""
    _STATE["quiet"] = bool(quiet)


def enabled() -> bool:
    """Whether progress is shown: stderr is a terminal and ``--quiet`` is not set."""
    return not _STATE["quiet"] and sys.stderr.isatty()


def status(message: str) -> None:
    """Say what a long step is doing (one line on stderr)."""
    if enabled():
        print(f"codemix: {message}", file=sys.stderr, flush=True)


def bar(total: int | None, desc: str, unit: str = "it"):
    """A tqdm bar on stderr; disabled (every call a no-op) when progress is off."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, leave=False, file=sys.stderr, disable=not enabled())
