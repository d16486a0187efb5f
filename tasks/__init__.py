"""Tasks: closed label sets, metrics and code-mixing statistics.

Kept import-light: the label sets are a leaf module the loaders rely on.
"""

from codemix.tasks.labels import LABEL_SETS, TASK_FIELDS

__all__ = ["LABEL_SETS", "TASK_FIELDS"]
