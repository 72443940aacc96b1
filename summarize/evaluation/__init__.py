"""Scoring summaries against hand-labelled gold (no model needed)."""
