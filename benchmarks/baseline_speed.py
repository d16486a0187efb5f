"""Training time of the classical baselines (targets on a 2-core machine).

    CODEMIX_DATA_DIR=../shared/data python benchmarks/baseline_speed.py

Goals: the sentence baseline (char_ngram) trains on sentimix2020_hien in <= 30 s; the CRF on
l3cube_melid in <= 90 s. Times include the selection on validation.
"""

from __future__ import annotations

import os
import time


def main() -> None:
    import codemix
    from codemix.baselines.base import get_baseline

    data_dir = os.environ.get("CODEMIX_DATA_DIR")
    for baseline, task_name, corpus, goal in (("char_ngram", "sentiment", "sentimix2020_hien", 30),
                                              ("crf", "lid", "l3cube_melid", 90)):
        dataset = codemix.load(corpus, data_dir=data_dir)
        task = codemix.get_task(task_name)
        started = time.perf_counter()
        model = get_baseline(baseline).fit(task, dataset["train"], dataset["validation"])
        seconds = time.perf_counter() - started
        print(f"{baseline} on {corpus} ({task_name}): fit {seconds:.1f} s (goal <= {goal} s); chosen {model.chosen}")


if __name__ == "__main__":
    main()
