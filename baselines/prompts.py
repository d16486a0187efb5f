"""Prompt templates: versioned data, one per task, rendered into prompts and parsed back.

A template (``prompt_templates/<task>.json``, or a user's own file of the same shape) holds an
English instruction with slots for the language pair and the labels, the form of one example
and of the query, and a verbaliser per canonical label. Sentence tasks end the query where the
verbaliser follows (``Sentiment:`` + `` positive``); token tasks number the tokens and ask for
one ``number<TAB>token<TAB>tag`` line per token.

Parsing never guesses silently: an answer that names no label is ``None`` (no answer, scored as
wrong), and a token answer's missing, extra and unknown tags are counted. A reasoning model's
``<think>...</think>`` part is left out first: it names labels the model goes on to reject.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from codemix.common.errors import CodemixError
from codemix.common.paths import read_small_text
from codemix.common.names import label_key

TEMPLATE_DIR = Path(__file__).parent / "prompt_templates"
REQUIRED_KEYS = ("name", "version", "task", "instruction", "example", "query", "separator", "verbalisers")
LANGUAGE_NAMES = {"hi": "Hindi", "bn": "Bengali", "mr": "Marathi", "en": "English"}


@dataclass(frozen=True)
class PromptTemplate:
    """One task's prompt: instruction, example and query forms, verbalisers (see the module docstring)."""

    name: str
    version: str
    task: str
    instruction: str
    example: str
    query: str
    separator: str
    verbalisers: Mapping[str, str]
    token_line: str = "{index}\t{token}"
    answer_line: str = "{index}\t{token}\t{tag}"
    label_descriptions: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The template as stored with a submission (everything needed to rebuild its prompts)."""
        return {key: (dict(value) if isinstance(value, Mapping) else value) for key, value in self.__dict__.items()}


def load_template(task, path: str | Path | None = None) -> PromptTemplate:
    """The template for ``task``: the shipped one, or the JSON file at ``path`` (checked)."""
    source = Path(path) if path else TEMPLATE_DIR / f"{task.name}.json"
    try:
        data = json.loads(read_small_text(source, "prompt template"))
    except json.JSONDecodeError as error:
        raise CodemixError(f"{source}:{error.lineno}: prompt template is not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise CodemixError(f"{source}: a prompt template is a JSON object with {list(REQUIRED_KEYS)}")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    unknown = sorted(set(data) - set(PromptTemplate.__dataclass_fields__) - {"source"})
    if missing or unknown:
        wrong = "; ".join(part for part in (f"lacks {missing}" if missing else "",
                                            f"has unknown keys {unknown}" if unknown else "") if part)
        raise CodemixError(f"{source}: prompt template {wrong}; its keys: {list(PromptTemplate.__dataclass_fields__)[:-1]}")
    if data["task"] != task.name:
        raise CodemixError(f"{source}: template is for task {data['task']!r}, not {task.name!r}")
    _check_types(source, data)
    _check_slots(source, data, task)
    absent = [label for label in task.labels if label not in data["verbalisers"]]
    extra = [label for label in data["verbalisers"] if label not in task.labels]
    if absent or extra:
        raise CodemixError(f"{source}: verbalisers must cover exactly the {task.name} labels; missing {absent}, unknown {extra}")
    spoken = [label_key(v) for v in data["verbalisers"].values()]
    if len(set(spoken)) != len(spoken) or not all(spoken):
        raise CodemixError(f"{source}: verbalisers must be distinct and non-empty: {data['verbalisers']}")
    data["source"] = "shipped" if path is None else str(source)
    return PromptTemplate(**data)


TEXT_KEYS = ("name", "version", "task", "instruction", "example", "query", "separator", "token_line", "answer_line")
MAPPING_KEYS = ("verbalisers", "label_descriptions", "aliases")


def _check_types(source: Path, data: dict) -> None:
    for key in TEXT_KEYS:
        if key in data and not isinstance(data[key], str):
            raise CodemixError(f"{source}: {key!r} must be a string, not {type(data[key]).__name__} {data[key]!r:.60}")
    for key in MAPPING_KEYS:
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise CodemixError(f"{source}: {key!r} must be an object of strings (label -> text), not {value!r:.60}")


def slots_of(template_key: str, level: str) -> frozenset[str]:
    """The slots a template string may name: what ``render_prompt`` fills in for it.

    >>> sorted(slots_of("query", "sentence")), sorted(slots_of("answer_line", "token"))
    (['text'], ['index', 'tag', 'token'])
    """
    record = "text" if level == "sentence" else "numbered_tokens"
    return frozenset({"instruction": {"language_pair", "label_list", "label_descriptions"},
                      "example": {record, "answer"}, "query": {record}, "token_line": {"index", "token"},
                      "answer_line": {"index", "token", "tag"}}[template_key])


def _check_slots(source: Path, data: dict, task) -> None:
    """Every ``{slot}`` a plain name that ``render_prompt`` fills (no attribute, index, conversion or
    format spec: those would read Python objects or allocate without bound), and the query names
    the record's own slot."""
    import string

    for key in ("instruction", "example", "query", "token_line", "answer_line"):
        if key not in data:
            continue
        allowed = slots_of(key, task.level)
        listed = ", ".join("{" + slot + "}" for slot in sorted(allowed))
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(data[key])
                      if name is not None]
        except ValueError as error:
            raise CodemixError(f"{source}: {key!r} is not a valid template ({error}); write a literal brace as "
                               "{{ or }}") from None
        for name, spec, conversion in fields:
            if name not in allowed or spec or conversion:
                shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                raise CodemixError(f"{source}: {key!r} names the slot {shown[:60]!r}; its slots are {listed} "
                                   "(plain names only), and a literal brace is written {{ or }}")
        if key == "query" and not {name for name, _, _ in fields} & allowed:
            raise CodemixError(f"{source}: 'query' never names {listed}, so the prompt would not show the item to "
                               "classify")


