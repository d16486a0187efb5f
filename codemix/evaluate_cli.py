"""``codemix evaluate``: any model on the suite - a fine-tuned checkpoint, a prompted LLM, a Python object."""

from __future__ import annotations

import json
import re
from pathlib import Path

EXAMPLES = """examples:
  codemix evaluate --model hf:runs/sail-model --corpora sail2017_hien --data-dir ../shared/data --out runs/sail-eval
  codemix evaluate --model llm:models/qwen2.5-0.5b --tasks sentiment --corpora demo_hien --shots 2 --out runs/qwen
  codemix evaluate --model openai:meta-llama/Llama-3.1-8B-Instruct@http://localhost:8000/v1 --tasks sentiment \\
      --corpora sentmix3l_bnenhi --concurrency 16 --out runs/llama --submit
  codemix evaluate --model mypackage.models:MyTagger --corpora demo_hien --limit 10 --out runs/quick-look
  codemix evaluate --model baseline:runs/melid-crf.joblib --corpora l3cube_melid --data-dir ../shared/data --out runs/melid-crf

(The model paths, server and module above stand for your own.)

Model specs: hf:PATH_OR_NAME (a fine-tuned classifier), llm:PATH_OR_NAME (a causal LM, prompted),
openai:MODEL@BASE_URL (an OpenAI-compatible server, prompted), baseline:PATH (a baseline saved by
`codemix baseline run ... --save-model PATH`, on its one task), module:attribute (a Python object
with predict(task, records), or a factory of one).
"""


def add_evaluate_command(commands, formatter) -> None:
    """Register ``codemix evaluate``."""
    import argparse

    run = commands.add_parser("evaluate", help="evaluate any model (hf:, llm:, openai:, baseline:, module:attr) and "
                                               "write a submission",
                              description="Run a model over the test splits, write a submission folder, score it with the "
                                          "leaderboard's code and optionally submit it.",
                              epilog=EXAMPLES, formatter_class=formatter)
    run.add_argument("--model", required=True, metavar="SPEC",
                     help="hf:PATH, llm:PATH, openai:MODEL@URL, baseline:PATH or module:attribute")
    run.add_argument("--tasks", nargs="+", metavar="T", help="default: every task of the corpora the model can predict")
    run.add_argument("--corpora", nargs="+", metavar="C", help="default: every corpus whose files are on disk")
    run.add_argument("--data-dir", metavar="D", help="folder with the corpus files (default $CODEMIX_DATA_DIR, then the cache)")
    run.add_argument("--no-verify", action="store_true", help="accept corpus files whose sha256 differs from the pinned release")
    run.add_argument("--out", metavar="DIR", help="submission folder (default codemix-runs/<model>)")
    run.add_argument("--shots", type=int, default=0, metavar="K", help="few-shot examples from each corpus's train split")
    run.add_argument("--shots-from", metavar="CORPUS", help="where a test-only corpus's examples come from")
    run.add_argument("--seed", type=int, default=0, help="seed of the few-shot draw (default 0)")
    run.add_argument("--limit", type=int, metavar="N", help="only the first N test items per cell (partial: not submittable)")
    run.add_argument("--batch-size", type=int, metavar="B", help="batch size of a local model (hf:, llm:)")
    run.add_argument("--max-length", type=int, metavar="L", help="longest input in sub-words (default: the model's)")
    run.add_argument("--label-map", nargs="+", metavar="MODEL=LABEL",
                     help="hf: map the model's labels onto the task's (LABEL_0=negative ...), or a JSON file")
    run.add_argument("--method", choices=("loglik", "generate"), help="sentence tasks of llm:/openai: (default loglik)")
    run.add_argument("--template", nargs="+", metavar="FILE", help="your own prompt template file(s), one per task")
    run.add_argument("--max-new-tokens", type=int, metavar="N", help="generation budget (default 16, token tasks 32 + 12 per token)")
    run.add_argument("--concurrency", type=int, metavar="N", help="openai: requests in flight at once (default 4)")
    run.add_argument("--api-key-env", metavar="NAME", help="openai: environment variable holding the API key (default OPENAI_API_KEY)")
    run.add_argument("--timeout", type=float, metavar="S", help="openai: seconds for the whole answer to a request (default 120)")
    run.add_argument("--retries", type=int, metavar="N", help="openai: retries with backoff on server errors (default 4)")
    run.add_argument("--chat", choices=("yes", "no"), help="openai: generate through /chat/completions (yes, default) "
                                                           "or /completions (no)")
    cache = run.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="PATH", help="response cache (default $CODEMIX_HOME/responses.sqlite)")
    cache.add_argument("--no-cache", action="store_true", help="do not cache model responses")
    run.add_argument("--team", help="meta.json team (default anonymous)")
    run.add_argument("--system", help="meta.json system name (default the model spec)")
    run.add_argument("--description", help="meta.json description")
    run.add_argument("--plots", metavar="DIR", help="draw the main score against the CMI bucket per cell (plots extra)")
    run.add_argument("--submit", action="store_true", help="also validate and store the submission in the leaderboard")
    run.add_argument("--db", metavar="PATH", help="leaderboard store for --submit (default $CODEMIX_HOME/leaderboard.sqlite)")
    run.add_argument("--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress bars")
    run.set_defaults(run=evaluate_command)


