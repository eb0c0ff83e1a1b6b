"""Where a problem in a rubric is: line numbers in a TOML file for the paths of issues
found after parsing, and the same paths in words for people (:func:`describe_location`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_ITEM_WORDS = {
    "stages": ("Stage", ("title",)),
    "exercises": ("Exercise", ("title",)),
    "criteria": ("Criterion", ("title", "id")),
    "signals": ("Signal", ("label", "id")),
    "red_flags": ("Red flag", ("label", "id")),
    "levels": ("Level", ("id",)),
    "dimensions": ("Dimension", ("label", "id")),
    "self_identification": ("Self-identification question", ("label", "id")),
    "categories": ("Category", ("label", "id")),
}
"""A list's items in words: what one is called, and the fields that name it best."""

_GROUP_WORDS = {
    "signals": "Signals",
    "red_flags": "Red flags",
    "levels": "Levels",
    "dimensions": "Dimensions",
    "self_identification": "Self-identification",
}
"""Top-level lists whose items are named by title: the group goes first, to orient."""

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def describe_location(path: str, data: Mapping[str, Any] | None = None) -> str:
    """A validator path in words: ``stages[0].criteria[0].id`` reads
    ``Stage 1 › End-to-end ownership › id`` (stages by number, other items by their title,
    label or id as ``data`` holds them, else by kind and number). Keys stay as the file
    spells them, so the words still point at the line to fix."""
    if not path:
        return "Rubric"
    words: list[str] = []
    here: Any = data
    key = ""
    for name, index in _PATH_PART.findall(path):
        if name:
            key = name
            here = here.get(name) if isinstance(here, Mapping) else None
            if key in _GROUP_WORDS and not words:
                words.append(_GROUP_WORDS[key])
            elif key not in _ITEM_WORDS:
                words.append(name)
            continue
        position = int(index)
        item = here[position] if isinstance(here, list) and position < len(here) else None
        here = item
        kind = _ITEM_WORDS.get(key)
        if kind is None:
            words.append(f"item {position + 1}")
            continue
        noun, naming = kind
        if key == "stages":
            words.append(f"{noun} {position + 1}")
            continue
        name_text = ""
        if isinstance(item, Mapping):
            names = (str(item.get(field) or "").strip() for field in naming)
            name_text = next((text for text in names if text), "")
        words.append(name_text or f"{noun} {position + 1}")
    return " › ".join(words)


_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_ONE_STRING = re.compile(r"""^\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*,?\s*(?:#.*)?$""")


def _key_parts(dotted: str) -> list[str]:
    parts = re.findall(_BARE_OR_QUOTED, dotted)
    return [part[1:-1] if part[:1] in {'"', "'"} else part for part in parts]


@dataclass
class _OpenArray:
    table: str
    key: str
    depth: int
    next_index: int = 0
    reliable: bool = True


class LineLocator:
    """Best-effort mapping from a path like ``stages[2].criteria[1].anchors`` to a line.

    TOML's parser reports lines only for syntax errors; for everything else we find the
    table header, key or array element in the text ourselves. When unsure we fall back to
    the enclosing key or table rather than guess a wrong line.
    """

    _HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")

    def __init__(self, text: str) -> None:
        # (line number, full path with array indexes) for every header, key and element.
        self._entries: list[tuple[int, str]] = []
        counters: dict[str, int] = {}
        current = ""
        open_string: str | None = None
        array: _OpenArray | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if open_string is not None:
                open_string = _scan(line, 0, open_string)[1]
                continue
            if array is not None:
                array, open_string = self._array_line(number, line, array)
                continue
            header = self._HEADER.match(line)
            if header:
                is_array = header.group(1) == "[["
                current = self._resolve(_key_parts(header.group(2)), counters, is_array)
                self._entries.append((number, current))
                continue
            key = self._KEY.match(line)
            if not key:
                continue
            name = ".".join(_key_parts(key.group(1)))
            self._entries.append((number, f"{current}.{name}" if current else name))
            depth, open_string = _scan(key.group(2), 0, None)
            if depth > 0 and open_string is None:
                array = _OpenArray(current, name, depth)

    def _array_line(
        self, number: int, line: str, array: _OpenArray
    ) -> tuple[_OpenArray | None, str | None]:
        stripped = line.strip()
        if array.depth == 1 and array.reliable and _ONE_STRING.match(line):
            path = f"{array.key}[{array.next_index}]"
            self._entries.append((number, f"{array.table}.{path}" if array.table else path))
            array.next_index += 1
            return array, None
        depth, open_string = _scan(line, array.depth, None)
        if stripped and not stripped.startswith("#") and not stripped.startswith("]"):
            array.reliable = False  # several elements on a line, or nested: stop counting
        array.depth = depth
        if open_string is not None:
            array.reliable = False
        return (array if depth > 0 else None), open_string

    @staticmethod
    def _resolve(parts: list[str], counters: dict[str, int], is_array: bool) -> str:
        resolved = ""
        for index, part in enumerate(parts):
            prefix = f"{resolved}.{part}" if resolved else part
            if index == len(parts) - 1 and is_array:
                counters[prefix] = counters.get(prefix, -1) + 1
                resolved = f"{prefix}[{counters[prefix]}]"
            elif prefix in counters:
                resolved = f"{prefix}[{counters[prefix]}]"
            else:
                resolved = prefix
        return resolved

    def line_for(self, path: str) -> int | None:
        best: int | None = None
        best_length = -1
        for number, full in self._entries:
            matches = path == full or path.startswith((full + ".", full + "["))
            if matches and len(full) > best_length:
                best, best_length = number, len(full)
        return best


def _scan(text: str, depth: int, open_string: str | None) -> tuple[int, str | None]:
    """Bracket depth after ``text`` and the delimiter of a multi-line string left open."""
    index = 0
    length = len(text)
    while index < length:
        if open_string is not None:
            end = text.find(open_string, index)
            if open_string == '"""':
                while end > 0 and _escaped(text, end):
                    end = text.find(open_string, end + 1)
            if end < 0:
                return depth, open_string
            index = end + 3
            while index < length and text[index] == open_string[0]:
                index += 1  # up to two quotes may end the string's content
            open_string = None
            continue
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            open_string = text[index : index + 3]
            index += 3
        elif char == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
        elif char == "'":
            end = text.find("'", index + 1)
            index = length if end < 0 else end + 1
        elif char == "#":
            break
        else:
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            index += 1
    return depth, open_string


def _escaped(text: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes - 1 >= 0 and text[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
