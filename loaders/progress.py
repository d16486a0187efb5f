"""Progress for long work: tqdm bars and one-line status messages on stderr.

Shown only when stderr is a terminal and ``--quiet`` (``set_quiet(True)``) was not asked for,
so logs and pipes stay clean. Every long step first says what it is doing.
"""

from __future__ import annotations

import sys

_STATE = {"quiet": False}


def set_quiet(quiet: bool) -> bool:
    """Switch progress output off (``--quiet``) or back on; returns the setting it replaced."""
    previous = _STATE["quiet"]
    _STATE["quiet"] = bool(quiet)
    return previous


def enabled() -> bool:
    """Whether progress is shown: stderr is a terminal and ``--quiet`` is not set."""
    return not _STATE["quiet"] and sys.stderr.isatty()


def status(message: str) -> None:
    """Say what a long step is doing (one line on stderr)."""
    if enabled():
        print(f"codemix: {message}", file=sys.stderr, flush=True)


class SilentBar:
    """What ``bar`` returns when progress is off: tqdm's calls used here, each doing nothing.

    Not a disabled tqdm: every tqdm, disabled or not, creates a multiprocessing lock, and in a
    worker process killed while it trains (``ensemble.stop()``) that lock is left behind and
    Python warns of a leaked semaphore at exit.
    """

    def update(self, n: int = 1) -> None:
        """Nothing to advance."""

    def set_postfix_str(self, text: str = "") -> None:
        """Nothing to label."""

    def close(self) -> None:
        """Nothing to remove."""

    def __enter__(self) -> "SilentBar":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def bar(total: int | None, desc: str, unit: str = "it", unit_scale: bool = False):
    """A tqdm bar on stderr, or a ``SilentBar`` (every call a no-op) when progress is off;
    ``unit_scale`` shows large counts as k/M/G (bytes)."""
    if not enabled():
        return SilentBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, unit_scale=unit_scale, leave=False, file=sys.stderr)
