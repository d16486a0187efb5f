"""Metrics against scikit-learn called directly (the oracle), on random inputs; input errors."""

import random

import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from codemix.tasks.metrics import MetricInputError, accuracy, confusion, macro_f1, per_label, weighted_f1

LABELS = ["en", "hi", "bn", "other", "ne", "mixed"]


def random_pair(rng):
    n = rng.randint(1, 60)
    gold_labels = rng.sample(LABELS, rng.randint(1, len(LABELS)))
    pred_labels = rng.sample(LABELS, rng.randint(1, len(LABELS)))
    return [rng.choice(gold_labels) for _ in range(n)], [rng.choice(pred_labels) for _ in range(n)]


@pytest.mark.parametrize("seed", range(300))
def test_metrics_match_scikit_learn(seed):
    gold, pred = random_pair(random.Random(seed))
    assert accuracy(gold, pred) == pytest.approx(accuracy_score(gold, pred))
    assert macro_f1(gold, pred) == pytest.approx(f1_score(gold, pred, average="macro", zero_division=0))
    assert weighted_f1(gold, pred) == pytest.approx(f1_score(gold, pred, average="weighted", zero_division=0))
    labels = sorted(set(gold) | set(pred))
    precision, recall, f1, support = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    ours = per_label(gold, pred)
    assert list(ours) == labels
    for i, label in enumerate(labels):
        assert ours[label]["precision"] == pytest.approx(precision[i])
        assert ours[label]["recall"] == pytest.approx(recall[i])
        assert ours[label]["f1"] == pytest.approx(f1[i])
        assert ours[label]["support"] == support[i]


def test_macro_f1_counts_labels_present_in_gold_or_prediction_only():
    # 'bn' appears nowhere: it does not dilute the average; 'ne' is only predicted: it counts (F1 0).
    assert macro_f1(["en", "hi"], ["en", "ne"]) == pytest.approx((1 + 0 + 0) / 3)


def test_confusion():
    assert confusion(["en", "en", "hi"], ["en", "hi", "hi"]) == {"en": {"en": 1, "hi": 1}, "hi": {"hi": 1}}


@pytest.mark.parametrize("gold, pred, message", [
    (["a", "b"], ["a"], "gold has 2 labels but pred has 1"),
    ([], [], "nothing to score"),
])
def test_input_errors_say_both_shapes(gold, pred, message):
    with pytest.raises(MetricInputError, match=message):
        accuracy(gold, pred)


def test_no_answer_equals_scikit_learn_with_the_real_labels():
    import random

    from sklearn.metrics import accuracy_score, f1_score

    from codemix.tasks.metrics import summary

    rng = random.Random(7)
    for _ in range(200):
        gold = [rng.choice("abc") for _ in range(rng.randint(1, 30))]
        pred = [rng.choice(["a", "b", "c", "d", None]) for _ in gold]
        ours = summary(gold, pred)
        labels = sorted((set(gold) | set(pred)) - {None})
        theirs_pred = ["(none)" if p is None else p for p in pred]
        assert ours["accuracy"] == accuracy_score(gold, theirs_pred)
        assert abs(ours["macro_f1"] - f1_score(gold, theirs_pred, labels=labels, average="macro", zero_division=0)) < 1e-12
        assert abs(ours["weighted_f1"] - f1_score(gold, theirs_pred, labels=labels, average="weighted", zero_division=0)) < 1e-12
