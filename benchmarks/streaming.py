"""Stream a generated 10-million-token file through codemix.load(streaming=True).

    python benchmarks/streaming.py [--tokens 10000000]

Writes a synthetic 2-column token TSV (the l3cube_hinglid layout), streams it with a CorpusSpec
of its own, and prints throughput and resident memory sampled along the way.
Goal: peak RSS flat and under 400 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

WORDS = [("yaar", "HI"), ("kal", "HI"), ("movie", "EN"), ("dekhi", "HI"), ("bahut", "HI"), ("boring", "EN"),
         ("thi", "HI"), ("office", "EN"), ("jaana", "HI"), ("hai", "HI"), ("meeting", "EN"), ("late", "EN")]


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def write_corpus(path: Path, tokens: int) -> None:
    rng = random.Random(0)
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < tokens:
            n = min(rng.randint(4, 16), tokens - written)
            out.write("".join(f"{w}\t{t}\n" for w, t in (rng.choice(WORDS) for _ in range(n))) + "\n")
            written += n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=10_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="codemix-stream-"))
    os.environ["CODEMIX_HOME"] = str(folder / "home")
    try:
        path = folder / "bench_stream" / "big.txt"
        path.parent.mkdir(parents=True)
        started = time.perf_counter()
        write_corpus(path, args.tokens)
        print(f"wrote {args.tokens:,} tokens ({path.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s")
        import codemix
        from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, SplitPolicy

        spec = CorpusSpec(
            name="bench_stream", description="generated benchmark file", pair="hi-en", languages=("hin-Latn", "eng-Latn"),
            tasks=("lid",), format="token_tsv",
            files=(FileSpec("big.txt", "https://example.invalid/big.txt", hashlib.sha256(path.read_bytes()).hexdigest()),),
            columns={"tokens": "token", "lid": "tag"}, label_maps={"lid": LabelMap.of({"HI": "hi", "EN": "en"})},
            split_policy=SplitPolicy("test_only"), license="synthetic", citation="none", version="1.0.0")
        stream = codemix.load(spec, split="test", data_dir=folder, streaming=True)
        baseline = rss_mb()
        samples, tokens, records = [], 0, 0
        started = time.perf_counter()
        for record in stream:
            tokens += len(record["tokens"])
            records += 1
            if records % 50_000 == 0:
                samples.append(rss_mb())
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"streamed {records:,} records / {tokens:,} tokens in {seconds:.1f} s = {tokens / seconds:,.0f} tokens/s")
        print(f"RSS before streaming {baseline:.0f} MB; during: min {min(samples):.0f} / max {max(samples):.0f} MB "
              f"over {len(samples)} samples; process peak {peak:.0f} MB (goal: flat, < 400 MB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
