"""What every stage shares, depending on nothing else of codemix: the error types, the closed label
vocabularies, "did you mean" name lookups, terminal-safe text and the version.

The stages read in one direction - common -> loaders -> tasks -> baselines / leaderboard -> the
CLI - and nothing imports back up (``tests/test_import_direction.py`` checks it).
"""
