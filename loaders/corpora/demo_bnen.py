from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_bnen", "bn-en", ("ben-Latn", "ben-Beng", "eng-Latn"),
    "Synthetic Banglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "907491dd66736b6c9825687276070402f6666bf0e88e638b648a3073e21175dd",
     "validation": "10ce842e45920b47008996a7c39498481750f4974f058b395d909f597a479eb7",
     "test": "4f2ee78b485fcdd29d99292e2565159e70755f0e240e17eab405385536e37f5f"},
)
