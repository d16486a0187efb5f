"""``codemix.evaluate`` / ``codemix evaluate`` with Python models: cells, scores read back from the
written files, no answers, slices by CMI/script/matrix language, partial runs, submit, errors."""

import json
import re
import textwrap

import pytest

import codemix
from codemix.cli import main
from codemix.leaderboard import Leaderboard
from codemix.common.errors import CodemixError
from codemix.tasks.slices import record_slices, slice_scores, slices_by_id


class FirstLabel:
    """Predicts the first canonical label everywhere (hi for LID, ADJ for POS, negative, not_offensive)."""

    def predict(self, task, records):
        return [[task.labels[1] if task.name == "lid" else task.labels[0]] * len(r["tokens"]) if task.level == "token"
                else task.labels[0] for r in records]


def expected_scores(task_name, corpus, predict):
    task = codemix.get_task(task_name)
    test = [r for r in codemix.load(corpus, split="test") if r[task.field]]
    return task.score([r[task.field] for r in test], [predict(task, r) for r in test])


def test_python_object_on_every_cell_of_a_corpus_scores_exactly(tmp_path):
    scores = codemix.evaluate(FirstLabel(), corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert sorted(scores) == ["lid/demo_hien", "offensive/demo_hien", "pos/demo_hien", "sentiment/demo_hien"]
    for cell, result in scores.items():
        task_name, corpus = cell.split("/")
        want = expected_scores(task_name, corpus, lambda t, r: FirstLabel().predict(t, [r])[0])
        assert result["accuracy"] == want["accuracy"] and result["macro_f1"] == want["macro_f1"]
        assert result["main"] == want[want["main"]] and result["main_metric"] == want["main"]
        assert result["n"] == want["n"] and result["unanswered"] == 0 and result["items"] == 30
    files = sorted(p.name for p in (tmp_path / "run").iterdir())
    assert files == ["lid.demo_hien.jsonl", "meta.json", "offensive.demo_hien.jsonl", "pos.demo_hien.jsonl",
                     "references.bib", "scores.json", "sentiment.demo_hien.jsonl"]
    meta = json.loads((tmp_path / "run" / "meta.json").read_text())
    assert meta["kind"] == "python" and meta["model"].endswith(":FirstLabel") and meta["shots"] == 0
    assert json.loads((tmp_path / "run" / "scores.json").read_text()) == json.loads(json.dumps(scores))


def test_the_model_sees_only_the_declared_inputs(tmp_path):
    seen = {}

    class Spy(FirstLabel):
        def predict(self, task, records):
            seen[task.name] = set().union(*(r.keys() for r in records))
            return super().predict(task, records)

    codemix.evaluate(Spy(), corpora=["demo_bnen"], out=tmp_path / "run", progress=False)
    plain = {"id", "corpus", "split", "text", "tokens", "domain"}
    assert seen == {"lid": plain, "sentiment": plain, "offensive": plain, "pos": plain | {"lid"}}


def test_a_model_that_changes_its_records_is_scored_against_the_records_as_read(tmp_path):
    class Scribbler(FirstLabel):
        def predict(self, task, records):
            answers = super().predict(task, records)
            for record in records:  # a careless model: tokens consumed, ids rewritten
                record["tokens"].clear()
                record["id"] = "scribbled"
            return answers

    scores = codemix.evaluate(Scribbler(), corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    want = expected_scores("pos", "demo_hien", lambda t, r: FirstLabel().predict(t, [r])[0])
    assert scores["pos/demo_hien"]["accuracy"] == want["accuracy"] and scores["pos/demo_hien"]["n"] == want["n"]
    first = json.loads((tmp_path / "run" / "pos.demo_hien.jsonl").read_text().splitlines()[0])
    assert first["id"] == "demo_hien:test:1181" and len(first["pred"]) == 12


class Describes(FirstLabel):
    def __init__(self, described):
        self.described = described

    def describe(self):
        return self.described


@pytest.mark.parametrize("described, message", [
    ({"labels": {"a", "b"}}, "meta.json cannot hold this meta (Object of type set is not JSON serializable)"),
    ({"score": float("nan")}, "meta.json cannot hold this meta (Out of range float values are not JSON compliant: nan)"),
    ({"blob": "x" * 70_000}, "over the leaderboard's 65,536-byte limit (largest field: 'model_details')"),
    ("a string", "the model's describe() returned a str, not a dict"),
])
def test_what_a_model_describes_must_fit_meta_json_before_any_work(tmp_path, described, message):
    predicted = []

    class Watched(Describes):
        def predict(self, task, records):
            predicted.append(task.name)
            return super().predict(task, records)

    with pytest.raises(CodemixError, match=re.escape(message)):
        codemix.evaluate(Watched(described), corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert predicted == [] and not (tmp_path / "run").exists()


def test_a_bug_in_the_models_other_methods_keeps_its_traceback_and_says_where(tmp_path):
    class Broken(FirstLabel):
        def prepare(self, task, corpus, train):
            raise ValueError("prepare broke")

    with pytest.raises(ValueError, match="prepare broke") as error:
        codemix.evaluate(Broken(), corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert error.value.__notes__ == ["codemix: raised by the model's prepare()"]

    class SentenceOnly(FirstLabel):
        levels = "sentence"

    scores = codemix.evaluate(SentenceOnly(), corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert sorted(scores) == ["offensive/demo_hien", "sentiment/demo_hien"]


def test_a_saved_baseline_is_evaluated_on_its_own_task_to_the_scores_of_its_run(tmp_path, capsys):
    from codemix.baselines.runner import run_baseline

    run = run_baseline("char_ngram", "pos", "demo_hien", out=tmp_path / "run", seed=0, save_model=tmp_path / "pos.joblib")
    scores = codemix.evaluate(f"baseline:{tmp_path / 'pos.joblib'}", corpora=["demo_hien"], out=tmp_path / "eval",
                              progress=False)
    assert list(scores) == ["pos/demo_hien"] and scores["pos/demo_hien"]["accuracy"] == run["scores"]["accuracy"]
    assert (tmp_path / "eval" / "pos.demo_hien.jsonl").read_text() == (tmp_path / "run" / "pos.demo_hien.jsonl").read_text()
    meta = json.loads((tmp_path / "eval" / "meta.json").read_text())
    assert meta["model"] == f"baseline:{tmp_path / 'pos.joblib'}" and meta["kind"] == "classical"
    assert main(["evaluate", "--model", f"baseline:{tmp_path / 'pos.joblib'}", "--tasks", "lid", "--corpora", "demo_hien",
                 "--out", str(tmp_path / "lid")]) == 1
    assert capsys.readouterr().err == "codemix: error: baseline char_ngram was fitted for pos; it cannot predict lid " \
                                      "(choose --tasks pos)\n"
    (tmp_path / "broken.joblib").write_bytes(b"not a pickle")
    for path, message in ((tmp_path / "broken.joblib", "broken.joblib: not a saved codemix baseline ("),
                          (tmp_path, "is a folder, not a file that --save-model wrote"),
                          (tmp_path / "none.joblib", "no such file; pass the file that `codemix baseline run ... "
                                                     "--save-model` wrote")):
        with pytest.raises(CodemixError, match=re.escape(message)):
            codemix.evaluate(f"baseline:{path}", corpora=["demo_hien"], out=tmp_path / "x", progress=False)


def test_no_answer_is_scored_wrong_and_counted(tmp_path):
    class HalfSilent:
        def predict(self, task, records):
            return [None if i % 2 else "positive" for i, _ in enumerate(records)]

    scores = codemix.evaluate(HalfSilent(), tasks=["sentiment"], corpora=["demo_mren"], out=tmp_path / "run", progress=False)
    result = scores["sentiment/demo_mren"]
    test = codemix.load("demo_mren", split="test")
    gold = test["sentiment"]
    answered_right = sum(1 for i, g in enumerate(gold) if i % 2 == 0 and g == "positive")
    assert result["unanswered"] == 15 and result["accuracy"] == answered_right / 30
    assert set(result["per_label"]) == {"positive", "negative", "neutral"} & (set(gold) | {"positive"})
    lines = (tmp_path / "run" / "sentiment.demo_mren.jsonl").read_text().splitlines()
    assert json.loads(lines[1])["pred"] is None  # written as null, never dropped
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_mren"])
    stored = board.submit(tmp_path / "run")
    assert stored["scores"]["sentiment/demo_mren"]["accuracy"] == result["accuracy"]
    assert board.results()["scores"][0]["unanswered"] == 15


@pytest.mark.parametrize("bad, message", [
    (lambda task, records: ["positive"] * (len(records) - 1), "returned 29 predictions for 30 records"),
    (lambda task, records: ["good"] * len(records), "predicted 'good', not a sentiment label"),
    (lambda task, records: [["positive"]] * len(records), "predicted"),
])
def test_a_broken_model_is_an_error_and_nothing_is_written(tmp_path, bad, message):
    model = type("Broken", (), {"predict": staticmethod(bad)})()
    with pytest.raises(CodemixError, match=message):
        codemix.evaluate(model, tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists() and list(tmp_path.iterdir()) == []


def test_token_predictions_of_the_wrong_length_name_the_record(tmp_path):
    class Short:
        def predict(self, task, records):
            return [["en"] * (len(r["tokens"]) - 1) for r in records]

    with pytest.raises(CodemixError, match=r"lid, record demo_hien:test:\S+: the model returned \d+ labels for \d+ tokens"):
        codemix.evaluate(Short(), tasks=["lid"], corpora=["demo_hien"], out=tmp_path / "run", progress=False)


def test_limit_makes_a_partial_submission_the_leaderboard_refuses(tmp_path):
    scores = codemix.evaluate(FirstLabel(), tasks=["offensive"], corpora=["demo_hien"], out=tmp_path / "run", limit=7,
                              progress=False)
    assert scores["offensive/demo_hien"]["items"] == 7 and scores["offensive/demo_hien"]["partial"] is True
    assert len((tmp_path / "run" / "offensive.demo_hien.jsonl").read_text().splitlines()) == 7
    assert json.loads((tmp_path / "run" / "meta.json").read_text())["partial"]["limit"] == 7
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    problems = [str(p) for p in board.validate(tmp_path / "run")]
    assert any("partial submission" in p for p in problems)
    with pytest.raises(CodemixError, match="partial submission"):
        codemix.evaluate(FirstLabel(), tasks=["offensive"], corpora=["demo_hien"], out=tmp_path / "run2", limit=7,
                         submit=True, progress=False)


def test_a_limit_no_test_set_reaches_leaves_the_run_whole(tmp_path):
    scores = codemix.evaluate(FirstLabel(), tasks=["offensive"], corpora=["demo_hien"], out=tmp_path / "run", limit=30,
                              progress=False)  # demo_hien's test set has 30 items
    assert scores["offensive/demo_hien"]["items"] == 30 and scores["offensive/demo_hien"]["partial"] is False
    assert "partial" not in json.loads((tmp_path / "run" / "meta.json").read_text())
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    assert board.validate(tmp_path / "run") == []


def test_slices_from_gold_records():
    record = {"id": "x", "tokens": ["yaar", "वो", "good", "!"], "lid": ["hi", "hi", "en", "other"]}
    assert record_slices(record) == {"cmi": "(20, 40]", "script": "both", "matrix_language": "hi"}  # CMI 33.3
    assert record_slices({"id": "y", "tokens": ["ok"], "lid": []}) is None
    monolingual = {"id": "z", "tokens": ["bahut", "accha"], "lid": ["hi", "hi"]}
    assert record_slices(monolingual) == {"cmi": "0", "script": "roman", "matrix_language": "hi"}
    task = codemix.get_task("lid")
    slices = slices_by_id([record, monolingual])
    detail = slice_scores(task, {"x": record["lid"], "z": monolingual["lid"]},
                          {"x": ["hi", "hi", "hi", "other"], "z": ["hi", "en"]}, slices)
    assert detail["cmi"] == {"0": {"main": pytest.approx(1 / 3), "items": 1, "n": 2},
                             "(20, 40]": {"main": pytest.approx(0.6), "items": 1, "n": 4}}  # F1 hi .8, en 0, other 1
    assert list(detail["script"]) == ["roman", "both"]


def test_slices_agree_between_evaluate_and_the_leaderboard(tmp_path):
    scores = codemix.evaluate(FirstLabel(), corpora=["demo_bnen"], out=tmp_path / "run", progress=False, submit=True,
                              db=tmp_path / "lb.sqlite")
    board = Leaderboard(tmp_path / "lb.sqlite")
    stored = {(s["task"], s["corpus"]): s for s in board.results()["scores"]}
    for cell, result in scores.items():
        task_name, corpus = cell.split("/")
        assert sum(v["items"] for v in result["slices"]["cmi"].values()) == 30
        assert stored[(task_name, corpus)]["slices"] == json.loads(json.dumps(result["slices"]))
        assert result["rank"] == 1
    assert board.results()["submissions"][0]["kind"] == "python"


def test_unknown_names_and_specs_are_clear_errors(tmp_path):
    with pytest.raises(CodemixError, match="unknown task 'sentimnt'.*Did you mean 'sentiment'"):
        codemix.evaluate(FirstLabel(), tasks=["sentimnt"], corpora=["demo_hien"], out=tmp_path / "a", progress=False)
    with pytest.raises(CodemixError, match="has no kind"):
        codemix.evaluate("nothing", corpora=["demo_hien"], out=tmp_path / "b", progress=False)
    with pytest.raises(CodemixError, match="cannot import module 'no_such_module_xyz'"):
        codemix.evaluate("no_such_module_xyz:Model", corpora=["demo_hien"], out=tmp_path / "c", progress=False)
    with pytest.raises(CodemixError, match="names no model after 'hf:'"):
        codemix.evaluate("hf:", corpora=["demo_hien"], out=tmp_path / "d", progress=False)
    sentence_only = type("SentenceOnly", (), {"levels": ("sentence",), "predict": FirstLabel.predict})()
    with pytest.raises(CodemixError, match=r"the model cannot predict pos/demo_hien \(its level or labels"):
        codemix.evaluate(sentence_only, tasks=["pos"], corpora=["demo_hien"], out=tmp_path / "e", progress=False)
    assert not any((tmp_path / name).exists() for name in "abcde")


@pytest.fixture
def model_module(tmp_path, monkeypatch):
    (tmp_path / "my_models.py").write_text(textwrap.dedent('''
        class Tagger:
            """Tags every token 'en' and every sentence 'neutral'."""
            def predict(self, task, records):
                if task.level == "token":
                    return [["en" if task.name == "lid" else "NOUN"] * len(r["tokens"]) for r in records]
                return ["neutral" if task.name == "sentiment" else "offensive" for r in records]

        def make_tagger():
            return Tagger()
        '''))
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_module_attribute_spec_takes_an_object_or_a_factory(model_module):
    by_class = codemix.evaluate("my_models:Tagger", tasks=["lid"], corpora=["demo_hien"], out="a", progress=False)
    by_factory = codemix.evaluate("my_models:make_tagger", tasks=["lid"], corpora=["demo_hien"], out="b", progress=False)
    want = expected_scores("lid", "demo_hien", lambda t, r: ["en"] * len(r["tokens"]))
    assert by_class["lid/demo_hien"]["macro_f1"] == by_factory["lid/demo_hien"]["macro_f1"] == want["macro_f1"]
    assert json.loads((model_module / "a" / "meta.json").read_text())["model"] == "my_models:Tagger"


def test_cli_evaluate_prints_scores_and_submits(model_module, capsys):
    code = main(["evaluate", "--model", "my_models:Tagger", "--corpora", "demo_mren", "--tasks", "sentiment", "lid",
                 "--out", "run", "--submit", "--db", "lb.sqlite", "--team", "Team X", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "sentiment/demo_mren" in out and "lid/demo_mren by CMI bucket" in out and "stored as submission #1" in out
    meta = json.loads((model_module / "run" / "meta.json").read_text())
    assert meta["team"] == "Team X" and meta["system"] == "my_models:Tagger"
    assert main(["leaderboard", "--db", "lb.sqlite", "show", "--task", "sentiment"]) == 0
    assert "Team X" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--model", "nonsense"], "has no kind"),
    (["--model", "my_models:Nope", "--corpora", "demo_hien"], "has no attribute 'Nope'"),
    (["--model", "my_models:Tagger", "--corpora", "demo_hien", "--limit", "3", "--submit"], "partial submission"),
    (["--model", "my_models:Tagger", "--corpora", "demo_hienn"], "unknown corpus 'demo_hienn'"),
    (["--model", "hf:x", "--label-map", "LABEL_0=negative", "=x"], "write MODEL_LABEL=TASK_LABEL"),
    (["--model", "hf:x", "--label-map", "labels.json"], "expected MODEL=LABEL pairs or a JSON file"),
])
def test_cli_evaluate_errors_are_one_line_and_exit_1(model_module, capsys, argv, message):
    assert main(["evaluate", *argv, "--out", "run", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (model_module / "run").exists()


def test_leaderboard_shows_and_filters_the_model_kind(tmp_path, capsys):
    db = tmp_path / "lb.sqlite"
    codemix.evaluate(FirstLabel(), tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "python", submit=True, db=db,
                     progress=False, meta={"team": "py"})
    codemix.evaluate(FirstLabel(), tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "prompted", submit=True,
                     db=db, progress=False, meta={"team": "llm", "kind": "prompted", "shots": 4, "description": "other"})
    capsys.readouterr()
    assert main(["leaderboard", "--db", str(db), "show", "--task", "sentiment", "--kind", "prompted"]) == 0
    shown = capsys.readouterr().out
    assert "prompted 4-shot" in shown and "llm" in shown and " py " not in shown
    page = Leaderboard(db).render(tmp_path / "site").read_text()
    assert '<option value="prompted">prompted</option>' in page and '<option value="python">python</option>' in page
    assert 'data-kind="prompted 4-shot"' in page and 'id="cell-sentiment-demo_hien"' in page
    assert "synthetic sentences written for codemix" in page  # the demo corpora are labelled as such


def test_published_llm_results_are_shown_next_to_yours_under_their_protocol():
    from codemix.evaluate_cli import published_lines

    lines = list(published_lines({"sentiment/sentmix3l_bnenhi": {"weighted_f1": 0.5, "partial": False}}))
    assert lines[0] == "  sentiment/sentmix3l_bnenhi: GPT-3.5-Turbo [LLM] weighted_f1 0.62 - yours 0.5000"
    assert len(lines) == 3
    trac = list(published_lines({"offensive/trac2018_hien_aggression": {"weighted_f1": 0.5, "partial": True}}))
    assert "not comparable (source (OAG/CAG/NAG) labels, domain facebook, this run is partial)" in trac[0]


def test_options_that_do_not_apply_to_the_model_kind_are_refused(tmp_path):
    with pytest.raises(CodemixError, match=r"--method \(Python: method\) do not apply to hf: models; they take: --label-map"):
        codemix.evaluate("hf:some/model", corpora=["demo_hien"], out=tmp_path / "run", progress=False,
                         model_options={"method": "generate"})
    with pytest.raises(CodemixError, match="do not apply to module:attribute models"):
        codemix.evaluate("my_models:Tagger", corpora=["demo_hien"], out=tmp_path / "run", progress=False,
                         model_options={"batch_size": 4})


def test_plots_draw_the_score_against_the_cmi_bucket(tmp_path):
    from codemix.plots import plot_cmi_slices

    scores = codemix.evaluate(FirstLabel(), tasks=["lid", "sentiment"], corpora=["demo_hien"], out=tmp_path / "run",
                              progress=False)
    (path,) = plot_cmi_slices(scores, tmp_path / "plots")
    assert path.name == "cmi_slices.png" and path.read_bytes()[:4] == b"\x89PNG"
    assert plot_cmi_slices({"x/y": {"slices": {}}}, tmp_path / "none") == []


def test_plots_of_cells_without_lid_tags_say_nothing_was_drawn(model_module, capsys, no_data_dir):
    from conftest import FIXTURES

    argv = ["evaluate", "--model", "my_models:Tagger", "--corpora", "l3cube_mesent", "--data-dir", str(FIXTURES),
            "--no-verify", "--plots", "plots", "--out", "run", "--quiet"]
    assert main(argv) == 0
    assert "(--plots plots: nothing drawn - no cell's corpus has token LID tags to slice by CMI)" in capsys.readouterr().out
    assert not (model_module / "plots").exists()


def test_real_corpus_cell_with_slices_and_published_rows(tmp_path):
    from conftest import real_data_dir

    data = real_data_dir()
    scores = codemix.evaluate(FirstLabel(), tasks=["sentiment"], corpora=["sail2017_hien"], data_dir=data,
                              out=tmp_path / "run", progress=False)
    result = scores["sentiment/sail2017_hien"]
    want = expected_scores("sentiment", "sail2017_hien", lambda t, r: "negative")
    assert result["items"] == 1261 and result["macro_f1"] == want["macro_f1"]
    assert sum(v["items"] for v in result["slices"]["cmi"].values()) == 1261  # every SAIL test record has LID tags
    assert list(result["slices"]["cmi"]) == ["0", "(0, 20]", "(20, 40]", "> 40"]
