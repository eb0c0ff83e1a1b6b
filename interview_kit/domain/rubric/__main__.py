"""``python -m interview_kit.domain.rubric [FILE]``: write the rubric format's JSON Schema."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from interview_kit.domain.rubric.model import rubric_json_schema_text


def _main(argv: Sequence[str]) -> int:
    schema = rubric_json_schema_text()
    if not argv:
        sys.stdout.write(schema)
        return 0
    Path(argv[0]).write_text(schema, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
