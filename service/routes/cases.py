"""The register (case records), its CSV export and the statistics."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from service import audit, cases
from service.deps import Reviewer, SessionDep, SettingsDep, Supervisor, entitled
from service.schemas import CaseOut, CasePage, IsoDate, LoaiDon, RecordId, Stats, error_responses
from service.stats import period_stats
from service.views import case_view

router = APIRouter(prefix="/api", tags=["cases"])
ERRORS = error_responses(401, 403)
FromDate = Annotated[IsoDate | None, Query(alias="from")]
ToDate = Annotated[IsoDate | None, Query(alias="to")]


@router.get("/cases", response_model=CasePage, responses=ERRORS)
def list_cases(session: SessionDep, settings: SettingsDep, user: Reviewer,
               loai_don: LoaiDon | None = None, date_from: FromDate = None,
               date_to: ToDate = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
               offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> CasePage:
    items, total = cases.list_cases(session, loai_don=loai_don, date_from=date_from,
                                    date_to=date_to, limit=limit, offset=offset)
    see = entitled(user, settings)
    return CasePage(total=total, items=[CaseOut(**case_view(c, entitled=see)) for c in items])


@router.get("/cases.csv", response_class=Response,
            responses={**ERRORS, 200: {"content": {"text/csv": {}}}})
def export_csv(session: SessionDep, user: Reviewer, loai_don: LoaiDon | None = None,
               date_from: FromDate = None, date_to: ToDate = None) -> Response:
    """Every case in the period; denouncers' identities are masked whoever asks."""
    items, total = cases.list_cases(session, loai_don=loai_don, date_from=date_from,
                                    date_to=date_to, limit=None)
    audit.record(session, "cases_exported", user=user, rows=total)
    return Response(content=cases.cases_csv(items).encode("utf-8"),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="ho-so.csv"'})


@router.get("/cases/{case_id}", response_model=CaseOut,
            responses=error_responses(401, 403, 404))
def get_case(case_id: RecordId, session: SessionDep, settings: SettingsDep,
             user: Reviewer) -> CaseOut:
    return CaseOut(**case_view(cases.get_case(session, case_id),
                               entitled=entitled(user, settings)))


@router.get("/stats", response_model=Stats, responses=ERRORS)
def stats(session: SessionDep, user: Supervisor, date_from: FromDate = None,
          date_to: ToDate = None) -> Stats:
    today = date.today()
    date_to = date_to or today
    date_from = date_from or date(date_to.year, 1, 1)
    return Stats(**period_stats(session, date_from, date_to, today=today))
