"""What can be wrong with a panel pack or scorecard bundle, each with its own message.

A user who receives a file they cannot open needs to know what to do next: ask for the
passphrase again, ask for the file to be sent again, update the app, or distrust the
file. So each problem has a kind (:class:`FileProblem`) and a message that says which.
"""

from __future__ import annotations

from enum import StrEnum


class FileProblem(StrEnum):
    UNREADABLE = "unreadable"
    """The file cannot be read at all (missing, a folder, no permission)."""
    NOT_EXCHANGE_FILE = "not_exchange_file"
    """Some other kind of file: a PDF, a JSON scorecard, a database..."""
    TRUNCATED = "truncated"
    """The file ends early: an interrupted copy or download."""
    CORRUPTED = "corrupted"
    """Bytes were damaged (the checksum does not match) or the header is unreadable."""
    UNKNOWN_FORMAT_VERSION = "unknown_format_version"
    """Written by a newer (or unknown) version of the format."""
    WRONG_KIND = "wrong_kind"
    """A panel pack where a scorecard bundle was expected, or the other way round."""
    WRONG_PASSPHRASE = "wrong_passphrase"  # noqa: S105 - a name, not a secret
    TAMPERED = "tampered"
    """The passphrase is right but the content fails its authenticity check."""
    INVALID_CONTENT = "invalid_content"
    """Authentic and readable, but the content does not follow the format."""
    BAD_SIGNATURE = "bad_signature"
    """The interviewer's signature does not match the bundle's content."""


class ExchangeFileError(Exception):
    """A sealed file that cannot be opened or used; ``str(error)`` is for the user."""

    def __init__(self, problem: FileProblem, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.details = details
