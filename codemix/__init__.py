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
    list_corpora, load_report,
)
from codemix.loaders import load as _load
from codemix.baselines.model import Model
from codemix.evaluation import evaluate
from codemix.loaders.registry import get_spec as corpus_info
from codemix.tasks.mixing import corpus_mixing_stats, mixing_stats
from codemix.tasks.registry import get_task, list_tasks

from codemix.common.version import VERSION as __version__

__all__ = [
    "load", "load_report", "evaluate", "Model", "list_corpora", "corpus_info", "list_tasks", "get_task", "mixing_stats",
    "corpus_mixing_stats", "CorpusSpec", "CodemixError", "FormatError", "LabelError", "UnknownNameError",
    "DataNotFoundError", "__version__",
]


def load(name, split=None, data_dir=None, *, streaming=False, verify=True, use_cache=True, with_stats=False):
    """Load a corpus as a ``datasets.DatasetDict`` of records (or one ``Dataset`` with ``split``).

    See ``codemix.loaders.load`` for the arguments. ``with_stats=True`` adds one column per
    code-mixing statistic of each record's LID tags (``cmi``, ``cmi_v2``, ``switch_points``,
    ``i_index``, ``m_index``, ``language_entropy``, ``burstiness``, ``matrix_language``;
    ``None`` where a record has no LID tags).
    """
    data = _load(name, split, data_dir, streaming=streaming, verify=verify, use_cache=use_cache)
    if not with_stats:
        return data
    from codemix.tasks.mixing import add_mixing_columns

    return add_mixing_columns(data)
