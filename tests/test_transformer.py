"""The transformer baseline with a tiny BERT built from a config and a WordPiece tokenizer trained
on fixture text: a few steps per task, a valid submission, a falling training loss. No hub call."""

import json
import time

import pytest

import codemix
from codemix.baselines.base import get_baseline
from codemix.baselines.runner import run_baseline
from codemix.leaderboard import Leaderboard
from codemix.common.errors import CodemixError


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from tiny_models import build_tiny_bert

    texts = [t for name in ("demo_hien", "demo_bnen", "demo_mren") for split in codemix.load(name).values() for t in split["text"]]
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"), texts)


@pytest.mark.parametrize("task_name", ["lid", "pos", "sentiment", "offensive"])
def test_tiny_model_fine_tunes_and_submits(tiny_model, task_name, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    options = {"model": tiny_model, "epochs": 5, "lr": 5e-3, "batch_size": 16, "max_length": 32, "logging_steps": 2}
    result = run_baseline("transformer", task_name, "demo_hien", out=tmp_path / "sub", seed=0, options=options)
    config = result["config"]
    assert config["last_loss"] < config["first_loss"], "training loss must fall"
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    assert board.validate(tmp_path / "sub") == []
    scores = json.loads((tmp_path / "sub" / "scores.json").read_text())[f"{task_name}/demo_hien"]
    from codemix.tasks.scoring import gold_by_id, score_by_id
    from codemix.tasks.submission import read_predictions

    task = codemix.get_task(task_name)  # scores.json holds exactly the scores of the written predictions
    written = read_predictions(tmp_path / "sub" / f"{task_name}.demo_hien.jsonl")
    expected = score_by_id(task, gold_by_id(task, codemix.load("demo_hien", split="test")), written)
    assert scores["macro_f1"] == expected["macro_f1"] and scores["accuracy"] == expected["accuracy"]


def test_every_token_gets_a_label_even_beyond_max_length(tiny_model):
    task = codemix.get_task("lid")
    demo = codemix.load("demo_bnen")
    model = get_baseline("transformer", model=tiny_model, epochs=1, max_length=16, max_steps=3).fit(task, demo["train"])
    long_sentence = {"tokens": ["khub", "bhalo"] * 20 + [""], "text": ""}
    (labels,) = model.predict(task, [long_sentence])
    assert len(labels) == 41 and model.untokenisable == 1
    config = model.config()  # recorded in meta.json: both counts, never silent
    assert config["untokenisable_tokens"] == 1
    assert config["truncated_training_inputs"] > 0  # 16 sub-words cannot hold the longer demo sentences


def test_sentences_longer_than_max_length_are_counted_in_training_and_prediction_exactly(tiny_model):
    task = codemix.get_task("sentiment")
    demo = codemix.load("demo_hien")
    model = get_baseline("transformer", model=tiny_model, epochs=1, max_length=16, max_steps=1).fit(
        task, demo["train"], demo["validation"])
    def cut(split):
        return sum(len(model.tokenizer(text)["input_ids"]) > 16 for text in demo[split]["text"])
    assert model.config()["truncated_training_inputs"] == cut("train") > 0  # validation's are not training inputs
    model.predict(task, demo["test"])
    assert model.config()["truncated_test_inputs"] == cut("test") > 0


def test_offline_model_not_on_disk_fails_fast_and_clearly(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    task = codemix.get_task("sentiment")
    demo = codemix.load("demo_hien")
    started = time.perf_counter()
    with pytest.raises(CodemixError, match="not on disk and the hub is offline.*pass --model"):
        get_baseline("transformer", model="no-such-org/no-such-model").fit(task, demo["train"])
    assert time.perf_counter() - started < 30  # no retry loop: a hub call would retry for minutes


def test_two_cpu_processes_under_torchrun_gloo(tiny_model, tmp_path):
    """The same CLI command under torchrun: two CPU processes (gloo), one submission from rank 0."""
    import os
    import shutil
    import subprocess
    import sys

    torchrun = shutil.which("torchrun", path=os.path.dirname(sys.executable))
    if torchrun is None:
        pytest.skip("torchrun is not installed next to this Python (the transformers extra's torch brings it)")
    command = [torchrun, "--nproc_per_node", "2", "-m", "codemix.cli", "baseline", "run", "transformer", "--model",
               tiny_model, "--task", "sentiment", "--corpus", "demo_hien", "--epochs", "1", "--batch-size", "8",
               "--max-length", "32", "--out", str(tmp_path / "sub")]
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    meta = json.loads((tmp_path / "sub" / "meta.json").read_text())
    assert meta["config"]["world_size"] == 2
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    assert board.validate(tmp_path / "sub") == []
