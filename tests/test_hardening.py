"""Bad inputs and faults, as an attacker or an unlucky operator would cause them: every one gets one
clear message (what, where, how to fix), never a traceback or a hang, and nothing stored, written
or cached is lost or changed. Parametrized over the kinds of attack and the places they land."""

import hashlib
import json
import os
from pathlib import Path
import shutil
import sqlite3
import threading
import time
import urllib.error
import urllib.request

import pytest

import codemix
from codemix.cli import main
from codemix.leaderboard import Leaderboard, SubmissionError
from codemix.tasks.submission import read_predictions, write_submission

CORPUS = "demo_hien"
GOOD_META = {"team": "team A", "system": "sys", "description": "a system", "external_data": False}


@pytest.fixture(scope="module")
def test_set():
    return codemix.load(CORPUS, split="test")


@pytest.fixture
def board(tmp_path):
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init([CORPUS], echo=lambda *a: None)
    yield board
    board.close()


def good_submission(test_set, folder):
    cells = {("sentiment", CORPUS): [(r["id"], r["sentiment"]) for r in test_set],
             ("lid", CORPUS): [(r["id"], r["lid"]) for r in test_set]}
    return write_submission(folder, GOOD_META, cells)


def store_digest(board) -> tuple:
    db = board.connection
    return tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("submissions", "scores", "cell_details"))


# --- submissions: JSON Python accepts but a store must not hold, in every place it can land ---------

HUGE_INT = "9" * 5000
DEEP = "[" * 20_000 + "]" * 20_000  # 40 KB: under the meta size limit, far over the parser's depth
JSON_ATTACKS = {  # raw JSON text of a value -> what the message says
    "lone_surrogate": ('"x\\ud800"', "lone surrogate"),
    "lone_low_surrogate": ('"\\udfff y"', "lone surrogate"),
    "nan": ("NaN", "NaN is not valid JSON"),
    "infinity": ("Infinity", "Infinity is not valid JSON"),
    "minus_infinity": ("-Infinity", "-Infinity is not valid JSON"),
    "huge_int": (HUGE_INT, "a number JSON cannot hold"),
    "deep_nesting": (DEEP, "nested too deeply"),
    "duplicate_key": ('{"a": 1, "a": 2}', "duplicate key 'a'"),
}


def meta_with(field: str, raw_value: str) -> str:
    parts = [f'"{k}": {json.dumps(v)}' for k, v in GOOD_META.items() if k != field]
    return "{" + ", ".join(parts + [f'"{field}": {raw_value}']) + "}"


@pytest.mark.parametrize("field", ["team", "description", "config", "seed"])
@pytest.mark.parametrize("attack", sorted(JSON_ATTACKS))
def test_meta_json_attacks_are_refused_by_validate_and_submit(board, test_set, tmp_path, field, attack):
    raw, message = JSON_ATTACKS[attack]
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / "meta.json").write_text(meta_with(field, raw), encoding="utf-8")
    before = store_digest(board)
    problems = [str(p) for p in board.validate(folder)]
    assert any(message in p and p.startswith("meta.json") for p in problems), problems
    with pytest.raises(SubmissionError):
        board.submit(folder)
    assert store_digest(board) == before
    assert all(len(p) < 600 for p in problems)  # quoted, never echoed whole


@pytest.mark.parametrize("place", ["id", "pred", "extra_key"])
@pytest.mark.parametrize("attack", sorted(JSON_ATTACKS))
def test_prediction_line_attacks_are_refused_with_the_line(board, test_set, tmp_path, place, attack):
    raw, message = JSON_ATTACKS[attack]
    folder = good_submission(test_set, tmp_path / "sub")
    path = folder / f"sentiment.{CORPUS}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[2])
    if place == "id":
        lines[2] = '{"id": ' + raw + ', "pred": ' + json.dumps(row["pred"]) + "}"
    elif place == "pred":
        lines[2] = '{"id": ' + json.dumps(row["id"]) + ', "pred": ' + raw + "}"
    else:
        lines[2] = lines[2][:-1] + ', "extra": ' + raw + "}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = store_digest(board)
    problems = [str(p) for p in board.validate(folder)]
    assert any(p.startswith(f"sentiment.{CORPUS}.jsonl:3: ") and message in p for p in problems), problems
    with pytest.raises(SubmissionError):
        board.submit(folder)
    with pytest.raises(codemix.CodemixError, match=r"jsonl:3: "):  # the baselines' reader: the same rules
        read_predictions(path)
    assert store_digest(board) == before


META_FIELD_ATTACKS = [
    ("team", "\u200b\u200c", "must contain visible characters"),
    ("team", "   \t", "control characters"),
    ("team", "", "must contain visible characters"),
    ("system", "\u2060", "must contain visible characters"),
    ("team", "evil\x1b[2J\x1b[H", "control characters"),
    ("team", "bell\x07", "control characters"),
    ("system", "carriage\rreturn", "control characters"),
    ("team", "nul\x00byte", "control characters"),
    ("description", "clear\x1b[2Jscreen", "control characters"),
    ("kind", "\x1b[31mprompted", "control characters"),
    ("kind", "", "must contain visible characters"),
    ("team", "x" * 201, "at most 200"),
    ("system", "y" * 5000, "at most 200"),
    ("description", "z" * 4001, "at most 4,000"),
    ("team", 7, "must be a string"),
    ("team", None, "must be a string"),
    ("system", ["a"], "must be a string"),
    ("description", {"a": 1}, "must be a string"),
    ("external_data", "yes", "must be true/false or a list"),
    ("external_data", [1, 2], "must be true/false or a list"),
    ("external_data", [""], "must be true/false or a list"),
    ("external_data", None, "must be true/false or a list"),
    ("external_data", {"x": True}, "must be true/false or a list"),
    ("external_data", ["d"] * 51, "must be true/false or a list"),
    ("partial", {"limit": 3}, "partial submission"),
    ("seed", "x", "field 'seed' must be a whole number >= 0 (or null), got 'x'"),
    ("seed", -3, "field 'seed' must be a whole number >= 0 (or null), got -3"),
    ("seed", 1.5, "field 'seed' must be a whole number >= 0 (or null), got 1.5"),
    ("shots", -1, "field 'shots' must be a whole number >= 0 (or null), got -1"),
    ("shots", True, "field 'shots' must be a whole number >= 0 (or null), got true"),
    ("config", "C=0.1", "field 'config' must be an object (what was chosen, e.g. {\"C\": 0.1}) or null, got 'C=0.1'"),
]


@pytest.mark.parametrize("field, value, message", META_FIELD_ATTACKS, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(META_FIELD_ATTACKS)])
def test_meta_fields_are_checked(board, test_set, tmp_path, field, value, message):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / "meta.json").write_text(json.dumps({**GOOD_META, field: value}), encoding="utf-8")
    problems = [str(p) for p in board.validate(folder)]
    assert any(message in p for p in problems), problems
    assert not any("\x1b" in p or "\x07" in p or "\r" in p for p in problems)  # never raw to a terminal


