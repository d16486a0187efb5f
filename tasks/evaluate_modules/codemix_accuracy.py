"""codemix's accuracy as an `evaluate` module, loaded by path (no hub):

    import evaluate
    from codemix.tasks.evaluation import module_path
    metric = evaluate.load(module_path("accuracy"))
    metric.compute(predictions=["hi", "en"], references=["hi", "hi"])
"""

import evaluate

from codemix.tasks.evaluation import describe, score_with


class CodemixMetric(evaluate.Metric):
    """codemix's metric as an ``evaluate`` module (loaded by path, no hub)."""
    def _info(self):
        return describe("accuracy", self.config_name)

    def _compute(self, predictions, references):
        return score_with("accuracy", self.config_name, references, predictions)
