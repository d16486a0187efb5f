"""Test settings: offline, a private CODEMIX_HOME, and the fixture folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent

# Tests never touch the network nor the user's cache.
os.environ["CODEMIX_HOME"] = tempfile.mkdtemp(prefix="codemix-test-home-")
os.environ["CODEMIX_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
REAL_DATA = os.environ.get("CODEMIX_DATA_DIR")
if REAL_DATA and not Path(REAL_DATA).is_absolute():
    REAL_DATA = str((ROOT / REAL_DATA).resolve()) if (ROOT / REAL_DATA).is_dir() else str(Path(REAL_DATA).resolve())
    os.environ["CODEMIX_DATA_DIR"] = REAL_DATA


@pytest.fixture
def no_data_dir(monkeypatch):
    """Hide CODEMIX_DATA_DIR so a test sees only what it sets up."""
    monkeypatch.delenv("CODEMIX_DATA_DIR", raising=False)


@pytest.fixture
def fresh_home(monkeypatch, tmp_path):
    """An empty CODEMIX_HOME for tests that inspect the cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("CODEMIX_HOME", str(home))
    return home


def real_data_dir() -> Path:
    """The real corpora folder, or skip the test (real-data tests need CODEMIX_DATA_DIR)."""
    if not REAL_DATA or not Path(REAL_DATA).is_dir():
        pytest.skip("CODEMIX_DATA_DIR is not set to the real corpora folder")
    return Path(REAL_DATA)
