"""A fingerprint of model weights: what meta.json records so a result names the exact model."""

from __future__ import annotations

import hashlib
from pathlib import Path

# Files that decide what a checkpoint computes; tokenizer files change its inputs too.
WEIGHT_PATTERNS = ("config.json", "*.safetensors", "*.bin", "*.pt", "*.gguf", "tokenizer.json", "tokenizer_config.json",
                   "vocab.txt", "vocab.json", "merges.txt", "*.model")


def weights_fingerprint(folder: str | Path) -> dict:
    """``{"sha256": ..., "files": [...]}`` over the config, weight and tokenizer files of ``folder``.

    Files are hashed in name order, each as ``name NUL bytes NUL``, so renaming or editing any
    of them changes the fingerprint.
    """
    folder = Path(folder)
    files = sorted({path for pattern in WEIGHT_PATTERNS for path in folder.glob(pattern) if path.is_file()})
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return {"sha256": digest.hexdigest(), "files": [path.name for path in files]}


def local_model_folder(name_or_path: str) -> Path | None:
    """The folder holding a model: the path itself, or its snapshot in the Hugging Face cache."""
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name_or_path, local_files_only=True))
    except Exception:  # noqa: BLE001 - not cached (or not a hub name): there is no folder to hash
        return None


def model_fingerprint(name_or_path: str) -> dict:
    """The weights fingerprint of a local or cached model, else just its name."""
    folder = local_model_folder(name_or_path)
    if folder is None:
        return {"sha256": None, "files": [], "note": f"{name_or_path} is not on disk; only its name is recorded"}
    return weights_fingerprint(folder)
