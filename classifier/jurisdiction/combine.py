"""Rules and the trained model together: a decisive rule decides; otherwise the model's
calibrated probabilities, tipped towards what suggestive rules point to. The parameters are
chosen by benchmarks/jurisdiction/choose_combination.py on cross-validated training letters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from classifier.rulebook import HandlingRule, JurisdictionRule

SUGGESTIVE_WEIGHT = 3.0  # a suggestive rule multiplies its label's probability by this
DECISIVE_CONFIDENCE = 0.9  # floor of the confidence when a decisive rule decides


@dataclass(frozen=True)
class Choice:
    label: str
    confidence: float
    rule: JurisdictionRule | HandlingRule | None  # the rule behind the choice, if any
    decided_by_rule: bool

    @property
    def body(self) -> str | None:
        """The competent body's template of the jurisdiction rule behind the choice."""
        return self.rule.body if isinstance(self.rule, JurisdictionRule) else None


def _renormalised(probabilities: dict[str, float]) -> dict[str, float]:
    total = sum(probabilities.values()) or 1.0
    return {label: p / total for label, p in probabilities.items()}


def choose_jurisdiction(probabilities: dict[str, float], matched: Sequence[JurisdictionRule],
                        *, weight: float = SUGGESTIVE_WEIGHT,
                        decisive_rules: bool = True) -> Choice:
    """tham_quyen from the model's probabilities and the rules that matched, in table order: the
    first one decides when it is decisive; otherwise every matching rule tips the balance."""
    decisive = matched[0] if matched and matched[0].decisive and decisive_rules else None
    if decisive is not None:
        confidence = max(probabilities.get(decisive.tham_quyen, 0.0), DECISIVE_CONFIDENCE)
        return Choice(decisive.tham_quyen, confidence, decisive, True)
    adjusted = dict(probabilities)
    for label in {r.tham_quyen for r in matched}:
        adjusted[label] = adjusted.get(label, 0.0) * weight
    adjusted = _renormalised(adjusted)
    label = max(adjusted, key=lambda k: adjusted[k])
    rule = next((r for r in matched if r.tham_quyen == label), None)
    return Choice(label, adjusted[label], rule, False)


def choose_handling(facts: frozenset[str], rules: Sequence[HandlingRule],
                    probabilities: dict[str, float] | None, *,
                    weight: float = SUGGESTIVE_WEIGHT) -> Choice:
    """xu_ly: the first handling rule whose condition holds decides when it is decisive or
    when no model speaks for this office; a suggestive one only tips the model's balance."""
    rule = next((r for r in rules if r.condition.holds(facts)), None)
    if rule is not None and (rule.decisive or probabilities is None):
        confidence = probabilities.get(rule.xu_ly, 0.0) if probabilities else 1.0
        return Choice(rule.xu_ly, max(confidence, DECISIVE_CONFIDENCE), rule, True)
    if probabilities is None:
        raise ValueError("no handling rule matched and no model probabilities given")
    adjusted = dict(probabilities)
    if rule is not None:
        adjusted[rule.xu_ly] = adjusted.get(rule.xu_ly, 0.0) * weight
    adjusted = _renormalised(adjusted)
    label = max(adjusted, key=lambda k: adjusted[k])
    return Choice(label, adjusted[label], rule if rule and rule.xu_ly == label else None, False)
