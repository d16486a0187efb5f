"""codemix's metrics as ``evaluate`` modules loadable by path, with no hub access.

``evaluate.load("accuracy")`` downloads its script from the hub and fails offline; these
modules ship inside the package. ``evaluate`` itself is heavy and imported only here.

>>> module_path("macro_f1").endswith("codemix_macro_f1.py")
True
"""

from __future__ import annotations

from pathlib import Path

from codemix.common.errors import UnknownNameError
from codemix.common.names import unknown_name_message
from codemix.tasks.metrics import METRICS

MODULE_DIR = Path(__file__).parent / "evaluate_modules"


def module_path(metric: str) -> str:
    """Path of the evaluate module for ``metric`` (accuracy, macro_f1, weighted_f1)."""
    if metric not in METRICS:
        raise UnknownNameError(unknown_name_message("metric", metric, list(METRICS)))
    return str(MODULE_DIR / f"codemix_{metric}.py")


def load_metric(metric: str, task: str | None = None):
    """``evaluate.load`` of a codemix metric; with ``task``, inputs are that task's labels
    (lists of labels per sentence for token tasks) and unknown labels are refused."""
    import evaluate

    return evaluate.load(module_path(metric), config_name=task)


def describe(metric: str, task: str | None):
    """The ``evaluate`` MetricInfo description of ``metric`` for ``task``."""
    import datasets
    import evaluate

    task = _task_name(task)
    level = _task(task).level if task else "sentence"
    value = datasets.Sequence(datasets.Value("string")) if level == "token" else datasets.Value("string")
    return evaluate.MetricInfo(
        description=f"codemix {metric} (corpus-level{'; tokens pooled' if level == 'token' else ''}); "
                    "macro-F1 is over the labels present in gold or prediction.",
        citation="codemix",
        inputs_description="predictions and references: labels (token tasks: one list of labels per sentence)",
        features=datasets.Features({"predictions": value, "references": value}),
    )


def score_with(metric: str, task: str | None, references, predictions) -> dict:
    """``{metric: value}`` for flat or per-sentence references and predictions."""
    task = _task_name(task)
    if task:
        return {metric: _task(task).score(references, predictions)[metric]}
    return {metric: METRICS[metric](list(references), list(predictions))}


def _task_name(config_name: str | None) -> str | None:
    return None if config_name in (None, "default") else config_name  # evaluate's name for "no config"


def _task(name: str):
    from codemix.tasks.registry import get_task

    return get_task(name)
