"""Every baseline on the corpora with published targets: validation and test scores, the baseline
chosen on validation, and each corpus's total selection + fit time (goal: <= 10 min per corpus on
the 2-core machine).

    CODEMIX_DATA_DIR=../shared/data python benchmarks/baseline_strength.py [--out runs/strength] [corpus ...]

Runs ``codemix benchmark`` (seed 0) with majority, char_ngram, crf, bilstm_crf and the ensemble, writes its
results.json/results.md to ``--out``, and prints one line per corpus and task.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict

# corpus -> (task, target on the test main score) from the stronger-baselines goal
TARGETS = {
    "l3cube_mesent": ("sentiment", 0.673), "sentimix2020_hien": ("sentiment", 0.72),
    "l3cube_melid": ("lid", 0.955), "dutta2022_bnen_lid": ("lid", 0.955), "icon2016_hien_pos": ("pos", 0.85),
    "sail2017_hien": ("sentiment", None), "trac2018_hien_aggression": ("offensive", None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=list(TARGETS))
    parser.add_argument("--out", default="benchmark-strength")
    args = parser.parse_args()
    from codemix.baselines.benchmark import run_benchmark

    tasks = sorted({TARGETS.get(c, ("lid",))[0] for c in args.corpora} | {"lid"})
    results = run_benchmark(args.corpora, ("majority", "char_ngram", "crf", "bilstm_crf", "ensemble"), tasks, args.out,
                            os.environ.get("CODEMIX_DATA_DIR"), seed=0, echo=lambda *_: None)
    seconds = defaultdict(float)
    for row in results["rows"]:
        seconds[row["corpus"]] += row["train_seconds"]
    for row in results["rows"]:
        extra = f"  LID predicted {row['pos_with_predicted_lid']:.4f}" if "pos_with_predicted_lid" in row else ""
        print(f"{row['corpus']:26} {row['task']:10} {row['baseline']:11} validation {row['validation_main']}  "
              f"test {row[row['main']]:.4f} ({row['main']}, accuracy {row['accuracy']:.4f}){extra}  fit {row['train_seconds']:.1f} s")
    for chosen in results["chosen"]:
        task, target = TARGETS.get(chosen["corpus"], (chosen["task"], None))
        goal = "" if target is None or task != chosen["task"] else f" (target {target})"
        print(f"chosen on validation: {chosen['corpus']} {chosen['task']}: {chosen['baseline']} "
              f"test {chosen['metric']} {chosen['test']:.4f}{goal}")
    for corpus, total in seconds.items():
        print(f"{corpus}: every baseline's selection + fit {total:.0f} s (goal <= 600 s)")


if __name__ == "__main__":
    main()
