"""Model load time and suggestions per second on the held-out letters, beside the title-keyword
baseline run in the same process.

Run: .venv/bin/python benchmarks/classifier/speed.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import classifier
from classifier.corpus import load_jsonl, split
from classifier.evaluation import keyword_baseline

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        model = classifier.load_model_file(classifier.DEFAULT_MODEL_PATH)
        loads.append(time.perf_counter() - started)
    _, test = split(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    texts = [r.text for r in test]
    started = time.perf_counter()
    for text in texts:
        classifier.suggest(text, model=model)
    model_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        keyword_baseline(text)
    baseline_seconds = time.perf_counter() - started
    print(f"model load: median {statistics.median(loads):.3f} s over 3 loads")
    print(f"suggest(): {len(texts) / model_seconds:.1f} letters/s "
          f"({model_seconds / len(texts) * 1000:.1f} ms per letter, {len(texts)} letters)")
    print(f"keyword baseline: {len(texts) / baseline_seconds:.0f} letters/s; model/baseline "
          f"time ratio {model_seconds / max(baseline_seconds, 1e-9):.0f}x")


if __name__ == "__main__":
    main()
