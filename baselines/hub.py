"""Loading models from a local folder or the Hugging Face hub, failing fast and clearly offline.

Shared by the transformer baseline and the ``hf:`` and ``llm:`` adapters: one rule for when to
look at the local files only, and one error for a model that is not on disk.
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

from codemix.common.errors import CodemixError


def offline() -> bool:
    """Whether the Hugging Face hub is out of use: switched off (``HF_HUB_OFFLINE``), or not reachable.

    Without a network the hub client retries for half a minute before failing; a two-second
    connection test first makes a missing model fail at once instead.
    """
    if any(os.environ.get(v, "").lower() in {"1", "true", "yes"} for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")):
        return True
    return not _hub_reachable()


@functools.lru_cache(maxsize=1)
def _hub_reachable() -> bool:
    import socket
    from urllib.parse import urlparse

    endpoint = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    try:
        socket.create_connection((endpoint.hostname, endpoint.port or 443), timeout=2).close()
    except OSError:
        return False
    return True


def not_on_disk_error(name_or_path: str, error: Exception, flag: str = "--model") -> CodemixError:
    """The one error for a model that is neither a local folder nor fetchable."""
    folder = Path(name_or_path).expanduser()
    if folder.is_dir():  # on disk, but not what from_pretrained reads
        missing = "" if (folder / "config.json").is_file() else " (it has no config.json)"
        return CodemixError(
            f"model {name_or_path!r} is a folder, but not a Hugging Face model folder this loader reads{missing}: "
            f"pass {flag} the folder that save_pretrained wrote, with its config, weights and tokenizer. "
            f"({type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''})")
    if folder.exists():
        return CodemixError(f"model {name_or_path!r} is a file, not a model folder: pass {flag} the folder that "
                            "save_pretrained wrote")
    where = " and the hub is offline (HF_HUB_OFFLINE, or no network)" if offline() else " and could not be fetched"
    return CodemixError(
        f"model {name_or_path!r} is not on disk{where}: download it on a connected machine "
        f"(`hf download {name_or_path} --local-dir models/my-model`) and pass {flag} with that local folder. "
        f"({type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''})")


def from_pretrained(loader, name_or_path: str, flag: str = "--model", **options):
    """``loader(name_or_path, ...)`` (any ``from_pretrained``): local files only when the name is not
    a folder and the hub is out of use; a missing model is ``not_on_disk_error``."""
    local_only = not Path(name_or_path).expanduser().is_dir() and offline()
    try:
        with transformers_bars_as_ours():
            return loader(name_or_path, local_files_only=local_only, **options)
    except Exception as error:  # noqa: BLE001 - in a folder, e.g. safetensors' error for a truncated weights file
        if not isinstance(error, (OSError, ValueError)) and not Path(name_or_path).expanduser().is_dir():
            raise
        raise not_on_disk_error(name_or_path, error, flag) from None


@contextlib.contextmanager
def transformers_bars_as_ours():
    """transformers' own progress bars (loading and writing weights) shown only when codemix's are:
    on a terminal without ``--quiet``; the user's own setting is restored afterwards."""
    from transformers.utils import logging as transformers_logging

    from codemix.loaders.progress import enabled

    hide = not enabled() and transformers_logging.is_progress_bar_enabled()
    if hide:
        transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if hide:
            transformers_logging.enable_progress_bar()
