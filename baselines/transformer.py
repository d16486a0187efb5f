"""Fine-tuned multilingual encoders (the ``transformers`` extra), imported lazily.

Token tasks use ``AutoModelForTokenClassification``: the first sub-word of each word carries
its label, the others -100 (aligned through ``word_ids``); at prediction every original token
gets a label - long sentences are cut into windows that fit, and a token with no sub-word
(an empty token) gets the training set's most frequent label, counted. Sentence tasks use
``AutoModelForSequenceClassification``. Training runs ``Trainer`` with evaluation on
validation each epoch, the best checkpoint kept, the seed set and bf16/fp16 when CUDA is
present. Inputs longer than ``max_length`` are truncated for training, and sentences for
prediction, and counted (validation's inputs are not training inputs), never silently.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections import Counter
from pathlib import Path

from codemix.baselines.base import Baseline
from codemix.tasks.metrics import METRICS

STATE_FILE = "codemix_baseline.json"  # beside the weights: what hf: needs to predict exactly as when trained
DEFAULTS = {"model": "bert-base-multilingual-cased", "epochs": 3, "lr": 5e-5, "batch_size": 16, "max_length": 128}


class TransformerBaseline(Baseline):
    """A fine-tuned encoder, trained with transformers' Trainer (see the module docstring)."""
    name = "transformer"

    def __init__(self, seed: int = 0, **options):
        super().__init__(seed, **{**DEFAULTS, **{k: v for k, v in options.items() if v is not None}})
        self.truncated = 0  # training inputs longer than max_length
        self.untokenisable = 0
        self.predicted_counts: dict[str, int] = {}  # "truncated": predicted sentences longer than max_length

    # --- training ------------------------------------------------------------------------------

    def _fit(self, task, examples, dev) -> None:
        from transformers import set_seed

        set_seed(self.seed)
        self.labels = list(task.labels)
        self.label2id = {label: i for i, label in enumerate(self.labels)}
        self.fallback = Counter(l for _, gold in examples for l in (gold if task.level == "token" else [gold])).most_common(1)[0][0]
        self.tokenizer, self.model = load_model(self.options["model"], task, self.labels)
        train = self._encode(task, examples)
        validation = self._encode(task, dev, count=False) if dev else None
        output_dir, owned = training_folder(self.options.get("output_dir"))
        try:
            self._train(task, train, validation, output_dir)
        finally:  # checkpoints hold optimizer state (gigabytes for a base model): never leave them behind
            if owned:
                _remove_when_all_ranks_are_done(output_dir)

    def _train(self, task, train, validation, output_dir: str) -> None:
        import torch
        from transformers import Trainer, TrainingArguments

        cuda = torch.cuda.is_available()
        arguments = TrainingArguments(
            output_dir=output_dir, num_train_epochs=self.options["epochs"], learning_rate=self.options["lr"],
            per_device_train_batch_size=self.options["batch_size"], per_device_eval_batch_size=self.options["batch_size"],
            eval_strategy="epoch" if validation else "no", save_strategy="epoch" if validation else "no",
            load_best_model_at_end=bool(validation), metric_for_best_model=task.main_score if validation else None,
            greater_is_better=True, save_total_limit=1, seed=self.seed, data_seed=self.seed, report_to=[],
            logging_steps=self.options.get("logging_steps", 10), max_steps=self.options.get("max_steps", -1),
            bf16=cuda and torch.cuda.is_bf16_supported(), fp16=cuda and not torch.cuda.is_bf16_supported(),
            use_cpu=not cuda, disable_tqdm=not self.options.get("progress", False))
        trainer = Trainer(model=self.model, args=arguments, train_dataset=train, eval_dataset=validation,
                          data_collator=_collator(task, self.tokenizer), compute_metrics=self._metrics(task))
        trainer.train()
        logged = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
        losses = [loss for loss in logged if math.isfinite(loss)]  # a diverged step logs NaN: counted below
        self.model = trainer.model
        self.chosen = {"model": self.options["model"], "epochs": self.options["epochs"], "lr": self.options["lr"],
                       "batch_size": self.options["batch_size"], "max_length": self.options["max_length"],
                       "truncated_training_inputs": self.truncated, "first_loss": losses[0] if losses else None,
                       "last_loss": losses[-1] if losses else None, "non_finite_losses": len(logged) - len(losses),
                       "world_size": arguments.world_size,
                       f"best_validation_{task.main_score}": trainer.state.best_metric}

    def _encode(self, task, examples, count: bool = True):
        from datasets import Dataset

        from codemix.baselines.encoder_inference import longer_than

        max_length = self.options["max_length"]
        if task.level == "sentence":
            texts = [text for text, _ in examples]
            encoded = self.tokenizer(texts, truncation=True, max_length=max_length)
            self.truncated += longer_than(self.tokenizer, texts, max_length) if count else 0
            encoded["labels"] = [self.label2id[label] for _, label in examples]
            return Dataset.from_dict(dict(encoded))
        words = [list(item.tokens) for item, _ in examples]
        encoded = self.tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_length)
        labels = []
        for index, (_, gold) in enumerate(examples):
            word_ids = encoded.word_ids(index)
            kept = [w for w in word_ids if w is not None]
            if count and (max(kept) < len(gold) - 1 if kept else bool(gold)):  # words past the cut lost their labels
                self.truncated += 1
            previous, row = None, []
            for word in word_ids:
                row.append(-100 if word is None or word == previous else self.label2id[gold[word]])
                previous = word
            labels.append(row)
        encoded["labels"] = labels
        return Dataset.from_dict(dict(encoded))

    def _metrics(self, task):
        import numpy as np

        metric = METRICS[task.main_score]

        def compute(prediction):
            logits, labels = prediction
            predicted = np.argmax(logits, axis=-1)
            if task.level == "token":
                mask = labels != -100
                gold, pred = labels[mask].tolist(), predicted[mask].tolist()
            else:
                gold, pred = labels.tolist(), predicted.tolist()
            return {task.main_score: metric([self.labels[g] for g in gold], [self.labels[p] for p in pred])}
        return compute

    # --- prediction ----------------------------------------------------------------------------

    def _predict(self, task, inputs) -> list:
        from codemix.baselines.encoder_inference import predict_sentences, predict_words

        if task.level == "sentence":
            return predict_sentences(self.model, self.tokenizer, inputs, self.labels, self.options["max_length"],
                                     self.options["batch_size"] * 2, counts=self.predicted_counts)
        out = []
        for item in inputs:
            labels = predict_words(self.model, self.tokenizer, list(item.tokens), self.labels, self.options["max_length"])
            self.untokenisable += sum(label is None for label in labels)
            out.append([self.fallback if label is None else label for label in labels])
        return out

    def config(self) -> dict:
        """What was chosen, plus the counts of truncated training and test inputs and untokenisable test tokens."""
        return {**super().config(), "truncated_training_inputs": self.truncated,
                "truncated_test_inputs": self.predicted_counts.get("truncated", 0), "untokenisable_tokens": self.untokenisable}

    def describe(self) -> dict:
        """meta.json's model entry: a fine-tuned encoder and what was chosen."""
        return {"kind": "fine-tuned", "spec": f"baseline:transformer:{self.options['model']}",
                "untokenisable_tokens": self.untokenisable, "config": self.config()}

    # --- persistence ---------------------------------------------------------------------------

    def save(self, path) -> Path:
        """Save model, tokenizer and codemix state to the folder ``path``."""
        from codemix.baselines.hub import transformers_bars_as_ours

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with transformers_bars_as_ours():
            self.model.save_pretrained(path)
            self.tokenizer.save_pretrained(path)
        state = {"seed": self.seed, "options": self.options, "chosen": self.chosen, "task_name": self.task_name,
                 "labels": self.labels, "fallback": self.fallback}
        (path / STATE_FILE).write_text(json.dumps(state, indent=2, default=str), encoding="utf-8")
        return path

    @staticmethod
    def load(path) -> "TransformerBaseline":
        """A transformer baseline saved with ``save``."""
        from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer

        from codemix.baselines.hub import transformers_bars_as_ours

        path = Path(path)
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
        baseline = TransformerBaseline(state["seed"], **state["options"])
        baseline.chosen, baseline.task_name, baseline.labels = state["chosen"], state["task_name"], state["labels"]
        baseline.label2id = {label: i for i, label in enumerate(baseline.labels)}
        baseline.fallback = state["fallback"]
        token_level = state["task_name"] in ("lid", "pos")
        cls = AutoModelForTokenClassification if token_level else AutoModelForSequenceClassification
        with transformers_bars_as_ours():
            baseline.model = cls.from_pretrained(path)
            baseline.tokenizer = AutoTokenizer.from_pretrained(path)
        return baseline


