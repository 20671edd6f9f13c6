"""Field extraction and routing figures on the held-out split (or the train split).

Exact match for nguoi_viet, ngay_viet, tinh, cccd, dien_thoai, so_nguoi_ky (and more), accuracy
of tham_quyen and xu_ly, each beside its target; `--misses` prints the letters each field got
wrong (use it on the train split: rules are never tuned by reading held-out letters).

    .venv/bin/python benchmarks/fields/evaluate_fields.py [--split test|train] [--misses]
        [--write benchmarks/fields/RESULTS.md]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from classifier import ClassifierConfig, load_model_file
from classifier.corpus import load_jsonl, split
from classifier.field_evaluation import evaluate_suggestions

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "train"), default="test")
    parser.add_argument("--misses", action="store_true", help="print each field's errors")
    parser.add_argument("--write", type=Path, help="write the table (markdown) to this file")
    args = parser.parse_args()
    config = ClassifierConfig()
    model = load_model_file(config.model_path)
    train, test = split(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    records = test if args.split == "test" else train
    started = time.perf_counter()
    scores = evaluate_suggestions(model, records, config)
    seconds = time.perf_counter() - started
    # Baseline in the same process: the model's own heads, without rules or extracted facts.
    heads = [model.predict(r.text) for r in records]
    baseline = {name: sum(h[name].label == r[name] for h, r in zip(heads, records, strict=True))
                / len(records) for name in ("tham_quyen", "xu_ly")}
    lines = [f"{len(records)} {args.split} letters, model {model.metadata.get('version')}, "
             f"{seconds:.0f} s", "", "| field | exact match / accuracy | target | met |",
             "|---|---|---|---|"]
    for s in scores:
        target = "—" if s.target is None else f"≥ {s.target:.2f}"
        met = "—" if s.met is None else ("yes" if s.met else "NO")
        lines.append(f"| {s.name} | {s.accuracy:.3f} ({s.correct}/{s.total}) | {target} | {met} |")
    by_name = {s.name: s.accuracy for s in scores}
    lines += ["", "| routing | rules + model | model heads alone | ratio |", "|---|---|---|---|"]
    lines += [f"| {name} | {by_name[name]:.3f} | {baseline[name]:.3f} | "
              f"{by_name[name] / baseline[name]:.3f} |" for name in ("tham_quyen", "xu_ly")]
    print("\n".join(lines))
    if args.misses:
        for s in scores:
            for letter_id, want, got in s.misses:
                print(f"{s.name}\t{letter_id}\twant={want!r}\tgot={got!r}")
    if args.write:
        header = ("# Fields and routing on the held-out split\n\n"
                  "Reproduce: `.venv/bin/donthu train` then "
                  "`.venv/bin/python benchmarks/fields/evaluate_fields.py --write "
                  "benchmarks/fields/RESULTS.md` (also printed by `donthu evaluate`). Exact match "
                  "per letter; ID numbers and phones compare as sets.\n\n")
        args.write.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
