from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.corpora._icon import ICON_COARSE_UPOS, ICON_LID, icon2016_files
from codemix.loaders.spec import CorpusSpec, Reference, SplitPolicy

_CITATION = ("Jamatia, Gambäck, Das. Part-of-Speech Tagging for Code-Mixed English-Hindi Twitter and Facebook Chat "
             "Messages. RANLP 2015; and the ICON-2016 Tool Contest on POS Tagging for Code-Mixed Indian Social Media Text")

SPEC = CorpusSpec(
    name="icon2016_hien_pos",
    description="ICON-2016 POS contest, Hindi-English (Facebook, Twitter, WhatsApp): token POS and LID",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("pos", "lid"),
    format="token_tsv",
    files=icon2016_files("HI", {
        "FB": (("97658ff8b0c90ae933f01ad14286da09fd395e8201854bbe7ebe216374a3efef", 256312),
                 ("837432d197b1ecd73fb846b1830bf12b88804d1b1b1921d1d5f7514669688d1b", 282212)),
        "TWT": (("0c67ef706a2cb8dc4efa01c3152b890ee60a0fc3601136bf8cf213e073e9c52c", 227923),
                 ("c319b096b0f2493d537ccaa8ebaff979af84713b331ad3a039991f453449f178", 252670)),
        "WA": (("fc77c367fe6c00bb2902371720acdb9f2792cc91bc6eb79fd0ac37ac0efe4252", 39971),
                 ("abb77a82dabf396eca28b2a1bcb06224cc7ba274439c3fb67f333d1914ae6531", 44384)),
    }),
    columns={"tokens": "token", "lid": "lang", "upos": "coarse_pos", "xpos": "fine_pos"},
    label_maps={"lid": ICON_LID, "upos": ICON_COARSE_UPOS},
    split_policy=SplitPolicy("seeded", seed=2016, stratify_by="domain",
                             description="no official split (train-only release): seeded 80/10/10 by sentence, stratified by source (FB/TWT/WA)"),
    license="none stated (shared-task data, research use; not bundled)",
    bibtex=bibtex("jamatia2015pos", "icon2016pos"),
    citation=_CITATION,
    version="1.0.0",
    homepage="http://amitavadas.com/Code-Mixing.html",
    reader_options={"columns": ("token", "lang", "coarse_pos")},
    references=(
        Reference(task="pos", metric="f1", value=0.6414, system="mBERT (GLUECoS POS EN-HI FG)",
                  citation="Khanuja et al. GLUECoS. ACL 2020", split="GLUECoS's own pre-split version",
                  label_scheme="source fine-grained tags", note="not directly comparable: another split of this data"),
    ),
    notes=("The coarse (*_CR) and fine (*_FN) files are token-aligned: one record per sentence; the fine file is "
           "checked token by token against the coarse one.",
           "upos is mapped from the coarse tags (the contest's coarse task; G_X, which holds punctuation, maps to X), "
           "xpos keeps the fine BIS tag verbatim.",
           "Mojibake emoji (UTF-8 read as cp1252) in TWT and WA files are repaired where the repair round-trips.",
           "FB_HI_EN overlaps heavily with icon2015_hien_pos."),
)
