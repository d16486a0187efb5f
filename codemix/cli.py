"""The ``codemix`` command line. User errors print one message and exit 1; bugs keep their traceback."""

from __future__ import annotations

import argparse
import os
import sys

from codemix.baselines_cli import add_baseline_commands
from codemix.corpora_cli import add_corpora_commands
from codemix.evaluate_cli import add_evaluate_command
from codemix.leaderboard_cli import add_leaderboard_commands
from codemix.common.errors import CodemixError

EXAMPLES = """\
examples:
  codemix corpora list
  codemix corpora show l3cube_mesent --data-dir ../shared/data
  codemix corpora leakage --data-dir ../shared/data
  codemix corpora export sail2017_hien --to out/sail --format parquet --data-dir ../shared/data
  codemix corpora stats sentimix2020_hien --plots out/cards --data-dir ../shared/data
  codemix tasks list
  codemix baseline run char_ngram --task sentiment --corpus sentimix2020_hien --data-dir ../shared/data --out runs/sentimix
  codemix benchmark --corpora dutta2022_bnen_lid --baselines majority crf --data-dir ../shared/data --out runs/bench
  codemix evaluate --help
  codemix leaderboard init --corpora sentimix2020_hien --data-dir ../shared/data && codemix leaderboard submit runs/sentimix && codemix leaderboard show
  codemix demo
"""


def main(argv: list[str] | None = None) -> int:
    """Run the ``codemix`` command line; returns the exit code (1 for a user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):  # `codemix` alone, or a group without its action (`codemix leaderboard`)
        parser.commands.get(args.command, parser).print_help()
        return 1
    from codemix.loaders.progress import set_quiet

    was_quiet = set_quiet(getattr(args, "quiet", False))  # restored after: main() called in-process leaves no trace
    try:
        if getattr(args, "data_dir", None):  # before any work: a mistyped folder is one line, not a miss per corpus
            from codemix.loaders.files import check_data_dir

            check_data_dir(args.data_dir)
        args.run(args)
        sys.stdout.flush()  # a closed pipe surfaces here rather than at exit
    except BrokenPipeError:
        # the reader went away (`codemix leaderboard show | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except CodemixError as error:
        print(f"codemix: error: {in_cli_terms(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("codemix: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        if error.filename is None:  # not about a path the user gave: a bug, keep the traceback
            raise
        # a path that vanished, filled up or changed permissions after the checks at the start
        print(f"codemix: error: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        set_quiet(was_quiet)
    return 0


# Errors are written in Python's terms (argument names); on the command line they name the flags.
CLI_TERMS = (("pass data_dir=... or set", "pass --data-dir DIR or set"), ("then pass data_dir=... or set", "then pass --data-dir DIR or set"),
             ("pass data_dir=...,", "pass --data-dir DIR,"), ("data_dir was given", "--data-dir was given"),
             ("pass data_dir=... the folder", "pass --data-dir the folder"), ("data_dir '", "--data-dir '"),
             ("load with verify=False", "pass --no-verify"), ("verify=False", "--no-verify"), ("transfer=True", "--transfer"),
             ("corpora=['demo_hien']", "--corpora demo_hien"), ("corpora=... / tasks=...", "--corpora / --tasks"),
             ("codemix.load(name) downloads it", "`codemix baseline run` or codemix.load(name) in Python downloads it"))


def in_cli_terms(message: str) -> str:
    """A library error message with Python argument names replaced by the CLI's flags.

    >>> in_cli_terms("fetch the original, or load with verify=False to accept it")
    'fetch the original, or pass --no-verify to accept it'
    """
    for python_term, cli_term in CLI_TERMS:
        message = message.replace(python_term, cli_term)
    return message


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``codemix`` command."""
    parser = argparse.ArgumentParser(
        prog="codemix", description="Code-mixed NLP corpora, tasks, baselines and a local leaderboard.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"codemix {_version()}")
    parser.add_argument("--quiet", action="store_true", help="no progress bars or status lines (they go to stderr, "
                                                             "and only when it is a terminal)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    parser.commands = commands.choices  # name -> its parser, for the help of a group named without an action

    add_corpora_commands(commands, argparse.RawDescriptionHelpFormatter)

    tasks = commands.add_parser("tasks", help="the tasks: field, level, labels, main score")
    task_actions = tasks.add_subparsers(title="tasks commands", metavar="ACTION")
    task_actions.add_parser("list", help="every task with its record field, level, main score and labels",
                            description="Every task with its record field, level, main score and labels.",
                            epilog="example:\n  codemix tasks list", formatter_class=argparse.RawDescriptionHelpFormatter,
                            ).set_defaults(run=_tasks_list)

    add_baseline_commands(commands, argparse.RawDescriptionHelpFormatter)
    add_evaluate_command(commands, argparse.RawDescriptionHelpFormatter)
    add_leaderboard_commands(commands, argparse.RawDescriptionHelpFormatter)

    demo = commands.add_parser("demo", help="the whole loop on the embedded demo corpora: gold, baselines, submissions, page",
                               description="The whole loop on the embedded (synthetic) demo corpora: gold, the classical "
                                           "baselines, one submission each, the ranked table and the leaderboard page.",
                               epilog="example:\n  codemix demo --out codemix-demo",
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    demo.add_argument("--out", default="codemix-demo", help="folder for the store, submissions and page (default ./codemix-demo)")
    demo.set_defaults(run=_demo)
    return parser


def _version() -> str:
    from codemix import __version__

    return __version__


def _tasks_list(args) -> None:
    from codemix.tasks.registry import get_task, list_tasks

    rows = []
    for name in list_tasks():
        task = get_task(name)
        rows.append((task.name, task.field, task.level, task.main_score, " ".join(task.labels)))
    from codemix.common.text import print_table

    print_table(("task", "field", "level", "main score", "labels"), rows)


def _demo(args) -> None:
    from codemix.demo import run_demo

    run_demo(args.out)


if __name__ == "__main__":
    sys.exit(main())
