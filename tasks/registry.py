"""The four tasks, one module each."""

from __future__ import annotations

import importlib

from codemix.common.errors import UnknownNameError
from codemix.common.names import unknown_name_message
from codemix.tasks.task import Task

TASK_MODULES = ("lid", "offensive", "pos", "sentiment")


def list_tasks() -> list[str]:
    """Names of the tasks, sorted."""
    return sorted(TASK_MODULES)


def get_task(name: str) -> Task:
    """The ``Task`` called ``name``; an unknown name gets did-you-mean and the list."""
    if not isinstance(name, str) or name not in TASK_MODULES:
        raise UnknownNameError(unknown_name_message("task", name, list(TASK_MODULES)))
    return importlib.import_module(f"codemix.tasks.{name}").TASK
