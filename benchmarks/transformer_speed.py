"""Training throughput (tokens/s) and peak RSS of the transformer baseline.

    python benchmarks/transformer_speed.py [--base-model PATH]

Always: the tiny BERT (built locally) on demo_hien LID, CPU. With CUDA and --base-model (a local
base-size encoder, e.g. mBERT), also that model.
"""

from __future__ import annotations

import argparse
import sys
import resource
import tempfile
import time
from pathlib import Path


def measure(model_path: str, label: str) -> None:
    import codemix
    from codemix.baselines.base import get_baseline

    demo = codemix.load("demo_hien")
    task = codemix.get_task("lid")
    tokens = sum(map(len, demo["train"]["tokens"]))
    epochs = 3
    started = time.perf_counter()
    get_baseline("transformer", model=model_path, epochs=epochs, batch_size=16, max_length=64).fit(task, demo["train"])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {epochs * tokens:,} training tokens in {seconds:.1f} s = {epochs * tokens / seconds:,.0f} tokens/s; "
          f"peak RSS {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", help="a local base-size encoder directory (measured only with CUDA)")
    args = parser.parse_args()
    import torch

    import codemix
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the tiny-model builder lives with the tests
    from tiny_models import build_tiny_bert

    texts = [t for split in codemix.load("demo_hien").values() for t in split["text"]]
    measure(build_tiny_bert(tempfile.mkdtemp(prefix="tiny-bert-"), texts), "tiny BERT, CPU")
    if torch.cuda.is_available() and args.base_model:
        measure(args.base_model, f"{args.base_model}, CUDA")
    elif args.base_model:
        print("no CUDA here: the base-size model is not measured")


if __name__ == "__main__":
    main()
