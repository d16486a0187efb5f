from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_BASE = "https://raw.githubusercontent.com/lingualytics/py-lingualytics/d52391d38264013401fa6019fba7dd08329dd151/datasets/SAIL_2017/"
_IDS = {"train": ("train_id.txt", "a9d357a7c4b257f2f91c57c64aa3a8de11cecf0bd77b08bc6c34949fb99351b6", 54465),
        "validation": ("validation_id.txt", "0ca4bf9ca49ba65bcfb940338a1aa008afe3d2c0bd1f9e5f3af7cebde82325e6", 6787),
        "test": ("test_id.txt", "d24ad97282d61479b298a91395f4e1b56cb70e2b1fe0c0444e74eaf25c5ba07d", 6786)}
_GLUECOS = "Khanuja, Dandapat, Srinivasan, Sitaram, Choudhury. GLUECoS: An Evaluation Benchmark for Code-Switched NLP. ACL 2020"

SPEC = CorpusSpec(
    name="sail2017_hien",
    description="SAIL-2017 code-mixed Hindi-English sentiment (the GLUECoS Sentiment EN-HI split), with token LID tags",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("sentiment", "lid"),
    format="json_records",
    files=(FileSpec("HI-EN.json", _BASE + "Original_Data/HI-EN.json",
                    "557eec6cd1b800f95dbd2d42a54078e436c425598751614d71ed6bb98bb84280", size=4181866),)
    + tuple(FileSpec(name, _BASE + "Split_IDs/" + name, sha, split=split, role="ids", size=size)
            for split, (name, sha, size) in _IDS.items()),
    columns={"id": "id", "text": "text", "tokens": "tagged_token", "lid": "tagged_tag", "sentiment": "sentiment"},
    label_maps={
        "sentiment": LabelMap.of({"-1": ("negative", "SAIL's integer class -1"), "0": ("neutral", "SAIL's integer class 0"),
                                  "1": ("positive", "SAIL's integer class 1")}),
        "lid": LabelMap.of({
            "HI": "hi", "EN": "en", "NE": "ne",
            "UN": ("other", "SAIL's UN (universal): punctuation, hashtag signs, mentions, numbers"),
            "EMT": ("other", "emoji are language-independent"),
            "MIX": ("mixed", "a word mixing Hindi and English"), "MI": ("mixed", "truncated MIX"),
            "en": "en", "E": ("en", "truncated EN"), "ENC": ("en", "typo of EN"),
            "HIS": ("hi", "typo of HI"), "HII": ("hi", "typo of HI"),
            "un": ("other", "lower-case UN"), "uN": ("other", "mixed-case UN"), "U": ("other", "truncated UN"),
            "UI": ("other", "typo of UN (on part of a name)"), "USN": ("other", "typo of UN"),
            "EM": ("other", "truncated EMT"),
            "RN": ("unk", "undocumented tag seen once; its meaning is unknown"),
        }),
    },
    split_policy=SplitPolicy("id_files", description="GLUECoS Sentiment EN-HI ids: 10,080 / 1,260 / 1,261; 335 records are in no split"),
    license="none stated for the data (shared-task data, research use; not bundled)",
    bibtex=bibtex("patra2018sail", "khanuja2020gluecos"),
    citation=("Patra, Das, Das. Sentiment Analysis of Code-Mixed Indian Languages: An Overview of SAIL_Code-Mixed "
              "Shared Task @ICON-2017 (arXiv:1803.06745); split: " + _GLUECOS),
    version="1.0.0",
    homepage="https://github.com/microsoft/GLUECoS",
    reader_options={"fields": ("text", "lang_tagged_text", "id", "sentiment"), "tagged_field": "lang_tagged_text",
                    "separator": "\\", "rejoin_detached_tags": True},
    domain="twitter",
    missing_text="drop",
    references=(
        Reference(task="sentiment", metric="weighted_f1", value=0.5751, system="mBERT (GLUECoS leaderboard)", citation=_GLUECOS,
                  note="GLUECoS SA metric (F1) on these test ids"),
    ),
    notes=("text is the JSON 'text' field (the tweet as published, often lower-cased); tokens and lid come from "
           "'lang_tagged_text' (word\\TAG items split on the last backslash), which tokenises differently.",
           "Two records have no text (id 12093 is a bare NaN, 8896 is empty): dropped and counted; neither is in a split.",
           "One item's tag is detached from its word by a space ('sonia\\ UN'): rejoined and counted."),
)
