"""Prediction with a classification encoder: shared by the transformer baseline and ``hf:`` models.

Token tasks label each original word by its first sub-word; a sentence too long for the model
is cut into windows of whole words that fit, so every word gets a prediction. A word with no
sub-word at all (an empty token) gets ``None`` here; the caller decides what that means.
"""

from __future__ import annotations

from typing import Sequence


def longer_than(tokenizer, texts: Sequence[str], max_length: int) -> int:
    """How many texts encode (special tokens included) to more than ``max_length`` sub-words:
    encoded with room for one more, exactly those fill it."""
    encoded = tokenizer(list(texts), truncation=True, max_length=max_length + 1)
    return sum(len(ids) > max_length for ids in encoded["input_ids"])


def predict_sentences(model, tokenizer, texts: Sequence[str], id2label: Sequence[str], max_length: int,
                      batch_size: int, progress=None, counts: dict | None = None) -> list[str]:
    """One label per text; inputs longer than ``max_length`` sub-words are truncated, and counted
    in ``counts["truncated"]`` when ``counts`` is given."""
    import torch

    model.eval()
    device = next(model.parameters()).device
    out: list[str] = []
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            chunk = list(texts[start:start + batch_size])
            if counts is not None:
                counts["truncated"] = counts.get("truncated", 0) + longer_than(tokenizer, chunk, max_length)
            batch = tokenizer(chunk, truncation=True, padding=True, max_length=max_length, return_tensors="pt").to(device)
            out += [id2label[i] for i in model(**batch).logits.argmax(-1).tolist()]
            if progress is not None:
                progress(len(batch["input_ids"]))
    return out


def predict_words(model, tokenizer, words: list[str], id2label: Sequence[str], max_length: int) -> list[str | None]:
    """A label for every word: windows of words that fit ``max_length``, first sub-word's label."""
    import torch

    device = next(model.parameters()).device
    labels: list[str | None] = [None] * len(words)
    with torch.no_grad():
        for start, end in word_windows(tokenizer, words, max_length):
            batch = tokenizer([words[start:end]], is_split_into_words=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            word_ids = batch.word_ids(0)
            predicted = model(**batch.to(device)).logits.argmax(-1)[0].tolist()
            previous = None
            for position, word in enumerate(word_ids):
                if word is not None and word != previous and labels[start + word] is None:
                    labels[start + word] = id2label[predicted[position]]
                previous = word
    return labels


def word_windows(tokenizer, words: list[str], max_length: int):
    """``(start, end)`` word ranges whose sub-words fit ``max_length`` with the special tokens."""
    budget = max_length - 2
    start, used = 0, 0
    for index, word in enumerate(words):
        size = max(1, len(tokenizer.tokenize(word))) if word else 0
        if used + size > budget and index > start:
            yield start, index
            start, used = index, 0
        used += size
    yield start, len(words)
