"""The submission format shared by baselines and the leaderboard.

A submission is a folder: ``meta.json`` (team, system, description, external_data, and
optionally seed and config) plus one ``<task>.<corpus>.jsonl`` per cell, whose lines are
``{"id": ..., "pred": ...}`` - a label, or a list of labels (one per token) for token tasks.
Scores always join predictions to gold on ``id``, never on line order.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from codemix.common.errors import CodemixError
from codemix.common.numbers import whole_at_least
from codemix.common.paths import check_parent_folder
from codemix.common.text import printable, quote

META_FILE = "meta.json"
REQUIRED_META = ("team", "system", "description", "external_data")
MAX_META_BYTES = 64 * 2**10  # the leaderboard reads no larger meta.json


def cell_file_name(task: str, corpus: str) -> str:
    """``sentiment.l3cube_mesent.jsonl``"""
    return f"{task}.{corpus}.jsonl"


def parse_cell_file_name(name: str) -> tuple[str, str] | None:
    """``(task, corpus)`` for ``<task>.<corpus>.jsonl``, else ``None``."""
    if not name.endswith(".jsonl") or name.count(".") != 2:
        return None
    task, corpus, _ = name.split(".")
    return (task, corpus) if task and corpus else None


FIELD_LIMITS = {"team": 200, "system": 200, "kind": 40, "description": 4000}


def meta_field_problems(meta: Mapping[str, Any]) -> list[str]:
    """What is wrong with the fields of a submission's meta that are present (types, lengths, characters).

    >>> meta_field_problems({"team": "A", "system": 5, "external_data": "yes"})
    ["field 'system' must be a string, got 5", "field 'external_data' must be true/false or a list of up to 50 non-empty strings (what was used), got 'yes'"]
    """
    problems = []
    for key, limit in FIELD_LIMITS.items():
        if key not in meta:
            continue
        value = meta[key]
        if not isinstance(value, str):
            problems.append(f"field {key!r} must be a string, got {quote(value, 40)}")
        elif len(value) > limit:
            problems.append(f"field {key!r} has {len(value):,} characters; at most {limit:,}")
        elif _control_characters(value, allow_newlines=key == "description"):
            problems.append(f"field {key!r} holds control characters (ESC, BEL, CR, ...): {printable(quote(value))}; remove them")
        elif key in ("team", "system", "kind") and not _visible(value):
            problems.append(f"field {key!r} must contain visible characters, got {printable(quote(value))}")
    external = meta.get("external_data")
    if "external_data" in meta and not (isinstance(external, bool) or (
            isinstance(external, list) and all(isinstance(item, str) and 0 < len(item) <= 500 for item in external)
            and len(external) <= 50)):
        problems.append("field 'external_data' must be true/false or a list of up to 50 non-empty strings (what was used), "
                        f"got {quote(external, 60)}")
    for key in ("seed", "shots"):  # shown on the page beside the kind
        if meta.get(key) is not None and not whole_at_least(meta[key], 0):
            problems.append(f"field {key!r} must be a whole number >= 0 (or null), got {quote(meta[key], 40)}")
    if meta.get("config") is not None and not isinstance(meta["config"], Mapping):
        problems.append(f"field 'config' must be an object (what was chosen, e.g. {{\"C\": 0.1}}) or null, "
                        f"got {quote(meta['config'], 40)}")
    return problems


def _control_characters(value: str, allow_newlines: bool) -> bool:
    allowed = "\n\t" if allow_newlines else ""
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in value)


def _visible(value: str) -> bool:
    # zero-width joiners are legitimate inside Indic words, so they may occur, but not alone
    return any(unicodedata.category(c)[0] not in "CZ" for c in value)


def check_submission_folder(out_dir: str | Path) -> Path:
    """``out_dir`` as a Path if a submission can be written there; else a CodemixError, before any work.

    Refused: an existing file, an existing non-empty folder that is not a submission, and a
    place whose parent folder cannot be created or written.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise CodemixError(f"--out {out_dir} is an existing file, not a folder; choose another --out")
    if out_dir.exists() and any(out_dir.iterdir()) and not earlier_submission(out_dir):
        raise CodemixError(f"{out_dir} exists and is not a submission folder; choose another --out")
    return check_parent_folder(out_dir)


