"""Code-mixing statistics over canonical LID tags.

Language tokens are those tagged ``en hi bn mr`` or ``fw`` (a word of another language counts
as its own language: switching into it is a switch). ``ne``, ``other`` and ``unk`` are
language-independent and skipped, and so is ``mixed``: a word mixing two languages belongs to
neither alone, so it neither counts for a language nor makes a switch.

Measures (N = language tokens, P = switch points between consecutive language tokens):

- ``cmi``: Das & Gambäck (2014), ``100 * (1 - max_lang / N)``;
- ``cmi_v2``: Gambäck & Das (2016) utterance score, ``100 * (N - max_lang + P) / (2 N)``;
- ``switch_points``: P;  ``i_index``: Guzmán et al. (2017), ``P / (N - 1)``;
- ``m_index``: Barnett et al. (2000), ``(1 - Σp²) / ((k - 1) Σp²)``; k is the number of
  languages in the utterance by default, or a number given (``k=``, e.g. the languages of the
  corpus, as ``corpus_mixing_stats`` does with ``k="corpus"``); 0 when k < 2;
- ``language_entropy``: ``-Σ p log2 p`` over the language shares (bits);
- ``burstiness``: Goh & Barabási (2008) as used by Guzmán et al. (2017), ``(σ - μ) / (σ + μ)`` of
  the language span lengths, σ the *population* standard deviation; ``None`` for a single span
  (an utterance that never switches has no span-length variation to measure);
- ``span_entropy``: Guzmán et al. (2017), ``-Σ p_l log2 p_l`` over the share of spans of each
  length l (bits; 0 for a single span);
- ``memory``: Guzmán et al. (2017), the correlation of consecutive span lengths,
  ``1/(n_r - 1) Σ (τ_i - μ1)(τ_i+1 - μ2) / (σ1 σ2)`` over the n_r spans (μ1, σ1 over τ_1..τ_n-1;
  μ2, σ2 over τ_2..τ_n; population σ); ``None`` with fewer than three spans or a constant run;
- ``matrix_language``: the most frequent language (ties: the first to appear).

Every value is 0 (``burstiness``, ``memory`` and ``matrix_language`` ``None``) for an utterance
without language tokens. Tags must be canonical (``LabelError`` otherwise), and no value is
ever ``-0.0``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Iterable, Sequence

from codemix.common.errors import CodemixError, LabelError
from codemix.common.labels import LANGUAGE_INDEPENDENT_LID, LID_LABELS
from codemix.common.numbers import whole_at_least

# `mixed` belongs to two languages at once: skipped like the language-independent tags.
SKIPPED = frozenset(LANGUAGE_INDEPENDENT_LID | {"mixed"})
STAT_KEYS = ("cmi", "cmi_v2", "switch_points", "i_index", "m_index", "language_entropy", "burstiness", "span_entropy",
             "memory", "matrix_language")


def language_sequence(tags: Iterable[str]) -> list[str]:
    """The language tags of an utterance, in order, without the skipped ones."""
    return [tag for tag in tags if tag not in SKIPPED]


def spans(languages: Sequence[str]) -> list[int]:
    """Lengths of the monolingual runs: ``en en hi hi hi`` -> ``[2, 3]``."""
    out: list[int] = []
    for index, language in enumerate(languages):
        if index and language == languages[index - 1]:
            out[-1] += 1
        else:
            out.append(1)
    return out


def _tag_list(tags) -> list:
    """One utterance's tags as a list; a string, a record or a non-sequence is refused with what to pass."""
    from collections.abc import Mapping

    if isinstance(tags, str):
        raise LabelError(f"mixing_stats takes a list of LID tags, not a string ({tags[:40]!r}): pass record['lid'], "
                         "or split the string into tags")
    if isinstance(tags, Mapping):
        raise LabelError("mixing_stats takes one utterance's LID tags, not a record: pass record['lid'] "
                         "(for a whole split, corpus_mixing_stats(split['lid']))")
    try:
        return list(tags)
    except TypeError:
        raise LabelError(f"mixing_stats takes a list of LID tags, not {tags!r} ({type(tags).__name__})") from None


def mixing_stats(tags: Sequence[str], k: int | None = None) -> dict:
    """Code-mixing statistics of one utterance's canonical LID tags (see the module docstring).

    >>> stats = mixing_stats("en en hi hi other other hi hi en en en hi hi".split())
    >>> {k: round(v, 4) for k, v in stats.items() if k != "matrix_language"}
    {'cmi': 45.4545, 'cmi_v2': 36.3636, 'switch_points': 3, 'i_index': 0.3, 'm_index': 0.9836, 'language_entropy': 0.994, 'burstiness': -0.5367, 'span_entropy': 1.5, 'memory': -0.5}
    >>> stats["matrix_language"]
    'hi'
    """
    tags = _tag_list(tags)
    if k is not None and not whole_at_least(k, 0):
        raise CodemixError(f"k (the number of languages for the M-index) is a whole number >= 0 or None, not {k!r}")
    bad = sorted({repr(tag) for tag in tags if tag not in LID_LABELS})
    if bad:
        raise LabelError(f"mixing_stats takes canonical LID tags ({', '.join(LID_LABELS)}); got {', '.join(bad[:10])} "
                         "- map the corpus's own tags first (a codemix record's lid layer already is canonical)")
    languages = language_sequence(tags)
    n = len(languages)
    if n == 0:
        return {"cmi": 0.0, "cmi_v2": 0.0, "switch_points": 0, "i_index": 0.0, "m_index": 0.0, "language_entropy": 0.0,
                "burstiness": None, "span_entropy": 0.0, "memory": None, "matrix_language": None}
    counts = Counter(languages)
    matrix = max(counts, key=lambda language: (counts[language], -languages.index(language)))
    switches = sum(1 for a, b in zip(languages, languages[1:]) if a != b)
    shares = [c / n for c in counts.values()]
    concentration = sum(p * p for p in shares)
    languages_k = len(counts) if k is None else k
    runs = spans(languages)
    stats = {
        "cmi": 100 * (1 - counts[matrix] / n),
        "cmi_v2": 100 * (n - counts[matrix] + switches) / (2 * n),
        "switch_points": switches,
        "i_index": switches / (n - 1) if n > 1 else 0.0,
        "m_index": (1 - concentration) / ((languages_k - 1) * concentration) if languages_k > 1 else 0.0,
        "language_entropy": _entropy(shares),
        "burstiness": _burstiness(runs),
        "span_entropy": _entropy([c / len(runs) for c in Counter(runs).values()]),
        "memory": _memory(runs),
        "matrix_language": matrix,
    }
    # x + 0.0 turns -0.0 (from 0 * -1, -p log p at p = 1, ...) into 0.0; other values are unchanged
    return {key: value + 0.0 if isinstance(value, float) else value for key, value in stats.items()}


