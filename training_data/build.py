"""Build training_data/corpus.jsonl from the hand-written sources in training_data/src/.

Run: python training_data/build.py   (checks every record against LABELS.md; exits 1 on problems)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from classifier.corpus import is_test, parse_source, validate

HERE = Path(__file__).resolve().parent


def build_records(source_dir: Path = HERE / "src") -> tuple[list[dict[str, Any]], list[str]]:
    """Every valid record of the sources (with its split) and one line per rejected record."""
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for source in sorted(source_dir.glob("*.txt")):
        for record in parse_source(source.read_text(encoding="utf-8"), source.name):
            issues = validate(record)
            if record.get("id") in seen:
                issues.append("duplicate id")
            seen.add(str(record.get("id")))
            if issues:
                problems.append(f"{source.name} {record.get('id')}: {'; '.join(issues)}")
                continue
            record["split"] = "test" if is_test(record["id"]) else "train"
            records.append(record)
    return records, problems


def render(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    records, problems = build_records()
    for problem in problems:
        print(problem, file=sys.stderr)
    out = HERE / "corpus.jsonl"
    out.write_text(render(records), encoding="utf-8")
    counts = Counter(r["loai_don"] for r in records)
    splits = Counter(r["split"] for r in records)
    print(f"{len(records)} letters → {out.name}: {dict(counts)}; {dict(splits)}; "
          f"{len(problems)} rejected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
