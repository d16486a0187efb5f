"""Whether a corpus's validation and test splits tag words the way its train split does.

    CODEMIX_DATA_DIR=../shared/data python benchmarks/split_shift.py [corpus:task ...]

For each token task (LID, POS) of each corpus given (default: every corpus that has one and
whose files are found), takes every word seen at least five times in a reference part of train
and counts how often its occurrences elsewhere carry its reference-majority tag (lower-cased
words). The yardstick is a random tenth of train's sentences (seed 0) against the other nine
tenths - a random one, as a corpus's train file may be ordered by source; validation and test are
measured against the whole of train. A split far below the yardstick follows another
annotation convention than train, which no model trained on train alone can learn. Also prints
each split's tag proportions. Without the real corpora it measures the demo corpora.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict

MIN_COUNT = 5


def majority_table(pairs) -> dict[str, Counter]:
    """Tag counts per lower-cased word of ``(tokens, tags)`` pairs."""
    table: dict[str, Counter] = defaultdict(Counter)
    for tokens, tags in pairs:
        for token, tag in zip(tokens, tags):
            table[token.lower()][tag] += 1
    return table


def agreement(table, pairs) -> tuple[float | None, int]:
    """Share of the frequent words' occurrences in ``pairs`` carrying their majority tag, and their count."""
    hits = total = 0
    for tokens, tags in pairs:
        for token, tag in zip(tokens, tags):
            counts = table.get(token.lower())
            if counts and sum(counts.values()) >= MIN_COUNT:
                total += 1
                hits += counts.most_common(1)[0][0] == tag
    return (hits / total if total else None), total


def measure(corpus: str, task_name: str) -> str:
    """One report block for ``corpus``'s ``task_name``."""
    import codemix

    task = codemix.get_task(task_name)
    if task.level != "token":
        return f"{corpus} {task_name}: not measured, a sentence task (this measures token tags)"
    data = codemix.load(corpus)
    field = task.field
    splits = {name: [(r["tokens"], r[field]) for r in data[name] if r[field]] for name in data}
    train = splits.get("train")
    if not train:
        return f"{corpus} {task_name}: not measured, no train sentences tagged for {task_name}"
    held = set(random.Random(0).sample(range(len(train)), len(train) // 10))
    rest = [pair for index, pair in enumerate(train) if index not in held]
    rows = [("a tenth of train", agreement(majority_table(rest), [train[index] for index in sorted(held)]))]
    rows += [(name, agreement(majority_table(train), splits[name])) for name in ("validation", "test") if name in splits]
    lines = [f"{corpus} {task_name}: words seen >= {MIN_COUNT} times carry their train-majority tag in"]
    for name, (share, total) in rows:
        lines.append(f"  {name:20s} {'-' if share is None else f'{share:.2%}':>7s} of {total:,} occurrences")
    for name, pairs in splits.items():
        tags = Counter(tag for _, sentence in pairs for tag in sentence)
        size = sum(tags.values()) or 1
        lines.append(f"  {name} tags: " + ", ".join(f"{tag} {count / size:.2%}" for tag, count in sorted(tags.items())))
    return "\n".join(lines)


def default_cells() -> list[tuple[str, str]]:
    """Every (corpus, token task) whose files are found, or the demo corpora's without real data."""
    import os

    import codemix

    real = bool(os.environ.get("CODEMIX_DATA_DIR"))
    cells = []
    for corpus in codemix.list_corpora():
        if corpus.startswith("demo_") == real:
            continue
        for task_name in codemix.corpus_info(corpus).tasks:
            if codemix.get_task(task_name).level == "token":
                cells.append((corpus, task_name))
    return cells


def main(argv: list[str]) -> int:
    from codemix import CodemixError

    malformed = [arg for arg in argv if arg.count(":") != 1]
    if malformed:
        print(f"split_shift.py: {malformed[0]!r} is not corpus:task (e.g. l3cube_melid:lid)", file=sys.stderr)
        return 2
    cells = [tuple(arg.split(":")) for arg in argv] if argv else default_cells()
    for corpus, task_name in cells:
        try:
            print(measure(corpus, task_name), flush=True)
        except CodemixError as error:  # files not found, unknown corpus or task
            print(f"{corpus} {task_name}: not measured, {str(error).splitlines()[0]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
