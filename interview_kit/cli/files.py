"""Files named on the command line: checked before any service sees them, written whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from interview_kit.cli.base import CliError, ExitCode


def input_file(text: str, what: str) -> Path:
    """A clear NOT_FOUND for a missing input file, before any service sees it."""
    path = Path(text).expanduser()
    if not path.exists():
        raise CliError(f"{what} {text}: no such file", ExitCode.NOT_FOUND)
    if path.is_dir():
        raise CliError(f"{what} {text}: is a folder, not a file", ExitCode.INVALID_INPUT)
    return path


def output_file(text: str, *, force: bool) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise CliError(f"cannot write {text}: is a folder", ExitCode.INVALID_INPUT)
    if not path.parent.resolve().is_dir():
        raise CliError(
            f"cannot write {text}: folder {path.parent} does not exist", ExitCode.NOT_FOUND
        )
    if path.exists() and not force:
        raise CliError(
            f"{text} already exists; choose another file or pass --force to replace it",
            ExitCode.CONFLICT,
        )
    return path


def write_text(path: Path, text: str) -> None:
    """Write through a temporary file: ``path`` ends up complete or untouched."""
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        temporary.replace(path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise CliError(
            f"cannot write {path}: {exc.strerror or exc}", ExitCode.INVALID_INPUT
        ) from None
