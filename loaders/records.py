"""From raw items to checked records: joins, alignment, label mapping, normalisation, splits.

Everything is a generator over the data files, so the same code serves the eager Arrow build
and ``streaming=True``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from codemix.common.errors import FormatError, LabelError, RecordError
from codemix.loaders.files import ResolvedFile
from codemix.loaders.formats import READERS
from codemix.loaders.normalize import nfc, repair_mojibake, tokenize
from codemix.loaders.report import LoadReport
from codemix.loaders.schema import TOKEN_LAYERS, check_record, empty_record
from codemix.loaders.spec import CorpusSpec, FileSpec
from codemix.loaders.splits import seeded_assignment
from codemix.common.labels import SENTENCE_FIELDS

# Characters that UTF-8 lead bytes turn into when read as cp1252 (Ã, Â, â, ð, ...).
_MOJIBAKE_MARKS = re.compile("[\u00c2\u00c3\u00e0\u00e2\u00f0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def iter_records(spec: CorpusSpec, files: list[ResolvedFile], report: LoadReport) -> Iterator[dict]:
    """Yield every record of the corpus, checked, in file order, each with its split and id."""
    converted = _iter_converted(spec, files, report)
    if spec.split_policy.kind == "seeded":
        converted = list(converted)  # the split of each record depends on all of them: one pass, kept
    assign, finish = _split_assigner(spec, files, report, converted)
    # Running indices are unique by construction; only source ids can repeat, so only they are
    # remembered (streaming a huge file without source ids keeps memory flat).
    seen: dict[str, str] | None = {} if "id" in spec.columns else None
    counts: dict[str, int] = {}
    for key, record, where in converted:
        split = assign(key, record, where)
        if split is None:
            continue
        record["split"] = split
        record["id"] = f"{spec.name}:{split}:{key}"
        if seen is not None:
            if record["id"] in seen:
                raise RecordError(f"{where}: record id {record['id']} is not unique (also at {seen[record['id']]}); "
                                  "the source ids of this corpus repeat")
            seen[record["id"]] = where
        check_record(record, where)
        counts[split] = counts.get(split, 0) + 1
        yield record
    finish()
    _refuse_empty_splits(spec, files, counts)


def _refuse_empty_splits(spec: CorpusSpec, files: list[ResolvedFile], counts: dict[str, int]) -> None:
    """An empty split is an error naming its files, unless the spec allows it."""
    policy = spec.split_policy.kind
    data = [f for f in files if f.spec.role == "data" and f.path is not None]
    if policy in ("seeded", "test_only"):
        if not counts and "all" not in spec.allow_empty_splits:
            raise FormatError(", ".join(str(f.path) for f in data), None,
                              f"{spec.name}: no record at all (empty or header-only files); check the files")
        return
    for split in available_splits(spec, files):
        if counts.get(split) or split in spec.allow_empty_splits:
            continue
        if policy == "id_files":
            id_files = [f for f in files if f.spec.role == "ids" and f.spec.split == split and f.path is not None]
            listed = sum(1 for f in id_files for _ in READERS["id_list"](f.path, f.spec.options, LoadReport(spec.name)))
            raise FormatError(", ".join(str(f.path) for f in id_files), None,
                              f"{spec.name}: split {split!r} came out empty - none of its {listed:,} listed ids matches a "
                              "record of the data files; are these the id files of this release?")
        feeding = [str(f.path) for f in data if f.spec.split == split]
        raise FormatError(", ".join(feeding) or spec.name, None,
                          f"{spec.name}: split {split!r} came out empty (its file is empty or holds only a header); "
                          "check the file, or list the split in the spec's allow_empty_splits")


def _split_assigner(spec: CorpusSpec, files: list[ResolvedFile], report: LoadReport, converted):
    """``(assign(key, record, where) -> split or None, finish())`` for the spec's split policy."""
    policy = spec.split_policy
    if policy.kind == "official":
        return (lambda key, record, where: record.pop("_split")), (lambda: None)
    if policy.kind == "test_only":
        return (lambda key, record, where: "test"), (lambda: None)
    if policy.kind == "id_files":
        membership = _read_id_files(spec, files)
        found: set[str] = set()

        def by_ids(key, record, where):
            split = membership.get(key)
            if split is None:
                report.add("record in no split's id file (not loaded)", where)
            else:
                found.add(key)
            return split

        def finish():
            # An id listed for a split must name a record that was loaded (not a dropped one).
            dropped_or_absent = sorted(set(membership) - found)
            for key in dropped_or_absent:
                report.add(f"id listed in the {membership[key]} id file without a loadable record")
        return by_ids, finish
    strata = [(key, _stratum(record, policy.stratify_by)) for key, record, _ in converted]
    assignment = seeded_assignment(strata, policy.seed, policy.fractions)
    return (lambda key, record, where: assignment[key]), (lambda: None)


