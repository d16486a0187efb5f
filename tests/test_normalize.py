import unicodedata

from codemix.loaders.normalize import nfc, repair_mojibake, romanise, strip_bom_and_cr, token_script, tokenize


def mojibake(text: str) -> str:
    undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in text.encode("utf-8"))


def test_nfc_and_cr_bom():
    assert nfc("ka\u0301") == "ká"
    assert strip_bom_and_cr("\ufeffmeta\t1\r\nx\r\n") == "meta\t1\nx\n"


def test_mojibake_round_trips_emoji_and_indic_text():
    for original in ["😊", "😂🔥", "नमस्ते", "আমার", "don’t", "👍🏽", "मैं 😍"]:
        assert repair_mojibake(mojibake(original)) == original


def test_mojibake_repair_leaves_genuine_text_alone():
    for text in ["café", "naïve", "Ångström", "yaar", "नमस्ते", "😊", "Â", "ðŸ˜"]:
        assert repair_mojibake(text) == text


def test_token_scripts():
    assert [token_script(t) for t in ["bahut", "बहुत", "খুব", "!!!", "12", "😊", "اردو", "café"]] == [
        "Latn", "Deva", "Beng", "Zyyy", "Zyyy", "Zyyy", "Arab", "Latn"]


def test_romanise_devanagari_and_bengali():
    assert romanise("बहुत") == "bahut"
    assert romanise("আমার") == "amar"
    assert romanise("खुश", "iast") == "khuśa"
    assert romanise("yaar") == "yaar"


def test_romanise_recomposes_bengali_nukta_letters():
    # NFC keeps য় ড় ঢ় decomposed (composition exclusions); without recomposition the nukta
    # sign survives transliteration as a stray mark.
    decomposed = unicodedata.normalize("NFC", "বাড়ি আয়")
    assert "\u09bc" in decomposed
    out = romanise("বাড়ি") + romanise("আয়")
    assert "\u09bc" not in out and out.isascii()


def test_tokenize_keeps_indic_words_whole():
    assert tokenize("मुझे बहुत पसंद आया!!") == ["मुझे", "बहुत", "पसंद", "आया", "!!"]
    assert tokenize("আমার খুব ভালো লেগেছে") == ["আমার", "খুব", "ভালো", "লেগেছে"]
    assert tokenize("@USER see https://t.co/ab12 #WC2023") == ["@USER", "see", "https://t.co/ab12", "#WC2023"]
