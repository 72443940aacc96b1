"""Where the program keeps its files: one user cache directory, overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    """The per-user cache root (models live here; responses too unless overridden)."""
    from platformdirs import user_cache_path

    return user_cache_path("summarize", appauthor=False)


def model_dir() -> Path:
    """Directory of the assembled embedded model (``SUMMARIZE_MODEL_DIR`` overrides)."""
    override = os.environ.get("SUMMARIZE_MODEL_DIR")
    return Path(override).expanduser() if override else user_cache_dir() / "models"


def response_cache_dir() -> Path:
    """Directory of the response cache (``SUMMARIZE_CACHE_DIR`` overrides)."""
    override = os.environ.get("SUMMARIZE_CACHE_DIR")
    return Path(override).expanduser() if override else user_cache_dir() / "responses"
