from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_BASE = "https://raw.githubusercontent.com/bhavesh2799/hcms-semeval20/5af25ff3c688905816a1f5e3385cd8f095a156fb/"
_CITATION = ("Patwa, Aguilar, Kar, Pandey, PYKL, Gambäck, Chakraborty, Solorio, Das. SemEval-2020 Task 9: Overview of "
             "Sentiment Analysis of Code-Mixed Tweets. SemEval 2020 (arXiv:2008.04277)")

SPEC = CorpusSpec(
    name="sentimix2020_hien",
    description="SemEval-2020 Task 9 SentiMix Hinglish: tweets with 3-class sentiment and token LID tags",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("sentiment", "lid"),
    format="meta_conll",
    files=(
        FileSpec("train_14k_split_conll.txt", _BASE + "train_14k_split_conll.txt",
                 "b2bc9e9e2494693ab3b0fd025ffb0292a3c4ab959861306dd1d993fa7e7c2177", split="train", size=3831266),
        FileSpec("dev_3k_split_conll.txt", _BASE + "dev_3k_split_conll.txt",
                 "bd288c6a951ca3e827e6386ccaba3202776f8d881046ef38d70b483226fe1bac", split="validation", size=824574),
        # The unlabelled test file stores every non-ASCII token as mojibake (UTF-8 read as cp1252):
        # repaired so that test tokens look like train tokens (all 2,802 repair; train/dev need none).
        FileSpec("Hindi_test_unalbelled_conll_updated.txt", _BASE + "Hindi_test_unalbelled_conll_updated.txt",
                 "b71df6f50421d78a5c44df02d9e1dee537c3e758bf424dddf420c3ef59b00bdf", split="test", size=810391,
                 repair_mojibake=True, options={"header_fields": ("id",)}),
        FileSpec("test_labels_hinglish.txt", _BASE + "test_labels_hinglish.txt",
                 "adc2317d11bd55b8216fe1c7479bd04020fbbbb96764e59e3c7156423a73d077", split="test", role="labels",
                 size=46222, options={"format": "csv", "header": ("Uid", "Sentiment"), "id_column": "Uid",
                                      "rename": {"Sentiment": "label"}}),
    ),
    columns={"id": "id", "tokens": "token", "lid": "tag", "sentiment": "label"},
    label_maps={
        "sentiment": LabelMap.of({"negative": "negative", "neutral": "neutral", "positive": "positive"}),
        "lid": LabelMap.of({
            "Hin": ("hi", "SentiMix's Hindi tag"),
            "Eng": ("en", "SentiMix's English tag"),
            "O": ("other", "SentiMix's O covers punctuation, mentions, URLs and numbers"),
            "EMT": ("other", "emoji are language-independent: the canonical set files them under other"),
        }),
    },
    split_policy=SplitPolicy("official", description="the organisers' final train 14k / dev 3k / test 3k"),
    license="none stated for the data (shared-task release; research use, not bundled)",
    bibtex=bibtex("patwa2020sentimix"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/bhavesh2799/hcms-semeval20",
    reader_options={"header_fields": ("id", "label"), "token_columns": ("token", "tag")},
    domain="twitter",
    empty_tokens="keep",
    references=(
        Reference(task="sentiment", metric="macro_f1", value=0.750, system="best SemEval-2020 Task 9 Hinglish system",
                  citation=_CITATION, note="official task F1 (macro over the three classes)"),
    ),
    notes=("Test labels come from test_labels_hinglish.txt, joined by tweet id (never by line order).",
           "13 train and 4 test lines have an empty token (tokenizer artefact): kept, so token counts match the files, and counted.",
           "Tokenisation is aggressive (URLs and non-ASCII words split); text is ' '.join(tokens), not the original tweet.",
           "LID tags are noisy (weak supervision)."),
)
