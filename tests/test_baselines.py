"""Classical baselines: fit/predict on the demo corpora, determinism, persistence, runner, CLI, benchmark."""

import json
import subprocess
import sys

import pytest

import codemix
from codemix.baselines.base import get_baseline
from codemix.baselines.benchmark import run_benchmark
from codemix.baselines.runner import run_baseline
from codemix.cli import main
from codemix.common.errors import CodemixError, UnknownNameError
from codemix.tasks.submission import read_predictions

from conftest import FIXTURES


@pytest.fixture(scope="module")
def demo():
    return codemix.load("demo_hien")


CELLS = [(b, t) for b in ("majority", "char_ngram", "crf") for t in ("lid", "pos", "sentiment", "offensive")
         if not (b == "crf" and t in ("sentiment", "offensive"))]


@pytest.mark.parametrize("baseline, task_name", CELLS)
def test_baselines_learn_the_demo_tasks(demo, baseline, task_name, tmp_path):
    task = codemix.get_task(task_name)
    model = get_baseline(baseline, seed=3).fit(task, demo["train"], demo["validation"])
    predictions = model.predict(task, demo["test"])
    assert len(predictions) == demo["test"].num_rows
    if task.level == "token":
        assert [len(p) for p in predictions] == [len(t) for t in demo["test"]["tokens"]]
    scores = task.score(demo["test"][task.field], predictions)
    if baseline != "majority":  # a learned model beats the majority baseline on the (noisy, synthetic) demo data
        floor = get_baseline("majority").fit(task, demo["train"]).predict(task, demo["test"])
        assert scores[task.main_score] > task.score(demo["test"][task.field], floor)[task.main_score] + 0.02
    again = get_baseline(baseline, seed=3).fit(task, demo["train"], demo["validation"]).predict(task, demo["test"])
    assert again == predictions, "a baseline must be deterministic for a given seed"
    restored = model.save(tmp_path / "model.joblib")
    assert get_baseline(baseline).load(restored).predict(task, demo["test"]) == predictions


def test_majority_uses_word_forms_then_the_global_label(demo):
    task = codemix.get_task("lid")
    model = get_baseline("majority").fit(task, demo["train"])
    assert model.default == "hi"  # the most frequent tag of demo_hien
    assert model.predict(task, [{"tokens": ["movie", "zzzunseen"], "text": ""}]) == [["en", "hi"]]


def test_crf_refuses_sentence_tasks(demo):
    with pytest.raises(CodemixError, match="crf handles token-level tasks, not sentiment"):
        get_baseline("crf").fit(codemix.get_task("sentiment"), demo["train"])


def test_token_sample_keeps_whole_sentences_in_order_within_the_bound():
    from codemix.baselines.sampling import token_sample

    examples = [(f"s{i}", ["x"] * (i % 7 + 1)) for i in range(200)]
    assert token_sample(examples, 10_000, seed=0) is examples  # within the bound: the split whole
    sample = token_sample(examples, 300, seed=0)
    assert sum(len(labels) for _, labels in sample) <= 300
    assert sum(len(labels) for _, labels in sample) > 290  # filled, not cut short at the first long sentence
    positions = [examples.index(example) for example in sample]
    assert positions == sorted(positions)
    assert token_sample(examples, 300, seed=0) == sample and token_sample(examples, 300, seed=1) != sample


