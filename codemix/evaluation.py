"""``codemix.evaluate``: any model on any cells in one call, optionally submitted to the leaderboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable


def evaluate(model, tasks=None, corpora=None, data_dir=None, out: str | Path = "codemix-runs/evaluation", shots: int = 0,
             seed: int = 0, meta: dict | None = None, *, limit: int | None = None, shots_from: str | None = None,
             verify: bool = True, submit: bool = False, db: str | Path | None = None,
             model_options: dict | None = None, echo: Callable = print, progress: bool | None = None) -> dict[str, Any]:
    """Evaluate ``model`` on the test split of every (task, corpus) cell and return the scores.

    ``model`` is an object with ``predict(task, records)`` (``codemix.Model``; the baselines are
    ones) or a spec string: ``hf:PATH`` (a fine-tuned encoder), ``llm:PATH`` (a causal LM,
    prompted), ``openai:MODEL@BASE_URL`` (an OpenAI-compatible server, prompted),
    ``baseline:PATH`` (a saved baseline) or ``module:attribute``. ``tasks``/``corpora`` default
    to every cell whose files are on disk and whose task the model can predict. ``shots`` few-shot examples come from each corpus's
    train split (``shots_from`` names another corpus for test-only ones). ``limit`` scores only
    the first items per cell (a quick look: marked partial; the leaderboard refuses it).
    ``model_options`` go to the spec's adapter (``label_map``, ``method``, ``template``,
    ``batch_size``, ``max_new_tokens``, ``cache``, ``concurrency``, ``api_key_env``, ...).

    Writes the submission folder ``out`` (``meta.json``, one ``<task>.<corpus>.jsonl`` per cell,
    ``scores.json``) and, with ``submit=True``, stores it in the leaderboard at ``db``. Returns
    ``{"<task>/<corpus>": {"accuracy", "macro_f1", "weighted_f1", "main", "main_metric", "n",
    "unanswered", "per_label", "slices", ...}}``.
    """
    from codemix.baselines.evaluation import DEFAULT_OUT, run_evaluation

    out = DEFAULT_OUT if out is None else out
    if submit and limit is not None:
        from codemix.common.errors import CodemixError

        raise CodemixError("--limit is for a quick look: where it cuts a test set it makes a partial submission, which "
                           "the leaderboard refuses; drop --submit or --limit")
    if submit:
        check_submit_store(db)
    scores = run_evaluation(model, tasks, corpora, data_dir, out, shots, seed, meta, limit, shots_from, verify,
                            model_options, echo, progress)
    if submit:
        scores_ranks = submit_folder(out, {key.split("/", 1)[1] for key in scores}, data_dir, db, echo)
        for key, rank in scores_ranks.items():
            scores[key]["rank"] = rank
    return scores


def check_submit_store(db) -> None:
    """Before any work: the store ``--submit`` writes to is a codemix store, or can be created there."""
    from codemix.common.paths import check_output_file
    from codemix.leaderboard.store import check_store, default_db_path

    path = Path(db) if db else default_db_path()
    if path.exists():
        check_store(path)  # reads only
    else:
        check_output_file(path, "--db")


def submit_folder(folder, corpora: set[str], data_dir, db, echo) -> dict[str, int]:
    """Store a submission, first building the gold of any of its corpora the store lacks."""
    from codemix.leaderboard import Leaderboard
    from codemix.leaderboard.gold import gold_cells

    board = Leaderboard(db)
    try:
        have = {corpus for _, corpus in gold_cells(board.connection)} if board.exists() else set()
        missing = sorted(corpora - have)
        if missing:
            echo(f"(building the leaderboard's gold for {', '.join(missing)})")
            board.init(missing, data_dir, echo=echo)
        result = board.submit(folder)
        echo(f"stored as submission #{result['id']} in {board.path}")
        return result["ranks"]
    finally:
        board.close()
