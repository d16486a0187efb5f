"""Strict readers, one per raw format.

A reader takes ``(path, options, report)`` and yields raw items: dicts of column -> value
(token formats give one list per column) plus ``_line``, the 1-based line where the item
starts (and ``_lines``, one line number per token, for token-per-line formats). Readers apply
no label mapping; malformed input raises ``FormatError("path:line: expected ..., got ...")``.
"""

from __future__ import annotations

from typing import Callable, Iterator

from codemix.loaders.formats.conll import read_meta_conll, read_token_tsv
from codemix.loaders.formats.delimited import read_csv, read_tab_text, read_token_rows_csv
from codemix.loaders.formats.ids import read_id_list
from codemix.loaders.formats.json_records import read_json_records
from codemix.loaders.formats.tagged import read_tagged_items

Reader = Callable[..., Iterator[dict]]

READERS: dict[str, Reader] = {
    "meta_conll": read_meta_conll,
    "token_tsv": read_token_tsv,
    "tagged_items": read_tagged_items,
    "token_rows_csv": read_token_rows_csv,
    "csv": read_csv,
    "tab_text": read_tab_text,
    "json_records": read_json_records,
    "id_list": read_id_list,
}

__all__ = ["READERS", "Reader"]
