"""Corpus cards: per-split sizes, label distributions, script mix and code-mixing statistics."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from codemix.loaders.normalize import token_script
from codemix.common.labels import TASK_FIELDS
from codemix.tasks.mixing import corpus_mixing_stats


def corpus_card(spec, dataset) -> dict:
    """``{split: {...}}`` with records, tokens, labels per task, scripts and mixing statistics."""
    card = {}
    for split, data in dataset.items():
        tokens = data["tokens"]
        scripts = Counter(token_script(t) for sentence in tokens for t in sentence)
        entry = {"records": data.num_rows, "tokens": sum(map(len, tokens)), "scripts": dict(scripts.most_common()),
                 "labels": {}}
        for task in spec.tasks:
            values = data[TASK_FIELDS[task]]
            flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
            entry["labels"][task] = dict(Counter("(none)" if v is None else v for v in flat).most_common())
        lid = [tags for tags in data["lid"] if tags]
        entry["mixing"] = corpus_mixing_stats(lid) if lid else None
        entry["cmi"] = [s for s in (_cmi(tags) for tags in lid)]
        card[split] = entry
    return card


def _cmi(tags):
    from codemix.tasks.mixing import mixing_stats

    return mixing_stats(tags)["cmi"]


def card_lines(spec, card) -> list[str]:
    """The card as a Markdown document (also what ``codemix corpora stats`` prints)."""
    lines = [f"# {spec.name}", "", spec.description, "",
             "| split | records | tokens | mean CMI (all) | mean CMI (mixed) | % mixed | switch points / utt. | corpus Cc |",
             "|---|---|---|---|---|---|---|---|"]
    for split, entry in card.items():
        m = entry["mixing"]
        cells = ("n/a (no LID)",) * 6 if m is None else (
            _fmt(m["mean_cmi"]), _fmt(m["mixed_mean_cmi"]), _fmt(m["mixed_share"]), _fmt(m["mean_switch_points"], 2),
            _fmt(m["corpus_cmi"]), "")
        lines.append(f"| {split} | {entry['records']:,} | {entry['tokens']:,} | " + " | ".join(cells[:5]) + " |")
    lines += ["", "Scripts (share of tokens): " + "; ".join(
        f"{split} " + ", ".join(f"{s} {100 * n / max(1, e['tokens']):.1f}%" for s, n in list(e["scripts"].items())[:4])
        for split, e in card.items())]
    for task in spec.tasks:
        lines += ["", f"Labels for {task}:"]
        for split, entry in card.items():
            total = sum(entry["labels"][task].values()) or 1
            lines.append(f"- {split}: " + ", ".join(f"{label} {n:,} ({100 * n / total:.1f}%)"
                                                    for label, n in entry["labels"][task].items()))
    return lines


def _fmt(value, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def plotting():
    """matplotlib's pyplot in codemix's style, or one CodemixError naming the plots extra."""
    try:
        from codemix.tasks.plot_style import pyplot

        return pyplot()
    except ImportError:
        from codemix.common.errors import CodemixError

        raise CodemixError("--plots needs matplotlib: pip install 'codemix[plots]'") from None


def draw_plots(spec, card, out_dir: str | Path) -> list[Path]:
    """PNG files: label distribution per split for each task, and a CMI histogram (the plots extra)."""
    plt = plotting()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for task in spec.tasks:
        labels = sorted({label for entry in card.values() for label in entry["labels"][task]})
        figure, axis = plt.subplots(figsize=(max(5, len(labels) * 0.6), 3.5))
        width = 0.8 / max(1, len(card))
        for index, (split, entry) in enumerate(card.items()):
            total = sum(entry["labels"][task].values()) or 1
            axis.bar([i + index * width for i in range(len(labels))],
                     [100 * entry["labels"][task].get(label, 0) / total for label in labels], width, label=split)
        axis.set_xticks([i + width * (len(card) - 1) / 2 for i in range(len(labels))], labels, rotation=45, ha="right")
        axis.set_ylabel("% of split")
        axis.set_title(f"{spec.name}: {task} labels")
        axis.legend()
        figure.tight_layout()
        written.append(_save(figure, out_dir / f"{spec.name}_{task}_labels.png", plt))
    cmi = {split: entry["cmi"] for split, entry in card.items() if entry["cmi"]}
    if cmi:
        figure, axis = plt.subplots(figsize=(6, 3.5))
        values = list(cmi.values())
        axis.hist(values, bins=20, range=(0, 50), label=list(cmi), weights=[[100 / len(v)] * len(v) for v in values])
        axis.set_xlabel("CMI (Das & Gambäck 2014) per utterance")
        axis.set_ylabel("% of the split's utterances")
        axis.set_title(f"{spec.name}: code-mixing index")
        axis.legend()
        figure.tight_layout()
        written.append(_save(figure, out_dir / f"{spec.name}_cmi_histogram.png", plt))
    return written


def _save(figure, path: Path, plt) -> Path:
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
