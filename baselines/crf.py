"""Linear-chain CRF (sklearn-crfsuite) for token tasks: affixes, shape, script and neighbour
features; the L1/L2 regularisation is chosen on validation by the task's main score."""

from __future__ import annotations

from codemix.baselines.base import Baseline
from codemix.baselines.features import sentence_features
from codemix.tasks.metrics import METRICS

GRID = ({"c1": 0.05, "c2": 0.01}, {"c1": 0.2, "c2": 0.05})


class CrfBaseline(Baseline):
    """A linear-chain CRF over word, affix, shape, script and neighbour features (token tasks)."""
    name = "crf"
    levels = ("token",)

    def _fit(self, task, examples, dev) -> None:
        import sklearn_crfsuite

        features = [sentence_features(item.tokens, item.lid) for item, _ in examples]
        labels = [list(sentence) for _, sentence in examples]
        dev_features = [sentence_features(item.tokens, item.lid) for item, _ in dev]
        dev_gold = [label for _, sentence in dev for label in sentence]
        metric = METRICS[task.main_score]
        iterations = self.options.get("max_iterations", 100)
        best = None
        for config in GRID if dev else GRID[:1]:
            model = sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=iterations, all_possible_transitions=True,
                                         **config)
            model.fit(features, labels)
            score = metric(dev_gold, [l for s in model.predict(dev_features) for l in s]) if dev else None
            if best is None or (score is not None and score > best[0]):
                best = (score, model, config)
        score, self.model, config = best
        self.chosen = {**config, "max_iterations": iterations,
                       f"validation_{task.main_score}": None if score is None else round(score, 4)}

    def _predict(self, task, inputs) -> list:
        return [list(labels) for labels in self.model.predict([sentence_features(item.tokens, item.lid) for item in inputs])]
