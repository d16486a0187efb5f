"""Where codemix writes: output paths checked before any work, so a long run never fails at its last step.

The checks create nothing: a run that fails later leaves no empty folder behind. Each message
names the flag, the path and what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from codemix.common.errors import CodemixError


def check_output_folder(path, flag: str = "--out") -> Path:
    """``path`` as a Path, if it is a folder codemix can create (or write into); else a CodemixError.

    >>> check_output_folder("/dev/null/x")
    Traceback (most recent call last):
    ...
    codemix.common.errors.CodemixError: --out /dev/null/x: cannot create the folder (/dev/null is not a folder); pass another --out
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise CodemixError(f"{flag} {path} is an existing file, not a folder; pass a folder path")
    _check_creatable(path, path, flag, "the folder")
    return path


def make_output_folder(path, flag: str = "--out") -> Path:
    """The folder ``path``, created if missing after ``check_output_folder``; a failure is a CodemixError."""
    path = check_output_folder(path, flag)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CodemixError(f"{flag} {path}: cannot create the folder ({error.strerror})") from None
    return path


def check_output_file(path, flag: str) -> Path:
    """``path`` as a Path, if codemix can create or replace the file there; else a CodemixError."""
    path = Path(path)
    if path.is_dir():
        raise CodemixError(f"{flag} {path} is an existing folder, not a file; pass a file path")
    if path.exists() and not path.is_file() and not _writable_stream(path):
        raise CodemixError(f"{flag} {path} is a FIFO that no process reads, or a socket: writing to it would wait "
                           "forever or fail; pass a file path")
    _check_creatable(path.parent, path, flag, "its folder")
    return path


_HELD_WRITERS: list[int] = []


def _writable_stream(path: Path) -> bool:
    """Whether a special file takes writes now: a device (``/dev/null``, ``/dev/stdout``) or a FIFO with a reader."""
    import errno
    import stat

    mode = path.stat().st_mode
    if stat.S_ISCHR(mode):
        return True
    if not stat.S_ISFIFO(mode):
        return False
    try:  # without a reader, a non-blocking open fails at once where a plain one would wait forever
        writer = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ENXIO:
            return False
        raise
    # Kept open until the process ends: closing the only writer would end the reader's input
    # (EOF) before codemix writes the real output.
    _HELD_WRITERS.append(writer)
    return True


def check_parent_folder(path, flag: str = "--out") -> Path:
    """``path`` as a Path, if codemix can write next to it (a folder written aside and renamed into place)."""
    path = Path(path)
    _check_creatable(path.parent, path, flag, "its parent folder")
    return path


def _check_creatable(folder: Path, shown: Path, flag: str, what: str) -> None:
    """Whether ``folder`` exists writable, or its nearest existing ancestor is a writable folder."""
    existing = next(p for p in (folder.absolute(), *folder.absolute().parents) if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise CodemixError(f"{flag} {shown}: cannot create {what} ({existing} is not a folder); pass another {flag}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise CodemixError(f"{flag} {shown}: cannot create {what} ({existing} is not writable); pass another {flag}")


SMALL_FILE_BYTES = 1_000_000  # a prompt template or a label map is a few KB; more is the wrong file


def read_small_text(path, what: str) -> str:
    """The UTF-8 text of a small file the user names (a template, a label map); else a CodemixError.

    Only a regular file is opened, so a FIFO or a device (``/dev/zero``) can never block or
    fill memory, and a file over ``SMALL_FILE_BYTES`` is refused unread.

    >>> read_small_text("/dev/null", "--template")
    Traceback (most recent call last):
    ...
    codemix.common.errors.CodemixError: --template /dev/null: not a regular file (a FIFO, socket or device); pass a file
    """
    import stat

    path = Path(path)
    try:
        status = path.stat()
    except OSError as error:
        raise CodemixError(f"{what} {path}: cannot read it ({error.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file (a FIFO, socket or device)"
        raise CodemixError(f"{what} {path}: {kind}; pass a file")
    if status.st_size > SMALL_FILE_BYTES:
        raise CodemixError(f"{what} {path}: {status.st_size:,} bytes, over the {SMALL_FILE_BYTES:,}-byte limit; is it the right file?")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise CodemixError(f"{what} {path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise CodemixError(f"{what} {path}: not UTF-8 text (byte {error.start}: {error.reason})") from None
