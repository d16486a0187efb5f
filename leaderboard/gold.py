"""Gold test labels, built once from the corpora's test splits and kept in the store with their sha256."""

from __future__ import annotations

import hashlib
import json

from codemix.leaderboard.store import dumps, now, transaction
from codemix.common.errors import CodemixError
from codemix.common.names import name_list
from codemix.loaders.registry import all_specs, get_spec
from codemix.tasks.registry import get_task
from codemix.tasks.scoring import gold_by_id
from codemix.tasks.slices import slices_by_id


def gold_sha256(items: dict) -> str:
    """sha256 of the gold set in a canonical form (ids sorted), independent of file order."""
    canonical = json.dumps(sorted(items.items()), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def build_gold(connection, corpora=None, data_dir=None, echo=print) -> list[tuple[str, str, int, str]]:
    """Store the test gold of every (task, corpus) cell of ``corpora`` (default: every corpus on disk).

    Nothing is downloaded. Returns ``(task, corpus, items, sha256)`` per stored cell.
    """
    from codemix.loaders.api import load, no_downloads

    names = name_list(corpora, "corpora") or sorted(all_specs())  # one name is a list of one
    stored = []
    for name in names:
        spec = get_spec(name)
        try:
            with no_downloads():
                test = load(name, split="test", data_dir=data_dir)
        except CodemixError as error:
            if corpora:
                raise
            echo(f"(skipped {name}: {str(error).splitlines()[0]})")
            continue
        slices = slices_by_id(test)  # how mixed each test record is, from its gold LID tags
        for task_name in spec.tasks:
            task = get_task(task_name)
            items = gold_by_id(task, test)
            if not items:
                continue
            digest = gold_sha256(items)
            with transaction(connection):
                connection.execute("DELETE FROM gold WHERE task = ? AND corpus = ?", (task_name, name))
                connection.execute("DELETE FROM gold_slices WHERE task = ? AND corpus = ?", (task_name, name))
                connection.execute("INSERT OR REPLACE INTO gold_sets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   (task_name, name, digest, len(items), spec.version, task.version, task.level,
                                    dumps(list(task.labels)), task.main_score, now()))
                connection.executemany("INSERT INTO gold VALUES (?, ?, ?, ?)",
                                       [(task_name, name, key, dumps(value)) for key, value in items.items()])
                connection.executemany("INSERT INTO gold_slices VALUES (?, ?, ?, ?)",
                                       [(task_name, name, key, dumps(slices[key])) for key in items if key in slices])
            stored.append((task_name, name, len(items), digest))
    if not stored:
        raise CodemixError("no gold was built: no corpus files found (pass data_dir=... or set CODEMIX_DATA_DIR)")
    return stored


def gold_cells(connection) -> dict[tuple[str, str], dict]:
    """``(task, corpus) -> gold set row`` for every cell in the store."""
    return {(row["task"], row["corpus"]): dict(row) for row in connection.execute("SELECT * FROM gold_sets")}


def gold_slice_map(connection, task: str, corpus: str) -> dict:
    """id -> slices (CMI bucket, script, matrix language) of one cell's gold records with LID tags."""
    rows = connection.execute("SELECT id, slices FROM gold_slices WHERE task = ? AND corpus = ?", (task, corpus))
    return {row["id"]: json.loads(row["slices"]) for row in rows}


def gold_items(connection, task: str, corpus: str) -> dict:
    """id -> gold label(s) of one cell."""
    rows = connection.execute("SELECT id, gold FROM gold WHERE task = ? AND corpus = ?", (task, corpus))
    return {row["id"]: json.loads(row["gold"]) for row in rows}
