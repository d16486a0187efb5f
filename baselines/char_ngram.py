"""Character n-gram baselines.

Sentence tasks: TF-IDF over word 1-2-grams and character 2-5-grams (within word boundaries)
of the text plus a romanised copy of its native-script words (so that a word typed in
Devanagari and in Roman script shares features - code-mixed corpora use both) into a linear
model; the model (linear SVM, or NB-SVM logistic regression), C and class
weighting are chosen on validation by the task's main score, then the chosen configuration is
refitted on train + validation (``refit=False`` keeps the train-only model).
Token tasks: per-token features (character 2-4-grams of the token, affixes, shape, script,
and the neighbours' words, suffixes, shapes and scripts; per-domain copies of all but the
character n-grams when train comes from several platforms) into a linear SVM, C chosen on
validation (on a bounded sample of a very large train split, see ``codemix.baselines.sampling``).
"""

from __future__ import annotations

import itertools
import time

from codemix.baselines.base import Baseline, training_domains
from codemix.baselines.features import sentence_features
from codemix.baselines.sampling import plan, usage
from codemix.common.errors import CodemixError
from codemix.loaders.normalize import NATIVE_WORD, romanise
from codemix.tasks.metrics import METRICS

SENTENCE_GRID = (
    {"model": "svm", "C": 0.1, "class_weight": None},
    {"model": "svm", "C": 0.1, "class_weight": "balanced"},
    {"model": "nbsvm", "C": 4.0, "class_weight": None},
)
TOKEN_GRID = {"C": (0.05, 0.2)}


class CharNgramBaseline(Baseline):
    """Character and word n-gram features into a linear model (see the module docstring)."""
    name = "char_ngram"
    by_domain = False  # per-domain token features, set by fit; a model saved before them has none

    def _fit(self, task, examples, dev) -> None:
        labels = {label for _, gold in examples for label in ([gold] if task.level == "sentence" else gold)}
        if len(labels) < 2:  # a linear classifier separates labels; with one there is nothing to learn
            raise CodemixError(f"char_ngram: the training data of {task.name} holds one label only "
                               f"({', '.join(map(repr, labels))}); it needs two or more - the majority baseline "
                               "predicts a single label")
        if task.level == "sentence":
            self._fit_sentences(task, examples, dev)
        else:
            self._fit_tokens(task, examples, dev)

    # --- sentence tasks ------------------------------------------------------------------------

    def _fit_sentences(self, task, examples, dev) -> None:
        texts = [with_romanised(text) for text, _ in examples]
        dev = [(with_romanised(text), label) for text, label in dev]
        labels = [label for _, label in examples]
        started = time.perf_counter()
        self.vectorizer = _text_vectorizer()
        matrix = self.vectorizer.fit_transform(texts)
        build = lambda config: _sentence_model(config, self.seed)  # noqa: E731
        self.model, self.chosen = _select(task, list(SENTENCE_GRID), build, matrix, labels,
                                          dev and self.vectorizer.transform([t for t, _ in dev]), [label for _, label in dev])
        if dev and self.options.get("refit", True):
            # The vectorizer (vocabulary, IDF) stays the one fitted on train; the model is refitted.
            import scipy.sparse

            config = {key: self.chosen[key] for key in ("model", "C", "class_weight")}
            both = scipy.sparse.vstack([matrix, self.vectorizer.transform([t for t, _ in dev])]).tocsr()
            self.model = build(config).fit(both, labels + [label for _, label in dev])
            self.chosen["refit_on"] = "train+validation"
        self.chosen["fit_seconds"] = round(time.perf_counter() - started, 2)

    # --- token tasks ---------------------------------------------------------------------------

    def _fit_tokens(self, task, examples, dev) -> None:
        self.by_domain = bool(training_domains(examples))
        selection, training = plan(examples, self.options, self.seed)
        self.vectorizer, matrix, labels = _token_matrix(selection, self.by_domain)
        dev_labels = [label for _, sentence in dev for label in sentence]
        grid = [dict(zip(TOKEN_GRID, values)) for values in itertools.product(*TOKEN_GRID.values())]
        svm = lambda config: _svm(config["C"], None, self.seed)  # noqa: E731
        self.model, self.chosen = _select(task, grid, svm, matrix, labels, dev and self._token_rows(dev), dev_labels)
        if training is not selection:
            # compared on a sample of a large split: the chosen configuration is fitted on more of it
            self.vectorizer, matrix, labels = _token_matrix(training, self.by_domain)
            self.model = svm(self.chosen).fit(matrix, labels)
            if dev:
                score = METRICS[task.main_score](dev_labels, list(self.model.predict(self._token_rows(dev))))
                self.chosen[f"validation_{task.main_score}"] = round(score, 4)
        self.chosen.update(usage(examples, training), by_domain=self.by_domain)

    def _token_rows(self, examples):
        return _int32(self.vectorizer.transform(_token_dicts((item for item, _ in examples), self.by_domain)))

    def _predict(self, task, inputs) -> list:
        if task.level == "sentence":
            return self.model.predict(self.vectorizer.transform([with_romanised(text) for text in inputs])).tolist()
        any_tokens = any(item.tokens for item in inputs)
        rows = self.vectorizer.transform(_token_dicts(inputs, self.by_domain)) if any_tokens else None
        flat = self.model.predict(_int32(rows)).tolist() if any_tokens else []
        out, position = [], 0
        for item in inputs:
            out.append(flat[position:position + len(item.tokens)])
            position += len(item.tokens)
        return out


