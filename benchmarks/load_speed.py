"""Cold and warm load of the ten open corpora against a bare parse of the same files, in one run.

    CODEMIX_DATA_DIR=../shared/data python benchmarks/load_speed.py

Bare parse = what a script without codemix would do: the csv module for CSV, json for JSON,
plain str.split for token files (no normalisation, no label mapping, no checks, no Arrow).
Cold load = codemix.load with use_cache=False (parse, normalise, map, check, build Arrow);
cold+cache also writes the Arrow cache; warm = the next load, from the cache.
Goals: cold / bare <= 2.0 over all corpora; warm <= 0.3 s per corpus.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

OPEN_CORPORA = ["l3cube_mesent", "l3cube_melid", "sentimix2020_hien", "sail2017_hien", "icon2016_hien_pos",
                "icon2016_bnen_pos", "trac2018_hien_aggression", "dutta2022_bnen_lid", "sentmix3l_bnenhi",
                "bnsentmix2024_bnen"]


def bare_parse(fmt: str, path: Path) -> int:
    """Parse one file the plain way; returns the number of records/sentences found."""
    text = path.read_text(encoding="utf-8")
    if fmt in ("csv", "token_rows_csv"):
        return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))
    if fmt == "json_records":
        data = json.loads(text)
        tagged = [d.get("lang_tagged_text") for d in data]
        return sum(len([item.rpartition("\\") for item in t.split()]) for t in tagged if isinstance(t, str))
    if fmt in ("meta_conll", "token_tsv"):
        blocks = text.replace("\r", "").split("\n\n")
        return sum(len([line.split("\t") for line in block.split("\n") if line]) for block in blocks)
    if fmt == "tagged_items":
        return sum(len([item.rpartition("/") for item in line.split()]) for line in text.splitlines())
    if fmt == "id_list":
        return len(text.split())
    raise ValueError(fmt)


def main() -> None:
    data_dir = os.environ.get("CODEMIX_DATA_DIR")
    if not data_dir:
        sys.exit("set CODEMIX_DATA_DIR to the real corpora folder")
    home = tempfile.mkdtemp(prefix="codemix-bench-")
    os.environ["CODEMIX_HOME"] = home
    import codemix
    from codemix.loaders.registry import get_spec

    codemix.load("demo_hien", use_cache=False)  # import datasets/pyarrow outside the timings
    rows, totals = [], {"bare": 0.0, "cold": 0.0, "cached": 0.0, "warm": 0.0}
    for name in OPEN_CORPORA:
        spec = get_spec(name)
        started = time.perf_counter()
        for file in spec.files:
            path = Path(data_dir) / name / file.path
            bare_parse(file.options.get("format", spec.format) if file.role == "labels" else
                       ("id_list" if file.role == "ids" else spec.format), path)
        bare = time.perf_counter() - started
        started = time.perf_counter()
        codemix.load(name, data_dir=data_dir, use_cache=False)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        codemix.load(name, data_dir=data_dir)
        cached = time.perf_counter() - started
        started = time.perf_counter()
        codemix.load(name, data_dir=data_dir)
        warm = time.perf_counter() - started
        for key, value in zip(totals, (bare, cold, cached, warm)):
            totals[key] += value
        rows.append((name, bare, cold, cached, warm))
    print(f"{'corpus':28} {'bare s':>8} {'cold s':>8} {'ratio':>6} {'+cache s':>9} {'warm s':>7}")
    for name, bare, cold, cached, warm in rows:
        print(f"{name:28} {bare:8.3f} {cold:8.3f} {cold / bare:6.2f} {cached:9.3f} {warm:7.3f}")
    print(f"{'all ten':28} {totals['bare']:8.3f} {totals['cold']:8.3f} {totals['cold'] / totals['bare']:6.2f} "
          f"{totals['cached']:9.3f} {totals['warm']:7.3f}")
    print(f"cold/bare ratio {totals['cold'] / totals['bare']:.2f} (goal <= 2.0); "
          f"cold+cache/bare {totals['cached'] / totals['bare']:.2f}; "
          f"warm max {max(r[4] for r in rows):.3f} s per corpus (goal <= 0.3)")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
