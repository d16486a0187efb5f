"""The package version, in one place (``codemix.__version__`` and every submission's meta read it)."""

VERSION = "0.1.0"
