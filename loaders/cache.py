"""Processed Arrow data, cached per spec and file content, written atomically."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from codemix.loaders.download import sha256_of
from codemix.loaders.files import ResolvedFile, codemix_home
from codemix.loaders.report import LoadReport
from codemix.loaders.spec import CorpusSpec

# Bump when the shared reading/normalisation code changes the records it produces (2: cache manifests).
PIPELINE_VERSION = "2"
REPORT_FILE = "codemix_load_report.json"  # written last: its presence marks a complete folder
SPLITS_FILE = "codemix_splits.json"
MANIFEST_FILE = "codemix_manifest.json"  # size and sha256 of every other file, checked on each load

log = logging.getLogger("codemix")
# What ``datasets`` itself writes beside a split's data when a user maps or filters a loaded
# split: derived results it never reads back on load, so they are not damage.
DERIVED_CACHE = re.compile(r"[^/]+/cache-[0-9a-f]{16}\.arrow")


def cache_key(spec: CorpusSpec, files: list[ResolvedFile]) -> str:
    """A digest of everything that decides the records: the whole spec, the file bytes, the pipeline."""
    payload = json.dumps({
        "pipeline": PIPELINE_VERSION,
        "spec": repr(spec),
        "files": [(f.spec.path, f.sha256) for f in files],
    }, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def cache_dir(spec: CorpusSpec, files: list[ResolvedFile]) -> Path:
    """The processed-cache folder of a spec and its files."""
    return codemix_home() / "processed" / spec.name / f"{spec.version}-{cache_key(spec, files)}"


def load_cached(directory: Path):
    """``(DatasetDict, LoadReport)`` from a complete, intact cache folder, or ``None``.

    A folder whose files do not match its manifest (a file missing, truncated, garbled or
    swapped for another corpus's data) is discarded with one warning, to be rebuilt from the
    raw files: wrong rows are never served.
    """
    if not (directory / REPORT_FILE).is_file():
        return None
    damage = manifest_damage(directory)
    if damage:
        log.warning("codemix: the processed cache %s is damaged (%s); rebuilding it from the raw files", directory, damage)
        shutil.rmtree(directory, ignore_errors=True)
        return None
    from datasets import Dataset, DatasetDict

    from codemix.loaders.schema import FIELDS, features

    splits = json.loads((directory / SPLITS_FILE).read_text(encoding="utf-8"))
    out = {}
    with quiet_datasets():
        for split, rows in splits.items():
            # datasets cannot read back a saved empty split, so empty splits are rebuilt from the schema.
            out[split] = (Dataset.load_from_disk(str(directory / split)) if rows
                          else Dataset.from_dict({name: [] for name in FIELDS}, features=features(), split=split))
    return DatasetDict(out), LoadReport.from_json((directory / REPORT_FILE).read_text(encoding="utf-8"))


def save_cached(directory: Path, dataset, report: LoadReport) -> None:
    """Write to a temporary sibling folder, then rename: a crash never leaves a half cache."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        with quiet_datasets():
            for split, data in dataset.items():
                if data.num_rows:
                    data.save_to_disk(str(temporary / split))
        (temporary / SPLITS_FILE).write_text(json.dumps({s: d.num_rows for s, d in dataset.items()}), encoding="utf-8")
        (temporary / MANIFEST_FILE).write_text(json.dumps(_manifest(temporary, dataset)), encoding="utf-8")
        (temporary / REPORT_FILE).write_text(report.to_json(), encoding="utf-8")
        try:
            os.replace(temporary, directory)
        except OSError:
            if not (directory / REPORT_FILE).is_file():  # not another process winning the race
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _manifest(directory: Path, dataset) -> dict:
    files = {}
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        files[path.relative_to(directory).as_posix()] = {"size": path.stat().st_size, "sha256": sha256_of(path)}
    return {"rows": {split: data.num_rows for split, data in dataset.items()}, "files": files}


def manifest_damage(directory: Path) -> str | None:
    """What is wrong with a cache folder against its manifest, or ``None`` when it is intact."""
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        expected = manifest["files"]
        rows = json.loads((directory / SPLITS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return "its manifest is missing or unreadable"
    if rows != manifest.get("rows"):
        return "its split sizes differ from the manifest"
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}
    present -= {MANIFEST_FILE, REPORT_FILE}
    present -= {name for name in present if DERIVED_CACHE.fullmatch(name) and name not in expected}
    if present != set(expected):
        return f"files differ from the manifest: {sorted(present ^ set(expected))[:3]}"
    for name, entry in expected.items():
        path = directory / name
        if path.stat().st_size != entry["size"]:
            return f"{name} has {path.stat().st_size:,} bytes, the manifest says {entry['size']:,}"
        if sha256_of(path) != entry["sha256"]:
            return f"{name} does not hash to its manifest sha256"
    return None


@contextlib.contextmanager
def quiet_datasets():
    """Silence datasets' progress bars for our internal cache I/O, restoring the user's setting."""
    import datasets

    was_enabled = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        yield
    finally:
        if was_enabled:
            datasets.enable_progress_bars()
