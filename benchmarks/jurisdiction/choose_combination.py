"""Choose how the rule tables and the model heads are combined, by measurement on the TRAIN
split only (cross-validated): which rules decide outright, and how much suggestive rules weigh.

Uses the out-of-fold head probabilities written by out_of_fold.py (each train letter predicted by
a model that never saw it). Prints accuracies of tham_quyen and xu_ly for:
  - the model heads alone,
  - the rule tables as shipped (their ap_dung column, SUGGESTIVE_WEIGHT),
  - the selection procedure (per rule: decisive when it beat the model on the letters where it
    fired; weight from a grid), cross-validated 5-fold so the figure is honest,
and the selection on all train letters, to copy into the tables' ap_dung column.

    .venv/bin/python benchmarks/jurisdiction/choose_combination.py [--write RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from classifier.config import DEFAULT_RULES_DIR, OfficeConfig
from classifier.corpus import Record, load_jsonl, split
from classifier.extract.fields import extract_fields
from classifier.jurisdiction import decide as decide_routing
from classifier.jurisdiction import letter_facts
from classifier.jurisdiction.combine import SUGGESTIVE_WEIGHT
from classifier.rulebook import HandlingRule, JurisdictionRule, RuleBook, load_rules

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WEIGHTS = (1.0, 1.5, 2.0, 3.0, 5.0)
MIN_FIRED = 3
stats: list[tuple[str, int, int, int]] = []  # rule, letters fired, rule right, model right


@dataclass
class Letter:
    record: Record
    heads: dict[str, dict[str, float]]
    loai_don: str
    facts: frozenset[str]
    tinh: str | None
    office: OfficeConfig


def _argmax(probabilities: dict[str, float]) -> str:
    return max(probabilities, key=lambda k: probabilities[k])


def prepare(book: RuleBook) -> list[Letter]:
    train, _ = split(load_jsonl(ROOT / "training_data" / "corpus.jsonl"))
    oof = json.loads((HERE / "out_of_fold.json").read_text(encoding="utf-8"))["letters"]
    letters = []
    for record in train:
        heads = oof[record.id]["heads"]
        loai_don = _argmax(heads["loai_don"])
        fields = extract_fields(record.text)
        office = OfficeConfig(province=record["noi_nhan"])
        facts = letter_facts(record.text, fields, loai_don=loai_don, rules=book, office=office)
        letters.append(Letter(record, heads, loai_don, facts.names, fields.tinh, office))
    return letters


def decide(letter: Letter, jurisdiction: Sequence[JurisdictionRule],
           handling: Sequence[HandlingRule], weight: float, *,
           model_only: bool = False) -> tuple[str, str]:
    if model_only:
        return _argmax(letter.heads["tham_quyen"]), _argmax(letter.heads["xu_ly"])
    book = RuleBook(jurisdiction=tuple(jurisdiction), handling=tuple(handling), deadlines=(),
                    bodies={})
    decision = decide_routing(letter.facts, tham_quyen=letter.heads["tham_quyen"],
                              xu_ly=letter.heads["xu_ly"], loai_don=letter.loai_don,
                              province=letter.tinh, office=letter.office, rules=book,
                              weight=weight)
    return decision.jurisdiction.label, decision.handling.label


def accuracy(letters: Sequence[Letter], jurisdiction: Sequence[JurisdictionRule],
             handling: Sequence[HandlingRule], weight: float, *,
             model_only: bool = False) -> tuple[float, float]:
    hits = [decide(x, jurisdiction, handling, weight, model_only=model_only) for x in letters]
    n = len(letters) or 1
    return (sum(t == x.record["tham_quyen"] for (t, _), x in zip(hits, letters, strict=True)) / n,
            sum(h == x.record["xu_ly"] for (_, h), x in zip(hits, letters, strict=True)) / n)


def select(letters: Sequence[Letter], jurisdiction: Sequence[JurisdictionRule],
           handling: Sequence[HandlingRule]
           ) -> tuple[list[JurisdictionRule], list[HandlingRule], float]:
    """Per rule: decisive when, on the letters where it is the first to fire, it is right more
    often than the model head; then the weight of suggestive rules by grid search."""
    chosen_j: list[JurisdictionRule] = []
    stats.clear()
    for rule in jurisdiction:
        fired = [x for x in letters
                 if next((r for r in jurisdiction if r.applies(x.loai_don, x.facts)), None)
                 is rule]
        rule_hits = sum(x.record["tham_quyen"] == rule.tham_quyen for x in fired)
        model_hits = sum(_argmax(x.heads["tham_quyen"]) == x.record["tham_quyen"] for x in fired)
        stats.append((rule.code, len(fired), rule_hits, model_hits))
        chosen_j.append(replace(rule, decisive=len(fired) >= MIN_FIRED and rule_hits > model_hits))
    chosen_h: list[HandlingRule] = []
    firsts = [_first_handling_rule(x, chosen_j, handling) for x in letters]
    for index, rule in enumerate(handling):
        fired = [x for x, first in zip(letters, firsts, strict=True) if first == index]
        rule_hits = sum(x.record["xu_ly"] == rule.xu_ly for x in fired)
        model_hits = sum(_argmax(x.heads["xu_ly"]) == x.record["xu_ly"] for x in fired)
        stats.append((rule.code, len(fired), rule_hits, model_hits))
        chosen_h.append(replace(rule, decisive=len(fired) >= MIN_FIRED and rule_hits > model_hits))
    best = max(WEIGHTS, key=lambda w: sum(accuracy(letters, chosen_j, chosen_h, w)))
    return chosen_j, chosen_h, best


def _first_handling_rule(letter: Letter, jurisdiction: Sequence[JurisdictionRule],
                         handling: Sequence[HandlingRule]) -> int | None:
    """Index of the handling rule that fires first for this letter (after jurisdiction)."""
    probe = [replace(r, decisive=True) for r in handling]
    book = RuleBook(jurisdiction=tuple(jurisdiction), handling=tuple(probe), deadlines=(),
                    bodies={})
    decision = decide_routing(letter.facts, tham_quyen=letter.heads["tham_quyen"],
                              xu_ly=letter.heads["xu_ly"], loai_don=letter.loai_don,
                              province=letter.tinh, office=letter.office, rules=book)
    rule = decision.handling.rule
    return next((i for i, r in enumerate(probe) if r is rule), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    book = load_rules(DEFAULT_RULES_DIR)
    letters = prepare(book)
    lines = [f"{len(letters)} train letters, out-of-fold model probabilities", ""]
    model = accuracy(letters, book.jurisdiction, book.handling, 1.0, model_only=True)
    shipped = accuracy(letters, book.jurisdiction, book.handling, SUGGESTIVE_WEIGHT)
    rng = random.Random(5)
    order = list(range(len(letters)))
    rng.shuffle(order)
    folds = [order[i::5] for i in range(5)]
    cv_t = cv_x = 0.0
    for held in folds:
        held_set = set(held)
        fit = [letters[i] for i in order if i not in held_set]
        j, h, w = select(fit, book.jurisdiction, book.handling)
        t, x = accuracy([letters[i] for i in held], j, h, w)
        cv_t += t * len(held) / len(letters)
        cv_x += x * len(held) / len(letters)
    lines += [
        "| strategy | tham_quyen | xu_ly |", "|---|---|---|",
        f"| model heads alone | {model[0]:.3f} | {model[1]:.3f} |",
        f"| rule tables as shipped + model | {shipped[0]:.3f} | {shipped[1]:.3f} |",
        f"| selection procedure (5-fold CV) | {cv_t:.3f} | {cv_x:.3f} |", "",
    ]
    j, h, w = select(letters, book.jurisdiction, book.handling)
    lines.append(f"Selection on all train letters: weight {w}")
    lines.append("decisive tham_quyen rules: " + ", ".join(r.code for r in j if r.decisive))
    lines.append("decisive xu_ly rules: " + ", ".join(r.code for r in h if r.decisive))
    lines += ["", "| rule | letters where it fires first | rule right | model right |",
              "|---|---|---|---|"]
    lines += [f"| {code} | {n} | {r} | {m} |" for code, n, r, m in stats]
    report = "\n".join(lines)
    print(report)
    if args.write:
        header = ("# Rules and model heads: how they are combined\n\n"
                  "Reproduce: `.venv/bin/python benchmarks/jurisdiction/out_of_fold.py` "
                  "(out-of-fold "
                  "head probabilities on the train split, ~20 min on 2 cores), then\n"
                  "`.venv/bin/python benchmarks/jurisdiction/choose_combination.py --write "
                  "benchmarks/jurisdiction/RESULTS.md`. Train split only; held-out figures are in "
                  "`benchmarks/fields/RESULTS.md`.\n\n")
        args.write.write_text(header + report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
