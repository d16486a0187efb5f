"""Blank-line separated token files: meta-block CoNLL and 2/3-column token TSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Mapping

from codemix.common.errors import FormatError
from codemix.loaders.formats.text import iter_line_blocks, show
from codemix.loaders.report import LoadReport

_HEADER_LIKE = re.compile(r"^meta\t[0-9]+(\t|$)")


def read_meta_conll(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Blocks of ``meta<TAB>id<TAB>label...`` followed by ``token<TAB>TAG`` lines.

    Options: ``header_fields`` (names of the header's fields after ``meta``, default
    ``("id", "label")``), ``token_columns`` (default ``("token", "tag")``).
    The header is matched by a strict regex, so tokens such as ``metal`` are not headers; a
    header directly after a token line (no blank line) still starts a new block.

    Every block yields one item: the header fields plus one list per token column.
    """
    header_fields = tuple(options.get("header_fields", ("id", "label")))
    columns = tuple(options.get("token_columns", ("token", "tag")))
    header_re = re.compile(r"^meta\t([0-9]+)" + r"\t(\w+)" * (len(header_fields) - 1) + r"$")

    def header(number: int, line: str):
        match = header_re.match(line)
        # 'meta<TAB>Eng' is the word "meta"; only 'meta<TAB><digits>' claims to be a header.
        if match is None and _HEADER_LIKE.match(line):
            raise FormatError(path, number, (
                f"expected a block header 'meta<TAB>{'<TAB>'.join(header_fields)}' "
                f"({len(header_fields)} fields after 'meta', id numeric), got {show(line)}"))
        return match

    for start, lines in iter_line_blocks(path):
        # Header positions inside the run of lines (normally just the first line).
        heads = [i for i, line in enumerate(lines) if line.startswith("meta\t") and header(start + i, line)]
        if not heads or heads[0] != 0:
            raise FormatError(path, start, f"expected a 'meta<TAB>id...' block header before token lines, got {show(lines[0])}")
        for index, head in enumerate(heads):
            end = heads[index + 1] if index + 1 < len(heads) else len(lines)
            item = dict(zip(header_fields, header_re.match(lines[head]).groups()))
            yield _split_columns(path, start + head, item, lines[head + 1:end], range(start + head + 1, start + end), columns)


def read_token_tsv(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """``token<TAB>TAG[<TAB>TAG2]`` per line, a blank line between sentences.

    Options: ``columns`` (default ``("token", "tag")``); ``skip_lines``: lines known to be junk
    in a real file (compared without surrounding spaces), each skipped and counted in the load
    report (never silently).
    Runs of blank lines (and leading ones) are one sentence break.
    """
    columns = tuple(options.get("columns", ("token", "tag")))
    skip_lines = frozenset(options.get("skip_lines", ()))
    for start, lines in iter_line_blocks(path):
        numbers = range(start, start + len(lines))
        if skip_lines and any(line.strip() in skip_lines for line in lines):
            kept = [(n, line) for n, line in zip(numbers, lines) if line.strip() not in skip_lines]
            for n, line in zip(numbers, lines):
                if line.strip() in skip_lines:
                    report.add(f"skipped junk line {line.strip()!r}", f"{path}:{n}")
            if not kept:
                continue
            numbers, lines = [n for n, _ in kept], [line for _, line in kept]
        yield _split_columns(path, numbers[0], {}, lines, numbers, columns)


def _split_columns(path, start: int, item: dict, lines: list[str], numbers, columns: tuple[str, ...]) -> dict:
    """Split token lines into columns in bulk; any line with the wrong width is an error."""
    if not lines:
        raise FormatError(path, start, "expected at least one token line after the block header, got none")
    rows = [line.split("\t") for line in lines]
    width = len(columns)
    for row, line, number in zip(rows, lines, numbers):
        if len(row) != width:
            raise FormatError(path, number, (
                f"expected {width} tab-separated columns ({', '.join(columns)}), got {len(row)}: {show(line)}"))
    for column, values in zip(columns, zip(*rows)):
        item[column] = list(values)
    item["_line"] = start
    item["_lines"] = numbers
    return item