def _stratum(record: dict, field: str | None) -> str | None:
    return None if field is None else record.get(field)


def _read_id_files(spec: CorpusSpec, files: list[ResolvedFile]) -> dict[str, str]:
    membership: dict[str, str] = {}
    for resolved in files:
        if resolved.spec.role != "ids" or resolved.path is None:
            continue
        for item in READERS["id_list"](resolved.path, resolved.spec.options, LoadReport(spec.name)):
            if item["id"] in membership:
                raise FormatError(resolved.path, item["_line"], f"expected each id in one split, but {item['id']} "
                                  f"is also in the {membership[item['id']]} id file")
            membership[item["id"]] = resolved.spec.split
    return membership


def _iter_converted(spec: CorpusSpec, files: list[ResolvedFile], report: LoadReport) -> Iterator[tuple[str, dict, str]]:
    by_path = {r.spec.path: r for r in files}
    labels = _read_label_files(spec, files, report)
    official = spec.split_policy.kind == "official"
    # Running indices restart per file: prefix them with the file stem when several files feed one split.
    feeds = [f.split if official else None for f in spec.data_files()]
    shared = {s for s in feeds if feeds.count(s) > 1}
    for resolved in files:
        file = resolved.spec
        if file.role != "data" or resolved.path is None:
            continue
        items = _read(spec, resolved, report)
        aligned = [by_path[f.path] for f in spec.files if f.role == "aligned" and f.aligned_with == file.path]
        for extra in aligned:
            if extra.path is not None:
                items = _align(items, _read(spec, extra, report), resolved.path, extra.path)
        if file.split in labels:
            items = _join_labels(items, labels[file.split], resolved.path, spec)
        prefix = f"{Path(file.path).stem}-" if (file.split if official else None) in shared else ""
        for index, item in enumerate(items, 1):
            where = f"{resolved.path}:{item['_line']}"
            source_id = item.get(spec.columns["id"]) if "id" in spec.columns else None
            key = str(source_id) if source_id not in (None, "") else f"{prefix}{index}"
            record = _convert(spec, file, item, resolved.path, report, where)
            if record is None:
                continue
            if official:
                record["_split"] = file.split
            yield key, record, where


def _read(spec: CorpusSpec, resolved: ResolvedFile, report: LoadReport) -> Iterator[dict]:
    options = {**spec.reader_options, **resolved.spec.options}
    return READERS[options.pop("format", spec.format)](resolved.path, options, report)


def _read_label_files(spec: CorpusSpec, files: list[ResolvedFile], report: LoadReport) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for resolved in files:
        if resolved.spec.role != "labels" or resolved.path is None:
            continue
        options = dict(resolved.spec.options)
        id_column = options.pop("id_column")
        rename = options.pop("rename", {})
        rows: dict[str, dict] = {}
        for row in READERS[options.pop("format", "csv")](resolved.path, options, report):
            row = {rename.get(k, k): v for k, v in row.items()}
            if row[id_column] in rows:
                raise FormatError(resolved.path, row["_line"], f"expected one label row per id, but id {row[id_column]} repeats")
            rows[row[id_column]] = row
        out[resolved.spec.split] = {"rows": rows, "id_column": id_column, "path": resolved.path}
    return out


