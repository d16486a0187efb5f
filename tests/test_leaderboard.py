"""Leaderboard: gold, validation of bad submissions (each with its message, store unchanged),
scoring joined on id, ranking and means, export, render (escaped), serve, CLI."""

import json
import shutil
import sqlite3
import urllib.request
import threading

import pytest

import codemix
from codemix.cli import main
from codemix.leaderboard import DuplicateSubmission, Leaderboard, SubmissionError
from codemix.leaderboard.serve import make_server
from codemix.tasks.submission import write_submission

CORPORA = ["demo_hien", "demo_bnen"]


@pytest.fixture(scope="module")
def test_sets():
    return {name: codemix.load(name, split="test") for name in CORPORA}


@pytest.fixture
def board(tmp_path):
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(CORPORA)
    yield board
    board.close()


def gold_submission(test_sets, folder, team="team A", system="gold copy", cells=None, corrupt=0):
    """A valid submission that copies gold (``corrupt`` predictions changed per cell)."""
    out = {}
    for corpus, test in test_sets.items():
        for task_name in ("lid", "pos", "sentiment", "offensive"):
            if cells and (task_name, corpus) not in cells:
                continue
            task = codemix.get_task(task_name)
            rows = []
            for index, record in enumerate(test):
                pred = record[task.field]
                if index < corrupt:
                    pred = [task.labels[0]] * len(pred) if task.level == "token" else next(l for l in task.labels if l != pred)
                rows.append((record["id"], pred))
            out[(task_name, corpus)] = rows
    meta = {"team": team, "system": system, "description": "test", "external_data": False, "seed": 7, "config": {"k": 1}}
    return write_submission(folder, meta, out)


def store_counts(board):
    db = board.connection
    return tuple(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ("submissions", "scores"))


def lines(path):
    return path.read_text().splitlines()


def rewrite(path, new_lines):
    path.write_text("\n".join(new_lines) + "\n")


# Each case breaks a valid submission in one way; the message must name the problem precisely.
def break_meta_missing(folder): (folder / "meta.json").unlink()
def break_meta_json(folder): (folder / "meta.json").write_text("{\n  \"team\": \"x\",\n}")
def break_meta_field(folder): (folder / "meta.json").write_text(json.dumps({"team": "x", "system": "y", "description": "z"}))
def break_meta_empty_team(folder): (folder / "meta.json").write_text(json.dumps({"team": " ", "system": "y", "description": "z", "external_data": False}))
def break_unknown_task(folder): (folder / "lid.demo_hien.jsonl").rename(folder / "langid.demo_hien.jsonl")
def break_unknown_corpus(folder): (folder / "lid.demo_hien.jsonl").rename(folder / "lid.demo_hein.jsonl")
def break_task_not_in_corpus(folder): shutil.copy(folder / "lid.demo_hien.jsonl", folder / "lid.l3cube_mesent.jsonl")
def break_no_gold(folder): shutil.copy(folder / "lid.demo_hien.jsonl", folder / "lid.demo_mren.jsonl")
def break_bad_json(folder): rewrite(folder / "sentiment.demo_hien.jsonl", lines(folder / "sentiment.demo_hien.jsonl")[:-1] + ['{"id": "x", pred}'])
def break_not_object(folder): rewrite(folder / "sentiment.demo_hien.jsonl", lines(folder / "sentiment.demo_hien.jsonl") + ['["a", "b"]'])
def break_missing_key(folder): rewrite(folder / "sentiment.demo_hien.jsonl", [l.replace('"pred"', '"label"', 1) if i == 2 else l for i, l in enumerate(lines(folder / "sentiment.demo_hien.jsonl"))])
def break_duplicate_id(folder): rewrite(folder / "sentiment.demo_hien.jsonl", lines(folder / "sentiment.demo_hien.jsonl") + lines(folder / "sentiment.demo_hien.jsonl")[:1])
def break_missing_ids(folder): rewrite(folder / "sentiment.demo_hien.jsonl", lines(folder / "sentiment.demo_hien.jsonl")[2:])
def break_extra_id(folder): rewrite(folder / "sentiment.demo_hien.jsonl", lines(folder / "sentiment.demo_hien.jsonl") + ['{"id": "demo_hien:test:9999", "pred": "neutral"}'])
def break_id_type(folder): rewrite(folder / "sentiment.demo_hien.jsonl", ['{"id": 5, "pred": "neutral"}'] + lines(folder / "sentiment.demo_hien.jsonl"))
def break_unknown_label(folder): rewrite(folder / "sentiment.demo_hien.jsonl", [l.replace('"negative"', '"negativ"') for l in lines(folder / "sentiment.demo_hien.jsonl")])
def break_token_count(folder):
    rows = [json.loads(l) for l in lines(folder / "lid.demo_hien.jsonl")]
    rows[0]["pred"] = rows[0]["pred"][:-1]
    rewrite(folder / "lid.demo_hien.jsonl", [json.dumps(r) for r in rows])
