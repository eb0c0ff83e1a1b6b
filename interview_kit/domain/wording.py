"""Small rules of English shared by every message, table and page."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``1 hire``, ``3 hires``: a count with its noun (a regular plural)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
