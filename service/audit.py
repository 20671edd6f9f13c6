"""The append-only audit log: every change and every disclosure of an identity."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from service.models import AuditEvent, User


def record(session: Session, action: str, *, user: User | None = None,
           letter_id: int | None = None, case_id: int | None = None,
           **details: Any) -> None:
    session.add(AuditEvent(action=action, user_id=user.id if user else None,
                           letter_id=letter_id, case_id=case_id,
                           details={"username": user.username if user else None, **details}))
