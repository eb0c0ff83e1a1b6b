"""PDF hiring packets and printable scoring sheets, made from plain data.

ReportLab is imported only when a PDF is actually made: the functions here load their
modules on call, so importing ``interview_kit.reports`` (or its data classes in
``packet_data``) costs nothing at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.reports.packet import BatchResult
    from interview_kit.reports.packet_data import PacketData

__all__ = ["anonymise", "build_packet", "build_packets", "build_scoring_sheet"]


def build_packet(
    data: PacketData, out: str | os.PathLike[str] | IO[bytes], *, invariant: bool = False
) -> None:
    """Write one candidate's hiring packet to a path or a binary stream.

    ``invariant`` makes the bytes depend on the data only (no timestamps, fixed ids).
    """
    from interview_kit.reports.packet import build_packet as build

    build(data, out, invariant=invariant)


def build_packets(
    packets: Iterable[PacketData],
    out_dir: str | os.PathLike[str],
    *,
    progress: Callable[[int, int | None, Path], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
    invariant: bool = False,
) -> BatchResult:
    """Write one packet per item into ``out_dir`` (see :func:`reports.packet.build_packets`)."""
    from interview_kit.reports.packet import build_packets as build

    return build(
        packets, out_dir, progress=progress, cancelled=cancelled, total=total, invariant=invariant
    )


def build_scoring_sheet(
    rubric: Rubric,
    stage: str,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    invariant: bool = False,
) -> None:
    """Write the blank, printable scoring sheet of one stage (by id or number)."""
    from interview_kit.reports.sheet import build_scoring_sheet as build

    build(rubric, stage, out, invariant=invariant)


def anonymise(data: PacketData, salt: str | bytes) -> PacketData:
    """A blind-review copy of ``data``: a stable pseudonym, interviewers by role."""
    from interview_kit.reports.anonymise import anonymise as scrub

    return scrub(data, salt)
