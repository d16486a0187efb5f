"""Text that is safe to show: values quoted briefly, control characters escaped, aligned tables."""

from __future__ import annotations

import json
import sys
from typing import Any

_UNPRINTABLE = {c: f"\\x{c:02x}" for c in range(32) if chr(c) not in "\n\t"} | {0x7F: "\\x7f"}
_UNPRINTABLE.update({c: f"\\u{c:04x}" for c in (*range(0x80, 0xA0), 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                               0x2066, 0x2067, 0x2068, 0x2069)})


def printable(text: Any) -> str:
    r"""``text`` with control characters (ESC, BEL, CR, ...) and bidi overrides escaped, safe for a terminal.

    >>> printable("team\x1b[31m red\r")
    'team\\x1b[31m red\\x0d'
    """
    return str(text).translate(_UNPRINTABLE)


def quote(value: Any, limit: int = 100) -> str:
    """``repr`` of a value cut to ``limit`` characters, so a huge value is never echoed whole.

    >>> quote("x" * 500, 10)
    "'xxxxxxxx... (500 characters)"
    """
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)[:limit + 1]
    if len(text) <= limit:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return text[:limit - 1] + "..." + size


def print_table(header: tuple[str, ...], rows: list[tuple], out=None) -> None:
    """Print ``rows`` under ``header`` as left-aligned columns with a dashed rule.

    Control characters in any cell (a team name holding ESC or CR) are printed escaped, never raw.

    >>> print_table(("a", "bb"), [(1, "x")])
    a  bb
    -  --
    1  x
    """
    out = out or sys.stdout
    cells = [tuple(printable(c) for c in header)] + [tuple(printable(c).replace("\n", "\\n") for c in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
        if index == 0:
            print("  ".join("-" * w for w in widths), file=out)
