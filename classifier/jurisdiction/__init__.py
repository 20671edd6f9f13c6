"""Which body has jurisdiction and what the receiving office does with the letter: the rule
tables of classifier/rules/ combined with the trained model's heads, with reasons citing the
law."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from classifier.config import OfficeConfig
from classifier.deadlines import letter_deadlines
from classifier.facts import Facts, find_facts
from classifier.jurisdiction.bodies import fill
from classifier.jurisdiction.combine import (
    SUGGESTIVE_WEIGHT,
    Choice,
    choose_handling,
    choose_jurisdiction,
)
from classifier.jurisdiction.office import is_default_office, within_jurisdiction
from classifier.labels import THAM_QUYEN_VI, XU_LY_VI
from classifier.model import HeadResult
from classifier.rulebook import RuleBook
from classifier.suggestion import Fields

__all__ = ["Decision", "Routing", "decide", "letter_facts", "route"]


@dataclass(frozen=True)
class Routing:
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    confidence_tham_quyen: float
    confidence_xu_ly: float
    reasons: tuple[str, ...]
    facts: Facts


@dataclass(frozen=True)
class Decision:
    jurisdiction: Choice
    handling: Choice


def letter_facts(text: str, fields: Fields, *, loai_don: str, rules: RuleBook,
                 office: OfficeConfig, duplicate: bool = False) -> Facts:
    """The facts the rules test, including whether a complaint came after its time limit
    (judged from the date received, else the date written)."""
    facts = find_facts(text, fields, loai_don=loai_don, duplicate=duplicate,
                       office_province=office.province)
    filed = fields.ngay_nhan or fields.ngay_viet
    if loai_don == "khieu_nai" and facts.decision_date and filed:
        limits = letter_deadlines(rules.deadlines, ngay_nhan=date.fromisoformat(filed),
                                  loai_don=loai_don, lan_khieu_nai=fields.lan_khieu_nai,
                                  decision_date=date.fromisoformat(facts.decision_date))
        if limits.dates.get("thoi_hieu_khieu_nai") == "qua_han":
            facts = replace(facts, names=facts.names | {"qua_thoi_hieu"})
    return facts


def decide(facts: frozenset[str], *, tham_quyen: dict[str, float], xu_ly: dict[str, float],
           loai_don: str, province: str | None, office: OfficeConfig, rules: RuleBook,
           body: str | None = None, weight: float = SUGGESTIVE_WEIGHT) -> Decision:
    """The pure combination: rules that match the facts, the model's probabilities, the office."""
    matched = [r for r in rules.jurisdiction if r.applies(loai_don, facts)]
    jurisdiction = choose_jurisdiction(tham_quyen, matched, weight=weight)
    within = within_jurisdiction(jurisdiction.label, province=province, body=body, office=office)
    handling_facts = set(facts)
    if within:
        handling_facts.add("thuoc_tham_quyen")
        if jurisdiction.decided_by_rule:
            handling_facts.add("thuoc_tham_quyen_chac_chan")
    model_handling = xu_ly if is_default_office(office, province) else None
    handling = choose_handling(frozenset(handling_facts), rules.handling, model_handling,
                               weight=weight)
    return Decision(jurisdiction, handling)


def route(text: str, heads: dict[str, HeadResult], fields: Fields, *, loai_don: str,
          linh_vuc: str | None, office: OfficeConfig, rules: RuleBook,
          duplicate: bool = False) -> Routing:
    """tham_quyen, the named competent body, and xu_ly for the configured office."""
    facts = letter_facts(text, fields, loai_don=loai_don, rules=rules, office=office,
                         duplicate=duplicate)
    probabilities = {name: heads[name].probabilities for name in ("tham_quyen", "xu_ly")}
    first = decide(facts.names, tham_quyen=probabilities["tham_quyen"],
                   xu_ly=probabilities["xu_ly"], loai_don=loai_don, province=fields.tinh,
                   office=office, rules=rules)
    template = first.jurisdiction.body or rules.bodies.get(first.jurisdiction.label, "")
    body = fill(template, fields=fields, issuer=facts.issuer, linh_vuc=linh_vuc, text=text,
                requested=facts.requested) if template else None
    # With the body named, a commune or department office can tell whether it is itself.
    final = decide(facts.names, tham_quyen=probabilities["tham_quyen"],
                   xu_ly=probabilities["xu_ly"], loai_don=loai_don, province=fields.tinh,
                   office=office, rules=rules, body=body)
    return Routing(
        tham_quyen=final.jurisdiction.label, co_quan=body, xu_ly=final.handling.label,
        confidence_tham_quyen=final.jurisdiction.confidence,
        confidence_xu_ly=final.handling.confidence,
        reasons=(_jurisdiction_reason(final.jurisdiction, body),
                 _handling_reason(final.handling)),
        facts=facts)


def _jurisdiction_reason(choice: Choice, body: str | None) -> str:
    named = body or THAM_QUYEN_VI[choice.label]
    if choice.rule is not None:
        return f"{choice.rule.reason} → {named} ({choice.rule.citation})"
    return (f"Thẩm quyền đề xuất: {named} — theo nội dung đơn "
            f"(mô hình, độ tin cậy {choice.confidence:.0%})")


def _handling_reason(choice: Choice) -> str:
    if choice.rule is not None:
        return f"{XU_LY_VI[choice.label]}: {choice.rule.reason} ({choice.rule.citation})"
    return (f"{XU_LY_VI[choice.label]} (mô hình, độ tin cậy {choice.confidence:.0%}; "
            "TT 05/2021/TT-TTCP)")
