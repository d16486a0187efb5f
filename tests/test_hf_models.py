"""``hf:`` fine-tuned encoders: id2label spellings mapped onto the task's labels (or refused, listing
both sides), label maps, and a checkpoint saved by the transformer baseline re-evaluating to
exactly the scores of the run that trained it."""

import json
from pathlib import Path

import pytest

import codemix
from codemix.baselines.finetuned import FineTunedEncoder
from codemix.baselines.runner import run_baseline
from codemix.cli import main
from codemix.common.errors import CodemixError
from tiny_models import build_tiny_classifier, demo_texts

SENTIMENT = codemix.get_task("sentiment")


@pytest.fixture(scope="module")
def texts():
    return demo_texts()


def test_differently_spelled_labels_map_onto_the_task(tmp_path, texts):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "NEGATIVE", 1: "Neutral", 2: "POSITIVE"})
    model = FineTunedEncoder(path)
    assert model.label_mapping(SENTIMENT) == ["negative", "neutral", "positive"]
    assert model.supports(SENTIMENT) and not model.supports(codemix.get_task("offensive"))
    assert not model.supports(codemix.get_task("lid"))  # a sequence classifier has no token-level predictions
    scores = codemix.evaluate(f"hf:{path}", corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert list(scores) == ["sentiment/demo_hien"]  # only the cell it can predict
    predictions = [json.loads(line)["pred"] for line in (tmp_path / "run" / "sentiment.demo_hien.jsonl").read_text().splitlines()]
    assert len(predictions) == 30 and set(predictions) <= {"negative", "neutral", "positive"}
    meta = json.loads((tmp_path / "run" / "meta.json").read_text())
    assert meta["kind"] == "fine-tuned" and meta["model_details"]["model_labels"] == ["NEGATIVE", "Neutral", "POSITIVE"]
    assert len(meta["fingerprint"]["sha256"]) == 64 and "config.json" in meta["fingerprint"]["files"]


def test_unmappable_labels_fail_at_once_listing_both_sides(tmp_path, texts):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(CodemixError, match=r"model labels \['LABEL_0', 'LABEL_1', 'LABEL_2'\] map to no sentiment label\. "
                                           r"Model labels: LABEL_0, LABEL_1, LABEL_2; sentiment labels: negative, neutral, positive"):
        codemix.evaluate(f"hf:{path}", tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()
    options = {"label_map": {"LABEL_0": "positive", "LABEL_1": "negative", "LABEL_2": "neutral"}}
    mapped = codemix.evaluate(f"hf:{path}", tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "run",
                              progress=False, model_options=options)
    assert mapped["sentiment/demo_hien"]["n"] == 30
    with pytest.raises(CodemixError, match="maps 'LABEL_0' to 'good', which is not a sentiment label"):
        FineTunedEncoder(path, label_map={"LABEL_0": "good"}).label_mapping(SENTIMENT)


@pytest.mark.parametrize("id2label, task_name, expected", [
    ({0: "NEG", 1: "NEU", 2: "POS"}, "sentiment", ["negative", "neutral", "positive"]),
    ({0: "NOT", 1: "OFF"}, "offensive", ["not_offensive", "offensive"]),
    ({0: "non-offensive", 1: "HOF"}, "offensive", ["not_offensive", "offensive"]),
])
def test_the_fields_usual_abbreviations_map_by_themselves(tmp_path, texts, id2label, task_name, expected):
    model = FineTunedEncoder(build_tiny_classifier(tmp_path / "m", texts, id2label))
    assert model.label_mapping(codemix.get_task(task_name)) == expected
    other = "offensive" if task_name == "sentiment" else "sentiment"
    assert not model.supports(codemix.get_task(other))  # an abbreviation maps only within its own task


def test_when_no_cell_fits_the_models_reasons_are_listed(tmp_path, texts):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "1 star", 1: "2 stars", 2: "3 stars"})
    with pytest.raises(CodemixError) as error:
        codemix.evaluate(f"hf:{path}", corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    lines = str(error.value).splitlines()
    assert lines[0].startswith("nothing to evaluate: no test cell of corpora ['demo_hien'] fits the model")
    assert [line.split(":")[0] for line in lines[1:]] == ["  lid", "  pos", "  sentiment", "  offensive"]
    assert "is a sentence-classification model; task lid is token-level" in lines[1]
    assert "--label-map '1 star=negative' (label_map={'1 star': 'negative'} in Python)" in lines[3]
    assert not (tmp_path / "run").exists()


def test_loading_a_model_draws_no_progress_bar_where_codemix_draws_none(tmp_path, texts, capfd):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "negative", 1: "neutral", 2: "positive"})
    capfd.readouterr()
    FineTunedEncoder(path)  # stderr is not a terminal here: codemix shows no progress, and neither may transformers
    assert capfd.readouterr().err == ""


