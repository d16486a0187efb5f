"""Token features shared by the linear token model and the CRF: affixes, shape, script, neighbours."""

from __future__ import annotations

import functools
import re
import unicodedata

from codemix.loaders.normalize import token_script


@functools.lru_cache(maxsize=200_000)
def shape(token: str) -> str:
    """Collapsed word shape: Latin ``X``/``x``, other letters ``L``, digits ``d``, marks dropped.

    >>> shape("Hello"), shape("2024"), shape("@user_1"), shape("बहुत"), shape("...")
    ('Xx', 'd', '@x_d', 'L', '.')
    """
    out = []
    for char in token:
        if char.isdigit():
            code = "d"
        elif char.isascii() and char.isalpha():
            code = "X" if char.isupper() else "x"
        elif char.isalpha():
            code = "L"
        elif unicodedata.category(char).startswith("M"):
            continue
        else:
            code = char
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)[:8]


@functools.lru_cache(maxsize=200_000)
def word_features(token: str, char_ngrams: bool) -> tuple[tuple[str, float], ...]:
    """Features of one token on its own (cached: word forms repeat a lot)."""
    lower = token.lower()
    features = {
        "w": lower, "shape": shape(token), "script": token_script(token), "len": str(min(len(token), 12)),
        "p1": lower[:1], "p2": lower[:2], "p3": lower[:3], "s1": lower[-1:], "s2": lower[-2:], "s3": lower[-3:],
        "s4": lower[-4:], "title": str(token[:1].isupper()), "upper": str(token.isupper() and len(token) > 1),
        "digit": str(any(c.isdigit() for c in token)), "alpha": str(token.isalpha()),
        "mention": str(token.startswith("@")), "hashtag": str(token.startswith("#")),
        "url": str(lower.startswith(("http", "www"))),
    }
    out = [(f"{key}={value}", 1.0) for key, value in features.items()]
    if char_ngrams:
        padded = f"<{lower}>"
        grams = {padded[i:i + n] for n in (2, 3, 4) for i in range(len(padded) - n + 1)}
        out += [(f"cg={gram}", 1.0) for gram in sorted(grams)]
    return tuple(out)


def sentence_features(tokens, lid=None, char_ngrams: bool = False, window: int = 2,
                      domain: str | None = None) -> list[dict[str, float]]:
    """One feature dict per token: its own features plus its neighbours' words, affixes and shapes.

    ``lid``, given only where the task allows a system to read LID tags (POS), adds the token's
    and its neighbours' language tags as features. ``domain`` adds a copy of every feature but the
    character n-grams, prefixed with the domain ("frustratingly easy" domain adaptation, Daume III
    2007): the shared copy learns what the platforms agree on, the domain's copy how its own
    annotators differ. Character n-grams describe a word's form, which does not change with the
    platform, and copying them would double the largest part of the model.

    >>> sentence_features(["ok"], domain="twitter")[0]["d=twitter|w=ok"]
    1.0
    """
    own = [word_features(token, char_ngrams) for token in tokens]
    out = []
    for index in range(len(tokens)):
        features = dict(own[index])
        features["bias"] = 1.0
        for offset in range(-window, window + 1):
            if offset == 0:
                continue
            position = index + offset
            if 0 <= position < len(tokens):
                neighbour = tokens[position].lower()
                features[f"{offset}:w={neighbour}"] = 1.0
                features[f"{offset}:s3={neighbour[-3:]}"] = 1.0
                features[f"{offset}:shape={shape(tokens[position])}"] = 1.0
                features[f"{offset}:script={token_script(tokens[position])}"] = 1.0
                if lid and abs(offset) == 1:
                    features[f"{offset}:lid={lid[position]}"] = 1.0
            else:
                features[f"{offset}:edge"] = 1.0
        if lid:
            features[f"lid={lid[index]}"] = 1.0
            features[f"lid={lid[index]}|s2={tokens[index].lower()[-2:]}"] = 1.0
        if domain is not None:
            features.update([(f"d={domain}|{key}", value) for key, value in features.items() if not key.startswith("cg=")])
        out.append(features)
    return out


# Romanised Hindi, Bengali and Marathi spell one word many ways; these pairs fold the commonest
# alternations (aspiration written or not, w/v, z/j, q/k, long vowels doubled).
_FOLDS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("bh", "b"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"),
          ("jh", "j"), ("w", "v"), ("z", "j"), ("q", "k"), ("ee", "i"), ("oo", "u"))
_REPEATS = re.compile(r"(.)\1+")
_INNER_VOWELS = re.compile(r"[aeiouy]")


@functools.lru_cache(maxsize=200_000)
def spelling_skeleton(token: str) -> str:
    """A romanised word's spelling skeleton: lower-cased, repeated letters collapsed, common
    alternations folded, vowels after the first letter dropped. An extra view beside the word
    itself, never a replacement: ``bahut``, ``bohot`` and ``bahuuut`` all give ``bht``.

    >>> spelling_skeleton("bahut"), spelling_skeleton("bohot"), spelling_skeleton("bahuuut"), spelling_skeleton("Acha")
    ('bht', 'bht', 'bht', 'ac')
    """
    word = _REPEATS.sub(r"\1", token.lower())
    for spelled, folded in _FOLDS:
        word = word.replace(spelled, folded)
    return word[:1] + _INNER_VOWELS.sub("", word[1:])
