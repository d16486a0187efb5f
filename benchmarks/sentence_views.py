"""Other feature views and a wider model grid for char_ngram's sentence models, chosen on validation.

    CODEMIX_DATA_DIR=../shared/data python benchmarks/sentence_views.py [corpus ...]

For each sentence corpus given (default: every one under ``CODEMIX_DATA_DIR`` that has train,
validation and test), fits train-only models and prints validation / test main scores:

- each feature view below with char_ngram's own three-configuration grid (the configuration
  chosen on validation), then the view validation would choose for the corpus;
- char_ngram's own features with a wider grid (linear SVM, NB-SVM and logistic regression, with
  and without balanced class weights), then the configuration validation would choose.

The first view with char_ngram's grid is char_ngram's train-only model (the benchmark refits it on
train + validation). With l3cube_mesent present it also measures ``mehate_standin``: binary hate
detection from MeSent's own ``hate`` column - every hate text of each split and as many non-hate
texts drawn at random (seed 0) - a corpus of MeHate's kind (balanced, small, Marathi-English
tweets) that is not MeHate's test set.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time

STANDIN = "mehate_standin"
# an explicit data_dir: these files only, no cache fallback and no download
DATA_DIR = os.environ.get("CODEMIX_DATA_DIR") or None
WIDER_GRID = ([{"model": "svm", "C": c, "class_weight": w} for c in (0.03, 0.1, 0.3) for w in (None, "balanced")]
              + [{"model": "nbsvm", "C": c, "class_weight": w} for c in (1.0, 4.0, 16.0) for w in (None, "balanced")]
              + [{"model": "logistic", "C": c, "class_weight": "balanced"} for c in (3.0, 10.0, 30.0)])


def squeeze_repeats(text: str) -> str:
    """Characters repeated three or more times cut to two.

    >>> squeeze_repeats("sooooo good!!!")
    'soo good!!'
    """
    return re.sub(r"(.)\1{2,}", r"\1\1", text)


def views():
    """(name, vectorizer factory, text preprocessor) of each feature view measured: char_ngram's
    own vectorizer, with one part changed or one added."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from codemix.baselines.char_ngram import _text_vectorizer
    from codemix.baselines.char_vectorizer import WordCharNgramVectorizer

    def changed(**parts):
        return lambda: _text_vectorizer().set_params(**parts)

    def with_across_words():
        vectorizer = _text_vectorizer()
        vectorizer.transformer_list.append(("across", TfidfVectorizer(analyzer="char", ngram_range=(1, 5), sublinear_tf=True,
                                                                      min_df=2, dtype=np.float32)))
        return vectorizer

    same = lambda text: text  # noqa: E731
    yield "char_ngram's own", _text_vectorizer, same
    yield "+ char 1-5-grams across words", with_across_words, same
    yield "word 1-3-grams", changed(word__ngram_range=(1, 3)), same
    yield "char 1-6-grams in words", lambda: _text_vectorizer().set_params(char=WordCharNgramVectorizer(1, 6, min_df=2)), same
    yield "repeats squeezed to two", _text_vectorizer, squeeze_repeats
    yield "words split at punctuation", changed(word__token_pattern=r"(?u)\w+|[^\w\s]+"), same


def model(config):
    """A model for one configuration of the grids."""
    from sklearn.linear_model import LogisticRegression

    from codemix.baselines.char_ngram import _sentence_model

    if config["model"] == "logistic":
        return LogisticRegression(C=config["C"], class_weight=config["class_weight"], max_iter=3000)
    return _sentence_model(config, 0)


def standin_splits() -> list[list[tuple[str, str]]]:
    """The MeHate-like stand-in's train, validation and test (see the module docstring)."""
    import csv

    from codemix.loaders.api import resolve_files
    from codemix.loaders.registry import get_spec

    # MeSent's own files, found and checked as codemix.load finds them
    paths = {resolved.spec.path: resolved.path for resolved in resolve_files(get_spec("l3cube_mesent"), DATA_DIR)}
    draw = random.Random(0)
    parts = []
    for split in ("train", "val", "test"):
        with open(paths[f"codemix-sent-{split}.csv"], encoding="utf-8", newline="") as handle:
            rows = [(row["tweet"], row["hate"] == "1.0") for row in csv.DictReader(handle)]
        hate = [text for text, is_hate in rows if is_hate]
        # MeHate's train has one non-hate text fewer than hate ones; its other splits are balanced
        other = draw.sample([text for text, is_hate in rows if not is_hate], len(hate) - (split == "train"))
        parts.append([(text, "offensive") for text in hate] + [(text, "not_offensive") for text in other])
    return parts