def break_token_label(folder): rewrite(folder / "lid.demo_hien.jsonl", [l.replace('"hi"', '"hin"') for l in lines(folder / "lid.demo_hien.jsonl")])
def break_sentence_pred_list(folder): rewrite(folder / "sentiment.demo_hien.jsonl", [l.replace('"pred": "neutral"', '"pred": ["neutral"]') for l in lines(folder / "sentiment.demo_hien.jsonl")])
def break_token_pred_string(folder):
    rows = [json.loads(l) for l in lines(folder / "pos.demo_bnen.jsonl")]
    rows[3]["pred"] = "NOUN"
    rewrite(folder / "pos.demo_bnen.jsonl", [json.dumps(r) for r in rows])
def break_token_pred_null(folder):
    rows = [json.loads(l) for l in lines(folder / "lid.demo_hien.jsonl")]
    rows[1]["pred"] = None
    rewrite(folder / "lid.demo_hien.jsonl", [json.dumps(r) for r in rows])
def break_blank_line(folder): rewrite(folder / "offensive.demo_bnen.jsonl", lines(folder / "offensive.demo_bnen.jsonl")[:3] + [""] + lines(folder / "offensive.demo_bnen.jsonl")[3:])
def break_bad_utf8(folder): (folder / "offensive.demo_bnen.jsonl").write_bytes((folder / "offensive.demo_bnen.jsonl").read_bytes() + b'{"id": "\xff"}\n')
def break_unexpected_file(folder): (folder / "notes.txt").write_text("hello")
def break_subfolder(folder): (folder / "extra").mkdir()
def break_symlink(folder): (folder / "lid.demo_hien.jsonl").unlink() or (folder / "lid.demo_hien.jsonl").symlink_to("/etc/passwd")
def break_symlink_meta(folder): (folder / "meta.json").unlink() or (folder / "meta.json").symlink_to("/etc/hostname")
def break_no_cells(folder): [p.unlink() for p in folder.glob("*.jsonl")]


BAD = [
    (break_meta_missing, "meta.json: missing; it needs ['team', 'system', 'description', 'external_data']"),
    (break_meta_json, "meta.json:3: invalid JSON"),
    (break_meta_field, "meta.json: missing field 'external_data'"),
    (break_meta_empty_team, "meta.json: field 'team' must contain visible characters, got ' '"),
    (break_unknown_task, "langid.demo_hien.jsonl: unknown task 'langid'"),
    (break_unknown_corpus, "lid.demo_hein.jsonl: unknown corpus 'demo_hein' (did you mean 'demo_hien'?)"),
    (break_task_not_in_corpus, "lid.l3cube_mesent.jsonl: corpus l3cube_mesent has no lid task"),
    (break_no_gold, "lid.demo_mren.jsonl: the leaderboard has no gold for lid/demo_mren"),
    (break_bad_json, "sentiment.demo_hien.jsonl:30: invalid JSON"),
    (break_not_object, "sentiment.demo_hien.jsonl:31: expected an object with the keys 'id' and 'pred'"),
    (break_missing_key, "sentiment.demo_hien.jsonl:3: expected an object with the keys 'id' and 'pred'"),
    (break_duplicate_id, "sentiment.demo_hien.jsonl:31: duplicate id 'demo_hien:test:1181' (first on line 1)"),
    (break_missing_ids, "sentiment.demo_hien.jsonl: 2 test ids have no prediction (first: 'demo_hien:test:1181', 'demo_hien:test:1182')"),
    (break_extra_id, "sentiment.demo_hien.jsonl:31: id 'demo_hien:test:9999' is not in the demo_hien test set"),
    (break_id_type, "sentiment.demo_hien.jsonl:1: id must be a string, got 5"),
    (break_unknown_label, "unknown label 'negativ' (did you mean 'negative'?)"),
    (break_token_count, "lid.demo_hien.jsonl:1: pred of 'demo_hien:test:1181' has"),
    (break_token_label, "unknown label 'hin' (did you mean 'hi'?)"),
    (break_sentence_pred_list, "must be one label (a string, or null for no answer)"),
    (break_token_pred_string, "pos.demo_bnen.jsonl:4: pred of 'demo_bnen:test:1184' must be a list of labels, one per token (null for a token without an answer)"),
    (break_token_pred_null, "lid.demo_hien.jsonl:2: pred of 'demo_hien:test:1182' is null; a token task needs a list of 6 labels, one per token, with null for each token without an answer"),
    (break_blank_line, "offensive.demo_bnen.jsonl:4: blank line"),
    (break_bad_utf8, "offensive.demo_bnen.jsonl:31: expected UTF-8 text"),
    (break_unexpected_file, "notes.txt: unexpected file"),
    (break_subfolder, "extra: unexpected folder in the submission"),
    (break_symlink, "lid.demo_hien.jsonl: symbolic links are refused"),
    (break_symlink_meta, "meta.json: symbolic links are refused"),
    (break_no_cells, "no prediction file"),
]


