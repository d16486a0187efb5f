"""Every example in README.md runs as written, and every ``--help`` example parses.

Each fenced block in the README is preceded by a marker saying how it is checked:
``<!-- example: offline -->`` (run here), ``<!-- example: real-data -->`` (run when
CODEMIX_DATA_DIR points at the corpora; the README writes them with ``../shared/data``, so they
run from a folder that has the corpora there) or ``<!-- example: not run - why -->`` (its
``codemix`` commands must still parse). Blocks run in README order in one working folder, so a
later example may use what an earlier one wrote (``runs/sm``), as a reader following along would.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex

import pytest

from codemix.cli import build_parser, main
from conftest import REAL_DATA, ROOT

BLOCK = re.compile(r"(?:<!-- example: (?P<kind>offline|real-data|not run - [^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)```", re.S)


def readme_blocks() -> list[tuple[int, str, str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(text[:m.start()].count("\n") + 1, m.group("kind") or "", m.group("lang"), m.group("body"))
            for m in BLOCK.finditer(text)]


def shell_commands(body: str) -> list[list[str]]:
    """The ``codemix`` commands of a shell block, as argv lists (continuations joined, comments dropped)."""
    joined = body.replace("\\\n", " ")
    commands = []
    for line in joined.splitlines():
        for part in line.split("&&"):
            words = _without_redirection(shlex.split(part, comments=True))
            if words and words[0] == "codemix":
                commands.append(words[1:])
    return commands


def _without_redirection(words: list[str]) -> list[str]:
    """The command without a trailing ``> FILE`` (its output is captured here instead)."""
    return words[:words.index(">")] if ">" in words else words


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    yield from _reader_folder(tmp_path_factory, "readme")


@pytest.fixture(scope="module")
def help_workdir(tmp_path_factory):
    yield from _reader_folder(tmp_path_factory, "help-examples")


def _reader_folder(tmp_path_factory, name):
    """A fresh folder as a reader's (with ../shared/data when the corpora are here) and a private CODEMIX_HOME."""
    base = tmp_path_factory.mktemp(name)
    work = base / "work"
    work.mkdir()
    if REAL_DATA:
        (base / "shared").mkdir()
        os.symlink(REAL_DATA, base / "shared" / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CODEMIX_HOME", str(base / "home"))
        patch.chdir(work)
        yield work


def test_every_block_says_how_it_is_checked():
    unmarked = [line for line, kind, _, _ in readme_blocks() if not kind]
    assert not unmarked, f"README blocks at lines {unmarked} need an <!-- example: ... --> marker"


@pytest.mark.parametrize("line, kind, lang, body", readme_blocks(), ids=[f"line{b[0]}" for b in readme_blocks()])
def test_readme_example(workdir, line, kind, lang, body):
    if lang == "bash":
        for argv in shell_commands(body):
            _parses(argv, line)
    if kind.startswith("not run"):
        return
    if kind == "real-data" and not REAL_DATA:
        pytest.skip("CODEMIX_DATA_DIR is not set: real-data examples run only with the corpora")
    if lang == "python":
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(body, f"README.md:{line}", "exec"), {"__name__": "readme"})
        return
    for argv in shell_commands(body):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = run(argv)
        assert code == 0, f"README.md:{line}: `codemix {' '.join(argv)}` exited {code}\n{out.getvalue()[-2000:]}"


def run(argv: list[str]) -> int:
    """``codemix ARGV`` in this process; ``--help`` (argparse's exit) counts as its exit code."""
    try:
        return main(argv)
    except SystemExit as exit:
        return exit.code or 0


def _parses(argv: list[str], where) -> None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(argv)
    except SystemExit as exit:  # --help exits 0; a wrong flag exits 2
        assert exit.code == 0, f"{where}: `codemix {' '.join(argv)}` does not parse"


def epilog_examples() -> list[tuple[str, list[list[str]]]]:
    """Every example line of every parser's epilog: the parser's name and the line's ``codemix``
    commands (several when chained with ``&&``)."""
    found = []

    def walk(parser, name):
        for line in (parser.epilog or "").replace("\\\n", " ").splitlines():
            chain = [words[1:] for part in line.strip().split("&&")
                     if (words := _without_redirection(shlex.split(part.strip(), comments=True))) and words[0] == "codemix"]
            if chain:
                found.append((name, chain))
        for action in parser._actions:
            if action.choices and isinstance(action.choices, dict):
                for child_name, child in action.choices.items():
                    walk(child, f"{name} {child_name}")

    walk(build_parser(), "codemix")
    return found


def test_help_epilogs_have_examples_that_parse():
    examples = epilog_examples()
    assert len(examples) >= 30
    for where, chain in examples:
        for argv in chain:
            _parses(argv, f"`{where} --help`")


def _needs(argv: list[str]) -> str | None:
    """Why an epilog example is only parsed, never run here: it stands for the user's own model or
    server, serves until stopped, or is the full benchmark grid."""
    if "--model" in argv or "serve" in argv:
        return "a model, a server or a running service of your own"
    if argv[:1] == ["benchmark"] and "--corpora" not in argv:
        return "the whole benchmark grid (about 25 minutes)"
    return None


def runnable_epilog_examples() -> list[list[list[str]]]:
    """Distinct runnable epilog examples, ``codemix demo`` first (the leaderboard examples use its output)."""
    seen, out = set(), []
    for _, chain in epilog_examples():
        key = tuple(map(tuple, chain))
        if key not in seen and all(_needs(argv) is None for argv in chain):
            seen.add(key)
            out.append(chain)
    return sorted(out, key=lambda chain: chain[0][:1] != ["demo"])


@pytest.mark.parametrize("chain", runnable_epilog_examples(), ids=lambda c: " && ".join(" ".join(a) for a in c)[:70])
def test_help_examples_run(help_workdir, chain):
    if any("../shared/data" in argv for argv in chain) and not REAL_DATA:
        pytest.skip("CODEMIX_DATA_DIR is not set: real-data examples run only with the corpora")
    for argv in chain:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = run(argv)
        assert code == 0, f"`codemix {' '.join(argv)}` exited {code}\n{out.getvalue()[-2000:]}"
