"""Prompting throughput of a tiny causal LM on CPU, and a rerun served from the response cache.

    python benchmarks/prompting_speed.py

Builds a tiny random GPT-2 (tests/tiny_models.py), evaluates it with ``codemix.evaluate`` on the
four cells of demo_hien (2-shot: log-likelihood scoring for the sentence tasks, generation for
LID and POS) with a fresh response cache, then runs the same evaluation again. Prints prompts
per second of each run and the ratio (goal: the warm rerun at least 20x faster). The same is
then measured through the local OpenAI-compatible test server (``openai:``, concurrency 4).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def run(spec: str, cache: Path, out: Path) -> tuple[float, int]:
    """Seconds of one evaluation and how many requests the cache answered."""
    import codemix

    started = time.perf_counter()
    scores = codemix.evaluate(spec, corpora=["demo_hien"], out=out, shots=2, progress=False,
                              model_options={"cache": cache, "concurrency": 4}, echo=lambda *a: None)
    return time.perf_counter() - started, sum(s["prompting"]["cached"] for s in scores.values())


def measure(label: str, spec: str, work: Path) -> None:
    """A cold and a warm run of ``spec`` with one cache file; prints both and their ratio."""
    cache = work / f"{label}.sqlite"
    cold, hits = run(spec, cache, work / f"{label}-cold")
    assert hits == 0, "the cold run must start from an empty cache"
    warm, prompts = run(spec, cache, work / f"{label}-warm")  # every request of the warm run is a cache hit
    print(f"{label}: {prompts} prompts; cold {cold:.2f} s ({prompts / cold:,.0f} prompts/s), warm rerun {warm:.2f} s "
          f"({prompts / warm:,.0f} prompts/s): {cold / warm:.1f}x faster (goal >= 20x)")


def main() -> None:
    from tiny_models import build_tiny_gpt2, demo_texts

    work = Path(tempfile.mkdtemp(prefix="codemix-prompting-"))
    model = build_tiny_gpt2(work / "tiny-gpt2", demo_texts())
    measure("llm (local transformers)", f"llm:{model}", work)
    from openai_server import TinyOpenAIServer

    from codemix.baselines.llm_local import LocalCausalLM

    with TinyOpenAIServer(LocalCausalLM(model)) as server:
        measure("openai (local test server)", f"openai:tiny-gpt2@{server.url}", work)


if __name__ == "__main__":
    main()