def _entropy(shares: Sequence[float]) -> float:
    return sum(-p * math.log2(p) for p in shares if p > 0)


def _burstiness(runs: Sequence[int]) -> float | None:
    if len(runs) < 2:
        return None
    mean, deviation = statistics.fmean(runs), statistics.pstdev(runs)
    return (deviation - mean) / (deviation + mean)


def _memory(runs: Sequence[int]) -> float | None:
    if len(runs) < 3:
        return None
    first, second = runs[:-1], runs[1:]
    s1, s2 = statistics.pstdev(first), statistics.pstdev(second)
    if s1 == 0 or s2 == 0:
        return None
    m1, m2 = statistics.fmean(first), statistics.fmean(second)
    return sum((a - m1) * (b - m2) for a, b in zip(first, second)) / ((len(runs) - 1) * s1 * s2)


def corpus_mixing_stats(utterances: Iterable[Sequence[str]], k: int | str | None = None) -> dict:
    """Corpus-level code-mixing over utterances' LID tags (utterances without tags are skipped).

    Returns the mean of each utterance measure over all utterances (``mean_*``) and over the
    mixed ones (``mixed_mean_*``: two or more languages), ``mixed_share`` (%), ``utterances``,
    ``mixed_utterances``, and ``corpus_cmi``: Gambäck & Das (2016)
    ``Cc = 100/U [ 1/2 Σ (1 - (max - P)/N + δ) + 5/6 S ]`` with δ = 1 when the utterance's
    matrix language differs from the previous utterance's and S the number of mixed utterances.
    Cc is not a percentage: its switching and δ terms make it exceed 100 when utterances switch
    often (SentiMix: 129.6), so compare it only with other Cc values. ``k`` goes to the M-index
    (``"corpus"``: the number of languages in the whole corpus). Without utterances every value
    is ``None`` and the counts are 0.

    >>> s = corpus_mixing_stats([["hi", "hi", "en"], ["en", "en"], ["hi", "other"]])
    >>> s["utterances"], s["mixed_utterances"], round(s["mean_cmi"], 2), round(s["corpus_cmi"], 2)
    (3, 1, 11.11, 72.22)
    """
    if isinstance(utterances, str) or not hasattr(utterances, "__iter__"):
        raise LabelError(f"corpus_mixing_stats takes a list of utterances' LID tag lists (split['lid']), not {utterances!r}"[:200])
    utterances = [tags for tags in utterances if tags]
    if isinstance(k, str) and k != "corpus":
        raise CodemixError(f"k is a whole number, None or \"corpus\" (the languages of the whole corpus), not {k!r}")
    if k == "corpus":
        k = len({language for tags in utterances for language in language_sequence(tags)})
    rows, total, previous_matrix = [], 0.0, None
    for tags in utterances:
        stats = mixing_stats(tags, k)
        languages = language_sequence(tags)
        matrix = stats["matrix_language"]
        if matrix is not None:
            delta = 1 if previous_matrix is not None and matrix != previous_matrix else 0
            n, top = len(languages), Counter(languages)[matrix]
            total += 1 - (top - stats["switch_points"]) / n + delta
            previous_matrix = matrix
        rows.append(stats)
    mixed = [r for r in rows if r["cmi"] > 0]
    out: dict = {"utterances": len(rows), "mixed_utterances": len(mixed),
                 "mixed_share": 100 * len(mixed) / len(rows) if rows else None}
    for key in STAT_KEYS[:-1]:
        out[f"mean_{key}"] = _mean(r[key] for r in rows)
        out[f"mixed_mean_{key}"] = _mean(r[key] for r in mixed)
    out["corpus_cmi"] = 100 / len(rows) * (total / 2 + 5 / 6 * len(mixed)) if rows else None
    return out


def _mean(values: Iterable) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else None


def add_mixing_columns(dataset):
    """The dataset with one column per statistic (computed from ``lid``; ``None`` without tags)."""
    def compute(lid):
        stats = mixing_stats(lid) if lid else {key: None for key in STAT_KEYS}
        return {key: stats[key] for key in STAT_KEYS}

    from datasets import IterableDataset, IterableDatasetDict

    from codemix.loaders.cache import quiet_datasets

    if isinstance(dataset, (IterableDataset, IterableDatasetDict)):  # streamed: computed as each record is read
        return dataset.map(compute, input_columns="lid")
    with quiet_datasets():
        # kept in memory: nothing is written into the cache folder the split was read from
        return dataset.map(compute, input_columns="lid", keep_in_memory=True)
