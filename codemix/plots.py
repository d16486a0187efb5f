"""Score against how mixed the text is: one line per cell over the CMI buckets (the plots extra)."""

from __future__ import annotations

from pathlib import Path

from codemix.tasks.slices import CMI_BUCKETS


def plot_cmi_slices(scores: dict, out_dir: str | Path) -> list[Path]:
    """Draw ``cmi_slices.png`` in ``out_dir`` from ``codemix.evaluate``'s scores; ``[]`` when no cell has slices."""
    from codemix.tasks.plot_style import pyplot

    plt = pyplot()

    cells = {cell: s["slices"]["cmi"] for cell, s in scores.items() if s.get("slices", {}).get("cmi")}
    if not cells:
        return []
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(7, 4.2))
    for cell, buckets in cells.items():
        xs = [i for i, bucket in enumerate(CMI_BUCKETS) if bucket in buckets]
        ys = [buckets[CMI_BUCKETS[i]]["main"] for i in xs]
        axes.plot(xs, ys, marker="o", label=f"{cell} ({scores[cell]['main_metric']})")
        for x, y in zip(xs, ys):
            axes.annotate(str(buckets[CMI_BUCKETS[x]]["items"]), (x, y), textcoords="offset points", xytext=(0, 6),
                          ha="center", fontsize=7, color="#555")
    axes.set_xticks(range(len(CMI_BUCKETS)), [f"CMI {b}" for b in CMI_BUCKETS])
    axes.set_ylabel("main score")
    axes.set_ylim(0, 1.05)
    axes.set_title("Score by how mixed the text is (numbers: items per bucket)")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, loc="lower left")
    figure.tight_layout()
    path = out_dir / "cmi_slices.png"
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return [path]
