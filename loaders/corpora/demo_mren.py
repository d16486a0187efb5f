from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_mren", "mr-en", ("mar-Latn", "mar-Deva", "eng-Latn"),
    "Synthetic Marathi-English demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "ee0385962a02be6596a7f1f5e451e3d0a3a6c8c03a5c1dccbce14463aa9ada81",
     "validation": "5cbc74151ca33987694313548bfc04b3c733f12903b046b7067cc92f21e96808",
     "test": "fe9c17be1c58762f855c540d82afbe9c49e2d27c4553c988c2b6a0479a3860b2"},
)
