"""Blank-line separated token files: meta-block CoNLL and 2/3-column token TSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Mapping

from codemix.loaders.errors import FormatError
from codemix.loaders.formats.text import iter_lines, show
from codemix.loaders.report import LoadReport

_HEADER_LIKE = re.compile(r"^meta\t[0-9]+(\t|$)")


def read_meta_conll(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Blocks of ``meta<TAB>id<TAB>label...`` followed by ``token<TAB>TAG`` lines.

    Options: ``header_fields`` (names of the header's fields after ``meta``, default
    ``("id", "label")``), ``token_columns`` (default ``("token", "tag")``).
    The header is matched by a strict regex, so tokens such as ``metal`` are not headers.

    Every block yields one item: the header fields plus one list per token column.
    """
    header_fields = tuple(options.get("header_fields", ("id", "label")))
    token_columns = tuple(options.get("token_columns", ("token", "tag")))
    header_re = re.compile(r"^meta\t([0-9]+)" + r"\t(\w+)" * (len(header_fields) - 1) + r"$")
    item: dict | None = None
    for number, line in iter_lines(path):
        match = header_re.match(line)
        # 'meta<TAB>Eng' is the word "meta"; only 'meta<TAB><digits>' claims to be a header.
        if match is None and _HEADER_LIKE.match(line):
            raise FormatError(path, number, (
                    f"expected a block header 'meta<TAB>{'<TAB>'.join(header_fields)}' "
                    f"({len(header_fields)} fields after 'meta', id numeric), got {show(line)}"))
        if match is not None:
            if item is not None:
                yield _finish_block(path, item)
            item = dict(zip(header_fields, match.groups()))
            item.update({"_line": number, "_lines": []})
            item.update({column: [] for column in token_columns})
            continue
        if line == "":
            if item is not None:
                yield _finish_block(path, item)
                item = None
            continue
        if item is None:
            raise FormatError(path, number, f"expected a 'meta<TAB>id...' block header before token lines, got {show(line)}")
        _add_token_line(path, number, line, item, token_columns)
    if item is not None:
        yield _finish_block(path, item)


def read_token_tsv(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """``token<TAB>TAG[<TAB>TAG2]`` per line, a blank line between sentences.

    Options: ``columns`` (default ``("token", "tag")``); ``skip_lines``: exact lines known to be
    junk in a real file, each skipped and counted in the load report (never silently).
    Runs of blank lines (and leading ones) are one sentence break.
    """
    columns = tuple(options.get("columns", ("token", "tag")))
    skip_lines = frozenset(options.get("skip_lines", ()))
    item: dict | None = None
    for number, line in iter_lines(path):
        if line == "":
            if item is not None:
                yield item
                item = None
            continue
        if line in skip_lines:
            report.add(f"skipped junk line {line!r}", f"{path}:{number}")
            continue
        if item is None:
            item = {"_line": number, "_lines": []}
            item.update({column: [] for column in columns})
        _add_token_line(path, number, line, item, columns)
    if item is not None:
        yield item


def _add_token_line(path, number: int, line: str, item: dict, columns: tuple[str, ...]) -> None:
    fields = line.split("\t")
    if len(fields) != len(columns):
        raise FormatError(path, number, (
            f"expected {len(columns)} tab-separated columns ({', '.join(columns)}), "
            f"got {len(fields)}: {show(line)}"))
    for column, value in zip(columns, fields):
        item[column].append(value)
    item["_lines"].append(number)


def _finish_block(path, item: dict) -> dict:
    if not item["_lines"]:
        raise FormatError(path, item["_line"], "expected at least one token line after the block header, got none")
    return item