@pytest.mark.parametrize("baseline", ["char_ngram", "crf"])
def test_large_train_splits_are_compared_on_a_sample_and_fitted_on_a_bounded_one(demo, baseline):
    from codemix.baselines.base import labelled
    from codemix.baselines.sampling import token_sample
    from codemix.tasks.metrics import METRICS

    task = codemix.get_task("lid")
    examples = labelled(task, demo["train"])
    total = sum(len(labels) for _, labels in examples)
    model = get_baseline(baseline, selection_tokens=total // 4, training_tokens=total // 2).fit(
        task, demo["train"], demo["validation"])
    config = model.config()
    used = sum(len(labels) for _, labels in token_sample(examples, total // 2, 0))
    assert (config["train_tokens_used"], config["train_tokens"]) == (used, total)
    assert total // 2 - 20 < used <= total // 2
    # the recorded validation score is the final model's, not the sample's
    gold = [label for labels in demo["validation"]["lid"] for label in labels]
    predicted = [label for labels in model.predict(task, demo["validation"]) for label in labels]
    assert config["validation_macro_f1"] == round(METRICS["macro_f1"](gold, predicted), 4)
    whole = get_baseline(baseline).fit(task, demo["train"], demo["validation"]).config()
    assert (whole["train_tokens_used"], whole["train_tokens"]) == (total, total)
    # within the training bound the split is used whole, for the comparison too
    within = get_baseline(baseline, selection_tokens=total // 4, training_tokens=total).fit(task, demo["train"], demo["validation"])
    assert within.config()["train_tokens_used"] == total
    assert within.predict(task, demo["test"]) == get_baseline(baseline).fit(task, demo["train"], demo["validation"]).predict(task, demo["test"])


@pytest.mark.parametrize("options, message", [({"selection_tokens": 0}, "selection_tokens must be a positive whole number"),
                                              ({"training_tokens": 2.5}, "training_tokens must be a positive whole number"),
                                              ({"selection_tokens": True}, "selection_tokens must be"),
                                              ({"selection_tokens": 200, "training_tokens": 100},
                                               r"training_tokens \(100\) must be at least selection_tokens \(200\)")])
def test_bad_sample_bounds_are_refused(demo, options, message):
    with pytest.raises(CodemixError, match=message):
        get_baseline("crf", **options).fit(codemix.get_task("lid"), demo["train"], demo["validation"])


def test_unknown_baseline_gets_did_you_mean():
    with pytest.raises(UnknownNameError, match="Did you mean 'char_ngram'"):
        get_baseline("char_ngrams")


def test_runner_writes_a_submission_scored_like_a_participant(tmp_path):
    result = run_baseline("char_ngram", "offensive", "demo_hien", out=tmp_path / "sub", seed=1)
    folder = tmp_path / "sub"
    assert sorted(p.name for p in folder.iterdir()) == ["meta.json", "offensive.demo_hien.jsonl", "scores.json"]
    meta = json.loads((folder / "meta.json").read_text())
    assert {"team", "system", "description", "external_data", "seed", "config"} <= set(meta)
    predictions = read_predictions(folder / "offensive.demo_hien.jsonl")
    test = codemix.load("demo_hien", split="test")
    assert set(predictions) == set(test["id"])
    task = codemix.get_task("offensive")
    expected = task.score(test["offensive"], [predictions[i] for i in test["id"]])
    scores = json.loads((folder / "scores.json").read_text())["offensive/demo_hien"]
    assert scores["macro_f1"] == pytest.approx(expected["macro_f1"]) == pytest.approx(result["scores"]["macro_f1"])
    assert scores["main"] == "macro_f1" and meta["kind"] == "classical"
    from codemix.tasks.slices import slice_scores, slices_by_id

    gold = dict(zip(test["id"], test["offensive"]))  # slices from the gold records, as for any submission
    assert scores["slices"] == json.loads(json.dumps(slice_scores(task, gold, predictions, slices_by_id(test))))
    assert sum(v["items"] for v in scores["slices"]["cmi"].values()) == 30


@pytest.mark.parametrize("argv, message", [
    (["baseline", "run", "crf", "--task", "sentiment", "--corpus", "demo_hien"], "crf handles token-level tasks"),
    (["baseline", "run", "majority", "--task", "pos", "--corpus", "l3cube_mesent"], "has no pos annotation"),
    (["baseline", "run", "majority", "--task", "sentiment", "--corpus", "sentmix3l_bnenhi"], "test-only"),
    (["baseline", "run", "majorty", "--task", "lid", "--corpus", "demo_hien"], "Did you mean 'majority'"),
    (["baseline", "run", "crf", "--task", "lid", "--corpus", "demo_hien", "--epochs", "3"],
     "--epochs apply to transformer (--model, --epochs, --lr, --batch-size, --max-length), bilstm_crf "
     "(--epochs, --lr, --batch-size) and ensemble (--networks), not to crf"),
    (["baseline", "run", "bilstm_crf", "--task", "lid", "--corpus", "demo_hien", "--networks", "2"],
     "--networks apply to transformer"),
    (["baseline", "run", "ensemble", "--task", "lid", "--corpus", "demo_hien", "--networks", "0"],
     "ensemble: networks must be a positive whole number, not 0"),
    (["baseline", "run", "bilstm_crf", "--task", "lid", "--corpus", "demo_hien", "--max-length", "9"],
     "--max-length apply to transformer"),
    (["baseline", "run", "bilstm_crf", "--task", "lid", "--corpus", "demo_hien", "--epochs", "2.5"],
     "epochs must be a positive whole number, not 2.5"),
])
def test_baseline_cli_errors(argv, message, capsys, tmp_path):
    assert main(argv + ["--out", str(tmp_path / "x")]) == 1
    assert message in capsys.readouterr().err


def test_baseline_cli_prints_a_table(capsys, tmp_path):
    assert main(["baseline", "run", "majority", "--task", "lid", "--corpus", "demo_mren", "--out", str(tmp_path / "m")]) == 0
    out = capsys.readouterr().out
    assert "accuracy" in out and "demo_mren" in out and (tmp_path / "m" / "lid.demo_mren.jsonl").is_file()


def test_benchmark_with_transfer_and_script_robustness(tmp_path):
    results = run_benchmark(["demo_hien", "demo_bnen"], ("majority", "char_ngram"), ["lid", "sentiment"], tmp_path,
                            transfer=True, script_robustness=True, echo=lambda *_: None)
    rows = {(r["corpus"], r["task"], r["baseline"]) for r in results["rows"]}
    assert ("demo_bnen", "lid", "char_ngram") in rows and len(rows) == 8
    transfer = {(c["train"], c["test"]) for c in results["transfer"] if c["task"] == "sentiment"}
    assert ("demo_hien", "demo_bnen") in transfer and ("demo_bnen", "demo_hien") in transfer
    assert len(results["script_robustness"]) == 8
    markdown = (tmp_path / "results.md").read_text()
    assert "## Transfer" in markdown and "## Script robustness" in markdown
    assert (tmp_path / "transfer_sentiment_char_ngram.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "results.json").read_text())["rows"]
    from codemix.loaders.citations import bibtex_keys

    assert bibtex_keys((tmp_path / "references.bib").read_text()) == ["codemix"]  # the demo corpora cite codemix


def _broken(records, change):
    return [change(dict(r)) if i == 2 else r for i, r in enumerate(records)]


RECORD_BREAKS = [
    ("lid", lambda r: r | {"tokens": None}, "record demo_hien:train:1003: lid reads the record's tokens, a list of "
                                            "strings; got None"),
    ("lid", lambda r: r | {"lid": r["lid"][:-1]}, "record demo_hien:train:1003: its lid layer must be a list of one "
                                                  "tag per token"),
    ("lid", lambda r: r | {"lid": ["EN"] * len(r["tokens"])}, "record demo_hien:train:1003: lid holds 'EN', not lid "
                                                              "labels (en, hi, bn, mr, ne, mixed, fw, other, unk)"),
    ("sentiment", lambda r: r | {"sentiment": "Positive"}, "record demo_hien:train:1003: sentiment holds 'Positive', "
                                                           "not sentiment labels (negative, neutral, positive)"),
    ("sentiment", lambda r: r | {"text": None}, "record demo_hien:train:1003: sentiment reads the record's text, a "
                                                "string; got None"),
    ("sentiment", lambda r: "just a string", "record #2: a record is a dict (text, tokens, ...), not str"),
]
RECORD_CASES = [(baseline, *case) for case in RECORD_BREAKS
                for baseline in (("majority", "char_ngram", "crf") if case[0] == "lid" else ("majority", "char_ngram"))]


@pytest.mark.parametrize("baseline, task_name, change, message", RECORD_CASES)
def test_hand_built_training_records_are_checked_naming_the_record(baseline, task_name, change, message):
    demo = codemix.load("demo_hien")
    with pytest.raises(CodemixError) as error:
        get_baseline(baseline).fit(task_name, _broken(list(demo["train"]), change), demo["validation"])
    assert str(error.value).startswith(message)


def test_records_to_predict_are_checked_naming_the_record():
    demo = codemix.load("demo_hien")
    pos = get_baseline("crf").fit("pos", demo["train"])
    with pytest.raises(CodemixError, match="^record demo_hien:test:1181: its lid layer has 1 tags for 12 tokens$"):
        pos.predict("pos", [dict(demo["test"][0], lid=["hi"])])
    with pytest.raises(CodemixError, match="^record #1: pos reads the record's tokens, a list of strings; got \\[1, 2\\]$"):
        pos.predict("pos", [demo["test"][0], {"tokens": [1, 2]}])


@pytest.mark.parametrize("task_name, field, constant", [("sentiment", "sentiment", "positive"), ("lid", "lid", None)])
def test_char_ngram_on_training_data_of_one_label_says_so(task_name, field, constant):
    demo = codemix.load("demo_hien")
    train = [dict(r, **{field: constant or ["en"] * len(r["tokens"])}) for r in demo["train"]]
    with pytest.raises(CodemixError, match=f"^char_ngram: the training data of {task_name} holds one label only "
                                           f"\\('{constant or 'en'}'\\); it needs two or more"):
        get_baseline("char_ngram").fit(task_name, train, demo["validation"])
    assert get_baseline("majority").fit(task_name, train).predict(task_name, demo["test"])[0] is not None


def test_save_model_never_overwrites_what_is_not_a_saved_model(tmp_path):
    from codemix.baselines.runner import check_save_model

    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CodemixError, match="notes.txt exists and is not a saved model; pass a new path"):
        run_baseline("majority", "lid", "demo_hien", out=tmp_path / "run", save_model=tmp_path / "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "keep me" and not (tmp_path / "run").exists()
    for _ in range(2):  # an earlier saved model is replaced
        run_baseline("majority", "lid", "demo_hien", out=tmp_path / "run", save_model=tmp_path / "m.joblib")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "main.py").write_text("keep me")
    with pytest.raises(CodemixError, match="holds something else than a saved model"):
        check_save_model(tmp_path / "project", "transformer")
    (tmp_path / "earlier").mkdir()
    (tmp_path / "earlier" / "codemix_baseline.json").write_text("{}")
    check_save_model(tmp_path / "earlier", "transformer")  # a transformer saved before may be replaced


def test_a_benchmark_with_nothing_to_run_says_why_per_corpus(tmp_path, capsys, no_data_dir):
    with pytest.raises(CodemixError, match="^nothing ran: demo_hien: none of the baselines crf handles sentiment$"):
        run_benchmark(["demo_hien"], ["crf"], ["sentiment"], tmp_path / "a", echo=lambda *_: None)
    argv = ["benchmark", "--corpora", "sentmix3l_bnenhi", "--data-dir", str(FIXTURES), "--no-verify", "--out", str(tmp_path / "b")]
    assert main(argv) == 1
    assert capsys.readouterr().err.endswith("codemix: error: nothing ran: sentmix3l_bnenhi is test-only (--transfer scores "
                                            "it with the models trained on the other corpora)\n")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_benchmark_scores_published_protocols_on_source_labels(tmp_path, no_data_dir):
    results = run_benchmark(["trac2018_hien_aggression"], ("majority",), ["offensive"], tmp_path, data_dir=FIXTURES,
                            verify=False, echo=lambda *_: None)
    (row,) = results["rows"]
    facebook = next(p for p in row["published"] if p["domain"] == "facebook")
    assert facebook["comparable"] and facebook["metric"] == "weighted_f1"
    # "ours" is the majority baseline refitted on the 3-class source labels, scored on the Facebook test set only
    from collections import Counter

    from codemix.tasks.metrics import weighted_f1

    data = codemix.load("trac2018_hien_aggression", data_dir=FIXTURES, verify=False)
    top = Counter(data["train"]["source_label"]).most_common(1)[0][0]
    gold = [r["source_label"] for r in data["test"] if r["domain"] == "facebook"]
    assert set(gold) <= {"OAG", "CAG", "NAG"} and top in {"OAG", "CAG", "NAG"}
    assert facebook["ours"] == round(weighted_f1(gold, [top] * len(gold)), 4)
    assert "RiTUAL-UH" in (tmp_path / "results.md").read_text()


def test_the_reported_baseline_is_chosen_on_validation_never_on_test():
    from codemix.baselines.benchmark import chosen_on_validation

    rows = [{"corpus": "c", "task": "sentiment", "baseline": "majority", "main": "macro_f1", "validation_main": 0.30,
             "macro_f1": 0.90},
            {"corpus": "c", "task": "sentiment", "baseline": "char_ngram", "main": "macro_f1", "validation_main": 0.70,
             "macro_f1": 0.60},
            {"corpus": "c", "task": "lid", "baseline": "crf", "main": "macro_f1", "validation_main": None, "macro_f1": 0.99}]
    assert chosen_on_validation(rows) == [{"corpus": "c", "task": "sentiment", "baseline": "char_ngram",
                                           "metric": "macro_f1", "validation": 0.70, "test": 0.60}]


def test_token_baselines_read_lid_only_where_the_task_declares_it():
    from codemix.baselines.base import TokenInput, model_input

    record = {"tokens": ["yaar", "good"], "lid": ["hi", "en"], "text": "yaar good"}
    assert model_input(codemix.get_task("pos"), record) == TokenInput(("yaar", "good"), ("hi", "en"))
    assert model_input(codemix.get_task("lid"), record) == TokenInput(("yaar", "good"), None)  # never its own gold
    assert model_input(codemix.get_task("pos"), dict(record, lid=[])) == TokenInput(("yaar", "good"), None)
    assert model_input(codemix.get_task("sentiment"), record) == "yaar good"


def _two_platforms(domains=("facebook", "whatsapp")):
    """Train records where the platforms tag the same words differently ('ok' and 'lol' are
    English on one and `other` on the other), as the ICON files of each platform do."""
    def record(tokens, tags, domain):
        return {"tokens": tokens, "lid": tags, "text": " ".join(tokens), "domain": domain}

    train = []
    for i in range(12):
        train.append(record(["ok", "yaar", "lol"], ["en", "hi", "en"], domains[0]))
        train.append(record(["ok", "yaar", "lol"], ["other", "hi", "other"], domains[1]))
        train.append(record(["bahut", "good", "hai"], ["hi", "en", "hi"], domains[i % 2]))
    return train


def test_token_models_see_the_domain_and_copy_features_only_for_several():
    from codemix.baselines.base import TokenInput, model_input, training_domains
    from codemix.baselines.features import sentence_features

    assert training_domains([(TokenInput(("a",), domain=d), ["en"]) for d in ("x", "y", None)])
    assert not training_domains([(TokenInput(("a",), domain=d), ["en"]) for d in ("x", "x", None)])
    task = codemix.get_task("lid")
    record = {"tokens": ["ok"], "lid": ["en"], "text": "ok", "domain": "twitter"}
    assert model_input(task, record) == TokenInput(("ok",), None, "twitter")
    assert model_input(task, dict(record, domain=7)) == TokenInput(("ok",), None, "7")  # sortable beside names
    copies = sentence_features(["ok"], char_ngrams=True, domain="twitter")[0]
    assert copies["d=twitter|w=ok"] == copies["w=ok"] == 1.0 and not any(k.startswith("d=twitter|cg=") for k in copies)
    assert sentence_features(["ok"], char_ngrams=True) == [{k: v for k, v in copies.items() if not k.startswith("d=")}]


@pytest.mark.parametrize("baseline", ["char_ngram", "crf", "bilstm_crf"])
def test_token_baselines_learn_each_platforms_own_conventions(baseline):
    task = codemix.get_task("lid")
    options = {"epochs": 40, "patience": 40} if baseline == "bilstm_crf" else {}
    model = get_baseline(baseline, seed=0, **options).fit(task, _two_platforms())
    probe = [{"tokens": ["ok", "yaar", "lol"], "text": "", "domain": d} for d in ("facebook", "whatsapp", "twitter", None)]
    facebook, whatsapp, unseen, no_domain = model.predict(task, probe)
    assert facebook == ["en", "hi", "en"] and whatsapp == ["other", "hi", "other"]
    assert unseen == no_domain, "a platform not seen in train is read as no platform: the shared features decide"
    assert model.chosen["by_domain"] is True
    # one platform only: no copies, and the model cannot tell the conventions apart
    single = get_baseline(baseline, seed=0, **options).fit(task, _two_platforms(("twitter", "twitter")))
    assert single.chosen["by_domain"] is False
    answers = single.predict(task, probe)
    assert answers[0] == answers[1] == answers[2] == answers[3]


@pytest.mark.parametrize("baseline, attribute", [("char_ngram", "by_domain"), ("crf", "by_domain"), ("bilstm_crf", "domains")])
def test_a_token_model_saved_before_platform_features_still_predicts(baseline, attribute, tmp_path):
    import joblib

    task = codemix.get_task("lid")
    options = {"epochs": 3} if baseline == "bilstm_crf" else {}
    model = get_baseline(baseline, seed=0, **options).fit(task, _two_platforms(("twitter", "twitter")))
    probe = [{"tokens": ["ok", "yaar"], "text": "", "domain": "facebook"}]
    expected = model.predict(task, probe)
    delattr(model, attribute)  # as saved by a release without per-platform features
    path = tmp_path / "old.joblib"
    joblib.dump(model, path)
    assert get_baseline(baseline).load(path).predict(task, probe) == expected


def test_nbsvm_class_weights_favour_the_rarer_class_where_the_evidence_is_shared():
    import numpy as np
    import scipy.sparse as sp

    from codemix.baselines.nbsvm import NBLogisticRegression

    # columns: a word every text has, a cue of b, a cue of a; a outnumbers b four to one
    rows = [[1, 0, 0]] * 20 + [[1, 0, 1]] * 20 + [[1, 0, 0]] * 8 + [[1, 1, 0]] * 2
    labels = ["a"] * 40 + ["b"] * 10
    train = sp.csr_matrix(np.array(rows, dtype=float))
    probe = sp.csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [1, 0, 1]], dtype=float))
    plain = NBLogisticRegression(C=1.0).fit(train, labels)
    balanced = NBLogisticRegression(C=1.0, class_weight="balanced").fit(train, labels)
    # the shared word alone: 20 a against 8 b, but 12.5 against 20 once each class weighs the same
    assert plain.predict(probe).tolist() == ["a", "b", "a"]
    assert balanced.predict(probe).tolist() == ["b", "b", "a"]
    legacy = NBLogisticRegression(C=1.0)
    del legacy.class_weight  # as saved before class weights: the class default applies
    assert legacy.fit(train, labels).predict(probe).tolist() == ["a", "b", "a"]


