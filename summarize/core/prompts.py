"""Versioned prompt templates: loaded from ``prompts/`` and rendered into chat messages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from summarize.errors import InputError

DEFAULT_PROMPT = "summarize-v7"

SHAPES = ("quotes", "sentences")
OVERVIEWS = ("model", "lead")
CLAIM_SOURCES = ("model", "parse")
SHOWN = ("paragraph", "candidates")
GROUPS = ("paragraph", "article")
MAX_GROUP_SENTENCES = 8
"""Most sentences one request shows with group = "article" (a paragraph with more candidate
sentences is asked alone)."""

Message = dict[str, str]


def _prompt_file(name: str) -> Path:
    """The template file, from the installed package or from a source checkout."""
    packaged = resources.files("summarize") / "prompts" / f"{name}.toml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "prompts" / f"{name}.toml"


@dataclass(frozen=True)
class PromptSet:
    """The templates of one prompt version."""

    version: str
    paragraph_system: str
    paragraph_user: str
    overview_system: str = ""
    overview_user: str = ""
    shape: str = "quotes"
    """How paragraph answers point at the text: "quotes" (copied spans) or "sentences"
    (numbers of the sentences shown, see :func:`numbered_sentences`)."""
    overview: str = "model"
    """Where headline and summary come from: "model" (an overview request with the
    ``overview_*`` templates) or "lead" (the article's title and lead, read by code:
    :mod:`summarize.core.lead`)."""
    claims: str = "model"
    """Who finds the claims: "model" (the paragraph answers list them, and the parse adds
    its attributions) or "parse" (only the parse's attributions; the model is asked for
    events alone). "parse" needs shape "sentences"."""
    show: str = "paragraph"
    """Which sentences of an asked paragraph are shown: "paragraph" (all) or "candidates"
    (only those with a word the asked items need: an event word, or a reporting cue when
    the model finds claims); needs shape "sentences"."""
    group: str = "paragraph"
    """What one request shows: "paragraph" (one asked paragraph; the answer lists events
    with their sentence numbers) or "article" (the candidate sentences of consecutive
    paragraphs, up to :data:`MAX_GROUP_SENTENCES`; the answer has an entry for every
    sentence number). "article" needs claims "parse" and show "candidates"."""

    def overview_messages(self, article: str, published: str | None) -> list[Message]:
        """Messages asking for headline, summary and outlet; the article comes last."""
        user = Template(self.overview_user).substitute(
            article=article.strip(), published=published or "unknown"
        )
        return [
            {"role": "system", "content": self.overview_system},
            {"role": "user", "content": user},
        ]

    def paragraph_messages(self, paragraph: str) -> list[Message]:
        """Messages asking for the events and claims of one paragraph."""
        user = Template(self.paragraph_user).substitute(paragraph=paragraph)
        return [
            {"role": "system", "content": self.paragraph_system},
            {"role": "user", "content": user},
        ]


@lru_cache(maxsize=4)
def load_prompts(name: str = DEFAULT_PROMPT) -> PromptSet:
    """Load a prompt version by name (the file ``prompts/<name>.toml``)."""
    path = _prompt_file(name)
    if not path.is_file():
        raise InputError(f"no prompt named {name!r} (expected {path}); use one of prompts/*.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if data.get("shape", "quotes") not in SHAPES:
        raise InputError(f"prompt {name!r} has shape {data['shape']!r}; use one of {SHAPES}")
    overview = data.get("overview", "model")
    if overview not in OVERVIEWS:
        raise InputError(f"prompt {name!r} has overview {overview!r}; use one of {OVERVIEWS}")
    if overview == "model" and not ("overview_system" in data and "overview_user" in data):
        raise InputError(
            f"prompt {name!r} asks the model for the overview but lacks overview_system or "
            'overview_user; add them or set overview = "lead"'
        )
    claims = _sentence_option(name, data, "claims", CLAIM_SOURCES)
    show = _sentence_option(name, data, "show", SHOWN)
    group = data.get("group", GROUPS[0])
    if group not in GROUPS or (group == "article" and (claims, show) != ("parse", "candidates")):
        raise InputError(
            f"prompt {name!r} has group {group!r}; use one of {GROUPS} "
            '("article" with claims = "parse" and show = "candidates")'
        )
    return PromptSet(
        version=data["version"],
        paragraph_system=data["paragraph_system"],
        paragraph_user=data["paragraph_user"],
        overview_system=data.get("overview_system", ""),
        overview_user=data.get("overview_user", ""),
        shape=data.get("shape", "quotes"),
        overview=overview,
        claims=claims,
        show=show,
        group=group,
    )


def _sentence_option(name: str, data: dict[str, Any], key: str, allowed: tuple[str, str]) -> str:
    """An option whose first value is the default and whose second needs shape "sentences"."""
    value = data.get(key, allowed[0])
    if value not in allowed or (value == allowed[1] and data.get("shape") != "sentences"):
        raise InputError(
            f"prompt {name!r} has {key} {value!r}; use one of {allowed} "
            f'("{allowed[1]}" with shape = "sentences")'
        )
    return str(value)


def numbered_sentences(sentences: list[str]) -> str:
    """Sentences one per line, numbered from 1 ("[1] ...") as the compact shape shows them."""
    return "\n".join(f"[{number}] {' '.join(s.split())}" for number, s in enumerate(sentences, 1))