def test_thousands_of_stray_files_are_summed_up_after_the_first_twenty(board, test_set, tmp_path):
    folder = good_submission(test_set, tmp_path / "sub")
    for index in range(1000):
        (folder / f"notes{index:04d}.txt").write_text("")
    problems = [str(p) for p in board.validate(folder)]
    assert len(problems) == 21 and problems[0] == "notes0000.txt: unexpected file; cell files are named " \
        "<task>.<corpus>.jsonl (e.g. lid.l3cube_melid.jsonl)"
    assert problems[-1] == f"{folder}: 980 more unexpected files (only the first 20 are listed)"


def test_a_valid_indic_team_name_with_joiners_is_accepted(board, test_set, tmp_path):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / "meta.json").write_text(json.dumps({**GOOD_META, "team": "ক্‌ষ টিম", "system": "हिन्दी‍"}), encoding="utf-8")
    assert board.validate(folder) == []


@pytest.mark.parametrize("name", ["meta.json", f"sentiment.{CORPUS}.jsonl"])
def test_a_fifo_is_never_opened(board, test_set, tmp_path, name):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / name).unlink()
    os.mkfifo(folder / name)  # opening it for reading would block for ever
    problems = [str(p) for p in board.validate(folder)]
    assert any(p.startswith(name) and "not a regular file" in p for p in problems), problems


@pytest.mark.parametrize("content, message", [
    (b"\n" * 3_000_000, "stopped reading at line 1,000 after 1,000 problems"),
    (b'{"id": "' + b"a" * (5 * 2**20) + b'", "pred": "x"}\n', "line longer than 4,194,304 bytes"),
    (b"\xff\xfe not utf-8\n", "expected UTF-8 text"),
    (b"[1, 2]\n", "expected an object with the keys 'id' and 'pred'"),
    (b'{"id": 5, "pred": "positive"}\n', "id must be a string"),
    (b'{"id": "x"}\n', "expected an object with the keys"),
    (b"   \n", "blank line"),
], ids=["blank-flood", "huge-line", "not-utf8", "array", "int-id", "no-pred", "spaces"])
def test_broken_prediction_files_are_refused_quickly(board, test_set, tmp_path, content, message):
    import time

    folder = good_submission(test_set, tmp_path / "sub")
    (folder / f"sentiment.{CORPUS}.jsonl").write_bytes(content)
    started = time.perf_counter()
    problems = [str(p) for p in board.validate(folder)]
    assert any(message in p for p in problems), problems[:5]
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("label", ["x" * (3 * 2**20), "POSITIVE", "posi\x1btive", "\ud800"[:0] + "neutr al"])
def test_unknown_labels_are_quoted_briefly(board, test_set, tmp_path, label):
    folder = good_submission(test_set, tmp_path / "sub")
    path = folder / f"sentiment.{CORPUS}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({"id": json.loads(lines[0])["id"], "pred": label})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in board.validate(folder)]
    assert any("unknown label" in p for p in problems) and all(len(p) < 600 for p in problems)
    assert not any("\x1b" in p for p in problems)


def test_meta_json_over_64_kb_is_refused(board, test_set, tmp_path):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / "meta.json").write_text(json.dumps({**GOOD_META, "config": "c" * 70_000}), encoding="utf-8")
    problems = [str(p) for p in board.validate(folder)]
    assert any("over the 65,536-byte limit" in p for p in problems), problems


# --- the store: --db pointing at anything that is not a codemix store ---------------------------------

def foreign_db(tmp_path, kind):
    path = tmp_path / "foreign.db"
    if kind == "text":
        path.write_text("just some notes\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(hashlib.sha256(b"seed").digest() * 100)
    elif kind == "directory":
        path.mkdir()
    elif kind in ("sqlite_other", "sqlite_submissions"):
        connection = sqlite3.connect(path)
        table = "submissions (id INTEGER, name TEXT)" if kind == "sqlite_submissions" else "notes (body TEXT)"
        connection.execute(f"CREATE TABLE {table}")
        connection.commit()
        connection.close()
    elif kind == "truncated":
        board = Leaderboard(tmp_path / "real.sqlite")
        board.init([CORPUS], echo=lambda *a: None)
        board.close()
        data = (tmp_path / "real.sqlite").read_bytes()
        path.write_bytes(data[:200])
    elif kind == "fake_header":
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 100)
    return path