def test_benchmark_reports_pos_with_predicted_lid(tmp_path):
    results = run_benchmark(["demo_hien"], ("crf",), ["pos"], tmp_path, echo=lambda *_: None)
    (row,) = results["rows"]
    demo = codemix.load("demo_hien")
    lid, pos = codemix.get_task("lid"), codemix.get_task("pos")
    predicted = get_baseline("crf", seed=0).fit(lid, demo["train"], demo["validation"]).predict(lid, demo["test"])
    tagger = get_baseline("crf", seed=0).fit(pos, demo["train"], demo["validation"])
    piped = [dict(r, lid=tags) for r, tags in zip(demo["test"], predicted)]
    expected = pos.score([r["upos"] for r in piped], tagger.predict(pos, piped))["accuracy"]
    assert row["pos_with_predicted_lid"] == round(expected, 4)
    assert "## POS with LID given and with LID predicted" in (tmp_path / "results.md").read_text()


def _as_dense_by_name(matrix, vocabulary):
    import numpy as np

    names = sorted(vocabulary)
    columns = [vocabulary[name] for name in names]
    return names, np.asarray(matrix.todense())[:, columns]


def test_word_wise_char_vectorizer_equals_scikit_learns_char_wb():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from codemix.baselines.char_vectorizer import WordCharNgramVectorizer

    train = ["yaar movie bahut achhi thi", "movie bekaar thi yaar", "bahut bakwas movie", "khana achha tha yaar"]
    test = ["movie achhi thi", "naya khana bekaar"]
    ours = WordCharNgramVectorizer(2, 5, min_df=2, sublinear_tf=True)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    ours_names, ours_train = _as_dense_by_name(ours.fit_transform(train), ours.vocabulary_)
    theirs_names, theirs_train = _as_dense_by_name(theirs.fit_transform(train), theirs.vocabulary_)
    assert ours_names == theirs_names  # words of 3+ letters: the very same n-grams
    assert np.allclose(ours_train, theirs_train, atol=1e-6)
    assert np.allclose(_as_dense_by_name(ours.transform(test), ours.vocabulary_)[1],
                       _as_dense_by_name(theirs.transform(test), theirs.vocabulary_)[1], atol=1e-6)
    # The one documented difference: a word shorter than n gives scikit-learn its whole padded form once more
    short = ["a yaar", "a yaar", "ok yaar"]
    ours_short = WordCharNgramVectorizer(2, 5, min_df=1).fit(short)
    theirs_short = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=1).fit(short)
    assert set(ours_short.vocabulary_) == set(theirs_short.vocabulary_)


