from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, SplitPolicy

SPEC = CorpusSpec(
    name="bohra2018_hien_hate",
    description="Bohra et al. 2018: Hindi-English code-mixed tweets, binary hate speech",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("offensive",),
    format="tab_text",
    files=(FileSpec("hate_speech.tsv",
                    "https://raw.githubusercontent.com/victor7246/Hinglish_Hate_Detection/2ada87ccff36841c73e75a3ed7651be498839422/data/raw/Hate-speech-dataset/hate_speech.tsv",
                    "0acde9b52126b33ad990b9dfe451665af2e56ea9641a8293222bd9125abdd3df", size=512500),),
    columns={"text": "text", "offensive": "label"},
    label_maps={"offensive": LabelMap.of({
        "yes": ("offensive", "hate speech = yes; hate is filed under the offensive task"),
        "no": ("not_offensive", "hate speech = no"),
        "n": ("not_offensive", "label noise: a truncated 'no' (2 rows)"),
        "on": ("not_offensive", "label noise: 'no' with its letters swapped (2 rows)"),
    }, clean=(STRIP_SPACES,))},
    split_policy=SplitPolicy("seeded", seed=2018, stratify_by="offensive",
                             description="no split (the paper used 10-fold CV): seeded 80/10/10 by sentence, stratified by label"),
    license="tweet text is a third-party copy; the authors release tweet ids only (GPL-3.0 repo): never bundled",
    bibtex=bibtex("bohra2018hate"),
    citation=("Bohra, Vijay, Singh, Akhtar, Shrivastava. A Dataset of Hindi-English Code-Mixed Social Media Text for "
              "Hate Speech Detection. PEOPLES @ NAACL 2018 (W18-1105)"),
    version="1.0.0",
    homepage="https://github.com/victor7246/Hinglish_Hate_Detection",
    reader_options={"columns": ("text", "label"), "free_column": "text"},
    domain="twitter",
    missing_text="keep",
    notes=("TAB-separated with no quoting: 54 texts hold literal double quotes.",
           "The label typos n and on are mapped to not_offensive; the load report counts every source label.",
           "One row has empty text: kept (4,579 records) and counted."),
)
