"""Label maps shared by the ICON-2015/2016 POS corpora and the corpora derived from them."""

from __future__ import annotations

from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, LabelMap

# Language tags of the ICON code-mixing releases (and of Dutta 2022, which reuses them).
ICON_LID = LabelMap.of({
    "en": "en", "hi": "hi", "bn": "bn", "ne": "ne", "mixed": "mixed",
    "univ": ("other", "ICON's univ: punctuation, emoticons, mentions, hashtags, numbers"),
    "acro": ("en", "ICON acronyms (lol, omg, btw, pm) are English-derived shortenings"),
    "undef": ("unk", "ICON's undef: the annotators could not decide"),
    "rn": ("unk", "undocumented tag seen once (ICON-2016 TWT_HI_EN); its meaning is unknown"),
    "ne+bn_suffix": ("mixed", "a named entity with a Bengali suffix is one word mixing two languages"),
    "ne+en_suffix": ("mixed", "a named entity with an English suffix mixes two languages in one word"),
    "en+bn_suffix": ("mixed", "an English stem with a Bengali suffix mixes two languages in one word"),
    "acro+en_suffix": ("mixed", "an acronym with an English suffix: a suffixed word, grouped with the other suffix tags"),
    "acro+bn_suffix": ("mixed", "an acronym with a Bengali suffix mixes two languages in one word"),
    "univ..": ("other", "typo of univ (ICON-2015 BN_EN)"),
    ":D": ("other", "an emoticon typed into the language column (ICON-2015 BN_EN); univ-like"),
}, clean=(STRIP_SPACES,), ignore_case=True)

# ICON-2016 coarse (Google-universal-like) POS tags onto Universal POS: the coarse files are the
# contest's coarse task, and upos follows them (xpos keeps the fine tag).
ICON_COARSE_UPOS = LabelMap.of({
    "G_N": ("NOUN", "coarse noun: common and proper nouns are not told apart"),
    "G_V": ("VERB", "coarse verb: main verbs and auxiliaries together"),
    "G_J": ("ADJ", "coarse adjective"), "G_R": ("ADV", "coarse adverb"), "G_PRP": ("PRON", "coarse pronoun"),
    "G_PRT": ("PART", "coarse particle (negation, emphasis, intensifiers)"), "G_SYM": ("SYM", "coarse symbol"),
    "G_X": ("X", "coarse residual: ICON files punctuation, foreign and unknown words here"),
    "PSP": ("ADP", "postposition"), "CC": ("CCONJ", "conjunction (coordinating and subordinating are not split)"),
    "DT": ("DET", "determiner"), "E": ("SYM", "emoticon; UD files emoji and emoticons under SYM"),
    "U": ("SYM", "URL; UD files URLs under SYM"), "$": ("NUM", "number"), "#": ("X", "hashtag: no fixed part of speech"),
    "@": ("PROPN", "@-mention: a user name"), "~": ("X", "discourse marker (RT, ...)"),
    "null": ("X", "the source left the tag as 'null'"),
}, clean=(STRIP_SPACES,), ignore_case=True)

# ICON/BIS fine-grained POS tags (ICON-2015 and the ICON-2016 *_FN files) onto Universal POS.
_STRAY = ("§.*$", "", "a stray § (and anything glued after it) follows some ICON-2015 tags; the tag before it is kept")
ICON_FINE_UPOS = LabelMap.of({
    "N_NN": ("NOUN", "BIS common noun"), "N_NNP": ("PROPN", "BIS proper noun"),
    "N_NNV": ("NOUN", "BIS verbal noun (gerund-like), a noun in UD"),
    "N_NST": ("NOUN", "BIS spatio-temporal noun (upar, pehle); UD Hindi tags these NOUN unless postpositional"),
    "V_VM": ("VERB", "BIS main verb"), "V_VAUX": ("AUX", "BIS auxiliary verb"),
    "v_VAUX": ("AUX", "lower-case typo of V_VAUX"),
    "JJ": ("ADJ", "BIS adjective"), "RB_AMN": ("ADV", "BIS manner adverb"), "RB_ALC": ("ADV", "BIS locative adverb"),
    "PR_PRP": ("PRON", "BIS personal pronoun"), "PR_PRF": ("PRON", "BIS reflexive pronoun"),
    "PR_PRL": ("PRON", "BIS relative pronoun"), "PR_PRC": ("PRON", "BIS reciprocal pronoun"),
    "PR_PRQ": ("PRON", "BIS wh-pronoun"), "R_PRP": ("PRON", "typo of PR_PRP"),
    "DM_DMD": ("DET", "BIS deictic demonstrative"), "DM_DMR": ("DET", "BIS relative demonstrative"),
    "DM_DMQ": ("DET", "BIS wh-demonstrative"), "DM_DMI": ("DET", "BIS indefinite demonstrative"),
    "QT_QTF": ("DET", "BIS general quantifier (kuch, sab): a determiner in UD"),
    "QT_QTC": ("NUM", "BIS cardinal number"), "QT_QTO": ("ADJ", "BIS ordinal: UD tags ordinals ADJ"),
    "QY_QTO": ("ADJ", "typo of QT_QTO"),
    "RP_RPD": ("PART", "BIS default particle"), "RP_NEG": ("PART", "BIS negation particle"),
    "RP_INTF": ("ADV", "BIS intensifier (bahut, very): an adverb in UD"), "RP_INJ": ("INTJ", "BIS interjection"),
    "RP_CL": ("PART", "BIS classifier particle"),
    "RD_PUNC": ("PUNCT", "BIS punctuation"), "RD_SYM": ("SYM", "BIS symbol"),
    "RD_RDF": ("X", "BIS foreign-script word"), "RD_UNK": ("X", "BIS unknown"), "RD_ECH": ("X", "BIS echo word"),
    "RD_E": ("SYM", "typo of E (emoticon)"),
    "PSP": ("ADP", "BIS postposition"), "CC": ("CCONJ", "BIS conjunction (coordinating and subordinating are not split)"),
    "CC_CCD": ("CCONJ", "BIS coordinating conjunction"), "CC_CCS": ("SCONJ", "BIS subordinating conjunction"),
    "DT": ("DET", "ICON determiner"),
    "E": ("SYM", "ICON emoticon; UD files emoji and emoticons under SYM"),
    "U": ("SYM", "ICON URL; UD files URLs and e-mail addresses under SYM"),
    "$": ("NUM", "ICON number"), "#": ("X", "ICON hashtag: no fixed part of speech"),
    "@": ("PROPN", "ICON @-mention: a user name"), "~": ("X", "ICON discourse marker (RT, ...)"),
    "null": ("X", "the source left the tag as 'null'"),
    "ðŸ˜": ("SYM", "a truncated mojibake emoji typed into the tag column (ICON-2016 TWT_BN_EN_FN)"),
    # A coarse G_* tag in a fine-tag file maps as in the coarse map (the two tag sets do not clash).
    **{tag: (target, f"coarse tag in a fine-tag file: {ICON_COARSE_UPOS.why.get(tag, target)}")
       for tag, target in ICON_COARSE_UPOS.mapping.items() if tag.startswith("G_")},
}, clean=(_STRAY, STRIP_SPACES), ignore_case=True)

