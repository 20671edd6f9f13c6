"""Tesseract's page-segmentation mode, chosen by measurement: every page of the quick set is
cleaned and turned upright once, then read with each mode.

    python -m benchmarks.ocr.psm
"""

from __future__ import annotations

import time

import numpy as np
from PIL import Image

import ocr
from benchmarks.ocr.generate import generate
from benchmarks.ocr.score import Tally
from ocr import engine, preprocess, reader
from ocr.text import normalise_text

MODES = (3, 4, 6)


def main() -> None:
    folder, samples = generate(7, quick=True)
    config = ocr.OcrConfig()
    tallies = {mode: Tally() for mode in MODES}
    seconds = {mode: 0.0 for mode in MODES}
    pages = 0
    for sample in samples:
        if len(sample.truth) != 1 or sample.needs_transcription or sample.scanned_twin:
            continue
        image = np.asarray(Image.open(folder / sample.path).convert("RGB"))
        gray = preprocess.clean_page(image).image
        upright = reader.read_upright(gray, config)
        if upright.rotation:
            gray = preprocess.quarter_turn(gray, upright.rotation)
        gray, _ = preprocess.deskew(gray)
        pages += 1
        for mode in MODES:
            started = time.perf_counter()
            result = engine.recognise(gray, lang="vie", timeout=120, psm=mode)
            seconds[mode] += time.perf_counter() - started
            tallies[mode].add(sample.truth[0], normalise_text(result.text))
        print(sample.id, {m: f"{tallies[m].cer:.2%}" for m in MODES}, flush=True)
    print(f"\n| psm | CER | WER | s/page |  ({pages} pages of the quick set)\n|---|---:|---:|---:|")
    for mode in MODES:
        print(f"| {mode} | {tallies[mode].cer:.2%} | {tallies[mode].wer:.2%} "
              f"| {seconds[mode] / pages:.2f} |")


if __name__ == "__main__":
    main()
