"""``codemix corpora ...`` subcommands."""

from __future__ import annotations

import textwrap

from codemix.loaders.api import load_available, no_downloads
from codemix.common.errors import CodemixError


def add_corpora_commands(commands, formatter) -> None:
    """Register ``codemix corpora`` and its actions."""
    corpora = commands.add_parser("corpora", help="list, inspect, compare and export corpora", formatter_class=formatter,
                                  epilog="examples:\n  codemix corpora list\n  codemix corpora show sail2017_hien --data-dir ../shared/data\n"
                                         "  codemix corpora leakage --corpora l3cube_mesent l3cube_melid --data-dir ../shared/data\n"
                                         "  codemix corpora export l3cube_mesent --to out/mesent --data-dir ../shared/data")
    actions = corpora.add_subparsers(title="corpora commands", metavar="ACTION")
    listing = actions.add_parser("list", help="every registered corpus with pair, tasks and licence",
                                 description="Every registered corpus with its language pair, tasks and licence.",
                                 epilog="example:\n  codemix corpora list", formatter_class=formatter)
    listing.set_defaults(run=corpora_list)

    def reading(name, helptext, example, run):
        """A subcommand that reads corpus files: --data-dir and --no-verify come with it."""
        action = actions.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:] + ".",
                                    epilog=f"example:\n  {example}", formatter_class=formatter)
        action.add_argument("--data-dir", help="folder holding <corpus>/<file> (default: CODEMIX_DATA_DIR, then the cache)")
        action.add_argument("--no-verify", action="store_true", help="accept files whose sha256 differs from the pinned release")
        action.set_defaults(run=run)
        return action

    show = reading("show", "one corpus: languages, tasks, files (URL, sha256), licence, citation, sizes, load report",
                   "codemix corpora show sentimix2020_hien --data-dir ../shared/data", corpora_show)
    show.add_argument("name", help="a corpus name (see `codemix corpora list`)")

    leakage = reading("leakage", "exact and normalised text overlap between splits and across corpora",
                      "codemix corpora leakage --corpora trac2018_hien_aggression l3cube_mesent --data-dir ../shared/data",
                      corpora_leakage)
    leakage.add_argument("--corpora", nargs="+", help="corpora to compare (default: every corpus whose files are here)")

    stats = reading("stats", "corpus card: sizes, labels, scripts, CMI and mixing per split",
                    "codemix corpora stats sentimix2020_hien --plots out/cards --markdown out/sentimix.md --data-dir ../shared/data",
                    corpora_stats)
    stats.add_argument("name", help="a corpus name (see `codemix corpora list`)")
    stats.add_argument("--plots", metavar="DIR", help="write PNG plots there (needs the plots extra)")
    stats.add_argument("--markdown", metavar="FILE", help="also write the card as Markdown")

    cite = actions.add_parser("cite", help="BibTeX of the papers to cite for corpora (and of codemix)",
                              description="Print the BibTeX entries of the papers behind the named corpora, each once, "
                                          "with codemix's own entry first.",
                              epilog="example:\n  codemix corpora cite sail2017_hien trac2018_hien_aggression > references.bib",
                              formatter_class=formatter)
    cite.add_argument("names", nargs="+", metavar="NAME", help="corpus names (see `codemix corpora list`)")
    cite.set_defaults(run=corpora_cite)

    export = reading("export", "write the normalised records as parquet or jsonl (load_dataset reads them back)",
                     "codemix corpora export sail2017_hien --to out/sail-jsonl --format jsonl --data-dir ../shared/data", corpora_export)
    export.add_argument("name", help="a corpus name (see `codemix corpora list`)")
    export.add_argument("--to", required=True, help="a new or empty folder")
    export.add_argument("--format", default="parquet", choices=["parquet", "jsonl"],
                        help="parquet (default) or jsonl; both read back by datasets.load_dataset")


def corpora_cite(args) -> None:
    """Print the BibTeX of the named corpora."""
    from codemix.loaders.citations import references_bib
    from codemix.loaders.registry import get_spec

    for name in args.names:
        get_spec(name)  # unknown names: did-you-mean before any output
    print(references_bib(args.names), end="")


def corpora_list(args) -> None:
    """``codemix corpora list``."""
    from codemix.common.text import print_table
    from codemix.loaders.registry import all_specs

    rows = [(s.name, s.pair, ",".join(s.tasks), s.license.split(" (")[0]) for s in all_specs().values()]
    print_table(("corpus", "pair", "tasks", "licence"), rows)


