"""Offline panels: panel packs out to interviewers, scorecard bundles back to the recruiter.

Export reads what the file needs, seals it with the panel passphrase and writes it
atomically (a crash never leaves half a file under the chosen name). Import is two
steps: :func:`open_exchange_file` decrypts and validates the file (nothing touches the
database), :func:`preview_import` says what would change, and :func:`apply_import`
re-plans inside one write transaction and applies the plan only if it is clean: a
conflict, an unknown rubric version or an unknown candidate writes nothing at all. Every
export and import is in the audit log.

The jobs live in their own modules: ``exchange_export`` (sealing and writing),
``exchange_planning`` (opening a file and the preview), ``exchange_applying`` (the write
transaction), ``exchange_messages`` (refusals, plan descriptions, file names) and
``exchange_records`` (stored rows as the files carry them). This module gathers their
public names, so callers import one place.
"""

from __future__ import annotations

from interview_kit.exchange.errors import FileProblem
from interview_kit.exchange.formats import kind_of
from interview_kit.exchange.merge import ChangeAction, Plan, Resolution
from interview_kit.exchange.sealing import FileKind
from interview_kit.services.exchange_applying import apply_import, import_file
from interview_kit.services.exchange_export import (
    MIN_PASSPHRASE_LENGTH,
    ExportResult,
    check_new_passphrase,
    export_panel_pack,
    export_scorecard_bundle,
)
from interview_kit.services.exchange_messages import (
    BUNDLE_SUFFIX,
    PACK_SUFFIX,
    SUFFIXES,
    ExchangeError,
    ImportConflictError,
    ImportProblemError,
    ImportRefusedError,
    UnknownRubricVersionError,
    WrongSignerError,
    describe_plan,
    plan_json,
    refuse_unless_clean,
    settlements_of,
    suggested_file_name,
)
from interview_kit.services.exchange_planning import (
    OpenedFile,
    Resolutions,
    open_exchange_bytes,
    open_exchange_file,
    preview_import,
    read_file_kind,
)
from interview_kit.services.interviewers import resolve_interviewer

__all__ = [
    "BUNDLE_SUFFIX",
    "MIN_PASSPHRASE_LENGTH",
    "PACK_SUFFIX",
    "SUFFIXES",
    "ChangeAction",
    "ExchangeError",
    "ExportResult",
    "FileKind",
    "FileProblem",
    "ImportConflictError",
    "ImportProblemError",
    "ImportRefusedError",
    "OpenedFile",
    "Plan",
    "Resolution",
    "Resolutions",
    "UnknownRubricVersionError",
    "WrongSignerError",
    "apply_import",
    "check_new_passphrase",
    "describe_plan",
    "export_panel_pack",
    "export_scorecard_bundle",
    "import_file",
    "kind_of",
    "open_exchange_bytes",
    "open_exchange_file",
    "plan_json",
    "preview_import",
    "read_file_kind",
    "refuse_unless_clean",
    "resolve_interviewer",
    "settlements_of",
    "suggested_file_name",
]
