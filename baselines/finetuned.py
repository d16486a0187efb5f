"""``hf:PATH_OR_NAME``: an already fine-tuned encoder, evaluated as it is.

The model class comes from its config (``...ForSequenceClassification`` for sentence tasks,
``...ForTokenClassification`` for token tasks). Its ``id2label`` is mapped onto the task's
canonical labels: spellings that differ only in case, spaces or hyphens map by themselves
(``POSITIVE``, ``Not-Offensive``), and so do the field's usual abbreviations (``NEG``/``NEU``/``POS``,
``NOT``/``OFF``, ``HOF``); anything else (``LABEL_0``) needs ``label_map``. A label
that maps to nothing fails at once, listing both sides. A checkpoint saved by the transformer
baseline (``codemix_baseline.json`` beside the weights) is predicted exactly as in the run
that trained it: same maximum length, batch size and fallback label for empty tokens.
"""

from __future__ import annotations

import functools
import json
import shlex
from pathlib import Path
from typing import Any, Mapping

from codemix.baselines.base import as_task
from codemix.baselines.hub import from_pretrained
from codemix.baselines.transformer import STATE_FILE
from codemix.common.errors import CodemixError
from codemix.common.names import label_key

# Abbreviations that published classifiers use for these labels (pysentimiento's NEG/NEU/POS,
# OffensEval's NOT/OFF, HASOC's HOF, "non-offensive"): unambiguous within their task, so they map
# without a label map. Keys are label_key spellings.
ABBREVIATIONS: dict[str, dict[str, str]] = {
    "sentiment": {"neg": "negative", "neu": "neutral", "pos": "positive"},
    "offensive": {"not": "not_offensive", "non offensive": "not_offensive", "off": "offensive", "hof": "offensive"},
}


