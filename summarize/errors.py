"""Exceptions that the CLI turns into one-line messages and a non-zero exit code."""

from __future__ import annotations


class SummarizeError(Exception):
    """Base class of every error the program reports to the user without a traceback."""

    exit_code = 1


class InputError(SummarizeError):
    """The input (a path, a file, an option value) cannot be used."""

    exit_code = 2


class ConfigurationError(SummarizeError):
    """The model backend or the environment is not set up correctly."""


class ModelError(SummarizeError):
    """The model endpoint failed or kept answering with invalid output."""


class CacheMissError(SummarizeError):
    """Offline mode was requested and the answer is not in the cache."""
