from codemix.loaders.corpora._icon import icon2015_spec

SPEC = icon2015_spec(
    "HI", "5e9783e48de4650f00512795c1203488b88d3ff411b4b46f5b6b267cf1cbe356", 224610,
    notes=("upos from the fine BIS tags through the ICON map; xpos keeps them verbatim.",
           "Overlaps heavily with icon2016_hien_pos (FB_HI_EN).",
           "Mojibake (UTF-8 read as cp1252) is repaired only where the repair round-trips."),
)
