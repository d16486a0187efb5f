"""Few-shot examples: drawn from a training split only, stratified by label, seeded.

Sentence tasks take the labels in turn (canonical order), each time a not yet drawn record of
that label, so k examples cover min(k, labels) classes; token tasks draw k annotated records.
The draw depends only on the seed and the record ids, and the examples are shown in a seeded
shuffled order. Validation and test records are never examples.
"""

from __future__ import annotations

import hashlib
from typing import Any

from codemix.common.errors import CodemixError


def draw_examples(task, train, k: int, seed: int) -> list[tuple[dict[str, Any], Any]]:
    """``k`` ``(record, gold)`` pairs from ``train`` (a split of annotated records)."""
    if k <= 0:
        return []
    if train is None:
        raise CodemixError(f"{task.name}: {k}-shot prompting needs a training split to draw examples from")
    rows = [dict(r) for r in train if _annotated(task, r)]
    if not rows:
        raise CodemixError(f"{task.name}: the training split has no annotated record to use as an example")
    if any(r["split"] != "train" for r in rows):
        raise CodemixError(f"{task.name}: few-shot examples come from a train split only, got {sorted({r['split'] for r in rows})}")
    rows.sort(key=lambda r: _order(seed, r["id"]))
    if task.level == "token":
        chosen = rows[:k]
    else:
        by_label: dict[str, list[dict]] = {}
        for row in rows:
            by_label.setdefault(row[task.field], []).append(row)
        queues = [by_label[label] for label in task.labels if label in by_label]
        chosen = []
        while len(chosen) < min(k, len(rows)):
            for queue in queues:
                if queue and len(chosen) < k:
                    chosen.append(queue.pop(0))
    chosen.sort(key=lambda r: _order(seed + 1, r["id"]))
    return [(row, row[task.field]) for row in chosen]


def _annotated(task, record) -> bool:
    gold = record[task.field]
    return gold is not None and (task.level != "token" or len(gold) > 0)


def _order(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()
