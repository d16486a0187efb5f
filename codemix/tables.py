"""Plain aligned text tables for the terminal (shared by every command)."""

from __future__ import annotations

import sys


def print_table(header: tuple[str, ...], rows: list[tuple], out=None) -> None:
    """Print ``rows`` under ``header`` as left-aligned columns with a dashed rule.

    Control characters in any cell (a team name holding ESC or CR) are printed escaped, never raw.

    >>> print_table(("a", "bb"), [(1, "x")])
    a  bb
    -  --
    1  x
    """
    from codemix.tasks.submission import printable

    out = out or sys.stdout
    cells = [tuple(printable(c) for c in header)] + [tuple(printable(c).replace("\n", "\\n") for c in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
        if index == 0:
            print("  ".join("-" * w for w in widths), file=out)
