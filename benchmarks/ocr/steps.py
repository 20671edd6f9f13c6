"""What each clean-up step is worth: CER with the whole chain, and with each step left out,
on the benchmark's conditions and on three it does not draw (benchmarks/ocr/unseen.py).

    python -m benchmarks.ocr.steps [--pages N]

Appends its table to benchmarks/ocr/STEPS.md.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
from PIL import Image

import ocr
from benchmarks.ocr.generate import OUT, SINGLE, load_letters
from benchmarks.ocr.render import find_fonts, random_layout, render_pages
from benchmarks.ocr.score import Tally
from benchmarks.ocr.unseen import UNSEEN
from ocr.preprocess import STEPS

HERE = Path(__file__).resolve().parent
CONDITIONS = {**{k: v for k, v in SINGLE.items() if k != "clean"}, **UNSEEN}


def build(pages: int, seed: int) -> list[tuple[str, Path, str]]:
    """(condition, image file, truth): `pages` pages per condition, seeded."""
    folder = OUT / f"steps-seed{seed}-{pages}"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    fonts = find_fonts()
    texts = iter(t for t in load_letters(seed + 1) if 400 <= len(t) <= 1500)
    samples = []
    for condition, make in CONDITIONS.items():
        for index in range(pages):
            dpi = rng.randint(150, 200) if condition == "fax" else 300
            image, truth = render_pages(next(texts), random_layout(rng, fonts, dpi=dpi))[0]
            path = folder / f"{condition}-{index}.png"
            if not path.exists():
                Image.fromarray(make(np.asarray(image), rng)).save(path)
            samples.append((condition, path, truth))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    samples = build(args.pages, args.seed)
    variants = [("all steps", frozenset[str]())] + [(f"without {s}", frozenset({s}))
                                                    for s in STEPS]
    variants.append(("no clean-up", frozenset(STEPS)))
    rows = []
    for name, skip in variants:
        seen, unseen = Tally(), Tally()
        started = time.perf_counter()
        worst = ("", 0.0)
        for condition, path, truth in samples:
            letter = ocr.read(path, ocr.OcrConfig(skip_steps=skip, split_stacks=False))
            tally = Tally()
            tally.add(truth, letter.text or "".join(p.rejected_text for p in letter.pages))
            (unseen if condition in UNSEEN else seen).merge(tally)
            if tally.cer > worst[1]:
                worst = (condition, tally.cer)
        seconds = (time.perf_counter() - started) / len(samples)
        rows.append(f"| {name} | {seen.cer:.2%} | {unseen.cer:.2%} | {worst[0]} {worst[1]:.1%} "
                    f"| {seconds:.2f} |")
        print(rows[-1], flush=True)
    table = "\n".join([
        f"## `python -m benchmarks.ocr.steps --pages {args.pages} --seed {args.seed}`", "",
        "| variant | CER seen conditions | CER unseen (curled, bleed-through, thin) "
        "| worst page | s/page |", "|---|---:|---:|---|---:|", *rows, ""])
    with (HERE / "STEPS.md").open("a", encoding="utf-8") as handle:
        handle.write(table + "\n")


if __name__ == "__main__":
    main()
