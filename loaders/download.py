"""Downloads that never leave a partial or corrupt file behind.

Bytes go to a temporary file next to the destination, are hashed while they arrive, and the
file is renamed into place only when the sha256 matches the pinned one.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from codemix.loaders.errors import ChecksumError, DownloadError

CHUNK = 1 << 16


def sha256_of(path: str | Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK << 4), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url: str, destination: Path, sha256: str | None, timeout: float = 60.0) -> Path:
    """Fetch ``url`` to ``destination``; verify ``sha256`` (if pinned) before the file appears.

    Raises ``DownloadError`` (HTTP error, network failure, truncated body) or ``ChecksumError``;
    in every failure case nothing is left at ``destination`` or in its folder.
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
    try:
        digest = hashlib.sha256()
        with os.fdopen(handle, "wb") as out:
            received, expected = _stream(url, out, digest, timeout)
        if expected is not None and received != expected:
            raise DownloadError(f"{url}: the connection closed after {received:,} of {expected:,} bytes; try again")
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


def _stream(url: str, out, digest, timeout: float) -> tuple[int, int | None]:
    request = urllib.request.Request(url, headers={"User-Agent": "codemix"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            expected = int(length) if length and length.isdigit() else None
            received = 0
            progress = _progress(expected, url)
            while True:
                block = response.read(CHUNK)
                if not block:
                    break
                out.write(block)
                digest.update(block)
                received += len(block)
                if progress is not None:
                    progress.update(len(block))
            if progress is not None:
                progress.close()
            return received, expected
    except urllib.error.HTTPError as error:
        raise DownloadError(f"{url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DownloadError(f"{url}: download failed ({type(error).__name__}: {reason})") from None


def _progress(total: int | None, url: str):
    if not sys.stderr.isatty():
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc=url.rsplit("/", 1)[-1], leave=False)
