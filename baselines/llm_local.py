"""``llm:PATH_OR_NAME``: a causal language model run locally through transformers.

Two operations, the same as the server backend's: the log-likelihood of a continuation given a
context (lm-evaluation-harness's multiple-choice method: the full text is tokenised once and
the log-probabilities of the tokens that start inside the continuation are summed), and greedy
generation cut at a stop string. Inputs longer than the model's context are cut from the left
(the instruction goes first, the query stays) and counted; a generation never runs past the
context either: when prompt and answer budget do not fit, the prompt keeps at least half of the
context and the answer gets the rest (counted as shortened answers).
"""

from __future__ import annotations

import functools
from typing import Sequence

from codemix.common.errors import CodemixError


class LocalCausalLM:
    """A transformers causal LM behind codemix's prompting backend interface."""

    backend = "transformers"

    def __init__(self, name_or_path: str, batch_size: int | None = None, max_length: int | None = None):
        from codemix.baselines.model import check_option_values

        check_option_values({"batch_size": batch_size, "max_length": max_length})
        self.name_or_path = name_or_path
        self.batch_size = int(batch_size or 8)
        self.tokenizer, self.model = _load(name_or_path)
        limit = getattr(self.model.config, "max_position_embeddings", None) or getattr(self.model.config, "n_positions", None)
        self.max_length = int(max_length or limit or 2048)
        self.calls = 0  # forward/generate batches run: a rerun served from the cache runs none
        self.truncated = 0
        self.shortened_answers = 0  # generations given fewer new tokens than asked, to stay within the context

    @functools.lru_cache(maxsize=1)  # noqa: B019 - one backend per model, hashed once
    def fingerprint(self) -> dict:
        """sha256 over the model's config, weight and tokenizer files (computed once)."""
        from codemix.baselines.fingerprint import model_fingerprint

        return model_fingerprint(self.name_or_path)

    def describe(self) -> dict:
        """The backend as meta.json records it."""
        return {"backend": self.backend, "model": self.name_or_path, "max_length": self.max_length,
                "truncated_inputs": self.truncated, "shortened_answers": self.shortened_answers,
                "device": str(self.model.device)}

    # --- log-likelihood ------------------------------------------------------------------------

    def loglikelihoods(self, requests: Sequence[tuple[str, str]]) -> list[float]:
        """Sum of log-probabilities of each continuation's tokens given its context."""
        encoded = []
        for context, continuation in requests:
            text = context + continuation
            batch = self.tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
            ids, offsets = batch["input_ids"], batch["offset_mapping"]
            first = next((i for i, (start, end) in enumerate(offsets) if start >= len(context) and end > start), None)
            if first is None or first == 0:
                raise CodemixError(f"{self.name_or_path}: the continuation {continuation!r} has no token of its own after "
                                   "the prompt; end the template's query where the verbaliser follows")
            cut = max(0, len(ids) - self.max_length)
            if cut:
                self.truncated += 1
                if cut >= first:
                    raise CodemixError(f"{self.name_or_path}: a continuation is longer than the model's context ({self.max_length})")
            encoded.append((ids[cut:], first - cut))
        scores: list[float] = [0.0] * len(encoded)
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i][0]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            for index, value in zip(chunk, self._score_batch([encoded[i] for i in chunk])):
                scores[index] = value
        return scores

    def _score_batch(self, items: list[tuple[list[int], int]]) -> list[float]:
        import torch

        self.calls += 1
        width = max(len(ids) for ids, _ in items)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        input_ids = torch.tensor([ids + [pad] * (width - len(ids)) for ids, _ in items], device=self.model.device)
        mask = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids, _ in items], device=self.model.device)
        with torch.no_grad():
            logits = self.model(input_ids=input_ids, attention_mask=mask).logits.float()
        logprobs = torch.log_softmax(logits, dim=-1)
        out = []
        for row, (ids, first) in enumerate(items):
            targets = torch.tensor(ids[first:], device=self.model.device)
            positions = torch.arange(first - 1, len(ids) - 1, device=self.model.device)
            out.append(float(logprobs[row, positions, targets].sum()))
        return out

    def token_logprobs(self, text: str) -> tuple[list[int], list[float | None]]:
        """Token ids of ``text`` and each token's log-probability given the ones before (``None`` for the first)."""
        import torch

        ids = self.tokenizer(text, add_special_tokens=True)["input_ids"][-self.max_length:]
        self.calls += 1
        with torch.no_grad():
            logits = self.model(input_ids=torch.tensor([ids], device=self.model.device)).logits.float()[0]
        logprobs = torch.log_softmax(logits, dim=-1)
        return ids, [None] + [float(logprobs[i - 1, ids[i]]) for i in range(1, len(ids))]

    # --- generation ----------------------------------------------------------------------------

    def generate(self, prompts: Sequence[str], max_new_tokens: int, stop: Sequence[str] = ()) -> list[str]:
        """Greedy continuations of ``prompts``, each cut at the first stop string."""
        out: list[str] = []
        for start in range(0, len(prompts), self.batch_size):
            out += self._generate_batch(list(prompts[start:start + self.batch_size]), max_new_tokens)
        return [cut_at_stop(text, stop) for text in out]

    def _generate_batch(self, prompts: list[str], max_new_tokens: int) -> list[str]:
        import torch

        self.calls += 1
        # prompt and answer share the context; a budget larger than the context keeps half of it for the prompt
        budget = max(self.max_length // 2, self.max_length - max_new_tokens, 1)
        rows = [self.tokenizer(p, add_special_tokens=True)["input_ids"] for p in prompts]
        self.truncated += sum(len(ids) > budget for ids in rows)
        rows = [ids[-budget:] for ids in rows]
        width = max(len(ids) for ids in rows)
        room = max(1, self.max_length - width)
        if room < max_new_tokens:
            self.shortened_answers += len(rows)
            max_new_tokens = room
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        # left padding: every prompt ends where generation starts
        input_ids = torch.tensor([[pad] * (width - len(ids)) + ids for ids in rows], device=self.model.device)
        mask = torch.tensor([[0] * (width - len(ids)) + [1] * len(ids) for ids in rows], device=self.model.device)
        with torch.no_grad():
            generated = self.model.generate(input_ids=input_ids, attention_mask=mask, max_new_tokens=max_new_tokens,
                                            do_sample=False, pad_token_id=pad)
        return [self.tokenizer.decode(row[width:], skip_special_tokens=True) for row in generated.tolist()]


def cut_at_stop(text: str, stop: Sequence[str]) -> str:
    """``text`` up to the first stop string.

    >>> cut_at_stop("positive\\nText: more", ["\\n"])
    'positive'
    """
    positions = [text.find(s) for s in stop if s and s in text]
    return text[:min(positions)] if positions else text


def _load(name_or_path: str):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from codemix.baselines.hub import from_pretrained

    tokenizer = from_pretrained(AutoTokenizer.from_pretrained, name_or_path, flag="--model llm:PATH")
    if not getattr(tokenizer, "is_fast", False):
        raise CodemixError(f"{name_or_path}: log-likelihood scoring needs a fast tokenizer (character offsets); "
                           "this model only has a slow one")
    options = {}
    if torch.cuda.is_available():
        try:
            import accelerate  # noqa: F401 - device_map="auto" needs it

            options["device_map"] = "auto"
        except ImportError:
            pass
    model = from_pretrained(AutoModelForCausalLM.from_pretrained, name_or_path, flag="--model llm:PATH", **options)
    if torch.cuda.is_available() and "device_map" not in options:
        model = model.to("cuda")
    model.eval()
    return tokenizer, model
