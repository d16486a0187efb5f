"""The leaderboard's SQLite store: gold test labels, submissions, scores. WAL, one transaction per write."""

from __future__ import annotations

import json
import sqlite3
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from codemix.common.errors import CodemixError
from codemix.common.paths import check_output_file

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
    """``$CODEMIX_HOME/leaderboard.sqlite``."""
    from codemix.loaders.files import codemix_home

    return codemix_home() / "leaderboard.sqlite"


class StoreError(CodemixError):
    """A ``--db`` path that is not a codemix leaderboard store (left exactly as it was)."""


APPLICATION_ID = 0x436D7831  # "Cmx1" in SQLite's header: marks a file as a codemix store
SQLITE_HEADER = b"SQLite format 3\x00"
CORE_COLUMNS = {"gold_sets": {"task", "corpus", "sha256", "task_version"},
                "gold": {"task", "corpus", "id", "gold"},
                "submissions": {"id", "content_sha256", "team", "system", "meta"},
                "scores": {"submission_id", "task", "corpus", "main", "gold_sha256"}}


def connect(path: str | Path, read_only: bool = False, create: bool = False) -> sqlite3.Connection:
    """A connection to a codemix store, in WAL mode, that waits for writers instead of failing at once.

    Only ``create=True`` (``leaderboard init``) makes a new store. An existing file is checked
    before anything is written to it: a file that is not SQLite, a damaged database or another
    program's database is a ``StoreError`` and stays byte for byte as it was.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError(f"no leaderboard store at {path}: create it with `codemix leaderboard init --db {path}` "
                             "(or pass --db the store you meant)")
        return _open(path, read_only=False, new=True)
    check_store(path)
    return _open(path, read_only=read_only, new=False)


def check_store(path: Path) -> None:
    """Raise ``StoreError`` unless ``path`` is a regular file holding a codemix store; reads only."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise StoreError(f"{path} is not a file (a folder, device or pipe); pass --db a codemix store file")
        with open(path, "rb") as handle:
            head = handle.read(100)
        header = head[:len(SQLITE_HEADER)]
        size = path.stat().st_size
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror}); pass --db a codemix store file") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a codemix leaderboard store (not an SQLite database); it was left unchanged - "
                         "pass --db another path, or create a store with `codemix leaderboard init --db NEW_PATH`")
    # a live WAL store keeps recent pages in its -wal file: the main file alone is then not the whole truth
    live = path.with_name(path.name + "-wal").exists()
    page_size = int.from_bytes(head[16:18], "big") if len(head) >= 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big") if len(head) >= 100 else 0
    if not page_size or size % page_size or (not live and size < page_size * pages):
        raise StoreError(f"{path} is damaged (truncated: {size:,} bytes for {pages:,} pages of {page_size:,}); it was "
                         "left unchanged - restore it from a backup or create a new store with `codemix leaderboard init "
                         "--db NEW_PATH`")
    try:
        # immutable: the probe takes no lock and creates no -wal/-shm file next to a foreign database
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}", uri=True, timeout=60)
        try:
            if probe.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
            tables = {name: {row[1] for row in probe.execute(f"PRAGMA table_info('{name}')")}
                      for (name,) in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is damaged or not a database ({error}); it was left unchanged - restore it from a "
                         "backup or create a new store with `codemix leaderboard init --db NEW_PATH`") from None
    ours = application_id == APPLICATION_ID or (
        application_id == 0 and all(columns <= tables.get(table, set()) for table, columns in CORE_COLUMNS.items()))
    if not ours:
        raise StoreError(f"{path} is an SQLite database of another program, not a codemix leaderboard store; it was "
                         "left unchanged - pass --db a codemix store, or create one with `codemix leaderboard init --db NEW_PATH`")


def _open(path: Path, read_only: bool, new: bool) -> sqlite3.Connection:
    if read_only:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60, check_same_thread=False)
    else:
        check_output_file(path, "--db")
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(SCHEMA)
        if new or connection.execute("PRAGMA application_id").fetchone()[0] == 0:
            connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
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
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def now() -> str:
    """The current UTC time as ISO 8601 (``2026-11-29T10:00:00Z``)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def dumps(value) -> str:
    """Canonical JSON for the store (sorted keys, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
