from codemix.loaders.corpora._demo import demo_spec

SPEC = demo_spec(
    "demo_mren", "mr-en", ("mar-Latn", "mar-Deva", "eng-Latn"),
    "Synthetic Marathi-English demo corpus: token LID and UPOS, sentence sentiment and offensiveness (ships with codemix)",
    {"train": "438bb4ce21286314ccabd5c6e9c628fa49025ab9c040f06c7e86f9dfe78225b9",
     "validation": "0cb41c202846560d1a8d933d1bb65ef05c3883aa3e4eac94a19f60083a9802df",
     "test": "c6389710578f0337b797cfb84656efd2842efbf04d0a4cbb4eaa82a6d02ab529"},
)