@pytest.mark.parametrize("task_name", ["lid", "pos"])
def test_bilstm_crf_learns_is_deterministic_and_round_trips(demo, task_name, tmp_path):
    task = codemix.get_task(task_name)
    model = get_baseline("bilstm_crf", seed=1, epochs=20).fit(task, demo["train"], demo["validation"])
    predictions = model.predict(task, demo["test"])
    assert [len(p) for p in predictions] == [len(t) for t in demo["test"]["tokens"]]
    floor = get_baseline("majority").fit(task, demo["train"]).predict(task, demo["test"])
    main = task.main_score
    assert task.score(demo["test"][task.field], predictions)[main] > task.score(demo["test"][task.field], floor)[main] + 0.02
    history = model.chosen["validation_history"]
    assert model.chosen[f"validation_{main}"] == max(history)  # the epoch kept is the best on validation
    assert model.chosen["best_epoch"] == history.index(max(history)) + 1
    again = get_baseline("bilstm_crf", seed=1, epochs=20).fit(task, demo["train"], demo["validation"])
    assert again.predict(task, demo["test"]) == predictions, "deterministic for a seed"
    restored = get_baseline("bilstm_crf").load(model.save(tmp_path / "model.joblib"))
    assert restored.predict(task, demo["test"]) == predictions
    assert (model.lids != {}) == (task_name == "pos"), "LID tags are read only where the task declares them"
    assert model.describe()["kind"] == "neural"