class FineTunedEncoder:
    """A fine-tuned classification encoder behind the ``codemix.Model`` protocol."""

    def __init__(self, name_or_path: str, label_map: Mapping[str, str] | None = None, batch_size: int | None = None,
                 max_length: int | None = None):
        from codemix.baselines.model import check_option_values

        check_option_values({"batch_size": batch_size, "max_length": max_length})
        self.name_or_path = name_or_path
        self.user_label_map = dict(label_map or {})
        self.config, self.tokenizer, self.model = _load(name_or_path)
        self.level = "token" if _is_token_classifier(self.config) else "sentence"
        state = _baseline_state(name_or_path)
        self.fallback = state.get("fallback")  # empty tokens: the training majority label, as when trained
        options = state.get("options", {})
        self.max_length = int(max_length or options.get("max_length") or _model_max_length(self.config, self.tokenizer))
        # the baseline predicts in batches of twice its training batch: the same padding, the same logits
        self.batch_size = int(batch_size or (int(options["batch_size"]) * 2 if "batch_size" in options else 32))
        self.untokenisable = 0
        self.predicted_counts: dict[str, int] = {}  # "truncated": sentences longer than max_length, cut

    def model_labels(self) -> list[str]:
        """The model's own labels, in id order."""
        return [str(self.config.id2label[i]) for i in range(len(self.config.id2label))]

    def label_mapping(self, task) -> list[str | None]:
        """Canonical label (or ``None``) per model label id; a label that maps to nothing is an error."""
        canonical = ABBREVIATIONS.get(task.name, {}) | {label_key(label): label for label in task.labels}
        mapped: list[str | None] = []
        unmapped = []
        for label in self.model_labels():
            if label in self.user_label_map:
                target = self.user_label_map[label] or None
                if target is not None and target not in task.labels:
                    raise CodemixError(f"--label-map maps {label!r} to {target!r}, which is not a {task.name} label; "
                                       f"{task.name} labels: {', '.join(task.labels)}")
                mapped.append(target)
            elif label_key(label) in canonical:
                mapped.append(canonical[label_key(label)])
            else:
                unmapped.append(label)
        if unmapped:
            raise CodemixError(
                f"{self.name_or_path}: model labels {unmapped} map to no {task.name} label. Model labels: "
                f"{', '.join(self.model_labels())}; {task.name} labels: {', '.join(task.labels)}. Pass a label map, "
                f"e.g. --label-map {shlex.quote(f'{unmapped[0]}={task.labels[0]}')} "
                f"(label_map={{{unmapped[0]!r}: {task.labels[0]!r}}} in Python); "
                "map a label to nothing (LABEL=) to count its predictions as no answer")
        return mapped

    def check(self, task) -> None:
        """Raise ``CodemixError`` saying why this model cannot predict ``task`` (level or labels)."""
        if task.level != self.level:
            raise CodemixError(f"{self.name_or_path} is a {self.level}-classification model; task {task.name} "
                               f"is {task.level}-level (choose --tasks of its level)")
        self.label_mapping(task)

    def supports(self, task) -> bool:
        """Whether this model can predict ``task``: same level and every label maps."""
        try:
            self.check(task)
        except CodemixError:
            return False
        return True

    def predict(self, task, records) -> list:
        """One label per record (sentence tasks) or per token (token tasks); see ``codemix.Model``."""
        from codemix.baselines.encoder_inference import predict_sentences, predict_words

        task = as_task(task)
        self.check(task)
        id2label = self.label_mapping(task)
        rows = list(records)
        if task.level == "sentence":
            return predict_sentences(self.model, self.tokenizer, [r["text"] for r in rows], id2label, self.max_length,
                                     self.batch_size, counts=self.predicted_counts)
        out = []
        for record in rows:
            labels = predict_words(self.model, self.tokenizer, list(record["tokens"]), id2label, self.max_length)
            self.untokenisable += sum(label is None for label in labels)
            out.append([self.fallback if label is None and self.fallback else label for label in labels])
        return out

    @functools.cached_property
    def fingerprint(self) -> dict:
        """The weights fingerprint, hashed once (a base model's weights are gigabytes)."""
        from codemix.baselines.fingerprint import model_fingerprint

        return model_fingerprint(self.name_or_path)

    def describe(self) -> dict[str, Any]:
        """meta.json's model entry: kind, labels and the weights fingerprint."""
        return {"kind": "fine-tuned", "spec": f"hf:{self.name_or_path}", "architecture": (self.config.architectures or [None])[0],
                "model_labels": self.model_labels(), "label_map": self.user_label_map, "max_length": self.max_length,
                "untokenisable_tokens": self.untokenisable, "truncated_inputs": self.predicted_counts.get("truncated", 0),
                "empty_token_label": self.fallback, "fingerprint": self.fingerprint}


def _load(name_or_path: str):
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer

    config = from_pretrained(AutoConfig.from_pretrained, name_or_path, flag="--model hf:PATH")
    tokenizer = from_pretrained(AutoTokenizer.from_pretrained, name_or_path, flag="--model hf:PATH")
    if not getattr(config, "id2label", None):
        raise CodemixError(f"{name_or_path}: its config has no id2label; hf: needs a fine-tuned classifier")
    if not _is_token_classifier(config) and not _is_sequence_classifier(config):
        raise CodemixError(f"{name_or_path}: architectures {config.architectures} are not a sequence or token "
                           "classifier; hf: evaluates fine-tuned classifiers (use llm: for a causal language model)")
    cls = AutoModelForTokenClassification if _is_token_classifier(config) else AutoModelForSequenceClassification
    return config, tokenizer, from_pretrained(cls.from_pretrained, name_or_path, flag="--model hf:PATH", config=config)


def _is_token_classifier(config) -> bool:
    return any(name.endswith("ForTokenClassification") for name in (config.architectures or []))


def _is_sequence_classifier(config) -> bool:
    return any(name.endswith("ForSequenceClassification") for name in (config.architectures or []))


def _baseline_state(name_or_path: str) -> dict:
    path = Path(name_or_path).expanduser() / STATE_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CodemixError(f"{path}: unreadable ({error}); delete it to evaluate the checkpoint on its own") from None


def _model_max_length(config, tokenizer) -> int:
    limits = [getattr(config, "max_position_embeddings", None), getattr(tokenizer, "model_max_length", None)]
    usable = [int(v) for v in limits if isinstance(v, int) and 0 < v < 100_000]
    return min(usable + [512])
