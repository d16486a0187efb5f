"""A cache of model responses in SQLite, so an interrupted run resumes and a rerun is nearly free.

A response is keyed by the sha256 of (backend, model fingerprint, request, decoding settings):
another model, prompt or setting is another key. Responses are committed as each batch
finishes, so a run killed midway keeps what it already paid for.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable

from codemix.common.errors import CodemixError
from codemix.common.paths import check_output_file


def default_cache_path() -> Path:
    """``$CODEMIX_HOME/responses.sqlite``."""
    from codemix.loaders.files import codemix_home

    return codemix_home() / "responses.sqlite"


def request_key(*parts: Any) -> str:
    """The cache key of a request: sha256 of its parts as canonical JSON."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class ResponseCache:
    """Key -> JSON response. ``path=None`` keeps nothing (every lookup misses)."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._db = None
        if self.path is not None:
            check_output_file(self.path, "--cache")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, response TEXT NOT NULL)")
                self._db.execute("SELECT key, response FROM responses LIMIT 0")  # another program's table of that name
            except sqlite3.DatabaseError as error:
                raise self._unusable(error) from None

    def _unusable(self, error: Exception) -> CodemixError:
        return CodemixError(f"response cache {self.path}: not usable ({error}); pass another --cache PATH or --no-cache")

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The cached responses among ``keys`` (hits and misses are counted)."""
        keys = list(keys)
        found: dict[str, Any] = {}
        if self._db is not None and keys:
            with self._lock:
                try:
                    for start in range(0, len(keys), 500):
                        chunk = keys[start:start + 500]
                        rows = self._db.execute(f"SELECT key, response FROM responses WHERE key IN "
                                                f"({','.join('?' * len(chunk))})", chunk)
                        found.update((key, json.loads(response)) for key, response in rows)
                except (sqlite3.DatabaseError, ValueError, TypeError) as error:  # a file damaged or edited since
                    raise self._unusable(error) from None
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: dict[str, Any]) -> None:
        """Store responses (one transaction)."""
        if self._db is None or not items:
            return
        with self._lock:
            try:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO responses VALUES (?, ?)",
                                     [(key, json.dumps(value, ensure_ascii=False)) for key, value in items.items()])
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as error:  # e.g. made read-only, or the disk filled, during the run
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise self._unusable(error) from None

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None
