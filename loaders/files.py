"""Where a corpus file comes from: ``data_dir`` -> ``CODEMIX_DATA_DIR`` -> cache -> download."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from codemix.loaders.download import download, sha256_of
from codemix.common.errors import ChecksumError, DataNotFoundError, DownloadError
from codemix.loaders.spec import CorpusSpec, FileSpec


def codemix_home() -> Path:
    """``$CODEMIX_HOME``, default ``~/.cache/codemix``: downloads, processed Arrow data, leaderboard."""
    return Path(os.environ.get("CODEMIX_HOME") or Path.home() / ".cache" / "codemix")


OFFLINE_VARIABLES = ("CODEMIX_OFFLINE", "HF_DATASETS_OFFLINE")
# set by ``no_downloads()`` for commands that only inspect what is on disk
INSPECTING = {"active": False}


def offline() -> bool:
    """True when downloads are switched off (``CODEMIX_OFFLINE=1``, ``HF_DATASETS_OFFLINE=1``, or an
    inspection command that reads only what is on disk)."""
    return INSPECTING["active"] or bool(offline_variable())


def offline_variable() -> str | None:
    """The environment variable that switches downloads off, if one does."""
    return next((v for v in OFFLINE_VARIABLES if os.environ.get(v, "").lower() in {"1", "true", "yes"}), None)


def _why_no_download(explicit: bool, has_url: bool) -> str:
    if explicit:
        return "data_dir was given, so nothing else is searched or downloaded"
    if not has_url:
        return "it has no download URL"
    if offline_variable():
        return f"downloads are off: {offline_variable()}=1 is set"
    return "this command reads only files already on disk and never downloads; codemix.load(name) downloads it"


@dataclass(frozen=True)
class ResolvedFile:
    """A spec file as found: its path (``None`` if optional and absent), sha256 and origin."""
    spec: FileSpec
    path: Path | None  # None: an optional file that is absent
    sha256: str | None
    origin: str  # data_dir | CODEMIX_DATA_DIR | cache | download | bundled | absent


def candidate_paths(spec: CorpusSpec, file: FileSpec, data_dir: str | Path | None) -> list[tuple[Path, str]]:
    """Paths to look at, in order; a folder may be the data root or the corpus folder itself.

    An explicit ``data_dir`` means these files and nothing else: no fallback, no network.
    """
    def under(root, origin):
        root = Path(root).expanduser()
        return [(root / spec.name / file.path, origin), (root / file.path, origin)]

    if data_dir:
        check_data_dir(data_dir)
        return under(data_dir, "data_dir")
    environment = os.environ.get("CODEMIX_DATA_DIR")
    return (under(environment, "CODEMIX_DATA_DIR") if environment else []) + [(cache_path(spec, file), "cache")]


def check_data_dir(data_dir: str | Path) -> None:
    """Refuse a ``data_dir`` that is not a folder: a mistyped path would otherwise read as "every
    corpus file is missing", corpus by corpus.

    >>> check_data_dir("/no/such/folder")
    Traceback (most recent call last):
    ...
    codemix.common.errors.DataNotFoundError: data_dir '/no/such/folder' does not exist: pass data_dir=... the folder that holds <corpus>/<file> (e.g. ../shared/data)
    """
    folder = Path(data_dir).expanduser()
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise DataNotFoundError(f"data_dir {str(data_dir)!r} {what}: pass data_dir=... the folder that holds "
                                "<corpus>/<file> (e.g. ../shared/data)")


def cache_path(spec: CorpusSpec, file: FileSpec) -> Path:
    """Where a downloaded file of ``spec`` is kept: ``$CODEMIX_HOME/downloads/<corpus>/<file>``."""
    return codemix_home() / "downloads" / spec.name / file.path


def resolve_file(spec: CorpusSpec, file: FileSpec, data_dir=None, verify: bool = True) -> ResolvedFile:
    """Find or fetch one file and check its sha256; see the module docstring for the order."""
    if spec.bundled:
        path = Path(str(resources.files("codemix.loaders") / "demo_data" / spec.name / file.path))
        return _verified(spec, file, path, "bundled", verify)
    candidates = candidate_paths(spec, file, data_dir)
    for path, origin in candidates:
        if path.is_file():
            return _verified(spec, file, path, origin, verify)
    if file.optional:
        return ResolvedFile(file, None, None, "absent")
    explicit = bool(data_dir)
    if explicit or offline() or not file.url:
        raise _not_found(spec, file, candidates, _why_no_download(explicit, bool(file.url)))
    target = cache_path(spec, file)
    try:
        download(file.url, target, file.sha256, size=file.size)
    except DownloadError as error:
        raise _not_found(spec, file, candidates, str(error)) from None
    return ResolvedFile(file, target, file.sha256, "download")


def _verified(spec: CorpusSpec, file: FileSpec, path: Path, origin: str, verify: bool) -> ResolvedFile:
    actual = sha256_of(path)
    if verify and file.sha256 is not None and actual != file.sha256:
        raise ChecksumError(
            f"{path}: sha256 is {actual}, but {spec.name} pins {file.sha256} for {file.path!r} "
            f"(from {file.url or 'the package'}). The file is not the published release (edited, "
            "re-encoded or CRLF-converted?): fetch the original, or load with verify=False to accept it")
    return ResolvedFile(file, path, actual, origin)


def _not_found(spec: CorpusSpec, file: FileSpec, candidates, why: str) -> DataNotFoundError:
    looked = "\n".join(f"  - {path} ({origin})" for path, origin in candidates)
    return DataNotFoundError(
        f"{spec.name}: file {file.path!r} not found ({why}).\n"
        f"Looked in:\n{looked}\n"
        f"Download it from {file.url} (sha256 {file.sha256}) and place it at "
        f"<data_dir>/{spec.name}/{file.path}, then pass data_dir=... or set CODEMIX_DATA_DIR.\n"
        f"Licence terms: {spec.license}")
