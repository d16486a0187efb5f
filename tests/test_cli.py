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


def test_console_script_help_has_examples():
    result = subprocess.run([sys.executable, "-m", "codemix.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "examples:" in result.stdout and "codemix corpora list" in result.stdout


@pytest.mark.parametrize("argv", [[], ["corpora"]])
def test_missing_subcommand_prints_help_and_exits_1(argv, capsys):
    assert main(argv) == 1
    assert "usage:" in capsys.readouterr().out
