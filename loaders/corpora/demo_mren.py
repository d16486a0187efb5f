from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_mren", "mr-en", ("mar-Latn", "mar-Deva", "eng-Latn"),
    "Synthetic Marathi-English demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "0cf8e28687a1f8245e41700daa8655e50633729cdd0d260ee7413deb02fc6114",
     "validation": "15ce1ebe5d14371bb1f9992953e3196ffd4f3b0c22c7209b00b8c7d5c9710343",
     "test": "3240116caa442df9fbc0a0769a407026d6e5e5d2addd2a159e247c36667f61cb"},
)
