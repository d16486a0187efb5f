"""Scoring a 1M-token LID submission: codemix's scorer vs scikit-learn's metrics on the same arrays.

    python benchmarks/leaderboard_scoring.py [--tokens 1000000]

Goal: codemix <= 1.5x the time of scikit-learn called directly, and <= 2 s.
"""

from __future__ import annotations

import argparse
import random
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=1_000_000)
    args = parser.parse_args()
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    from codemix.tasks.registry import get_task

    rng = random.Random(0)
    labels = ["hi", "en", "other", "ne", "mixed", "unk"]
    weights = [45, 35, 15, 3, 1, 1]
    sentences, gold, pred = [], {}, {}
    made = 0
    while made < args.tokens:
        n = min(rng.randint(5, 25), args.tokens - made)
        g = rng.choices(labels, weights, k=n)
        p = [x if rng.random() < 0.9 else rng.choice(labels) for x in g]
        key = f"bench:test:{len(sentences)}"
        sentences.append(key)
        gold[key], pred[key] = g, p
        made += n
    task = get_task("lid")
    from codemix.tasks.scoring import score_by_id

    started = time.perf_counter()
    ours = score_by_id(task, gold, pred)
    codemix_seconds = time.perf_counter() - started

    flat_gold = [x for key in sentences for x in gold[key]]
    flat_pred = [x for key in sentences for x in pred[key]]
    started = time.perf_counter()
    accuracy = accuracy_score(flat_gold, flat_pred)
    macro = f1_score(flat_gold, flat_pred, average="macro")
    weighted = f1_score(flat_gold, flat_pred, average="weighted")
    precision_recall_fscore_support(flat_gold, flat_pred)
    sklearn_seconds = time.perf_counter() - started
    assert abs(ours["accuracy"] - accuracy) < 1e-12 and abs(ours["macro_f1"] - macro) < 1e-9 and abs(ours["weighted_f1"] - weighted) < 1e-9
    print(f"{args.tokens:,} tokens in {len(sentences):,} sentences")
    print(f"codemix score_by_id (join on id + all metrics + per label): {codemix_seconds:.3f} s")
    print(f"scikit-learn on the flat arrays (accuracy, macro, weighted, per label): {sklearn_seconds:.3f} s")
    print(f"ratio {codemix_seconds / sklearn_seconds:.2f} (goal <= 1.5); absolute goal <= 2 s")


if __name__ == "__main__":
    main()
