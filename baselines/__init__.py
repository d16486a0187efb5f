"""Baselines (majority, char n-gram, CRF, transformer): see issue #5/#6."""
