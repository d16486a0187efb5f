"""Benchmark results as Markdown tables and transfer heatmaps."""

from __future__ import annotations

from pathlib import Path


def results_markdown(results: dict) -> str:
    """The benchmark results as Markdown: scores, published results, choices and transfer."""
    lines = ["# codemix benchmark", "",
             "Scores on each corpus's test split (token tasks: all tokens pooled). Published results are shown under "
             "their own protocol (metric, label scheme, domain); `ours` is our baseline scored the same way. "
             "`validation` is the baseline's main score on validation, from its own selection (before any refit); "
             "`train s` is its selection + fit time.", "",
             "| corpus | task | baseline | validation | accuracy | macro-F1 | weighted-F1 | train s | published (protocol) | "
             "ours, same protocol |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in results["rows"]:
        published = row["published"] or [None]
        for index, reference in enumerate(published):
            validation = "-" if row.get("validation_main") is None else f"{row['validation_main']:.4f}"
            head = (f"| {row['corpus']} | {row['task']} | {row['baseline']} | {validation} | {row['accuracy']:.4f} | "
                    f"{row['macro_f1']:.4f} | {row['weighted_f1']:.4f} | {row['train_seconds']:.1f} |"
                    ) if index == 0 else "| | | | | | | | |"
            if reference is None:
                lines.append(head + " - | - |")
                continue
            protocol = ", ".join(x for x in (reference["metric"], reference["label_scheme"] + " labels",
                                            reference["domain"] or "", reference["split"]) if x)
            ours = "not comparable" if not reference["comparable"] else f"{reference['ours']:.4f}"
            kind = f" [{reference['model_kind']}]" if reference.get("model_kind") else ""
            kind += f" (UNVERIFIED: {reference['unverified']})" if reference.get("unverified") else ""
            lines.append(f"{head} {reference['value']} {reference['system']}{kind} ({protocol}) | {ours} |")
    if results.get("script_robustness"):
        lines += ["", "## Script robustness", "", "Main score on the test set as published and with native-script "
                  "tokens romanised (same trained model).", "",
                  "| corpus | task | baseline | metric | original | romanised | difference |", "|---|---|---|---|---|---|---|"]
        for r in results["script_robustness"]:
            lines.append(f"| {r['corpus']} | {r['task']} | {r['baseline']} | {r['metric']} | {r['original']:.4f} | "
                         f"{r['romanised']:.4f} | {r['difference'] + 0.0:+.4f} |")
    piped = [row for row in results["rows"] if "pos_with_predicted_lid" in row]
    if piped:
        lines += ["", "## POS with LID given and with LID predicted", "", "POS may read each token's LID tag (the ICON "
                  "contests gave it with the input); the pipeline column feeds the POS model the tags an LID model "
                  "of the same baseline predicted instead.", "",
                  "| corpus | baseline | metric | LID given (gold) | LID predicted (pipeline) |", "|---|---|---|---|---|"]
        lines += [f"| {r['corpus']} | {r['baseline']} | {r['main']} | {r[r['main']]:.4f} | {r['pos_with_predicted_lid']:.4f} |"
                  for r in piped]
    if results.get("chosen"):
        lines += ["", "## Chosen on validation", "", "Per corpus and task, the baseline with the best validation "
                  "main score (its own selection score, before any refit); the test score is only reported, never "
                  "used to choose.", "", "| corpus | task | metric | chosen | validation | test |", "|---|---|---|---|---|---|"]
        lines += [f"| {c['corpus']} | {c['task']} | {c['metric']} | {c['baseline']} | {c['validation']:.4f} | {c['test']:.4f} |"
                  for c in results["chosen"]]
    if results.get("transfer"):
        lines += ["", "## Transfer (rows: trained on; columns: tested on; main score)"]
        for (task, baseline), cells in _group(results["transfer"]).items():
            trains = sorted({c["train"] for c in cells})
            tests = sorted({c["test"] for c in cells})
            score = {(c["train"], c["test"]): c["score"] for c in cells}
            lines += ["", f"### {task} - {baseline} ({cells[0]['metric']})", "",
                      "| train \\ test | " + " | ".join(tests) + " |", "|---" * (len(tests) + 1) + "|"]
            for train in trains:
                lines.append(f"| {train} | " + " | ".join(f"{score[(train, t)]:.3f}" for t in tests) + " |")
    return "\n".join(lines) + "\n"


def _group(cells):
    out: dict = {}
    for cell in cells:
        out.setdefault((cell["task"], cell["baseline"]), []).append(cell)
    return out


def draw_heatmaps(cells, out_dir) -> list[Path]:
    """One PNG per (task, baseline) transfer matrix; skipped quietly without matplotlib."""
    try:
        from codemix.tasks.plot_style import SCORE_COLORMAP, pyplot

        plt = pyplot()
    except ImportError:
        return []
    written = []
    for (task, baseline), group in _group(cells).items():
        trains = sorted({c["train"] for c in group})
        tests = sorted({c["test"] for c in group})
        score = {(c["train"], c["test"]): c["score"] for c in group}
        matrix = [[score[(a, b)] for b in tests] for a in trains]
        figure, axis = plt.subplots(figsize=(1.2 * len(tests) + 3, 0.6 * len(trains) + 2))
        image = axis.imshow(matrix, vmin=0, vmax=1, cmap=SCORE_COLORMAP)
        axis.grid(False)
        axis.set_xticks(range(len(tests)), tests, rotation=45, ha="right")
        axis.set_yticks(range(len(trains)), trains)
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                axis.text(j, i, f"{value:.2f}", ha="center", va="center", color="black")
        axis.set_title(f"transfer: {task} / {baseline} ({group[0]['metric']})")
        figure.colorbar(image)
        figure.tight_layout()
        path = Path(out_dir) / f"transfer_{task}_{baseline}.png"
        figure.savefig(path, dpi=110)
        plt.close(figure)
        written.append(path)
    return written
