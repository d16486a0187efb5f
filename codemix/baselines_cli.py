"""``codemix baseline run`` and ``codemix benchmark``."""

from __future__ import annotations

import json

BASELINE_EXAMPLES = """examples:
  codemix baseline run majority --task lid --corpus demo_hien
  codemix baseline run char_ngram --task sentiment --corpus sentimix2020_hien --data-dir ../shared/data --out runs/sm
  codemix baseline run crf --task pos --corpus icon2016_hien_pos --seed 1
  codemix baseline run transformer --model models/mbert --task lid --corpus sentimix2020_hien --epochs 3 --lr 5e-5
"""
BENCHMARK_EXAMPLES = """examples:
  codemix benchmark --data-dir ../shared/data --out runs/benchmark
  codemix benchmark --corpora dutta2022_bnen_lid l3cube_melid --baselines crf char_ngram --transfer
  codemix benchmark --corpora trac2018_hien_aggression --tasks offensive --script-robustness
"""


def add_baseline_commands(commands, formatter) -> None:
    baseline = commands.add_parser("baseline", help="train and evaluate one baseline on one corpus",
                                   epilog=BASELINE_EXAMPLES, formatter_class=formatter)
    actions = baseline.add_subparsers(title="baseline commands", metavar="ACTION")
    run = actions.add_parser("run", help="fit on train (select on validation), predict test, write a submission folder",
                             epilog=BASELINE_EXAMPLES, formatter_class=formatter)
    run.add_argument("name", help="majority, char_ngram, crf or transformer")
    run.add_argument("--task", required=True)
    run.add_argument("--corpus", required=True)
    run.add_argument("--data-dir")
    run.add_argument("--out", help="submission folder (default codemix-runs/<baseline>.<task>.<corpus>)")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--save-model", metavar="PATH", help="also save the fitted model (joblib; a folder for transformer)")
    encoder = run.add_argument_group("transformer options")
    encoder.add_argument("--model", help="Hugging Face model name or local directory (default bert-base-multilingual-cased)")
    encoder.add_argument("--epochs", type=float)
    encoder.add_argument("--lr", type=float)
    encoder.add_argument("--batch-size", type=int)
    encoder.add_argument("--max-length", type=int)
    run.set_defaults(run=baseline_run)

    bench = commands.add_parser("benchmark", help="every baseline on every available corpus and task, next to published results",
                                epilog=BENCHMARK_EXAMPLES, formatter_class=formatter)
    bench.add_argument("--corpora", nargs="+", help="default: every corpus whose files are here")
    bench.add_argument("--baselines", nargs="+", default=["majority", "char_ngram", "crf"])
    bench.add_argument("--tasks", nargs="+")
    bench.add_argument("--out", default="benchmark-results")
    bench.add_argument("--data-dir")
    bench.add_argument("--seed", type=int, default=0)
    bench.add_argument("--transfer", action="store_true", help="train on each corpus, test on every other corpus of the task")
    bench.add_argument("--script-robustness", action="store_true", help="also score on the test set with native script romanised")
    bench.set_defaults(run=benchmark)


def baseline_run(args) -> None:
    from codemix.baselines.runner import run_baseline
    from codemix.tables import print_table

    options = {key: getattr(args, key) for key in ("model", "epochs", "lr", "batch_size", "max_length")
               if getattr(args, key) is not None}
    if options and args.name != "transformer":
        from codemix.loaders.errors import CodemixError

        raise CodemixError(f"--{', --'.join(k.replace('_', '-') for k in options)} apply to the transformer baseline only")
    result = run_baseline(args.name, args.task, args.corpus, data_dir=args.data_dir, out=args.out, seed=args.seed,
                          options=options, save_model=args.save_model)
    scores = result["scores"]
    if scores is None:  # a non-main process of a distributed run
        return
    print_table(("baseline", "task", "corpus", "accuracy", "macro-F1", "weighted-F1", "train s"),
                [(args.name, args.task, args.corpus, f"{scores['accuracy']:.4f}", f"{scores['macro_f1']:.4f}",
                  f"{scores['weighted_f1']:.4f}", f"{scores['train_seconds']:.1f}")])
    print(f"\nsubmission: {result['out']} (scores in {result['out']}/scores.json; main score {scores['main']})")
    print("chosen on validation: " + json.dumps({k: v for k, v in result["config"].items() if k != "baseline"}))


def benchmark(args) -> None:
    from codemix.baselines.benchmark import run_benchmark

    run_benchmark(args.corpora, args.baselines, args.tasks, args.out, args.data_dir, args.seed,
                  transfer=args.transfer, script_robustness=args.script_robustness)
    print(f"\nwrote {args.out}/results.json and {args.out}/results.md")
