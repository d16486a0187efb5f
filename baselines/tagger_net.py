"""The network of the BiLSTM-CRF tagger: word, spelling-skeleton, character-CNN, (for POS)
LID-tag and (for corpora of several platforms) domain embeddings, a bidirectional LSTM, and a
linear-chain CRF on top (PyTorch)."""

from __future__ import annotations

import torch
from torch import nn


class CharCNN(nn.Module):
    """A word's characters -> one vector: embeddings, a width-3 convolution, max over positions."""

    def __init__(self, n_chars: int, dim: int = 32, filters: int = 64):
        super().__init__()
        self.embed = nn.Embedding(n_chars, dim, padding_idx=0)
        self.conv = nn.Conv1d(dim, filters, kernel_size=3, padding=1)

    def forward(self, chars: torch.Tensor) -> torch.Tensor:
        """``chars``: [batch, tokens, characters] ids -> [batch, tokens, filters]."""
        batch, tokens, width = chars.shape
        flat = self.embed(chars.view(batch * tokens, width)).transpose(1, 2)
        hidden = torch.relu(self.conv(flat))
        # padding positions must not win the max: push them far below any real activation
        hidden = hidden.masked_fill((chars.view(batch * tokens, 1, width) == 0), -1e4)
        return hidden.max(dim=2).values.clamp(min=0).view(batch, tokens, -1)


class LinearChainCRF(nn.Module):
    """Transition scores between tags; the sentence log-likelihood and Viterbi decoding."""

    def __init__(self, n_tags: int):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def neg_log_likelihood(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood of the gold ``tags`` ([batch, tokens]; ``mask`` marks real tokens)."""
        batch = torch.arange(emissions.shape[0])
        score = self.start[tags[:, 0]] + emissions[batch, 0, tags[:, 0]]
        partition = self.start + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            on = mask[:, t]
            step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[batch, t, tags[:, t]]
            score = score + step * on
            moved = torch.logsumexp(partition.unsqueeze(2) + self.transitions + emissions[:, t].unsqueeze(1), dim=1)
            partition = torch.where(on.unsqueeze(1), moved, partition)
        last = tags[batch, mask.sum(1) - 1]
        score = score + self.end[last]
        return (torch.logsumexp(partition + self.end, dim=1) - score).sum()

    def decode(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """The best tag sequence of each sentence (Viterbi), as many tags as it has tokens."""
        best = self.start + emissions[:, 0]
        pointers = []
        for t in range(1, emissions.shape[1]):
            scores = best.unsqueeze(2) + self.transitions
            values, indices = scores.max(dim=1)
            on = mask[:, t].unsqueeze(1)
            best = torch.where(on, values + emissions[:, t], best)
            pointers.append(torch.where(on, indices, torch.arange(best.shape[1]).expand_as(indices)))
        best = best + self.end
        out = []
        lengths = mask.sum(1).tolist()
        for row, length in enumerate(lengths):
            tag = int(best[row].argmax())
            path = [tag]
            for t in range(length - 2, -1, -1):
                tag = int(pointers[t][row, tag])
                path.append(tag)
            out.append(path[::-1])
        return out


class BiLstmCrf(nn.Module):
    """Embeddings of each token's views -> BiLSTM -> tag scores -> CRF."""

    def __init__(self, sizes: dict[str, int], n_tags: int, word_dim: int = 64, hidden: int = 128, dropout: float = 0.33):
        super().__init__()
        # sparse gradients: a batch touches a few hundred of the tens of thousands of rows, and a
        # dense update of every row each step was most of the training time on large vocabularies
        self.words = nn.Embedding(sizes["words"], word_dim, padding_idx=0, sparse=True)
        self.skeletons = nn.Embedding(sizes["skeletons"], 32, padding_idx=0, sparse=True)
        self.chars = CharCNN(sizes["chars"])
        self.lid = nn.Embedding(sizes["lid"], 16, padding_idx=0) if sizes.get("lid") else None
        self.domain = nn.Embedding(sizes["domain"], 8, padding_idx=0) if sizes.get("domain") else None
        width = word_dim + 32 + 64 + (16 if self.lid is not None else 0) + (8 if self.domain is not None else 0)
        self.dropout = nn.Dropout(dropout)
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)
        self.crf = LinearChainCRF(n_tags)

    def sparse_parameters(self) -> list:
        """The vocabulary embeddings, which get sparse gradients (``SparseAdam``)."""
        return [self.words.weight, self.skeletons.weight]

    def dense_parameters(self) -> list:
        """Every other parameter (``Adam``, gradient norm clipped)."""
        sparse = {id(p) for p in self.sparse_parameters()}
        return [p for p in self.parameters() if id(p) not in sparse]

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Tag scores per token, [batch, tokens, tags]."""
        parts = [self.words(batch["words"]), self.skeletons(batch["skeletons"]), self.chars(batch["chars"])]
        if self.lid is not None:
            parts.append(self.lid(batch["lid"]))
        if self.domain is not None:
            parts.append(self.domain(batch["domain"]))
        lengths = batch["mask"].sum(1)
        packed = nn.utils.rnn.pack_padded_sequence(self.dropout(torch.cat(parts, dim=2)), lengths, batch_first=True,
                                                   enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=batch["mask"].shape[1])
        return self.out(self.dropout(hidden))

    def loss(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Negative log-likelihood of the batch's gold tags, per sentence."""
        return self.crf.neg_log_likelihood(self.emissions(batch), batch["tags"], batch["mask"]) / batch["mask"].shape[0]

    def predict(self, batch: dict[str, torch.Tensor]) -> list[list[int]]:
        """Viterbi tag ids of each sentence in the batch."""
        return self.crf.decode(self.emissions(batch), batch["mask"])
