"""Deterministic, seeded, stratified splits for corpora published without one.

Each record gets a rank from ``sha256(f"{seed}:{key}")`` within its stratum (its label, or its
domain); the first ``round(0.8 n)`` of a stratum go to train, the next ``round(0.1 n)`` to
validation, the rest to test. Hashing the record's stable key (never Python's ``hash`` or a
global RNG) makes the split identical across runs, machines and Python versions, and
independent of the order the file lists its records in.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Iterable

from codemix.loaders.schema import SPLITS


def seeded_assignment(keys_and_strata: Iterable[tuple[str, str | None]], seed: int,
                      fractions: tuple[float, float, float]) -> dict[str, str]:
    """Map each key to train/validation/test, stratified by its stratum.

    >>> a = seeded_assignment([(str(i), "x" if i % 2 else "y") for i in range(20)], 0, (0.8, 0.1, 0.1))
    >>> sorted(list(a.values()).count(s) for s in ("train", "validation", "test"))
    [2, 2, 16]
    """
    strata: dict[str | None, list[str]] = defaultdict(list)
    for key, stratum in keys_and_strata:
        strata[stratum].append(key)
    out: dict[str, str] = {}
    for keys in strata.values():
        ranked = sorted(keys, key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).hexdigest())
        n_train = round(fractions[0] * len(ranked))
        n_validation = round(fractions[1] * len(ranked))
        for index, key in enumerate(ranked):
            out[key] = SPLITS[0] if index < n_train else SPLITS[1] if index < n_train + n_validation else SPLITS[2]
    return out
