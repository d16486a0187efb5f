"""The ranked tables as terminal text: per cell, per task mean and overall."""

from __future__ import annotations

from codemix.common.text import print_table as default_print_table
from codemix.common.text import printable


def show_text(results, task=None, corpus=None, print_table=default_print_table, kind=None) -> str:
    """The ranked tables as text: per cell, per task mean, overall (``kind`` filters submissions by model kind)."""
    import io

    def shown_kind(entry) -> bool:
        return kind is None or entry["kind"] == kind or entry["kind"].split(" ")[0] == kind

    out = io.StringIO()
    shown = 0
    for cell in results["cells"]:
        if (task and cell["task"] != task) or (corpus and cell["corpus"] != corpus):
            continue
        shown += 1
        print(f"\n{cell['task']} / {cell['corpus']}  (main score: {cell['main_score']}, {cell['items']:,} items)", file=out)
        rows = [(r["rank"], r["team"], r["system"], r["kind"], f"{r['main']:.4f}", f"{r['accuracy']:.4f}",
                 f"{r['macro_f1']:.4f}", f"{r['weighted_f1']:.4f}", r["unanswered"] or "")
                for r in cell["ranking"] if shown_kind(r)]
        print_table(("rank", "team", "system", "kind", "main", "accuracy", "macro-F1", "weighted-F1", "no answer"),
                    rows or [("-",) * 9], out)
    for name, info in results["tasks"].items():
        if (task and name != task) or corpus:
            continue
        print(f"\n{name}: mean over {', '.join(info['corpora'])} (submissions covering all of them)", file=out)
        print_table(("rank", "team", "system", "kind", "mean"), [(m["rank"], m["team"], m["system"], m["kind"], f"{m['mean']:.4f}")
                                                                 for m in info["means"] if shown_kind(m)] or [("-",) * 5], out)
    if not task and not corpus:
        print("\noverall (complete submissions only): " + printable(", ".join(
            f"{o['rank']}. {o['team']} / {o['system']} {o['mean']:.4f}" for o in results["overall"] if shown_kind(o))
            or "none yet"), file=out)
    if results["stale_scores"]:
        print(f"\n({results['stale_scores']} scores against an older gold set or task definition are not shown; "
              "`codemix leaderboard init` rebuilds the gold, then resubmit)", file=out)
    if not shown:
        print("no cell matches; `codemix leaderboard init` stores the gold", file=out)
    return out.getvalue()
