"""NB-SVM (Wang & Manning 2012): a linear model on features scaled by naive-Bayes log-count ratios.

One binary logistic regression per class (one-vs-rest) on ``X * r_c``, where ``r_c`` is the
log ratio of the feature's smoothed share in class ``c`` against the other classes; the class
with the highest decision value wins. A strong, fast baseline for short-text sentiment.
"""

from __future__ import annotations

import numpy as np


class NBLogisticRegression:
    """A small scikit-learn style classifier: ``fit(X, y)``, ``predict(X)``, ``decision_function(X)``."""

    class_weight = None  # a model saved before class weights had none

    def __init__(self, C: float = 4.0, alpha: float = 1.0, seed: int = 0, class_weight: str | None = None):
        self.C, self.alpha, self.seed, self.class_weight = C, alpha, seed, class_weight

    def fit(self, X, y) -> "NBLogisticRegression":
        """Fit the log-count-ratio scaled logistic regression on ``X``, ``y``."""
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y)
        self.classes_ = np.unique(y)
        self.ratios_, self.models_ = [], []
        targets = self.classes_ if len(self.classes_) > 2 else self.classes_[1:]
        for label in targets:
            inside = y == label
            p = self.alpha + np.asarray(X[inside].sum(axis=0)).ravel()
            q = self.alpha + np.asarray(X[~inside].sum(axis=0)).ravel()
            ratio = np.log((p / p.sum()) / (q / q.sum()))
            # dual: far faster when features outnumber examples, as with n-grams
            model = LogisticRegression(C=self.C, solver="liblinear", dual=True, max_iter=1000, random_state=self.seed,
                                       class_weight=self.class_weight)
            self.ratios_.append(ratio)
            self.models_.append(model.fit(X.multiply(ratio).tocsr(), inside.astype(int)))
        return self

    def decision_function(self, X):
        """Scores per class for ``X``."""
        scores = np.column_stack([m.decision_function(X.multiply(r).tocsr()) for m, r in zip(self.models_, self.ratios_)])
        return scores if len(self.classes_) > 2 else scores.ravel()

    def predict(self, X):
        """The predicted class of each row of ``X``."""
        scores = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]
