"""Near-duplicate detection: recall on re-sent letters, false alarms on distinct ones, and the
speed of the MinHash index against comparing every pair exactly (same process, same data).

Re-sends are generated here, seeded: a corpus letter re-dated, re-addressed and passed through
the OCR noise of classifier.augment (5 % of words touched).

    .venv/bin/python benchmarks/duplicates/duplicates_bench.py [--letters 600] [--seed 11]
        [--write benchmarks/duplicates/RESULTS.md]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from classifier.augment import ocr_noise
from classifier.corpus import load_jsonl
from classifier.duplicates import LetterIndex, shingles

ROOT = Path(__file__).resolve().parents[2]


def resend(text: str, rng: random.Random) -> str:
    """The same letter sent again weeks later to another office."""
    text = re.sub(r"\b(20\d\d)\b", lambda m: str(int(m.group(1)) + rng.choice((0, 1))), text)
    text = re.sub(r"(?m)^Kính gửi[^\n]*", "Kính gửi: Ban Tiếp công dân tỉnh", text, count=1)
    return ocr_noise(text, rng, rate=0.05)


def exact_jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=600)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = load_jsonl(ROOT / "training_data" / "corpus.jsonl")
    rng.shuffle(records)
    known = {r.id: r.text for r in records[: args.letters]}
    resent = {r.id: resend(r.text, rng) for r in records[: args.letters // 3]}
    fresh = [r.text for r in records[args.letters: args.letters + args.letters // 3]]

    started = time.perf_counter()
    index = LetterIndex()
    index.add_all(known)
    built = time.perf_counter() - started
    started = time.perf_counter()
    hits = sum(bool(m) and m[0].letter_id == letter_id
               for letter_id, text in resent.items() if (m := index.matches(text)))
    alarms = sum(bool(index.matches(text)) for text in fresh)
    queried = time.perf_counter() - started

    started = time.perf_counter()
    known_shingles = {k: shingles(v) for k, v in known.items()}
    brute_hits = 0
    for letter_id, text in resent.items():
        own = shingles(text)
        best = max(known_shingles, key=lambda k: exact_jaccard(own, known_shingles[k]))
        brute_hits += (best == letter_id
                       and exact_jaccard(own, known_shingles[best]) >= index.threshold)
    brute = time.perf_counter() - started
    queries = len(resent)

    lines = [
        f"{len(known)} known letters; {len(resent)} generated re-sends; {len(fresh)} distinct "
        f"letters not in the index (seed {args.seed}); threshold {index.threshold}", "",
        "| measure | MinHash index | exact Jaccard, every pair |", "|---|---|---|",
        f"| re-sends linked to their original | {hits}/{queries} | {brute_hits}/{queries} |",
        f"| distinct letters flagged (false alarms) | {alarms}/{len(fresh)} | — |",
        f"| time per re-send query | {(queried / (queries + len(fresh))) * 1000:.1f} ms | "
        f"{brute / queries * 1000:.1f} ms |",
        f"| speed ratio (exact / index) | "
        f"{(brute / queries) / (queried / (queries + len(fresh))):.1f} | 1.0 |",
        f"| index build | {built:.1f} s | — |",
    ]
    print("\n".join(lines))
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
