"""codemix: code-mixed NLP corpora in one typed schema, with tasks, baselines and a leaderboard.

>>> import codemix
>>> "demo_hien" in codemix.list_corpora()
True

Importing codemix is light: ``datasets`` is imported on the first load, and torch,
transformers and evaluate only by the baselines that need them.
"""

from __future__ import annotations

from codemix.loaders import (
    CodemixError, CorpusSpec, DataNotFoundError, FormatError, LabelError, UnknownNameError,
    list_corpora, load, load_report,
)
from codemix.loaders.registry import get_spec as corpus_info

__version__ = "0.1.0"

__all__ = [
    "load", "load_report", "list_corpora", "corpus_info", "CorpusSpec", "CodemixError", "FormatError",
    "LabelError", "UnknownNameError", "DataNotFoundError", "__version__",
]
