"""A call bounded in wall-clock time, and the pause before retrying a server.

An HTTP client's timeout bounds each read, not the whole answer: a server that sends one byte
every few seconds never trips it. Running the call in a daemon thread and waiting at most the
given seconds bounds the whole request; a call left behind cannot keep the process alive.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

LONGEST_RETRY_AFTER = 60.0  # seconds; a server asking for a longer pause is not waited for


class Overtime(Exception):
    """The call did not return within its seconds."""


def call_within(function: Callable[[], Any], seconds: float) -> Any:
    """``function()``'s value or exception, or ``Overtime`` when it takes more than ``seconds``.

    >>> call_within(lambda: 6 * 7, 5.0)
    42
    >>> import time
    >>> call_within(lambda: time.sleep(2), 0.1)
    Traceback (most recent call last):
    ...
    codemix.baselines.bounded_call.Overtime: no complete answer within 0.1 s
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the caller's thread as it is
            outcome["error"] = error

    worker = threading.Thread(target=run, name="codemix-bounded-call", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise Overtime(f"no complete answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def retry_pause(attempt: int, retry_after: str | None = None) -> float:
    """Seconds to wait before retry ``attempt + 1``: the server's ``Retry-After`` in seconds when it
    gives one of at most a minute, else 0.5 s doubled per attempt, at most 8 s.

    >>> [retry_pause(n) for n in range(6)]
    [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    >>> retry_pause(0, "3"), retry_pause(0, "99999"), retry_pause(0, "Wed, 21 Oct 2015 07:28:00 GMT")
    (3.0, 0.5, 0.5)
    """
    try:
        asked = float(retry_after) if retry_after is not None else None
    except ValueError:
        asked = None
    if asked is not None and 0 < asked <= LONGEST_RETRY_AFTER:
        return asked
    return min(0.5 * 2 ** attempt, 8.0)