_ICON2016 = "https://raw.githubusercontent.com/srhrshr/code-mixing-social-media/928ceb5072667a1d8d38734f39f5589d120d449d/data/Data-2016/"
_DOMAINS = {"FB": "facebook", "TWT": "twitter", "WA": "whatsapp"}


def icon2016_files(language: str, pins: dict[str, tuple[tuple[str, int], tuple[str, int]]]) -> tuple:
    """Coarse (data) + fine (aligned) file pairs per source, e.g. ``Coarse-Grained/FB_HI_EN_CR.txt``.

    ``pins``: source -> ((coarse sha256, size), (fine sha256, size))."""
    from codemix.loaders.spec import FileSpec

    files = []
    for source, ((coarse_sha, coarse_size), (fine_sha, fine_size)) in pins.items():
        coarse = f"Coarse-Grained/{source}_{language}_EN_CR.txt"
        fine = f"Fine-Grained/{source}_{language}_EN_FN.txt"
        files.append(FileSpec(coarse, _ICON2016 + coarse, coarse_sha, domain=_DOMAINS[source], repair_mojibake=True,
                              size=coarse_size))
        files.append(FileSpec(fine, _ICON2016 + fine, fine_sha, role="aligned", aligned_with=coarse, size=fine_size,
                              options={"columns": ("token", "lang", "fine_pos")}))
    return tuple(files)


_ICON2015 = "https://raw.githubusercontent.com/srhrshr/code-mixing-social-media/928ceb5072667a1d8d38734f39f5589d120d449d/data/Data-2015/"
_LANGUAGE_NAMES = {"HI": ("Hindi", "hin-Latn"), "BN": ("Bengali", "ben-Latn")}


def icon2015_spec(code: str, sha256: str, size: int, notes: tuple[str, ...], skip_lines: tuple[str, ...] = ()):
    """The ICON-2015 train release of one pair (``HI`` or ``BN`` with English): 3-column token TSV
    with fine BIS POS tags, split by a seeded 80/10/10 because no test set was released."""
    from codemix.loaders.spec import CorpusSpec, FileSpec, SplitPolicy

    language, tag = _LANGUAGE_NAMES[code]
    path = f"{code}_EN_TRAIN.txt"
    options = {"columns": ("token", "lang", "pos")}
    if skip_lines:
        options["skip_lines"] = skip_lines
    return CorpusSpec(
        name=f"icon2015_{code.lower()}en_pos",
        description=f"ICON-2015 POS tools contest, {language}-English train release: token POS (fine BIS tags) and LID",
        pair=f"{code.lower()}-en",
        languages=(tag, "eng-Latn"),
        tasks=("pos", "lid"),
        format="token_tsv",
        files=(FileSpec(path, f"{_ICON2015}{code}_EN/{path}", sha256, size=size, repair_mojibake=True),),
        columns={"tokens": "token", "lid": "lang", "upos": "pos", "xpos": "pos"},
        label_maps={"lid": ICON_LID, "upos": ICON_FINE_UPOS},
        split_policy=SplitPolicy("seeded", seed=2015, description="train-only release: seeded 80/10/10 by sentence"),
        license="none stated (shared-task data, research use; not bundled)",
        citation="ICON-2015 NLP Tools Contest: POS tagging for code-mixed Indian social media text (Das et al.)",
        bibtex=bibtex("icon2015pos"),
        version="1.0.0",
        homepage="http://amitavadas.com/Code-Mixing.html",
        reader_options=options,
        empty_tokens="keep",
        notes=notes,
    )
