"""Delimited files: CSV (quoted newlines, with or without header), tab text without quoting,
and long token-per-row CSV grouped by sentence id."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator, Mapping

from codemix.common.errors import FormatError
from codemix.loaders.formats.text import iter_lines, read_text, show
from codemix.loaders.report import LoadReport


def read_csv(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """RFC-4180 CSV parsed by a real CSV parser (quoted fields may hold commas and newlines).

    Options: ``header`` (the exact header row expected as the first line), or ``columns`` (names
    for a file without header); ``delimiter`` (default ``,``). Every row must have exactly as
    many fields as there are columns. CR inside fields is removed (CRLF files).
    """
    delimiter = options.get("delimiter", ",")
    header = options.get("header")
    columns = tuple(header if header is not None else options.get("columns", ()))
    if not columns:
        raise ValueError("read_csv needs a 'header' or 'columns' option")  # a spec bug, not user input
    reader = csv.reader(io.StringIO(read_text(path), newline=""), delimiter=delimiter, strict=True)
    line = 1
    first = header is not None
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FormatError(path, start, f"expected well-formed CSV, got a quoting error ({error}); "
                                           "check for an unbalanced double quote") from None
        line = reader.line_num + 1
        row = [value.replace("\r", "") for value in row]
        if first:
            first = False
            if tuple(row) != columns:
                raise FormatError(path, start, f"expected the header {','.join(columns)!r}, got {show(delimiter.join(row))}")
            continue
        if len(row) != len(columns):
            got = "a blank line" if not row else f"{len(row)}: {show(delimiter.join(row))}"
            raise FormatError(path, start, f"expected {len(columns)} fields ({', '.join(columns)}), got {got}")
        item = dict(zip(columns, row))
        item["_line"] = start
        yield item


def read_tab_text(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """One record per line, fields split on TAB, no quoting at all (``"`` is an ordinary character).

    Options: ``columns`` (names, one per field); ``free_column``: the one column (the text)
    that may itself contain TABs - the fields left of it are split from the left, the ones
    right of it from the right, and each such line is counted; ``equal_columns``: pairs of
    columns that the source duplicates and that must agree (checked, never assumed).
    Blank lines at the end of the file are ignored; a blank line inside is an error (a record
    with empty text still has its TABs).
    """
    columns = tuple(options.get("columns", ("text", "label")))
    equal_columns = tuple(options.get("equal_columns", ()))
    free = options.get("free_column")
    left = columns.index(free) if free else None
    blank_at: int | None = None
    for number, line in iter_lines(path):
        if line.strip() == "":
            blank_at = blank_at or number
            continue
        if blank_at is not None:
            raise FormatError(path, blank_at, f"expected {len(columns)} tab-separated fields ({', '.join(columns)}), got a blank line")
        fields = line.split("\t")
        if free and len(fields) > len(columns):
            head = line.split("\t", left)
            fields = head[:left] + head[left].rsplit("\t", len(columns) - left - 1)
            report.add(f"{free} holding a TAB (kept; the other fields are split around it)", f"{path}:{number}")
        if len(fields) != len(columns):
            raise FormatError(path, number, f"expected {len(columns)} tab-separated fields ({', '.join(columns)}), "
                              f"got {len(fields)}: {show(line)}")
        item = dict(zip(columns, fields))
        for first, second in equal_columns:
            if item[first].strip() != item[second].strip():
                raise FormatError(path, number, f"expected columns {first!r} and {second!r} to be identical, got "
                                  f"{show(item[first])} and {show(item[second])}")
        item["_line"] = number
        yield item


def read_token_rows_csv(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Long CSV with one token per row, grouped into sentences by consecutive sentence id.

    Options: ``header`` (expected header), ``sentence_id`` (the id column), ``token_columns``
    (the token-level columns to collect, e.g. ``("sentence", "label")``). The rows of one
    sentence must be contiguous; an id that comes back later is an error.
    """
    id_column = options["sentence_id"]
    token_columns = tuple(options["token_columns"])
    finished: dict[str, int] = {}
    item: dict | None = None
    for row in read_csv(path, {"header": options["header"], "delimiter": options.get("delimiter", ",")}, report):
        sentence_id = row[id_column]
        if sentence_id == "":
            raise FormatError(path, row["_line"], f"expected a sentence id in column {id_column!r}, got an empty field")
        if item is not None and item["id"] != sentence_id:
            finished[item["id"]] = item["_line"]
            yield item
            item = None
        if item is None:
            if sentence_id in finished:
                raise FormatError(path, row["_line"], (
                    f"expected the rows of sentence {sentence_id} to be contiguous, but it already "
                    f"ended after starting at line {finished[sentence_id]}"))
            item = {"id": sentence_id, "_line": row["_line"], "_lines": []}
            item.update({column: [] for column in token_columns})
        for column in token_columns:
            item[column].append(row[column])
        item["_lines"].append(row["_line"])
    if item is not None:
        yield item