def _join_labels(items: Iterator[dict], labels: dict, data_path: Path, spec: CorpusSpec) -> Iterator[dict]:
    """Join label rows onto items by id (never by line order); every id on both sides must match."""
    rows, id_column = labels["rows"], labels["id_column"]
    used = set()
    for item in items:
        item_id = item.get(spec.columns["id"])
        row = rows.get(item_id)
        if row is None:
            raise FormatError(data_path, item["_line"], f"expected a label for id {item_id} in {labels['path']}, found none")
        used.add(item_id)
        item.update({k: v for k, v in row.items() if k not in ("_line", id_column)})
        yield item
    unused = sorted(set(rows) - used)
    if unused:
        first = rows[unused[0]]["_line"]
        raise FormatError(labels["path"], first, f"expected every labelled id in {data_path}, but {len(unused)} are not "
                          f"there (first: {unused[0]})")


def _align(base: Iterator[dict], extra: Iterator[dict], base_path: Path, extra_path: Path) -> Iterator[dict]:
    """Zip a token-aligned file onto its data file: same sentences, same values in shared columns."""
    sentinel = object()
    extra = iter(extra)
    for item in base:
        other = next(extra, sentinel)
        if other is sentinel:
            raise FormatError(extra_path, None, f"expected the same sentences as {base_path}, but it ends before "
                              f"the sentence at {base_path}:{item['_line']}")
        for column, value in other.items():
            if column.startswith("_"):
                continue
            if column in item and item[column] != value:
                raise FormatError(extra_path, other["_line"], f"expected column {column!r} to equal {base_path}:"
                                  f"{item['_line']} (files are token-aligned), but they differ")
            item[column] = value
        yield item
    other = next(extra, sentinel)
    if other is not sentinel:
        raise FormatError(extra_path, other["_line"], f"expected the same sentences as {base_path}, but this one is extra")


def _convert(spec: CorpusSpec, file: FileSpec, item: dict, path: Path, report: LoadReport, where: str) -> dict | None:
    columns = spec.columns
    if _is_missing(item, columns):
        if spec.missing_text == "error":
            raise FormatError(path, item["_line"], "expected a text, got a missing or empty one; if the corpus really "
                              "has such rows, set missing_text='drop' or 'keep' in its spec to handle and count them")
        report.add(f"{'dropped' if spec.missing_text == 'drop' else 'kept'} record with missing or empty text "
                   f"(policy missing_text={spec.missing_text!r})", where)
        if spec.missing_text == "drop":
            return None
    record = empty_record()
    record["corpus"] = spec.name
    if "tokens" in columns:
        _fill_token_layers(spec, file, item, path, report, record)
        text = item.get(columns["text"]) if "text" in columns else " ".join(record["tokens"])
        record["text"] = nfc(text or "")
    else:
        text = nfc(item.get(columns["text"]) or "")
        record["text"] = _repair([text], report, [where])[0] if file.repair_mojibake else text
        record["tokens"] = tokenize(record["text"])
    for name in SENTENCE_FIELDS:
        if name in columns:
            record[name] = _map_label(spec, name, item.get(columns[name]), path, item["_line"], report)
    record["source_label"] = _source_label(spec, item)
    record["domain"] = item.get(columns["domain"]) if "domain" in columns else (file.domain or spec.domain)
    return record


def _is_missing(item: dict, columns) -> bool:
    """No text to speak of: a null (JSON NaN) text or token column, or a blank text."""
    if "tokens" in columns and not isinstance(item.get(columns["tokens"]), list):
        return True
    if "text" in columns:
        text = item.get(columns["text"])
        return not isinstance(text, str) or text.strip() == ""
    return False


def _fill_token_layers(spec, file, item, path, report, record) -> None:
    columns = spec.columns
    tokens = [t if t.isascii() else nfc(t) for t in item[columns["tokens"]]]
    layers = {layer: list(item[columns[layer]]) for layer in TOKEN_LAYERS if layer in columns}
    if file.repair_mojibake:
        tokens = _repair(tokens, report, [f"{path}:{n}" for n in item.get("_lines") or [item["_line"]] * len(tokens)])
    if "" in tokens:
        tokens, layers = _handle_empty_tokens(spec, tokens, layers, item, report, path)
    for layer, values in layers.items():
        record[layer] = (_map_layer(spec, layer, values, item, path, report) if layer in spec.label_maps
                         else [v if v.isascii() else nfc(v) for v in values])
    record["tokens"] = tokens


