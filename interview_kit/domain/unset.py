"""The marker for "leave this as it is" in a change, where ``None`` is itself a value."""

from __future__ import annotations

from enum import Enum
from typing import Final, Literal


class Unset(Enum):
    """Marks a field a change leaves alone (``None`` is a value: "N/A", "cleared")."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET
UnsetType = Literal[Unset.UNSET]
