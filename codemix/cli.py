"""The ``codemix`` command line. User errors print one message and exit 1; bugs keep their traceback."""

from __future__ import annotations

import argparse
import sys

from codemix.baselines_cli import add_baseline_commands
from codemix.corpora_cli import add_corpora_commands
from codemix.evaluate_cli import add_evaluate_command
from codemix.leaderboard_cli import add_leaderboard_commands
from codemix.loaders.errors import CodemixError

EXAMPLES = """\
examples:
  codemix corpora list
  codemix corpora show l3cube_mesent --data-dir ../shared/data
  codemix corpora leakage --data-dir ../shared/data
  codemix corpora export sail2017_hien --to out/sail --format parquet
  codemix corpora stats sentimix2020_hien --plots out/cards
  codemix tasks list
  codemix baseline run char_ngram --task sentiment --corpus sentimix2020_hien --out runs/sentimix
  codemix benchmark --corpora dutta2022_bnen_lid --baselines majority crf --out runs/bench
  codemix evaluate --model llm:models/my-llm --tasks sentiment --corpora demo_hien --shots 2 --out runs/my-llm
  codemix leaderboard init && codemix leaderboard submit runs/sentimix && codemix leaderboard show
  codemix demo
"""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 1
    try:
        args.run(args)
    except CodemixError as error:
        print(f"codemix: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("codemix: interrupted", file=sys.stderr)
        return 130
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="codemix", description="Code-mixed NLP corpora, tasks, baselines and a local leaderboard.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"codemix {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    add_corpora_commands(commands, argparse.RawDescriptionHelpFormatter)

    tasks = commands.add_parser("tasks", help="the tasks: field, level, labels, main score")
    task_actions = tasks.add_subparsers(title="tasks commands", metavar="ACTION")
    task_actions.add_parser("list", help="every task with its record field, level, main score and labels").set_defaults(run=_tasks_list)

    add_baseline_commands(commands, argparse.RawDescriptionHelpFormatter)
    add_evaluate_command(commands, argparse.RawDescriptionHelpFormatter)
    add_leaderboard_commands(commands, argparse.RawDescriptionHelpFormatter)

    demo = commands.add_parser("demo", help="the whole loop on the embedded demo corpora: gold, baselines, submissions, page")
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
    from codemix.tables import print_table

    print_table(("task", "field", "level", "main score", "labels"), rows)


def _demo(args) -> None:
    from codemix.demo import run_demo

    run_demo(args.out)


if __name__ == "__main__":
    sys.exit(main())
