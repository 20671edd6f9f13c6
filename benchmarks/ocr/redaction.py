"""How well page images of denunciations are redacted: corpus denunciations whose writer is named,
rendered and degraded as the OCR benchmark does, shown at the review screen's 150 dpi, redacted
with the letter's true identity (so this measures the image redaction, not the extraction), then
read again by Tesseract. Baseline in the same run: the same preview before redaction.

    .venv/bin/python -m benchmarks.ocr.redaction [--letters 30] [--seed 5]   (→ REDACTION.md)
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

import ocr
from benchmarks.ocr.generate import SINGLE
from benchmarks.ocr.render import find_fonts, random_layout, render_pages
from classifier.corpus import Record, load_jsonl
from classifier.normalize import has_diacritics
from ocr.redact import phrase_key as key
from service.identity import IDENTITY_KEYS

ROOT = Path(__file__).resolve().parents[2]
CONDITIONS = ("clean", "skew", "rotated_90", "noise", "jpeg", "stamps", "phone_photo")


def phrases_of(record: Record) -> list[str]:
    values: list[str] = []
    for name in IDENTITY_KEYS:
        value = record[name]
        values.extend(str(v) for v in (value if isinstance(value, list) else [value]) if v)
    return values


def denunciations(seed: int, count: int) -> list[Record]:
    letters = [r for r in load_jsonl(ROOT / "training_data" / "corpus.jsonl")
               if r["loai_don"] == "to_cao" and r["nguoi_viet"] and r["nguoi_viet"] in r.text
               and has_diacritics(r.text)]
    random.Random(seed).shuffle(letters)
    return letters[:count]


def legible(text: str, phrases: list[str]) -> list[str]:
    read = key(text)
    return [p for p in phrases if key(p) and key(p) in read]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=30)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fonts = find_fonts()
    before = after = pages = kept_words = all_words = 0
    leaks: list[str] = []
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for index, record in enumerate(denunciations(args.seed, args.letters)):
            condition = CONDITIONS[index % len(CONDITIONS)]
            image, truth = render_pages(record.text, random_layout(rng, fonts))[0]
            phrases = [p for p in phrases_of(record) if key(p) in key(truth)]
            if not phrases:
                continue
            pages += 1
            scan = Path(folder) / f"{index}.png"
            Image.fromarray(SINGLE[condition](np.asarray(image), rng)).save(scan)
            preview = Path(folder) / f"{index}-preview.png"
            preview.write_bytes(ocr.render_page(scan, 1, dpi=150))
            plain = ocr.read(preview).text
            shown = legible(plain, phrases)
            before += len(shown)
            redacted = ocr.redact_page(preview.read_bytes(), phrases,
                                       signers=[p for p in phrases if p == record["nguoi_viet"]])
            # The service refuses a page whose identity it could not find on the image.
            if redacted.missing:
                refused.append(f"{condition} ({len(redacted.missing)} of {len(phrases)})")
                continue
            out = Path(folder) / f"{index}-redacted.png"
            out.write_bytes(redacted.png)
            text = ocr.read(out).text
            still = legible(text, shown)
            after += len(still)
            leaks.extend(f"{condition}: {p}" for p in still)
            # Words outside the identity that the unredacted reading has: does redaction keep them?
            read_before = {key(w) for w in plain.split()}
            words = [key(w) for w in truth.split() if key(w) and key(w) in read_before and not any(
                key(w) in key(p) for p in phrases)]
            read_after = {key(w) for w in text.split()}
            all_words += len(words)
            kept_words += sum(1 for w in words if w in read_after)
    lines = [
        "# Page-image redaction of denunciations",
        "",
        f"`.venv/bin/python -m benchmarks.ocr.redaction --letters {args.letters} --seed "
        f"{args.seed}`: {pages} pages of corpus denunciations whose writer is named, rendered "
        f"and degraded as the OCR benchmark does ({', '.join(CONDITIONS)}), shown at 150 dpi, "
        "redacted with the letter's true identity, read again by Tesseract.",
        "",
        f"- Identity phrases (name, address, ID, phones, representatives) legible before "
        f"redaction: {before}.",
        f"- Pages the redaction could not clear (an identity phrase not found on the image; "
        f"the service refuses such a page when its own reading shows the phrase): "
        f"{len(refused)}: {', '.join(refused) or 'none'}.",
        f"- Identity phrases still legible on the redacted pages: {after}"
        + (f" ({'; '.join(leaks)})" if leaks else "") + ".",
        f"- Other words read before and still read after redaction: {kept_words}/{all_words} "
        f"({kept_words / max(all_words, 1):.1%}).",
        "",
    ]
    (Path(__file__).resolve().parent / "REDACTION.md").write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
