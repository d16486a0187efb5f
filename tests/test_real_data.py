"""Acceptance counts on the real corpora.

They need CODEMIX_DATA_DIR pointing at the published files and skip without them (the eight
held-out corpora skip unless their folder is there).
"""

from collections import Counter

import pytest

import codemix

from conftest import real_data_dir

SPLIT_SIZES = {
    "l3cube_mesent": {"train": 9500, "validation": 1250, "test": 1250},
    "l3cube_melid": {"train": 9318, "validation": 1154, "test": 1341},
    "sentimix2020_hien": {"train": 14000, "validation": 3000, "test": 3000},
    "sail2017_hien": {"train": 10080, "validation": 1260, "test": 1261},
    "trac2018_hien_aggression": {"train": 12000, "validation": 3001, "test": 2164},
    "dutta2022_bnen_lid": {"train": 2070, "validation": 691, "test": 690},
    "sentmix3l_bnenhi": {"test": 1007},
    "l3cube_mehate": {"train": 1937, "validation": 415, "test": 416},
    "offmix3l_bnenhi": {"test": 1001},
    "fire2013_bnen_lid": {"test": 100},
}
TOTALS = {  # corpora without an official split: records and tokens over all splits
    "icon2016_hien_pos": (2631, 41144),
    "icon2016_bnen_pos": (626, 14702),
    "icon2015_hien_pos": (729, 15955),
    "icon2015_bnen_pos": (2837, 24637),
    "bnsentmix2024_bnen": (14656, None),
    "bohra2018_hien_hate": (4579, None),
    "iiith2016_hien_sentiment": (3879, None),
}


def available(name):
    root = real_data_dir()
    if not (root / name).is_dir():
        pytest.skip(f"{name} is not in CODEMIX_DATA_DIR ({root})")
    return codemix.load(name, data_dir=root)


def labels(dataset, field):
    out = Counter()
    for data in dataset.values():
        for value in data[field]:
            out.update(value if isinstance(value, list) else [value])
    return out


@pytest.mark.parametrize("name", sorted(SPLIT_SIZES))
def test_split_sizes(name):
    dataset = available(name)
    assert {s: d.num_rows for s, d in dataset.items()} == SPLIT_SIZES[name]


@pytest.mark.parametrize("name", sorted(TOTALS))
def test_seeded_corpora_totals_and_split_shape(name):
    dataset = available(name)
    records, tokens = TOTALS[name]
    assert sum(d.num_rows for d in dataset.values()) == records
    if tokens is not None:
        assert sum(sum(map(len, d["tokens"])) for d in dataset.values()) == tokens
    assert list(dataset) == ["train", "validation", "test"]
    assert abs(dataset["train"].num_rows / records - 0.8) < 0.02
    again = codemix.load(name, data_dir=real_data_dir(), use_cache=False)
    assert again["test"]["id"] == dataset["test"]["id"], "the seeded split must not change between runs"


def test_l3cube_mesent_labels():
    dataset = available("l3cube_mesent")
    assert Counter(dataset["train"]["sentiment"]) == {"negative": 3167, "neutral": 3167, "positive": 3166}
    assert Counter(dataset["validation"]["sentiment"]) == {"negative": 416, "neutral": 417, "positive": 417}
    assert Counter(dataset["test"]["sentiment"]) == {"negative": 417, "neutral": 416, "positive": 417}
    assert dataset["test"][0]["id"] == "l3cube_mesent:test:1"


def test_sentimix2020_hien_labels_tokens_and_repair():
    dataset = available("sentimix2020_hien")
    assert Counter(dataset["test"]["sentiment"]) == {"neutral": 1100, "positive": 1000, "negative": 900}
    tokens = {s: sum(map(len, d["tokens"])) for s, d in dataset.items()}
    assert tokens == {"train": 365560, "validation": 78678, "test": 78363}
    test_lid = Counter(tag for tags in dataset["test"]["lid"] for tag in tags)
    assert test_lid == {"hi": 36122, "en": 26358, "other": 15787 + 96}
    report = codemix.load_report("sentimix2020_hien", data_dir=real_data_dir())
    assert report.counts["repaired mojibake token (UTF-8 read as cp1252)"] == 2802
    assert not any(mark in token for tokens in dataset["test"]["tokens"] for token in tokens for mark in ("ðŸ", "à¤"))


