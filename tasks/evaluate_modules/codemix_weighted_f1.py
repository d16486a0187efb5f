"""codemix's weighted_f1 as an `evaluate` module, loaded by path (no hub):

    import evaluate
    from codemix.tasks.evaluation import module_path
    metric = evaluate.load(module_path("weighted_f1"))
    metric.compute(predictions=["hi", "en"], references=["hi", "hi"])
"""

import evaluate

from codemix.tasks.evaluation import describe, score_with


class CodemixMetric(evaluate.Metric):
    """codemix's metric as an ``evaluate`` module (loaded by path, no hub)."""
    def _info(self):
        return describe("weighted_f1", self.config_name)

    def _compute(self, predictions, references):
        return score_with("weighted_f1", self.config_name, references, predictions)