def test_bilstm_crf_token_budget_bounds_the_epochs(demo):
    task = codemix.get_task("lid")
    tokens = sum(len(t) for t in demo["train"]["tokens"])
    model = get_baseline("bilstm_crf", epochs=30, max_training_tokens=2 * tokens).fit(task, demo["train"])
    assert model.chosen["epochs_run"] == 2 and model.chosen["validation_history"] == []


def test_bilstm_crf_handles_unseen_characters_words_and_empty_records(demo):
    task = codemix.get_task("lid")
    model = get_baseline("bilstm_crf", epochs=1).fit(task, demo["train"])
    records = [{"tokens": ["ज़्यादा", "qqqxyz" * 10, "😀"], "text": ""}, {"tokens": [], "text": ""},
               {"tokens": ["yaar"] * 9000, "text": ""}]
    predictions = model.predict(task, records)
    assert [len(p) for p in predictions] == [3, 0, 9000] and set(predictions[0] + predictions[2]) <= set(model.tags)


def test_bilstm_crf_prediction_batches_bound_padded_tokens():
    from codemix.baselines.bilstm_crf import _chunks

    lengths = [3, 3, 5, 5000, 2]
    assert list(_chunks(sorted(range(5), key=lengths.__getitem__), lengths)) == [[4, 0, 1, 2], [3]]
    assert [len(batch) for batch in _chunks(list(range(600)), [1] * 600)] == [256, 256, 88]
    assert [len(batch) for batch in _chunks(list(range(100)), [100] * 100)] == [81, 19]


