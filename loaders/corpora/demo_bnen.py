from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_bnen", "bn-en", ("ben-Latn", "ben-Beng", "eng-Latn"),
    "Synthetic Banglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "53bf23e047097987f39c2ad754fd59cd2de541eafde8dc65d035c8745b66271e",
     "validation": "4e079dca1ee98a8395d4a8958f3254cb550cc8a2f1ef57cf3df727ac75dfc540",
     "test": "c7cfafc153f22fa0ed57d8bea6c94a8e7a98b32a7fe55c6a2cfcd712c394d741"},
)
