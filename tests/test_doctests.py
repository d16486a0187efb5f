"""Run the docstring examples of every codemix module."""

import doctest
import importlib
import pkgutil

import pytest


STAGES = ("codemix", "codemix.common", "codemix.loaders", "codemix.tasks", "codemix.baselines", "codemix.leaderboard")


def all_modules():
    # Each stage folder is its own directory (package-dir), so walk each one's __path__.
    names = set()
    for stage in STAGES:
        package = importlib.import_module(stage)
        names.add(stage)
        names.update(info.name for info in pkgutil.walk_packages(package.__path__, stage + "."))
    return sorted(names)


def test_every_package_is_walked():
    # codemix's __path__ only covers codemix/; the stage folders are subpackages in other dirs.
    names = set(all_modules())
    assert {"codemix.loaders.schema", "codemix.tasks.labels", "codemix.loaders.formats.conll"} <= names


@pytest.mark.parametrize("name", all_modules())
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
