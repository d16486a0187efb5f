"""Text normalisation and derived token views: NFC, mojibake repair, scripts, romanisation, tokenising.

Readers apply only what a corpus spec asks for; these functions are also public so users can
apply the same normalisation to their own text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_BOM = "\ufeff"


def nfc(text: str) -> str:
    """Unicode NFC, the form every record's text and tokens are stored in.

    >>> nfc("cafe\\u0301") == "caf\\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text)


def strip_bom_and_cr(text: str) -> str:
    """Remove byte-order marks and carriage returns (CRLF files read like LF files).

    >>> strip_bom_and_cr("\\ufeffa\\r\\nb\\r\\n")
    'a\\nb\\n'
    """
    return text.replace(_BOM, "").replace("\r", "")


# cp1252 leaves five bytes undefined; mojibake writers passed them through as U+0081 etc.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _to_cp1252_bytes(text: str) -> bytes | None:
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) in _CP1252_UNDEFINED:
                out.append(ord(char))
            else:
                return None
    return bytes(out)


def _from_cp1252_bytes(data: bytes) -> str:
    return "".join(chr(b) if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 and re-encoded, when that round-trips exactly.

    The repair is applied only if the text re-encodes to valid UTF-8 *and* the repaired text,
    mojibaked again, gives back the input byte for byte; anything else is returned unchanged
    (so genuine Latin-1 words such as ``café`` are never touched).

    >>> repair_mojibake("ðŸ˜Š")
    '😊'
    >>> repair_mojibake("café")
    'café'
    >>> repair_mojibake("plain ascii")
    'plain ascii'
    """
    if text.isascii():
        return text
    raw = _to_cp1252_bytes(text)
    if raw is None:
        return text
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    if repaired == text or _from_cp1252_bytes(repaired.encode("utf-8")) != text:
        return text
    return repaired


# ISO 15924 codes for the Unicode blocks this package meets; first match wins.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"), (0x0061, 0x007A, "Latn"), (0x00C0, 0x024F, "Latn"),
    (0x1E00, 0x1EFF, "Latn"), (0x0370, 0x03FF, "Grek"), (0x0400, 0x04FF, "Cyrl"),
    (0x0590, 0x05FF, "Hebr"), (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"),
    (0x0900, 0x097F, "Deva"), (0xA8E0, 0xA8FF, "Deva"), (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"), (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"), (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"), (0x0D80, 0x0DFF, "Sinh"), (0x0E00, 0x0E7F, "Thai"),
    (0x3040, 0x30FF, "Jpan"), (0x4E00, 0x9FFF, "Hani"), (0xAC00, 0xD7AF, "Hang"),
)


@functools.lru_cache(maxsize=65536)
def char_script(char: str) -> str | None:
    """ISO 15924 script of one letter or mark, ``None`` for digits, punctuation, symbols, spaces."""
    code = ord(char)
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            # Danda, digits and signs inside an Indic block still count for that block's script.
            return script
    category = unicodedata.category(char)
    if category[0] in "LM":
        return "Zzzz"
    return None


def token_script(token: str) -> str:
    """The script of a token: the script most of its letters are in.

    ``Zyyy`` (common) when it has no letters (punctuation, numbers, most emoji).

    >>> [token_script(t) for t in ["yaar", "हिंदी", "বাংলা", "2024", "😊", "ok!"]]
    ['Latn', 'Deva', 'Beng', 'Zyyy', 'Zyyy', 'Latn']
    """
    counts: dict[str, int] = {}
    for char in token:
        script = char_script(char)
        if script is not None and not char.isdigit():
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    return max(counts, key=lambda s: (counts[s], s))


# Nukta letters that NFC leaves decomposed (composition exclusions). indic-transliteration only
# knows the precomposed letters, so the bare nukta would survive as a stray sign.
def _nukta_recompositions() -> dict[str, str]:
    table = {}
    for code in list(range(0x0958, 0x0960)) + [0x09DC, 0x09DD, 0x09DF, 0x0B5C, 0x0B5D]:
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char:
            table[decomposed] = char
    return table


_NUKTA = _nukta_recompositions()
_ROMANISABLE = {"Deva": "DEVANAGARI", "Beng": "BENGALI", "Guru": "GURMUKHI", "Gujr": "GUJARATI",
                "Orya": "ORIYA", "Taml": "TAMIL", "Telu": "TELUGU", "Knda": "KANNADA", "Mlym": "MALAYALAM"}


@functools.lru_cache(maxsize=200_000)
def romanise(token: str, scheme: str = "ascii") -> str:
    """A Roman-script view of a native-script (Indic) token through indic-transliteration.

    ``scheme`` is an indic-transliteration scheme name (``iast``, ``itrans``, ``hk``, ...) or
    ``ascii``: IAST with the diacritics removed, the final inherent vowel dropped and Bengali
    ``v`` written ``b`` - close to how people type Hinglish and Banglish.
    Tokens in other scripts are returned unchanged.

    >>> romanise("हिंदी"), romanise("हिंदी", "iast"), romanise("बहुत")
    ('himdi', 'hiṃdī', 'bahut')
    >>> romanise("বাড়ি")   # the nukta letter is recomposed first, no stray sign is left
    'bari'
    >>> romanise("yaar")
    'yaar'
    """
    script = token_script(token)
    if script not in _ROMANISABLE:
        return token
    from indic_transliteration import sanscript

    text = token
    for decomposed, composed in _NUKTA.items():
        text = text.replace(decomposed, composed)
    target = "iast" if scheme == "ascii" else scheme
    out = sanscript.transliterate(text, getattr(sanscript, _ROMANISABLE[script]), target)
    if scheme == "ascii":
        out = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
        out = unicodedata.normalize("NFC", out)
        if script == "Beng":
            out = out.replace("v", "b")  # Bengali has no /v/: IAST's va for ব is typed b
        if _ends_in_consonant(text) and out.endswith("a") and len(out) > 2:
            out = out[:-1]  # modern Hindi, Marathi and Bengali drop the final inherent vowel
    return out


# A run of Indic letters and marks (Devanagari to Sinhala) with ZWJ/ZWNJ: a native-script word.
NATIVE_WORD = re.compile(r"[\u0900-\u0dff\u200c\u200d]+")


def romanise_words(text: str, scheme: str = "ascii") -> str:
    """The text with every native-script word romanised, everything else unchanged.

    >>> romanise_words("yaar बहुत mast")
    'yaar bahut mast'
    """
    return NATIVE_WORD.sub(lambda match: romanise(match.group(), scheme), text)


_CONSONANTS = ((0x0915, 0x0939), (0x0958, 0x095F), (0x0995, 0x09B9), (0x09DC, 0x09DF))


def _ends_in_consonant(token: str) -> bool:
    return bool(token) and any(low <= ord(token[-1]) <= high for low, high in _CONSONANTS)


# Letters plus the Indic combining marks, ZWJ/ZWNJ and apostrophes inside words: Python's \w
# does not match vowel signs (categories Mc/Mn), which would cut every Hindi word apart.
_WORD = r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0dff\u200c\u200d])+(?:['’](?:[^\W_]|[\u0900-\u0dff])+)*"
_TOKEN_RE = re.compile(
    r"https?://\S+|www\.\S+"  # URLs stay whole
    r"|[@#](?:\w|[\u0900-\u0dff])+"  # mentions and hashtags
    rf"|{_WORD}"
    r"|_+"
    r"|[^\w\s\u0900-\u0dff]+",  # runs of punctuation / symbols / emoji ("!!!", ":)", "...")
)


def tokenize(text: str) -> list[str]:
    """The documented tokeniser for corpora that are not pre-tokenised.

    URLs, @mentions and #hashtags stay whole; words keep their combining marks (Devanagari,
    Bengali); runs of punctuation and symbols form one token.

    >>> tokenize("Yaar yeh movie bahut acchi thi!!! 😊 #bollywood @USER https://t.co/x")
    ['Yaar', 'yeh', 'movie', 'bahut', 'acchi', 'thi', '!!!', '😊', '#bollywood', '@USER', 'https://t.co/x']
    >>> tokenize("मुझे ये गाना पसंद है, don't stop")
    ['मुझे', 'ये', 'गाना', 'पसंद', 'है', ',', "don't", 'stop']
    """
    return _TOKEN_RE.findall(text)
