"""codemix.load end to end: demo corpora, fixtures of every real corpus, cache, errors."""

import json
import shutil

import pytest
from datasets import Dataset, DatasetDict, IterableDataset

import codemix
from codemix.loaders import records
from codemix.common.errors import ChecksumError, DataNotFoundError, UnknownNameError
from codemix.loaders.registry import all_specs

from conftest import FIXTURES

DEMOS = ["demo_bnen", "demo_hien", "demo_mren"]
REAL = sorted(name for name, spec in all_specs().items() if not spec.bundled)


@pytest.mark.parametrize("name", DEMOS)
def test_demo_corpora_load_with_every_layer(name):
    dataset = codemix.load(name)
    assert isinstance(dataset, DatasetDict) and list(dataset) == ["train", "validation", "test"]
    assert sum(d.num_rows for d in dataset.values()) >= 150
    record = dataset["train"][0]
    assert record["id"] == f"{name}:train:1001"
    assert len(record["lid"]) == len(record["upos"]) == len(record["tokens"]) > 0
    assert record["sentiment"] in {"negative", "neutral", "positive"}
    assert record["offensive"] in {"offensive", "not_offensive"}
    scripts = {codemix.loaders.normalize.token_script(t) for r in dataset["train"] for t in r["tokens"]}
    assert {"Latn"} < scripts, "some native-script tokens are expected"


def test_every_real_corpus_has_a_fixture_folder():
    missing = [name for name in REAL if not (FIXTURES / name).is_dir()]
    assert not missing, f"add a synthetic fixture folder tests/fixtures/<name>/ for {missing}"


@pytest.mark.parametrize("name", REAL)
def test_fixture_loads_through_the_real_spec(name, no_data_dir):
    # Fixtures are synthetic, so their bytes differ from the pinned release: verify=False.
    dataset = codemix.load(name, data_dir=FIXTURES, verify=False)
    expected = json.loads((FIXTURES / name / "expected.json").read_text())
    assert {split: data.num_rows for split, data in dataset.items()} == expected
    spec = codemix.corpus_info(name)
    for data in dataset.values():
        for record in data:
            for task in spec.tasks:
                field = codemix.tasks.TASK_FIELDS[task]
                if record[field] in (None, []):  # only where the source has no text or no canonical class
                    unlabelled = spec.label_maps[field].mapping.get(record["source_label"], "") is None
                    assert unlabelled or record["text"] == "", f"{record['id']} lacks {field}"


def test_sentimix_fixture_join_repair_and_empty_token(no_data_dir):
    dataset = codemix.load("sentimix2020_hien", data_dir=FIXTURES, verify=False)
    test = {r["id"]: r for r in dataset["test"]}
    # labels joined by id although the label file lists them in another order
    assert test["sentimix2020_hien:test:301"]["sentiment"] == "neutral"
    assert test["sentimix2020_hien:test:302"]["sentiment"] == "positive"
    assert test["sentimix2020_hien:test:302"]["tokens"] == ["yaar", "😂", "funny"]
    assert test["sentimix2020_hien:test:301"]["tokens"] == ["ye", "café", "नमस्ते"]  # café untouched
    assert test["sentimix2020_hien:test:302"]["lid"] == ["hi", "other", "en"]
    train = dataset["train"]
    assert train[1]["tokens"][0] == "metal" and "" in train[1]["tokens"]
    assert dataset["validation"][0]["tokens"] == ["meta", "data", "dekho"]
    report = codemix.load_report("sentimix2020_hien", data_dir=FIXTURES, verify=False)
    assert report.counts["repaired mojibake token (UTF-8 read as cp1252)"] == 2
    assert report.counts["kept empty token (policy empty_tokens='keep')"] == 1


def test_split_argument_and_unknown_names():
    assert isinstance(codemix.load("demo_hien", split="test"), Dataset)
    with pytest.raises(UnknownNameError, match="^unknown split 'dev'. demo_hien's splits: test, train, validation$"):
        codemix.load("demo_hien", split="dev")
    with pytest.raises(UnknownNameError, match="Did you mean 'demo_hien'"):
        codemix.load("demo_hein")


def test_warm_load_reads_the_arrow_cache_without_parsing(fresh_home, monkeypatch):
    codemix.load("demo_bnen")
    assert list((fresh_home / "processed" / "demo_bnen").iterdir())

    def fail(*args, **kwargs):
        raise AssertionError("warm load re-parsed the raw files")
    monkeypatch.setattr(records, "iter_records", fail)
    monkeypatch.setattr(codemix.loaders.api, "iter_records", fail)
    assert codemix.load("demo_bnen")["train"].num_rows == 150


def test_cache_key_changes_with_file_content(fresh_home, tmp_path, no_data_dir):
    folder = tmp_path / "data" / "l3cube_mesent"
    shutil.copytree(FIXTURES / "l3cube_mesent", folder)
    first = codemix.load("l3cube_mesent", data_dir=tmp_path / "data", verify=False)["test"][0]["text"]
    path = folder / "codemix-sent-test.csv"
    path.write_bytes(path.read_bytes().replace(b"concert", b"natak"))
    second = codemix.load("l3cube_mesent", data_dir=tmp_path / "data", verify=False)["test"][0]["text"]
    assert "concert" in first and "natak" in second


def test_checksum_mismatch_is_refused_with_the_fix(no_data_dir):
    with pytest.raises(ChecksumError) as error:
        codemix.load("l3cube_mesent", data_dir=FIXTURES)
    message = str(error.value)
    assert "sha256 is" in message and "1351cfddff83ab44" in message and "verify=False" in message


def test_explicit_data_dir_without_the_files_does_not_fall_back(tmp_path):
    with pytest.raises(DataNotFoundError) as error:
        codemix.load("l3cube_mesent", data_dir=tmp_path)
    message = str(error.value)
    assert "data_dir was given" in message and str(tmp_path / "l3cube_mesent" / "codemix-sent-train.csv") in message


def test_a_data_dir_that_is_not_a_folder_is_named_at_once(tmp_path):
    with pytest.raises(DataNotFoundError, match=f"data_dir '{tmp_path / 'typo'}' does not exist: pass data_dir=..."):
        codemix.load("l3cube_mesent", data_dir=tmp_path / "typo")
    (tmp_path / "file").write_text("x")
    with pytest.raises(DataNotFoundError, match=f"data_dir '{tmp_path / 'file'}' is a file, not a folder"):
        codemix.load("l3cube_mesent", data_dir=tmp_path / "file")


def test_data_dir_may_point_at_the_corpus_folder_itself(no_data_dir):
    dataset = codemix.load("l3cube_mesent", data_dir=FIXTURES / "l3cube_mesent", verify=False)
    assert dataset["train"].num_rows == 6


def test_streaming_gives_the_same_records_as_the_eager_load(no_data_dir):
    eager = codemix.load("sentimix2020_hien", data_dir=FIXTURES, verify=False)
    streamed = codemix.load("sentimix2020_hien", data_dir=FIXTURES, verify=False, streaming=True)
    assert isinstance(streamed["train"], IterableDataset)
    for split in eager:
        assert list(streamed[split]) == list(eager[split])
