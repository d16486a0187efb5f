"""A JSON array of flat objects (bare ``NaN`` allowed, as Python writes it)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterator, Mapping

from codemix.common.errors import FormatError
from codemix.loaders.formats.tagged import split_tagged_items
from codemix.loaders.formats.text import read_text, show
from codemix.loaders.report import LoadReport

_WHITESPACE = " \t\n\r"


def read_json_records(path: str | Path, options: Mapping, report: LoadReport) -> Iterator[dict]:
    """Yield each object of a top-level JSON array, with the line it starts on.

    Options: ``fields`` (keys every object must have); ``tagged_field`` + ``separator``: a
    string field of ``word<SEP>TAG`` items, split into the columns ``tagged_token`` and
    ``tagged_tag``. A float ``NaN`` (bare ``NaN`` in the file) becomes ``None``: a missing value
    that the corpus spec's ``missing_text`` policy handles explicitly.
    """
    text = read_text(path)
    fields = tuple(options.get("fields", ()))
    tagged_field = options.get("tagged_field")
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    line_of = lines.line_of
    position = _skip(text, 0)
    if not text.startswith("[", position):
        raise FormatError(path, line_of(position), f"expected a JSON array '[', got {show(text[position:position + 20])}")
    position = _skip(text, position + 1)
    if text.startswith("]", position):
        return
    while True:
        line = line_of(position)
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise FormatError(path, error.lineno, f"expected a JSON value, got invalid JSON ({error.msg})") from None
        except RecursionError:
            raise FormatError(path, line, "expected a flat JSON object, got nesting too deep to parse") from None
        except ValueError as error:  # an integer beyond Python's digit limit
            raise FormatError(path, line, f"expected a JSON value Python can hold, got {str(error)[:80]}") from None
        if not isinstance(value, dict):
            raise FormatError(path, line, f"expected a JSON object, got {type(value).__name__}")
        missing = [name for name in fields if name not in value]
        if missing:
            raise FormatError(path, line, f"expected the keys {list(fields)}, missing {missing}")
        item = {key: _missing_to_none(v) for key, v in value.items()}
        if tagged_field is not None and item.get(tagged_field) is not None:
            tagged = item[tagged_field]
            if not isinstance(tagged, str):
                raise FormatError(path, line, f"expected {tagged_field!r} to be a string, got {show(repr(tagged))}")
            item["tagged_token"], item["tagged_tag"], _ = split_tagged_items(
                tagged.replace("\r", ""), options.get("separator", "\\"), path, line,
                rejoin_report=report if options.get("rejoin_detached_tags") else None)
        item["_line"] = line
        yield item
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
            continue
        if text.startswith("]", position):
            rest = _skip(text, position + 1)
            if rest != len(text):
                raise FormatError(path, line_of(rest), f"expected the end of the file after ']', got {show(text[rest:rest + 20])}")
            return
        raise FormatError(path, line_of(position), f"expected ',' or ']' after an object, got {show(text[position:position + 20])}")


class _LineCounter:
    """Line numbers of increasing offsets in O(total length), not O(n) per lookup."""

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def line_of(self, offset: int) -> int:
        if offset < self.offset:
            return self.text.count("\n", 0, offset) + 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _missing_to_none(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