def test_ensemble_votes_per_token_over_seeded_networks_and_breaks_ties_by_validation(demo, tmp_path):
    import torch

    task = codemix.get_task("lid")
    model = get_baseline("ensemble", seed=2).fit(task, demo["train"], demo["validation"])
    assert list(model.members) == ["char_ngram", "crf", "bilstm_crf", "bilstm_crf_seed3", "bilstm_crf_seed4"]
    assert [member.seed for member in model.members.values()] == [2, 2, 2, 3, 4]
    assert model.chosen["networks"] == 3 and "networks_note" not in model.chosen
    first, other = (model.members[name].network.state_dict() for name in ("bilstm_crf", "bilstm_crf_seed3"))
    assert any(not torch.equal(first[key], other[key]) for key in first)  # another seed, not a copy
    scores = model.chosen["member_validation"]
    assert model.ranking == model.chosen["tie_order"] == sorted(scores, key=lambda n: (-scores[n], list(scores).index(n)))
    votes = {name: member.predict(task, demo["test"]) for name, member in model.members.items()}
    expected = []
    for sentences in zip(*(votes[name] for name in model.ranking)):
        row = []
        for labels in zip(*sentences):
            most = max(labels.count(label) for label in labels)
            row.append(next(label for label in labels if labels.count(label) == most))
        expected.append(row)
    assert model.predict(task, demo["test"]) == expected
    assert get_baseline("ensemble").load(model.save(tmp_path / "vote.joblib")).predict(task, demo["test"]) == expected
    gold = [label for labels in demo["validation"]["lid"] for label in labels]
    voted = [label for labels in model.predict(task, demo["validation"]) for label in labels]
    assert model.chosen["validation_macro_f1"] == round(task.score([gold], [voted])["macro_f1"], 4)


def test_ensemble_networks_trained_in_parallel_equal_networks_trained_here(demo):
    task = codemix.get_task("lid")
    parallel = get_baseline("ensemble", seed=0, jobs=2).fit(task, demo["train"], demo["validation"])
    assert list(parallel.members) == ["char_ngram", "crf", "bilstm_crf", "bilstm_crf_seed1", "bilstm_crf_seed2"]
    for name in ("char_ngram", "crf"):
        here = get_baseline(name).fit(task, demo["train"], demo["validation"])
        assert parallel.members[name].config() == here.config()
        assert parallel.members[name].predict(task, demo["test"]) == here.predict(task, demo["test"])
    for seed, name in ((0, "bilstm_crf"), (1, "bilstm_crf_seed1"), (2, "bilstm_crf_seed2")):
        here = get_baseline("bilstm_crf", seed=seed).fit(task, demo["train"], demo["validation"])
        there = parallel.members[name]
        assert there.config()["validation_history"] == here.config()["validation_history"]
        assert there.predict(task, demo["test"]) == here.predict(task, demo["test"])


def test_ensemble_on_a_train_split_over_the_bound_votes_with_one_network(demo):
    task = codemix.get_task("lid")
    tokens = sum(len(tags) for tags in demo["train"]["lid"])
    model = get_baseline("ensemble", networks=3, selection_tokens=40, training_tokens=80).fit(task, demo["train"], demo["validation"])
    assert list(model.members) == ["char_ngram", "crf", "bilstm_crf"] and model.chosen["networks"] == 1
    assert model.chosen["networks_note"] == (f"one network instead of 3: the train split's {tokens:,} tokens exceed "
                                             "training_tokens (80)")
    for name in ("char_ngram", "crf"):  # the bounds reach the sampled members
        assert 0 < model.members[name].config()["train_tokens_used"] <= 80 < model.members[name].config()["train_tokens"] == tokens
    single = get_baseline("ensemble", networks=1).fit(task, demo["train"], demo["validation"])
    assert list(single.members) == ["char_ngram", "crf", "bilstm_crf"] and "networks_note" not in single.chosen


