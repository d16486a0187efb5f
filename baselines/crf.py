"""Linear-chain CRF (sklearn-crfsuite) for token tasks: affixes, shape, script and neighbour
features (with per-domain copies when train comes from several platforms, see
``codemix.baselines.features.sentence_features``); the L1/L2 regularisation is chosen on
validation by the task's main score (on a bounded sample of a very large train split, see
``codemix.baselines.sampling``)."""

from __future__ import annotations

from codemix.baselines.base import Baseline, training_domains
from codemix.baselines.features import sentence_features
from codemix.baselines.sampling import plan, usage
from codemix.tasks.metrics import METRICS

GRID = ({"c1": 0.05, "c2": 0.01}, {"c1": 0.2, "c2": 0.05})


class CrfBaseline(Baseline):
    """A linear-chain CRF over word, affix, shape, script and neighbour features (token tasks)."""
    name = "crf"
    levels = ("token",)
    by_domain = False  # per-domain features, set by fit; a CRF saved before them has none

    def _fit(self, task, examples, dev) -> None:
        self.by_domain = bool(training_domains(examples))
        selection, training = plan(examples, self.options, self.seed)
        dev_features = self._features([item for item, _ in dev])
        dev_gold = [label for _, sentence in dev for label in sentence]
        metric = METRICS[task.main_score]
        score_on_dev = lambda model: metric(dev_gold, [l for s in model.predict(dev_features) for l in s])  # noqa: E731
        best, features = None, self._labelled_features(selection)
        for config in GRID if dev else GRID[:1]:
            model = self._train(features, config)
            score = score_on_dev(model) if dev else None
            if best is None or (score is not None and score > best[0]):
                best = (score, model, config)
        score, self.model, config = best
        if training is not selection:
            # compared on a sample of a large split: the chosen configuration is fitted on more of it
            self.model = self._train(self._labelled_features(training), config)
            score = score_on_dev(self.model) if dev else None
        self.chosen = {**config, "max_iterations": self.options.get("max_iterations", 100),
                       f"validation_{task.main_score}": None if score is None else round(score, 4),
                       "by_domain": self.by_domain, **usage(examples, training)}

    def _train(self, features, config):
        import sklearn_crfsuite

        model = sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=self.options.get("max_iterations", 100),
                                     all_possible_transitions=True, **config)
        return model.fit(*features)

    def _predict(self, task, inputs) -> list:
        return [list(labels) for labels in self.model.predict(self._features(inputs))]

    def _features(self, inputs) -> list:
        """Per-sentence feature dicts (with the domain's copies when fitted on several domains)."""
        return [sentence_features(item.tokens, item.lid, domain=item.domain if self.by_domain else None)
                for item in inputs]

    def _labelled_features(self, examples) -> tuple[list, list]:
        """crfsuite's training input: per-sentence feature dicts and label lists."""
        return self._features([item for item, _ in examples]), [list(labels) for _, labels in examples]
