"""Baselines (majority, char n-gram, CRF, transformer) and the adapters that evaluate any model."""