def test_an_ensemble_saved_before_the_seeded_networks_still_votes(demo):
    from codemix.baselines.ensemble import EnsembleBaseline

    task = codemix.get_task("lid")
    members = {name: get_baseline(name).fit(task, demo["train"], demo["validation"]) for name in ("char_ngram", "crf", "bilstm_crf")}
    old = EnsembleBaseline.__new__(EnsembleBaseline)
    old.__setstate__({"seed": 0, "options": {}, "chosen": {}, "task_name": "lid", "members": members, "lead": "crf"})
    votes = [member.predict(task, demo["test"]) for member in members.values()]
    expected = [[next((label for label in labels if labels.count(label) >= 2), labels[1]) for labels in zip(*sentences)]
                for sentences in zip(*votes)]
    assert old.predict(task, demo["test"]) == expected


def test_ensemble_refuses_sentence_tasks_and_missing_members(demo):
    with pytest.raises(CodemixError, match="ensemble handles token-level tasks, not sentiment"):
        get_baseline("ensemble").fit(codemix.get_task("sentiment"), demo["train"])
    crf = get_baseline("crf").fit(codemix.get_task("lid"), demo["train"])
    with pytest.raises(CodemixError, match="missing char_ngram, bilstm_crf"):
        get_baseline("ensemble").adopt(codemix.get_task("lid"), {"crf": crf}, demo["train"])
    for option, value in (("networks", 0), ("networks", 1.5), ("jobs", True)):
        with pytest.raises(CodemixError, match=f"ensemble: {option} must be a positive whole number, not {value}"):
            get_baseline("ensemble", **{option: value}).fit(codemix.get_task("lid"), demo["train"])
    extra_only = get_baseline("ensemble").start(codemix.get_task("lid"), demo["train"])
    with pytest.raises(CodemixError, match=r"ensemble.member\('crf'\) needs start\(..., with_members=True\) first"):
        extra_only.member(codemix.get_task("lid"), "crf")
    extra_only.stop()


# a traceback in loky's manager thread (it once died with a KeyError here) fails the test
@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_ensemble_abandons_the_networks_it_started_when_it_cannot_vote(demo):
    from concurrent.futures import wait

    task = codemix.get_task("lid")
    crf = get_baseline("crf").fit(task, demo["train"])
    everything = get_baseline("ensemble", jobs=1).start(task, demo["train"], demo["validation"], with_members=True)
    assert list(everything._runs) == ["bilstm_crf", "bilstm_crf_seed1", "bilstm_crf_seed2", "char_ngram", "crf"]
    everything.stop()
    started = get_baseline("ensemble", jobs=1).start(task, demo["train"], demo["validation"])  # not the CPU count
    runs = list(started._runs.values())
    assert list(started._runs) == ["bilstm_crf_seed1", "bilstm_crf_seed2"]
    with pytest.raises(CodemixError, match="missing char_ngram, bilstm_crf$"):
        started.adopt(task, {"crf": crf}, demo["train"])
    # cancelled, or their workers killed: none trained to the end, and nothing of the start is left on the model
    assert not wait(runs, timeout=60).not_done
    assert all(run.cancelled() or run.exception() is not None for run in runs)
    assert started._runs is None and not hasattr(started, "started_at")


KILLED_MEMBER = """
import pathlib, sys, time

from joblib.externals.loky import get_reusable_executor

from codemix.baselines.ensemble import _kill_workers


def member(flag):
    from codemix.loaders.progress import bar, set_quiet

    set_quiet(True)  # as in every worker
    bar(30, "bilstm_crf lid", unit="epoch")
    pathlib.Path(flag).touch()
    time.sleep(120)


if __name__ == "__main__":
    run = get_reusable_executor(max_workers=1).submit(member, sys.argv[1])
    while not pathlib.Path(sys.argv[1]).exists():
        time.sleep(0.05)
    _kill_workers(1, [run])
    print(type(run.exception()).__name__)
"""


def test_stopping_a_member_in_the_middle_of_training_leaves_no_semaphore_behind(tmp_path):
    # a worker's progress bar, off as in every worker, once left a multiprocessing lock that the
    # killed worker never released: Python then warned of a leaked semaphore after "interrupted"
    script = tmp_path / "killed_member.py"
    script.write_text(KILLED_MEMBER)
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "training")], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout) == (0, "TerminatedWorkerError\n"), done.stderr
    assert done.stderr == ""


def test_progress_off_is_a_silent_bar_and_on_a_terminal_a_tqdm_bar(monkeypatch):
    from tqdm import tqdm

    from codemix.loaders.progress import SilentBar, bar, set_quiet

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with bar(3, "members") as silent:
        silent.update(1)
        silent.set_postfix_str("crf")
    assert isinstance(silent, SilentBar)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = bar(3, "members")
    assert isinstance(shown, tqdm) and not shown.disable
    shown.close()
    set_quiet(True)
    try:
        assert isinstance(bar(3, "members"), SilentBar)
    finally:
        set_quiet(False)


def test_a_worker_killed_while_training_a_member_is_a_clear_error():
    import os

    from joblib.externals.loky import ProcessPoolExecutor

    from codemix.baselines.ensemble import _collect

    message = (r"^ensemble lid: a worker process training its members was stopped \(exit codes \{EXIT\(9\)\}\), as by "
               r"the out-of-memory killer; free memory or lower the load \(option jobs=1, or --networks 1\) and run again$")
    with ProcessPoolExecutor(max_workers=1) as pool, pytest.raises(CodemixError, match=message):
        killed = pool.submit(os._exit, 9)  # as the out-of-memory killer would
        _collect(codemix.get_task("lid"), {"bilstm_crf": killed}, "members")