def test_l3cube_melid_tokens():
    dataset = available("l3cube_melid")
    assert labels(dataset, "lid") == {"mr": 77628 + 10101 + 11501, "en": 20855 + 2508 + 2927, "other": 8054 + 1275 + 1541}


def test_sail2017_hien_labels_and_report():
    dataset = available("sail2017_hien")
    assert Counter(dataset["train"]["sentiment"]) == {"neutral": 4559, "positive": 3202, "negative": 2319}
    assert Counter(dataset["test"]["sentiment"]) == {"neutral": 586, "positive": 385, "negative": 290}
    report = codemix.load_report("sail2017_hien", data_dir=real_data_dir())
    assert report.counts["dropped record with missing or empty text (policy missing_text='drop')"] == 2
    assert report.counts["record in no split's id file (not loaded)"] == 333


def test_trac2018_domains_and_source_labels():
    dataset = available("trac2018_hien_aggression")
    assert Counter(dataset["test"]["domain"]) == {"facebook": 970, "twitter": 1194}
    facebook = dataset["test"].filter(lambda r: r["domain"] == "facebook")
    assert Counter(facebook["source_label"]) == {"CAG": 413, "OAG": 362, "NAG": 195}
    assert Counter(dataset["train"]["offensive"]) == {"offensive": 4869 + 4856, "not_offensive": 2275}


def test_icon2016_pos_layers_are_aligned():
    dataset = available("icon2016_hien_pos")
    record = dataset["train"][0]
    assert len(record["tokens"]) == len(record["lid"]) == len(record["upos"]) == len(record["xpos"])
    assert labels(dataset, "lid")["hi"] == 2857 + 9779 + 2539
    assert Counter(r["domain"] for d in dataset.values() for r in d) == {"facebook": 772, "twitter": 1096, "whatsapp": 763}


def test_dutta2022_labels():
    dataset = available("dutta2022_bnen_lid")
    test = Counter(tag for tags in dataset["test"]["lid"] for tag in tags)
    assert test["bn"] == 2988 and test["en"] == 2819 + 64 and test["other"] == 1346
    assert sum(test.values()) == 7604


def test_bnsentmix_fourth_class_is_kept_unlabelled():
    dataset = available("bnsentmix2024_bnen")
    assert labels(dataset, "source_label") == {"0": 4292, "1": 3285, "2": 5944, "3": 1135}
    assert labels(dataset, "sentiment") == {"positive": 4292, "negative": 3285, "neutral": 5944, None: 1135}


def test_sentmix3l_labels():
    assert labels(available("sentmix3l_bnenhi"), "sentiment") == {"positive": 420, "negative": 353, "neutral": 234}


def test_held_out_label_counts():
    checks = {
        "l3cube_mehate": ("offensive", {"not_offensive": 968 + 208 + 208, "offensive": 969 + 207 + 208}),
        "offmix3l_bnenhi": ("offensive", {"not_offensive": 522, "offensive": 479}),
        "iiith2016_hien_sentiment": ("sentiment", {"negative": 570, "neutral": 1957, "positive": 1352}),
        "bohra2018_hien_hate": ("offensive", {"offensive": 1661, "not_offensive": 2914 + 2 + 2}),
        "fire2013_bnen_lid": ("lid", {"bn": 364, "en": 175}),
    }
    ran = 0
    root = real_data_dir()
    for name, (field, expected) in checks.items():
        if (root / name).is_dir():
            assert labels(codemix.load(name, data_dir=root), field) == expected, name
            ran += 1
    if not ran:
        pytest.skip("no held-out corpus in CODEMIX_DATA_DIR")


def test_specs_pin_the_manifest_urls_and_hashes():
    manifest = real_data_dir() / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.skip("no MANIFEST.tsv in CODEMIX_DATA_DIR")
    rows = [line.split("\t") for line in manifest.read_text().splitlines()[1:] if line.strip()]
    from codemix.loaders.registry import all_specs

    specs = all_specs()
    for corpus, path, size, sha256, url in rows:
        file = next((f for f in specs[corpus].files if f.path == path), None)
        assert file is not None, f"{corpus} does not list {path}"
        assert (file.sha256, file.url, file.size) == (sha256, url, int(size)), f"{corpus}/{path} differs from MANIFEST.tsv"
