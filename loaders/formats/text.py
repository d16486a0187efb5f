"""Decoding raw files: strict UTF-8 with the failing line named, BOM and CR removed."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from codemix.loaders.errors import FormatError
from codemix.loaders.normalize import strip_bom_and_cr


def iter_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` lazily, without the line end; CR and BOM removed.

    Streaming: memory stays flat however large the file is.
    """
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise FormatError(path, number, _decode_message(error, raw)) from None
            yield number, strip_bom_and_cr(line.rstrip("\n"))


def read_text(path: str | Path) -> str:
    """The whole file as text, for formats that need a real parser (quoted newlines, JSON)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FormatError(path, line, _decode_message(error, data)) from None
    return text.lstrip("\ufeff")


def _decode_message(error: UnicodeDecodeError, data: bytes) -> str:
    byte = data[error.start:error.start + 1].hex()
    return (f"expected UTF-8 text, found the invalid byte 0x{byte}; re-save the file as UTF-8 "
            "(codemix does not guess encodings)")


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def show(value: str, limit: int = 60) -> str:
    """A short printable form of a piece of input for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
