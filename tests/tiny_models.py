"""Tiny models for tests and benchmarks, built from a config with a tokenizer trained on fixture
text: no download, seconds on a CPU. Random weights: they test the plumbing, not quality."""

from __future__ import annotations

from pathlib import Path


def demo_texts() -> list[str]:
    """Every text of the three shipped demo corpora (synthetic sentences)."""
    import codemix

    return [t for name in ("demo_hien", "demo_bnen", "demo_mren") for split in codemix.load(name).values() for t in split["text"]]


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


def build_tiny_gpt2(folder: str | Path, texts, vocab_size: int = 400, seed: int = 0, positions: int = 1024) -> str:
    """A 2-layer GPT-2 with a byte-level BPE tokenizer trained on ``texts`` and a context of
    ``positions`` tokens; returns its folder."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tokenizer.train_from_iterator(list(texts), trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                                   unk_token="<|endoftext|>", pad_token="<|endoftext|>")
    fast.save_pretrained(folder)
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=len(fast), n_positions=positions, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id, pad_token_id=fast.pad_token_id)
    GPT2LMHeadModel(config).save_pretrained(folder)
    return str(folder)


def build_tiny_classifier(folder: str | Path, texts, id2label: dict[int, str], token_level: bool = False, seed: int = 0) -> str:
    """A 2-layer BERT sequence (or token) classifier with the given ``id2label``; returns its folder."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification

    build_tiny_bert(folder, texts)
    torch.manual_seed(seed)
    config = BertConfig.from_pretrained(folder, num_labels=len(id2label), id2label=id2label,
                                        label2id={v: k for k, v in id2label.items()})
    cls = BertForTokenClassification if token_level else BertForSequenceClassification
    cls(config).save_pretrained(folder)
    return str(folder)
