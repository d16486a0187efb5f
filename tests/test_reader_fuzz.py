"""Property: whatever bytes a reader is given, the only exception it may raise is a CodemixError.

Inputs are built from each format's own building blocks (separators, headers, quotes,
CRLF, BOM, NaN, invalid UTF-8) so that most of them are *almost* valid - the malformed
cases that reach deep into a reader.
"""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemix.common.errors import CodemixError
from codemix.loaders.formats import READERS
from codemix.loaders.report import LoadReport

FRAGMENTS = [
    "meta\t", "meta\t12", "meta\t12\tpositive", "\t", "\n", "\r\n", "\r", ",", '"', '""', "/", "\\", "=",
    "Hin", "Eng", "O", "en", "univ", "---", "id,sentence,label", "text,label", "0,", "1.0", "-1.0",
    "NaN", "[", "]", "{", "}", ":", '"text"', '"id"', "null", "yaar", "बहुत", "খুব", "😊", "ðŸ˜Š", "\ufeff", " ",
]
PIECES = st.one_of(st.sampled_from(FRAGMENTS).map(str.encode), st.binary(max_size=4),
                   st.text(max_size=6).map(lambda s: s.encode("utf-8", "surrogatepass")))
CONTENT = st.lists(PIECES, max_size=40).map(b"".join)

OPTIONS = {
    "meta_conll": {"header_fields": ("id", "label"), "token_columns": ("token", "tag")},
    "token_tsv": {"columns": ("token", "lang", "pos"), "skip_lines": ("---",)},
    "tagged_items": {"separator": "\\", "native_separator": "="},
    "token_rows_csv": {"header": ("id", "sentence", "label"), "sentence_id": "id", "token_columns": ("sentence", "label")},
    "csv": {"header": ("text", "label")},
    "tab_text": {"columns": ("id", "text", "label", "label_copy")},
    "json_records": {"fields": ("text", "id"), "tagged_field": "text", "separator": "\\"},
    "id_list": {},
}
WORKDIR = Path(tempfile.mkdtemp(prefix="codemix-fuzz-"))


def test_every_reader_is_fuzzed():
    assert set(OPTIONS) == set(READERS)


@pytest.mark.parametrize("fmt", sorted(OPTIONS))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=CONTENT)
def test_malformed_input_raises_only_codemix_errors(fmt, content):
    path = WORKDIR / f"{fmt}.txt"
    path.write_bytes(content)
    try:
        items = list(READERS[fmt](path, OPTIONS[fmt], LoadReport("fuzz")))
    except CodemixError as error:
        assert str(error).startswith(str(path)), f"message does not start with the path: {error}"
        return
    for item in items:  # what a reader accepts is well-formed
        assert isinstance(item["_line"], int) and item["_line"] >= 1
