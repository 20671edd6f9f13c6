"""Uploads and the letters' own views: /api/letters..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import JSONResponse

from service import audit, letters
from service.deps import AnyUser, Reviewer, SessionDep, SettingsDep, entitled
from service.errors import ForbiddenError, NotFoundError, UploadTooLargeError
from service.identity import identity_dict
from service.page_images import Redaction, page_png
from service.schemas import (
    IdentityOut,
    IsoDate,
    LetterList,
    LetterOut,
    LetterRef,
    LetterSummary,
    PageNumber,
    RecordId,
    Status,
    TranscriptionRequest,
    UploadResult,
    error_responses,
)
from service.transcription import transcribe_page
from service.views import IdentityView, letter_view

router = APIRouter(prefix="/api/letters", tags=["letters"])
ERRORS = error_responses(401, 403, 404)


def _wake_pool(request: Request) -> None:
    pool = getattr(request.app.state, "pool", None)
    if pool is not None:
        pool.wake()


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=UploadResult,
             responses={**error_responses(400, 401, 403, 413, 415),
                        200: {"model": UploadResult, "description": "already known"}})
def upload(request: Request, file: Annotated[UploadFile, File()], session: SessionDep,
           settings: SettingsDep, user: AnyUser,
           ngay_nhan: Annotated[IsoDate | None, Form()] = None) -> JSONResponse:
    data = file.file.read(settings.max_upload_bytes() + 1)
    if len(data) > settings.max_upload_bytes():
        raise UploadTooLargeError(
            f"Tệp lớn hơn giới hạn {settings.max_upload_mb:g} MB; hãy chia nhỏ tập đơn")
    ids, duplicate = letters.store_upload(session, data, file.filename or "scan", ngay_nhan,
                                          user, settings=settings)
    first = letters.get_letter(session, ids[0])
    session.commit()
    _wake_pool(request)
    body = UploadResult(id=first.id, status=first.status, duplicate=duplicate,  # type: ignore[arg-type]
                        letters=ids)
    return JSONResponse(body.model_dump(), status_code=200 if duplicate else 202)


@router.get("", response_model=LetterList, responses=ERRORS)
def list_letters(session: SessionDep, user: AnyUser, status: Status | None = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> LetterList:
    items, total = letters.list_letters(session, status=status, limit=limit, offset=offset)
    return LetterList(total=total, items=[LetterSummary(
        id=x.id, status=x.status, filename=x.file.filename, error=x.error,  # type: ignore[arg-type]
        created_at=x.created_at.isoformat(), updated_at=x.updated_at.isoformat(),
        pages_count=(x.last_page - x.first_page + 1) if x.first_page and x.last_page else 0)
        for x in items])


@router.get("/{letter_id}", response_model=LetterOut, responses=ERRORS)
def get_letter(letter_id: RecordId, session: SessionDep, settings: SettingsDep,
               user: AnyUser) -> LetterOut:
    letter = letters.get_letter(session, letter_id)
    return LetterOut(**letter_view(letter, entitled=entitled(user, settings)))


@router.get("/{letter_id}/identity", response_model=IdentityOut, responses=ERRORS)
def reveal_identity(letter_id: RecordId, session: SessionDep, settings: SettingsDep,
                    user: AnyUser) -> IdentityOut:
    """The writer's identity, for entitled roles only; every disclosure is audited."""
    if not entitled(user, settings):
        raise ForbiddenError("Vai trò của bạn không được xem danh tính người viết đơn")
    letter = letters.get_letter(session, letter_id)
    audit.record(session, "identity_revealed", user=user, letter_id=letter_id)
    return IdentityOut(letter_id=letter_id, **identity_dict(letter.identity))


@router.get("/{letter_id}/pages/{number}.png", response_class=Response,
            responses={**ERRORS, 200: {"content": {"image/png": {}}}})
def page_image(letter_id: RecordId, number: PageNumber, session: SessionDep, settings: SettingsDep,
               user: AnyUser) -> Response:
    """One page of the original scan; on a denunciation, the denouncer's name, address, numbers
    and signature are blacked out for the roles that may not see them."""
    letter = letters.get_letter(session, letter_id)
    page = next((p for p in letter.pages if p.number == number), None)
    if page is None:
        raise NotFoundError(f"Đơn số {letter_id} không có trang {number}")
    identity = IdentityView.of(letter, entitled=entitled(user, settings))
    redaction = Redaction.of(identity.values, page.text or "") if identity.masked else None
    png = page_png(letters.original_path(letter.file, settings), letter.file.kind,
                   page.source_page, settings, redaction=redaction)
    return Response(content=png, media_type="image/png",
                    headers={"X-Donthu-Identity-Masked": "1" if identity.masked else "0"})


@router.post("/{letter_id}/retry", status_code=status.HTTP_202_ACCEPTED,
             response_model=LetterRef, responses=error_responses(401, 403, 404, 409))
def retry(request: Request, letter_id: RecordId, session: SessionDep, user: AnyUser) -> LetterRef:
    letter = letters.retry(session, letter_id, user)
    session.commit()
    _wake_pool(request)
    return LetterRef(id=letter.id, status=letter.status)  # type: ignore[arg-type]


@router.put("/{letter_id}/pages/{number}/text", response_model=LetterOut,
            responses=error_responses(400, 401, 403, 404, 409))
def transcribe(letter_id: RecordId, number: PageNumber, body: TranscriptionRequest,
               session: SessionDep, settings: SettingsDep, user: Reviewer) -> LetterOut:
    """The officer's transcription of an unreadable page; the letter is classified again."""
    transcribe_page(session, letter_id, number, text=body.text, version=body.version,
                    user=user, settings=settings)
    letter = letters.get_letter(session, letter_id)
    return LetterOut(**letter_view(letter, entitled=entitled(user, settings)))
