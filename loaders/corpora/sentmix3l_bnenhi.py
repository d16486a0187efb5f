from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import CorpusSpec, FileSpec, LabelMap, Reference, SplitPolicy

_CITATION = ("Raihan, Goswami, Mahmud, Anastasopoulos, Zampieri. SentMix-3L: A Bangla-English-Hindi Code-Mixed Dataset "
             "for Sentiment Analysis. SEALP @ IJCNLP-AACL 2023 (arXiv:2310.18023)")

SPEC = CorpusSpec(
    name="sentmix3l_bnenhi",
    description="SentMix-3L: Bangla-English-Hindi code-mixed sentiment, a test-only benchmark",
    pair="bn-en-hi",
    languages=("ben-Beng", "ben-Latn", "hin-Deva", "hin-Latn", "eng-Latn"),
    tasks=("sentiment",),
    format="csv",
    files=(FileSpec("sen_1k.csv", "https://raw.githubusercontent.com/LanguageTechnologyLab/SentMix-3L/a4525989ec593d6407b607fb8bdaa2bc700faa15/sen_1k.csv",
                    "aa36f60c05a4471f43dc2a3af417c3ae5c731f710a0d467da8a35c24af426887", size=998400),),
    columns={"text": "text", "sentiment": "label"},
    label_maps={"sentiment": LabelMap.of({"Positive": "positive", "Negative": "negative", "Neutral": "neutral"})},
    split_policy=SplitPolicy("test_only", description="released as a test set only (the paper trains on synthetic data)"),
    license="AGPL-3.0 (repository LICENSE; not bundled)",
    bibtex=bibtex("raihan2023sentmix3l"),
    citation=_CITATION,
    version="1.0.0",
    homepage="https://github.com/LanguageTechnologyLab/SentMix-3L",
    reader_options={"header": ("text", "label")},
    references=(
        Reference(task="sentiment", metric="weighted_f1", value=0.62, system="GPT-3.5-Turbo", citation=_CITATION,
                  note="listed with the models trained on synthetic data; the README does not say whether it was "
                       "prompted or fine-tuned", model_kind="LLM"),
        Reference(task="sentiment", metric="weighted_f1", value=0.59, system="XLM-R", citation=_CITATION,
                  note="trained on synthetic data, tested here", model_kind="fine-tuned"),
        Reference(task="sentiment", metric="weighted_f1", value=0.56, system="mBERT", citation=_CITATION,
                  note="trained on synthetic data, tested here", model_kind="fine-tuned"),
    ),
    notes=("368 texts hold quoted newlines (kept in text); tokens come from codemix's tokeniser.",),
)
