"""Downloads that never leave a partial or corrupt file behind.

Bytes go to a temporary file next to the destination, are hashed while they arrive, and the
file is renamed into place only when the sha256 matches the pinned one.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import http.client
import os
import signal
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from codemix.common.errors import ChecksumError, DownloadError
from codemix.loaders.progress import bar

CHUNK = 1 << 16


def sha256_of(path: str | Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK << 4), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url: str, destination: Path, sha256: str | None, timeout: float = 60.0, size: int | None = None,
             deadline: float | None = None) -> Path:
    """Fetch ``url`` to ``destination``; verify ``size`` and ``sha256`` (if pinned) before the file appears.

    ``timeout`` bounds each socket wait; ``deadline`` (default: 10 minutes plus 1 s per 100 kB of
    the expected size) bounds the whole file, so a trickling server cannot hold a download for
    ever; a body longer than ``size`` is cut off as soon as it passes it. Raises
    ``DownloadError`` or ``ChecksumError``; in every failure - SIGTERM included - nothing is left
    at ``destination`` or in its folder, and ``.part`` files of earlier killed downloads of the
    same file are removed first.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(destination)
    limit = deadline if deadline is not None else 600 + (size or 0) / 100_000
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.{os.getpid()}.", suffix=".part", dir=destination.parent)
    try:
        with _terminate_as_exit():
            digest = hashlib.sha256()
            with os.fdopen(handle, "wb") as out:
                received, expected = _stream(url, out, digest, timeout, size, time.monotonic() + limit)
            if expected is not None and received != expected:
                raise DownloadError(f"{url}: the connection closed after {received:,} of {expected:,} bytes; try again")
            if size is not None and received != size:
                raise DownloadError(f"{url}: got {received:,} bytes, the corpus spec expects {size:,}; nothing was saved")
            actual = digest.hexdigest()
            if sha256 is not None and actual != sha256:
                raise ChecksumError(
                    f"{url}: downloaded bytes hash to sha256 {actual}, but the corpus spec pins {sha256}; "
                    "the file changed upstream or the download was altered - nothing was saved")
            os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return destination


def remove_stale_parts(destination: Path) -> list[Path]:
    """Delete ``.part`` files of ``destination`` left by processes that no longer run."""
    removed = []
    for part in destination.parent.glob(f".{glob.escape(destination.name)}.*.part"):
        pid = part.name[len(destination.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
            continue  # another download of the same file is running right now
        part.unlink(missing_ok=True)
        removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _terminate_as_exit():
    """While downloading, SIGTERM raises ``SystemExit`` so the cleanup runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stream(url: str, out, digest, timeout: float, size: int | None, stop_at: float) -> tuple[int, int | None]:
    request = urllib.request.Request(url, headers={"User-Agent": "codemix"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            expected = int(length) if length and length.isdigit() else None
            if size is not None and expected is not None and expected > size:
                raise DownloadError(f"{url}: the server announces {expected:,} bytes, the corpus spec expects {size:,}; "
                                    "not downloading")
            received = 0
            # a byte count on a terminal, removed on an error too; none with --quiet or off a terminal
            with bar(expected or size, url.rsplit("/", 1)[-1], unit="B", unit_scale=True) as progress:
                while True:
                    block = response.read(CHUNK)
                    if not block:
                        break
                    received += len(block)
                    if size is not None and received > size:
                        raise DownloadError(f"{url}: the body is longer than the {size:,} bytes the corpus spec "
                                            "expects; stopped")
                    if time.monotonic() > stop_at:
                        raise DownloadError(f"{url}: still downloading after the deadline ({received:,} bytes so far); "
                                            "the server is too slow or never ends - try again later")
                    out.write(block)
                    digest.update(block)
                    progress.update(len(block))
            return received, expected
    except urllib.error.HTTPError as error:
        error.close()  # it holds the response's connection
        raise DownloadError(f"{url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DownloadError(f"{url}: download failed ({type(error).__name__}: {reason})") from None
