"""Write the three synthetic demo corpora (demo_hien, demo_bnen, demo_mren) shipped with codemix.

Every sentence is composed here from hand-written, hand-annotated phrases: no text comes from
a real corpus. To make the demo look like the real thing rather than a solved problem, the
generator adds what real code-mixed data has: spelling variation of romanised words (dropped
vowels, doubled letters, kh/k), words shared by both languages, mixed-sentiment sentences,
class imbalance, and label noise (a few sentence labels and token tags flipped). Output: ``loaders/demo_data/<name>/{train,validation,test}.txt`` in meta-block
CoNLL (``meta<TAB>id<TAB>sentiment<TAB>offensive``, then ``token<TAB>lid<TAB>upos``).
Deterministic: run it again and the files are byte-identical. Usage: python tools/make_demo_corpora.py
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "loaders" / "demo_data"
SIZES = {"train": 150, "validation": 30, "test": 30}
SENTIMENT_SHARES = (("positive", 0.45), ("negative", 0.35), ("neutral", 0.20))  # class imbalance
SPELLING_VARIATION = 0.6  # share of romanised Indic words written another way
SENTENCE_LABEL_NOISE = 0.10  # share of sentiment / offensive labels flipped
TAG_NOISE = 0.07  # share of LID / UPOS tags replaced by a plausible wrong one

# A phrase is "word/lid/UPOS word/lid/UPOS ..."; {slot} pulls a phrase from that pool.
PAIRS: dict[str, dict] = {
    "demo_hien": {
        "lang": "hi",
        "frames": [
            "{topic} {pos} {end}", "yaar/hi/INTJ {topic} {pos}", "aaj/hi/ADV ka/hi/ADP {topic} {pos} {end}",
            "mujhe/hi/PRON lagta/hi/VERB hai/hi/AUX {topic} {pos}", "honestly/en/ADV {topic} {pos} {end}",
            "main/hi/PRON to/hi/PART kehta/hi/VERB hoon/hi/AUX {topic} {pos}",
            "kal/hi/ADV {topic} dekha/hi/VERB ,/other/PUNCT {pos}", "{topic} ke/hi/ADP baare/hi/NOUN mein/hi/ADP bolun/hi/VERB to/hi/PART {pos}",
            "@user/other/PROPN {topic} {pos} {end}", "{topic} {pos} ,/other/PUNCT {insult}",
        ],
        "topic": [
            "ye/hi/DET movie/en/NOUN", "Shahrukh/ne/PROPN ki/hi/ADP new/en/ADJ film/en/NOUN", "ye/hi/DET song/en/NOUN",
            "hamara/hi/PRON college/en/NOUN fest/en/NOUN", "is/hi/DET restaurant/en/NOUN ka/hi/ADP khana/hi/NOUN",
            "Mumbai/ne/PROPN ki/hi/ADP baarish/hi/NOUN", "naya/hi/ADJ phone/en/NOUN", "India/ne/PROPN ka/hi/ADP match/en/NOUN",
            "ye/hi/DET web/en/NOUN series/en/NOUN", "office/en/NOUN ka/hi/ADP trip/en/NOUN", "metro/en/NOUN ka/hi/ADP naya/hi/ADJ route/en/NOUN",
            "trip/en/NOUN to/en/ADP Goa/ne/PROPN", "main/en/ADJ road/en/NOUN ka/hi/ADP kaam/hi/NOUN",
        ],
        "positive": [
            "bahut/hi/ADV accha/hi/ADJ tha/hi/AUX", "ekdum/hi/ADV mast/hi/ADJ hai/hi/AUX", "too/en/ADV good/en/ADJ yaar/hi/INTJ",
            "really/en/ADV amazing/en/ADJ tha/hi/AUX", "mujhe/hi/PRON bahut/hi/ADV pasand/hi/NOUN aaya/hi/VERB",
            "full/en/ADJ paisa/hi/NOUN vasool/hi/ADJ", "dil/hi/NOUN khush/hi/ADJ ho/hi/AUX gaya/hi/VERB", "best/en/ADJ hai/hi/AUX bhai/hi/NOUN",
        ],
        "negative": [
            "bilkul/hi/ADV bakwas/hi/ADJ tha/hi/AUX", "bahut/hi/ADV boring/en/ADJ hai/hi/AUX", "total/en/ADJ waste/en/NOUN of/en/ADP time/en/NOUN",
            "ekdum/hi/ADV bekaar/hi/ADJ nikla/hi/VERB", "worst/en/ADJ experience/en/NOUN tha/hi/AUX", "paisa/hi/NOUN barbaad/hi/ADJ ho/hi/AUX gaya/hi/VERB",
            "mood/en/NOUN kharab/hi/ADJ kar/hi/VERB diya/hi/AUX", "so/en/ADV disappointing/en/ADJ yaar/hi/INTJ",
        ],
        "neutral": [
            "kal/hi/ADV release/en/VERB hoga/hi/AUX", "abhi/hi/ADV tak/hi/ADP dekha/hi/VERB nahi/hi/PART", "theek/hi/ADJ thaak/hi/ADJ hai/hi/AUX",
            "ticket/en/NOUN 200/other/NUM ka/hi/ADP hai/hi/AUX", "subah/hi/NOUN 10/other/NUM baje/hi/NOUN start/en/VERB hoga/hi/AUX",
            "kisi/hi/DET ne/hi/ADP dekha/hi/VERB kya/hi/PART ?/other/PUNCT", "next/en/ADJ week/en/NOUN aayega/hi/VERB",
        ],
        "tricky_negative": [
            "utna/hi/ADV accha/hi/ADJ nahi/hi/PART tha/hi/AUX", "not/en/PART that/en/ADV good/en/ADJ yaar/hi/INTJ",
            "mast/hi/ADJ bilkul/hi/ADV nahi/hi/PART tha/hi/AUX", "best/en/ADJ to/hi/PART nahi/hi/PART bolunga/hi/VERB",
        ],
        "tricky_positive": [
            "bura/hi/ADJ nahi/hi/PART tha/hi/AUX", "not/en/PART bad/en/ADJ at/en/ADP all/en/DET",
            "boring/en/ADJ bilkul/hi/ADV nahi/hi/PART laga/hi/VERB", "bekaar/hi/ADJ to/hi/PART nahi/hi/PART tha/hi/AUX",
        ],
        "insult": [
            "director/en/NOUN bilkul/hi/ADV bewakoof/hi/ADJ hai/hi/AUX", "tu/hi/PRON pagal/hi/ADJ hai/hi/AUX kya/hi/PART",
            "ye/hi/DET log/hi/NOUN gadhe/hi/NOUN hain/hi/AUX", "shut/en/VERB up/en/ADP idiot/en/NOUN", "chup/hi/ADJ kar/hi/VERB nalayak/hi/ADJ",
        ],
        "end": ["!/other/PUNCT", "😊/other/SYM", "!!!/other/PUNCT", "😡/other/SYM", "./other/PUNCT", "#bollywood/other/X", ":)/other/SYM"],
        "native": {
            "bahut": "बहुत", "accha": "अच्छा", "hai": "है", "tha": "था", "yaar": "यार", "mujhe": "मुझे", "ye": "ये", "ka": "का",
            "ki": "की", "aaj": "आज", "kal": "कल", "bilkul": "बिल्कुल", "bakwas": "बकवास", "nahi": "नहीं", "pasand": "पसंद",
            "aaya": "आया", "khana": "खाना", "baarish": "बारिश", "dil": "दिल", "khush": "खुश", "gaya": "गया", "log": "लोग",
        },
    },
    "demo_bnen": {
        "lang": "bn",
        "frames": [
            "{topic} {pos} {end}", "ajke/bn/ADV {topic} {pos}", "amar/bn/PRON mone/bn/NOUN hoy/bn/VERB {topic} {pos}",
            "honestly/en/ADV {topic} {pos} {end}", "kal/bn/ADV {topic} dekhlam/bn/VERB ,/other/PUNCT {pos}",
            "ami/bn/PRON to/bn/PART bolbo/bn/VERB {topic} {pos}",
            "bhai/bn/NOUN {topic} {pos} {end}", "@user/other/PROPN {topic} {pos}", "{topic} {pos} ,/other/PUNCT {insult}",
        ],
        "topic": [
            "ei/bn/DET movie/en/NOUN ta/bn/DET", "Kolkata/ne/PROPN r/bn/ADP traffic/en/NOUN", "notun/bn/ADJ phone/en/NOUN ta/bn/DET",
            "amader/bn/PRON college/en/NOUN er/bn/ADP fest/en/NOUN", "ei/bn/DET restaurant/en/NOUN er/bn/ADP biryani/bn/NOUN",
            "Durga/ne/PROPN Pujo/ne/PROPN r/bn/ADP pandal/bn/NOUN", "oi/bn/DET web/en/NOUN series/en/NOUN ta/bn/DET",
            "Bangladesh/ne/PROPN er/bn/ADP match/en/NOUN", "office/en/NOUN er/bn/ADP trip/en/NOUN", "ei/bn/DET gaan/bn/NOUN ta/bn/DET",
            "trip/en/NOUN to/en/ADP Darjeeling/ne/PROPN", "main/en/ADJ road/en/NOUN er/bn/ADP kaaj/bn/NOUN",
        ],
        "positive": [
            "khub/bn/ADV bhalo/bn/ADJ chilo/bn/AUX", "darun/bn/ADJ laglo/bn/VERB", "just/en/ADV awesome/en/ADJ", "ekdom/bn/ADV perfect/en/ADJ",
            "amar/bn/PRON khub/bn/ADV pochondo/bn/NOUN hoyeche/bn/VERB", "really/en/ADV superb/en/ADJ chilo/bn/AUX", "mon/bn/NOUN bhore/bn/VERB gelo/bn/AUX",
        ],
        "negative": [
            "ekdom/bn/ADV faltu/bn/ADJ chilo/bn/AUX", "khub/bn/ADV baje/bn/ADJ", "totally/en/ADV boring/en/ADJ", "taka/bn/NOUN noshto/bn/ADJ holo/bn/VERB",
            "worst/en/ADJ experience/en/NOUN chilo/bn/AUX", "mood/en/NOUN kharap/bn/ADJ hoye/bn/VERB gelo/bn/AUX", "so/en/ADV disappointing/en/ADJ",
        ],
        "neutral": [
            "kal/bn/ADV release/en/VERB hobe/bn/AUX", "ekhono/bn/ADV dekhini/bn/VERB", "motamuti/bn/ADV cholche/bn/VERB",
            "ticket/en/NOUN 150/other/NUM taka/bn/NOUN", "sokal/bn/NOUN 9/other/NUM ta/bn/DET te/bn/ADP start/en/VERB", "keu/bn/PRON dekhecho/bn/VERB ?/other/PUNCT",
            "next/en/ADJ week/en/NOUN ashbe/bn/VERB",
        ],
        "tricky_negative": [
            "oto/bn/ADV bhalo/bn/ADJ na/bn/PART", "not/en/PART that/en/ADV good/en/ADJ re/bn/INTJ",
            "darun/bn/ADJ kichu/bn/PRON noy/bn/VERB", "best/en/ADJ bolte/bn/VERB parbo/bn/VERB na/bn/PART",
        ],
        "tricky_positive": [
            "kharap/bn/ADJ na/bn/PART", "not/en/PART bad/en/ADJ at/en/ADP all/en/DET",
            "boring/en/ADJ ekdom/bn/ADV lagheni/bn/VERB", "faltu/bn/ADJ noy/bn/VERB mote/bn/ADV",
        ],
        "insult": [
            "director/en/NOUN ekta/bn/DET boka/bn/ADJ", "tumi/bn/PRON pagol/bn/ADJ naki/bn/PART", "egulo/bn/PRON sob/bn/DET gadha/bn/NOUN",
            "shut/en/VERB up/en/ADP idiot/en/NOUN", "chup/bn/INTJ kor/bn/VERB bewkoof/hi/ADJ",
        ],
        "end": ["!/other/PUNCT", "😊/other/SYM", "!!!/other/PUNCT", "😡/other/SYM", "./other/PUNCT", "#kolkata/other/X", ":)/other/SYM"],
        "native": {
            "khub": "খুব", "bhalo": "ভালো", "chilo": "ছিল", "ami": "আমি", "amar": "আমার", "ajke": "আজকে", "kal": "কাল", "darun": "দারুণ",
            "ekdom": "একদম", "ei": "এই", "gaan": "গান", "taka": "টাকা", "mon": "মন", "baje": "বাজে", "tumi": "তুমি", "pagol": "পাগল",
        },
    },
    "demo_mren": {
        "lang": "mr",
        "frames": [
            "{topic} {pos} {end}", "aaj/mr/ADV {topic} {pos}", "mala/mr/PRON vatta/mr/VERB {topic} {pos}", "honestly/en/ADV {topic} {pos} {end}",
            "kal/mr/ADV {topic} baghitla/mr/VERB ,/other/PUNCT {pos}", "are/mr/INTJ {topic} {pos} {end}",
            "to/mr/PRON mhanala/mr/VERB {topic} {pos}", "@user/other/PROPN {topic} {pos}",
            "{topic} {pos} ,/other/PUNCT {insult}",
        ],
        "topic": [
            "ha/mr/DET movie/en/NOUN", "Pune/ne/PROPN cha/mr/ADP traffic/en/NOUN", "nava/mr/ADJ phone/en/NOUN", "aamcha/mr/PRON college/en/NOUN fest/en/NOUN",
            "ya/mr/DET hotel/en/NOUN chi/mr/ADP misal/mr/NOUN", "Ganpati/ne/PROPN utsav/mr/NOUN", "hi/mr/DET web/en/NOUN series/en/NOUN",
            "India/ne/PROPN cha/mr/ADP match/en/NOUN", "office/en/NOUN chi/mr/ADP trip/en/NOUN", "he/mr/DET gaana/mr/NOUN",
            "trip/en/NOUN to/en/ADP Goa/ne/PROPN", "main/en/ADJ road/en/NOUN cha/mr/ADP kaam/mr/NOUN",
        ],
        "positive": [
            "khup/mr/ADV chan/mr/ADJ hota/mr/AUX", "ekdam/mr/ADV bhari/mr/ADJ aahe/mr/AUX", "just/en/ADV awesome/en/ADJ", "mala/mr/PRON khup/mr/ADV aavadla/mr/VERB",
            "really/en/ADV superb/en/ADJ hota/mr/AUX", "mast/mr/ADJ vatla/mr/VERB", "best/en/ADJ aahe/mr/AUX re/mr/INTJ",
        ],
        "negative": [
            "ekdam/mr/ADV bakwas/mr/ADJ hota/mr/AUX", "khup/mr/ADV boring/en/ADJ aahe/mr/AUX", "totally/en/ADV waste/en/NOUN", "paise/mr/NOUN vaaya/mr/ADJ gele/mr/VERB",
            "worst/en/ADJ experience/en/NOUN hota/mr/AUX", "mood/en/NOUN kharab/mr/ADJ zala/mr/VERB", "so/en/ADV disappointing/en/ADJ",
        ],
        "neutral": [
            "udya/mr/ADV release/en/VERB honar/mr/AUX", "ajun/mr/ADV baghitla/mr/VERB nahi/mr/PART", "theek/mr/ADJ aahe/mr/AUX", "ticket/en/NOUN 250/other/NUM la/mr/ADP aahe/mr/AUX",
            "sakali/mr/NOUN 9/other/NUM vajta/mr/ADV start/en/VERB", "koni/mr/PRON baghitla/mr/VERB ka/mr/PART ?/other/PUNCT", "next/en/ADJ week/en/NOUN yeil/mr/VERB",
        ],
        "tricky_negative": [
            "titka/mr/ADV chan/mr/ADJ nahi/mr/PART", "not/en/PART that/en/ADV good/en/ADJ re/mr/INTJ",
            "bhari/mr/ADJ vagaire/mr/ADV kahi/mr/PRON nahi/mr/PART", "best/en/ADJ nakkich/mr/ADV nahi/mr/PART",
        ],
        "tricky_positive": [
            "vait/mr/ADJ nahi/mr/PART hota/mr/AUX", "not/en/PART bad/en/ADJ at/en/ADP all/en/DET",
            "boring/en/ADJ ajibat/mr/ADV nahi/mr/PART vatla/mr/VERB", "bakwas/mr/ADJ tar/mr/PART nahi/mr/PART",
        ],
        "insult": [
            "director/en/NOUN ekdam/mr/ADV murkha/mr/ADJ aahe/mr/AUX", "tu/mr/PRON veda/mr/ADJ aahes/mr/AUX ka/mr/PART", "he/mr/DET lok/mr/NOUN gadhav/mr/NOUN aahet/mr/AUX",
            "shut/en/VERB up/en/ADP idiot/en/NOUN", "gap/mr/INTJ bas/mr/VERB nalayak/mr/ADJ",
        ],
        "end": ["!/other/PUNCT", "😊/other/SYM", "!!!/other/PUNCT", "😡/other/SYM", "./other/PUNCT", "#pune/other/X", ":)/other/SYM"],
        "native": {
            "khup": "खूप", "chan": "छान", "hota": "होता", "aahe": "आहे", "mala": "मला", "aaj": "आज", "kal": "काल", "ekdam": "एकदम",
            "nava": "नवा", "gaana": "गाणं", "paise": "पैसे", "nahi": "नाही", "tu": "तू", "lok": "लोक", "aavadla": "आवडला",
        },
    },
}


def parse(phrase: str) -> list[tuple[str, str, str]]:
    return [tuple(item.rsplit("/", 2)) for item in phrase.split()]


BUT = {"hi": "par/hi/CCONJ", "bn": "kintu/bn/CCONJ", "mr": "pan/mr/CCONJ"}
OPPOSITE = {"positive": "negative", "negative": "positive"}


def compose(pair: dict, rng: random.Random, sentiment: str, offensive: bool) -> list[tuple[str, str, str]]:
    frames = [f for f in pair["frames"] if ("{insult}" in f) == offensive]
    frame = rng.choice(frames)
    phrases = pair[sentiment]
    if sentiment != "neutral" and rng.random() < 0.3:  # negated phrases: sentiment words that mean the opposite
        phrases = pair[f"tricky_{sentiment}"]
    pools = {"topic": pair["topic"], "pos": phrases, "insult": pair["insult"], "end": pair["end"]}
    phrase = frame
    for slot, pool in pools.items():
        while "{" + slot + "}" in phrase:
            phrase = phrase.replace("{" + slot + "}", rng.choice(pool), 1)
    if sentiment in OPPOSITE and rng.random() < 0.2:  # mixed feelings: "X was great, but ..." - the last clause counts
        phrase = f"{rng.choice(pair[OPPOSITE[sentiment]])} {BUT[pair['lang']]} {phrase}"
    tokens = parse(phrase)
    if rng.random() < 0.15:  # some writers switch script for the Indic words
        native = pair["native"]
        tokens = [(native.get(w.lower(), w) if lid == pair["lang"] else w, lid, upos) for w, lid, upos in tokens]
    return [(vary(word, rng) if lid in (pair["lang"], "en") and word.isascii() else word, lid, upos)
            for word, lid, upos in tokens]


def vary(word: str, rng: random.Random) -> str:
    """Romanised spelling as people type it: dropped vowels, doubled or single letters, kh/k, stretched endings."""
    if rng.random() >= SPELLING_VARIATION or len(word) < 3 or not word.isalpha():
        return word
    if rng.random() < 0.4:  # some words are changed twice
        word = vary_once(word, rng)
    return vary_once(word, rng)


def vary_once(word: str, rng: random.Random) -> str:
    """One spelling change (see ``vary``)."""
    choice = rng.randrange(5)
    if choice == 0 and len(word) > 3:  # drop inner vowels: bahut -> bht
        inner = "".join(c for c in word[1:-1] if c not in "aeiou") or word[1:-1]
        return word[0] + inner + word[-1]
    if choice == 1:  # aa -> a, ee -> i, oo -> u (or the reverse)
        for long, short in (("aa", "a"), ("ee", "i"), ("oo", "u")):
            if long in word:
                return word.replace(long, short, 1)
        return word.replace("a", "aa", 1)
    if choice == 2:  # kh/k, ch/c, sh/s
        for full, plain in (("kh", "k"), ("ch", "c"), ("sh", "s"), ("bh", "b")):
            if full in word:
                return word.replace(full, plain, 1)
        return word
    if choice == 3:  # stretched ending: mast -> masttt
        return word + word[-1] * rng.randint(1, 3)
    return word.capitalize() if word.islower() else word.lower()


def add_tag_noise(tokens, pair: dict, rng: random.Random):
    """A few tags wrong, as in real annotation: en<->Indic language, NOUN<->PROPN/ADJ<->ADV."""
    swaps = {"en": pair["lang"], pair["lang"]: "en", "NOUN": "PROPN", "PROPN": "NOUN", "ADJ": "ADV", "ADV": "ADJ",
             "AUX": "VERB", "VERB": "AUX"}
    out = []
    for word, lid, upos in tokens:
        if rng.random() < TAG_NOISE:
            lid = swaps.get(lid, lid)
        if rng.random() < TAG_NOISE:
            upos = swaps.get(upos, upos)
        out.append((word, lid, upos))
    return out


def draw_sentiment(rng: random.Random) -> str:
    value, total = rng.random(), 0.0
    for label, share in SENTIMENT_SHARES:
        total += share
        if value < total:
            return label
    return SENTIMENT_SHARES[-1][0]


def main() -> None:
    for name, pair in PAIRS.items():
        seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
        rng = random.Random(seed)
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        next_id = 1001
        for split, size in SIZES.items():
            lines = []
            for _ in range(size):
                sentiment = draw_sentiment(rng)
                offensive = sentiment == "negative" and rng.random() < 0.5 or rng.random() < 0.04
                tokens = add_tag_noise(compose(pair, rng, sentiment, offensive), pair, rng)
                if rng.random() < SENTENCE_LABEL_NOISE:  # annotators disagree: the label is another one
                    sentiment = rng.choice([s for s, _ in SENTIMENT_SHARES if s != sentiment])
                if rng.random() < SENTENCE_LABEL_NOISE:
                    offensive = not offensive
                label = "offensive" if offensive else "not_offensive"
                lines.append(f"meta\t{next_id}\t{sentiment}\t{label}")
                lines += ["\t".join(t) for t in tokens]
                lines.append("")
                next_id += 1
            (folder / f"{split}.txt").write_text("\n".join(lines), encoding="utf-8")
            print(f"{name}/{split}.txt: {size} sentences")


if __name__ == "__main__":
    main()
