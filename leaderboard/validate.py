"""Submission validation: every problem collected with ``file:line`` before anything is stored.

Validation refuses everything the store could not hold or the page could not show safely, in
time linear in the submission's size: only regular files are opened, lines and values have
size limits, values are quoted at most ~100 characters, and "did you mean" is computed for the
first few problems only, from an index.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from codemix.leaderboard.gold import gold_cells, gold_items
from codemix.loaders.registry import all_specs
from codemix.tasks.registry import list_tasks
from codemix.common.names import did_you_mean
from codemix.common.text import printable, quote
from codemix.tasks.submission import (
    MAX_META_BYTES, META_FILE, REQUIRED_META, SUBMISSION_EXTRAS, StrictJSONError, meta_field_problems, parse_cell_file_name,
    prediction_rows, strict_json,
)

MAX_FILE_BYTES = 200 * 2**20
MAX_PROBLEMS_PER_FILE = 50
MAX_UNEXPECTED_LISTED = 20  # files that are not cells: a folder of thousands is summed up, not listed
MAX_SUGGESTIONS = 5  # "did you mean" for the first problems only: suggestions must not cost more than the file
MAX_LABEL_CHARS = 64
ALLOWED_EXTRA_FILES = SUBMISSION_EXTRAS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a submission, where it is (file, line) and how to fix it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        name = printable(self.file).replace("\n", "\\n").replace("\t", "\\t")  # a file name on one line
        where = f"{name}:{self.line}" if self.line else name
        return f"{where}: {printable(self.message)}"


@dataclass
class Checked:
    """What validation read: the meta and, per cell, id -> prediction (only meaningful without problems)."""

    meta: dict
    cells: dict[tuple[str, str], dict]
    files: list[Path]


def validate_folder(connection, folder: str | Path) -> tuple[Checked, list[Problem]]:
    """Read and check a submission folder against the store's gold; returns what was read and every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    checked = Checked({}, {}, [])
    if folder.is_symlink():
        return checked, [Problem(str(folder), None, "the submission folder is a symbolic link; pass the real folder")]
    if not folder.is_dir():
        return checked, [Problem(str(folder), None, "expected a submission folder (meta.json + <task>.<corpus>.jsonl files)")]
    cells = gold_cells(connection)
    if not cells:
        problems.append(Problem(str(folder), None, "the leaderboard has no gold yet: run `codemix leaderboard init` first"))
    unexpected = 0
    for path in sorted(folder.iterdir()):
        name = path.name
        refusal = _refuse_entry(path)
        if refusal:
            problems.append(Problem(name, None, refusal))
            continue
        if name == META_FILE or name in ALLOWED_EXTRA_FILES:
            continue
        cell = parse_cell_file_name(name)
        if cell is None:
            unexpected += 1
            if unexpected <= MAX_UNEXPECTED_LISTED:
                problems.append(Problem(name, None, "unexpected file; cell files are named <task>.<corpus>.jsonl "
                                                    "(e.g. lid.l3cube_melid.jsonl)"))
            continue
        cell_problems = _check_cell_name(name, cell, cells)
        if cell_problems:
            problems += cell_problems
            continue
        predictions, file_problems = _read_cell(connection, path, cell, cells[cell])
        problems += file_problems
        checked.cells[cell] = predictions
        checked.files.append(path)
    if unexpected > MAX_UNEXPECTED_LISTED:
        problems.append(Problem(str(folder), None, f"{unexpected - MAX_UNEXPECTED_LISTED:,} more unexpected files "
                                                   f"(only the first {MAX_UNEXPECTED_LISTED} are listed)"))
    checked.meta, meta_problems = _read_meta(folder / META_FILE)
    problems = meta_problems + problems
    if not checked.cells and not any(parse_cell_file_name(p.file) for p in problems):
        problems.append(Problem(str(folder), None, "no prediction file: add at least one <task>.<corpus>.jsonl"))
    return checked, problems


def _refuse_entry(path: Path) -> str | None:
    """Why a folder entry is refused (links, folders, FIFOs, devices, oversized files), else ``None``."""
    if path.is_symlink():
        return "symbolic links are refused (they may lead outside the submission folder); copy the file in"
    mode = path.lstat().st_mode
    if stat.S_ISDIR(mode):
        return "unexpected folder in the submission; only meta.json and <task>.<corpus>.jsonl files belong there"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device); only regular files are read - copy the data into a file"
    size = path.lstat().st_size
    limit = MAX_META_BYTES if path.name == META_FILE else MAX_FILE_BYTES
    if size > limit:
        return f"file is {size:,} bytes, over the {limit:,}-byte limit"
    return None


