"""Decoding raw files: strict UTF-8 with the failing line named, BOM and CR removed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from codemix.common.errors import FormatError
from codemix.loaders.normalize import strip_bom_and_cr


BLOCK = 1 << 20


def iter_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` lazily, without the line end; CR and BOM removed.

    Reads 1 MiB blocks and decodes each once (a per-line decode costs more than the parse);
    memory stays flat however large the file is.
    """
    number = 0
    carry = b""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(BLOCK)
            if not block:
                break
            block = carry + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                carry = block
                continue
            carry = block[cut:]
            for line in _decode_lines(path, block[:cut], number):
                number += 1
                yield number, line
    if carry:
        for line in _decode_lines(path, carry, number):
            number += 1
            yield number, line


def _decode(path, data: bytes, lines_before: int) -> str:
    _refuse_nul(path, data, lines_before)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = lines_before + data.count(b"\n", 0, error.start) + 1
        raise FormatError(path, line, _decode_message(error, data)) from None
    if "\r" in text or "\ufeff" in text:
        text = strip_bom_and_cr(text)
    return text


def _decode_lines(path, data: bytes, lines_before: int) -> list[str]:
    lines = _decode(path, data, lines_before).split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


_NON_BLANK_RUN = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def iter_line_blocks(path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(first_line_number, lines)`` for every run of non-blank lines (a sentence block).

    Works on 1 MiB chunks cut at a blank line, so a sentence is split into lines with one
    ``str.split`` instead of a Python step per line - and memory stays flat.
    """
    lines_before = 0
    carry = b""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(BLOCK)
            data = carry + block
            if block:
                cut = max(data.rfind(b"\n\n"), data.rfind(b"\n\r\n")) + 1
                if cut == 0:
                    carry = data
                    continue
                data, carry = data[:cut], data[cut:]
            elif not data:
                return
            else:
                carry = b""
            text = _decode(path, data, lines_before)
            position, line = 0, lines_before + 1
            for match in _NON_BLANK_RUN.finditer(text):
                line += text.count("\n", position, match.start())
                lines = match.group().split("\n")
                yield line, lines
                line += len(lines) - 1
                position = match.end()
            lines_before += data.count(b"\n")
            if not block:
                return


def read_text(path: str | Path) -> str:
    """The whole file as text, for formats that need a real parser (quoted newlines, JSON)."""
    data = Path(path).read_bytes()
    _refuse_nul(path, data, 0)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FormatError(path, line, _decode_message(error, data)) from None
    return text.lstrip("\ufeff")


def _refuse_nul(path, data: bytes, lines_before: int) -> None:
    """A NUL byte never belongs in a text corpus: binary data, or a UTF-16/32 file."""
    position = data.find(b"\x00")
    if position >= 0:
        line = lines_before + data.count(b"\n", 0, position) + 1
        raise FormatError(path, line, "found a NUL byte (binary data, or a UTF-16/UTF-32 file); re-save the file as "
                                      "UTF-8 text")


def _decode_message(error: UnicodeDecodeError, data: bytes) -> str:
    byte = data[error.start:error.start + 1].hex()
    return (f"expected UTF-8 text, found the invalid byte 0x{byte}; re-save the file as UTF-8 "
            "(codemix does not guess encodings)")


def show(value: str, limit: int = 60) -> str:
    """A short printable form of a piece of input for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
