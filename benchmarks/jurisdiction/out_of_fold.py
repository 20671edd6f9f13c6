"""Out-of-fold head probabilities of the trained model on the TRAIN split (never the test split).

The rule/model combinations of classifier/jurisdiction are chosen on these: each train letter is
predicted by a model fitted on the other folds, exactly as `donthu train` fits (augmentation
included). Writes benchmarks/jurisdiction/out_of_fold.json (git-ignored; ~20 min on 2 cores).

    .venv/bin/python benchmarks/jurisdiction/out_of_fold.py [--folds 5] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.model_selection import StratifiedKFold

from classifier.corpus import load_jsonl, split
from classifier.model import fit

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "out_of_fold.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    train, _ = split(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    strata = [r["tham_quyen"] for r in train]
    folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed)
    results: dict[str, dict[str, object]] = {}
    for number, (fit_index, predict_index) in enumerate(folds.split(train, strata), 1):
        model = fit([train[i] for i in fit_index], seed=args.seed)
        for i in predict_index:
            record = train[i]
            heads = model.predict(record.text)
            results[record.id] = {
                "heads": {name: head.probabilities for name, head in heads.items()},
                "contents": model.contents_of(record.text),
            }
        print(f"fold {number}/{args.folds} done", flush=True)
    OUT.write_text(json.dumps({"folds": args.folds, "seed": args.seed, "letters": results},
                              ensure_ascii=False), encoding="utf-8")
    print(f"wrote {OUT} ({len(results)} letters)")


if __name__ == "__main__":
    main()
