"""Blind-review packets: the candidate becomes a stable pseudonym, interviewers their role.

The same candidate and salt always give the same pseudonym, so a committee can discuss
"Candidate 7KQ2MX" across meetings without learning who it is. Names and the email are
also replaced wherever they appear inside free text (evidence, summaries, the trace).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from interview_kit.reports.packet_data import PacketData

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O or 1/I: a pseudonym is read aloud in committee meetings."""

WITHHELD = "Withheld"

T = TypeVar("T")


def pseudonym(key: str, salt: str | bytes) -> str:
    """A short, stable, unguessable-without-salt name for ``key``."""
    salt_bytes = salt.encode("utf-8") if isinstance(salt, str) else salt
    digest = hmac.new(salt_bytes, key.encode("utf-8"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    code = []
    for _ in range(6):
        number, index = divmod(number, len(_ALPHABET))
        code.append(_ALPHABET[index])
    return "Candidate " + "".join(code)


def _candidate_key(data: PacketData) -> str:
    if data.candidate_ref.strip():
        return "ref:" + data.candidate_ref.strip()
    if data.candidate_email.strip():
        return "email:" + data.candidate_email.strip().lower()
    return "name:" + " ".join(data.candidate_name.split()).casefold()


def _name_parts(name: str) -> list[str]:
    parts = [name.strip()]
    parts.extend(part for part in re.split(r"[\s,]+", name) if len(part.strip(".-'")) >= 2)
    return [p for p in parts if p]


def interviewer_roles(data: PacketData) -> dict[str, str]:
    """Each interviewer's display name mapped to a neutral role, in panel order."""
    stages: dict[str, list[str]] = {}
    for member in data.panel:
        stages.setdefault(member.name, [])
        if member.stage and member.stage not in stages[member.name]:
            stages[member.name].append(member.stage)
    names = list(stages)
    for section in data.stages:
        names.extend(n for n in section.interviewers if n not in names)
    roles: dict[str, str] = {}
    for number, name in enumerate(names, start=1):
        where = stages.get(name, [])
        roles[name] = (
            f"Interviewer {number} ({', '.join(where)})" if where else (f"Interviewer {number}")
        )
    return roles


def _replacer(mapping: dict[str, str]) -> Callable[[str], str]:
    """One pass over the text, longest names first, case-insensitive, whole words."""
    keys = sorted((k for k in mapping if k.strip()), key=len, reverse=True)
    if not keys:
        return lambda text: text
    lowered = {k.casefold(): v for k, v in sorted(mapping.items(), key=lambda kv: len(kv[0]))}
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in keys), re.IGNORECASE)

    def substitute(match: re.Match[str]) -> str:
        found = match.group(0)
        hit = lowered.get(found.casefold())
        if hit is None:  # case folding and IGNORECASE disagree on a few letters (ß, ﬁ)
            hit = next(
                (mapping[k] for k in keys if re.fullmatch(re.escape(k), found, re.IGNORECASE)),
                WITHHELD,
            )
        return hit

    def replace(text: str) -> str:
        return pattern.sub(substitute, text) if text else text

    return replace


def name_scrubber(
    candidate_name: str, candidate_email: str, alias: str, interviewers: Mapping[str, str]
) -> Callable[[str], str]:
    """Free text with the candidate's name and e-mail replaced by ``alias``, and each
    interviewer's name (``interviewers``: name to role) by their role."""
    mapping: dict[str, str] = {}
    for name, role in interviewers.items():
        for part in _name_parts(name):
            mapping.setdefault(part, role)
    # The candidate wins where a name part is shared with an interviewer.
    for part in _name_parts(candidate_name):
        mapping[part] = alias
    if candidate_email.strip():
        mapping[candidate_email.strip()] = alias
        local = candidate_email.strip().split("@", 1)[0]
        if len(local) >= 3:
            mapping[local] = alias
    return _replacer(mapping)


def _map_strings(value: T, fn: Callable[[str], str]) -> T:
    result: Any
    if isinstance(value, str):
        result = fn(value)
    elif isinstance(value, tuple):
        result = tuple(_map_strings(item, fn) for item in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _map_strings(getattr(value, f.name), fn) for f in dataclasses.fields(value)
        }
        result = dataclasses.replace(value, **changes)
    else:
        result = value
    return result  # type: ignore[no-any-return]


def anonymise(data: PacketData, salt: str | bytes) -> PacketData:
    """A copy of ``data`` with no candidate name, email or source, and no interviewer names."""
    alias = pseudonym(_candidate_key(data), salt)
    roles = interviewer_roles(data)
    replace = name_scrubber(data.candidate_name, data.candidate_email, alias, roles)
    scrubbed = _map_strings(
        dataclasses.replace(
            data, candidate_name="", candidate_email="", candidate_source="", candidate_ref=""
        ),
        replace,
    )
    return dataclasses.replace(
        scrubbed,
        candidate_name=alias,
        candidate_email="",
        candidate_source=WITHHELD if data.candidate_source.strip() else "",
        candidate_ref=alias,
        anonymised=True,
    )
