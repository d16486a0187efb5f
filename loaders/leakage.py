"""Text overlap inside a corpus (between its splits) and across corpora, and de-duplication.

Two texts match *exactly* when their stored text (NFC, CR/BOM removed) is equal, and
*normalised* when they are equal after ``normalise_for_overlap``: case folded, URLs dropped,
@mentions collapsed, punctuation and spacing removed. Empty texts never match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations

from codemix.common.errors import CodemixError
from codemix.loaders.schema import SPLITS

_URL = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+")
_MENTION = re.compile(r"@\s*\w+")
_NOT_WORD = re.compile(r"[^\w\u0900-\u0dff]+")


def normalise_for_overlap(text: str) -> str:
    """The key under which near-identical texts collide.

    >>> normalise_for_overlap("@USER  Yeh movie BAHUT acchi thi!!! https://t.co/x")
    'yeh movie bahut acchi thi'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MENTION.sub(" ", _URL.sub(" ", text))  # anonymised or not, mentions and links say nothing
    return " ".join(_NOT_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Overlap:
    """Records of ``right`` whose text also occurs in ``left`` (counted on ``right``'s side)."""

    left: str
    right: str
    exact: int
    normalised: int
    right_size: int


def _texts(texts: list[str], key) -> list[str]:
    return [key(t) for t in texts if t.strip()]


def _columns(split, what: str = "a split") -> tuple[list[str], list]:
    """A split's texts and domains, read once: a loaded split by its columns, a streamed one or a
    list of records one by one (each a dict with a text string)."""
    from datasets import Dataset

    if isinstance(split, Dataset):
        domains = list(split["domain"]) if "domain" in split.column_names else [None] * split.num_rows
        return list(split["text"]), domains
    texts, domains = [], []
    for index, record in enumerate(split):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CodemixError(f"item #{index} of {what} has no text string: {record!r:.60}")
        texts.append(record["text"])
        domains.append(record.get("domain"))
    return texts, domains


def split_overlaps(name: str, dataset) -> list[Overlap]:
    """train∩validation, train∩test, validation∩test and test∩(train+validation) of one corpus
    (the last also per domain when the test set has several); loaded or streamed splits."""
    splits = [s for s in SPLITS if s in dataset]
    columns = {s: _columns(dataset[s]) for s in splits}
    exact = {s: _texts(columns[s][0], lambda t: t) for s in splits}
    norm = {s: _texts(columns[s][0], normalise_for_overlap) for s in splits}
    out = []
    for left, right in combinations(splits, 2):
        out.append(Overlap(f"{name}:{left}", f"{name}:{right}", _count_in(exact[right], exact[left]),
                           _count_in(norm[right], norm[left]), len(columns[right][0])))
    if {"train", "validation", "test"} <= set(splits):
        out.append(Overlap(f"{name}:train+validation", f"{name}:test",
                           _count_in(exact["test"], exact["train"] + exact["validation"]),
                           _count_in(norm["test"], norm["train"] + norm["validation"]), len(columns["test"][0])))
        test_texts, test_domains = columns["test"]
        domains = sorted({d for d in test_domains if d})
        if len(domains) > 1:  # a test set of several domains (TRAC-1: Facebook and Twitter) is broken down
            seen_exact, seen_norm = exact["train"] + exact["validation"], norm["train"] + norm["validation"]
            for domain in domains:
                texts = [t for t, d in zip(test_texts, test_domains) if d == domain]
                out.append(Overlap(f"{name}:train+validation", f"{name}:test ({domain})",
                                   _count_in([t for t in texts if t.strip()], seen_exact),
                                   _count_in([normalise_for_overlap(t) for t in texts if t.strip()], seen_norm),
                                   len(texts)))
    return out


def corpus_overlaps(datasets: dict) -> list[Overlap]:
    """For every ordered pair of corpora, records of the second whose text occurs in the first
    (loaded or streamed splits)."""
    texts = {n: [_columns(s)[0] for s in d.values()] for n, d in datasets.items()}
    exact = {n: [t for split in texts[n] for t in _texts(split, lambda t: t)] for n in datasets}
    norm = {n: [t for split in texts[n] for t in _texts(split, normalise_for_overlap)] for n in datasets}
    out = []
    for left, right in combinations(sorted(datasets), 2):
        size = sum(len(split) for split in texts[right])
        out.append(Overlap(left, right, _count_in(exact[right], exact[left]), _count_in(norm[right], norm[left]), size))
    return out


def _count_in(texts: list[str], reference: list[str]) -> int:
    known = set(reference)
    return sum(1 for t in texts if t in known)


def dedupe(dataset, *against, normalised: bool = True):
    """``(dataset without the records whose text occurs in any of ``against``, number removed)``.

    Use it when training on one corpus and testing on another (or on another split):
    ``train, removed = dedupe(load("l3cube_mesent")["train"], load("l3cube_mehate")["test"])``.
    ``dataset`` is a loaded split; each of ``against`` a loaded or streamed split, or a list of records.
    """
    from datasets import Dataset

    if not isinstance(dataset, Dataset):
        raise CodemixError(f"dedupe filters a loaded split (a datasets.Dataset, from codemix.load without "
                           f"streaming=True), not {type(dataset).__name__}")
    key = normalise_for_overlap if normalised else (lambda t: t)
    known = {key(t) for other in against for t in _columns(other, "a split to compare against")[0] if t.strip()}
    from codemix.loaders.cache import quiet_datasets

    with quiet_datasets():
        # kept in memory: nothing is written into the cache folder the split was read from
        kept = dataset.filter(lambda text: not (text.strip() and key(text) in known), input_columns="text", keep_in_memory=True)
    return kept, dataset.num_rows - kept.num_rows
