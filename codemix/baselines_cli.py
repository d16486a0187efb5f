"""``codemix baseline run`` and ``codemix benchmark``."""

from __future__ import annotations

import json

BASELINE_EXAMPLES = """examples:
  codemix baseline run majority --task lid --corpus demo_hien
  codemix baseline run char_ngram --task sentiment --corpus sentimix2020_hien --data-dir ../shared/data --out runs/sm
  codemix baseline run crf --task pos --corpus icon2016_hien_pos --seed 1 --data-dir ../shared/data
  codemix baseline run bilstm_crf --task lid --corpus dutta2022_bnen_lid --epochs 5 --data-dir ../shared/data
  codemix baseline run ensemble --task lid --corpus demo_hien --networks 3
  codemix baseline run transformer --model models/mbert --task lid --corpus sentimix2020_hien --data-dir ../shared/data --epochs 3
"""
BENCHMARK_EXAMPLES = """examples:
  codemix benchmark --data-dir ../shared/data --out runs/benchmark
  codemix benchmark --corpora dutta2022_bnen_lid icon2016_bnen_pos --tasks lid --baselines majority crf --transfer --data-dir ../shared/data
  codemix benchmark --corpora trac2018_hien_aggression --tasks offensive --baselines majority --script-robustness --data-dir ../shared/data
"""


def add_baseline_commands(commands, formatter) -> None:
    """Register ``codemix baseline run`` and ``codemix benchmark``."""
    baseline = commands.add_parser("baseline", help="train and evaluate one baseline on one corpus",
                                   epilog=BASELINE_EXAMPLES, formatter_class=formatter)
    actions = baseline.add_subparsers(title="baseline commands", metavar="ACTION")
    run = actions.add_parser("run", help="fit on train (select on validation), predict test, write a submission folder",
                             description="Fit one baseline on a corpus's train split (hyper-parameters chosen on "
                                         "validation), predict its test split and write a scored submission folder.",
                             epilog=BASELINE_EXAMPLES, formatter_class=formatter)
    run.add_argument("name", help="majority, char_ngram, crf, bilstm_crf, ensemble or transformer")
    run.add_argument("--task", required=True, help="lid, pos, sentiment or offensive")
    run.add_argument("--corpus", required=True, help="a corpus with that task and a train split (see `codemix corpora list`)")
    run.add_argument("--data-dir", help="folder holding <corpus>/<file> (default: CODEMIX_DATA_DIR, then the cache)")
    run.add_argument("--no-verify", action="store_true", help="accept files whose sha256 differs from the pinned release")
    run.add_argument("--out", help="submission folder (default codemix-runs/<baseline>.<task>.<corpus>)")
    run.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    run.add_argument("--save-model", metavar="PATH", help="also save the fitted model (joblib; a folder for transformer)")
    encoder = run.add_argument_group("transformer and bilstm_crf options")
    encoder.add_argument("--model", help="Hugging Face model name or local directory (default bert-base-multilingual-cased)")
    encoder.add_argument("--epochs", type=float, help="training epochs (transformer default 3; bilstm_crf: at most this "
                                                      "many, early-stopped on validation, default 30)")
    encoder.add_argument("--lr", type=float, help="learning rate (transformer default 5e-5, bilstm_crf 2e-3)")
    encoder.add_argument("--batch-size", type=int, help="batch size per device (transformer default 16, bilstm_crf 32)")
    encoder.add_argument("--max-length", type=int, help="longest input in sub-words (default 128)")
    vote = run.add_argument_group("ensemble options")
    vote.add_argument("--networks", type=int, help="BiLSTM-CRF networks in the vote, seeded seed, seed+1, ... and trained in "
                                                   "worker processes, one per CPU (default 3; one on a train split over 300,000 tokens)")
    run.set_defaults(run=baseline_run)

    bench = commands.add_parser("benchmark", help="every baseline on every available corpus and task, next to published results",
                                description="Every baseline on every corpus and task whose files are on disk, scored on "
                                            "the test splits next to the published results under their own protocol.",
                                epilog=BENCHMARK_EXAMPLES, formatter_class=formatter)
    bench.add_argument("--corpora", nargs="+", help="default: every corpus whose files are here")
    bench.add_argument("--baselines", nargs="+",
                       help="default: majority char_ngram crf, plus bilstm_crf ensemble when torch is installed")
    bench.add_argument("--tasks", nargs="+", help="default: every task")
    bench.add_argument("--out", default="benchmark-results", help="folder for results.json and results.md")
    bench.add_argument("--data-dir", help="folder holding <corpus>/<file> (default: CODEMIX_DATA_DIR, then the cache)")
    bench.add_argument("--no-verify", action="store_true", help="accept files whose sha256 differs from the pinned release")
    bench.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    bench.add_argument("--transfer", action="store_true", help="train on each corpus, test on every other corpus of the task")
    bench.add_argument("--script-robustness", action="store_true", help="also score on the test set with native script romanised")
    bench.set_defaults(run=benchmark)


