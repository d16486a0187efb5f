from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, SplitPolicy

SPEC = CorpusSpec(
    name="iiith2016_hien_sentiment",
    description="IIITH code-mixed Hindi-English Facebook comments, 3-class sentiment (Prabhu et al. 2016)",
    pair="hi-en",
    languages=("hin-Latn", "eng-Latn"),
    tasks=("sentiment",),
    format="tab_text",
    files=(FileSpec("IIITH_Codemixed.txt",
                    "https://raw.githubusercontent.com/drimpossible/Sub-word-LSTM/9b0cf6b0e01ab2b588b056e74860e962abeec5a4/Data/IIITH_Codemixed.txt",
                    "7b964216145c707fa46cd90729af61ab60ac44cce50eb8eae7524b1e873287a1", size=258964),),
    columns={"id": "id", "text": "text", "sentiment": "label"},
    label_maps={"sentiment": LabelMap.of({
        "0": ("negative", "IIITH's class 0"), "1": ("neutral", "IIITH's class 1"), "2": ("positive", "IIITH's class 2"),
    }, clean=(STRIP_SPACES,))},
    split_policy=SplitPolicy("seeded", seed=2016, stratify_by="sentiment",
                             description="no official split: seeded 80/10/10 by sentence, stratified by label"),
    license="none stated (research use; not bundled)",
    bibtex=bibtex("prabhu2016subword"),
    citation=("Prabhu, Joshi, Shrivastava, Varma. Towards Sub-Word Level Compositions for Sentiment Analysis of "
              "Hindi-English Code Mixed Text. COLING 2016 (arXiv:1611.00472)"),
    version="1.0.0",
    homepage="https://github.com/drimpossible/Sub-word-LSTM",
    reader_options={"columns": ("id", "text", "label", "label_copy"), "equal_columns": (("label", "label_copy"),),
                    "free_column": "text"},
    missing_text="keep",
    domain="facebook",
    notes=("Columns 3 and 4 repeat the label: the reader checks they agree on every line.",),
)
