"""A language model prompted for the codemix tasks (``llm:`` and ``openai:`` specs).

Sentence tasks: by default every label's verbaliser is scored by its log-likelihood after the
prompt and the most likely label wins (lm-evaluation-harness's multiple-choice method; ties go
to the first label in canonical order). With ``method="generate"`` the model answers freely and
the answer is parsed; an answer naming no label is no answer (``None``), scored as wrong and
counted. Token tasks always generate one tag line per token, parsed and aligned (see
``codemix.baselines.prompts.parse_tags``); missing, extra and unknown tags are counted per cell.

Every model response goes through a SQLite cache (see ``response_cache``), so an interrupted run
resumes where it stopped and a rerun makes no model call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from codemix.baselines.base import as_task
from codemix.baselines.fewshot import draw_examples
from codemix.baselines.prompts import load_template, parse_label, parse_tags, render_prompt
from codemix.baselines.response_cache import ResponseCache, default_cache_path, request_key
from codemix.common.errors import CodemixError
from codemix.common.paths import read_small_text
from codemix.tasks.registry import list_tasks

METHODS = ("loglik", "generate")
SENTENCE_ANSWER_TOKENS = 16


class PromptedModel:
    """A prompting backend (``LocalCausalLM`` or ``ServerLM``) behind the ``codemix.Model`` protocol."""

    def __init__(self, backend, spec: str, method: str = "loglik", template: str | Path | Mapping | None = None,
                 max_new_tokens: int | None = None, cache: str | Path | bool | None = True, seed: int = 0):
        if method not in METHODS:
            raise CodemixError(f"unknown prompting method {method!r}; methods: {', '.join(METHODS)}")
        self.backend = backend
        self.spec = spec
        self.method = method
        self.template_paths = _template_paths(template)
        self.max_new_tokens = max_new_tokens
        path = default_cache_path() if cache is True or cache is None else (None if cache is False else cache)
        self.cache = ResponseCache(path)
        self.seed = seed
        self.templates: dict[str, Any] = {}
        self.examples: dict[tuple[str, str], list] = {}
        self.pairs: dict[str, str] = {}
        self.stats: dict[tuple[str, str], dict[str, int]] = {}

    # --- the protocol --------------------------------------------------------------------------

    def prepare(self, task, corpus: str, train, shots: int = 0, seed: int = 0) -> None:
        """Choose the template and draw ``shots`` examples from ``train`` for the cell (task, corpus)."""
        self.seed = seed
        self._template(task)
        self.pairs[corpus] = _pair(corpus)
        self.examples[(task.name, corpus)] = draw_examples(task, train, shots, seed) if shots else []
        self.stats.pop((task.name, corpus), None)  # counts are per evaluation run of the cell
        self._stats((task.name, corpus))

    def predict(self, task, records) -> list:
        """One prediction per record (``None`` where the answer named no label); ``task``: a ``Task`` or its name."""
        task = as_task(task)
        rows = [dict(r) for r in records]
        if not rows:
            return []
        corpus = rows[0].get("corpus") or ""
        if corpus not in self.pairs:
            self.pairs[corpus] = _pair(corpus)
        template = self._template(task)
        examples = self.examples.get((task.name, corpus), [])
        prompts = [render_prompt(template, task, self.pairs[corpus], row, examples) for row in rows]
        stats = self._stats((task.name, corpus))
        stats["records"] += len(rows)
        if task.level == "sentence" and self.method == "loglik":
            return self._choose_by_loglik(task, template, prompts, stats)
        if task.level == "sentence":
            answers = self._generate(prompts, self.max_new_tokens or SENTENCE_ANSWER_TOKENS, ["\n"], stats)
            labels = [parse_label(template, answer) for answer in answers]
            stats["unparseable_answers"] += sum(label is None for label in labels)
            return labels
        budgets = [self.max_new_tokens or 32 + 12 * len(row["tokens"]) for row in rows]
        out: list = [None] * len(rows)
        for budget in sorted(set(budgets)):
            group = [i for i, b in enumerate(budgets) if b == budget]
            answers = self._generate([prompts[i] for i in group], budget, ["\n\n"], stats)
            for i, answer in zip(group, answers):
                parsed = parse_tags(template, answer, len(rows[i]["tokens"]))
                stats["missing_tags"] += parsed.missing
                stats["extra_tags"] += parsed.extra
                stats["unknown_tags"] += parsed.unknown
                stats["unparseable_answers"] += bool(parsed.tags) and all(tag is None for tag in parsed.tags)
                out[i] = parsed.tags
        return out

    def describe(self) -> dict[str, Any]:
        """What meta.json records: kind, backend, fingerprint, method, decoding, templates."""
        return {"kind": "prompted", "spec": self.spec, "backend": self.backend.describe(),
                "fingerprint": self.backend.fingerprint(), "method": self.method, "decoding": self.decoding(),
                "templates": {name: template.as_dict() for name, template in self.templates.items()},
                "cache": str(self.cache.path) if self.cache.path else None}

    def decoding(self) -> dict[str, Any]:
        """The decoding settings (part of every cache key)."""
        return {"temperature": 0.0, "greedy": True,
                "max_new_tokens": self.max_new_tokens or f"{SENTENCE_ANSWER_TOKENS} (sentence), 32 + 12 per token (token tasks)",
                "sentence_method": self.method}

    def cell_stats(self, task_name: str, corpus: str) -> dict[str, int]:
        """Counts for one cell: records, unparseable answers, missing/extra/unknown tags, calls."""
        return dict(self.stats.get((task_name, corpus), {}))

    # --- requests through the cache -----------------------------------------------------------

    def _choose_by_loglik(self, task, template, prompts: list[str], stats: dict) -> list[str]:
        requests = []
        for prompt in prompts:
            space = "" if prompt[-1:].isspace() else " "
            requests += [(prompt, space + template.verbalisers[label]) for label in task.labels]
        scores = self._cached("loglik", requests, self.backend.loglikelihoods, {}, stats)
        width = len(task.labels)
        out = []
        for start in range(0, len(scores), width):
            row = scores[start:start + width]
            out.append(task.labels[row.index(max(row))])
        return out

    def _generate(self, prompts: list[str], max_new_tokens: int, stop: list[str], stats: dict) -> list[str]:
        settings = {"max_new_tokens": max_new_tokens, "stop": stop, "temperature": 0.0,
                    "chat": getattr(self.backend, "chat", False)}
        return self._cached("generate", prompts, lambda batch: self.backend.generate(batch, max_new_tokens, stop),
                            settings, stats)

    def _cached(self, kind: str, requests: list, call, settings: dict, stats: dict) -> list:
        fingerprint = self.backend.fingerprint()
        keys = [request_key(kind, self.backend.backend, fingerprint, request, settings) for request in requests]
        found = self.cache.get_many(set(keys))
        todo = sorted({key: request for key, request in zip(keys, requests) if key not in found}.items())
        stats["cached"] += sum(key in found for key in keys)
        if todo:
            calls_before = self.backend.calls
            fresh = call([request for _, request in todo])
            if len(fresh) != len(todo):
                raise CodemixError(f"{self.spec}: the backend returned {len(fresh)} answers for {len(todo)} requests")
            new = {key: value for (key, _), value in zip(todo, fresh)}
            self.cache.put_many(new)
            found.update(new)
            stats["model_calls"] += self.backend.calls - calls_before
        return [found[key] for key in keys]

    def _stats(self, cell: tuple[str, str]) -> dict[str, int]:
        return self.stats.setdefault(cell, {"records": 0, "unparseable_answers": 0, "missing_tags": 0, "extra_tags": 0,
                                            "unknown_tags": 0, "model_calls": 0, "cached": 0})

    def _template(self, task):
        if task.name not in self.templates:
            self.templates[task.name] = load_template(task, self.template_paths.get(task.name))
        return self.templates[task.name]


def _pair(corpus: str) -> str:
    """The corpus's language pair (``hi-en``); empty for a corpus codemix does not know."""
    from codemix.loaders.registry import all_specs

    spec = all_specs().get(corpus)
    return spec.pair if spec is not None else ""


def _template_paths(template) -> dict[str, Path]:
    """Task -> template file, from one file (its ``task`` field decides), a list, or a mapping."""
    import json

    if template is None:
        return {}
    if isinstance(template, Mapping):
        return {task: Path(path) for task, path in template.items()}
    paths = [template] if isinstance(template, (str, Path)) else list(template)
    out = {}
    for path in paths:
        text = read_small_text(path, "prompt template")
        try:
            data = json.loads(text)
        except ValueError as error:
            raise CodemixError(f"prompt template {path}: not valid JSON ({error})") from None
        task = data.get("task") if isinstance(data, dict) else None
        if task not in list_tasks():
            found = f"; its \"task\" is {task!r}" if isinstance(data, dict) and "task" in data else ""
            raise CodemixError(f"prompt template {path}: a template is a JSON object whose \"task\" field names its "
                               f"task ({', '.join(list_tasks())}){found}")
        out[task] = Path(path)
    return out
