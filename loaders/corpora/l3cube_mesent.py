from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_BASE = "https://raw.githubusercontent.com/l3cube-pune/MarathiNLP/8ee29fa1329d6a841030eb46659d3c10614b5e59/MeEval/L3Cube-MeSent/"
_CITATION = ("Chavan, Gokhale, Kane, Patankar, Joshi. My Boli: Code-mixed Marathi-English Corpora, Pretrained "
             "Language Models and Evaluation Benchmarks. Findings of IJCNLP-AACL 2023, pp. 242-249 (arXiv:2306.14030)")

SPEC = CorpusSpec(
    name="l3cube_mesent",
    description="L3Cube-MeSent: Marathi-English code-mixed tweets, 3-class sentiment",
    pair="mr-en",
    languages=("mar-Latn", "eng-Latn"),
    tasks=("sentiment",),
    format="csv",
    files=(
        FileSpec("codemix-sent-train.csv", _BASE + "codemix-sent-train.csv",
                 "1351cfddff83ab44335ba2a27e4075df8f96e3cee26791acdf15f396773680da", split="train", size=1120790),
        FileSpec("codemix-sent-val.csv", _BASE + "codemix-sent-val.csv",
                 "d155929f4f564b689c973ba9d76dfc49704644bd674af11843b9d8e2f9d5f19b", split="validation", size=146264),
        FileSpec("codemix-sent-test.csv", _BASE + "codemix-sent-test.csv",
                 "333c0587b5eabb00fb5b59112e583d4b8d8a45c1e07d003cb8d6908699290e9c", split="test", size=145552),
    ),
    columns={"text": "tweet", "sentiment": "sentiment"},
    label_maps={"sentiment": LabelMap.of({
        "-1.0": ("negative", "the corpus writes its classes as float strings: -1.0 = negative"),
        "0.0": ("neutral", "float-string class 0.0 = neutral"),
        "1.0": ("positive", "float-string class 1.0 = positive"),
    })},
    split_policy=SplitPolicy("official", description="the authors' train / val / test files (9,500 / 1,250 / 1,250)"),
    license="CC BY-NC-SA 4.0 (research, non-commercial; not bundled, downloaded on demand)",
    bibtex=bibtex("chavan2023myboli"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/l3cube-pune/MarathiNLP",
    reader_options={"header": ("datetime", "tweet", "hate", "sentiment", "profanity")},
    domain="twitter",
    references=(
        Reference(task="sentiment", metric="macro_f1", value=0.6727, system="MeRoBERTa", citation=_CITATION,
                  note="best MeSent F1 per a secondary summary of the paper",
                  source="emergentmind.com/articles/2306.14030 (a summary of the paper, not its table)",
                  unverified="taken from a secondary summary: check against the results table of arXiv:2306.14030"),
    ),
    notes=("160 tweet texts repeat across the three files; many tweets also occur in l3cube_mehate.",
           "The hate and profanity columns are not loaded: l3cube_mehate is the registered offensive corpus."),
)
