"""Leakage between splits and corpora, de-duplication, export that load_dataset reads back."""

import pytest
from datasets import load_dataset

import codemix
from codemix.cli import main
from codemix.common.errors import CodemixError
from codemix.loaders.export import export
from codemix.loaders.leakage import corpus_overlaps, dedupe, normalise_for_overlap, split_overlaps

from conftest import FIXTURES


@pytest.fixture
def trac(no_data_dir):
    return codemix.load("trac2018_hien_aggression", data_dir=FIXTURES, verify=False)


def test_split_overlaps_find_a_test_text_seen_in_train(trac):
    by_pair = {(o.left.split(":")[1], o.right.split(":")[1]): o for o in split_overlaps("trac", trac)}
    # 'Bhai tu pagal hai kya' is in train and in the Facebook gold set
    assert by_pair[("train", "test")].exact == 1
    assert by_pair[("train+validation", "test")].exact == 1
    assert by_pair[("validation", "test")].exact == 0


def test_normalised_overlap_ignores_case_punctuation_links_and_mentions():
    assert normalise_for_overlap("@USER Bahut ACCHA!! http://t.co/x") == normalise_for_overlap("bahut accha")
    assert normalise_for_overlap("") == ""


def test_corpus_overlaps_and_dedupe(trac, no_data_dir):
    mehate = codemix.load("l3cube_mehate", data_dir=FIXTURES, verify=False)
    fake = {"a": trac, "b": trac}
    (overlap,) = corpus_overlaps(fake)
    assert overlap.exact == sum(1 for d in trac.values() for t in d["text"] if t.strip())
    train, removed = dedupe(trac["train"], trac["test"])
    assert removed == 1 and train.num_rows == trac["train"].num_rows - 1
    _, removed = dedupe(mehate["train"], trac["test"])
    assert removed == 0


def test_overlaps_of_streamed_splits_are_those_of_loaded_ones(trac, no_data_dir):
    streamed = codemix.load("trac2018_hien_aggression", data_dir=FIXTURES, verify=False, streaming=True)
    assert split_overlaps("trac", streamed) == split_overlaps("trac", trac)
    mesent = codemix.load("l3cube_mesent", data_dir=FIXTURES, verify=False)
    assert corpus_overlaps({"a": mesent, "b": streamed}) == corpus_overlaps({"a": mesent, "b": trac})


def test_dedupe_compares_against_streamed_splits_and_lists_and_says_what_it_filters(trac, no_data_dir):
    streamed = codemix.load("trac2018_hien_aggression", data_dir=FIXTURES, verify=False, streaming=True)
    assert dedupe(trac["train"], streamed["test"])[1] == 1 == dedupe(trac["train"], list(trac["test"]))[1]
    with pytest.raises(CodemixError, match="dedupe filters a loaded split .* not IterableDataset"):
        dedupe(streamed["train"], trac["test"])
    with pytest.raises(CodemixError, match="item #0 of a split to compare against has no text string: 'just text'"):
        dedupe(trac["train"], ["just text"])


def test_leakage_command(capsys, no_data_dir):
    argv = ["corpora", "leakage", "--corpora", "trac2018_hien_aggression", "l3cube_mehate", "--data-dir", str(FIXTURES)]
    assert main(argv) == 1  # fixture bytes are not the pinned release
    assert "sha256" in capsys.readouterr().err
    assert main(argv + ["--no-verify"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("trac2018_hien_aggression:train+validation"))
    assert row.split()[2:5] == ["1", "1", "5"]


@pytest.mark.parametrize("file_format, reader", [("parquet", "parquet"), ("jsonl", "json")])
def test_export_reads_back_unchanged(tmp_path, file_format, reader, no_data_dir):
    dataset = codemix.load("sentimix2020_hien", data_dir=FIXTURES, verify=False)
    spec = codemix.corpus_info("sentimix2020_hien")
    written = export(spec, dataset, tmp_path / "out", file_format)
    assert {p.name for p in written} >= {f"train.{'parquet' if file_format == 'parquet' else 'jsonl'}", "README.md"}
    back = load_dataset(reader, data_dir=str(tmp_path / "out"))
    assert set(back) == set(dataset)
    for split in dataset:
        assert back[split].to_list() == dataset[split].to_list()
    card = (tmp_path / "out" / "README.md").read_text()
    assert card.startswith("---\nconfigs:") and "path: test." in card and "Licence" in card


@pytest.mark.parametrize("file_format", ["jsonl", "parquet"])
def test_export_keeps_the_feature_types_even_for_layers_empty_everywhere(tmp_path, file_format):
    from codemix.loaders.schema import features

    dataset = codemix.load("demo_hien").map(lambda record: {"upos": [], "native": [], "xpos": []})
    export(codemix.corpus_info("demo_hien"), dataset, tmp_path / "out", file_format)
    back = load_dataset(str(tmp_path / "out"))
    assert back["train"].features == features() == dataset["train"].features
    assert back["test"].to_list() == dataset["test"].to_list()


def test_export_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(CodemixError, match="not empty"):
        export(codemix.corpus_info("demo_hien"), codemix.load("demo_hien"), tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]


def test_export_command(tmp_path, capfd):
    assert main(["corpora", "export", "demo_mren", "--to", str(tmp_path / "demo")]) == 0
    captured = capfd.readouterr()
    assert "load_dataset(\"parquet\"" in captured.out
    assert captured.err == ""  # not a terminal: no progress bar, codemix's or datasets'
    assert load_dataset("parquet", data_dir=str(tmp_path / "demo"))["train"].num_rows == 150
