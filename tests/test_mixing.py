"""Code-mixing statistics: the published test vector, edge cases, corpus level, record columns."""

import pytest

import codemix
from codemix.tasks.mixing import corpus_mixing_stats, mixing_stats, spans

VECTOR = "en en hi hi other other hi hi en en en hi hi".split()


def test_published_test_vector():
    stats = mixing_stats(VECTOR)
    assert stats["cmi"] == pytest.approx(45.45, abs=0.005)
    assert stats["cmi_v2"] == pytest.approx(36.36, abs=0.005)
    assert stats["switch_points"] == 3
    assert stats["i_index"] == pytest.approx(0.30, abs=0.005)
    assert stats["m_index"] == pytest.approx(0.9836, abs=0.00005)
    assert stats["language_entropy"] == pytest.approx(0.994, abs=0.0005)
    assert stats["burstiness"] == pytest.approx(-0.4835, abs=0.00005)
    assert spans([t for t in VECTOR if t != "other"]) == [2, 4, 3, 2]
    assert stats["matrix_language"] == "hi"


def test_monolingual_and_empty_utterances():
    assert mixing_stats(["hi", "hi", "other"]) | {} == {
        "cmi": 0.0, "cmi_v2": 0.0, "switch_points": 0, "i_index": 0.0, "m_index": 0.0,
        "language_entropy": 0.0, "burstiness": None, "matrix_language": "hi"}
    assert mixing_stats(["other", "ne", "unk"])["matrix_language"] is None
    assert mixing_stats([])["cmi"] == 0.0


def test_mixed_is_skipped_and_fw_is_a_language():
    assert mixing_stats(["en", "mixed", "en"])["switch_points"] == 0
    assert mixing_stats(["en", "fw", "en"])["switch_points"] == 2


def test_corpus_level():
    stats = corpus_mixing_stats([VECTOR, ["hi", "hi"], [], ["en", "hi"]])
    assert stats["utterances"] == 3 and stats["mixed_utterances"] == 2
    assert stats["mixed_share"] == pytest.approx(200 / 3)
    assert stats["mixed_mean_cmi"] == pytest.approx((100 * 5 / 11 + 50) / 2)
    assert stats["mean_switch_points"] == pytest.approx(4 / 3)
    # Gambäck & Das 2016: 100/U * [1/2 * sum(1 - (max - P)/N + delta) + 5/6 * S]
    terms = (1 - (6 - 3) / 11 + 0) + (1 - 1 + 0) + (1 - (1 - 1) / 2 + 1)
    assert stats["corpus_cmi"] == pytest.approx(100 / 3 * (terms / 2 + 5 / 6 * 2))


def test_record_columns_on_request():
    dataset = codemix.load("demo_hien", split="test", with_stats=True)
    record = dataset[0]
    assert record["cmi"] == pytest.approx(mixing_stats(record["lid"])["cmi"])
    assert "burstiness" in dataset.column_names