@pytest.mark.parametrize("breaker, message", BAD, ids=[b.__name__ for b, _ in BAD])
def test_bad_submissions_are_refused_with_their_message_and_the_store_unchanged(board, test_sets, tmp_path, breaker, message):
    folder = gold_submission(test_sets, tmp_path / "sub")
    before = store_counts(board)
    breaker(folder)
    problems = [str(p) for p in board.validate(folder)]
    assert any(message in p for p in problems), problems
    with pytest.raises(SubmissionError) as error:
        board.submit(folder)
    assert "nothing was stored" in str(error.value)
    assert store_counts(board) == before


def test_every_problem_is_listed_at_once(board, test_sets, tmp_path):
    folder = gold_submission(test_sets, tmp_path / "sub")
    break_meta_field(folder)
    break_unknown_label(folder)
    break_token_count(folder)
    break_unexpected_file(folder)
    assert len(board.validate(folder)) >= 4


def test_oversized_file_is_refused(board, test_sets, tmp_path, monkeypatch):
    import codemix.leaderboard.validate as validate

    folder = gold_submission(test_sets, tmp_path / "sub")
    monkeypatch.setattr(validate, "MAX_FILE_BYTES", 1000)
    assert any("over the 1,000-byte limit" in str(p) for p in board.validate(folder))


def test_scores_join_on_id_not_line_order(board, test_sets, tmp_path):
    folder = gold_submission(test_sets, tmp_path / "sub", cells={("sentiment", "demo_hien")}, corrupt=3)
    path = folder / "sentiment.demo_hien.jsonl"
    rewrite(path, list(reversed(lines(path))))
    result = board.submit(folder)
    assert result["scores"]["sentiment/demo_hien"]["accuracy"] == pytest.approx(27 / 30)
    assert result["ranks"] == {"sentiment/demo_hien": 1}


def test_identical_resubmission_is_refused_politely(board, test_sets, tmp_path):
    folder = gold_submission(test_sets, tmp_path / "sub", cells={("lid", "demo_hien")})
    first = board.submit(folder)
    with pytest.raises(DuplicateSubmission, match=f"already submitted as #{first['id']}"):
        board.submit(folder)
    assert store_counts(board) == (1, 1)


