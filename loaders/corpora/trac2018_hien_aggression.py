from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_OFFICIAL = "https://raw.githubusercontent.com/kmi-linguistics/trac-1/cc0ec40468e2bbe9549c30ee8d016424479cd9bf/hindi/"
_GOLD = ("https://raw.githubusercontent.com/victor7246/Hinglish_Hate_Detection/2ada87ccff36841c73e75a3ed7651be498839422/"
         "data/raw/trac1-dataset/trac-gold-set/")
_RITUAL = "Orabi et al. (RiTUAL-UH). Cyber-aggression detection using cross segment-and-concatenate multi-task learning. TRAC-1 2018 (arXiv:1807.11712)"

SPEC = CorpusSpec(
    name="trac2018_hien_aggression",
    description="TRAC-1 aggression identification, Hindi / Hindi-English: Facebook train/dev, Facebook and Twitter gold test sets",
    pair="hi-en",
    languages=("hin-Latn", "hin-Deva", "eng-Latn"),
    tasks=("offensive",),
    format="csv",
    files=(
        FileSpec("agr_hi_train.csv", _OFFICIAL + "agr_hi_train.csv", "70b4a8eff7f051df8ec813478ab0ae41bbc0ec656ea8c5f2909083aa10b6563a", split="train", domain="facebook", size=3075182),
        FileSpec("agr_hi_dev.csv", _OFFICIAL + "agr_hi_dev.csv", "8ec34c922293beeced07916756708a13f221cb426aa4283a6704f6967caba2e8", split="validation", domain="facebook", size=782216),
        FileSpec("agr_hi_fb_gold.csv", _GOLD + "agr_hi_fb_gold.csv", "cb97f4aef6c7ac9aa29c5893ba40e67eea4fc2c8cda22141525da65e17190c1e", split="test", domain="facebook", size=351433),
        FileSpec("agr_hi_tw_gold.csv", _GOLD + "agr_hi_tw_gold.csv", "7e1844d280770d08501651f1a72aaae87d80b51434222ee21bd796b254220171", split="test", domain="twitter", size=219049),
    ),
    columns={"id": "id", "text": "text", "offensive": "label", "source_label": "label"},
    label_maps={"offensive": LabelMap.of({
        "OAG": ("offensive", "overtly aggressive"),
        "CAG": ("offensive", "covertly aggressive: still aggression, the usual TRAC binarisation"),
        "NAG": ("not_offensive", "non-aggressive"),
    })},
    split_policy=SplitPolicy("official", description="train 12,000 / dev 3,001 / one test split of both gold sets (970 facebook + 1,194 twitter; see domain)"),
    license="CC BY-NC-SA 4.0 (dataset README; non-commercial; not bundled)",
    bibtex=bibtex("kumar2018aggression", "kumar2018trac"),
    citation=("Kumar, Reganti, Bhatia, Maheshwari. Aggression-annotated Corpus of Hindi-English Code-mixed Data. LREC 2018; "
              "Kumar, Ojha, Malmasi, Zampieri. Benchmarking Aggression Identification in Social Media. TRAC-1 @ COLING 2018"),
    version="1.0.0",
    homepage="https://github.com/kmi-linguistics/trac-1",
    reader_options={"columns": ("id", "text", "label")},
    missing_text="keep",
    references=(
        Reference(task="offensive", metric="weighted_f1", value=0.6292, system="RiTUAL-UH (ranked 1st)", citation=_RITUAL,
                  domain="facebook", label_scheme="source (OAG/CAG/NAG)"),
        Reference(task="offensive", metric="weighted_f1", value=0.4853, system="RiTUAL-UH (ranked 2nd)", citation=_RITUAL,
                  domain="twitter", label_scheme="source (OAG/CAG/NAG)"),
    ),
    notes=("offensive = OAG or CAG, not_offensive = NAG; source_label keeps the 3-class label for the TRAC protocol.",
           "59 of the 970 Facebook test texts also occur in train or dev (codemix corpora leakage shows them).",
           "Fields hold quoted newlines (bare LF inside CRLF records): read with a real CSV parser.",
           "One train row has empty text: kept (12,000 records) and counted."),
)
