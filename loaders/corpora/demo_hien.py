from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_hien", "hi-en", ("hin-Latn", "hin-Deva", "eng-Latn"),
    "Synthetic Hinglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "74eb0e6873c0fcd49ab9f83d66404202ef1b85eec086c4c59c31d9e97dd4061f",
     "validation": "8869cdd1a5735a33b30a3390f6900c775fbbf103ffa715d444485084cee14625",
     "test": "f5fd0430db4c5ada272ed77764756de37fd464248a567df3d9e0ed02a5b208de"},
)
