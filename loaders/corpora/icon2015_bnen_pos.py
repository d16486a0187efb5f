from codemix.loaders.corpora._icon import icon2015_spec

SPEC = icon2015_spec(
    "BN", "b82bcbb1cff579a82dc7db015d8ab45db80f1670d1f9cc03153591e4aaa5c745", 353820,
    # A bare '---' line has one column: it is no token, so it is skipped and counted.
    skip_lines=("---",),
    notes=("Dirty lines, each handled explicitly and counted in the load report: the bare '---' line is skipped; "
           "lines with an empty token ('<TAB>univ<TAB>$') are kept so token counts match the file; POS tags with a "
           "stray '§' (N_NNP§, N_NN§N_NNP, RD_PUNC§) map through the tag before the '§' (xpos keeps them verbatim); "
           "the noise LID tags 'univ..' and ':D' map to other.",
           "LID suffix tags (ne+bn_suffix, en+bn_suffix, ...) map to mixed."),
)
