from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, SplitPolicy

_BASE = "https://raw.githubusercontent.com/l3cube-pune/MarathiNLP/8ee29fa1329d6a841030eb46659d3c10614b5e59/MeEval/L3Cube-MeHate/"

SPEC = CorpusSpec(
    name="l3cube_mehate",
    description="L3Cube-MeHate: Marathi-English code-mixed tweets, binary hate speech",
    pair="mr-en",
    languages=("mar-Latn", "mar-Deva", "eng-Latn"),
    tasks=("offensive",),
    format="csv",
    files=(
        FileSpec("codemix-hate-small-train.csv", _BASE + "codemix-hate-small-train.csv", "2447f18e6d28f2a605381493cceef619a6cd7a86f98a3f28f3ece73243f7879f", split="train", size=245757),
        FileSpec("codemix-hate-small-val.csv", _BASE + "codemix-hate-small-val.csv", "ae0cc1f5f0104dc0494f43495e9fb747f6c3880a255fee80913296fe67b10e50", split="validation", size=52546),
        FileSpec("codemix-hate-small-test.csv", _BASE + "codemix-hate-small-test.csv", "ffa2f580dd8527dc039f845d7476a68fcc32f231b36f42bffaf920ef7ddad001", split="test", size=53168),
    ),
    columns={"text": "tweet", "offensive": "hate"},
    label_maps={"offensive": LabelMap.of({
        "0.0": ("not_offensive", "float-string class 0.0 = not hate"),
        "1.0": ("offensive", "float-string class 1.0 = hate; hate speech is filed under the offensive task"),
    }, clean=(STRIP_SPACES,))},
    split_policy=SplitPolicy("official", description="the authors' train / val / test files (1,937 / 415 / 416)"),
    license="CC BY-NC-SA 4.0 (research, non-commercial; not bundled, downloaded on demand)",
    bibtex=bibtex("chavan2023myboli"),
    citation=("Chavan, Gokhale, Kane, Patankar, Joshi. My Boli: Code-mixed Marathi-English Corpora, Pretrained Language "
              "Models and Evaluation Benchmarks. Findings of IJCNLP-AACL 2023 (arXiv:2306.14030)"),
    version="1.0.0",
    homepage="https://github.com/l3cube-pune/MarathiNLP",
    reader_options={"header": ("datetime", "tweet", "hate", "sentiment", "profanity")},
    domain="twitter",
    missing_text="keep",
    notes=("Many tweets also occur in l3cube_mesent, in every split combination (codemix corpora leakage shows them).",),
)
