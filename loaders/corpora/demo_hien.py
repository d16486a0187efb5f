from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_hien", "hi-en", ("hin-Latn", "hin-Deva", "eng-Latn"),
    "Synthetic Hinglish demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "d44feb01a79438b3ac197385ecc22144c4a422278424263f3b090707f6fb62d2",
     "validation": "2bf7130d5c95b73d892afe3cb10d804573df93915a1238c77d983c4a00277e1b",
     "test": "c68a31d4f3301832f40fbb64fe20462d119ca18df2e6e074edbecc67365e5c4b"},
)
