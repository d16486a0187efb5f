from codemix.loaders.corpora._icon import ICON_FINE_UPOS, ICON_LID
from codemix.loaders.spec import CorpusSpec, FileSpec, SplitPolicy

SPEC = CorpusSpec(
    name="icon2015_bnen_pos",
    description="ICON-2015 POS tools contest, Bengali-English train release: token POS (fine BIS tags) and LID",
    pair="bn-en",
    languages=("ben-Latn", "eng-Latn"),
    tasks=("pos", "lid"),
    format="token_tsv",
    files=(FileSpec("BN_EN_TRAIN.txt",
                    "https://raw.githubusercontent.com/srhrshr/code-mixing-social-media/928ceb5072667a1d8d38734f39f5589d120d449d/data/Data-2015/BN_EN/BN_EN_TRAIN.txt",
                    "b82bcbb1cff579a82dc7db015d8ab45db80f1670d1f9cc03153591e4aaa5c745", size=353820, repair_mojibake=True),),
    columns={"tokens": "token", "lid": "lang", "upos": "pos", "xpos": "pos"},
    label_maps={"lid": ICON_LID, "upos": ICON_FINE_UPOS},
    split_policy=SplitPolicy("seeded", seed=2015, description="train-only release: seeded 80/10/10 by sentence"),
    license="none stated (shared-task data, research use; not bundled)",
    citation="ICON-2015 NLP Tools Contest: POS tagging for code-mixed Indian social media text (Das et al.)",
    version="1.0.0",
    homepage="http://amitavadas.com/Code-Mixing.html",
    # A bare '---' line has one column: it is no token, so it is skipped and counted.
    reader_options={"columns": ("token", "lang", "pos"), "skip_lines": ("---",)},
    empty_tokens="keep",
    notes=("Dirty lines, each handled explicitly and counted in the load report: the bare '---' line is skipped; "
           "lines with an empty token ('<TAB>univ<TAB>$') are kept so token counts match the file; POS tags with a "
           "stray '§' (N_NNP§, N_NN§N_NNP, RD_PUNC§) map through the tag before the '§' (xpos keeps them verbatim); "
           "the noise LID tags 'univ..' and ':D' map to other.",
           "LID suffix tags (ne+bn_suffix, en+bn_suffix, ...) map to mixed."),
)
