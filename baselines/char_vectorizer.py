"""Character n-grams of words, TF-IDF weighted, built word by word instead of text by text.

The same n-grams and, for words of three or more letters, the same weights as scikit-learn's
``TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))`` (n-grams inside each space-padded,
lower-cased word; tested). A word of one or two letters is shorter than the longest n-gram:
scikit-learn then counts its whole padded form once more, codemix does not. Each distinct word
is broken into n-grams once and a text's row is the sum of its words' rows - several times
faster on tweets, which repeat their words. Words first seen at prediction time are broken up too, so unseen
spellings still share n-grams with known ones.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


class WordCharNgramVectorizer:
    """TF-IDF character n-grams built word by word (scikit-learn's ``char_wb`` n-grams; see the module docstring)."""
    def __init__(self, n_min: int = 2, n_max: int = 5, min_df: int = 2, sublinear_tf: bool = True):
        self.n_min, self.n_max, self.min_df, self.sublinear_tf = n_min, n_max, min_df, sublinear_tf
        self._cache: dict[str, np.ndarray] = {}

    def _grams(self, word: str) -> list[str]:
        padded = f" {word} "
        return [padded[i:i + n] for n in range(self.n_min, self.n_max + 1) for i in range(len(padded) - n + 1)]

    def fit_transform(self, texts, y=None):
        """Learn the vocabulary and IDF from ``texts`` and return their TF-IDF matrix."""
        from sklearn.feature_extraction.text import TfidfTransformer

        vocabulary: dict[str, int] = {}
        cache: dict[str, np.ndarray] = {}
        for text in texts:
            for word in text.lower().split():
                if word not in cache:
                    cache[word] = np.array([vocabulary.setdefault(g, len(vocabulary)) for g in self._grams(word)], dtype=np.int64)
        counts = self._matrix(texts, cache, len(vocabulary))
        document_frequency = np.bincount(counts.indices, minlength=len(vocabulary))
        keep = document_frequency >= self.min_df
        new_index = np.cumsum(keep) - 1
        self.vocabulary_ = {gram: int(new_index[i]) for gram, i in vocabulary.items() if keep[i]}
        self._cache = {word: new_index[ids[keep[ids]]] for word, ids in cache.items()}
        counts = counts[:, np.flatnonzero(keep)]
        self.tfidf_ = TfidfTransformer(sublinear_tf=self.sublinear_tf)
        return self.tfidf_.fit_transform(counts).astype(np.float32)

    def fit(self, texts, y=None):
        """Learn the vocabulary and IDF from ``texts``."""
        self.fit_transform(texts)
        return self

    def transform(self, texts):
        """The TF-IDF matrix of ``texts`` over the learned vocabulary."""
        for text in texts:
            for word in text.lower().split():
                if word not in self._cache:
                    self._cache[word] = np.array([self.vocabulary_[g] for g in self._grams(word) if g in self.vocabulary_],
                                                 dtype=np.int64)
        return self.tfidf_.transform(self._matrix(texts, self._cache, len(self.vocabulary_))).astype(np.float32)

    @staticmethod
    def _matrix(texts, cache, width: int):
        pieces, indptr = [], [0]
        for text in texts:
            ids = [cache[word] for word in text.lower().split()]
            row = np.concatenate(ids) if ids else np.empty(0, dtype=np.int64)
            pieces.append(row)
            indptr.append(indptr[-1] + len(row))
        indices = np.concatenate(pieces) if pieces else np.empty(0, dtype=np.int64)
        matrix = sp.csr_matrix((np.ones(len(indices), dtype=np.float64), indices, np.array(indptr)),
                               shape=(len(indptr) - 1, width))
        matrix.sum_duplicates()
        return matrix

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}  # rebuilt on demand: only the vocabulary and the IDF weights are the model
        return state
