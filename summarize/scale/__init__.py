"""Summarizing at scale: Ray Data over one or several OpenAI-compatible endpoints.

``ray`` is an optional extra (``pip install -e ".[ray]"``): nothing here imports it until
a function that needs it is called.
"""
