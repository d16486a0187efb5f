"""The leaderboard's SQLite store: gold test labels, submissions, scores. WAL, one transaction per write."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS gold_sets (
    task TEXT NOT NULL, corpus TEXT NOT NULL, sha256 TEXT NOT NULL, n_items INTEGER NOT NULL,
    corpus_version TEXT NOT NULL, task_version TEXT NOT NULL, level TEXT NOT NULL, labels TEXT NOT NULL,
    main_score TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (task, corpus));
CREATE TABLE IF NOT EXISTS gold (
    task TEXT NOT NULL, corpus TEXT NOT NULL, id TEXT NOT NULL, gold TEXT NOT NULL,
    PRIMARY KEY (task, corpus, id), FOREIGN KEY (task, corpus) REFERENCES gold_sets (task, corpus));
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, content_sha256 TEXT NOT NULL UNIQUE, team TEXT NOT NULL,
    system TEXT NOT NULL, description TEXT NOT NULL, external_data TEXT NOT NULL, meta TEXT NOT NULL,
    package_version TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scores (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE, task TEXT NOT NULL,
    corpus TEXT NOT NULL, accuracy REAL NOT NULL, macro_f1 REAL NOT NULL, weighted_f1 REAL NOT NULL,
    main_metric TEXT NOT NULL, main REAL NOT NULL, n INTEGER NOT NULL, per_label TEXT NOT NULL,
    gold_sha256 TEXT NOT NULL, PRIMARY KEY (submission_id, task, corpus));
CREATE TABLE IF NOT EXISTS gold_slices (
    task TEXT NOT NULL, corpus TEXT NOT NULL, id TEXT NOT NULL, slices TEXT NOT NULL,
    PRIMARY KEY (task, corpus, id));
CREATE TABLE IF NOT EXISTS cell_details (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE, task TEXT NOT NULL,
    corpus TEXT NOT NULL, unanswered INTEGER NOT NULL, slices TEXT NOT NULL, PRIMARY KEY (submission_id, task, corpus));
"""


def default_db_path() -> Path:
    from codemix.loaders.files import codemix_home

    return codemix_home() / "leaderboard.sqlite"


def connect(path: str | Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode that waits for writers instead of failing at once."""
    path = Path(path)
    if read_only:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(SCHEMA)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA busy_timeout=60000")
    connection.row_factory = sqlite3.Row
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection):
    """``BEGIN IMMEDIATE`` ... ``COMMIT``: all of it lands, or (exception, crash, SIGKILL) none of it."""
    for attempt in range(200):
        try:
            connection.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as error:  # another writer holds the lock beyond busy_timeout
            if "locked" not in str(error) or attempt == 199:
                raise
            time.sleep(0.05)
    try:
        yield connection
        _pause_for_crash_tests()
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _pause_for_crash_tests() -> None:
    # tests/test_leaderboard_reliability.py kills a submit inside its transaction (SIGKILL)
    pause = os.environ.get("CODEMIX_TEST_PAUSE_BEFORE_COMMIT")
    if pause:
        time.sleep(float(pause))


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