def splits(corpus: str):
    """(task name, [(text, label)] of train, validation and test) of a corpus or of the stand-in."""
    import codemix

    if corpus == STANDIN:
        return "offensive", standin_splits()
    task_name = next(name for name in codemix.corpus_info(corpus).tasks if codemix.get_task(name).level == "sentence")
    data = codemix.load(corpus, data_dir=DATA_DIR)
    missing = [split for split in ("train", "validation", "test") if split not in data]
    if missing:
        raise codemix.CodemixError(f"the corpus has no {' and no '.join(missing)} split")
    return task_name, [[(r["text"], r[task_name]) for r in data[split] if r[task_name] is not None]
                       for split in ("train", "validation", "test")]


def chosen(results):
    """The (name, validation, test) that validation chooses; ties keep the earlier one (as ``max`` does)."""
    return max(results, key=lambda row: row[1])


def measure(corpus: str) -> list[str]:
    """The report lines of one corpus."""
    from codemix.baselines.char_ngram import SENTENCE_GRID, _text_vectorizer, with_romanised
    from codemix.tasks.metrics import METRICS
    from codemix.tasks.registry import get_task

    task_name, (train, validation, test) = splits(corpus)
    metric = METRICS[get_task(task_name).main_score]
    lines, by_view = [], []

    def fit_and_score(grid, vectorizer, prepare):
        texts = [[prepare(with_romanised(text)) for text, _ in part] for part in (train, validation, test)]
        matrix = vectorizer.fit_transform(texts[0])
        others = [vectorizer.transform(part) for part in texts[1:]]
        rows = []
        for config in grid:
            fitted = model(config).fit(matrix, [label for _, label in train])
            scores = [metric([label for _, label in part], list(fitted.predict(rows_of)))
                      for part, rows_of in zip((validation, test), others)]
            rows.append((_name(config), *scores))
        return rows

    for name, vectorizer, prepare in views():
        started = time.perf_counter()
        config, score, test_score = chosen(fit_and_score(SENTENCE_GRID, vectorizer(), prepare))
        by_view.append((name, score, test_score))
        lines.append(f"{corpus:26} view  {name:32} ({config}) validation {score:.4f} test {test_score:.4f}"
                     f"  {time.perf_counter() - started:.0f} s")
    view, score, test_score = chosen(by_view)
    lines.append(f"{corpus:26} view chosen on validation: {view}, validation {score:.4f} test {test_score:.4f}")
    grid = fit_and_score(WIDER_GRID, _text_vectorizer(), lambda text: text)
    lines += [f"{corpus:26} grid  {name:32} validation {score:.4f} test {test_score:.4f}" for name, score, test_score in grid]
    name, score, test_score = chosen(grid)
    lines.append(f"{corpus:26} configuration chosen on validation: {name}, validation {score:.4f} test {test_score:.4f}")
    return lines


def _name(config) -> str:
    return f"{config['model']} C {config['C']:g}" + (" balanced" if config["class_weight"] else "")


def default_corpora() -> list[str]:
    """Every sentence corpus under ``CODEMIX_DATA_DIR`` with train, validation and test, and the stand-in."""
    import codemix

    corpora = []
    if not DATA_DIR:
        return corpora  # never a download of every corpus as a side effect
    for corpus in codemix.list_corpora():
        info = codemix.corpus_info(corpus)
        if corpus.startswith("demo_") or not any(codemix.get_task(t).level == "sentence" for t in info.tasks):
            continue
        try:
            if {"train", "validation", "test"} <= set(codemix.load(corpus, data_dir=DATA_DIR)):
                corpora.append(corpus)
        except codemix.CodemixError:  # its files are not in the folder
            continue
    return corpora + ([STANDIN] if "l3cube_mesent" in corpora else [])


def main(argv: list[str]) -> int:
    from codemix import CodemixError

    corpora = argv or default_corpora()
    if not corpora:
        print("sentence_views.py: no sentence corpus with train, validation and test found; "
              "set CODEMIX_DATA_DIR to the folder holding the corpora, or name them")
        return 1
    for corpus in corpora:
        try:
            print("\n".join(measure(corpus)), flush=True)
        except (CodemixError, OSError) as error:  # files not found, unknown corpus, a split missing
            print(f"{corpus}: not measured, {str(error).splitlines()[0]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
