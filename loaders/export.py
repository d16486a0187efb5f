"""Write a corpus's normalised records in a layout ``datasets.load_dataset`` reads back unchanged."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from codemix.common.errors import CodemixError
from codemix.common.paths import check_parent_folder
from codemix.loaders.spec import CorpusSpec

FORMATS = ("parquet", "jsonl")


def check_export_folder(out_dir: str | Path, file_format: str) -> Path:
    """``out_dir`` as a Path if an export can go there (a new or empty folder, a known format); else a CodemixError."""
    if file_format not in FORMATS:
        raise CodemixError(f"unknown export format {file_format!r}; use one of {list(FORMATS)}")
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise CodemixError(f"--to {out_dir} is an existing file, not a folder; choose a new folder (nothing was written)")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise CodemixError(f"{out_dir} exists and is not empty; choose a new folder (nothing was written)")
    return check_parent_folder(out_dir, "--to")


def export(spec: CorpusSpec, dataset, out_dir: str | Path, file_format: str = "parquet") -> list[Path]:
    """Write ``<out_dir>/<split>.<ext>`` per split plus a README.md dataset card.

    ``datasets.load_dataset(out_dir)`` gives the same records back with the same ``Features`` as
    ``codemix.load``: the card's YAML names the splits and the features (so a token layer that is
    empty everywhere stays a list of strings in jsonl too, where JSON alone cannot say so), and
    ``push_to_hub`` / ``upload_folder`` of the folder works as is. ``load_dataset("parquet",
    data_dir=out_dir)`` reads parquet exports with their types as well. The folder is written next to its final place and renamed, and an
    existing non-empty folder is refused rather than mixed into.
    """
    from codemix.loaders.cache import quiet_datasets
    from codemix.loaders.progress import enabled

    out_dir = check_export_folder(out_dir, file_format)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    # datasets draws its own bars for each file; they show only where codemix's would
    with contextlib.nullcontext() if enabled() else quiet_datasets():
        _write_splits(spec, dataset, out_dir, file_format, temporary)
    return sorted(out_dir.iterdir())


def _write_splits(spec: CorpusSpec, dataset, out_dir: Path, file_format: str, temporary: Path) -> None:
    try:
        ext = "parquet" if file_format == "parquet" else "jsonl"
        for split, data in dataset.items():
            target = temporary / f"{split}.{ext}"
            if file_format == "parquet":
                data.to_parquet(str(target))
            else:
                data.to_json(str(target), lines=True, force_ascii=False)
        (temporary / "README.md").write_text(dataset_card(spec, list(dataset), ext), encoding="utf-8")
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(temporary, out_dir)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def dataset_card(spec: CorpusSpec, splits: list[str], ext: str) -> str:
    """A Hugging Face dataset card: YAML (configs with data files, features) and the provenance."""
    import yaml

    from codemix.loaders.schema import features

    files = "\n".join(f"  - split: {s}\n    path: {s}.{ext}" for s in splits)
    info = yaml.safe_dump({"dataset_info": {"features": features()._to_yaml_list()}}, sort_keys=False)
    return (f"---\nconfigs:\n- config_name: default\n  data_files:\n{files}\n{info}---\n\n"
            f"# {spec.name}\n\n{spec.description}\n\n"
            f"- Exported by codemix from the published files (spec version {spec.version}).\n"
            f"- Licence of the source data: {spec.license}\n- Citation: {spec.citation}\n"
            f"- Splits: {spec.split_policy.kind} - {spec.split_policy.description}\n")
