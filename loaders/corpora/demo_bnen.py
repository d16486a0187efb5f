from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_bnen", "bn-en", ("ben-Latn", "ben-Beng", "eng-Latn"),
    "Synthetic Banglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "c1b5d767fdd8e4d8c7d3e791b8315db8d8bcc54fe014a2b483b086adf65c831f",
     "validation": "c391ea7b84da4bf089417cbfd6e4acd9f4d8fe0d9245da47a5b787ae7372520a",
     "test": "f52e1985e6ed721117f17b4d104dd8c56a7dba148c7af1cdf10f1a64d315ac52"},
)
