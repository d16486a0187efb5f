from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, SplitPolicy

_BASE = "https://raw.githubusercontent.com/l3cube-pune/code-mixed-nlp/085a188b858ffc424cd0489e597fd105191597b9/L3Cube-HingLID/"

SPEC = CorpusSpec(
    name="l3cube_hinglid",
    description="L3Cube-HingLID: Roman Hindi-English (Hinglish) token-level language identification",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("lid",),
    format="token_tsv",
    files=(
        # Over 4 MiB and not mirrored here, so its sha256 is not pinned: loaded when present, announced when absent.
        FileSpec("train.txt", _BASE + "train.txt", None, split="train", optional=True),
        FileSpec("validation.txt", _BASE + "validation.txt", "f9e9e96d1961eac04ce21165dab345a19fcfb4d28f8cc639804a40494010188c", split="validation", size=1553555),
        FileSpec("test.txt", _BASE + "test.txt", "6007c2999e97e946ebf3b2ca49ddff16fda0a29e7b6c9ca28d0d006329f70303", split="test", size=1555936),
    ),
    columns={"tokens": "token", "lid": "tag"},
    label_maps={"lid": LabelMap.of({"HI": "hi", "EN": "en"}, clean=(STRIP_SPACES,), ignore_case=True)},
    split_policy=SplitPolicy("official", description="the authors' train (31,756, optional) / validation 6,279 / test 6,420 sentences"),
    license="CC BY-NC-SA 4.0 (research, non-commercial; not bundled)",
    bibtex=bibtex("nayak2022hingbert"),
    citation=("Nayak, Joshi. L3Cube-HingCorpus and HingBERT: A Code Mixed Hindi-English Dataset and BERT Language "
              "Models. WILDRE-6 @ LREC 2022 (arXiv:2204.08398)"),
    version="1.0.0",
    homepage="https://github.com/l3cube-pune/code-mixed-nlp",
    reader_options={"columns": ("token", "tag")},
    domain="twitter",
    empty_tokens="keep",
    notes=("Only HI and EN tags: punctuation and mentions were removed upstream.",
           "train.txt (>4 MiB) has no pinned sha256: it is loaded when present and a warning says when it is absent."),
)
