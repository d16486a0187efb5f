"""One visual style for every figure codemix draws, matching the leaderboard page.

Scores are coloured on one scale everywhere - red (0) through yellow to green (1), as the page's
score heatmap - and text uses the fonts the page uses, so Devanagari and Bengali labels render.
"""

from __future__ import annotations

SCORE_COLORMAP = "RdYlGn"  # the page's hsl(0..120) scale: red low, green high
SERIES_COLORS = ("#4a7ab5", "#e0a030", "#5aa05a", "#c05050", "#8060b0", "#50a0a0")
STYLE = {
    "font.family": ["DejaVu Sans", "Lohit Devanagari", "Lohit Bengali", "sans-serif"],
    "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False, "axes.spines.right": False,
    "axes.titlesize": 11, "axes.labelsize": 10, "legend.fontsize": 8, "figure.dpi": 110,
}


def pyplot():
    """matplotlib's pyplot (Agg backend) with codemix's style applied."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from cycler import cycler

    plt.rcParams.update(STYLE)
    plt.rcParams["font.family"] = installed_families(STYLE["font.family"])
    plt.rcParams["axes.prop_cycle"] = cycler(color=list(SERIES_COLORS))
    return plt


def installed_families(families: list[str]) -> list[str]:
    """Those of ``families`` that are installed or generic (``sans-serif``), in their order:
    matplotlib warns for a missing family at every text it draws, which buried the command's own
    output under thousands of lines."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    generic = {"serif", "sans-serif", "cursive", "fantasy", "monospace"}
    return [family for family in families if family in installed or family in generic]
