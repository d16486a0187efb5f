"""One sentence per line of space-separated ``token/TAG`` or ``word\\TAG`` items."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Mapping

from codemix.common.errors import FormatError
from codemix.loaders.formats.text import iter_lines, show
from codemix.loaders.report import LoadReport

_SPACES = re.compile(r"[ \t]+")


def split_tagged_items(text: str, separator: str, path, line: int, native_separator: str | None = None,
                       rejoin_report: LoadReport | None = None):
    """Split ``"Han\\HI wo\\HI"`` into tokens, tags (and native forms) on the LAST separator.

    Tokens may themselves contain the separator (``//univ`` is the token ``/``). Items are
    separated by runs of spaces or tabs; leading and trailing spaces are ignored.
    With ``native_separator``, a tag ``B=বাংলা`` yields the tag ``B`` and the native form
    ``বাংলা`` (items without one get ``""``). With ``rejoin_report``, a tag detached from its
    token by a space (``sonia\\ UN``) is joined back and counted in that report; otherwise
    it is an error.

    >>> split_tagged_items("se/bn //univ ok/en ", "/", "f", 1)
    (['se', '/', 'ok'], ['bn', 'univ', 'en'], [])
    """
    tokens, tags, natives = [], [], []
    items = [item for item in _SPACES.split(text.strip(" \t")) if item != ""]
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if (rejoin_report is not None and item.endswith(separator) and index < len(items)
                and separator not in items[index]):
            rejoin_report.add("rejoined a tag detached from its token by a space", f"{path}:{line}")
            item += items[index]
            index += 1
        token, sep, tag = item.rpartition(separator)
        if not sep or tag == "":
            raise FormatError(path, line, f"expected items like 'token{separator}TAG', got {show(item)}")
        if native_separator is not None:
            tag, _, native = tag.partition(native_separator)
            if tag == "":
                raise FormatError(path, line, f"expected a tag before {native_separator!r} in {show(item)}")
            natives.append(native)
        tokens.append(token)
        tags.append(tag)
    return tokens, tags, natives


def read_tagged_items(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Each non-blank line is one sentence of ``token<SEP>TAG`` items.

    Options: ``separator`` (``/`` or ``\\``), ``columns`` (default ``("token", "tag")``),
    ``native_separator`` (adds a third column of native-script forms, e.g. ``=`` for
    ``word\\B=বাংলা``), ``rejoin_detached_tags`` (see ``split_tagged_items``). A blank line is an
    error unless ``allow_blank_lines`` is set.
    """
    separator = options.get("separator", "/")
    native_separator = options.get("native_separator")
    columns = tuple(options.get("columns", ("token", "tag") if native_separator is None else ("token", "tag", "native")))
    for number, line in iter_lines(path):
        if line.strip(" \t") == "":
            if options.get("allow_blank_lines"):
                continue
            raise FormatError(path, number, f"expected a sentence of 'token{separator}TAG' items, got a blank line")
        tokens, tags, natives = split_tagged_items(line, separator, path, number, native_separator,
                                                   report if options.get("rejoin_detached_tags") else None)
        item = {"_line": number, "_lines": [number] * len(tokens), columns[0]: tokens, columns[1]: tags}
        if native_separator is not None:
            item[columns[2]] = natives
        yield item
