"""Tasks: closed label sets, metrics and code-mixing statistics.

Import-light: the loaders rely on ``codemix.tasks.labels`` (a dependency-free leaf), so this
package exposes the rest lazily.
"""

from codemix.common.labels import LABEL_SETS, TASK_FIELDS

__all__ = ["LABEL_SETS", "TASK_FIELDS", "Task", "get_task", "list_tasks", "mixing_stats", "corpus_mixing_stats"]


def __getattr__(name):
    if name in ("get_task", "list_tasks"):
        from codemix.tasks import registry

        return getattr(registry, name)
    if name == "Task":
        from codemix.tasks.task import Task

        return Task
    if name in ("mixing_stats", "corpus_mixing_stats"):
        from codemix.tasks import mixing

        return getattr(mixing, name)
    raise AttributeError(f"module 'codemix.tasks' has no attribute {name!r}")
