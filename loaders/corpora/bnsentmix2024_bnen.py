from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_CITATION = ("Alam, Ishmam, Alvee, Siddique, Hossain, Kamal. BnSentMix: A Diverse Bengali-English Code-Mixed Dataset for "
             "Sentiment Analysis. LoResLM @ COLING 2025, pp. 68-77 (arXiv:2408.08964)")

SPEC = CorpusSpec(
    name="bnsentmix2024_bnen",
    description="BnSentMix (early GitHub release, 14,656 rows): Bengali-English code-mixed comments, sentiment",
    pair="bn-en",
    languages=("ben-Latn", "eng-Latn"),
    tasks=("sentiment",),
    format="csv",
    files=(FileSpec("Bengali English Code-Mixed Dataset.csv",
                    "https://raw.githubusercontent.com/Nishita2000/BnSentMix/93f121702fe73ed74a6e4f1531fc7d0cdea787b7/data/Bengali%20English%20Code-Mixed%20Dataset.csv",
                    "f91347325b32ffca5b42d41b81673b7e112c943166ef30cc4b30c0ec55ef9383", size=957305),),
    columns={"text": "sentence1", "sentiment": "label"},
    # The release does not state the mapping; read against the texts (praise and 'love from ...'
    # under 0, complaints about prices and quality under 1, plain questions under 2, comments
    # with both praise and complaint under 3) it is the HF card's order, 0-based.
    label_maps={"sentiment": LabelMap.of({
        "0": ("positive", "read from the texts: praise, thanks, 'love from ...'"),
        "1": ("negative", "read from the texts: complaints about price, quality, behaviour"),
        "2": ("neutral", "read from the texts: questions and plain statements"),
        "3": (None, "read from the texts: mixed (praise and complaint together); no canonical 3-class counterpart, "
                    "so sentiment is left empty and source_label keeps '3'"),
    })},
    split_policy=SplitPolicy("seeded", seed=2024, stratify_by="source_label",
                             description="no official split in this release: seeded 80/10/10 by sentence, stratified by the 4 source classes"),
    license="Apache-2.0 (repository LICENSE; the HF card says MIT)",
    bibtex=bibtex("alam2025bnsentmix"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/Nishita2000/BnSentMix",
    reader_options={"header": ("sentence1", "label")},
    missing_text="keep",
    references=(
        Reference(task="sentiment", metric="weighted_f1", value=0.688, system="BERT", citation=_CITATION,
                  label_scheme="source (4 classes)", split="the paper's test split of the 20k release",
                  note="not comparable: other data version, split and label scheme"),
    ),
    notes=("Class 3 (mixed, 1,135 rows) has no canonical sentiment: kept as records with sentiment empty and "
           "source_label '3', counted in the load report; the sentiment task skips them.",
           "One row has empty text: kept (14,656 records) and counted."),
)
