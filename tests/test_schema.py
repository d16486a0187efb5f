import pytest

from codemix.common.errors import RecordError
from codemix.loaders.schema import FIELDS, check_record, empty_record, features


def record(**fields):
    r = empty_record()
    r.update(id="c:train:1", corpus="c", split="train", text="yeh movie", tokens=["yeh", "movie"])
    r.update(fields)
    return r


def test_features_match_fields():
    schema = features()
    assert list(schema) == list(FIELDS)
    assert schema["tokens"].feature.dtype == "string"
    assert schema["sentiment"].dtype == "string"


def test_valid_records_pass():
    check_record(record(lid=["hi", "en"], upos=["DET", "NOUN"], xpos=["DM_DMD", "N_NN"], sentiment="positive"))
    check_record(record())  # nothing annotated is fine


@pytest.mark.parametrize("fields, message", [
    ({"lid": ["hi"]}, "layer 'lid' has 1 labels for 2 tokens"),
    ({"upos": ["DET", "NOUN", "X"]}, "layer 'upos' has 3 labels for 2 tokens"),
    ({"xpos": ["N_NN"]}, "layer 'xpos' has 1 labels for 2 tokens"),
    ({"lid": ["hin", "en"]}, "labels ['hin'] outside the canonical set"),
    ({"upos": ["DET", "noun"]}, "labels ['noun'] outside the canonical set"),
    ({"sentiment": "pos"}, "sentiment 'pos' is not one of ['negative', 'neutral', 'positive']"),
    ({"offensive": "OFF"}, "offensive 'OFF' is not one of"),
    ({"split": "dev"}, "split 'dev' is not one of"),
    ({"tokens": "yeh movie"}, "'tokens' must be a list of strings"),
    ({"text": None}, "field 'text' must be a string"),
    ({"domain": 3}, "field 'domain' must be a string or null"),
])
def test_invalid_records_fail_with_the_reason(fields, message):
    with pytest.raises(RecordError) as error:
        check_record(record(**fields), "file.txt:7")
    assert message in str(error.value)
    assert str(error.value).startswith("file.txt:7: c:train:1")


def test_missing_and_extra_fields_are_named():
    r = record()
    del r["lid"]
    r["label"] = "x"
    with pytest.raises(RecordError, match=r"fields missing \['lid'\], unexpected \['label'\]"):
        check_record(r)