def snapshot(path):
    if path.is_dir():
        return ("dir", sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


DB_KINDS = ["text", "empty", "random", "directory", "sqlite_other", "sqlite_submissions", "truncated", "fake_header"]
DB_COMMANDS = [["show"], ["render", "--out", "SITE"], ["export", "--out", "SITE"], ["validate", "SUB"], ["submit", "SUB"],
               ["init", "--corpora", CORPUS], ["serve", "--port", "0"]]


@pytest.mark.parametrize("command", DB_COMMANDS, ids=[c[0] for c in DB_COMMANDS])
@pytest.mark.parametrize("kind", DB_KINDS)
def test_a_foreign_db_is_refused_and_left_exactly_as_it_was(tmp_path, test_set, capsys, kind, command):
    path = foreign_db(tmp_path, kind)
    before = snapshot(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    sub = good_submission(test_set, tmp_path / "sub")
    argv = [a.replace("SITE", str(tmp_path / "site")).replace("SUB", str(sub)) for a in command]
    assert main(["leaderboard", "--db", str(path), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("codemix: error: ") and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("sub", "site")) == siblings
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", [c for c in DB_COMMANDS if c[0] != "init"], ids=lambda c: c[0])
def test_read_only_commands_never_create_a_store(tmp_path, test_set, capsys, command):
    path = tmp_path / "nowhere.sqlite"
    sub = good_submission(test_set, tmp_path / "sub")
    argv = [a.replace("SITE", str(tmp_path / "site")).replace("SUB", str(sub)) for a in command]
    assert main(["leaderboard", "--db", str(path), *argv]) == 1
    assert "no leaderboard store at" in capsys.readouterr().err
    assert not path.exists() and not (tmp_path / "site").exists()


def test_a_proc_file_is_not_a_store(capsys):
    assert main(["leaderboard", "--db", "/proc/self/status", "show"]) == 1
    assert "not a codemix leaderboard store" in capsys.readouterr().err


@pytest.mark.parametrize("command, target, message", [
    ("render", "file", "is an existing file, not a folder"),
    ("export", "file", "is an existing file, not a folder"),
    ("render", "proc", "cannot create the folder"),
    ("export", "proc", "cannot create the folder"),
])
def test_outputs_onto_a_file_or_an_unwritable_place(board, tmp_path, capsys, command, target, message):
    out = tmp_path / "a-file.txt"
    out.write_text("keep me")
    where = str(out) if target == "file" else "/proc/codemix-site"
    assert main(["leaderboard", "--db", str(board.path), command, "--out", where]) == 1
    assert message in capsys.readouterr().err and out.read_text() == "keep me"


@pytest.mark.parametrize("host, port, message", [
    ("127.0.0.1", "70000", "out of range"),
    ("127.0.0.1", "-1", "out of range"),
    ("no-such-host.invalid", "0", "not a known host name"),
    ("127.0.0.1", "BUSY", "is in use"),
])
def test_serve_refuses_bad_hosts_and_ports_in_one_line(board, capsys, host, port, message):
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        port = str(busy.getsockname()[1]) if port == "BUSY" else port
        assert main(["leaderboard", "--db", str(board.path), "serve", "--host", host, "--port", port]) == 1
    finally:
        busy.close()
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_changed_task_definition_marks_its_scores_stale(board, test_set, tmp_path, monkeypatch):
    board.submit(good_submission(test_set, tmp_path / "sub"))
    assert len(board.results()["scores"]) == 2
    import dataclasses

    import codemix.tasks.sentiment as sentiment

    monkeypatch.setattr(sentiment, "TASK", dataclasses.replace(sentiment.TASK, version="9.9.9"))
    results = board.results()
    assert [s["task"] for s in results["scores"]] == ["lid"] and results["stale_scores"] == 1
    problems = [str(p) for p in board.validate(good_submission(test_set, tmp_path / "sub2"))]
    assert any("was built for task version 1.0.0, codemix's sentiment is now 9.9.9" in p for p in problems)


# --- serve while the store changes under it -------------------------------------------------------

@pytest.fixture
def served(board, test_set, tmp_path):
    from codemix.leaderboard.serve import make_server

    board.submit(good_submission(test_set, tmp_path / "sub"))
    board.close()
    server = make_server(board.path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", board.path
    server.shutdown()
    server.server_close()


def fetch(url, method="GET", data=None):
    request = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("damage", ["delete", "replace_with_text", "replace_with_foreign_sqlite", "truncate"])
def test_serve_answers_503_when_the_store_goes_and_keeps_running(served, damage):
    url, path = served
    assert fetch(url + "/api/results")[0] == 200
    for extra in ("-wal", "-shm"):
        (path.parent / (path.name + extra)).unlink(missing_ok=True)
    if damage == "delete":
        path.unlink()
    elif damage == "replace_with_text":
        path.write_text("not a store")
    elif damage == "replace_with_foreign_sqlite":
        path.unlink()
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE x (y)")
        connection.commit()
        connection.close()
    else:
        path.write_bytes(path.read_bytes()[:300])
    for route in ("/", "/api/results"):
        status, body = fetch(url + route)
        assert status == 503 and b"not available" in body and len(body) < 800
    path.unlink(missing_ok=True)
    shutil.rmtree(path, ignore_errors=True)


def test_serve_answers_head_refuses_writes_and_keeps_json_strict(served):
    url, path = served
    status, body = fetch(url + "/api/results", method="HEAD")
    assert status == 200 and body == b""
    assert fetch(url + "/", method="POST", data=b"x" * 100_000)[0] == 405
    assert fetch(url + "/nothing-here")[0] == 404
    connection = sqlite3.connect(path)
    # a value no JSON reader accepts, planted in the store as an older codemix could have stored it
    connection.execute("""UPDATE submissions SET meta = '{"team": "t", "seed": NaN, "config": {"c": Infinity}}'""")
    connection.commit()
    connection.close()
    status, body = fetch(url + "/api/results")
    assert status == 200 and b"NaN" not in body and json.loads(body)["cells"]


def test_serve_drops_idle_connections(board):
    import socket
    import time

    from codemix.leaderboard.serve import make_server

    server = make_server(board.path, "127.0.0.1", 0, idle_seconds=1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = socket.create_connection(("127.0.0.1", server.server_address[1]))
        client.settimeout(20)
        started = time.perf_counter()
        assert client.recv(10) == b""  # the server closed the silent connection
        assert time.perf_counter() - started < 10
        client.close()
    finally:
        server.shutdown()
        server.server_close()


def test_show_never_writes_raw_control_characters(tmp_path, test_set, capsys):
    """A store written by an older codemix may hold such names: show escapes them."""
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init([CORPUS], echo=lambda *a: None)
    board.submit(good_submission(test_set, tmp_path / "sub"))
    board.connection.execute("UPDATE submissions SET team = 'evil\x1b[2J\x07\r', system = 'x\u202ey'")
    board.close()
    capsys.readouterr()
    assert main(["leaderboard", "--db", str(tmp_path / "lb.sqlite"), "show"]) == 0
    out = capsys.readouterr().out
    assert "evil\\x1b[2J\\x07\\x0d" in out and "x\\u202ey" in out
    assert not any(c in out for c in "\x1b\x07\r\u202e")


# --- the processed cache: damaged entries are detected, discarded and rebuilt ------------------------

def cache_folder(home, corpus):
    (folder,) = [p for p in (home / "processed" / corpus).iterdir() if not p.name.startswith(".")]
    return folder


def arrow_file(folder):
    return sorted(folder.rglob("*.arrow"))[0]


CACHE_DAMAGE = {
    "missing_arrow": lambda folder, other: arrow_file(folder).unlink(),
    "truncated_arrow": lambda folder, other: arrow_file(folder).write_bytes(arrow_file(folder).read_bytes()[:100]),
    "garbled_byte": lambda folder, other: _flip_a_byte(arrow_file(folder)),
    "swapped_corpus": lambda folder, other: shutil.copy(arrow_file(other), arrow_file(folder)),
    "manifest_deleted": lambda folder, other: (folder / "codemix_manifest.json").unlink(),
    "manifest_garbled": lambda folder, other: (folder / "codemix_manifest.json").write_text("{oops"),
    "splits_edited": lambda folder, other: (folder / "codemix_splits.json").write_text('{"train": 1}'),
    "extra_file": lambda folder, other: (folder / "train" / "planted.arrow").write_bytes(b"x"),
}


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("corpus, other", [("demo_hien", "demo_bnen"), ("demo_bnen", "demo_mren"), ("demo_mren", "demo_hien")])
@pytest.mark.parametrize("damage", sorted(CACHE_DAMAGE))
def test_a_damaged_cache_entry_is_rebuilt_with_one_warning(fresh_home, caplog, corpus, other, damage):
    import logging

    fresh = codemix.load(corpus)
    codemix.load(other)
    expected = {split: fresh[split].to_list() for split in fresh}
    CACHE_DAMAGE[damage](cache_folder(fresh_home, corpus), cache_folder(fresh_home, other))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="codemix"):
        again = codemix.load(corpus)
    assert {split: again[split].to_list() for split in again} == expected  # never wrong rows
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "processed cache" in r.getMessage()]
    assert len(warnings) == 1 and "rebuilding it from the raw files" in warnings[0].getMessage()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="codemix"):
        codemix.load(corpus)  # rebuilt: intact again, no second warning
    assert not [r for r in caplog.records if "processed cache" in r.getMessage()]


def test_a_users_map_on_a_loaded_split_is_not_cache_damage(fresh_home, caplog):
    import logging

    codemix.load("demo_hien")  # builds the cache
    loaded = codemix.load("demo_hien")  # read from it
    expected = loaded["train"].to_list()
    loaded["train"].map(lambda record: {"length": len(record["tokens"])})
    # datasets writes its derived result beside the split's data; a later load must not discard the cache
    assert list((cache_folder(fresh_home, "demo_hien") / "train").glob("cache-*.arrow"))
    with caplog.at_level(logging.WARNING, logger="codemix"):
        again = codemix.load("demo_hien")
    assert not [r for r in caplog.records if "processed cache" in r.getMessage()]
    assert again["train"].to_list() == expected


def test_codemix_views_of_a_loaded_split_write_nothing_into_the_cache(fresh_home):
    from codemix.baselines.benchmark import pos_with_predicted_lid
    from codemix.baselines.published import romanised
    from codemix.loaders.leakage import dedupe
    from codemix.tasks.mixing import add_mixing_columns
    from codemix.baselines.base import get_baseline
    from codemix.tasks import get_task

    codemix.load("demo_hien")  # builds the cache
    loaded = codemix.load("demo_hien")  # read from it
    folder = cache_folder(fresh_home, "demo_hien")
    before = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    add_mixing_columns(loaded["train"])
    romanised(loaded["test"])
    dedupe(loaded["train"], loaded["test"])
    pos_model = get_baseline("majority").fit(get_task("pos"), loaded["train"])
    pos_with_predicted_lid(pos_model, "majority", loaded, seed=0)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == before


# --- readers: bytes no text corpus holds ---------------------------------------------------------------

from test_reader_fuzz import OPTIONS as READER_OPTIONS  # noqa: E402 - the per-reader options of the fuzz test


@pytest.mark.parametrize("fmt", sorted(READER_OPTIONS))
@pytest.mark.parametrize("where", ["first_line", "later_line"])
def test_a_nul_byte_is_a_format_error_with_its_line(tmp_path, fmt, where):
    from codemix.common.errors import FormatError
    from codemix.loaders.formats import READERS
    from codemix.loaders.report import LoadReport

    path = tmp_path / f"{fmt}.txt"
    body = b"a\x00b\n" if where == "first_line" else b"first\nsecond\nthi\x00rd\n"
    path.write_bytes(body)
    with pytest.raises(FormatError, match=r"NUL byte") as caught:
        list(READERS[fmt](path, READER_OPTIONS[fmt], LoadReport("x")))
    assert caught.value.line == (1 if where == "first_line" else 3)


@pytest.mark.parametrize("payload, message", [
    ('[{"text": "a", "id": ' + "9" * 5000 + "}]", "a JSON value Python can hold"),
    ('[{"text": "a", "id": ' + "[" * 50_000 + "]" * 50_000 + "}]", "nesting too deep"),
])
def test_json_records_with_values_python_cannot_hold(tmp_path, payload, message):
    from codemix.common.errors import FormatError
    from codemix.loaders.formats import READERS
    from codemix.loaders.report import LoadReport

    path = tmp_path / "records.json"
    path.write_text(payload)
    with pytest.raises(FormatError, match=message):
        list(READERS["json_records"](path, READER_OPTIONS["json_records"], LoadReport("x")))


# --- optional extras: one line naming the extra, before any output exists -----------------------------

@pytest.mark.parametrize("missing, argv, extra", [
    ("sklearn", ["demo", "--out", "OUT"], "baselines"),
    ("sklearn_crfsuite", ["demo", "--out", "OUT"], "baselines"),
    ("sklearn", ["baseline", "run", "char_ngram", "--task", "sentiment", "--corpus", CORPUS, "--out", "OUT"], "baselines"),
    ("sklearn_crfsuite", ["baseline", "run", "crf", "--task", "lid", "--corpus", CORPUS, "--out", "OUT"], "baselines"),
    ("torch", ["baseline", "run", "transformer", "--task", "lid", "--corpus", CORPUS, "--out", "OUT"], "transformers"),
    ("torch", ["baseline", "run", "bilstm_crf", "--task", "lid", "--corpus", CORPUS, "--out", "OUT"], "neural"),
    ("torch", ["baseline", "run", "ensemble", "--task", "lid", "--corpus", CORPUS, "--out", "OUT"], "neural"),
    ("transformers", ["evaluate", "--model", "hf:some/model", "--corpora", CORPUS, "--out", "OUT"], "transformers"),
    ("torch", ["evaluate", "--model", "llm:some/model", "--corpora", CORPUS, "--out", "OUT"], "transformers"),
    ("openai", ["evaluate", "--model", "openai:m@http://127.0.0.1:9/v1", "--corpora", CORPUS, "--out", "OUT"], "openai"),
    ("matplotlib", ["evaluate", "--model", "x:y", "--corpora", CORPUS, "--plots", "P", "--out", "OUT"], "plots"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_missing_extra_is_one_line_before_any_output(tmp_path, monkeypatch, capsys, missing, argv, extra):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None if name == missing else real(name, *a, **k))
    argv = [str(tmp_path / "out") if a == "OUT" else str(tmp_path / "plots") if a == "P" else a for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"pip install 'codemix[{extra}]'" in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists() and not (tmp_path / "plots").exists()


# --- models that answer garbage: a clear error naming the record, nothing written --------------------

GARBAGE = {
    "dict": {"label": "positive"}, "int": 3, "float_nan": float("nan"), "bytes": b"positive", "nested": [["positive"]],
    "huge_string": "p" * 10_000_000, "control": "posi\x1btive", "empty": "", "uppercase": "POSITIVE",
    "label_of_another_task": "offensive",
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_a_model_answering_garbage_is_refused_by_record(tmp_path, kind):
    value = GARBAGE[kind]
    model = type("Garbage", (), {"predict": lambda self, task, records: [value] * len(records)})()
    with pytest.raises(codemix.CodemixError, match=r"sentiment, record demo_hien:test:\S+: the model predicted") as caught:
        codemix.evaluate(model, tasks=["sentiment"], corpora=[CORPUS], out=tmp_path / "run", progress=False)
    assert len(str(caught.value)) < 400 and "\x1b" not in str(caught.value).replace("\\x1b", "")
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("kind", ["dict", "int", "string", "short", "long", "nested"])
def test_a_token_model_answering_garbage_is_refused_by_record(tmp_path, kind):
    def predict(self, task, records):
        return [{"dict": {}, "int": 1, "string": "en", "short": ["en"], "long": ["en"] * 999,
                 "nested": [["en"]] * len(r["tokens"])}[kind] for r in records]

    model = type("Garbage", (), {"predict": predict})()
    with pytest.raises(codemix.CodemixError, match=r"lid, record demo_hien:test:\S+: the model "):
        codemix.evaluate(model, tasks=["lid"], corpora=[CORPUS], out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


# --- empty splits: an empty or header-only file, id files matching nothing --------------------------

def fixture_copy(tmp_path, name):
    from conftest import FIXTURES

    target = tmp_path / "data" / name
    shutil.copytree(FIXTURES / name, target)
    return tmp_path / "data", target


@pytest.mark.parametrize("content", ["", "datetime,tweet,hate,sentiment,profanity\n", "datetime,tweet,hate,sentiment,profanity\r\n"],
                         ids=["empty", "header-only", "header-only-crlf"])
def test_an_official_split_from_an_empty_file_is_an_error(tmp_path, no_data_dir, content):
    data, folder = fixture_copy(tmp_path, "l3cube_mesent")
    (folder / "codemix-sent-val.csv").write_text(content)
    with pytest.raises(codemix.FormatError, match=r"codemix-sent-val.csv: l3cube_mesent: split 'validation' came out empty"):
        codemix.load("l3cube_mesent", data_dir=data, verify=False, use_cache=False)


def test_a_spec_may_allow_an_empty_split(tmp_path, no_data_dir):
    import dataclasses

    data, folder = fixture_copy(tmp_path, "l3cube_mesent")
    (folder / "codemix-sent-val.csv").write_text("datetime,tweet,hate,sentiment,profanity\n")
    spec = dataclasses.replace(codemix.corpus_info("l3cube_mesent"), allow_empty_splits=("validation",))
    loaded = codemix.load(spec, data_dir=data, verify=False, use_cache=False)
    assert loaded["validation"].num_rows == 0 and loaded["train"].num_rows > 0


@pytest.mark.parametrize("split", ["test", "validation", "train"])
def test_id_files_matching_no_record_are_an_error(tmp_path, no_data_dir, split):
    data, folder = fixture_copy(tmp_path, "sail2017_hien")
    (folder / f"{split}_id.txt").write_text("999991\n999992\n")
    with pytest.raises(codemix.FormatError, match=fr"{split}_id.txt: sail2017_hien: split '{split}' came out empty - "
                                                  r"none of its 2 listed ids matches"):
        codemix.load("sail2017_hien", data_dir=data, verify=False, use_cache=False)


# --- file names and spec strings --------------------------------------------------------------------

BAD_NAMES = {
    "traversal": "..%2F..%2Fetc.jsonl", "dotdot_cell": "sentiment..jsonl", "hidden": ".sentiment.demo_hien.jsonl",
    "cyrillic_e": "sentimеnt.demo_hien.jsonl", "upper": "SENTIMENT.demo_hien.jsonl", "space": "sentiment .demo_hien.jsonl",
    "escape": "sentiment\x1b[31m.demo_hien.jsonl", "newline": "sentiment\n.demo_hien.jsonl",
    "long": "s" * 230 + ".demo_hien.jsonl", "no_ext": "sentiment.demo_hien", "json_ext": "sentiment.demo_hien.json",
    "three_dots": "sentiment.demo.hien.jsonl", "task_only": "sentiment.jsonl", "unicode_corpus": "sentiment.démo_hien.jsonl",
}


@pytest.mark.parametrize("kind", sorted(BAD_NAMES))
def test_unexpected_file_names_are_refused_and_printed_safely(board, test_set, tmp_path, kind):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / BAD_NAMES[kind]).write_text((folder / f"sentiment.{CORPUS}.jsonl").read_text())
    problems = [str(p) for p in board.validate(folder)]
    assert problems and all("\x1b" not in p and "\n" not in p for p in problems), problems
    with pytest.raises(SubmissionError):
        board.submit(folder)


@pytest.mark.parametrize("link_to", ["/etc/passwd", "meta.json", "/proc/self/environ", "nowhere"])
def test_symbolic_links_are_refused(board, test_set, tmp_path, link_to):
    folder = good_submission(test_set, tmp_path / "sub")
    (folder / f"sentiment.{CORPUS}.jsonl").unlink()
    os.symlink(link_to, folder / f"sentiment.{CORPUS}.jsonl")
    problems = [str(p) for p in board.validate(folder)]
    assert any("symbolic links are refused" in p for p in problems), problems


BAD_SPECS = {
    "openai_no_url": ("openai:model", "write openai:MODEL@BASE_URL"),
    "openai_no_model": ("openai:@http://127.0.0.1:9/v1", "write openai:MODEL@BASE_URL"),
    "llm_empty": ("llm:", "names no model after 'llm:'"),
    "openai_empty": ("openai:", "names no model after 'openai:'"),
    "module_empty": ("json:", "write module:attribute"),
    "attribute_only": (":loads", "write module:attribute"),
    "not_a_model": ("codemix:__version__", "is neither a model nor a factory"),
    "factory_needs_args": ("json:loads", "must be callable with no arguments"),
    "factory_returns_none": ("gc:collect", "is neither a model nor a factory"),
    "missing_attribute": ("json:nothing_here", "has no attribute 'nothing_here'"),
    "missing_module": ("no_module_here_xyz:Model", "cannot import module"),
    "no_colon": ("bert-base-multilingual-cased", "has no kind"),
    "hf_offline_missing": ("hf:no-org/no-model-here", "not on disk"),
    "llm_offline_missing": ("llm:no-org/no-model-here", "not on disk"),
    "hf_folder_not_a_model": ("hf:/proc", "model '/proc' is a folder, but not a Hugging Face model folder this loader "
                                          "reads (it has no config.json): pass --model hf:PATH the folder"),
    "llm_file_not_a_model": ("llm:/etc/passwd", "model '/etc/passwd' is a file, not a model folder: pass --model llm:PATH"),
    "unreachable_server": ("openai:m@http://127.0.0.1:9/v1", "cannot reach the OpenAI-compatible server at http://127.0.0.1:9/v1"),
    "server_url_without_scheme": ("openai:m@localhost:8000/v1", "the base URL 'localhost:8000/v1' is not an http:// or "
                                                               "https:// URL with a host and a port from 1 to 65535"),
    "server_url_unclosed_bracket": ("openai:m@http://[::1/v1", "the base URL 'http://[::1/v1' is not an http://"),
    "server_port_out_of_range": ("openai:m@http://127.0.0.1:99999/v1", "the base URL 'http://127.0.0.1:99999/v1' is not"),
}


@pytest.mark.parametrize("kind", sorted(BAD_SPECS))
def test_bad_model_specs_are_one_clear_error(tmp_path, capsys, kind):
    spec, message = BAD_SPECS[kind]
    extra = ["--retries", "0"] if spec.startswith("openai:m@") else []
    assert main(["evaluate", "--model", spec, "--corpora", CORPUS, "--out", str(tmp_path / "run"), "--quiet", *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("target", ["file", "missing", "fifo", "symlinked_folder"])
def test_validate_refuses_what_is_not_a_submission_folder(board, test_set, tmp_path, capsys, target):
    path = tmp_path / "thing"
    if target == "file":
        path.write_text("{}")
    elif target == "fifo":
        os.mkfifo(path)
    elif target == "symlinked_folder":
        os.symlink(good_submission(test_set, tmp_path / "real"), path)
    assert main(["leaderboard", "--db", str(board.path), "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert ("expected a submission folder" in err or "symbolic link" in err) and "Traceback" not in err


@pytest.mark.parametrize("out", ["file", "foreign_folder", "under_a_file", "project_with_a_meta_json"])
def test_evaluate_never_clobbers_what_is_not_a_submission(tmp_path, out):
    target = {"file": tmp_path / "a.txt", "foreign_folder": tmp_path / "notes", "under_a_file": tmp_path / "a.txt" / "x",
              "project_with_a_meta_json": tmp_path / "notes"}[out]
    (tmp_path / "a.txt").write_text("keep")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep")
    if out == "project_with_a_meta_json":  # a meta.json alone does not make a folder a submission to replace
        (tmp_path / "notes" / "meta.json").write_text("{}")
        (tmp_path / "notes" / "src").mkdir()
        (tmp_path / "notes" / "src" / "main.py").write_text("keep")
    model = type("M", (), {"predict": lambda self, task, records: ["positive"] * len(records)})()
    with pytest.raises(codemix.CodemixError, match="--out|not a submission folder"):
        codemix.evaluate(model, tasks=["sentiment"], corpora=[CORPUS], out=target, progress=False)
    assert (tmp_path / "a.txt").read_text() == "keep" and (tmp_path / "notes" / "todo.txt").read_text() == "keep"
    if out == "project_with_a_meta_json":
        assert (tmp_path / "notes" / "src" / "main.py").read_text() == "keep"


@pytest.mark.parametrize("outcome", ["success", "failure"])
def test_transformer_training_folders_are_removed_after_each_fit(tmp_path, monkeypatch, outcome):
    import tempfile

    from codemix.baselines.base import get_baseline
    from tiny_models import build_tiny_classifier, demo_texts

    model = build_tiny_classifier(tmp_path / "m", demo_texts(), {0: "negative", 1: "neutral", 2: "positive"})
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    if outcome == "failure":
        import transformers

        monkeypatch.setattr(transformers.Trainer, "train", lambda self, *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    demo = codemix.load(CORPUS)
    baseline = get_baseline("transformer", model=model, epochs=1, batch_size=16, max_length=24)
    if outcome == "failure":
        with pytest.raises(RuntimeError, match="boom"):
            baseline.fit(codemix.get_task("sentiment"), demo["train"], demo["validation"])
    else:
        baseline.fit(codemix.get_task("sentiment"), demo["train"], demo["validation"])
    assert list((tmp_path / "tmp").iterdir()) == []  # no checkpoint folder left behind


def test_the_benchmark_writes_only_from_the_main_process(tmp_path, monkeypatch):
    from codemix.baselines.benchmark import run_benchmark

    monkeypatch.setenv("RANK", "1")
    results = run_benchmark([CORPUS], ["majority"], ["sentiment"], out=tmp_path / "bench", echo=lambda *a: None)
    assert results["rows"] and not (tmp_path / "bench").exists()


@pytest.mark.parametrize("argv, message", [
    (["--shots", "-1"], "shots must be a whole number >= 0, not -1"),
    (["--limit", "0"], "limit must be a whole number >= 1 (or None), not 0"),
    (["--tasks", "sentimen"], "Did you mean 'sentiment'"),
    (["--corpora", "sentmix3l_bnenhi", "--data-dir", "EMPTY"], "sen_1k.csv"),
    (["--label-map", "A=b"], "do not apply to module:attribute models"),
    (["--method", "generate"], "do not apply to module:attribute models"),
])
def test_evaluate_arguments_are_checked(tmp_path, capsys, argv, message):
    (tmp_path / "empty").mkdir()
    argv = [str(tmp_path / "empty") if a == "EMPTY" else a for a in argv]
    if "--corpora" not in argv:
        argv += ["--corpora", CORPUS]
    assert main(["evaluate", "--model", "test_evaluate:FirstLabel", *argv, "--out", str(tmp_path / "run"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert not (tmp_path / "run").exists()


# An output place that can never be created, whoever runs the tests: /dev/null is not a folder.
NOWHERE = "/dev/null/codemix-out"
OUTPUT_COMMANDS = [
    (["corpora", "stats", CORPUS, "--plots", NOWHERE], "--plots", "codemix.loaders.api.load"),
    (["corpora", "stats", CORPUS, "--markdown", NOWHERE + "/card.md"], "--markdown", "codemix.loaders.api.load"),
    (["corpora", "export", CORPUS, "--to", NOWHERE], "--to", "codemix.loaders.api.load"),
    (["baseline", "run", "majority", "--task", "sentiment", "--corpus", CORPUS, "--out", NOWHERE], "--out",
     "codemix.baselines.runner.load"),
    (["baseline", "run", "majority", "--task", "sentiment", "--corpus", CORPUS, "--out", "OK",
      "--save-model", NOWHERE + "/m.joblib"], "--save-model", "codemix.baselines.runner.load"),
    (["benchmark", "--corpora", CORPUS, "--baselines", "majority", "--out", NOWHERE], "--out",
     "codemix.loaders.api.load_available"),
    (["evaluate", "--model", "module:codemix.baselines.majority:MajorityBaseline", "--corpora", CORPUS,
      "--out", NOWHERE], "--out", "codemix.baselines.evaluation.resolve_model"),
    (["evaluate", "--model", "openai:m@http://127.0.0.1:9/v1", "--corpora", CORPUS, "--cache", NOWHERE + "/r.sqlite",
      "--out", "OK"], "--cache", "codemix.baselines.evaluation._load_corpora"),
    (["evaluate", "--model", "module:codemix.baselines.majority:MajorityBaseline", "--corpora", CORPUS, "--plots", NOWHERE,
      "--out", "OK"], "--plots", "codemix.baselines.evaluation.resolve_model"),
    (["evaluate", "--model", "module:codemix.baselines.majority:MajorityBaseline", "--corpora", CORPUS, "--submit",
      "--db", NOWHERE + "/lb.sqlite", "--out", "OK"], "--db", "codemix.baselines.evaluation.run_evaluation"),
    (["leaderboard", "--db", NOWHERE + "/lb.sqlite", "init", "--corpora", CORPUS], "--db", "sqlite3.connect"),
    (["demo", "--out", NOWHERE], "--out", "codemix.leaderboard.Leaderboard"),
]


@pytest.mark.parametrize("argv, flag, work", OUTPUT_COMMANDS, ids=lambda v: " ".join(v[:2]) if isinstance(v, list) else None)
def test_an_output_place_that_cannot_be_made_is_refused_before_any_work(tmp_path, monkeypatch, capsys, argv, flag, work):
    def no_work(*args, **kwargs):
        raise AssertionError(f"{work} ran before the output place was checked")

    monkeypatch.setattr(work, no_work)
    monkeypatch.chdir(tmp_path)
    argv = [str(tmp_path / "ok") if a == "OK" else a for a in argv]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"codemix: error: {flag} {NOWHERE}")
    assert captured.err.endswith(f"(/dev/null is not a folder); pass another {flag}\n")
    assert len(captured.err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_path_failing_mid_run_is_one_line_and_a_bug_keeps_its_traceback(monkeypatch, capsys):
    import codemix.corpora_cli as corpora_cli

    def disk_full(args):
        raise OSError(28, "No space left on device", "/data/out/train.parquet")

    monkeypatch.setattr(corpora_cli, "corpora_list", disk_full)
    assert main(["corpora", "list"]) == 1
    assert capsys.readouterr().err == "codemix: error: /data/out/train.parquet: No space left on device\n"

    def bug(args):
        raise OSError("a socket option went wrong")

    monkeypatch.setattr(corpora_cli, "corpora_list", bug)
    with pytest.raises(OSError, match="socket option"):
        main(["corpora", "list"])


# an OpenAI-compatible server nobody runs: the options are refused before it is asked
SERVER = ["evaluate", "--model", "openai:m@http://127.0.0.1:9/v1", "--corpora", CORPUS]


@pytest.mark.parametrize("argv, message", [
    (["baseline", "run", "char_ngram", "--task", "lid", "--corpus", CORPUS, "--seed", "-1"],
     "--seed (Python: seed) must be a whole number from 0 to 4294967295, not -1"),
    (["baseline", "run", "majority", "--task", "lid", "--corpus", CORPUS, "--seed", str(2 ** 70)],
     f"--seed (Python: seed) must be a whole number from 0 to 4294967295, not {2 ** 70}"),
    (["benchmark", "--corpora", CORPUS, "--baselines", "majority", "--seed", "-5"],
     "--seed (Python: seed) must be a whole number from 0 to 4294967295, not -5"),
    (["evaluate", "--model", "module:codemix.baselines.majority:MajorityBaseline", "--corpora", CORPUS, "--shots", "2",
      "--seed", "-1"], "--seed (Python: seed) must be a whole number from 0 to 4294967295, not -1"),
    ([*SERVER, "--timeout", "-1"], "--timeout (Python: timeout) must be a positive number, not -1.0"),
    ([*SERVER, "--timeout", "nan"], "--timeout (Python: timeout) must be a positive number, not nan"),
    ([*SERVER, "--retries", "-1"], "--retries (Python: retries) must be a whole number >= 0, not -1"),
    ([*SERVER, "--concurrency", "0"], "--concurrency (Python: concurrency) must be a positive whole number, not 0"),
    (["evaluate", "--model", "llm:models/none", "--corpora", CORPUS, "--batch-size", "0"],
     "--batch-size (Python: batch_size) must be a positive whole number, not 0"),
    (["evaluate", "--model", "hf:models/none", "--corpora", CORPUS, "--max-length", "-2"],
     "--max-length (Python: max_length) must be a positive whole number, not -2"),
    (["evaluate", "--model", "llm:models/none", "--corpora", CORPUS, "--method", "generate", "--max-new-tokens", "0"],
     "--max-new-tokens (Python: max_new_tokens) must be a positive whole number, not 0"),
])
def test_a_seed_count_or_time_out_of_range_is_one_line_before_any_work(tmp_path, monkeypatch, capsys, argv, message):
    # these used to surface as scikit-learn's, socket's or openai's ValueError traceback after loading, or
    # were silently replaced (a concurrency of 0 ran as 1, a batch size of 0 as 8)
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--out", str(tmp_path / "run")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"codemix: error: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_the_vote_refuses_network_seeds_past_the_largest(tmp_path, capsys):
    pytest.importorskip("torch")
    argv = ["baseline", "run", "ensemble", "--task", "lid", "--corpus", CORPUS, "--seed", "4294967295", "--out", str(tmp_path / "r")]
    assert main(argv) == 1
    assert capsys.readouterr().err == ("codemix: error: ensemble: its 3 networks take seeds 4294967295 to 4294967297, past "
                                       "the largest seed 4294967295; pass a smaller --seed (Python: seed)\n")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("call, message", [
    (lambda: codemix.load(123), "corpus names are strings; got 123 (int). Known corpus names: "),
    (lambda: codemix.load(["demo_hien"]), "corpus names are strings; got ['demo_hien'] (list). Known corpus names: "),
    (lambda: codemix.load(CORPUS, data_dir=123), "data_dir is a folder path (a str or a Path), not 123 (int)"),
    (lambda: codemix.get_task(None), "task names are strings; got None (NoneType). Known task names: lid, offensive, pos, sentiment"),
    (lambda: codemix.mixing_stats(None), "mixing_stats takes a list of LID tags, not None (NoneType)"),
    (lambda: codemix.mixing_stats("en hi"), "mixing_stats takes a list of LID tags, not a string ('en hi'): pass record['lid']"),
    (lambda: codemix.mixing_stats([None, "en"]), "mixing_stats takes canonical LID tags (en, hi, bn, mr, ne, mixed, fw, other, "
                                                 "unk); got None - map"),
    (lambda: codemix.get_task("sentiment").score("positive", "positive"),
     "gold is one string ('positive'); pass a list of labels, one per item"),
    (lambda: codemix.get_task("lid").score([["en"]], "en"), "pred is one string ('en'); pass a list of labels, one per item"),
    (lambda: codemix.load(CORPUS, split="dev"), f"unknown split 'dev'. {CORPUS}'s splits: test, train, validation"),
    (lambda: codemix.mixing_stats(codemix.load(CORPUS, split="test")[0]), "not a record: pass record['lid']"),
    (lambda: codemix.corpus_mixing_stats(codemix.load(CORPUS, split="test")), "not a record: pass record['lid'] "
                                                                               "(for a whole split, corpus_mixing_stats(split['lid']))"),
    (lambda: codemix.corpus_mixing_stats(None), "corpus_mixing_stats takes a list of utterances' LID tag lists"),
])
def test_python_calls_with_the_wrong_kind_of_argument_say_what_to_pass(call, message):
    # each was a TypeError from deep inside (difflib, pathlib, iteration) or a misleading label list
    with pytest.raises(codemix.CodemixError) as caught:
        call()
    assert message in str(caught.value)


def test_evaluate_takes_one_name_as_a_list_of_one_and_out_none_as_the_default(tmp_path, monkeypatch):
    from codemix.baselines.majority import MajorityBaseline

    demo = codemix.load(CORPUS)
    model = MajorityBaseline().fit(codemix.get_task("lid"), demo["train"], demo["validation"])
    monkeypatch.chdir(tmp_path)
    scores = codemix.evaluate(model, tasks="lid", corpora=CORPUS, out=None, echo=lambda *a: None, progress=False)
    assert list(scores) == ["lid/demo_hien"]  # not the tasks 'l', 'i', 'd'
    assert sorted(p.name for p in (tmp_path / "codemix-runs" / "evaluation").iterdir()) == [
        "lid.demo_hien.jsonl", "meta.json", "references.bib", "scores.json"]
    with pytest.raises(codemix.CodemixError, match=r"corpora holds names \(strings\), not 7 \(int\)"):
        codemix.evaluate(model, corpora=[CORPUS, 7], out=tmp_path / "never")
    board = Leaderboard(tmp_path / "lb.sqlite")
    assert [corpus for _, corpus, _, _ in board.init(CORPUS, echo=lambda *a: None)] == [CORPUS] * 4  # not 'd', 'e', ...
    board.close()


def test_a_model_that_raises_keeps_its_traceback_with_where_it_happened(tmp_path):
    class Exploding:
        def predict(self, task, records):
            raise RuntimeError("model exploded")

    with pytest.raises(RuntimeError, match="model exploded") as caught:
        codemix.evaluate(Exploding(), tasks="sentiment", corpora=CORPUS, out=tmp_path / "run", progress=False)
    ids = [r["id"] for r in codemix.load(CORPUS, split="test") if r["sentiment"]][:64]  # the first predict call
    assert caught.value.__notes__ == [f"codemix: raised by the model's predict on sentiment/{CORPUS}, records {ids[0]} to {ids[-1]}"]
    assert not (tmp_path / "run").exists()


def test_a_closed_pipe_ends_the_command_quietly():
    # `codemix corpora list | head -1`: the reader leaves before codemix writes; no BrokenPipeError traceback
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-m", "codemix.cli", "corpora", "list"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 141 and err == b""


def test_show_refuses_a_misspelt_kind_and_notes_a_kind_with_no_submission_yet(board, test_set, tmp_path, capsys):
    board.submit(good_submission(test_set, tmp_path / "sub"))
    assert main(["leaderboard", "--db", str(board.path), "show", "--kind", "promptd"]) == 1
    assert capsys.readouterr().err == ("codemix: error: unknown kind 'promptd'. Did you mean 'prompted'? Known kind names: "
                                       "classical, fine-tuned, neural, prompted, python, unstated\n")
    assert main(["leaderboard", "--db", str(board.path), "show", "--kind", "prompted"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "(no prompted submission here yet; the kinds here: unstated)\n" and "team A" not in captured.out
    assert main(["leaderboard", "--db", str(board.path), "show", "--kind", "unstated"]) == 0
    assert "team A" in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--template", "--label-map"])
@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_named_as_a_small_file_never_blocks(tmp_path, flag, target):
    # reading a FIFO with no writer blocked forever; /dev/zero would fill memory
    import subprocess
    import sys

    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    model = "openai:m@http://127.0.0.1:9/v1" if flag == "--template" else "hf:models/none"
    result = subprocess.run([sys.executable, "-m", "codemix.cli", "evaluate", "--model", model, "--corpora", CORPUS,
                             flag, target, "--out", str(tmp_path / "run")], capture_output=True, text=True, timeout=60)
    what = "prompt template" if flag == "--template" else flag
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"codemix: error: {what} {target}: not a regular file (a FIFO, socket or device); pass a file\n"
    assert not (tmp_path / "run").exists()


def test_an_oversized_template_is_refused_unread(tmp_path):
    from codemix.common.paths import SMALL_FILE_BYTES, read_small_text

    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(SMALL_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(codemix.CodemixError, match=f"big.json: {SMALL_FILE_BYTES + 1:,} bytes, over the {SMALL_FILE_BYTES:,}-byte limit"):
        read_small_text(big, "prompt template")


@pytest.mark.parametrize("argv, flag", [
    (["corpora", "stats", CORPUS, "--markdown", "FIFO"], "--markdown"),
    (["baseline", "run", "majority", "--task", "sentiment", "--corpus", CORPUS, "--out", "OUT", "--save-model", "FIFO"],
     "--save-model"),
    (["evaluate", "--model", "openai:m@http://127.0.0.1:9/v1", "--corpora", CORPUS, "--cache", "FIFO", "--out", "OUT"],
     "--cache"),
])
def test_an_output_file_that_is_a_fifo_nobody_reads_is_refused_not_waited_on(tmp_path, argv, flag):
    import subprocess
    import sys

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    argv = [str(fifo) if a == "FIFO" else str(tmp_path / "out") if a == "OUT" else a for a in argv]
    result = subprocess.run([sys.executable, "-m", "codemix.cli", *argv], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"codemix: error: {flag} {fifo} is a FIFO that no process reads, or a socket: writing to it "
                             "would wait forever or fail; pass a file path\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]


def test_a_device_or_a_read_fifo_is_still_a_fine_output_file(tmp_path):
    from codemix.common.paths import check_output_file

    assert check_output_file("/dev/null", "--markdown") == Path("/dev/null")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # e.g. `--markdown /dev/stdout | less`
    try:
        assert check_output_file(fifo, "--markdown") == fifo
    finally:
        os.close(reader)


def test_a_first_init_that_fails_leaves_no_store_and_a_later_one_keeps_it(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    path = tmp_path / "lb.sqlite"
    argv = ["leaderboard", "--db", str(path), "init", "--corpora", "sentmix3l_bnenhi", "--data-dir", str(tmp_path / "empty")]
    assert main(argv) == 1
    assert "sentmix3l_bnenhi: file 'sen_1k.csv' not found" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # no empty store, WAL or SHM file left
    assert main(["leaderboard", "--db", str(path), "init", "--corpora", CORPUS]) == 0
    Leaderboard(path).close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(argv) == 1
    assert path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_fifo_with_a_reader_gets_the_whole_output(tmp_path):
    # `--markdown` into a FIFO someone reads: the check must not end the reader's input before the write
    import subprocess
    import sys

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []

    def read_all():  # as `cat fifo` does: open waits for a writer, read runs until the last writer closes
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=read_all, daemon=True)
    thread.start()
    time.sleep(0.2)  # the reader is waiting in open() before codemix looks for one
    result = subprocess.run([sys.executable, "-m", "codemix.cli", "corpora", "stats", CORPUS, "--markdown", str(fifo)],
                            capture_output=True, text=True, timeout=60)
    thread.join(timeout=60)
    assert result.returncode == 0, result.stderr
    card = b"".join(received).decode("utf-8")
    assert card.splitlines() == result.stdout.splitlines()[:-2]  # stdout adds a blank line and "wrote <fifo>"


@pytest.mark.parametrize("kwargs, message", [
    ({"meta": {"team": 5}}, "meta: field 'team' must be a string, got 5"),
    ({"meta": ["x"]}, "meta is a dict of meta.json fields (team, system, description, ...), not ['x']"),
    ({"meta": {"team": "A\x1b[2J"}}, "meta: field 'team' holds control characters"),
    ({"shots": "2"}, "shots must be a whole number >= 0, not '2'"),
    ({"limit": 2.5}, "limit must be a whole number >= 1 (or None), not 2.5"),
    ({"model_options": ["x"]}, "model_options is a dict of the adapter's options (batch_size=..., ...), not ['x']"),
])
def test_evaluate_refuses_arguments_of_the_wrong_kind_before_any_work(tmp_path, kwargs, message):
    # each failed deep inside (a slice, a comparison, ** on a list) or, for meta, only at submission time
    from codemix.baselines.majority import MajorityBaseline

    with pytest.raises(codemix.CodemixError) as caught:
        codemix.evaluate(MajorityBaseline(), tasks="sentiment", corpora=CORPUS, out=tmp_path / "run", **kwargs)
    assert str(caught.value).startswith(message)
    assert not (tmp_path / "run").exists()


def test_a_task_name_works_where_a_task_is_expected_and_k_is_checked():
    from codemix.baselines.majority import MajorityBaseline

    demo = codemix.load(CORPUS)
    by_name = MajorityBaseline().fit("sentiment", demo["train"], demo["validation"]).predict("sentiment", demo["test"])
    by_task = MajorityBaseline().fit(codemix.get_task("sentiment"), demo["train"], demo["validation"])
    assert by_name == by_task.predict(codemix.get_task("sentiment"), demo["test"]) and len(by_name) == len(demo["test"])
    with pytest.raises(codemix.CodemixError, match="k .the number of languages for the M-index. is a whole number >= 0 or None, not 'x'"):
        codemix.mixing_stats(["en", "hi"], k="x")
    with pytest.raises(codemix.CodemixError, match="k is a whole number, None or \"corpus\""):
        codemix.corpus_mixing_stats([["en", "hi"]], k="corpora")


@pytest.mark.parametrize("returned, message", [
    (lambda records: None, "lid/demo_hien: the model's predict returned None, not a list with one prediction per record"),
    (lambda records: "en", "lid/demo_hien: the model's predict returned a str, not a list with one prediction per record"),
    (lambda records: ["en" for _ in records], "the model returned a str ('en') where a token task needs a list of "),
])
def test_a_model_returning_the_wrong_shape_is_told_the_shape_expected(tmp_path, returned, message):
    # None was a TypeError from codemix's own list(), reported as if the model had raised
    class Model:
        def predict(self, task, records):
            return returned(records)

    with pytest.raises(codemix.CodemixError) as caught:
        codemix.evaluate(Model(), tasks="lid", corpora=CORPUS, out=tmp_path / "run", progress=False)
    assert message in str(caught.value) and not (tmp_path / "run").exists()