def load_model(name_or_path: str, task, labels: list[str]):
    """Tokenizer and classification model; offline with a model not on disk fails at once, clearly."""
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoModelForTokenClassification, AutoTokenizer

    from codemix.baselines.hub import from_pretrained

    config = from_pretrained(AutoConfig.from_pretrained, name_or_path, num_labels=len(labels),
                             id2label=dict(enumerate(labels)), label2id={label: i for i, label in enumerate(labels)})
    tokenizer = from_pretrained(AutoTokenizer.from_pretrained, name_or_path)
    cls = AutoModelForTokenClassification if task.level == "token" else AutoModelForSequenceClassification
    return tokenizer, from_pretrained(cls.from_pretrained, name_or_path, config=config, ignore_mismatched_sizes=True)


def training_folder(requested: str | None) -> tuple[str, bool]:
    """``(folder, owned)`` for Trainer's checkpoints: the user's folder (kept), or a temporary one that
    every rank of a distributed run agrees on (all ranks of a torchrun/accelerate job share one
    parent process and master port) and that is removed after the fit."""
    if requested:
        return requested, False
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        tag = f"{os.getppid()}-{os.environ.get('MASTER_PORT', '0')}"
        folder = Path(tempfile.gettempdir()) / f"codemix-transformer-{tag}"
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder), True
    return tempfile.mkdtemp(prefix="codemix-transformer-"), True


def _remove_when_all_ranks_are_done(folder: str) -> None:
    import shutil

    try:
        import torch.distributed as distributed

        if distributed.is_available() and distributed.is_initialized():
            distributed.barrier()  # no rank may still be loading the best checkpoint
    except (ImportError, RuntimeError):
        pass
    if int(os.environ.get("RANK", "0")) == 0:
        shutil.rmtree(folder, ignore_errors=True)


def _collator(task, tokenizer):
    from transformers import DataCollatorForTokenClassification, DataCollatorWithPadding

    return DataCollatorForTokenClassification(tokenizer) if task.level == "token" else DataCollatorWithPadding(tokenizer)
