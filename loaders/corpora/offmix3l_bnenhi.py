from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_CITATION = ("Goswami, Raihan, Mahmud, Anastasopoulos, Zampieri. OffMix-3L: A Novel Code-Mixed Dataset in "
             "Bangla-English-Hindi for Offensive Language Identification. SocialNLP 2023 (arXiv:2310.18387)")

SPEC = CorpusSpec(
    name="offmix3l_bnenhi",
    description="OffMix-3L: Bangla-English-Hindi code-mixed offensive language, a test-only benchmark",
    pair="bn-en-hi",
    languages=("ben-Beng", "ben-Latn", "hin-Deva", "hin-Latn", "eng-Latn"),
    tasks=("offensive",),
    format="csv",
    files=(FileSpec("off_1k.csv", "https://raw.githubusercontent.com/LanguageTechnologyLab/OffMix-3L/308ce8ccb950d883c37ff93036f764c55caf652e/off_1k.csv",
                    "be786568248482b1ebd766846a4ee9fe0126bf5a45a78792bdce7d280cbcb272", size=1004932),),
    columns={"text": "text", "offensive": "label"},
    label_maps={"offensive": LabelMap.of({
        "NOT": ("not_offensive", "OffMix's NOT = not offensive"),
        "OFF": ("offensive", "OffMix's OFF = offensive"),
    }, clean=(STRIP_SPACES,))},
    split_policy=SplitPolicy("test_only", description="released as a test set only (the paper trains on synthetic data)"),
    license="AGPL-3.0 (repository LICENSE; not bundled)",
    bibtex=bibtex("goswami2023offmix3l"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/LanguageTechnologyLab/OffMix-3L",
    reader_options={"header": ("text", "label")},
    missing_text="keep",
    references=(
        Reference(task="offensive", metric="weighted_f1", value=0.68, system="BanglishBERT", citation=_CITATION,
                  note="trained on synthetic data, tested here", model_kind="fine-tuned"),
        Reference(task="offensive", metric="weighted_f1", value=0.63, system="mBERT", citation=_CITATION,
                  note="trained on synthetic data, tested here", model_kind="fine-tuned"),
        Reference(task="offensive", metric="weighted_f1", value=0.57, system="GPT-3.5", citation=_CITATION,
                  note="listed with the models trained on synthetic data; whether it was prompted or fine-tuned is not "
                       "stated there", model_kind="LLM"),
    ),
    notes=("371 texts hold quoted newlines (kept in text); CRLF line ends.",),
)
