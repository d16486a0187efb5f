"""``codemix leaderboard init|validate|submit|show|render|serve|export``."""

from __future__ import annotations

EXAMPLES = """examples (after `codemix demo`, which writes codemix-demo/submissions/):
  codemix leaderboard init --corpora demo_hien demo_bnen demo_mren
  codemix leaderboard validate codemix-demo/submissions/crf
  codemix leaderboard submit codemix-demo/submissions/crf
  codemix leaderboard show --task lid
  codemix leaderboard render --out site/
  codemix leaderboard serve --port 8000
"""


DB_HELP = "the SQLite store (default $CODEMIX_HOME/leaderboard.sqlite); accepted before or after the action"


def add_leaderboard_commands(commands, formatter) -> None:
    """Register ``codemix leaderboard`` and its actions; ``--db`` is accepted before or after the action."""
    import argparse

    board = commands.add_parser("leaderboard", help="a local leaderboard: gold, submissions, ranks, web page",
                                epilog=EXAMPLES, formatter_class=formatter)
    board.add_argument("--db", help=DB_HELP)
    actions = board.add_subparsers(title="leaderboard commands", metavar="ACTION")

    def action(name, helptext, example, run):
        parser = actions.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ".",
                                    epilog=f"example:\n  {example}", formatter_class=formatter)
        # SUPPRESS: an absent --db after the action keeps the one given before it
        parser.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
        parser.set_defaults(run=run)
        return parser

    init = action("init", "store the gold test labels of corpora (default: every corpus on disk)",
                  "codemix leaderboard init --corpora demo_hien demo_bnen --db runs/lb.sqlite", init_command)
    init.add_argument("--corpora", nargs="+", help="corpora whose test splits become gold (default: every corpus on disk)")
    init.add_argument("--data-dir", help="folder holding <corpus>/<file> (default: CODEMIX_DATA_DIR, then the cache)")
    for name, helptext, run in (("validate", "check a submission folder and list every problem", validate_command),
                                ("submit", "validate, score against gold and store a submission", submit_command)):
        act = action(name, helptext, f"codemix leaderboard {name} codemix-demo/submissions/majority", run)
        act.add_argument("folder", help="the submission folder: meta.json + <task>.<corpus>.jsonl files")
    show = action("show", "the ranked tables in the terminal", "codemix leaderboard show --task lid --kind prompted",
                  show_command)
    show.add_argument("--task", help="only this task's cells and mean")
    show.add_argument("--corpus", help="only this corpus's cells")
    show.add_argument("--kind", help="only submissions of this model kind (classical, fine-tuned, prompted, ...)")
    render = action("render", "write the static HTML page", "codemix leaderboard render --out site/", render_command)
    render.add_argument("--out", required=True, help="folder for index.html (created if missing)")
    serve = action("serve", "serve the page and /api/results (read-only)", "codemix leaderboard serve --port 8000",
                   serve_command)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    export = action("export", "one JSON file per submission (versions, gold sha256, date, config)",
                    "codemix leaderboard export --out results/", export_command)
    export.add_argument("--out", required=True, help="folder for the JSON files (created if missing)")


def _board(args):
    from codemix.leaderboard.board import Leaderboard

    return Leaderboard(getattr(args, "db", None))


def init_command(args) -> None:
    """``codemix leaderboard init``."""
    from codemix.common.text import print_table

    stored = _board(args).init(args.corpora, args.data_dir)
    print_table(("task", "corpus", "test items", "gold sha256"), [(t, c, f"{n:,}", s[:16]) for t, c, n, s in stored])


def validate_command(args) -> None:
    """``codemix leaderboard validate``: every problem, exit 1 if any."""
    from codemix.leaderboard.board import SubmissionError

    problems = _board(args).validate(args.folder)
    if problems:
        raise SubmissionError(args.folder, problems)
    print(f"{args.folder}: valid")


def submit_command(args) -> None:
    """``codemix leaderboard submit``: store and print the scores and ranks."""
    from codemix.common.text import print_table

    result = _board(args).submit(args.folder)
    print(f"stored as submission #{result['id']} (sha256 {result['sha256'][:16]})")
    rows = [(cell, f"{s['accuracy']:.4f}", f"{s['macro_f1']:.4f}", f"{s['weighted_f1']:.4f}", s["main"], result["ranks"].get(cell))
            for cell, s in sorted(result["scores"].items())]
    print_table(("cell", "accuracy", "macro-F1", "weighted-F1", "main", "rank"), rows)


def _check_kind(kind, results) -> None:
    """A kind no submission declares: a note if codemix writes it (none yet), else a misspelling, refused."""
    import sys

    from codemix.common.errors import UnknownNameError
    from codemix.common.names import unknown_name_message
    from codemix.leaderboard.board import WRITTEN_KINDS

    declared = {r["kind"] for cell in results["cells"] for r in cell["ranking"]}
    kinds = sorted(declared | {name.split(" ")[0] for name in declared})  # "prompted 2-shot" is a "prompted" too
    if kind is None or kind in kinds:
        return
    if kind not in WRITTEN_KINDS:
        raise UnknownNameError(unknown_name_message("kind", kind, sorted(set(kinds) | set(WRITTEN_KINDS))))
    print(f"(no {kind} submission here yet; the kinds here: {', '.join(kinds) or 'none'})", file=sys.stderr)


def show_command(args) -> None:
    """``codemix leaderboard show``: check the filters, print the tables."""
    from codemix.common.errors import UnknownNameError
    from codemix.common.names import unknown_name_message
    from codemix.common.text import print_table

    results = _board(args).results()
    for flag, plural, value in (("task", "tasks", args.task), ("corpus", "corpora", args.corpus)):
        known = sorted({c[flag] for c in results["cells"]})
        if value is not None and value not in known:
            raise UnknownNameError(unknown_name_message(flag, value, known, known_as=f"This leaderboard's {plural}")
                                   + ("" if known else " (the store has no gold yet: `codemix leaderboard init`)"))
    _check_kind(args.kind, results)
    from codemix.leaderboard.show import show_text

    print(show_text(results, args.task, args.corpus, print_table, kind=args.kind))


def render_command(args) -> None:
    """``codemix leaderboard render``."""
    path = _board(args).render(args.out)
    print(f"wrote {path}")


def serve_command(args) -> None:
    """``codemix leaderboard serve``: until Ctrl-C."""
    from codemix.leaderboard.serve import make_server

    board = _board(args)
    board.results()  # checks the store before serving: a missing or foreign file is one clear error
    board.close()
    server = make_server(board.path, args.host, args.port)
    print(f"serving {board.path} on http://{args.host}:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def export_command(args) -> None:
    """``codemix leaderboard export``."""
    written = _board(args).export(args.out)
    print(f"wrote {len(written)} files to {args.out}")
