"""Id files: one id per line, listing the records of a split."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Mapping

from codemix.common.errors import FormatError
from codemix.loaders.formats.text import iter_lines, show
from codemix.loaders.report import LoadReport


def read_id_list(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Yield ``{"id": ..., "_line": n}`` per line; ids must be integers (``numeric``, the default)
    and unique. Trailing blank lines at the end of the file are allowed, others are errors."""
    numeric = options.get("numeric", True)
    seen: dict[str, int] = {}
    blank_at: int | None = None
    for number, line in iter_lines(path):
        value = line.strip()
        if value == "":
            blank_at = blank_at or number
            continue
        if blank_at is not None:
            raise FormatError(path, blank_at, "expected one id per line, got a blank line inside the list")
        if numeric and not value.lstrip("-").isdigit():
            raise FormatError(path, number, f"expected an integer id, got {show(line)}")
        if value in seen:
            raise FormatError(path, number, f"expected unique ids, but {value} is already on line {seen[value]}")
        seen[value] = number
        yield {"id": value, "_line": number}
