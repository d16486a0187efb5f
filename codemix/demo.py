"""``codemix demo``: the whole loop on the three embedded demo corpora, with no download.

Build the leaderboard's gold from the demo test splits, run the classical baselines on every
(task, corpus) cell they fit, submit each baseline's predictions, render the page, and print
the ranked table and the page's path.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

DEMO_CORPORA = ("demo_hien", "demo_bnen", "demo_mren")
DEMO_BASELINES = ("majority", "char_ngram", "crf")
DEMO_ENTRIES = {"leaderboard.sqlite", "leaderboard.sqlite-wal", "leaderboard.sqlite-shm", "submissions", "site"}


def earlier_demo(folder: Path) -> bool:
    """Whether ``folder`` holds only what a demo writes - its store (with demo gold only), the
    baselines' submissions and the page - so replacing it loses nothing of the user's. A folder
    with a store of other corpora (a real leaderboard, ``$CODEMIX_HOME``) is not one."""
    import sqlite3

    if not set(p.name for p in folder.iterdir()) <= DEMO_ENTRIES or not (folder / "leaderboard.sqlite").is_file():
        return False
    submissions = folder / "submissions"
    if submissions.exists() and not set(p.name for p in submissions.iterdir()) <= set(DEMO_BASELINES):
        return False
    try:
        with sqlite3.connect(f"file:{folder / 'leaderboard.sqlite'}?mode=ro", uri=True) as connection:
            corpora = {row[0] for row in connection.execute("SELECT DISTINCT corpus FROM gold_sets")}
    except sqlite3.Error:
        return False
    return corpora <= set(DEMO_CORPORA)


def run_demo(out: str | Path = "codemix-demo", echo=print) -> Path:
    """Run the demo into ``out`` (replaced if it is an earlier demo) and return the page's path."""
    from codemix.baselines.base import check_requirements, fits, get_baseline
    from codemix.common.text import print_table
    from codemix.leaderboard import Leaderboard
    from codemix.leaderboard.show import show_text
    from codemix.loaders.api import load
    from codemix.common.errors import CodemixError
    from codemix.common.paths import check_output_folder
    from codemix.loaders.registry import get_spec
    from codemix.tasks.registry import get_task
    from codemix.tasks.submission import write_submission

    for name in DEMO_BASELINES:  # a missing extra is one line, before the output folder exists
        check_requirements(name)
    out = check_output_folder(out)
    if out.exists() and any(out.iterdir()):
        if not earlier_demo(out):
            raise CodemixError(f"{out} exists and is not an earlier codemix demo; pass another folder")
        shutil.rmtree(out)
    started = time.perf_counter()
    board = Leaderboard(out / "leaderboard.sqlite")
    board.init(list(DEMO_CORPORA), echo=echo)
    from codemix.loaders.progress import bar, status

    datasets = {name: load(name) for name in DEMO_CORPORA}
    status("fitting the classical baselines on every demo cell, then submitting and rendering the page")
    progress = bar(sum(len(get_spec(c).tasks) for c in DEMO_CORPORA) * len(DEMO_BASELINES), "demo", unit="cell")
    for baseline in DEMO_BASELINES:
        cells, config = {}, {}
        for corpus, dataset in datasets.items():
            for task_name in get_spec(corpus).tasks:
                task = get_task(task_name)
                if not fits(baseline, task):
                    continue
                model = get_baseline(baseline, seed=0).fit(task, dataset["train"], dataset["validation"])
                predictions = model.predict(task, dataset["test"])
                cells[(task_name, corpus)] = list(zip(dataset["test"]["id"], predictions))
                progress.update(1)
                config[f"{task_name}/{corpus}"] = {k: v for k, v in model.config().items() if k != "fit_seconds"}
        folder = write_submission(out / "submissions" / baseline, {
            "team": "codemix baselines", "system": baseline, "description": f"codemix {baseline} baseline on the demo corpora",
            "external_data": False, "kind": "classical", "seed": 0, "config": config}, cells)
        board.submit(folder)
    progress.close()
    page = board.render(out / "site")
    results = board.results()
    board.close()
    rows = [(f"{cell['task']}/{cell['corpus']}", entry["rank"], entry["system"], f"{entry['accuracy']:.3f}",
             f"{entry['macro_f1']:.3f}", f"{entry['weighted_f1']:.3f}") for cell in results["cells"] for entry in cell["ranking"]]
    echo("\ncodemix demo: classical baselines on the SYNTHETIC demo corpora (sentences composed from hand-written "
         "phrases, with spelling variation, ambiguity, imbalance and label noise: the scores show that the loop "
         "works, not how hard real code-mixed data is)\n")
    print_table(("task/corpus", "rank", "baseline", "accuracy", "macro-F1", "weighted-F1"), rows)
    overall = show_text(results, print_table=print_table).strip().splitlines()[-1]
    echo(f"\n{overall}")
    echo(f"\nleaderboard page: {page.resolve()}")
    echo(f"submissions: {(out / 'submissions').resolve()}   store: {(out / 'leaderboard.sqlite').resolve()}")
    echo(f"({time.perf_counter() - started:.1f} s)")
    return page
