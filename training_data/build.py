"""Build training_data/corpus.jsonl from the hand-written sources in training_data/src/.

Run: python training_data/build.py   (checks every record against LABELS.md; exits 1 on problems)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from classifier.corpus import is_test, parse_source, validate

HERE = Path(__file__).resolve().parent


def main() -> int:
    records = []
    problems = 0
    seen: set[str] = set()
    for source in sorted((HERE / "src").glob("*.txt")):
        for record in parse_source(source.read_text(encoding="utf-8"), source.name):
            issues = validate(record)
            if record.get("id") in seen:
                issues.append("duplicate id")
            seen.add(str(record.get("id")))
            if issues:
                problems += 1
                print(f"{source.name} {record.get('id')}: {'; '.join(issues)}", file=sys.stderr)
                continue
            record["split"] = "test" if is_test(record["id"]) else "train"
            records.append(record)
    out = HERE / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts = Counter(r["loai_don"] for r in records)
    splits = Counter(r["split"] for r in records)
    print(f"{len(records)} letters → {out.name}: {dict(counts)}; {dict(splits)}; "
          f"{problems} rejected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
