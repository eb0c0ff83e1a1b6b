"""When a committee decision departs from the frozen mechanical recommendation.

Formula beats holistic judgement, even by experts (Kuncel et al. 2013), and discussion
does not make consensus ratings more valid than averaged ones (Pulakos et al. 1996). So
the engine's recommendation is frozen when a candidate reaches the committee, and a
decision that differs from it must say why. It differs when:

* **decision** — the committee hires where the engine said no hire, strong no hire or
  insufficient evidence, or declines where it said hire or strong hire;
* **level** — a hire at another level than the engine's;
* **base** — a base further from the engine's suggested base than the band's rounding
  unit (the suggested base is already rounded to it, so one unit is noise, more is a
  choice).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MECHANICAL_HIRES = frozenset({"hire", "strong_hire"})
"""Engine decisions that mean "hire"; every other one (insufficient evidence included)
means the engine did not recommend hiring."""


class Departure(StrEnum):
    DECISION = "decision"
    LEVEL = "level"
    BASE = "base"


@dataclass(frozen=True)
class Mechanical:
    """The frozen recommendation, as far as the rule needs it."""

    decision: str
    """An engine decision value (``"hire"``, ``"insufficient_evidence"``, ...)."""
    level: str | None
    suggested_base: float | None
    rounding: float | None
    """The band's rounding unit for ``level``."""

    @property
    def hires(self) -> bool:
        return self.decision in MECHANICAL_HIRES


def departures(
    mechanical: Mechanical, *, hire: bool, level: str | None, base: float | None
) -> tuple[Departure, ...]:
    """How a committee decision differs from ``mechanical`` (empty: it follows it)."""
    found = []
    if hire != mechanical.hires:
        found.append(Departure.DECISION)
    if hire and mechanical.hires:
        if level is not None and level != mechanical.level:
            found.append(Departure.LEVEL)
        elif (
            base is not None
            and mechanical.suggested_base is not None
            and abs(base - mechanical.suggested_base) > (mechanical.rounding or 0)
        ):
            found.append(Departure.BASE)
    return tuple(found)


def describe(departures_found: tuple[Departure, ...], mechanical: Mechanical) -> str:
    """What a committee member reads before writing the reason."""
    parts = []
    for departure in departures_found:
        if departure is Departure.DECISION:
            parts.append(f"the engine recommended {mechanical.decision.replace('_', ' ')}")
        elif departure is Departure.LEVEL:
            parts.append(f"the engine's level was {mechanical.level}")
        else:
            parts.append(
                f"the engine's suggested base was {mechanical.suggested_base:,.0f} "
                f"(band rounding {mechanical.rounding or 0:,.0f})"
            )
    return "; ".join(parts)
