"""Each reader on small well-formed and malformed inputs: exact items and path:line messages."""

import pytest

from codemix.common.errors import FormatError
from codemix.loaders.formats import READERS
from codemix.loaders.report import LoadReport


def read(tmp_path, fmt, content, options=None, name="f.txt"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return list(READERS[fmt](path, options or {}, LoadReport("t"))), path


def fails(tmp_path, fmt, content, options=None):
    with pytest.raises(FormatError) as error:
        read(tmp_path, fmt, content, options)
    return str(error.value)


def strip(items):
    return [{k: v for k, v in item.items() if not k.startswith("_")} for item in items]


# --- meta-block CoNLL -------------------------------------------------------------------------

def test_meta_conll_blocks_crlf_and_meta_like_tokens(tmp_path):
    text = "meta\t1\tpositive\r\nmetal\tEng\r\nhai\tHin\r\n\r\nmeta\t2\tneutral\r\nmeta\tEng\r\n"
    items, _ = read(tmp_path, "meta_conll", text)
    assert strip(items) == [
        {"id": "1", "label": "positive", "token": ["metal", "hai"], "tag": ["Eng", "Hin"]},
        {"id": "2", "label": "neutral", "token": ["meta"], "tag": ["Eng"]},
    ]
    assert items[0]["_line"] == 1 and list(items[1]["_lines"]) == [6]


def test_meta_conll_header_without_label_when_configured(tmp_path):
    items, _ = read(tmp_path, "meta_conll", "meta\t7\nyaar\tHin\n", {"header_fields": ("id",)})
    assert strip(items) == [{"id": "7", "token": ["yaar"], "tag": ["Hin"]}]


@pytest.mark.parametrize("text, line, expected", [
    ("meta\tx1\tpositive\na\tEng\n", 1, "expected a 'meta<TAB>id...' block header before token lines"),
    ("meta\t12\tpositive\nmeta\t1x\tEng\n", 2, "expected 2 tab-separated columns"),
    ("meta\t12\n", 1, "expected a block header 'meta<TAB>id<TAB>label'"),
    ("meta\t1\tpositive\textra\na\tEng\n", 1, "expected a block header"),
    ("a\tEng\n", 1, "expected a 'meta<TAB>id...' block header before token lines"),
    ("meta\t1\tpositive\na\tEng\tX\n", 2, "expected 2 tab-separated columns (token, tag), got 3"),
    ("meta\t1\tpositive\nnotab\n", 2, "expected 2 tab-separated columns (token, tag), got 1"),
    ("meta\t1\tpositive\nmeta\t2\tneutral\na\tEng\n", 1, "expected at least one token line"),
])
def test_meta_conll_errors(tmp_path, text, line, expected):
    message = fails(tmp_path, "meta_conll", text)
    assert message.startswith(f"{tmp_path / 'f.txt'}:{line}: ")
    assert expected in message


# --- token TSV --------------------------------------------------------------------------------

def test_token_tsv_three_columns_and_leading_blanks(tmp_path):
    text = "\n\nfake\ten\tG_J\nholo\tbn\tG_V\n\n\nna\tbn\tG_PRT\n"
    items, _ = read(tmp_path, "token_tsv", text, {"columns": ("token", "lang", "pos")})
    assert strip(items) == [
        {"token": ["fake", "holo"], "lang": ["en", "bn"], "pos": ["G_J", "G_V"]},
        {"token": ["na"], "lang": ["bn"], "pos": ["G_PRT"]},
    ]
    assert items[1]["_line"] == 7


def test_token_tsv_known_junk_line_is_skipped_and_counted(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("a\ten\n---\nb\ten\n")
    report = LoadReport("t")
    items = list(READERS["token_tsv"](path, {"skip_lines": ("---",)}, report))
    assert strip(items) == [{"token": ["a", "b"], "tag": ["en", "en"]}]
    assert report.counts == {"skipped junk line '---'": 1}
    assert report.first_seen["skipped junk line '---'"] == f"{path}:2"


def test_token_tsv_unknown_junk_line_fails(tmp_path):
    message = fails(tmp_path, "token_tsv", "a\ten\n---\n")
    assert ":2: expected 2 tab-separated columns (token, tag), got 1: '---'" in message


# --- token/TAG items --------------------------------------------------------------------------

def test_tagged_items_split_on_last_separator(tmp_path):
    items, _ = read(tmp_path, "tagged_items", "se/bn //univ and/or/en \n")
    assert strip(items) == [{"token": ["se", "/", "and/or"], "tag": ["bn", "univ", "en"]}]


def test_tagged_items_backslash_bom_crlf_native_forms(tmp_path):
    text = "\ufeffami\\B=আমি office\\E \r\njabo\\B=যাবো"
    items, _ = read(tmp_path, "tagged_items", text, {"separator": "\\", "native_separator": "="})
    assert strip(items) == [
        {"token": ["ami", "office"], "tag": ["B", "E"], "native": ["আমি", ""]},
        {"token": ["jabo"], "tag": ["B"], "native": ["যাবো"]},
    ]


@pytest.mark.parametrize("text, expected", [
    ("ok/en bad\n", "expected items like 'token/TAG', got 'bad'"),
    ("ok/en bad/\n", "expected items like 'token/TAG', got 'bad/'"),
    ("ok/en\n\nmore/en\n", "got a blank line"),
])
def test_tagged_items_errors(tmp_path, text, expected):
    assert expected in fails(tmp_path, "tagged_items", text)


# --- CSV --------------------------------------------------------------------------------------

def test_csv_header_quotes_and_embedded_newlines(tmp_path):
    text = 'text,label\r\n"one, two",POS\r\n"line one\nline two ""quoted""",NEG\r\nplain,NEU\r\n'
    items, _ = read(tmp_path, "csv", text, {"header": ("text", "label")})
    assert strip(items) == [
        {"text": "one, two", "label": "POS"},
        {"text": 'line one\nline two "quoted"', "label": "NEG"},
        {"text": "plain", "label": "NEU"},
    ]
    assert [item["_line"] for item in items] == [2, 3, 5]


def test_csv_without_header(tmp_path):
    items, _ = read(tmp_path, "csv", "fb_1,yeh kya hai,NAG\nfb_2,\"bas\nkar\",OAG\n", {"columns": ("id", "text", "label")})
    assert strip(items)[1] == {"id": "fb_2", "text": "bas\nkar", "label": "OAG"}


@pytest.mark.parametrize("text, line, expected", [
    ("text,label\nonly\n", 2, "expected 2 fields (text, label), got 1"),
    ("text,label\na,b,c\n", 2, "expected 2 fields (text, label), got 3"),
    ("txt,label\na,b\n", 1, "expected the header 'text,label', got 'txt,label'"),
    ('text,label\n"a"b,c\n', 2, "expected well-formed CSV"),
    ('text,label\nok,1\n"never closed,1\n', 3, "expected well-formed CSV"),
    ("text,label\na,b\n\nc,d\n", 3, "got a blank line"),
])
def test_csv_errors(tmp_path, text, line, expected):
    message = fails(tmp_path, "csv", text, {"header": ("text", "label")})
    assert f"f.txt:{line}: " in message and expected in message


def test_invalid_utf8_names_the_line(tmp_path):
    message = fails(tmp_path, "csv", b"text,label\nok,1\nbad\xff,2\n", {"header": ("text", "label")})
    assert "f.txt:3: expected UTF-8 text, found the invalid byte 0xff" in message
    message = fails(tmp_path, "token_tsv", b"a\ten\n\xc3(\ten\n")
    assert "f.txt:2: expected UTF-8 text" in message


# --- tab text ---------------------------------------------------------------------------------

def test_tab_text_keeps_quotes_literal(tmp_path):
    items, _ = read(tmp_path, "tab_text", 'he said "wah"\tyes\n\tno\n', {"columns": ("text", "label")})
    assert strip(items) == [{"text": 'he said "wah"', "label": "yes"}, {"text": "", "label": "no"}]


def test_tab_text_errors(tmp_path):
    assert ":2: expected 2 tab-separated fields (text, label), got 3" in fails(tmp_path, "tab_text", "a\tyes\nb\tno\tx\n")
    assert ":2: expected 2 tab-separated fields (text, label), got a blank line" in fails(tmp_path, "tab_text", "a\tyes\n\nb\tno\n")


# --- long token-per-row CSV -------------------------------------------------------------------

OPTIONS = {"header": ("id", "sentence", "label"), "sentence_id": "id", "token_columns": ("sentence", "label")}


def test_token_rows_grouped_by_consecutive_id(tmp_path):
    items, _ = read(tmp_path, "token_rows_csv", "id,sentence,label\r\n0,mala,MAR\r\n0,nice,ENG\r\n3,ho,MAR\r\n", OPTIONS)
    assert strip(items) == [
        {"id": "0", "sentence": ["mala", "nice"], "label": ["MAR", "ENG"]},
        {"id": "3", "sentence": ["ho"], "label": ["MAR"]},
    ]
    assert items[0]["_lines"] == [2, 3]


def test_token_rows_non_contiguous_sentence_fails(tmp_path):
    message = fails(tmp_path, "token_rows_csv", "id,sentence,label\n0,a,MAR\n1,b,ENG\n0,c,MAR\n", OPTIONS)
    assert ":4: expected the rows of sentence 0 to be contiguous" in message


# --- JSON records -----------------------------------------------------------------------------

def test_json_records_with_nan_and_tagged_field(tmp_path):
    text = '[\r\n {"text": "Han wo", "lang_tagged_text": "Han\\\\HI wo\\\\HI ", "id": 5, "sentiment": 0},\r\n' \
           ' {"text": NaN, "lang_tagged_text": NaN, "id": 6, "sentiment": 1}\r\n]'
    options = {"fields": ("text", "id"), "tagged_field": "lang_tagged_text", "separator": "\\"}
    items, _ = read(tmp_path, "json_records", text, options)
    assert items[0]["tagged_token"] == ["Han", "wo"] and items[0]["tagged_tag"] == ["HI", "HI"]
    assert items[1]["text"] is None and items[1]["_line"] == 3


@pytest.mark.parametrize("text, expected", [
    ('{"a": 1}', "expected a JSON array '['"),
    ('[{"a": 1} {"a": 2}]', "expected ',' or ']' after an object"),
    ('[{"a": 1}, 3]', "expected a JSON object, got int"),
    ('[{"b": 1}]', "expected the keys ['a'], missing ['a']"),
    ('[{"a": 1}] x', "expected the end of the file"),
    ('[{"a": }]', "expected a JSON value, got invalid JSON"),
])
def test_json_records_errors(tmp_path, text, expected):
    assert expected in fails(tmp_path, "json_records", text, {"fields": ("a",)})


# --- id files ---------------------------------------------------------------------------------

def test_id_list(tmp_path):
    items, _ = read(tmp_path, "id_list", "17895\n13914\n\n")
    assert [item["id"] for item in items] == ["17895", "13914"]
    assert ":2: expected unique ids, but 5 is already on line 1" in fails(tmp_path, "id_list", "5\n5\n")
    assert ":2: expected an integer id, got 'x7'" in fails(tmp_path, "id_list", "5\nx7\n")
    assert ":2: expected one id per line, got a blank line inside the list" in fails(tmp_path, "id_list", "5\n\n6\n")


def test_tab_text_free_column_may_hold_tabs_and_is_counted(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("7\tnice\tvideo bro\t2\t2\n8\tok\t1\t1\n\n\n")
    report = LoadReport("t")
    options = {"columns": ("id", "text", "label", "label_copy"), "free_column": "text", "equal_columns": (("label", "label_copy"),)}
    items = list(READERS["tab_text"](path, options, report))
    assert strip(items) == [{"id": "7", "text": "nice\tvideo bro", "label": "2", "label_copy": "2"},
                            {"id": "8", "text": "ok", "label": "1", "label_copy": "1"}]
    assert report.counts["text holding a TAB (kept; the other fields are split around it)"] == 1
    message = fails(tmp_path, "tab_text", "7\tx\t2\t1\n", options)
    assert ":1: expected columns 'label' and 'label_copy' to be identical" in message


def test_token_tsv_junk_line_matched_without_surrounding_spaces(tmp_path):
    items, _ = read(tmp_path, "token_tsv", "a\ten\n--- \nb\ten\n", {"skip_lines": ("---",)})
    assert strip(items) == [{"token": ["a", "b"], "tag": ["en", "en"]}]
