"""Loaders: corpus specs, strict readers, download cache, and ``load``.

Import-light: ``datasets`` is imported only when data is actually loaded.
"""

from codemix.loaders.api import load, load_report
from codemix.common.errors import (
    ChecksumError, CodemixError, DataNotFoundError, DownloadError, FormatError, LabelError,
    RecordError, SpecError, UnknownNameError,
)
from codemix.loaders.registry import get_spec, list_corpora
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

__all__ = [
    "load", "load_report", "list_corpora", "get_spec", "CorpusSpec", "FileSpec", "LabelMap", "Reference",
    "SplitPolicy", "CodemixError", "FormatError", "LabelError", "RecordError", "SpecError",
    "UnknownNameError", "DataNotFoundError", "ChecksumError", "DownloadError",
]
