"""The codemix error family.

Every error a user can cause is a ``CodemixError`` (a ``ValueError``): the CLI prints its
message and exits 1, while any other exception is a bug and keeps its traceback.
Messages say what went wrong, where (``path:line`` or the record id), the allowed values
and how to fix it.
"""

from __future__ import annotations


class CodemixError(ValueError):
    """Base class of every user-facing codemix error."""


class FormatError(CodemixError):
    """A raw corpus file does not have the layout its reader expects.

    The message starts with ``path:line:`` so editors and terminals can jump to it.
    """

    def __init__(self, path: object, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class LabelError(CodemixError):
    """A source label that the corpus spec does not map onto the canonical set."""


class RecordError(CodemixError):
    """A record that breaks the schema (token layer lengths, labels outside the task set)."""


class SpecError(CodemixError):
    """A malformed or duplicate corpus spec."""


class UnknownNameError(CodemixError):
    """An unknown corpus, task, baseline or split name."""


class DataNotFoundError(CodemixError):
    """A corpus file is neither on disk nor downloadable."""


class ChecksumError(CodemixError):
    """A file whose bytes do not hash to the sha256 pinned in its spec."""


class DownloadError(CodemixError):
    """A download failed (HTTP error, dropped connection); nothing was left in the cache."""