SUBMISSION_EXTRAS = ("scores.json", "README.md", "references.bib")  # what codemix writes beside the cells


def earlier_submission(folder: Path) -> bool:
    """Whether ``folder`` holds a submission and nothing else (meta.json, cell files, what codemix
    writes beside them), so replacing it loses nothing: a project folder that merely has a
    meta.json is not one."""
    entries = list(folder.iterdir())
    return (folder / META_FILE).is_file() and all(
        entry.is_file() and not entry.is_symlink()
        and (entry.name in (META_FILE, *SUBMISSION_EXTRAS) or parse_cell_file_name(entry.name) is not None)
        for entry in entries)


def meta_text(meta: Mapping[str, Any]) -> str:
    """``meta.json``'s text, refused (``CodemixError``) when the leaderboard could not read it back:
    a value JSON cannot hold, NaN or infinity, or more than ``MAX_META_BYTES``.

    >>> meta_text({"team": "t", "seed": 0})
    '{\\n  "team": "t",\\n  "seed": 0\\n}\\n'
    >>> meta_text({"team": "t", "score": float("nan")})
    Traceback (most recent call last):
    ...
    codemix.common.errors.CodemixError: meta.json cannot hold this meta (Out of range float values are not JSON compliant: nan): write strings, finite numbers, booleans, null, lists and objects
    """
    try:
        text = json.dumps(dict(meta), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as error:
        raise CodemixError(f"meta.json cannot hold this meta ({error}): write strings, finite numbers, booleans, "
                           "null, lists and objects") from None
    size = len(text.encode("utf-8"))
    if size > MAX_META_BYTES:
        largest = max(meta, key=lambda key: len(json.dumps(meta[key], ensure_ascii=False)))
        raise CodemixError(f"meta.json would be {size:,} bytes, over the leaderboard's {MAX_META_BYTES:,}-byte limit "
                           f"(largest field: {largest!r}); keep what a model describes small")
    return text


def write_submission(out_dir: str | Path, meta: Mapping[str, Any],
                     cells: Mapping[tuple[str, str], Iterable[tuple[str, Any]]],
                     finish: Callable[[Path], Mapping[str, str]] | None = None) -> Path:
    """Write a submission folder atomically (temporary sibling, then rename).

    ``cells`` maps ``(task, corpus)`` to ``(id, pred)`` pairs (``pred`` ``None``: no answer).
    ``finish``, if given, is called with the written temporary folder and returns more files
    (name -> text, e.g. ``scores.json`` computed from the files as written) to add before the
    rename: a failure anywhere leaves no folder behind. An existing folder is replaced only if
    it holds a submission and nothing else (``earlier_submission``), so no
    unrelated folder is clobbered.
    """
    missing = [key for key in REQUIRED_META if key not in meta]
    if missing:
        raise CodemixError(f"submission meta lacks {missing}; required: {list(REQUIRED_META)}")
    text = meta_text(meta)
    out_dir = check_submission_folder(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CodemixError(f"--out {out_dir}: cannot create its parent folder ({error.strerror})") from None
    temporary = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        (temporary / META_FILE).write_text(text, encoding="utf-8")
        for (task, corpus), rows in cells.items():
            with open(temporary / cell_file_name(task, corpus), "w", encoding="utf-8") as handle:
                for record_id, pred in rows:
                    handle.write(json.dumps({"id": record_id, "pred": pred}, ensure_ascii=False) + "\n")
        for name, text in (finish(temporary) if finish else {}).items():
            (temporary / name).write_text(text, encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(temporary, out_dir)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return out_dir


MAX_LINE_BYTES = 4 * 2**20  # one prediction line; a 10,000-token sentence's tags take ~100 KB
MAX_LINE_PROBLEMS = 1000  # a file this broken is not read further (millions of blank lines are refused at once)


class StrictJSONError(ValueError):
    """JSON that Python's ``json`` would accept but a submission must not hold (``line``: where, if known)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def strict_json(text: str) -> Any:
    """Parse ``text`` as strict JSON: no NaN/Infinity, no duplicate keys, no lone surrogates,
    no integer beyond Python's digit limit, no nesting deep enough to exhaust the stack.

    >>> strict_json('{"id": "a", "pred": "hi"}')
    {'id': 'a', 'pred': 'hi'}
    >>> strict_json('{"id": "a", "id": "b"}')
    Traceback (most recent call last):
    ...
    codemix.tasks.submission.StrictJSONError: duplicate key 'id'
    """
    def unique(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                raise StrictJSONError(f"duplicate key {quote(key)}")
            seen[key] = value
        return seen

    def constant(name):
        raise StrictJSONError(f"{name} is not valid JSON; write a number, or null for no answer")

    try:
        value = json.loads(text, object_pairs_hook=unique, parse_constant=constant)
    except StrictJSONError:
        raise
    except json.JSONDecodeError as error:
        raise StrictJSONError(f"invalid JSON ({error.msg}, column {error.colno})", error.lineno) from None
    except RecursionError:
        raise StrictJSONError("JSON nested too deeply") from None
    except ValueError as error:  # an integer beyond sys.get_int_max_str_digits()
        raise StrictJSONError(f"a number JSON cannot hold here ({str(error)[:80]})") from None
    _check_strings(value)
    return value


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise StrictJSONError(f"a string holds a lone surrogate (an escaped \\ud800-\\udfff without its pair): "
                                      f"{quote(item)}") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def prediction_rows(path: str | Path):
    """Yield ``(line_number, row, problem)`` for each line of a ``<task>.<corpus>.jsonl`` file.

    ``row`` is ``{"id": str, "pred": ...}`` when the line is one, else ``None`` and ``problem``
    says what is wrong (invalid UTF-8 or JSON, a blank line, a line over ``MAX_LINE_BYTES``, a
    missing key, a non-string id). The one reader of prediction files: the baselines' scoring
    and the leaderboard's validation read the same way. Stops after ``MAX_LINE_PROBLEMS``
    problems with a last problem saying so (its line number is ``None``).
    """
    problems = 0
    with open(path, "rb") as handle:
        number = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            problem = None
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line without holding it
                    raw = handle.readline(MAX_LINE_BYTES)
                problem = f"line longer than {MAX_LINE_BYTES:,} bytes; one {{\"id\": ..., \"pred\": ...}} object per line"
            row = None
            if problem is None:
                row, problem = _parse_line(raw)
            if problem is not None:
                problems += 1
                yield number, None, problem
                if problems >= MAX_LINE_PROBLEMS:
                    yield None, None, f"stopped reading at line {number:,} after {MAX_LINE_PROBLEMS:,} problems; fix these first"
                    return
                continue
            yield number, row, None


def _parse_line(raw: bytes) -> tuple[dict | None, str | None]:
    try:
        line = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None, "expected UTF-8 text"
    if not line:
        return None, "blank line; every line holds one {\"id\": ..., \"pred\": ...} object"
    try:
        row = strict_json(line)
    except StrictJSONError as error:
        return None, f"{error}; expected {{\"id\": ..., \"pred\": ...}}"
    if not isinstance(row, dict) or "id" not in row or "pred" not in row:
        return None, "expected an object with the keys 'id' and 'pred'"
    if not isinstance(row["id"], str):
        return None, f"id must be a string, got {quote(row['id'], 40)}"
    return row, None


def read_predictions(path: str | Path) -> dict[str, Any]:
    """id -> pred from one ``<task>.<corpus>.jsonl`` file (strict; the leaderboard validates more).

    Raises ``CodemixError`` with ``path:line`` for the first bad line or a repeated id.
    """
    out: dict[str, Any] = {}
    for number, row, problem in prediction_rows(path):
        if problem is not None:
            raise CodemixError(f"{path}:{number}: {problem}" if number else f"{path}: {problem}")
        if row["id"] in out:
            raise CodemixError(f"{path}:{number}: id {quote(row['id'])} repeats")
        out[row["id"]] = row["pred"]
    return out