def language_pair(pair: str) -> str:
    """``hi-en`` -> ``Hindi-English`` (codes it does not know stay as they are; no pair: "several languages")."""
    if not pair:
        return "several languages"
    return "-".join(LANGUAGE_NAMES.get(code, code) for code in pair.split("-"))


def allowed_tags(task, pair: str) -> tuple[str, ...]:
    """The labels a prompt offers: for LID only the pair's languages plus the language-independent tags."""
    if task.name != "lid" or not pair:
        return tuple(task.labels)
    languages = set(pair.split("-"))
    return tuple(label for label in task.labels if label in languages or label not in LANGUAGE_NAMES)


def render_prompt(template: PromptTemplate, task, pair: str, record: Mapping[str, Any],
                  examples: Sequence[tuple[Mapping[str, Any], Any]] = ()) -> str:
    """The full prompt for one record: instruction, the worked examples, then the query."""
    tags = allowed_tags(task, pair)
    slots = {"language_pair": language_pair(pair),
             "label_list": ", ".join(template.verbalisers[label] for label in tags),
             "label_descriptions": "; ".join(f"{template.verbalisers[label]} = {template.label_descriptions[label]}"
                                             if label in template.label_descriptions else template.verbalisers[label]
                                             for label in tags)}
    parts = [template.instruction.format(**slots)]
    for example, gold in examples:
        parts.append(template.example.format(**_record_slots(template, task, example), answer=answer_text(template, task, example, gold)))
    parts.append(template.query.format(**_record_slots(template, task, record)))
    return template.separator.join(parts)


def answer_text(template: PromptTemplate, task, record: Mapping[str, Any], gold) -> str:
    """What a correct answer looks like (used for the few-shot examples)."""
    if task.level == "sentence":
        return template.verbalisers[gold]
    return "\n".join(template.answer_line.format(index=i, token=token, tag=template.verbalisers[tag])
                     for i, (token, tag) in enumerate(zip(record["tokens"], gold), 1))


def _record_slots(template: PromptTemplate, task, record: Mapping[str, Any]) -> dict[str, str]:
    if task.level == "sentence":
        return {"text": record["text"]}
    return {"numbered_tokens": "\n".join(template.token_line.format(index=i, token=token)
                                         for i, token in enumerate(record["tokens"], 1))}


