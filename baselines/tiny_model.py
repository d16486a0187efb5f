"""A tiny BERT for tests and benchmarks: a WordPiece tokenizer trained on given texts and a
2-layer model built from a config - no download, seconds to train on a CPU."""

from __future__ import annotations

from pathlib import Path


def build_tiny_bert(folder: str | Path, texts, vocab_size: int = 600, hidden_size: int = 32) -> str:
    """Write tokenizer and randomly initialised model to ``folder``; returns the path for ``--model``."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer.train_from_iterator(list(texts), trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=special))
    fast = BertTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                             sep_token="[SEP]", mask_token="[MASK]")
    fast.save_pretrained(folder)
    config = BertConfig(vocab_size=fast.vocab_size, hidden_size=hidden_size, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=hidden_size * 2, max_position_embeddings=128)
    BertForMaskedLM(config).save_pretrained(folder)
    return str(folder)
