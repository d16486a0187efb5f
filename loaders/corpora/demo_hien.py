from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_hien", "hi-en", ("hin-Latn", "hin-Deva", "eng-Latn"),
    "Synthetic Hinglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "ecd77276b22331fa98baa2c3e2e684af0b8a86015264f93afafbdcb80092a32d",
     "validation": "7bdcb5740a335a3cd7dfd0584617f8d85a1a97b4fc60b0614d012622247996bf",
     "test": "9ec596078dcb47869caa915c37158efaee30aaf69f2e20f3a0fa4e5bfd689205"},
)