# --- parsing ----------------------------------------------------------------------------------

_REASONING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)


def without_reasoning(answer: str) -> str:
    """The answer without a reasoning model's ``<think>...</think>`` part (an unclosed one runs to
    the end: the model ran out of tokens before answering), which names labels it then rejects.

    >>> without_reasoning("<think>Not negative, I think.</think> positive")
    ' positive'
    >>> without_reasoning("<think>It could be negative or")
    ''
    """
    return _REASONING.sub("", answer)


def parse_label(template: PromptTemplate, answer: str) -> str | None:
    """The label a generated answer names: the earliest verbaliser (the longest at that place).

    >>> t = load_template(__import__("codemix").get_task("offensive"))
    >>> parse_label(t, " Yes, it is."), parse_label(t, "no"), parse_label(t, "maybe")
    ('offensive', 'not_offensive', None)
    """
    text = label_key(without_reasoning(answer))
    best: tuple[int, int, str] | None = None
    for label, verbaliser in list(template.verbalisers.items()) + list(_label_names(template).items()):
        match = re.search(rf"(?<![a-z0-9_]){re.escape(label_key(verbaliser))}(?![a-z0-9_])", text)
        if match and (best is None or (match.start(), -len(match.group())) < best[:2]):
            best = (match.start(), -len(match.group()), label)
    return best[2] if best else None


@dataclass
class TagParse:
    """Tags aligned to tokens (``None`` where the answer gave no usable tag) and what went wrong."""

    tags: list[str | None]
    missing: int = 0
    extra: int = 0
    unknown: int = 0


_NUMBERED = re.compile(r"^\s*(\d+)\s*[\t.:)\-|]?\s*(.*?)\s*$")


def parse_tags(template: PromptTemplate, answer: str, n_tokens: int) -> TagParse:
    """Align a token-task answer to ``n_tokens`` tokens.

    Numbered lines (``3<TAB>token<TAB>tag``, ``3. token TAG``, ``3: TAG``) are placed by their
    number; without any numbered line, the non-empty lines are taken in order. The tag is the
    line's last field. Missing tokens, lines beyond the tokens (or repeated numbers) and tags
    outside the verbalisers are counted; the token then has no answer.

    >>> t = load_template(__import__("codemix").get_task("lid"))
    >>> p = parse_tags(t, "1\\tyaar\\thi\\n2\\tgood\\tEnglish\\n4\\tx\\ten\\n", 3)
    >>> p.tags, p.missing, p.extra, p.unknown
    (['hi', 'en', None], 1, 1, 0)
    """
    lines = [line for line in without_reasoning(answer).splitlines() if line.strip()]
    numbered = [_NUMBERED.match(line) for line in lines]
    placed: dict[int, str] = {}
    extra = 0
    if any(numbered):
        for match in numbered:
            if match is None:
                continue
            index = int(match.group(1)) - 1
            if not 0 <= index < n_tokens or index in placed:
                extra += 1
                continue
            placed[index] = match.group(2)
    else:
        for index, line in enumerate(lines):
            if index >= n_tokens:
                extra += 1
                continue
            placed[index] = line
    lookup = _tag_lookup(template)
    tags: list[str | None] = [None] * n_tokens
    unknown = 0
    for index, rest in placed.items():
        fields = rest.split()
        tag = lookup.get(label_key(fields[-1].strip(".,;:|"))) if fields else None
        if tag is None:
            unknown += 1
        tags[index] = tag
    return TagParse(tags, missing=n_tokens - len(placed), extra=extra, unknown=unknown)


def _tag_lookup(template: PromptTemplate) -> dict[str, str]:
    lookup = {label_key(label): label for label in template.verbalisers}
    lookup.update({label_key(spoken): label for label, spoken in template.verbalisers.items()})
    lookup.update({label_key(alias): label for alias, label in template.aliases.items() if label in template.verbalisers})
    return lookup


def _label_names(template: PromptTemplate) -> dict[str, str]:
    """Canonical label names as extra spellings (``not_offensive`` / ``not offensive``)."""
    return {label: label.replace("_", " ") for label in template.verbalisers}
