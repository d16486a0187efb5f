"""The ``codemix`` command line. User errors print one message and exit 1; bugs keep their traceback."""

from __future__ import annotations

import argparse
import sys
import textwrap

from codemix.loaders.errors import CodemixError

EXAMPLES = """\
examples:
  codemix corpora list
  codemix corpora show l3cube_mesent --data-dir ../shared/data
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

    corpora = commands.add_parser("corpora", help="list and inspect corpora", epilog=EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    corpora_commands = corpora.add_subparsers(title="corpora commands", metavar="ACTION")
    listing = corpora_commands.add_parser("list", help="every registered corpus with pair, tasks and licence")
    listing.set_defaults(run=_corpora_list)
    show = corpora_commands.add_parser(
        "show", help="one corpus: languages, tasks, files (URL, sha256), licence, citation, split sizes",
        epilog="example:\n  codemix corpora show sentimix2020_hien --data-dir ../shared/data",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    show.add_argument("name")
    show.add_argument("--data-dir", help="folder holding <corpus>/<file> (default: CODEMIX_DATA_DIR, then the cache)")
    show.set_defaults(run=_corpora_show)

    demo = commands.add_parser("demo", help="run the main job on the embedded demo corpora (no download)")
    demo.set_defaults(run=_demo)
    return parser


def _version() -> str:
    from codemix import __version__

    return __version__


def _corpora_list(args) -> None:
    from codemix.loaders.registry import all_specs

    rows = [(s.name, s.pair, ",".join(s.tasks), _short_licence(s.license)) for s in all_specs().values()]
    print_table(("corpus", "pair", "tasks", "licence"), rows)


def _short_licence(text: str) -> str:
    return text.split(" (")[0]


def _corpora_show(args) -> None:
    from codemix.loaders.registry import get_spec

    spec = get_spec(args.name)
    print(f"{spec.name} (version {spec.version})")
    print(f"  {spec.description}")
    print(f"  pair: {spec.pair}    languages: {', '.join(spec.languages)}    tasks: {', '.join(spec.tasks)}")
    print(f"  format: {spec.format}    splits: {spec.split_policy.kind}"
          + (f" - {spec.split_policy.description}" if spec.split_policy.description else ""))
    print(f"  licence: {spec.license}")
    print("  citation: " + textwrap.fill(spec.citation, 100, subsequent_indent="    ").lstrip())
    if spec.homepage:
        print(f"  homepage: {spec.homepage}")
    print("  files:")
    for f in spec.files:
        where = f.url or "bundled with codemix"
        print(f"    {f.path}  [{f.role}{', ' + f.split if f.split else ''}{', ' + f.domain if f.domain else ''}]")
        print(f"      url: {where}")
        print(f"      sha256: {f.sha256 or 'not pinned (optional file)'}")
    for reference in spec.references:
        print(f"  published: {reference.task} {reference.metric} {reference.value} - {reference.system}"
              f" ({reference.split}{', ' + reference.domain if reference.domain else ''}; {reference.label_scheme} labels)")
    for note in spec.notes:
        print("  note: " + textwrap.fill(note, 100, subsequent_indent="    ").lstrip())
    _print_sizes(spec, args.data_dir)


def _print_sizes(spec, data_dir) -> None:
    """Split sizes and the load report, when the files are on disk (never downloads)."""
    import os

    from codemix.loaders.api import _load_eager, resolve_files

    previous = os.environ.get("CODEMIX_OFFLINE")
    os.environ["CODEMIX_OFFLINE"] = "1"
    try:
        files = resolve_files(spec, data_dir)
    except CodemixError as error:
        print(f"  split sizes: files not available here ({str(error).splitlines()[0]})")
        return
    finally:
        if previous is None:
            del os.environ["CODEMIX_OFFLINE"]
        else:
            os.environ["CODEMIX_OFFLINE"] = previous
    dataset, report = _load_eager(spec, files, True)
    sizes = ", ".join(f"{s} {dataset[s].num_rows:,} ({sum(map(len, dataset[s]['tokens'])):,} tokens)" for s in dataset)
    print(f"  split sizes: {sizes}")
    for line in report.lines():
        print(f"  load report: {line}")


def _demo(args) -> None:
    from codemix.demo import run_demo

    run_demo()


def print_table(header: tuple[str, ...], rows: list[tuple], out=None) -> None:
    """A plain aligned text table."""
    out = out or sys.stdout
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for index, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
        if index == 0:
            print("  ".join("-" * w for w in widths), file=out)


if __name__ == "__main__":
    sys.exit(main())