def test_benchmark_ensemble_reuses_the_grid_members_and_counts_their_time(tmp_path):
    names = ("char_ngram", "crf", "bilstm_crf", "ensemble")
    results = run_benchmark(["demo_hien"], names, ["lid"], tmp_path, echo=lambda *_: None)
    rows = {row["baseline"]: row for row in results["rows"]}
    ensemble = rows["ensemble"]
    validation = ensemble["config"]["member_validation"]
    assert list(validation) == ["char_ngram", "crf", "bilstm_crf", "bilstm_crf_seed1", "bilstm_crf_seed2"]
    assert {n: validation[n] for n in names[:3]} == {n: rows[n]["validation_main"] for n in names[:3]}
    # the members trained in worker processes from the vote's start: each one's time is its fit
    # there, and the workers' wall time holds them all
    assert ensemble["config"]["workers_seconds"] >= max(rows[n]["train_seconds"] for n in names[:3]) > 0
    assert ensemble["train_seconds"] > 0
    # the grid's members came from workers; without the ensemble they train here, with the same numbers
    alone = {row["baseline"]: row for row in run_benchmark(["demo_hien"], names[:3], ["lid"], tmp_path / "alone",
                                                          echo=lambda *_: None)["rows"]}
    assert alone["bilstm_crf"]["config"]["validation_history"] == rows["bilstm_crf"]["config"]["validation_history"]
    for name in names[:3]:
        assert {k: alone[name][k] for k in ("accuracy", "macro_f1")} == {k: rows[name][k] for k in ("accuracy", "macro_f1")}


@pytest.mark.parametrize("options, message", [
    ({"epochs": 0}, "epochs must be a positive whole number, not 0"),
    ({"epochs": 2.5}, "epochs must be a positive whole number, not 2.5"),
    ({"lr": float("nan")}, "lr must be a positive number, not nan"),
    ({"batch_size": "32"}, "batch_size must be a positive whole number, not '32'"),
    ({"threads": True}, "threads must be a positive whole number, not True"),
])
def test_bilstm_crf_refuses_bad_training_options(demo, options, message):
    with pytest.raises(CodemixError, match=message):
        get_baseline("bilstm_crf", **options).fit(codemix.get_task("lid"), demo["train"])


def test_benchmark_runs_the_neural_tier_only_when_torch_is_installed(tmp_path, monkeypatch):
    import importlib.util

    from codemix.baselines.base import default_benchmark_baselines

    assert default_benchmark_baselines() == ("majority", "char_ngram", "crf", "bilstm_crf", "ensemble")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None if name == "torch" else real(name, *a, **k))
    said = []
    results = run_benchmark(["demo_hien"], None, ["lid"], tmp_path, echo=said.append)
    assert [row["baseline"] for row in results["rows"]] == ["majority", "char_ngram", "crf"]
    assert "the neural tier (bilstm_crf, ensemble) is skipped: torch is not installed (pip install 'codemix[neural]')" in said


def test_the_crf_layer_equals_brute_force_enumeration():
    import itertools

    import torch

    from codemix.baselines.tagger_net import LinearChainCRF

    torch.manual_seed(0)
    crf = LinearChainCRF(3)
    with torch.no_grad():
        for parameter in crf.parameters():
            parameter.normal_()
    emissions = torch.randn(2, 4, 3)
    mask = torch.tensor([[True] * 4, [True, True, False, False]])  # the second sentence has 2 tokens
    tags = torch.tensor([[0, 2, 1, 1], [2, 0, 0, 0]])

    def path_score(row, path):
        score = crf.start[path[0]] + crf.end[path[-1]] + sum(emissions[row, t, tag] for t, tag in enumerate(path))
        return score + sum(crf.transitions[a, b] for a, b in zip(path, path[1:]))

    expected, best = 0.0, []
    for row, length in enumerate([4, 2]):
        scores = {path: path_score(row, path) for path in itertools.product(range(3), repeat=length)}
        log_z = torch.logsumexp(torch.stack(list(scores.values())), dim=0)
        expected += log_z - scores[tuple(tags[row, :length].tolist())]
        best.append(list(max(scores, key=lambda p: scores[p].item())))
    assert torch.allclose(crf.neg_log_likelihood(emissions, tags, mask), expected, atol=1e-5)
    assert crf.decode(emissions, mask) == best


def test_the_neural_tier_runs_on_held_out_formats(tmp_path):
    # synthetic files in the held-out corpora's formats: the two ICON-2015 corpora (dirty tags, suffix LID tags)
    names = ("char_ngram", "crf", "bilstm_crf", "ensemble")
    results = run_benchmark(["icon2015_bnen_pos", "icon2015_hien_pos"], names, None, tmp_path, data_dir=FIXTURES,
                            verify=False, echo=lambda *_: None)
    cells = {(row["corpus"], row["task"], row["baseline"]) for row in results["rows"]}
    expected = {(c, t, b) for c, tasks in (("icon2015_bnen_pos", ("lid", "pos")), ("icon2015_hien_pos", ("lid", "pos")))
                for t in tasks for b in names}
    assert cells == expected
    data = codemix.load("icon2015_bnen_pos", data_dir=FIXTURES, verify=False)
    task = codemix.get_task("lid")
    model = get_baseline("bilstm_crf", epochs=2).fit(task, data["train"])
    assert model.tags == sorted({tag for tags in data["train"]["lid"] for tag in tags})  # every tag kept, none folded
    assert [len(p) for p in model.predict(task, data["test"])] == [len(t) for t in data["test"]["tokens"]]
