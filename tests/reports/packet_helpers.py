"""Shared helpers for the packet tests: build into memory, read the text back."""

from __future__ import annotations

import io
import re

import pypdf

from interview_kit.reports import build_packet
from interview_kit.reports.packet_data import PacketData


def packet_bytes(data: PacketData, *, invariant: bool = True) -> bytes:
    stream = io.BytesIO()
    build_packet(data, stream, invariant=invariant)
    return stream.getvalue()


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace folded to one space."""
    return [" ".join(page.extract_text().split()) for page in reader(pdf).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def squeezed(text: str) -> str:
    """Text without any whitespace: for long words a line break may split."""
    return re.sub(r"\s+", "", text)
