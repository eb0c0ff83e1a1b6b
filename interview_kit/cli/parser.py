"""The argument parser: raises instead of exiting, and adds a command's options when chosen.

Imported by every run that parses arguments (``--help`` included), so it loads only
:mod:`argparse` and :mod:`importlib`.
"""

from __future__ import annotations

import argparse
import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, NoReturn


class UsageError(Exception):
    """A command line that cannot be parsed, with the usage line of the parser concerned."""

    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of exiting, so ``main(argv)`` always returns.

    A command group's parser starts empty: :meth:`complete` imports the group's module
    and lets it add its options, the first time the command is chosen.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.command_module: str | None = None

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())

    def complete(self) -> None:
        if self.command_module is not None:
            module, self.command_module = self.command_module, None
            importlib.import_module(module).register(self)


if TYPE_CHECKING:
    _SubParsersAction = argparse._SubParsersAction[Parser]
else:  # not subscriptable at run time
    _SubParsersAction = argparse._SubParsersAction


class Commands(_SubParsersAction):
    """The top level's subcommands: the chosen one gets its options, the others stay bare."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, list) and values:
            chosen = self.choices.get(values[0])
            if chosen is not None:
                chosen.complete()
        super().__call__(parser, namespace, values, option_string)


def count(value: str) -> int:
    """An argument type: a whole number, zero or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {number}")
    return number
