"""A character-aware BiLSTM-CRF for token tasks (LID, POS), trained on the CPU in minutes.

Each token is seen through four views: its lower-cased word, its spelling skeleton (romanised
spelling variants share one), its characters (a small CNN, so unseen spellings still get a
vector) and, where the task lets a system read them (POS), its LID tag; when train comes from
several platforms (domains), an embedding of the sentence's domain joins every token's views, so
the network can learn each platform's own tagging conventions. A bidirectional LSTM
reads the sentence and a linear-chain CRF picks the tag sequence. Training runs epoch by epoch on
train; the epoch kept is the one with the best validation main score (early stopping after
``patience`` epochs without a gain), so validation chooses and test never does. Deterministic for
a seed on the CPU.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from typing import ClassVar

from codemix.baselines.base import Baseline, positive_option, training_domains
from codemix.baselines.features import spelling_skeleton
from codemix.baselines.sampling import token_count
from codemix.tasks.metrics import METRICS

PAD, UNKNOWN = 0, 1
MAX_CHARS = 24  # characters the CNN reads of one token; longer tokens (URLs) keep their first 24
# A word seen once in train is replaced by the unknown id with this probability while training,
# so that the unknown vector is trained for the new words of test time.
WORD_DROPOUT = 0.25


@contextlib.contextmanager
def torch_threads(count: int):
    """Run with ``count`` intra-op threads, then restore the caller's setting.

    The default is one thread: float sums taken in another order change the weights slightly, so
    a fixed count gives the same numbers on every machine for a seed. Measured on MeLID, two
    threads train 1.3x faster on an idle 2-core machine, and far slower beside another busy process.
    """
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(int(count))
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def _chunks(order: list[int], lengths: list[int], sentences: int = 256, tokens: int = 8192):
    """Prediction batches: consecutive rows of ``order``, at most ``sentences`` sentences and
    ``tokens`` padded tokens each (one sentence at least), so that one very long input cannot
    make a batch of thousands of padded tokens per sentence."""
    batch: list[int] = []
    for row in order:
        if batch and (len(batch) == sentences or (len(batch) + 1) * max(lengths[row], lengths[batch[-1]]) > tokens):
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


class BiLstmCrfBaseline(Baseline):
    """Character CNN + word and spelling-skeleton embeddings -> BiLSTM -> CRF (token tasks)."""

    name = "bilstm_crf"
    levels = ("token",)
    kind = "neural"  # trained from scratch on the corpus, no pre-trained weights
    defaults: ClassVar[dict] = {"epochs": 30, "patience": 5, "batch_size": 32, "lr": 2e-3, "hidden": 128,
                "max_training_tokens": 2_500_000, "threads": 1}
    # domain -> id, set by fit on several domains (never mutated); a network saved before domains has none
    domains: dict[str, int] = {}

    def __init__(self, seed: int = 0, **options):
        # every setting lives in ``options`` (and so in config()), the defaults filled in
        super().__init__(seed, **{**self.defaults, **{k: v for k, v in options.items() if v is not None}})

    def _fit(self, task, examples, dev) -> None:
        for key in self.defaults:
            positive_option(f"bilstm_crf: {key}", self.options[key], whole=key != "lr")
        with torch_threads(self.options["threads"]):
            self._train(task, examples, dev)

    def _train(self, task, examples, dev) -> None:
        import torch

        from codemix.baselines.tagger_net import BiLstmCrf

        torch.manual_seed(self.seed)
        generator = torch.Generator().manual_seed(self.seed)
        self._build_vocabularies(examples)
        encoded = [self._encode(item, labels) for item, labels in examples if item.tokens]
        self.network = BiLstmCrf(self._sizes(), len(self.tags), hidden=self.options["hidden"])
        optimisers = (torch.optim.SparseAdam(self.network.sparse_parameters(), lr=self.options["lr"]),
                      torch.optim.Adam(self.network.dense_parameters(), lr=self.options["lr"]))
        metric = METRICS[task.main_score]
        dev_gold = [label for _, sentence in dev for label in sentence]
        dev_encoded = [self._encode(item) for item, _ in dev]  # once, not once per epoch
        tokens_per_epoch = token_count(examples)
        # a token budget, not a clock, bounds the largest corpora: the result stays deterministic
        epochs = max(1, min(int(self.options["epochs"]), self.options["max_training_tokens"] // max(tokens_per_epoch, 1)))
        best, best_state, stale, history = None, None, 0, []
        started = time.perf_counter()
        from codemix.loaders.progress import bar

        progress = bar(epochs, f"bilstm_crf {task.name}", unit="epoch")
        for epoch in range(epochs):
            self.network.train()
            for batch in self._batches(encoded, generator):
                for optimiser in optimisers:
                    optimiser.zero_grad()
                loss = self.network.loss(batch)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.network.dense_parameters(), 5.0)
                for optimiser in optimisers:
                    optimiser.step()
            progress.update(1)
            if not dev:
                continue
            score = metric(dev_gold, [label for labels in self._tag(dev_encoded) for label in labels])
            history.append(round(score, 4))
            if best is None or score > best:
                best, stale = score, 0
                best_state = {key: value.detach().clone() for key, value in self.network.state_dict().items()}
            else:
                stale += 1
                if stale >= self.options["patience"]:
                    break
        progress.close()
        if best_state is not None:
            self.network.load_state_dict(best_state)
        self.chosen = {"epochs_run": epoch + 1, "best_epoch": (history.index(max(history)) + 1) if history else epoch + 1,
                       "validation_history": history, "by_domain": bool(self.domains),
                       f"validation_{task.main_score}": None if best is None else round(best, 4),
                       "fit_seconds": round(time.perf_counter() - started, 2)}

    def _build_vocabularies(self, examples) -> None:
        import torch

        words = Counter(token.lower() for item, _ in examples for token in item.tokens)
        self.words = {word: i for i, word in enumerate(sorted(words), start=2)}
        self.singleton_ids = torch.tensor(sorted(self.words[word] for word, count in words.items() if count == 1) or [-1])
        skeletons = sorted({spelling_skeleton(token) for item, _ in examples for token in item.tokens})
        self.skeletons = {skeleton: i for i, skeleton in enumerate(skeletons, start=2)}
        chars = sorted({char for item, _ in examples for token in item.tokens for char in token})
        self.chars = {char: i for i, char in enumerate(chars, start=2)}
        lids = sorted({tag for item, _ in examples for tag in (item.lid or ())})
        self.lids = {tag: i for i, tag in enumerate(lids, start=2)}
        self.domains = {domain: i for i, domain in enumerate(training_domains(examples), start=2)}
        self.tags = sorted({tag for _, labels in examples for tag in labels})
        self.tag_ids = {tag: i for i, tag in enumerate(self.tags)}

    def _sizes(self) -> dict[str, int]:
        return {"words": len(self.words) + 2, "skeletons": len(self.skeletons) + 2, "chars": len(self.chars) + 2,
                "lid": len(self.lids) + 2 if self.lids else 0, "domain": len(self.domains) + 2 if self.domains else 0}

    def _encode(self, item, labels=None) -> tuple:
        """One sentence's ids per view (computed once per sentence, padded per batch)."""
        words = [self.words.get(token.lower(), UNKNOWN) for token in item.tokens]
        skeletons = [self.skeletons.get(spelling_skeleton(token), UNKNOWN) for token in item.tokens]
        chars = [[self.chars.get(char, UNKNOWN) for char in token[:MAX_CHARS]] for token in item.tokens]
        lid = [self.lids.get(tag, UNKNOWN) for tag in item.lid] if item.lid and self.lids else [PAD] * len(words)
        # a domain not seen in train (or none) gets the padding id, a zero vector: no domain's conventions
        domain = [self.domains.get(item.domain, PAD)] * len(words)
        tags = [self.tag_ids[tag] for tag in labels] if labels is not None else [0] * len(words)
        return words, skeletons, chars, lid, domain, tags

    def _tensors(self, encoded: list[tuple], generator=None) -> dict:
        """Padded id tensors of a batch of encoded sentences; with a ``generator`` (training),
        words seen once in train are replaced by the unknown id with probability ``WORD_DROPOUT``."""
        import numpy as np
        import torch

        length = max(len(sentence[0]) for sentence in encoded)
        width = max(1, max(len(chars) for sentence in encoded for chars in sentence[2]))
        arrays = {key: np.zeros((len(encoded), length), dtype=np.int64) for key in ("words", "skeletons", "lid", "domain", "tags")}
        chars = np.zeros((len(encoded), length, width), dtype=np.int64)
        for row, (words, skeletons, token_chars, lid, domain, tags) in enumerate(encoded):
            n = len(words)
            for key, values in (("words", words), ("skeletons", skeletons), ("lid", lid), ("domain", domain), ("tags", tags)):
                arrays[key][row, :n] = values
            for column, ids in enumerate(token_chars):
                chars[row, column, :len(ids)] = ids
        out = {key: torch.from_numpy(value) for key, value in arrays.items()}
        out["chars"] = torch.from_numpy(chars)
        out["mask"] = out["words"] != PAD
        if generator is not None:
            drop = torch.isin(out["words"], self.singleton_ids) & (torch.rand(out["words"].shape, generator=generator) < WORD_DROPOUT)
            out["words"] = out["words"].masked_fill(drop, UNKNOWN)
        return out

    def _batches(self, encoded, generator):
        """Shuffled batches of sentences of similar length (less padding): the shuffled order is
        cut into pools of 50 batches, each pool sorted by length, and the batches shuffled again."""
        import torch

        size = self.options["batch_size"]
        order = torch.randperm(len(encoded), generator=generator).tolist()
        batches = []
        for start in range(0, len(order), 50 * size):
            pool = sorted(order[start:start + 50 * size], key=lambda i: len(encoded[i][0]))
            batches += [pool[i:i + size] for i in range(0, len(pool), size)]
        for index in torch.randperm(len(batches), generator=generator).tolist():
            yield self._tensors([encoded[i] for i in batches[index]], generator)

    def _predict(self, task, inputs) -> list:
        with torch_threads(self.options["threads"]):
            return self._tag([self._encode(item) for item in inputs])

    def _tag(self, encoded: list[tuple]) -> list:
        """Tags of encoded sentences (``_encode``), in their order."""
        import torch

        self.network.eval()
        lengths = [len(sentence[0]) for sentence in encoded]
        out: list[list[str]] = [[] for _ in encoded]
        # sentences of similar length together: less padding, same result
        order = sorted((i for i, n in enumerate(lengths) if n), key=lengths.__getitem__)
        with torch.no_grad():
            for rows in _chunks(order, lengths):
                batch = self._tensors([encoded[i] for i in rows])
                for row, path in zip(rows, self.network.predict(batch)):
                    out[row] = [self.tags[tag] for tag in path]
        return out

    def __getstate__(self):
        # saved with joblib like the other baselines; the network's weights travel as its state_dict
        state = dict(self.__dict__)
        if "network" in state:
            state["network"] = (self._sizes(), len(self.tags), self.options["hidden"], self.network.state_dict())
        return state

    def __setstate__(self, state):
        network = state.get("network")
        self.__dict__.update(state)
        if isinstance(network, tuple):
            from codemix.baselines.tagger_net import BiLstmCrf

            sizes, n_tags, hidden, weights = network
            self.network = BiLstmCrf(sizes, n_tags, hidden=hidden)
            self.network.load_state_dict(weights)
