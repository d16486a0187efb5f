"""Submission validation: every problem collected with ``file:line`` before anything is stored."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from codemix.leaderboard.gold import gold_cells, gold_items
from codemix.loaders.registry import all_specs
from codemix.tasks.registry import list_tasks
from codemix.tasks.submission import META_FILE, REQUIRED_META, parse_cell_file_name

MAX_FILE_BYTES = 200 * 2**20
MAX_PROBLEMS_PER_FILE = 50
ALLOWED_EXTRA_FILES = ("scores.json", "README.md")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass
class Checked:
    """What validation read: the meta and, per cell, id -> prediction (only meaningful without problems)."""

    meta: dict
    cells: dict[tuple[str, str], dict]
    files: list[Path]


def validate_folder(connection, folder: str | Path) -> tuple[Checked, list[Problem]]:
    folder = Path(folder)
    problems: list[Problem] = []
    checked = Checked({}, {}, [])
    if not folder.is_dir():
        return checked, [Problem(str(folder), None, "expected a submission folder (meta.json + <task>.<corpus>.jsonl files)")]
    if folder.is_symlink():
        return checked, [Problem(str(folder), None, "the submission folder is a symbolic link; pass the real folder")]
    cells = gold_cells(connection)
    if not cells:
        problems.append(Problem(str(folder), None, "the leaderboard has no gold yet: run `codemix leaderboard init` first"))
    for path in sorted(folder.iterdir()):
        name = path.name
        if path.is_symlink():
            problems.append(Problem(name, None, "symbolic links are refused (they may lead outside the submission folder); copy the file in"))
            continue
        if path.is_dir():
            problems.append(Problem(name, None, "unexpected folder in the submission; only meta.json and <task>.<corpus>.jsonl files belong there"))
            continue
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, None, f"file is {path.stat().st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"))
            continue
        if name == META_FILE or name in ALLOWED_EXTRA_FILES:
            continue
        cell = parse_cell_file_name(name)
        if cell is None:
            problems.append(Problem(name, None, "unexpected file; cell files are named <task>.<corpus>.jsonl (e.g. lid.l3cube_melid.jsonl)"))
            continue
        cell_problems = _check_cell_name(name, cell, cells)
        if cell_problems:
            problems += cell_problems
            continue
        predictions, file_problems = _read_cell(connection, path, cell, cells[cell])
        problems += file_problems
        checked.cells[cell] = predictions
        checked.files.append(path)
    checked.meta, meta_problems = _read_meta(folder / META_FILE)
    problems = meta_problems + problems
    if not checked.cells and not any(parse_cell_file_name(p.file) for p in problems):
        problems.append(Problem(str(folder), None, "no prediction file: add at least one <task>.<corpus>.jsonl"))
    return checked, problems


def _read_meta(path: Path) -> tuple[dict, list[Problem]]:
    if path.is_symlink():
        return {}, [Problem(META_FILE, None, "symbolic links are refused; copy the file in")]
    if not path.is_file():
        return {}, [Problem(META_FILE, None, f"missing; it needs {list(REQUIRED_META)}")]
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return {}, [Problem(META_FILE, None, "expected UTF-8 text")]
    except json.JSONDecodeError as error:
        return {}, [Problem(META_FILE, error.lineno, f"invalid JSON ({error.msg})")]
    if not isinstance(meta, dict):
        return {}, [Problem(META_FILE, 1, "expected a JSON object")]
    problems = [Problem(META_FILE, None, f"missing field {key!r}") for key in REQUIRED_META if key not in meta]
    for key in ("team", "system"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            problems.append(Problem(META_FILE, None, f"field {key!r} must be a non-empty string"))
    if "description" in meta and not isinstance(meta["description"], str):
        problems.append(Problem(META_FILE, None, "field 'description' must be a string"))
    if "external_data" in meta and not isinstance(meta["external_data"], (bool, str, list)):
        problems.append(Problem(META_FILE, None, "field 'external_data' must be true/false, a string or a list of strings"))
    if "kind" in meta and (not isinstance(meta["kind"], str) or not meta["kind"].strip()):
        problems.append(Problem(META_FILE, None, "field 'kind' must be a word such as classical, fine-tuned or prompted"))
    if meta.get("partial"):
        problems.append(Problem(META_FILE, None, "a partial submission (made with --limit: only the first test items of "
                                                 "each cell) cannot be ranked; rerun the evaluation without --limit"))
    return meta, problems


def _check_cell_name(name: str, cell: tuple[str, str], cells: dict) -> list[Problem]:
    task, corpus = cell
    specs = all_specs()
    problems = []
    if task not in list_tasks():
        problems.append(Problem(name, None, f"unknown task {task!r}{_did_you_mean(task, list_tasks())}; tasks: {', '.join(list_tasks())}"))
    if corpus not in specs:
        problems.append(Problem(name, None, f"unknown corpus {corpus!r}{_did_you_mean(corpus, list(specs))}"))
    if problems:
        return problems
    if task not in specs[corpus].tasks:
        return [Problem(name, None, f"corpus {corpus} has no {task} task; its tasks are {list(specs[corpus].tasks)}")]
    if cell not in cells:
        return [Problem(name, None, f"the leaderboard has no gold for {task}/{corpus}: run `codemix leaderboard init --corpora {corpus}`")]
    return []


def _read_cell(connection, path: Path, cell, gold_set) -> tuple[dict, list[Problem]]:
    name = path.name
    gold = gold_items(connection, *cell)
    labels = json.loads(gold_set["labels"])
    token_level = gold_set["level"] == "token"
    predictions: dict = {}
    first_line: dict = {}
    problems: list[Problem] = []
    suppressed = [0]

    def problem(line, message):
        if len(problems) < MAX_PROBLEMS_PER_FILE:
            problems.append(Problem(name, line, message))
        else:
            suppressed[0] += 1

    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError:
                problem(number, "expected UTF-8 text")
                continue
            if not line:
                problem(number, "blank line; every line holds one {\"id\": ..., \"pred\": ...} object")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problem(number, f"invalid JSON ({error.msg}); expected {{\"id\": ..., \"pred\": ...}}")
                continue
            if not isinstance(row, dict) or "id" not in row or "pred" not in row:
                problem(number, "expected an object with the keys 'id' and 'pred'")
                continue
            key, pred = row["id"], row["pred"]
            if not isinstance(key, str):
                problem(number, f"id must be a string, got {json.dumps(key)}")
                continue
            if key in first_line:
                problem(number, f"duplicate id {key!r} (first on line {first_line[key]})")
                continue
            first_line[key] = number
            if key not in gold:
                problem(number, f"id {key!r} is not in the {cell[1]} test set{_did_you_mean(key, list(gold))}")
                continue
            _check_pred(problem, number, key, pred, gold[key], labels, token_level)
            predictions[key] = pred
    if suppressed[0]:
        problems.append(Problem(name, None, f"{suppressed[0]:,} more problems like these (only the first {MAX_PROBLEMS_PER_FILE} are listed)"))
    missing = [key for key in gold if key not in first_line]
    if missing:
        problems.append(Problem(name, None, f"{len(missing):,} test ids have no prediction (first: {', '.join(missing[:3])})"))
    return predictions, problems


def _check_pred(problem, number, key, pred, gold, labels, token_level) -> None:
    # null is "no answer": allowed, and scored as wrong
    if token_level:
        if not isinstance(pred, list) or not all(p is None or isinstance(p, str) for p in pred):
            problem(number, f"pred of {key!r} must be a list of labels (or null for no answer), one per token")
            return
        if len(pred) != len(gold):
            problem(number, f"pred of {key!r} has {len(pred)} labels but the record has {len(gold)} tokens")
            return
        bad = sorted({p for p in pred if p is not None and p not in labels})
    else:
        if pred is not None and not isinstance(pred, str):
            problem(number, f"pred of {key!r} must be one label (a string, or null for no answer), got {json.dumps(pred)[:40]}")
            return
        bad = [pred] if pred is not None and pred not in labels else []
    for label in bad[:3]:
        problem(number, f"unknown label {label!r}{_did_you_mean(label, labels)}; allowed: {', '.join(labels)}")


def _did_you_mean(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
