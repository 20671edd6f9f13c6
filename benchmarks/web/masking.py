"""How often an officer's screen would still show a denouncer's true name: for every named
denunciation of the corpus, the text as the service masks it (with the identity extraction
found) against the text masked with the true identity (the baseline, same process).

The review pages show what the API returns; the API masks the identity extraction found, so
this measures the protection officers actually get.

Run: .venv/bin/python benchmarks/web/masking.py   (writes benchmarks/web/RESULTS.md)
"""

from __future__ import annotations

from pathlib import Path

import classifier
from classifier.corpus import load_jsonl
from service.identity import IDENTITY_KEYS, mask_text

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def main() -> None:
    model = classifier.load_model(classifier.DEFAULT_MODEL_PATH)
    letters = found = leaked = leaked_baseline = 0
    for record in load_jsonl(ROOT / "training_data" / "corpus.jsonl"):
        name = record["nguoi_viet"]
        if record["loai_don"] != "to_cao" or not name or name not in record.text:
            continue
        letters += 1
        fields = classifier.suggest(record.text, model=model).fields.to_dict()
        found += fields["nguoi_viet"] == name
        extracted = {key: fields.get(key) for key in IDENTITY_KEYS}
        truth = {key: record[key] for key in IDENTITY_KEYS}
        leaked += name in mask_text(record.text, extracted)
        leaked_baseline += name in mask_text(record.text, truth)
    lines = [
        "# Identity masking on the officer's screens",
        "",
        f"Model {model.metadata.get('version')}; {letters} corpus denunciations whose writer "
        "is named in the text.",
        "",
        "| identity used for masking | writer's name still visible | share |",
        "|---|---|---|",
        f"| extracted by the classifier (what the API does) | {leaked} | "
        f"{leaked / max(letters, 1):.1%} |",
        f"| the true identity (baseline) | {leaked_baseline} | "
        f"{leaked_baseline / max(letters, 1):.1%} |",
        "",
        f"The writer's name was extracted exactly for {found} of {letters} letters.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
