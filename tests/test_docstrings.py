"""Every public class and function of the stages and the CLI has a docstring (ruff's pydocstyle rules)."""

import subprocess
import sys

from conftest import ROOT

FOLDERS = ["common", "loaders", "tasks", "baselines", "leaderboard", "codemix"]


def test_public_classes_and_functions_have_docstrings():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "D101,D102,D103", "--output-format",
                             "concise", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
