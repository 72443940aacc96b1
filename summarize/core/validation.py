"""The validation context of a live model answer (e.g. the text its quotes must come from).

A context variable, set by the model client around each call and read by validators,
rather than instructor's ``context=``: instructor also renders the messages as Jinja
templates when given a context, which would rewrite (or choke on) any article that
contains ``{{`` or ``{%``. Each asyncio task sees its own value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_CURRENT: ContextVar[dict[str, Any] | None] = ContextVar("summarize_validation", default=None)


def current() -> dict[str, Any]:
    """The validation context of the call in progress (empty outside a live call)."""
    return _CURRENT.get() or {}


@contextmanager
def validating_with(context: dict[str, Any] | None) -> Iterator[None]:
    """Make ``context`` the validation context for the duration of the block."""
    token = _CURRENT.set(context)
    try:
        yield
    finally:
        _CURRENT.reset(token)
