"""The wheel carries every module of the source tree; ``import codemix`` stays light."""

import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def source_modules() -> set[str]:
    """Every .py file under the package-dir folders, as the module path it installs to."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {Path(folder): package for package, folder in config["package-dir"].items()}
    out = set()
    for folder, package in folders.items():
        for path in (ROOT / folder).glob("*.py"):
            out.add(f"{package.replace('.', '/')}/{path.name}")
    return out


def all_python_files_are_covered() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {ROOT / folder for folder in config["package-dir"].values()}
    stray = []
    for top in ("codemix", "common", "loaders", "tasks", "baselines", "leaderboard"):
        for path in (ROOT / top).rglob("*.py"):
            if path.parent not in folders and path.parent != ROOT / "tasks" / "evaluate_modules":
                stray.append(str(path.relative_to(ROOT)))
    return stray


def test_every_source_folder_is_a_listed_package():
    stray = all_python_files_are_covered()
    assert not stray, f"add these folders to [tool.setuptools] packages and package-dir: {stray}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (path,) = out.glob("codemix-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_contains_every_module_and_the_demo_data(wheel):
    names = set(wheel.namelist())
    missing = sorted(source_modules() - names)
    assert not missing, f"modules missing from the wheel: {missing}"
    for corpus in ("demo_hien", "demo_bnen", "demo_mren"):
        for split in ("train", "validation", "test"):
            assert f"codemix/loaders/demo_data/{corpus}/{split}.txt" in names
    for metric in ("accuracy", "macro_f1", "weighted_f1"):
        assert f"codemix/tasks/evaluate_modules/codemix_{metric}.py" in names
    for task in ("lid", "pos", "sentiment", "offensive"):  # prompt templates are data the prompted models read
        assert f"codemix/baselines/prompt_templates/{task}.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "codemix = codemix.cli:main" in wheel.read(entry_points).decode()


def test_wheel_ships_no_test_or_real_corpus_files(wheel):
    assert not [n for n in wheel.namelist() if n.startswith("tests/") or "fixtures" in n]


def test_import_codemix_is_light():
    code = ("import sys, json, codemix; codemix.list_corpora(); codemix.corpus_info('demo_hien'); codemix.evaluate;"
            "print(json.dumps(sorted(m for m in ('torch', 'transformers', 'evaluate', 'datasets', 'sklearn', 'pandas', 'openai')"
            " if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    blocks = readme.split("```bash\n")
    test_command = next(b.split("\n")[0] for b in blocks if "pytest" in b.split("\n")[0])
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_licence_and_citation_files_match_the_package():
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == "Apache-2.0"
    licence = (ROOT / "LICENSE").read_text()
    assert licence.lstrip().startswith("Apache License") and "Version 2.0, January 2004" in licence
    citation = (ROOT / "CITATION.cff").read_text()
    assert "cff-version: 1.2.0" in citation and "license: Apache-2.0" in citation and "version: 0.1.0" in citation
