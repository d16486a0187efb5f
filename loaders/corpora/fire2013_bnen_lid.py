from codemix.loaders.corpora._bibtex import bibtex
from codemix.loaders.spec import STRIP_SPACES, CorpusSpec, FileSpec, LabelMap, SplitPolicy

SPEC = CorpusSpec(
    name="fire2013_bnen_lid",
    description="FIRE 2013 transliterated search: Bengali-English queries with word-level LID and gold Bengali-script forms",
    pair="bn-en",
    languages=("ben-Latn", "eng-Latn"),
    tasks=("lid",),
    format="tagged_items",
    files=(FileSpec("BanglaEnglish_FIRE2013_AnnotatedDev.txt",
                    "https://raw.githubusercontent.com/ArunavhaChanda/Code-mixing-research/cc59694e02dabe05c950b252d92bac36384dd4ab/BanglaEnglish_FIRE2013_AnnotatedDev.txt",
                    "6ef7e38fa9e374bd0bdf9cbe0ee45f13d70a806f9130a9b39e7a5cb50e5c9fe2", size=9362),),
    columns={"tokens": "token", "lid": "tag", "native": "native"},
    label_maps={"lid": LabelMap.of({"B": ("bn", "FIRE's Bengali tag"), "E": ("en", "FIRE's English tag")},
                                   clean=(STRIP_SPACES,), ignore_case=True)},
    split_policy=SplitPolicy("test_only", description="a single annotated file (100 queries): evaluation only"),
    license="none stated (research use; not bundled)",
    bibtex=bibtex("roy2013fire"),
    citation=("Roy, Choudhury, Majumder, Agarwal. Overview of the FIRE 2013 Track on Transliterated Search. FIRE 2013"),
    version="1.0.0",
    homepage="https://github.com/ArunavhaChanda/Code-mixing-research",
    reader_options={"separator": "\\", "native_separator": "="},
    domain="search_query",
    notes=("Items are word\\TAG; Bengali items carry their gold Bengali-script form (word\\B=<Bengali>), kept in "
           "the record's native layer ('' for English words).",
           "UTF-8 with a BOM, CRLF, no final newline, trailing spaces: all handled by the reader."),
)
