from codemix.loaders.corpora._icon import ICON_FINE_UPOS, ICON_LID
from codemix.loaders.spec import CorpusSpec, FileSpec, SplitPolicy

SPEC = CorpusSpec(
    name="icon2015_hien_pos",
    description="ICON-2015 POS tools contest, Hindi-English train release: token POS (fine BIS tags) and LID",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("pos", "lid"),
    format="token_tsv",
    files=(FileSpec("HI_EN_TRAIN.txt",
                    "https://raw.githubusercontent.com/srhrshr/code-mixing-social-media/928ceb5072667a1d8d38734f39f5589d120d449d/data/Data-2015/HI_EN/HI_EN_TRAIN.txt",
                    "5e9783e48de4650f00512795c1203488b88d3ff411b4b46f5b6b267cf1cbe356", size=224610, repair_mojibake=True),),
    columns={"tokens": "token", "lid": "lang", "upos": "pos", "xpos": "pos"},
    label_maps={"lid": ICON_LID, "upos": ICON_FINE_UPOS},
    split_policy=SplitPolicy("seeded", seed=2015, description="train-only release: seeded 80/10/10 by sentence"),
    license="none stated (shared-task data, research use; not bundled)",
    citation="ICON-2015 NLP Tools Contest: POS tagging for code-mixed Indian social media text (Das et al.)",
    version="1.0.0",
    homepage="http://amitavadas.com/Code-Mixing.html",
    reader_options={"columns": ("token", "lang", "pos")},
    empty_tokens="keep",
    notes=("upos from the fine BIS tags through the ICON map; xpos keeps them verbatim.",
           "Overlaps heavily with icon2016_hien_pos (FB_HI_EN).",
           "Mojibake (UTF-8 read as cp1252) is repaired only where the repair round-trips."),
)
