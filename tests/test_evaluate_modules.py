"""The metrics as evaluate modules, loaded by path with the hub switched off."""

import pytest

import evaluate  # the evaluate extra is part of the dev install

from codemix.tasks.evaluation import load_metric, module_path


def test_modules_load_offline_by_path(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_EVALUATE_OFFLINE", "1")
    assert load_metric("accuracy").compute(predictions=["a", "b"], references=["a", "a"]) == {"accuracy": 0.5}
    lid = load_metric("macro_f1", "lid")
    result = lid.compute(predictions=[["hi", "en"], ["other"]], references=[["hi", "hi"], ["other"]])
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    direct = evaluate.load(module_path("weighted_f1"), config_name="sentiment")
    assert direct.compute(predictions=["positive"], references=["positive"]) == {"weighted_f1": 1.0}
