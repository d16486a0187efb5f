"""Declarative corpus specs: what a corpus is, where its files are, and how they map onto records.

A spec is pure data; ``validate_spec`` checks it when the registry imports it, so a malformed
spec fails at import with its file named rather than halfway through a load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from codemix.common.errors import SpecError
from codemix.loaders.schema import FIELDS, SPLITS
from codemix.common.labels import LABEL_SETS, SENTENCE_FIELDS, TASK_FIELDS

FILE_ROLES = ("data", "aligned", "labels", "ids")
SPLIT_KINDS = ("official", "id_files", "seeded", "test_only")
MISSING_POLICIES = ("error", "drop", "keep")
EMPTY_TOKEN_POLICIES = ("error", "drop", "keep")


@dataclass(frozen=True)
class FileSpec:
    """One raw file of a corpus.

    ``path`` is relative to the corpus folder, exactly as in MANIFEST.tsv. ``role``:
    ``data`` (records), ``aligned`` (the same sentences and tokens as the ``data`` file named by
    ``aligned_with``, contributing extra columns), ``labels`` (sentence labels joined by id onto
    the data of the same split), ``ids`` (the ids that make up ``split``).
    """

    path: str
    url: str | None
    sha256: str | None
    split: str | None = None
    role: str = "data"
    domain: str | None = None
    aligned_with: str | None = None
    repair_mojibake: bool = False
    optional: bool = False
    size: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))


@dataclass(frozen=True)
class LabelMap:
    """Source label -> canonical label, with a one-line why for every non-obvious mapping.

    A target of ``None`` (sentence fields only) means the source class has no canonical
    counterpart: the record keeps it in ``source_label`` and is unlabelled for that task.
    ``clean`` rules ``(pattern, replacement, why)`` rewrite a label the map does not know
    (e.g. a stray ``§`` in a POS tag) before a second lookup; each use is counted.
    """

    mapping: Mapping[str, str | None]
    why: Mapping[str, str]
    clean: tuple[tuple[str, str, str], ...] = ()
    ignore_case: bool = False

    @classmethod
    def of(cls, entries: Mapping[str, str | None | tuple[str | None, str]],
           clean: tuple[tuple[str, str, str], ...] = (), ignore_case: bool = False) -> "LabelMap":
        """Build from ``{"Hin": ("hi", "why ..."), "en": "en"}``; a bare target needs no why.

        ``ignore_case``: a label the map does not know is looked up again case-insensitively
        (``v_VAUX`` finds ``V_VAUX``), counted like a clean rule."""
        mapping, why = {}, {}
        for source, target in entries.items():
            if isinstance(target, tuple):
                mapping[source], why[source] = target
            else:
                mapping[source] = target
        return cls(MappingProxyType(mapping), MappingProxyType(why), tuple(clean), ignore_case)

    def allowed(self) -> list[str]:
        """The source labels this map knows."""
        return sorted(self.mapping)

    def lookup(self, label: str) -> tuple[str | None, str | None]:
        """``(canonical, cleaning rule used or None)``; raises ``KeyError`` for an unknown label."""
        if label in self.mapping:
            return self.mapping[label], None
        for pattern, replacement, _ in self.clean:
            cleaned = re.sub(pattern, replacement, label)
            if cleaned != label and cleaned in self.mapping:
                return self.mapping[cleaned], pattern
        if self.ignore_case:
            folded = {source.casefold(): target for source, target in self.mapping.items()}
            for candidate in [label] + [re.sub(p, r, label) for p, r, _ in self.clean]:
                if candidate.casefold() in folded:
                    return folded[candidate.casefold()], "case-insensitive match"
        raise KeyError(label)


# A clean rule for hand-edited files: spaces around a label are not part of it.
STRIP_SPACES = (r"^\s+|\s+$", "", "stray spaces around a label (hand-edited file)")


@dataclass(frozen=True)
class SplitPolicy:
    """How records are assigned to train/validation/test.

    ``official``: each data file names its split. ``id_files``: one data file, and ``ids``
    files listing each split's ids (records in no list are counted, not loaded).
    ``seeded``: a deterministic, stratified split by sentence (see ``codemix.loaders.splits``).
    ``test_only``: everything is ``test``.
    """

    kind: str
    seed: int = 0
    fractions: tuple[float, float, float] = (0.8, 0.1, 0.1)
    stratify_by: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Reference:
    """A published result, with the protocol needed to compare against it."""

    task: str
    metric: str
    value: float
    system: str
    citation: str
    split: str = "test"
    label_scheme: str = "canonical"
    domain: str | None = None
    note: str = ""
    # how the published system was built, where the paper says: classical, fine-tuned, prompted, or "LLM"
    # when a large language model is reported without saying whether it was prompted or fine-tuned
    model_kind: str = ""
    source: str = ""  # where the number was read (a table, an abstract, a repository file)
    unverified: str = ""  # non-empty: the number was not checked against its primary source - what to check


@dataclass(frozen=True)
class CorpusSpec:
    """Everything codemix knows about one corpus; ``loaders/corpora/<name>.py`` defines ``SPEC``."""

    name: str
    description: str
    pair: str
    languages: tuple[str, ...]
    tasks: tuple[str, ...]
    format: str
    files: tuple[FileSpec, ...]
    columns: Mapping[str, str]
    label_maps: Mapping[str, LabelMap]
    split_policy: SplitPolicy
    license: str
    citation: str
    version: str
    homepage: str = ""
    bibtex: str = ""  # the BibTeX entries of the papers to cite (``codemix corpora cite NAME``)
    reader_options: Mapping[str, Any] = field(default_factory=dict)
    domain: str | None = None
    bundled: bool = False
    empty_tokens: str = "error"
    missing_text: str = "error"
    # splits that may come out empty (by default an empty split - an empty or header-only file, id files
    # matching no record - is an error, never a silently smaller corpus)
    allow_empty_splits: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("columns", "label_maps", "reader_options"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def splits(self) -> tuple[str, ...]:
        """The splits this corpus provides."""
        if self.split_policy.kind == "test_only":
            return ("test",)
        if self.split_policy.kind == "official":
            present = {f.split for f in self.files if f.role == "data"}
            return tuple(s for s in SPLITS if s in present)
        return SPLITS

    def data_files(self) -> tuple[FileSpec, ...]:
        """The files that hold records (not id, label or aligned files)."""
        return tuple(f for f in self.files if f.role == "data")


_LANGUAGE = re.compile(r"^[a-z]{3}-[A-Z][a-z]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def validate_spec(spec: CorpusSpec, origin: str) -> None:
    """Raise ``SpecError`` naming ``origin`` (the spec's file) for anything malformed."""

    def fail(message: str) -> None:
        raise SpecError(f"{origin}: corpus spec {spec.name!r}: {message}")

    from codemix.loaders.formats import READERS

    if not _NAME.match(spec.name):
        fail("name must be lower_snake_case")
    if not spec.description or not spec.license or not spec.citation:
        fail("description, license and citation are required (write 'none stated' for a missing licence)")
    if not _VERSION.match(spec.version):
        fail(f"version {spec.version!r} must look like 1.0.0 (bump it when parsing or mapping changes)")
    for language in spec.languages:
        if not _LANGUAGE.match(language):
            fail(f"language {language!r} must be a BCP-47 tag with script, like 'hin-Latn'")
    if not spec.languages:
        fail("languages is empty")
    for task in spec.tasks:
        if task not in TASK_FIELDS:
            fail(f"task {task!r} is not one of {sorted(TASK_FIELDS)}")
    if spec.format not in READERS:
        fail(f"format {spec.format!r} is not one of {sorted(READERS)}")
    if spec.split_policy.kind not in SPLIT_KINDS:
        fail(f"split policy {spec.split_policy.kind!r} is not one of {list(SPLIT_KINDS)}")
    if spec.split_policy.kind == "seeded" and abs(sum(spec.split_policy.fractions) - 1.0) > 1e-9:
        fail("seeded split fractions must sum to 1")
    if spec.empty_tokens not in EMPTY_TOKEN_POLICIES:
        fail(f"empty_tokens must be one of {list(EMPTY_TOKEN_POLICIES)}")
    if spec.missing_text not in MISSING_POLICIES:
        fail(f"missing_text must be one of {list(MISSING_POLICIES)}")
    _validate_files(spec, fail)
    _validate_columns(spec, fail)


def _validate_files(spec: CorpusSpec, fail) -> None:
    if not spec.data_files():
        fail("no file with role 'data'")
    seen = set()
    for f in spec.files:
        if f.path in seen:
            fail(f"file {f.path!r} is listed twice")
        seen.add(f.path)
        if f.role not in FILE_ROLES:
            fail(f"file {f.path!r}: role {f.role!r} is not one of {list(FILE_ROLES)}")
        if f.split is not None and f.split not in SPLITS:
            fail(f"file {f.path!r}: split {f.split!r} is not one of {list(SPLITS)}")
        if f.path.startswith("/") or ".." in f.path.split("/"):
            fail(f"file {f.path!r}: paths are relative to the corpus folder")
        if f.sha256 is not None and not _SHA256.match(f.sha256):
            fail(f"file {f.path!r}: sha256 must be 64 lowercase hex digits")
        if f.sha256 is None and not f.optional:
            fail(f"file {f.path!r}: a sha256 is required (only an optional file may have none)")
        if not spec.bundled and not (f.url or "").startswith("https://"):
            fail(f"file {f.path!r}: a pinned https URL is required")
        if f.role == "aligned" and f.aligned_with not in {d.path for d in spec.data_files()}:
            fail(f"file {f.path!r}: aligned_with must name a data file")
    kind = spec.split_policy.kind
    data_splits = {f.split for f in spec.data_files()}
    if kind == "official" and None in data_splits:
        fail("an official split needs a split on every data file")
    if kind == "id_files" and {f.split for f in spec.files if f.role == "ids"} != set(SPLITS):
        fail("an id_files split needs one ids file per split")


def _validate_columns(spec: CorpusSpec, fail) -> None:
    for record_field in spec.columns:
        if record_field not in FIELDS:
            fail(f"column map target {record_field!r} is not a record field {list(FIELDS)}")
    if "text" not in spec.columns and "tokens" not in spec.columns:
        fail("the column map needs 'text' or 'tokens'")
    for task in spec.tasks:
        if TASK_FIELDS[task] not in spec.columns:
            fail(f"task {task!r} needs a column for record field {TASK_FIELDS[task]!r}")
    for record_field, label_map in spec.label_maps.items():
        if record_field not in LABEL_SETS:
            fail(f"label map for {record_field!r}: only {sorted(LABEL_SETS)} have canonical sets")
        if record_field not in spec.columns:
            fail(f"label map for {record_field!r} has no column in the column map")
        allowed = LABEL_SETS[record_field]
        for source, target in label_map.mapping.items():
            if target is None and (record_field not in SENTENCE_FIELDS or source not in label_map.why):
                fail(f"label map {record_field}: {source!r} -> None needs a why, and only sentence fields may be unlabelled")
            if target is None:
                continue
            if target not in allowed:
                fail(f"label map {record_field}: {source!r} -> {target!r} is not in {list(allowed)}")
            if source.strip().lower() != target.lower() and source not in label_map.why:
                fail(f"label map {record_field}: {source!r} -> {target!r} is not obvious; give a one-line why")
    for record_field in LABEL_SETS:
        if record_field in spec.columns and record_field not in spec.label_maps:
            fail(f"record field {record_field!r} has a column but no label map")
