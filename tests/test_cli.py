"""The codemix console script: output, exit codes, one-line user errors."""

import subprocess
import sys

import pytest

from codemix.cli import main


def test_corpora_list(capsys):
    assert main(["corpora", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["corpus", "pair", "tasks", "licence"]
    for name in ["demo_hien", "demo_bnen", "demo_mren", "l3cube_mesent", "sentimix2020_hien"]:
        assert name in out
    assert "CC BY-NC-SA 4.0" in out


def test_corpora_show_prints_files_licence_citation_and_sizes(capsys):
    assert main(["corpora", "show", "demo_mren"]) == 0
    out = capsys.readouterr().out
    for expected in ["demo_mren (version 2.0.0)", "languages: mar-Latn, mar-Deva, eng-Latn", "train.txt",
                     "sha256:", "licence: CC0-1.0", "citation:", "split sizes: train 150"]:
        assert expected in out


def test_corpora_show_without_files_says_so(capsys, no_data_dir):
    assert main(["corpora", "show", "l3cube_mesent"]) == 0
    out = capsys.readouterr().out
    assert "https://raw.githubusercontent.com/l3cube-pune/MarathiNLP/" in out
    assert "split sizes: files not available here" in out


def test_unknown_corpus_is_one_message_and_exit_1(capsys):
    assert main(["corpora", "show", "sentimix"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("codemix: error: unknown corpus 'sentimix'. Did you mean 'sentimix2020_hien'")
    assert "Traceback" not in err


def test_demo_runs_the_whole_loop(capsys, tmp_path):
    out_dir = tmp_path / "demo"
    assert main(["demo", "--out", str(out_dir)]) == 0
    out = capsys.readouterr().out
    for expected in ("lid/demo_hien", "sentiment/demo_mren", "char_ngram", "crf", "majority", "leaderboard page:"):
        assert expected in out
    assert (out_dir / "site" / "index.html").is_file()
    assert sorted(p.name for p in (out_dir / "submissions").iterdir()) == ["char_ngram", "crf", "majority"]
    assert main(["demo", "--out", str(out_dir)]) == 0  # an earlier demo folder is replaced
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("keep me")
    assert main(["demo", "--out", str(tmp_path / "mine")]) == 1
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "keep me"


@pytest.mark.parametrize("extra", ["a real leaderboard's store", "a store beside the downloads"])
def test_demo_never_replaces_a_folder_holding_a_real_store(capsys, tmp_path, extra):
    import sqlite3

    from codemix.leaderboard import Leaderboard

    board = tmp_path / "board"
    store = Leaderboard(board / "leaderboard.sqlite")
    store.init(["demo_hien"], echo=lambda *_: None)
    store.close()
    if extra == "a store beside the downloads":  # what $CODEMIX_HOME looks like; its gold may be the demo's
        (board / "downloads").mkdir()
    else:  # the gold of a real corpus
        with sqlite3.connect(board / "leaderboard.sqlite") as connection:
            connection.execute("UPDATE gold_sets SET corpus = 'sentimix2020_hien' WHERE task = 'sentiment'")
    before = sorted(p.name for p in board.iterdir())
    assert main(["demo", "--out", str(board)]) == 1
    assert capsys.readouterr().err == f"codemix: error: {board} exists and is not an earlier codemix demo; pass another folder\n"
    assert sorted(p.name for p in board.iterdir()) == before


def test_console_script_help_has_examples():
    result = subprocess.run([sys.executable, "-m", "codemix.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "examples:" in result.stdout and "codemix corpora list" in result.stdout


@pytest.mark.parametrize("argv", [[], ["corpora"]])
def test_missing_subcommand_prints_help_and_exits_1(argv, capsys):
    assert main(argv) == 1
    assert "usage:" in capsys.readouterr().out


def test_long_work_says_what_it_does_on_a_terminal_and_quiet_silences_it(capsys, monkeypatch, tmp_path):
    import sys

    from codemix.loaders.progress import set_quiet

    monkeypatch.setenv("CODEMIX_HOME", str(tmp_path / "home"))  # a cold load, so it reads the raw files
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    try:
        assert main(["corpora", "stats", "demo_mren"]) == 0
        err = capsys.readouterr().err
        assert "codemix: demo_mren: reading the raw files (first load" in err
        assert "codemix: demo_mren: computing labels, scripts and code-mixing statistics" in err
        assert main(["--quiet", "corpora", "stats", "demo_mren"]) == 0
        assert capsys.readouterr().err == ""
    finally:
        set_quiet(False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)  # not a terminal: silent too
    assert main(["corpora", "stats", "demo_bnen"]) == 0
    assert capsys.readouterr().err == ""


def test_every_option_has_help_and_every_leaf_command_a_description_and_an_example():
    import argparse

    from codemix.cli import build_parser

    missing = []

    def walk(parser, name):
        children = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for action in parser._actions:
            if action.option_strings and action.help in (None, "") and action.dest != "help":
                missing.append(f"{name} {action.option_strings[0]}: no help")
        if not children:
            if not parser.description:
                missing.append(f"{name}: no description")
            if "codemix " not in (parser.epilog or ""):
                missing.append(f"{name}: no example")
        for child in children:
            for child_name, child_parser in child.choices.items():
                walk(child_parser, f"{name} {child_name}")

    walk(build_parser(), "codemix")
    assert not missing, missing


@pytest.mark.parametrize("group", ["corpora", "tasks", "baseline", "leaderboard"])
def test_a_group_without_its_action_prints_that_groups_help(capsys, group):
    assert main([group]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"usage: codemix {group} ") and "ACTION" in out


@pytest.mark.parametrize("argv", [["corpora", "leakage"], ["leaderboard", "init"], ["benchmark", "--baselines", "majority"],
                                  ["corpora", "show", "demo_hien"]])
def test_a_mistyped_data_dir_is_one_line_before_any_work(argv, capsys, tmp_path):
    db = ["--db", str(tmp_path / "board.sqlite")] if argv[0] == "leaderboard" else []
    out = ["--out", str(tmp_path / "runs")] if argv[0] == "benchmark" else []
    assert main(["--quiet", *argv, *db, *out, "--data-dir", str(tmp_path / "typo")]) == 1
    captured = capsys.readouterr()
    assert captured.err == (f"codemix: error: --data-dir '{tmp_path / 'typo'}' does not exist: pass --data-dir the folder "
                            "that holds <corpus>/<file> (e.g. ../shared/data)\n")
    assert captured.out == "" and list(tmp_path.iterdir()) == []  # no store, no run folder


def test_quiet_lasts_one_call_of_main(capsys):
    from codemix.loaders.progress import set_quiet

    assert main(["--quiet", "tasks", "list"]) == 0
    assert set_quiet(False) is False  # main put back what it found: later work in this process may show progress