def evaluate_command(args) -> None:
    """Run ``codemix.evaluate`` from the parsed arguments and print the scores."""
    from codemix.evaluation import evaluate
    from codemix.common.text import print_table

    if args.plots:
        from codemix.baselines.model import require

        require("matplotlib", "plots")
        from codemix.common.paths import check_output_folder

        check_output_folder(args.plots, "--plots")  # before the model answers
    out = args.out or str(Path("codemix-runs") / re.sub(r"[^A-Za-z0-9_.-]+", "_", args.model).strip("_"))
    meta = {key: getattr(args, key) for key in ("team", "system", "description") if getattr(args, key)}
    scores = evaluate(args.model, tasks=args.tasks, corpora=args.corpora, data_dir=args.data_dir, out=out, shots=args.shots,
                      seed=args.seed, meta=meta or None, limit=args.limit, shots_from=args.shots_from,
                      verify=not args.no_verify, submit=args.submit, db=args.db, model_options=_model_options(args),
                      progress=False if getattr(args, "quiet", False) else None)
    rows = [(cell, s["items"], f"{s['accuracy']:.4f}", f"{s['macro_f1']:.4f}", f"{s['weighted_f1']:.4f}",
             f"{s['main']:.4f} {s['main_metric']}", s["unanswered"], s.get("rank", "-")) for cell, s in scores.items()]
    print_table(("cell", "items", "accuracy", "macro-F1", "weighted-F1", "main", "no answer", "rank"), rows)
    for cell, s in scores.items():
        if "cmi" in s["slices"]:
            buckets = ", ".join(f"{name} {v['main']:.3f} ({v['items']})" for name, v in s["slices"]["cmi"].items())
            print(f"{cell} by CMI bucket (main score, items): {buckets}")
    published = list(published_lines(scores))
    if published:
        print("\npublished results for these cells (from the corpus specs), next to yours:")
        print("\n".join(published))
    cut = [cell for cell, s in scores.items() if s.get("partial")]
    if cut:
        print(f"(partial: only the first {args.limit} items of {', '.join(cut)}; not submittable)")
    if args.plots:
        from codemix.plots import plot_cmi_slices

        drawn = plot_cmi_slices(scores, args.plots)
        for path in drawn:
            print(f"wrote {path}")
        if not drawn:
            print(f"(--plots {args.plots}: nothing drawn - no cell's corpus has token LID tags to slice by CMI)")
    print(f"\nsubmission: {out} (scores, slices and prompting counts in {out}/scores.json)")


def published_lines(scores: dict):
    """One line per published result of an evaluated cell, with this run's score under the same protocol."""
    from codemix.loaders.registry import get_spec

    for cell, result in scores.items():
        task_name, corpus = cell.split("/")
        for reference in get_spec(corpus).references:
            if reference.task != task_name:
                continue
            differs = [what for what, same in (
                (f"metric {reference.metric}", reference.metric in ("accuracy", "macro_f1", "weighted_f1")),
                (f"{reference.label_scheme} labels", reference.label_scheme == "canonical"),
                (f"domain {reference.domain}", not reference.domain),
                (f"split {reference.split}", reference.split == "test"),
                ("this run is partial", not result.get("partial"))) if not same]
            ours = (f"yours {result[reference.metric]:.4f}" if not differs
                    else "not comparable (" + ", ".join(differs) + ")")
            kind = f" [{reference.model_kind}]" if reference.model_kind else ""
            unverified = f" (UNVERIFIED: {reference.unverified})" if reference.unverified else ""
            yield f"  {cell}: {reference.system}{kind} {reference.metric} {reference.value}{unverified} - {ours}"


def _model_options(args) -> dict:
    options = {"batch_size": args.batch_size, "max_length": args.max_length, "method": args.method,
               "template": args.template, "max_new_tokens": args.max_new_tokens, "concurrency": args.concurrency,
               "api_key_env": args.api_key_env, "timeout": args.timeout, "retries": args.retries,
               "label_map": _label_map(args.label_map) if args.label_map else None,
               "cache": False if args.no_cache else args.cache,
               "chat": None if args.chat is None else args.chat == "yes"}
    return {key: value for key, value in options.items() if value is not None}


def _label_map(items: list[str]) -> dict[str, str]:
    from codemix.common.errors import CodemixError

    if len(items) == 1 and "=" not in items[0]:
        from codemix.common.paths import read_small_text

        if not Path(items[0]).exists():
            raise CodemixError(f"--label-map {items[0]}: expected MODEL=LABEL pairs or a JSON file (there is no such file)")
        text = read_small_text(items[0], "--label-map")
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError as error:
            raise CodemixError(f"--label-map {items[0]}: expected MODEL=LABEL pairs or a JSON file ({error})") from None
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise CodemixError(f"--label-map {items[0]}: the JSON file must hold an object of model label -> task label")
        return {str(k): v for k, v in mapping.items()}
    mapping = {}
    for item in items:
        model_label, sep, label = item.partition("=")
        if not sep or not model_label:
            raise CodemixError(f"--label-map {item!r}: write MODEL_LABEL=TASK_LABEL (e.g. LABEL_0=negative)")
        if model_label in mapping and mapping[model_label] != label:
            raise CodemixError(f"--label-map maps {model_label!r} twice ({mapping[model_label]!r} and {label!r}); "
                               "give each model label one task label")
        mapping[model_label] = label
    return mapping