def test_sentences_cut_at_max_length_are_counted_exactly(tmp_path, texts):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "negative", 1: "neutral", 2: "positive"})
    model = FineTunedEncoder(path, max_length=16)
    test = list(codemix.load("demo_hien", split="test"))
    lengths = [len(model.tokenizer(r["text"])["input_ids"]) for r in test]  # whole, uncut
    assert 16 in lengths and 0 < sum(n > 16 for n in lengths) < len(test)  # exact fits are not cut
    model.predict(SENTIMENT, test)
    assert model.describe()["truncated_inputs"] == sum(n > 16 for n in lengths)


def test_a_truncated_weights_file_is_one_error_naming_the_folder(tmp_path, texts):
    path = Path(build_tiny_classifier(tmp_path / "m", texts, {0: "negative", 1: "neutral", 2: "positive"}))
    weights = path / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:weights.stat().st_size // 2])  # an interrupted copy
    with pytest.raises(CodemixError, match=f"model '{path}' is a folder, but not a Hugging Face model folder this "
                                           r"loader reads: .*\(SafetensorError: "):
        FineTunedEncoder(str(path))


def test_cli_label_map_and_a_missing_model(tmp_path, texts, capsys):
    path = build_tiny_classifier(tmp_path / "m", texts, {0: "LABEL_0", 1: "LABEL_1"})
    code = main(["evaluate", "--model", f"hf:{path}", "--tasks", "offensive", "--corpora", "demo_bnen", "--label-map",
                 "LABEL_0=not_offensive", "LABEL_1=offensive", "--out", str(tmp_path / "run"), "--quiet"])
    assert code == 0 and "offensive/demo_bnen" in capsys.readouterr().out
    assert main(["evaluate", "--model", f"hf:{path}", "--tasks", "offensive", "--corpora", "demo_bnen", "--label-map",
                 "LABEL_0=not_offensive", "LABEL_0=offensive", "--out", str(tmp_path / "run3"), "--quiet"]) == 1
    assert capsys.readouterr().err == ("codemix: error: --label-map maps 'LABEL_0' twice ('not_offensive' and 'offensive'); "
                                       "give each model label one task label\n")
    assert main(["evaluate", "--model", "hf:no-such-org/no-such-model", "--corpora", "demo_bnen", "--out",
                 str(tmp_path / "run2"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "not on disk and the hub is offline" in err and "hf download no-such-org/no-such-model" in err
    assert "Traceback" not in err and not (tmp_path / "run2").exists()


@pytest.mark.parametrize("task_name", ["sentiment", "lid"])
def test_a_saved_baseline_checkpoint_scores_exactly_as_when_trained(tmp_path, texts, task_name):
    from tiny_models import build_tiny_bert

    base = build_tiny_bert(tmp_path / "base", texts)
    options = {"model": base, "epochs": 2, "lr": 5e-3, "batch_size": 8, "max_length": 24}
    trained = run_baseline("transformer", task_name, "demo_mren", out=tmp_path / "trained", options=options,
                           save_model=tmp_path / "saved")
    scores = codemix.evaluate(f"hf:{tmp_path / 'saved'}", tasks=[task_name], corpora=["demo_mren"],
                              out=tmp_path / "evaluated", progress=False)[f"{task_name}/demo_mren"]
    for metric in ("accuracy", "macro_f1", "weighted_f1"):
        assert scores[metric] == trained["scores"][metric]
    name = f"{task_name}.demo_mren.jsonl"
    assert (tmp_path / "evaluated" / name).read_text() == (tmp_path / "trained" / name).read_text()


def test_without_network_a_missing_model_fails_in_seconds(monkeypatch):
    import time

    from codemix.baselines import hub

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens: like a machine without network
    hub._hub_reachable.cache_clear()
    started = time.perf_counter()
    try:
        with pytest.raises(CodemixError, match=r"'no-org/no-model' is not on disk and the hub is offline \(HF_HUB_OFFLINE, or no network\)"):
            FineTunedEncoder("no-org/no-model")
    finally:
        hub._hub_reachable.cache_clear()
    assert time.perf_counter() - started < 20  # the hub client alone retries for over half a minute
