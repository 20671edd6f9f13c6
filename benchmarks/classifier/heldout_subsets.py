"""loai_don on parts of the held-out split: the letters that were already held out at an earlier
commit, and the ones added since. Growing the corpus adds held-out letters; this says whether a
better score comes from a better model or from easier new letters.

    .venv/bin/python benchmarks/classifier/heldout_subsets.py [--since 43973a6]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from classifier import corpus  # noqa: E402
from classifier.evaluation import score  # noqa: E402
from classifier.suggest import load_model  # noqa: E402
from service.settings import Settings  # noqa: E402


def held_out_ids_at(revision: str) -> set[str]:
    """Ids of the held-out letters in training_data/corpus.jsonl as it was at `revision`."""
    source = f"{revision}:training_data/corpus.jsonl"
    text = subprocess.run(["git", "-C", str(ROOT), "show", source],
                          check=True, capture_output=True, text=True).stdout
    return {record["id"] for record in map(json.loads, filter(None, text.splitlines()))
            if record["split"] == "test"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="43973a6", help="the earlier commit")
    args = parser.parse_args()
    model = load_model(Settings(database_url="").model_path)
    earlier = held_out_ids_at(args.since)
    _, test = corpus.split(corpus.load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    for name, subset in ((f"held out at {args.since}", [r for r in test if r.id in earlier]),
                         ("added since", [r for r in test if r.id not in earlier]),
                         ("whole held-out split", test)):
        truth = [r.labels["loai_don"] for r in subset]
        predicted = [model.predict(r.text)["loai_don"].label for r in subset]
        result = score(name, truth, predicted)
        print(f"{name}: {len(subset)} letters, macro-F1 {result.macro_f1:.4f}, "
              f"accuracy {result.accuracy:.4f}")


if __name__ == "__main__":
    main()
