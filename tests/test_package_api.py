"""Packages split into modules keep their public names in one import place, each defined once."""

from __future__ import annotations

import importlib
import importlib.util
import inspect

import pytest


@pytest.mark.parametrize(
    "package",
    [
        "interview_kit.domain.rubric",
        "interview_kit.domain.engine",
        "interview_kit.services.exchange",
    ],
)
def test_every_public_name_resolves_to_its_one_definition(package: str) -> None:
    module = importlib.import_module(package)
    names = module.__all__
    assert len(names) == len(set(names))
    for name in names:
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            home = importlib.import_module(value.__module__)
            assert getattr(home, value.__name__) is value, name


def test_the_rubric_schema_command_still_runs_as_a_module() -> None:
    spec = importlib.util.find_spec("interview_kit.domain.rubric.__main__")
    assert spec is not None
