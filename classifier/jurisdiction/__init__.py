"""Which body has jurisdiction and what the receiving office does with the letter: the rule
tables of classifier/rules/ combined with the trained model's heads, with reasons citing the
law."""

from __future__ import annotations

from dataclasses import dataclass

from classifier.config import OfficeConfig
from classifier.jurisdiction.bodies import fill
from classifier.jurisdiction.combine import Choice, choose_handling, choose_jurisdiction
from classifier.jurisdiction.facts import Facts, find_facts
from classifier.jurisdiction.office import is_default_office, within_jurisdiction
from classifier.jurisdiction.table import RuleBook, load_rules
from classifier.labels import THAM_QUYEN_VI, XU_LY_VI
from classifier.model import HeadResult
from classifier.suggestion import Fields

__all__ = ["Routing", "load_rules", "route"]


@dataclass(frozen=True)
class Routing:
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    confidence_tham_quyen: float
    confidence_xu_ly: float
    reasons: tuple[str, ...]
    facts: Facts


def route(text: str, heads: dict[str, HeadResult], fields: Fields, *, loai_don: str,
          linh_vuc: str | None, office: OfficeConfig, rules: RuleBook,
          duplicate: bool = False) -> Routing:
    """tham_quyen, the named competent body, and xu_ly for the configured office."""
    facts = find_facts(text, fields, loai_don=loai_don, duplicate=duplicate,
                       office_province=office.province)
    matched = [r for r in rules.jurisdiction if r.applies(loai_don, facts.names)]
    jurisdiction = choose_jurisdiction(heads["tham_quyen"].probabilities, matched)
    template = (jurisdiction.rule.body if jurisdiction.rule is not None
                else rules.bodies.get(jurisdiction.label, ""))
    body = fill(template, fields=fields, issuer=facts.issuer, linh_vuc=linh_vuc, text=text) \
        if template else None
    within = within_jurisdiction(jurisdiction.label, province=fields.tinh, body=body,
                                 office=office)
    handling_facts = facts.names | ({"thuoc_tham_quyen"} if within else set())
    model_handling = (heads["xu_ly"].probabilities
                      if is_default_office(office, fields.tinh) else None)
    handling = choose_handling(frozenset(handling_facts), rules.handling, model_handling)
    reasons = (_jurisdiction_reason(jurisdiction, body), _handling_reason(handling))
    return Routing(
        tham_quyen=jurisdiction.label, co_quan=body, xu_ly=handling.label,
        confidence_tham_quyen=jurisdiction.confidence, confidence_xu_ly=handling.confidence,
        reasons=reasons, facts=facts)


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
