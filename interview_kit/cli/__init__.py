"""``interview-kit``: the services of the app, headless.

:mod:`.entry` builds the parser and runs one command; each command group is the module of
its name (``demo``, ``rubric``, ``candidate``, ...), with a ``register(parser)`` that adds
its options and one ``cmd_*`` function per action, taking the parsed arguments and a
:class:`Context`. A group's module is imported only when its command is chosen, and a
command imports the services it calls when it runs: ``--version``, ``--help`` and
``rubric validate`` start without SQLAlchemy, the database layer, the engine or ReportLab
(``tests/cli/test_cli_startup.py`` keeps it so).

A command reports a user's mistake by raising :class:`CliError` or a service error, which
:func:`main` maps to an exit code; nothing a user can cause ends in a traceback. Exit codes
are the :class:`ExitCode` values, documented in ``docs/cli.md``.
"""

from __future__ import annotations

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.entry import build_parser, main

__all__ = ["CliError", "Context", "ExitCode", "build_parser", "main"]
