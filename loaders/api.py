"""``load`` and friends: the loaders' public face."""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path

from codemix.loaders.records import available_splits, iter_records
from codemix.loaders.cache import cache_dir, load_cached, save_cached
from codemix.common.errors import CodemixError, DataNotFoundError, UnknownNameError
from codemix.loaders.files import ResolvedFile, resolve_file
from codemix.loaders.registry import get_spec, unknown_name_message
from codemix.loaders.report import LoadReport
from codemix.loaders.schema import FIELDS, features
from codemix.loaders.spec import CorpusSpec, validate_spec

log = logging.getLogger("codemix")


def load(name: str | CorpusSpec, split: str | None = None, data_dir: str | Path | None = None, *,
         streaming: bool = False, verify: bool = True, use_cache: bool = True):
    """Load a corpus as a ``datasets.DatasetDict`` of records (or one ``Dataset`` with ``split``).

    ``name`` is a registered corpus, or a ``CorpusSpec`` of your own (validated first), which
    reads your files through the same strict readers.

    Files come from ``data_dir`` (no fallback, no network), else ``CODEMIX_DATA_DIR``, the
    cache (``$CODEMIX_HOME``) or a sha256-checked download. ``streaming=True`` returns
    ``IterableDataset(s)`` reading the raw files lazily. ``verify=False`` accepts files whose
    sha256 differs from the pinned release. Processed data is cached as Arrow.
    """
    spec = _spec(name)
    name = spec.name
    if split is not None and split not in spec.splits():
        raise UnknownNameError(unknown_name_message("split", split, list(spec.splits()), known_as=f"{name}'s splits"))
    files = resolve_files(spec, data_dir, verify)
    if split is not None and split not in available_splits(spec, files):
        absent = [f.spec.path for f in files if f.spec.split == split and f.path is None]
        raise DataNotFoundError(f"{name}: split {split!r} needs {absent}, which is absent; place it in the data_dir "
                                f"(see `codemix corpora show {name}` for its URL)")
    if streaming:
        return _streaming(spec, files, split)
    dataset, _ = _load_eager(spec, files, use_cache)
    return dataset[split] if split is not None else dataset


def load_report(name: str | CorpusSpec, data_dir: str | Path | None = None, verify: bool = True) -> LoadReport:
    """What loading ``name`` dropped, skipped, repaired and remapped (from the cache when warm)."""
    return load_with_report(name, data_dir, verify)[1]


def load_with_report(name: str | CorpusSpec, data_dir: str | Path | None = None, verify: bool = True):
    """``(DatasetDict, LoadReport)`` with one resolution of the files (one sha256 pass)."""
    spec = _spec(name)
    return _load_eager(spec, resolve_files(spec, data_dir, verify), True)


def _spec(name: str | CorpusSpec) -> CorpusSpec:
    if isinstance(name, CorpusSpec):
        validate_spec(name, f"the CorpusSpec passed to load ({name.name})")
        return name
    return get_spec(name)


def resolve_files(spec: CorpusSpec, data_dir=None, verify: bool = True) -> list[ResolvedFile]:
    """Every file of ``spec`` found (or fetched) and checked; absent optional files are logged."""
    if data_dir is not None and not isinstance(data_dir, (str, os.PathLike)):
        raise CodemixError(f"data_dir is a folder path (a str or a Path), not {data_dir!r} ({type(data_dir).__name__})")
    files = [resolve_file(spec, f, data_dir, verify) for f in spec.files]
    for resolved in files:
        if resolved.path is None:
            log.warning("%s: optional file %s is absent (from %s); loading without it",
                        spec.name, resolved.spec.path, resolved.spec.url)
    return files


def _load_eager(spec: CorpusSpec, files: list[ResolvedFile], use_cache: bool):
    directory = cache_dir(spec, files)
    if use_cache:
        cached = load_cached(directory)
        if cached is not None:
            return cached
    from codemix.loaders.progress import bar, status

    status(f"{spec.name}: reading the raw files (first load; later loads come from the cache)")
    report = LoadReport(spec.name)
    columns = {s: {name: [] for name in FIELDS} for s in available_splits(spec, files)}
    with bar(None, f"{spec.name}", unit="record") as progress:
        for count, record in enumerate(iter_records(spec, files, report), 1):
            target = columns[record["split"]]
            for name in FIELDS:
                target[name].append(record[name])
            if count % 1000 == 0:
                progress.update(1000)
    for f in files:
        if f.path is None:
            report.add(f"optional file absent: {f.spec.path}")
    dataset = _to_dataset_dict(columns)
    for line in report.lines():
        log.info("%s: %s", spec.name, line)
    if use_cache:
        save_cached(directory, dataset, report)
    return dataset, report


def _to_dataset_dict(columns: dict[str, dict[str, list]]):
    """Columns straight into Arrow with the schema's types: records are already checked, so
    datasets' per-value encoding (slower than our whole parse) is skipped."""
    import pyarrow as pa
    from datasets import Dataset, DatasetDict, DatasetInfo, NamedSplit

    schema = features()
    arrow_schema = schema.arrow_schema
    return DatasetDict({
        s: Dataset(pa.Table.from_pydict(c, schema=arrow_schema), info=DatasetInfo(features=schema), split=NamedSplit(s))
        for s, c in columns.items()})


def _streaming(spec: CorpusSpec, files: list[ResolvedFile], split: str | None):
    from datasets import IterableDataset, IterableDatasetDict

    def generate(wanted: str):
        for record in iter_records(spec, files, LoadReport(spec.name)):
            if record["split"] == wanted:
                yield record

    def one(wanted: str):
        return IterableDataset.from_generator(generate, features=features(), gen_kwargs={"wanted": wanted})

    if split is not None:
        return one(split)
    return IterableDatasetDict({s: one(s) for s in available_splits(spec, files)})


@contextmanager
def no_downloads():
    """Inspection commands read what is on disk; they never start a download."""
    from codemix.loaders.files import INSPECTING

    previous = INSPECTING["active"]
    INSPECTING["active"] = True
    try:
        yield
    finally:
        INSPECTING["active"] = previous


def load_available(names, data_dir, verify: bool = True, echo=print) -> dict:
    """``{name: DatasetDict}`` for ``names`` (errors raised) or, without names, every non-demo corpus
    whose files are on disk (the others are skipped with a line saying why). Never downloads."""
    from codemix.loaders.registry import all_specs

    out = {}
    with no_downloads():
        for name in names or [n for n, s in all_specs().items() if not s.bundled]:
            get_spec(name)
            try:
                out[name] = load(name, data_dir=data_dir, verify=verify)
            except CodemixError as error:
                if names:
                    raise
                echo(f"(skipped {name}: {str(error).splitlines()[0]})")
    return out