def _read_meta(path: Path) -> tuple[dict, list[Problem]]:
    if not path.exists() and not path.is_symlink():
        return {}, [Problem(META_FILE, None, f"missing; it needs {list(REQUIRED_META)}")]
    if _refuse_entry(path):
        return {}, []  # already reported with the folder's entries
    try:
        meta = strict_json(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return {}, [Problem(META_FILE, None, "expected UTF-8 text")]
    except StrictJSONError as error:
        return {}, [Problem(META_FILE, error.line, str(error))]
    if not isinstance(meta, dict):
        return {}, [Problem(META_FILE, 1, "expected a JSON object")]
    problems = [Problem(META_FILE, None, f"missing field {key!r}") for key in REQUIRED_META if key not in meta]
    problems += [Problem(META_FILE, None, message) for message in meta_field_problems(meta)]
    if meta.get("partial"):
        problems.append(Problem(META_FILE, None, "a partial submission (made with --limit: only the first test items of "
                                                 "each cell) cannot be ranked; rerun the evaluation without --limit"))
    return meta, problems


def _check_cell_name(name: str, cell: tuple[str, str], cells: dict) -> list[Problem]:
    task, corpus = cell
    specs = all_specs()
    problems = []
    if task not in list_tasks():
        problems.append(Problem(name, None, f"unknown task {quote(task)}{did_you_mean(task, list_tasks())}; tasks: {', '.join(list_tasks())}"))
    if corpus not in specs:
        problems.append(Problem(name, None, f"unknown corpus {quote(corpus)}{did_you_mean(corpus, list(specs))}"))
    if problems:
        return problems
    if task not in specs[corpus].tasks:
        return [Problem(name, None, f"corpus {corpus} has no {task} task; its tasks are {list(specs[corpus].tasks)}")]
    if cell not in cells:
        return [Problem(name, None, f"the leaderboard has no gold for {task}/{corpus}: run `codemix leaderboard init --corpora {corpus}`")]
    from codemix.tasks.registry import get_task

    if cells[cell]["task_version"] != get_task(task).version:
        return [Problem(name, None, f"the gold of {task}/{corpus} was built for task version {cells[cell]['task_version']}, "
                                    f"codemix's {task} is now {get_task(task).version}: run `codemix leaderboard init "
                                    f"--corpora {corpus}` to rebuild it")]
    return []


class _Collector:
    """Problems of one file: the first ``MAX_PROBLEMS_PER_FILE`` listed, the rest counted."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.suppressed = 0

    def add(self, line, message) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.name, line, message))
        else:
            self.suppressed += 1

    @property
    def suggest(self) -> bool:
        return len(self.problems) < MAX_SUGGESTIONS


def _read_cell(connection, path: Path, cell, gold_set) -> tuple[dict, list[Problem]]:
    import json

    gold = gold_items(connection, *cell)
    labels = json.loads(gold_set["labels"])
    token_level = gold_set["level"] == "token"
    predictions: dict = {}
    first_line: dict = {}
    found = _Collector(path.name)
    index = None
    for number, row, problem in prediction_rows(path):
        if problem is not None and number is None:  # reading stopped: always listed
            found.problems.append(Problem(path.name, None, problem))
        elif problem is not None:
            found.add(number, problem)
        if problem is not None:
            continue
        key, pred = row["id"], row["pred"]
        if key in first_line:
            found.add(number, f"duplicate id {quote(key)} (first on line {first_line[key]})")
            continue
        first_line[key] = number
        if key not in gold:
            hint = ""
            if found.suggest:
                index = index if index is not None else _id_index(gold)
                hint = _suggest_id(key, index)
            found.add(number, f"id {quote(key)} is not in the {cell[1]} test set{hint}")
            continue
        _check_pred(found, number, key, pred, gold[key], labels, token_level)
        predictions[key] = pred
    if found.suppressed:
        found.problems.append(Problem(path.name, None, f"{found.suppressed:,} more problems like these (only the first "
                                                        f"{MAX_PROBLEMS_PER_FILE} are listed)"))
    missing = [key for key in gold if key not in first_line]
    if missing:
        found.problems.append(Problem(path.name, None, f"{len(missing):,} test ids have no prediction (first: "
                                                       f"{', '.join(quote(k, 60) for k in missing[:3])})"))
    return predictions, found.problems


def _check_pred(found: _Collector, number, key, pred, gold, labels, token_level) -> None:
    # null is "no answer": allowed, and scored as wrong
    if token_level:
        if pred is None:  # "no answer" is per token here, so the token count stays checked
            found.add(number, f"pred of {quote(key)} is null; a token task needs a list of {len(gold)} labels, "
                              f"one per token, with null for each token without an answer")
            return
        if not isinstance(pred, list) or not all(p is None or isinstance(p, str) for p in pred):
            found.add(number, f"pred of {quote(key)} must be a list of labels, one per token "
                              f"(null for a token without an answer)")
            return
        if len(pred) != len(gold):
            found.add(number, f"pred of {quote(key)} has {len(pred)} labels but the record has {len(gold)} tokens")
            return
        bad = sorted({p for p in pred if p is not None and p not in labels}, key=len)
    else:
        if pred is not None and not isinstance(pred, str):
            found.add(number, f"pred of {quote(key)} must be one label (a string, or null for no answer), got {quote(pred, 40)}")
            return
        bad = [pred] if pred is not None and pred not in labels else []
    for label in bad[:3]:
        hint = did_you_mean(label, labels) if found.suggest and len(label) <= MAX_LABEL_CHARS else ""
        found.add(number, f"unknown label {quote(label)}{hint}; allowed: {', '.join(labels)}")


def _id_index(gold: dict) -> dict[str, str]:
    """Gold ids by their last part (the source id or running index): an id from another split or
    corpus spelling finds its counterpart in one lookup."""
    index: dict[str, str] = {}
    for key in gold:
        index.setdefault(key.rsplit(":", 1)[-1], key)
    return index


def _suggest_id(key: str, index: dict[str, str]) -> str:
    match = index.get(key.rsplit(":", 1)[-1])
    return f" (did you mean {quote(match)}? ids are <corpus>:test:<id>)" if match else ""
