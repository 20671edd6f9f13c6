"""Request and response bodies of the HTTP API (they make the OpenAPI schema at /docs)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

LoaiDon = Literal["khieu_nai", "to_cao", "kien_nghi_phan_anh"]
ThamQuyen = Literal["ubnd_xa", "ubnd_tinh", "so_nganh", "nganh_doc", "cong_an", "toa_an",
                    "dang_doan_the", "don_vi_su_nghiep"]
XuLy = Literal["thu_ly", "huong_dan", "chuyen_don", "luu_don", "tra_lai", "don_doc", "tach_don"]
LinhVuc = Literal["dat_dai", "xay_dung", "moi_truong", "chinh_sach_xa_hoi", "tham_nhung",
                  "tu_phap_dan_su", "hanh_chinh", "giao_duc_y_te", "trat_tu_an_ninh", "khac"]
Status = Literal["received", "read", "suggested", "confirmed", "failed"]
Role = Literal["clerk", "officer", "supervisor", "admin"]


def _iso_date_only(value: object) -> object:
    """Dates as YYYY-MM-DD only (pydantic would also take 0 as 1970-01-01)."""
    if not isinstance(value, date) and not (
            isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("phải là ngày dạng YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


def _not_a_boolean(value: object) -> object:
    """JSON true is not the number 1 (pydantic would take it as one)."""
    if isinstance(value, bool):
        raise ValueError("phải là số nguyên")
    return value


MAX_ID = 2**31 - 1  # the databases' INTEGER; larger ids cannot exist
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Path(ge=1, le=100_000)]
# Bounds first, so that the published schema says minimum/maximum.
Version = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_not_a_boolean)]
SignatoryCount = Annotated[int, Field(ge=0, le=100_000), BeforeValidator(_not_a_boolean)]
ComplaintRound = Annotated[int, Field(ge=1, le=2), BeforeValidator(_not_a_boolean)]


# PostgreSQL cannot store U+0000 in text, and no letter or decision has one: the schema says so,
# so that clients (and schemathesis) know it.
NO_NUL = r"^[^\x00]*$"


def text_field(max_length: int) -> Any:
    return Field(max_length=max_length, pattern=NO_NUL)


Text100 = Annotated[str, text_field(100)]
Text255 = Annotated[str, text_field(255)]


class Input(BaseModel):
    """Base of every request body: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    detail: str


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` of a route: each error code with its JSON body."""
    return {code: {"model": ErrorBody} for code in codes}


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    role: Role
    expires_in: int


class QuyetDinh(Input):
    so: Text100
    ngay: IsoDate | None = None
    co_quan: Text255 | None = None




class FieldCorrections(Input):
    """Fields the officer corrected; a field left out keeps the suggested value."""

    nguoi_viet: Text255 | None = None
    danh_tinh: Literal["co_ten", "nac_danh", "mao_danh"] | None = None
    so_nguoi_ky: SignatoryCount | None = None
    nguoi_dai_dien: list[Text255] | None = Field(default=None, max_length=100)
    ngay_viet: IsoDate | None = None
    dia_chi: Annotated[str, text_field(1000)] | None = None
    tinh: Text255 | None = None
    cccd: list[Annotated[str, Field(pattern=r"^\d{9,12}$")]] | None = Field(
        default=None, max_length=100)
    dien_thoai: list[Annotated[str, text_field(20)]] | None = Field(
        default=None, max_length=100)
    kinh_gui: list[Text255] | None = Field(default=None, max_length=100)
    quyet_dinh: list[QuyetDinh] | None = Field(default=None, max_length=100)
    lan_khieu_nai: ComplaintRound | None = None

    def corrections(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, mode="json")


class Decision(Input):
    """An officer's decision: the suggestion confirmed as is, or corrected."""

    loai_don: LoaiDon
    tham_quyen: ThamQuyen
    xu_ly: XuLy
    linh_vuc: LinhVuc
    co_quan: Text255 | None = None
    fields: FieldCorrections = Field(default_factory=FieldCorrections)
    note: Annotated[str, text_field(4000)] | None = None


class ReviewRequest(Input):
    version: Version
    decision: Decision


class ReviewResult(BaseModel):
    case_id: int
    letter_id: int
    so_tiep_nhan: str


class TranscriptionRequest(Input):
    text: str = Field(max_length=200_000)  # NUL characters are dropped, not refused
    version: Version


class UploadResult(BaseModel):
    id: int
    status: Status
    duplicate: bool
    letters: list[int]


class LetterRef(BaseModel):
    id: int
    status: Status


class LetterSummary(BaseModel):
    id: int
    status: Status
    filename: str
    error: str | None
    created_at: str
    updated_at: str
    pages_count: int


class LetterList(BaseModel):
    items: list[LetterSummary]
    total: int


class PageOut(BaseModel):
    number: int
    text: str
    confidence: float
    needs_transcription: bool


class LetterOut(BaseModel):
    id: int
    status: Status
    version: int
    filename: str
    error: str | None
    ngay_nhan: str
    first_page: int | None
    last_page: int | None
    text: str
    pages: list[PageOut]
    suggestion: dict[str, Any] | None
    case_id: int | None
    identity_masked: bool
    created_at: str
    updated_at: str


class IdentityOut(BaseModel):
    letter_id: int
    nguoi_viet: str | None
    dia_chi: str | None
    cccd: list[str]
    dien_thoai: list[str]
    nguoi_dai_dien: list[str]


class QueueItem(BaseModel):
    id: int
    status: Status
    version: int
    loai_don: str
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    linh_vuc: str
    confidence: float
    abstain: bool
    deadline: str | None
    overdue: bool
    nguoi_viet: str | None
    summary: str
    received_at: str


class QueuePage(BaseModel):
    items: list[QueueItem]
    total: int


class CaseOut(BaseModel):
    id: int
    so_tiep_nhan: str
    letter_id: int
    ngay_nhan: str
    ngay_xac_nhan: str
    nguoi_viet: str | None
    tinh: str | None
    tom_tat: str
    loai_don: str
    linh_vuc: str
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    han_xu_ly: str | None
    tap_the: bool
    status: str
    confirmed_by: str
    identity_masked: bool


class CasePage(BaseModel):
    items: list[CaseOut]
    total: int


class Stats(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    received: int
    confirmed: int
    by_loai_don: dict[str, int]
    by_tham_quyen: dict[str, int]
    within_jurisdiction: int
    outside_jurisdiction: int
    by_xu_ly: dict[str, int]
    collective: int
    overdue: int


class Health(BaseModel):
    status: str
    database: str
    model_version: str | None
    model_message: str | None
    queue: dict[str, int]
