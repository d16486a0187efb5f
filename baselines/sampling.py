"""Bounded training sets for the token models whose cost grows with the train split.

A linear model over character n-grams and a feature CRF fit in seconds on tens of thousands of
tokens but take minutes per configuration on a million (L3Cube-HingLID's train split). So that a
whole corpus's selection and fit stays within minutes on two cores, a train split larger than
``training_tokens`` has its configurations compared on a sample of ``selection_tokens`` and the
chosen one fitted once on a sample of ``training_tokens``; smaller splits are used whole for both,
exactly as without these bounds. Samples are whole sentences drawn with the seed, kept in their
order, and what was used is recorded in the model's config (``train_tokens_used`` of
``train_tokens``): nothing is dropped unsaid.
"""

from __future__ import annotations

import random

from codemix.baselines.base import positive_option
from codemix.common.errors import CodemixError

SELECTION_TOKENS = 150_000  # a larger split's configurations are compared on this many train tokens
TRAINING_TOKENS = 300_000  # and the chosen one fitted on this many; a split within it is used whole


def token_count(examples) -> int:
    """Tokens of ``(input, labels)`` token-task examples."""
    return sum(len(labels) for _, labels in examples)


def token_sample(examples: list, limit: int, seed: int) -> list:
    """``examples`` when they hold at most ``limit`` tokens; otherwise sentences drawn with
    ``seed`` while they fit in ``limit`` tokens, in their original order."""
    if token_count(examples) <= limit:
        return examples
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    kept, used = [], 0
    for index in order:
        size = len(examples[index][1])
        if used + size <= limit:
            kept.append(index)
            used += size
    return [examples[index] for index in sorted(kept)]


def plan(examples: list, options: dict, seed: int) -> tuple[list, list]:
    """``(selection, training)``: the examples configurations are compared on, and those the chosen
    one is fitted on (the same list object when no second fit is needed)."""
    selection_tokens, training_tokens = limits(options)
    if token_count(examples) <= training_tokens:
        return examples, examples
    return token_sample(examples, selection_tokens, seed), token_sample(examples, training_tokens, seed)


def limits(options: dict) -> tuple[int, int]:
    """The ``(selection, training)`` token bounds of a model's options (the defaults above).

    >>> limits({}), limits({"selection_tokens": 10, "training_tokens": 20})
    ((150000, 300000), (10, 20))
    """
    selection = options.get("selection_tokens")
    selection = positive_option("selection_tokens", SELECTION_TOKENS if selection is None else selection)
    training = options.get("training_tokens")
    training = positive_option("training_tokens", TRAINING_TOKENS if training is None else training)
    if training < selection:
        raise CodemixError(f"training_tokens ({training:,}) must be at least selection_tokens ({selection:,}): "
                           "the chosen configuration is fitted on at least the sample it was chosen on")
    return selection, training


def usage(examples, used) -> dict[str, int]:
    """What the config records: the train tokens the final model was fitted on, of how many."""
    return {"train_tokens_used": token_count(used), "train_tokens": token_count(examples)}