# the training options each neural baseline takes from the command line (the transformer's are all of them)
NETWORK_OPTIONS = {"transformer": ("model", "epochs", "lr", "batch_size", "max_length"),
                   "bilstm_crf": ("epochs", "lr", "batch_size"), "ensemble": ("networks",)}


def baseline_run(args) -> None:
    """``codemix baseline run``: fit, predict, write and score a submission."""
    from codemix.baselines.runner import run_baseline
    from codemix.common.text import print_table

    given = dict.fromkeys(key for keys in NETWORK_OPTIONS.values() for key in keys)
    options = {key: getattr(args, key) for key in given if getattr(args, key) is not None}
    allowed = NETWORK_OPTIONS.get(args.name, ())
    if set(options) - set(allowed):
        from codemix.common.errors import CodemixError

        refused = sorted(set(options) - set(allowed))
        takers = [f"{name} ({', '.join('--' + o.replace('_', '-') for o in opts)})" for name, opts in NETWORK_OPTIONS.items()]
        raise CodemixError(f"--{', --'.join(k.replace('_', '-') for k in refused)} apply to "
                           f"{', '.join(takers[:-1])} and {takers[-1]}, not to {args.name}")
    result = run_baseline(args.name, args.task, args.corpus, data_dir=args.data_dir, out=args.out, seed=args.seed,
                          options=options, save_model=args.save_model, verify=not args.no_verify)
    scores = result["scores"]
    if scores is None:  # a non-main process of a distributed run
        return
    print_table(("baseline", "task", "corpus", "accuracy", "macro-F1", "weighted-F1", "train s"),
                [(args.name, args.task, args.corpus, f"{scores['accuracy']:.4f}", f"{scores['macro_f1']:.4f}",
                  f"{scores['weighted_f1']:.4f}", f"{scores['train_seconds']:.1f}")])
    print(f"\nsubmission: {result['out']} (scores in {result['out']}/scores.json; main score {scores['main']})")
    print("chosen on validation: " + json.dumps({k: v for k, v in result["config"].items() if k != "baseline"}))


def benchmark(args) -> None:
    """``codemix benchmark``: check the names, then run the grid."""
    from codemix.baselines.base import BASELINES
    from codemix.baselines.benchmark import run_benchmark
    from codemix.common.errors import CodemixError, UnknownNameError
    from codemix.loaders.registry import get_spec, unknown_name_message
    from codemix.tasks.registry import list_tasks

    for name in args.baselines or []:
        if name not in BASELINES:
            raise UnknownNameError(unknown_name_message("baseline", name, list(BASELINES)))
    for name in args.tasks or []:
        if name not in list_tasks():
            raise UnknownNameError(unknown_name_message("task", name, list_tasks()))
    specs = [get_spec(name) for name in args.corpora or []]  # unknown corpora: did-you-mean
    if args.tasks and specs and not any(t in spec.tasks for spec in specs for t in args.tasks):
        raise CodemixError(f"nothing to run: corpora {args.corpora} have tasks "
                           f"{sorted({t for spec in specs for t in spec.tasks})}, not {args.tasks}")
    run_benchmark(args.corpora, args.baselines, args.tasks, args.out, args.data_dir, args.seed,
                  transfer=args.transfer, script_robustness=args.script_robustness, verify=not args.no_verify)
    print(f"\nwrote {args.out}/results.json and {args.out}/results.md")
