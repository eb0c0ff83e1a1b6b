"""Shared pieces of the command-line tests (imported by name: conftest modules collide)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]
"""``run("candidate", "list", db=path)``: the CLI on a database, its exit code and output."""