def test_a_rerun_that_differs_only_in_its_timings_is_the_same_submission(board, tmp_path):
    from codemix.evaluation import evaluate

    class FirstLabel:
        def predict(self, task, records):
            return [[task.labels[0]] * len(r["tokens"]) if task.level == "token" else task.labels[0] for r in records]

    first = evaluate(FirstLabel(), corpora=["demo_hien"], out=tmp_path / "one", progress=False)
    board.submit(tmp_path / "one")
    meta = json.loads((tmp_path / "one" / "meta.json").read_text())
    meta["cells"]["lid/demo_hien"]["seconds"] += 1.5  # the rerun took longer
    (tmp_path / "one" / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(DuplicateSubmission, match="already submitted as #1"):
        board.submit(tmp_path / "one")
    meta["description"] += " (rerun)"  # what a user changes on purpose still makes a new submission
    (tmp_path / "one" / "meta.json").write_text(json.dumps(meta))
    assert board.submit(tmp_path / "one")["id"] == 2 and first["lid/demo_hien"]["n"] > 0


def test_means_only_over_complete_coverage(board, test_sets, tmp_path):
    board.submit(gold_submission(test_sets, tmp_path / "full", team="full", corrupt=2))
    board.submit(gold_submission(test_sets, tmp_path / "perfect-lid", team="lid only",
                                 cells={("lid", "demo_hien"), ("lid", "demo_bnen")}))
    board.submit(gold_submission(test_sets, tmp_path / "partial", team="partial", cells={("lid", "demo_hien")}))
    results = board.results()
    lid_means = {m["team"]: m for m in results["tasks"]["lid"]["means"]}
    assert set(lid_means) == {"full", "lid only"} and lid_means["lid only"]["rank"] == 1
    assert [o["team"] for o in results["overall"]] == ["full"]
    cell = next(c for c in results["cells"] if (c["task"], c["corpus"]) == ("lid", "demo_hien"))
    assert [(r["team"], r["rank"]) for r in cell["ranking"]] == [("lid only", 1), ("partial", 1), ("full", 3)]


def test_export_carries_versions_gold_hash_and_config(board, test_sets, tmp_path):
    board.submit(gold_submission(test_sets, tmp_path / "sub", cells={("pos", "demo_bnen")}))
    path, bib = board.export(tmp_path / "export")
    from codemix.loaders.citations import bibtex_keys

    assert path.name == "submission-0001.json" and bibtex_keys(bib.read_text()) == ["codemix"]  # demo: codemix, once
    document = json.loads(path.read_text())
    cell = document["cells"]["pos/demo_bnen"]
    assert document["seed"] == 7 and document["config"] == {"k": 1} and document["package_version"] == codemix.__version__
    assert cell["accuracy"] == 1.0 and len(cell["gold_sha256"]) == 64 and cell["corpus_version"] == "2.0.0"
    assert cell["task_version"] == "1.0.0" and document["date"].endswith("Z")


def test_render_escapes_html_and_script_in_user_strings(board, test_sets, tmp_path):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    board.submit(gold_submission(test_sets, tmp_path / "sub", team=evil, system="</script><b>bold</b>",
                                 cells={("lid", "demo_hien")}))
    page = board.render(tmp_path / "site").read_text()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # the template's autoescaping
    assert page.count("<script") == 2  # the JSON payload and the page's own script, nothing injected
    payload = page.split("<script type=\"application/json\" id=\"results\">", 1)[1].split("</script>", 1)[0]
    assert "<" not in payload and json.loads(payload)["submissions"][0]["team"] == evil  # JSON escaped, intact


def test_serve_page_and_api_read_only(board, test_sets, tmp_path):
    board.submit(gold_submission(test_sets, tmp_path / "sub", cells={("lid", "demo_hien")}))
    server = make_server(board.path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/api/results", timeout=10) as response:
            assert json.loads(response.read())["submissions"][0]["team"] == "team A"
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:
            assert "codemix leaderboard" in response.read().decode()
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/results", data=b"x", method="POST"), timeout=10)
        error.value.close()
        assert error.value.code == 405
    finally:
        server.shutdown()
        server.server_close()


def test_cli_init_validate_submit_show_render_export(tmp_path, test_sets, capsys):
    db = str(tmp_path / "cli.sqlite")
    assert main(["leaderboard", "--db", db, "init", "--corpora", "demo_hien"]) == 0
    folder = gold_submission({"demo_hien": test_sets["demo_hien"]}, tmp_path / "sub")
    assert main(["leaderboard", "--db", db, "validate", str(folder)]) == 0
    assert main(["leaderboard", "--db", db, "submit", str(folder)]) == 0
    assert "stored as submission #1" in capsys.readouterr().out
    assert main(["leaderboard", "--db", db, "submit", str(folder)]) == 1
    assert "already submitted as #1" in capsys.readouterr().err
    assert main(["leaderboard", "--db", db, "show", "--task", "pos"]) == 0
    assert "pos / demo_hien" in capsys.readouterr().out
    assert main(["leaderboard", "--db", db, "show", "--corpus", "demo_bnen"]) == 1
    assert capsys.readouterr().err == ("codemix: error: unknown corpus 'demo_bnen'. Did you mean 'demo_hien'? "
                                       "This leaderboard's corpora: demo_hien\n")
    assert main(["leaderboard", "--db", db, "render", "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert main(["leaderboard", "--db", db, "export", "--out", str(tmp_path / "export")]) == 0
    break_unknown_label(folder)
    assert main(["leaderboard", "--db", db, "validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "problem" in err and "negativ" in err and "Traceback" not in err


def test_store_is_a_consistent_sqlite_file(board):
    check = sqlite3.connect(board.path).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