def corpora_show(args) -> None:
    """``codemix corpora show``: the spec, its files and the load report."""
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
        print(f"    {f.path}  [{f.role}{', ' + f.split if f.split else ''}{', ' + f.domain if f.domain else ''}]")
        print(f"      url: {f.url or 'bundled with codemix'}")
        print(f"      sha256: {f.sha256 or 'not pinned (optional file)'}")
        print(f"      size: {f'{f.size:,} bytes' if f.size is not None else 'not pinned'}")
    for field, label_map in spec.label_maps.items():
        pairs = ", ".join(f"{source}->{target}" for source, target in label_map.mapping.items())
        print("  labels " + textwrap.fill(f"{field}: {pairs}", 100, subsequent_indent="    ").lstrip())
    for reference in spec.references:
        print(f"  published: {reference.task} {reference.metric} {reference.value} - {reference.system}"
              f" ({reference.split}{', ' + reference.domain if reference.domain else ''}; {reference.label_scheme} labels"
              f"{'; ' + reference.model_kind if reference.model_kind else ''})"
              f"{'  UNVERIFIED: ' + reference.unverified if reference.unverified else ''}")
    for note in spec.notes:
        print("  note: " + textwrap.fill(note, 100, subsequent_indent="    ").lstrip())
    _print_sizes(spec, args.data_dir, not args.no_verify)


def _print_sizes(spec, data_dir, verify: bool) -> None:
    from codemix.loaders.api import load_with_report
    from codemix.common.errors import DataNotFoundError

    try:
        with no_downloads():
            dataset, report = load_with_report(spec, data_dir, verify)
    except DataNotFoundError as error:
        print(f"  split sizes: files not available here ({str(error).splitlines()[0]})")
        return
    sizes = ", ".join(f"{s} {dataset[s].num_rows:,} ({sum(map(len, dataset[s]['tokens'])):,} tokens)" for s in dataset)
    print(f"  split sizes: {sizes}")
    for line in report.lines():
        print(f"  load report: {line}")
    for field, counts in sorted(report.label_counts.items()):
        top = ", ".join(f"{label} {n:,}" for label, n in counts.most_common(15))
        more = f" (+{len(counts) - 15} more)" if len(counts) > 15 else ""
        print("  source " + textwrap.fill(f"{field} labels: {top}{more}", 100, subsequent_indent="    ").lstrip())


def corpora_leakage(args) -> None:
    """``codemix corpora leakage``: overlap within and across corpora."""
    from codemix.common.text import print_table
    from codemix.loaders.leakage import corpus_overlaps, split_overlaps

    datasets = load_available(args.corpora, args.data_dir, not args.no_verify)
    if not datasets:
        raise CodemixError("no corpus files found: pass --data-dir or set CODEMIX_DATA_DIR")
    from codemix.loaders.progress import status

    status(f"comparing the texts of {len(datasets)} corpora (exact and normalised)")
    rows = [(o.left, o.right, o.exact, o.normalised, o.right_size) for name, d in datasets.items() for o in split_overlaps(name, d)]
    print("Within corpora: records of the right-hand split whose text also occurs in the left-hand one\n")
    print_table(("in", "records of", "exact", "normalised", "of"), rows)
    across = [o for o in corpus_overlaps(datasets) if o.exact or o.normalised]
    print("\nAcross corpora (pairs with any overlap): records of the second corpus whose text occurs in the first\n")
    print_table(("corpus", "records of corpus", "exact", "normalised", "of"),
                [(o.left, o.right, o.exact, o.normalised, o.right_size) for o in across] or [("-", "-", 0, 0, "-")])
    print("\nTo train on one corpus and test on another without shared texts: "
          "codemix.loaders.leakage.dedupe(train, test) drops the overlapping training records.")


def corpora_export(args) -> None:
    """``codemix corpora export``: parquet or jsonl with a dataset card."""
    from codemix.loaders.api import load
    from codemix.loaders.export import check_export_folder, export
    from codemix.loaders.registry import get_spec

    spec = get_spec(args.name)
    check_export_folder(args.to, args.format)  # before a corpus is loaded
    with no_downloads():
        dataset = load(args.name, data_dir=args.data_dir, verify=not args.no_verify)
    written = export(spec, dataset, args.to, args.format)
    print(f"wrote {len(written)} files to {args.to}: {', '.join(p.name for p in written)}")
    reader = "parquet" if args.format == "parquet" else "json"
    print(f'read back with: datasets.load_dataset("{reader}", data_dir="{args.to}")')


def corpora_stats(args) -> None:
    """``codemix corpora stats``: the corpus card, optional plots and Markdown."""
    from pathlib import Path

    from codemix.cards import card_lines, corpus_card, draw_plots, plotting
    from codemix.common.paths import check_output_file, check_output_folder
    from codemix.loaders.api import load
    from codemix.loaders.registry import get_spec

    spec = get_spec(args.name)
    # every output place and the plots extra are checked before the card is computed or printed
    if args.markdown:
        check_output_file(args.markdown, "--markdown")
    if args.plots:
        check_output_folder(args.plots, "--plots")
        plotting()
    with no_downloads():
        dataset = load(args.name, data_dir=args.data_dir, verify=not args.no_verify)
    from codemix.loaders.progress import status

    status(f"{args.name}: computing labels, scripts and code-mixing statistics per split")
    card = corpus_card(spec, dataset)
    lines = card_lines(spec, card)
    print("\n".join(lines))
    if args.markdown:
        Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {args.markdown}")
    if args.plots:
        for path in draw_plots(spec, card, args.plots):
            print(f"wrote {path}")
