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
    # spans [2, 4, 3, 2]: mean 2.75, population sd sqrt(0.6875) = 0.8292 -> (0.8292 - 2.75) / (0.8292 + 2.75)
    assert stats["burstiness"] == pytest.approx((0.6875 ** 0.5 - 2.75) / (0.6875 ** 0.5 + 2.75))
    assert stats["burstiness"] == pytest.approx(-0.5367, abs=0.00005)
    # span lengths 2, 2, 3, 4: shares 1/2, 1/4, 1/4 -> 1.5 bits
    assert stats["span_entropy"] == pytest.approx(1.5)
    # consecutive spans (2, 4), (4, 3), (3, 2): x = [2, 4, 3], y = [4, 3, 2]; sum of products of deviations -1,
    # population sds sqrt(2/3) each: 1/3 * -1 / (2/3) = -0.5
    assert stats["memory"] == pytest.approx(-0.5)
    assert spans([t for t in VECTOR if t != "other"]) == [2, 4, 3, 2]
    assert stats["matrix_language"] == "hi"


def test_monolingual_and_empty_utterances():
    assert mixing_stats(["hi", "hi", "other"]) | {} == {
        "cmi": 0.0, "cmi_v2": 0.0, "switch_points": 0, "i_index": 0.0, "m_index": 0.0, "language_entropy": 0.0,
        "burstiness": None, "span_entropy": 0.0, "memory": None, "matrix_language": "hi"}
    assert mixing_stats(["other", "ne", "unk"])["matrix_language"] is None
    assert mixing_stats([])["cmi"] == 0.0
    for value in mixing_stats(["en", "en", "en"]).values():  # never -0.0
        assert not (isinstance(value, float) and str(value) == "-0.0")


@pytest.mark.parametrize("tags", [["univ", "en"], ["EN", "hi"], ["en", "Hi"], [None, "en"]])
def test_raw_tags_are_a_label_error(tags):
    with pytest.raises(codemix.LabelError, match="mixing_stats takes canonical LID tags"):
        mixing_stats(tags)


def test_m_index_with_the_corpus_languages():
    # hi and en only in the utterance: k = 2 by default; with k = 3 (the corpus has bn too) the index shrinks
    two = mixing_stats(["en", "hi", "hi"])["m_index"]
    three = mixing_stats(["en", "hi", "hi"], k=3)["m_index"]
    concentration = (1 / 3) ** 2 + (2 / 3) ** 2
    assert two == pytest.approx((1 - concentration) / concentration) and three == pytest.approx(two / 2)
    corpus = corpus_mixing_stats([["en", "hi", "hi"], ["bn", "bn"]], k="corpus")
    assert corpus["mean_m_index"] == pytest.approx(three / 2)


def test_memory_needs_three_spans_and_a_varying_run():
    assert mixing_stats(["en", "hi"])["memory"] is None  # two spans
    assert mixing_stats(["en", "hi", "en", "hi"])["memory"] is None  # spans all of length 1


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
    empty = corpus_mixing_stats([])
    assert empty["utterances"] == 0 and {v for k, v in empty.items() if k not in ("utterances", "mixed_utterances")} == {None}


def test_record_columns_on_request():
    dataset = codemix.load("demo_hien", split="test", with_stats=True)
    record = dataset[0]
    assert record["cmi"] == pytest.approx(mixing_stats(record["lid"])["cmi"])
    assert "burstiness" in dataset.column_names


def test_streamed_records_carry_the_same_columns():
    streamed = codemix.load("demo_hien", streaming=True, with_stats=True)
    eager = codemix.load("demo_hien", with_stats=True)
    for split in ("train", "test"):
        rows = list(streamed[split])
        assert len(rows) == eager[split].num_rows
        assert [(r["id"], r["cmi"], r["switch_points"]) for r in rows] == \
               [(r["id"], r["cmi"], r["switch_points"]) for r in eager[split]]
