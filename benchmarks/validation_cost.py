"""Validation stays linear in the submission's size, whatever is wrong with it.

    CODEMIX_DATA_DIR=../shared/data python benchmarks/validation_cost.py

With the SentiMix test set (3,000 items) as gold, times ``Leaderboard.validate`` on a valid
3,000-line submission, on one whose 3,000 ids all belong to the train split (every line an
unknown id), and on 2,000 random ids; prints the seconds and the ratios to the valid one
(goal: under 2 s and within 3x). Without the real corpora it uses demo_hien (30 items).
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
from pathlib import Path


def timed(board, folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    problems = board.validate(folder)
    return time.perf_counter() - started, len(problems)


def main() -> None:
    import codemix
    from codemix.leaderboard import Leaderboard
    from codemix.tasks.submission import write_submission

    corpus = "sentimix2020_hien" if os.environ.get("CODEMIX_DATA_DIR") else "demo_hien"
    work = Path(tempfile.mkdtemp(prefix="codemix-validation-"))
    board = Leaderboard(work / "lb.sqlite")
    board.init([corpus], echo=lambda *a: None)
    data = codemix.load(corpus)
    test, train = data["test"], data["train"]
    meta = {"team": "bench", "system": "s", "description": "", "external_data": False}
    valid = write_submission(work / "valid", meta, {("sentiment", corpus): list(zip(test["id"], test["sentiment"]))})
    size = len(test)
    other = [(key, "positive") for key in train["id"][:size]]
    wrong_split = write_submission(work / "wrong-split", meta, {("sentiment", corpus): other})
    rng = random.Random(0)
    noise = [(f"{corpus}:test:{rng.getrandbits(64):x}", "positive") for _ in range(2000)]
    random_ids = write_submission(work / "random-ids", meta, {("sentiment", corpus): noise})
    base, _ = timed(board, valid)
    print(f"gold: {corpus} test, {size:,} items")
    print(f"valid submission ({size:,} lines): {base:.3f} s")
    for label, folder in ((f"ids from the train split ({size:,} lines)", wrong_split), ("2,000 random ids", random_ids)):
        seconds, problems = timed(board, folder)
        print(f"{label}: {seconds:.3f} s, {problems} problems listed, {seconds / base:.2f}x the valid one "
              f"(goal < 2 s and <= 3x)")
    print(json.dumps({"work": str(work)}))


if __name__ == "__main__":
    main()