def _source_label(spec: CorpusSpec, item: dict) -> str | None:
    column = spec.columns.get("source_label") or next(
        (spec.columns[name] for name in SENTENCE_FIELDS if name in spec.columns), None)
    value = item.get(column) if column else None
    return None if value is None else str(value)


def _repair(tokens: list[str], report: LoadReport, places: list[str]) -> list[str]:
    out = []
    for token, where in zip(tokens, places):
        fixed = repair_mojibake(token)
        if fixed != token:
            report.add("repaired mojibake token (UTF-8 read as cp1252)", where)
        elif _MOJIBAKE_MARKS.search(token):
            report.add("mojibake-like token left as is (truncated: the repair would not round-trip)", where)
        out.append(fixed)
    return out


def _handle_empty_tokens(spec, tokens, layers, item, report, path):
    """Apply the spec's ``empty_tokens`` policy: error, keep (counted) or drop with labels (counted)."""
    lines = item.get("_lines") or [item["_line"]] * len(tokens)
    empty = [i for i, t in enumerate(tokens) if t == ""]
    if spec.empty_tokens == "error":
        raise FormatError(path, lines[empty[0]], "expected a non-empty token, got an empty one; if the corpus really "
                          "has such lines, set empty_tokens='keep' or 'drop' in its spec to handle and count them")
    for i in empty:
        report.add(f"{'kept' if spec.empty_tokens == 'keep' else 'dropped'} empty token "
                   f"(policy empty_tokens={spec.empty_tokens!r})", f"{path}:{lines[i]}")
    if spec.empty_tokens == "keep":
        return tokens, layers
    keep = [i for i, t in enumerate(tokens) if t != ""]
    return [tokens[i] for i in keep], {k: [v[i] for i in keep] for k, v in layers.items()}


def _map_layer(spec, layer, values, item, path, report) -> list[str]:
    label_map = spec.label_maps[layer]
    mapping = label_map.mapping
    report.label_counts.setdefault(layer, Counter()).update(values)
    try:
        return [mapping[v] for v in values]
    except KeyError:
        pass
    lines = item.get("_lines") or [item["_line"]] * len(values)
    return [_lookup(spec, layer, value, path, line, report) for value, line in zip(values, lines)]


def _map_label(spec, name, value, path, line, report) -> str | None:
    if value is None:
        return None
    value = str(value)
    report.add_label(name, value)
    target = _lookup(spec, name, value, path, line, report)
    if target is None:
        report.add(f"{name} label {value!r} has no canonical class: {name} left empty, kept in source_label",
                   f"{path}:{line}")
    return target


def _lookup(spec, field, value, path, line, report) -> str | None:
    try:
        target, rule = spec.label_maps[field].lookup(value)
    except KeyError:
        raise _label_error(spec, field, value, path, line) from None
    if rule is not None:
        report.add(f"{field} label cleaned by rule {rule!r} before mapping", f"{path}:{line}")
    return target


def _label_error(spec, field, value, path, line) -> LabelError:
    allowed = spec.label_maps[field].allowed()
    return LabelError(f"{path}:{line}: corpus {spec.name}: {field} label {value!r} has no mapping; the spec maps "
                      f"{allowed}. Add it to label_maps[{field!r}] in loaders/corpora/{spec.name}.py with a one-line why")


def available_splits(spec: CorpusSpec, files: list[ResolvedFile]) -> tuple[str, ...]:
    """The spec's splits, less those whose data files are all optional and absent."""
    if spec.split_policy.kind != "official":
        return spec.splits()
    present = {f.spec.split for f in files if f.spec.role == "data" and f.path is not None}
    return tuple(s for s in spec.splits() if s in present)
