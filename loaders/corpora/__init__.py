"""One corpus spec per module; discovered by ``codemix.loaders.registry``.

To add a corpus: add ``<name>.py`` defining ``SPEC = CorpusSpec(...)`` and a synthetic
fixture folder ``tests/fixtures/<name>/``. Nothing else is edited.
"""
