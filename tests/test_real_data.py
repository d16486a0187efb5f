"""Acceptance counts on the real corpora (need CODEMIX_DATA_DIR; skipped without it)."""

from collections import Counter

import pytest

import codemix

from conftest import real_data_dir


@pytest.fixture(scope="module")
def data_dir():
    return real_data_dir()


def test_l3cube_mesent_counts(data_dir):
    dataset = codemix.load("l3cube_mesent", data_dir=data_dir)
    assert {s: d.num_rows for s, d in dataset.items()} == {"train": 9500, "validation": 1250, "test": 1250}
    assert Counter(dataset["train"]["sentiment"]) == {"negative": 3167, "neutral": 3167, "positive": 3166}
    assert Counter(dataset["validation"]["sentiment"]) == {"negative": 416, "neutral": 417, "positive": 417}
    assert Counter(dataset["test"]["sentiment"]) == {"negative": 417, "neutral": 416, "positive": 417}
    assert dataset["test"][0]["id"] == "l3cube_mesent:test:1"


def test_sentimix2020_hien_counts_labels_and_repair(data_dir):
    dataset = codemix.load("sentimix2020_hien", data_dir=data_dir)
    assert {s: d.num_rows for s, d in dataset.items()} == {"train": 14000, "validation": 3000, "test": 3000}
    assert Counter(dataset["test"]["sentiment"]) == {"neutral": 1100, "positive": 1000, "negative": 900}
    tokens = {s: sum(map(len, d["tokens"])) for s, d in dataset.items()}
    assert tokens == {"train": 365560, "validation": 78678, "test": 78363}
    test_lid = Counter(tag for tags in dataset["test"]["lid"] for tag in tags)
    assert test_lid == {"hi": 36122, "en": 26358, "other": 15787 + 96}
    report = codemix.load_report("sentimix2020_hien", data_dir=data_dir)
    assert report.counts["repaired mojibake token (UTF-8 read as cp1252)"] == 2802
    mojibake_marks = ("ð", "Ã", "à¤")
    assert not any(m in t for t in dataset["test"]["tokens"] for t in t for m in mojibake_marks)
