"""The officer's queue and the confirmation of a suggestion."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from service import review
from service.corrections import keep_as_training_example
from service.deps import Reviewer, SessionDep, SettingsDep, entitled
from service.schemas import (
    LoaiDon,
    QueueItem,
    QueuePage,
    RecordId,
    ReviewRequest,
    ReviewResult,
    Status,
    ThamQuyen,
    error_responses,
)
from service.views import queue_item

router = APIRouter(prefix="/api", tags=["review"])
ERRORS = error_responses(401, 403)


@router.get("/review-queue", response_model=QueuePage, responses=ERRORS)
def review_queue(session: SessionDep, settings: SettingsDep, user: Reviewer,
                 loai_don: LoaiDon | None = None, tham_quyen: ThamQuyen | None = None,
                 status: Status = "suggested", overdue: bool | None = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> QueuePage:
    today = date.today()
    letters, total = review.review_queue(session, loai_don=loai_don, tham_quyen=tham_quyen,
                                         status=status, overdue=overdue, limit=limit,
                                         offset=offset, today=today)
    see = entitled(user, settings)
    return QueuePage(total=total,
                     items=[QueueItem(**queue_item(x, entitled=see, today=today))
                            for x in letters])


@router.post("/letters/{letter_id}/review", response_model=ReviewResult,
             responses=error_responses(400, 401, 403, 404, 409))
def confirm(letter_id: RecordId, body: ReviewRequest, session: SessionDep,
            settings: SettingsDep, user: Reviewer) -> ReviewResult:
    """Confirm or correct the suggestion (one call); 409 when `version` is stale."""
    case = review.confirm(session, letter_id, version=body.version, decision=body.decision,
                          user=user, today=date.today())
    session.commit()
    keep_as_training_example(session, case, settings)
    return ReviewResult(case_id=case.id, letter_id=letter_id, so_tiep_nhan=case.so_tiep_nhan)



