"""Every baseline on the corpora with published targets: validation and test scores, the baseline
chosen on validation, and each corpus's total selection + fit time (goal: <= 10 min per corpus on
the 2-core machine).

    CODEMIX_DATA_DIR=../shared/data python benchmarks/baseline_strength.py [--out runs/strength] [corpus ...]

Runs ``codemix benchmark`` (seed 0) with majority, char_ngram, crf, bilstm_crf and the ensemble
on one corpus at a time (every task of the corpus), writes each corpus's results.json/results.md
under ``--out``, and prints one line per corpus, task and baseline, the choice on validation and
the whole time of each corpus.
"""

from __future__ import annotations

import argparse
import os
import time

# corpus -> (task, target on the test main score; accuracy for the LID corpora) from the stronger-baselines goal
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
    from codemix.baselines.base import CLASSICAL, NEURAL
    from codemix.baselines.benchmark import run_benchmark
    from codemix.common.errors import CodemixError

    rows, chosen, seconds = [], [], {}
    for corpus in args.corpora:
        # one corpus at a time, timed whole: loading, every baseline's selection and fit, scoring
        started = time.perf_counter()
        try:
            results = run_benchmark([corpus], CLASSICAL + NEURAL, None, f"{args.out}/{corpus}", os.environ.get("CODEMIX_DATA_DIR"),
                                    seed=0, echo=lambda *_: None)
        except CodemixError as error:
            # a corpus without a train split (test-only) or without its files: said, and the others still run
            print(f"{corpus}: skipped: {error}", flush=True)
            continue
        seconds[corpus] = time.perf_counter() - started
        rows += results["rows"]
        chosen += results["chosen"]
    for row in rows:
        extra = f"  LID predicted {row['pos_with_predicted_lid']:.4f}" if "pos_with_predicted_lid" in row else ""
        print(f"{row['corpus']:26} {row['task']:10} {row['baseline']:11} validation {row['validation_main']}  "
              f"test {row[row['main']]:.4f} ({row['main']}, accuracy {row['accuracy']:.4f}){extra}  fit {row['train_seconds']:.1f} s")
    for pick in chosen:
        task, target = TARGETS.get(pick["corpus"], (pick["task"], None))
        goal = "" if target is None or task != pick["task"] else f" (target {target})"
        accuracy = next(r["accuracy"] for r in rows if (r["corpus"], r["task"], r["baseline"]) ==
                        (pick["corpus"], pick["task"], pick["baseline"]))
        print(f"chosen on validation: {pick['corpus']} {pick['task']}: {pick['baseline']} "
              f"test {pick['metric']} {pick['test']:.4f}, accuracy {accuracy:.4f}{goal}")
    for corpus, total in seconds.items():
        print(f"{corpus}: whole benchmark of the corpus (every task and baseline) {total:.0f} s (goal <= 600 s)")


if __name__ == "__main__":
    main()
