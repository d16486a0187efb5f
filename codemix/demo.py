"""``codemix demo``: the main job on the three embedded demo corpora (no download)."""

from __future__ import annotations

from collections import Counter

DEMO_CORPORA = ("demo_hien", "demo_bnen", "demo_mren")


def run_demo() -> None:
    """Load each demo corpus and print what it holds: splits, tokens, label distributions."""
    from codemix.cli import print_table
    from codemix.loaders import load

    rows = []
    for name in DEMO_CORPORA:
        dataset = load(name)
        for split, data in dataset.items():
            lid = Counter(label for labels in data["lid"] for label in labels)
            rows.append((
                name, split, data.num_rows, sum(map(len, data["tokens"])),
                _distribution(Counter(data["sentiment"])), _distribution(Counter(data["offensive"])),
                _distribution(lid, 4),
            ))
    print("codemix demo: the embedded synthetic corpora\n")
    print_table(("corpus", "split", "sentences", "tokens", "sentiment", "offensive", "lid (top 4)"), rows)


def _distribution(counts: Counter, top: int | None = None) -> str:
    return " ".join(f"{label}:{n}" for label, n in counts.most_common(top))
