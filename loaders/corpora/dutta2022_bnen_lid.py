from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.corpora._icon import ICON_LID
from codemix.loaders.spec import CorpusSpec, FileSpec, Reference, SplitPolicy

_BASE = "https://raw.githubusercontent.com/aparnadutta/code-mixed-lid/cc2e3c2bc9aae5b09a5ab8b3c572c6a117382a74/train_dev_test_data/"
_CITATION = ("Aparna Dutta. Word-level LID for Bangla-English Code-mixed Social Media Data. COSI 217a final project, "
             "Brandeis University, 2021 (github.com/aparnadutta/code-mixed-lid)")

SPEC = CorpusSpec(
    name="dutta2022_bnen_lid",
    description="Bangla-English word-level LID: ICON-2015/2016 BN-EN posts (WhatsApp tags corrected), the author's 80/10/10 split",
    pair="bn-en",
    languages=("ben-Latn", "eng-Latn"),
    tasks=("lid",),
    format="tagged_items",
    files=(
        FileSpec("train.txt", _BASE + "train.txt", "851a5afed00d65f34d1fa2deb02d52776139158e0c230fc3704dff7c373713a4", split="train", size=200002),
        FileSpec("dev.txt", _BASE + "dev.txt", "a3ececf6882825a5f03e3fc4e190d07a4d616bbd0ab0cdc51899ebb1a2cb1728", split="validation", size=67819),
        FileSpec("test.txt", _BASE + "test.txt", "c6da2c2e19c2cd40ef51a342b125f2a3a335342d3df2b7be41d7b52671e3e54b", split="test", size=64411),
    ),
    columns={"tokens": "token", "lid": "tag"},
    label_maps={"lid": ICON_LID},
    split_policy=SplitPolicy("official", description="the author's random split: 2,070 / 691 / 690 sentences"),
    license="none stated (no LICENSE file; research use, not bundled)",
    bibtex=bibtex("dutta2021lid"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/aparnadutta/code-mixed-lid",
    reader_options={"separator": "/"},
    references=(
        Reference(task="lid", metric="accuracy", value=0.9243, system="BiLSTM + SentencePiece (the author's)", citation=_CITATION,
                  label_scheme="source tags (bn/en/univ/ne/hi/acro/mixed/undef)"),
    ),
    notes=("One sentence per line of token/TAG items, split on the last '/'; text is lower-cased.",
           "Some tokens are mojibake emoji that were also lower-cased: the cp1252 repair cannot undo them, they stay opaque."),
)
