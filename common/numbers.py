"""Checks of the numbers users pass (seeds, counts, limits), shared by every layer of codemix."""

from __future__ import annotations

import numbers
from typing import Any


def whole_at_least(value: Any, minimum: int) -> bool:
    """Whether ``value`` is a whole number (not a bool, not a float) of at least ``minimum``.

    >>> whole_at_least(3, 0), whole_at_least(True, 0), whole_at_least(2.0, 0), whole_at_least(-1, 0)
    (True, False, False, False)
    """
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= minimum
