"""Canonical label sets, one closed set per task.

This module is a dependency-free leaf: the loaders check every record against these sets,
and the Task objects of ``codemix.tasks`` own them. Order matters: it is the ``ClassLabel``
order used for training.
"""

from __future__ import annotations

LID_LABELS: tuple[str, ...] = (
    "en",  # English
    "hi",  # Hindi
    "bn",  # Bengali
    "mr",  # Marathi
    "ne",  # named entity (language-independent)
    "mixed",  # one word mixing two languages (e.g. an English stem with a Bengali suffix)
    "fw",  # a word of another language
    "other",  # punctuation, numbers, emoji, URLs, mentions, hashtags
    "unk",  # unknown / undecidable
)

# The 17 Universal Dependencies v2 part-of-speech tags.
UPOS_LABELS: tuple[str, ...] = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
)

SENTIMENT_LABELS: tuple[str, ...] = ("negative", "neutral", "positive")

OFFENSIVE_LABELS: tuple[str, ...] = ("not_offensive", "offensive")

# Record field -> its closed label set. Token-level fields hold one label per token.
LABEL_SETS: dict[str, tuple[str, ...]] = {
    "lid": LID_LABELS,
    "upos": UPOS_LABELS,
    "sentiment": SENTIMENT_LABELS,
    "offensive": OFFENSIVE_LABELS,
}

SENTENCE_FIELDS: tuple[str, ...] = ("sentiment", "offensive")

# Task name -> the record field it reads.
TASK_FIELDS: dict[str, str] = {"lid": "lid", "pos": "upos", "sentiment": "sentiment", "offensive": "offensive"}

# Tags that say nothing about a language; code-mixing statistics skip them.
LANGUAGE_INDEPENDENT_LID: frozenset[str] = frozenset({"ne", "other", "unk"})