def _int32(matrix):
    """DictVectorizer builds int64 indices, which liblinear refuses; the matrices are far below 2**31."""
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix


def _token_matrix(examples, by_domain: bool):
    """A fitted DictVectorizer, the examples' token feature matrix and their flat labels."""
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = DictVectorizer()
    matrix = _int32(vectorizer.fit_transform(_token_dicts((item for item, _ in examples), by_domain)))
    return vectorizer, matrix, [label for _, sentence in examples for label in sentence]


def _token_dicts(sentences, by_domain: bool):
    for item in sentences:
        yield from sentence_features(item.tokens, item.lid, char_ngrams=True, domain=item.domain if by_domain else None)


def with_romanised(text: str) -> str:
    """The text followed by a romanised copy of its native-script words (unchanged if it has none).

    >>> with_romanised("yaar बहुत mast")
    'yaar बहुत mast bahut'
    """
    native = NATIVE_WORD.findall(text)
    return text if not native else text + " " + " ".join(romanise(word) for word in native)


def _text_vectorizer():
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    from codemix.baselines.char_vectorizer import WordCharNgramVectorizer

    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"(?u)\S+", sublinear_tf=True,
                                 lowercase=True, dtype=np.float32)),
        ("char", WordCharNgramVectorizer(2, 5, min_df=2)),
    ])


def _sentence_model(config, seed):
    if config["model"] == "svm":
        return _svm(config["C"], config["class_weight"], seed)
    from codemix.baselines.nbsvm import NBLogisticRegression

    return NBLogisticRegression(C=config["C"], seed=seed, class_weight=config["class_weight"])


def _svm(c, class_weight, seed):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight=class_weight, random_state=seed, max_iter=5000)


def _select(task, grid, build, matrix, labels, dev_matrix, dev_labels):
    """Fit each configuration on train, keep the best on validation by the task's main score.

    Without validation data the first configuration is used. Ties keep the earlier one.
    """
    metric = METRICS[task.main_score]
    best = None
    for config in grid if dev_labels else grid[:1]:
        model = build(config).fit(matrix, labels)
        score = metric(dev_labels, list(model.predict(dev_matrix))) if dev_labels else None
        if best is None or (score is not None and score > best[0]):
            best = (score, model, config)
    score, model, config = best
    return model, {**config, f"validation_{task.main_score}": None if score is None else round(score, 4)}
