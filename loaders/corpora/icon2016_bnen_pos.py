from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.corpora._icon import ICON_COARSE_UPOS, ICON_LID, icon2016_files
from codemix.loaders.spec import CorpusSpec, SplitPolicy

SPEC = CorpusSpec(
    name="icon2016_bnen_pos",
    description="ICON-2016 POS contest, Bengali-English (Facebook, Twitter, WhatsApp): token POS and LID",
    pair="bn-en",
    languages=("ben-Latn", "eng-Latn"),
    tasks=("pos", "lid"),
    format="token_tsv",
    files=icon2016_files("BN", {
        "FB": (("0354ed857003b9073f64b2286ced94151a08e5baf7cdb014d6ae298991644a7a", 95206),
                 ("5c5c89bf0e58449af36385da0797d952a1152fe1e356dbceb8882b72396ee032", 105594)),
        "TWT": (("e6bf694f8a002025295fb3a13d0f97766b06ad026849baa7e7fc229197eaad7f", 49046),
                 ("dadd1dc286e4a940260175135e8bb76df9aee06fd7280182b2908731db055b00", 53809)),
        "WA": (("e31d3137bcef7c38af212ccd64ae7b5aca0083e7a9d5b42f90170095552691bd", 51031),
                 ("03f3a096e5449e1b8df613ccf7519be8f24a8aaa26b28ad0211e5db72f043bd8", 55804)),
    }),
    columns={"tokens": "token", "lid": "lang", "upos": "coarse_pos", "xpos": "fine_pos"},
    label_maps={"lid": ICON_LID, "upos": ICON_COARSE_UPOS},
    split_policy=SplitPolicy("seeded", seed=2016, stratify_by="domain",
                             description="no official split (train-only release): seeded 80/10/10 by sentence, stratified by source (FB/TWT/WA)"),
    license="none stated (shared-task data, research use; not bundled)",
    bibtex=bibtex("jamatia2015pos", "icon2016pos"),
    citation=("Jamatia, Gambäck, Das (RANLP 2015) and the ICON-2016 Tool Contest on POS Tagging for Code-Mixed Indian "
              "Social Media Text"),
    version="1.0.0",
    homepage="http://amitavadas.com/Code-Mixing.html",
    reader_options={"columns": ("token", "lang", "coarse_pos")},
    notes=("Coarse and fine files are token-aligned: one record per sentence; upos from the coarse tags, xpos = the fine tag.",
           "WA_BN_EN's LID tags are largely undef (1,323 of 3,529 tokens): dutta2022_bnen_lid has them corrected.",
           "TWT_BN_EN starts with a blank line; mojibake emoji are repaired where the repair round-trips."),
)
