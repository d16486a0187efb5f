"""The stages read in one direction: common -> loaders -> tasks -> baselines / leaderboard -> the CLI.

Checked on the source (every ``import``/``from ... import``, including the ones inside
functions): a stage imports only the stages before it, and nothing but the CLI modules imports
the CLI.
"""

import ast

import pytest

from conftest import ROOT

ALLOWED = {
    "common": set(),
    "loaders": {"common"},
    "tasks": {"common", "loaders"},
    "baselines": {"common", "loaders", "tasks"},
    "leaderboard": {"common", "loaders", "tasks"},
}
CLI_MODULES = {"cli", "baselines_cli", "corpora_cli", "evaluate_cli", "leaderboard_cli"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_only_the_stages_before_it(stage):
    wrong = []
    for path in sorted((ROOT / stage).rglob("*.py")):
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] != "codemix":
                continue
            target = parts[1] if len(parts) > 1 else "codemix (the package's public face)"
            if target != stage and target not in ALLOWED[stage]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_the_cli_back():
    wrong = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.parts[len(ROOT.parts)] in ("tests", "benchmarks", "tools", ".venv", "build"):
            continue
        if path.parent == ROOT / "codemix" and path.stem in CLI_MODULES:
            continue
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "codemix" and len(parts) > 1 and parts[1] in CLI_MODULES:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {module}")
    assert not wrong, "\n".join(wrong)


def test_static_tools_resolve_a_stage_module_to_its_file():
    """The stage folders live at the root but import as codemix.<stage>: symbolic links in codemix/
    (codemix/loaders -> ../loaders, ...) let editors and jedi follow the imports, which an import
    hook alone would hide from them."""
    jedi = pytest.importorskip("jedi", reason="jedi comes with the dev extra")
    for stage in ALLOWED:
        assert (ROOT / "codemix" / stage).resolve() == (ROOT / stage).resolve()
    script = jedi.Script("import codemix.loaders.api\ncodemix.loaders.api.load", path=str(ROOT / "example.py"),
                         project=jedi.Project(str(ROOT)))
    (name,) = script.goto(2, 22, follow_imports=True)
    assert name.module_path.resolve() == (ROOT / "loaders" / "api.py").resolve() and name.name == "load"
