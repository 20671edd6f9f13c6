"""Score `ocr.read` against plain `tesseract IMAGE - -l vie` on the seeded degraded set.

    python -m benchmarks.ocr.run [--quick] [--seed N] [--only COND,...] [--no-plain]

Writes benchmarks/ocr/RESULTS.md (or --out) and prints the same table.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import statistics
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ocr
from benchmarks.ocr.generate import CORPUS, Sample, generate
from benchmarks.ocr.score import Tally

HERE = Path(__file__).resolve().parent
UNREADABLE = ("handwriting", "photo_of_photo")


@dataclass
class ConditionResult:
    ours: Tally = field(default_factory=Tally)
    plain: Tally = field(default_factory=Tally)
    ours_seconds: list[float] = field(default_factory=list)  # per page
    plain_seconds: list[float] = field(default_factory=list)
    pages: int = 0
    flagged: int = 0  # pages marked needs_transcription


@dataclass
class StackResult:
    true_boundaries: int = 0
    found_boundaries: int = 0
    letters: int = 0
    letters_unsplit: int = 0


def run_plain(folder: Path, inputs: list[str]) -> tuple[list[str], float]:
    """Plain Tesseract, exactly as a user would run it; returns its texts and seconds."""
    texts: list[str] = []
    started = time.perf_counter()
    for name in inputs:
        out = subprocess.run(["tesseract", str(folder / name), "-", "-l", "vie"],
                             capture_output=True, text=True, check=True, timeout=600).stdout
        texts.append(out.replace("\f", "\n"))
    return texts, time.perf_counter() - started


def run_ours(path: Path, config: ocr.OcrConfig) -> tuple[ocr.Document, float]:
    started = time.perf_counter()
    document = ocr.read_document(path, config)
    return document, time.perf_counter() - started


def score_stack(sample: Sample, document: ocr.Document, result: StackResult) -> None:
    truth = set(sample.letter_starts) - {1}
    found = {letter.first_page for letter in document.letters} - {1}
    result.true_boundaries += len(truth)
    result.found_boundaries += len(truth & found)
    ends = [*sample.letter_starts[1:], len(sample.truth) + 1]
    for start, end in zip(sample.letter_starts, ends, strict=True):
        result.letters += 1
        last = end - 1
        while last > start and not sample.truth[last - 1]:
            last -= 1  # the blank separator after a letter belongs to no letter
        result.letters_unsplit += not any(start < page <= last for page in found)


def evaluate(samples: list[Sample], folder: Path, config: ocr.OcrConfig, *, plain: bool
             ) -> tuple[dict[str, ConditionResult], StackResult, list[tuple[float, float]]]:
    results: dict[str, ConditionResult] = defaultdict(ConditionResult)
    stacks = StackResult()
    text_layer_times: list[tuple[float, float]] = []  # (text layer, OCR of the same pages)
    for sample in samples:
        document, seconds = run_ours(folder / sample.path, config)
        pages = len(sample.truth)
        result = results[sample.condition]
        result.ours_seconds.append(seconds / pages)
        result.pages += pages
        result.flagged += sum(p.needs_transcription for p in document.pages)
        if sample.condition == "stack":
            score_stack(sample, document, stacks)
        if sample.scanned_twin:
            _, scan_seconds = run_ours(folder / sample.scanned_twin, config)
            text_layer_times.append((seconds / pages, scan_seconds / pages))
        if sample.condition in UNREADABLE:
            continue
        for truth, page in zip(sample.truth, document.pages, strict=True):
            result.ours.add(truth, page.text)
        if plain and sample.plain_inputs:
            texts, plain_seconds = run_plain(folder, sample.plain_inputs)
            result.plain_seconds.append(plain_seconds / pages)
            # Scored as one text: Tesseract prints nothing, not even a page break, for a
            # blank page of a TIFF, so its pages cannot be lined up with the truth's.
            result.plain.add("\n".join(sample.truth), "\n".join(texts))
        plain_time = result.plain_seconds[-1] if result.plain_seconds else float("nan")
        print(f"  {sample.id}: CER so far ours {result.ours.cer:.2%} plain {result.plain.cer:.2%};"
              f" s/page ours {seconds / pages:.2f} plain {plain_time:.2f}", flush=True)
    return results, stacks, text_layer_times


def corpus_fingerprint() -> str:
    """Which corpus the texts were drawn from: the set changes when the corpus grows."""
    data = CORPUS.read_bytes()
    letters = data.count(b"\n")
    return (f"training_data/corpus.jsonl with {letters} letters, "
            f"sha256 {hashlib.sha256(data).hexdigest()[:12]}")


def _pct(value: float) -> str:
    return f"{value * 100:.2f}%"


def report(results: dict[str, ConditionResult], stacks: StackResult,
           text_layer: list[tuple[float, float]], *, command: str, seed: int) -> str:
    lines = [
        "# OCR benchmark results", "",
        f"Command: `{command}` (seed {seed}); machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end. Texts: "
        f"{corpus_fingerprint()}.",
        "Plain = `tesseract IMAGE - -l vie` on the same images in the same run (PDF pages "
        "rasterised at 300 dpi for it beforehand, untimed). CER/WER/diacritic error rates are "
        "micro-averaged edit distances after NFC and white-space collapsing.", "",
        "| condition | pages | CER ours | CER plain | WER ours | WER plain | diacritic ours "
        "| diacritic plain | s/page ours | s/page plain | flagged |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    overall = ConditionResult()
    for name, result in results.items():
        if name in UNREADABLE:
            continue
        median_ours = statistics.median(result.ours_seconds)
        median_plain = statistics.median(result.plain_seconds) if result.plain_seconds else 0
        lines.append(
            f"| {name} | {result.pages} | {_pct(result.ours.cer)} | {_pct(result.plain.cer)} "
            f"| {_pct(result.ours.wer)} | {_pct(result.plain.wer)} "
            f"| {_pct(result.ours.diacritic_rate)} | {_pct(result.plain.diacritic_rate)} "
            f"| {median_ours:.2f} | {median_plain:.2f} | {result.flagged} |")
        if name != "text_layer":
            overall.ours.merge(result.ours)
            overall.plain.merge(result.plain)
            overall.ours_seconds += result.ours_seconds
            overall.plain_seconds += result.plain_seconds
            overall.pages += result.pages
            overall.flagged += result.flagged
    ratio = overall.ours.cer / overall.plain.cer if overall.plain.cer else float("nan")
    median_ours = statistics.median(overall.ours_seconds)
    median_plain = statistics.median(overall.plain_seconds) if overall.plain_seconds else 0
    lines += [
        f"| **all scanned** | {overall.pages} | **{_pct(overall.ours.cer)}** "
        f"| **{_pct(overall.plain.cer)}** | {_pct(overall.ours.wer)} | {_pct(overall.plain.wer)} "
        f"| {_pct(overall.ours.diacritic_rate)} | {_pct(overall.plain.diacritic_rate)} "
        f"| {median_ours:.2f} | {median_plain:.2f} | {overall.flagged} |", "",
        "## Must-show figures", "",
        f"- Overall CER: ours {_pct(overall.ours.cer)} vs plain {_pct(overall.plain.cer)}: "
        f"ratio {ratio:.3f} (target ≤ 0.2).",
        f"- Median seconds per page: ours {median_ours:.2f} vs plain {median_plain:.2f}: "
        f"{median_ours / median_plain if median_plain else float('nan'):.2f}× (target ≤ 1.5×).",
    ]
    if text_layer:
        text_median = statistics.median(t for t, _ in text_layer)
        scan_median = statistics.median(s for _, s in text_layer)
        lines.append(f"- Text-layer PDFs: {text_median * 1000:.1f} ms/page vs OCR of the same "
                     f"pages {scan_median:.2f} s/page: {scan_median / text_median:.0f}× faster "
                     "(target ≥ 50×).")
    if stacks.true_boundaries:
        lines.append(
            f"- Stacks: {stacks.found_boundaries}/{stacks.true_boundaries} true boundaries found "
            f"({stacks.found_boundaries / stacks.true_boundaries:.1%}, target ≥ 95%); "
            f"{stacks.letters_unsplit}/{stacks.letters} letters without a false split "
            f"({stacks.letters_unsplit / stacks.letters:.1%}, target ≥ 95%).")
    for name in UNREADABLE:
        if name in results:
            lines.append(f"- {name}: {results[name].flagged}/{results[name].pages} pages marked "
                         "needs_transcription (their text is withheld).")
    lines.append(f"- Readable pages wrongly marked needs_transcription: {overall.flagged}/"
                 f"{overall.pages}.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 pages per condition, 1 stack")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default="", help="comma-separated conditions")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Tesseract")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    folder, samples = generate(args.seed, quick=args.quick)
    if args.only:
        wanted = set(args.only.split(","))
        samples = [s for s in samples if s.condition in wanted]
    results, stacks, text_layer = evaluate(samples, folder, ocr.OcrConfig(),
                                           plain=not args.no_plain)
    command = "python -m benchmarks.ocr.run" + (" --quick" if args.quick else "") + (
        f" --seed {args.seed}" if args.seed != 7 else "")
    text = report(results, stacks, text_layer, command=command, seed=args.seed)
    print(text)
    if not args.only:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
