from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, SplitPolicy

_BASE = "https://raw.githubusercontent.com/l3cube-pune/MarathiNLP/8ee29fa1329d6a841030eb46659d3c10614b5e59/MeEval/L3Cube-MeLID/"

SPEC = CorpusSpec(
    name="l3cube_melid",
    description="L3Cube-MeLID: Marathi-English code-mixed tweets, token-level language identification",
    pair="mr-en",
    languages=("mar-Latn", "eng-Latn"),
    tasks=("lid",),
    format="token_rows_csv",
    files=(
        FileSpec("lid_train.csv", _BASE + "lid_train.csv", "0fad3c493343acd790b9a254558fb4a88255efaa283d82c2e6877a32058c6c5c", split="train", size=1665244),
        FileSpec("lid_eval.csv", _BASE + "lid_eval.csv", "edd55069fd07be4acf9bac2973e2710444e464081c2813cbd62c8fab5b2f454b", split="validation", size=226658),
        FileSpec("lid_test.csv", _BASE + "lid_test.csv", "c673aaa17886a23f558134584e29fb400c865248f3f54603148e68aab6343991", split="test", size=267986),
    ),
    columns={"id": "id", "tokens": "sentence", "lid": "label"},
    label_maps={"lid": LabelMap.of({
        "MAR": ("mr", "MeLID's Marathi tag"),
        "ENG": ("en", "MeLID's English tag"),
        "OTH": ("other", "MeLID's OTH ('undefined') holds named entities, numbers, single letters and interjections; "
                         "named entities are not separated in this corpus, so the language-independent class is used"),
    })},
    split_policy=SplitPolicy("official", description="the authors' train / eval / test files (9,318 / 1,154 / 1,341 sentences)"),
    license="CC BY-NC-SA 4.0 (research, non-commercial; not bundled, downloaded on demand)",
    bibtex=bibtex("chavan2023myboli"),
    citation=("Chavan, Gokhale, Kane, Patankar, Joshi. My Boli: Code-mixed Marathi-English Corpora, Pretrained Language "
              "Models and Evaluation Benchmarks. Findings of IJCNLP-AACL 2023 (arXiv:2306.14030)"),
    version="1.0.0",
    homepage="https://github.com/l3cube-pune/MarathiNLP",
    reader_options={"header": ("id", "sentence", "label"), "sentence_id": "id", "token_columns": ("sentence", "label")},
    domain="twitter",
    notes=("One token per CSV row (the column called 'sentence' holds a token); rows are grouped into sentences by "
           "consecutive id. lid_all.csv is the concatenation of the three files and is not loaded.",
           "The eval and test files tag some frequent words otherwise than train (te: 378 ENG / 70 MAR in train, 10 / 62 "
           "in test; marathi: 272 MAR / 4 OTH in train, 23 MAR / 18 OTH in test; OTH is 7.6% of train tokens, 9.2% of "
           "eval, 9.6% of test): a word seen at least five times in train has its train-majority tag in 99.1% of its "
           "occurrences in a random tenth of train, 96.2% in eval and 95.9% in test (benchmarks/split_shift.py), which "
           "bounds any model trained on train alone.",),
)
