"""The database tables (SQLAlchemy 2.x typed mappings). Migrations: service/migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Letter states (DESIGN.md): received → read → suggested → confirmed, or failed (retryable).
RECEIVED, READ, SUGGESTED = "received", "read", "suggested"
CONFIRMED, FAILED = "confirmed", "failed"
STATUSES = (RECEIVED, READ, SUGGESTED, CONFIRMED, FAILED)
PENDING = (RECEIVED, READ)  # what a worker may claim
ROLES = ("clerk", "officer", "supervisor", "admin")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginFailure(Base):
    """Failed logins per user name (known or not), to slow down password guessing."""

    __tablename__ = "login_failures"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoredFile(Base):
    """An uploaded original, stored unchanged under <data_dir>/originals/ by its sha256."""

    __tablename__ = "files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(Integer)
    pages_count: Mapped[int | None] = mapped_column(Integer, default=None)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    letters: Mapped[list[Letter]] = relationship(back_populates="file", order_by="Letter.id")


class Letter(Base):
    """One letter of a file (a stack holds several), and where it is in its processing."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("file_id", "first_page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    first_page: Mapped[int | None] = mapped_column(Integer, default=None)
    last_page: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[str] = mapped_column(String(16), default=RECEIVED, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    lease_owner: Mapped[str | None] = mapped_column(String(128), default=None)
    lease_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    ngay_nhan: Mapped[date] = mapped_column(Date)
    ocr_confidence: Mapped[float | None] = mapped_column(Float, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    file: Mapped[StoredFile] = relationship(back_populates="letters")
    pages: Mapped[list[Page]] = relationship(order_by="Page.number", back_populates="letter")
    suggestion: Mapped[Suggestion | None] = relationship(back_populates="letter")
    identity: Mapped[Identity | None] = relationship()
    case: Mapped[CaseRecord | None] = relationship(back_populates="letter")

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("letter_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1-based within the letter
    source_page: Mapped[int] = mapped_column(Integer)  # 1-based within the file
    text: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1
    needs_transcription: Mapped[bool] = mapped_column(Boolean, default=False)
    transcribed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    letter: Mapped[Letter] = relationship(back_populates="pages")


class Suggestion(Base):
    """The classifier's proposal; identity fields are blanked here and kept in `identities`."""

    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), unique=True)
    model_version: Mapped[str] = mapped_column(String(64))
    loai_don: Mapped[str] = mapped_column(String(32), index=True)
    tham_quyen: Mapped[str] = mapped_column(String(32), index=True)
    xu_ly: Mapped[str] = mapped_column(String(16))
    linh_vuc: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)  # of loai_don
    abstain: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    letter: Mapped[Letter] = relationship(back_populates="suggestion")


class Identity(Base):
    """Who wrote a letter, held apart from the working record (LTC Điều 47: denouncers)."""

    __tablename__ = "identities"

    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), primary_key=True)
    nguoi_viet: Mapped[str | None] = mapped_column(String(255), default=None)
    dia_chi: Mapped[str | None] = mapped_column(Text, default=None)
    cccd: Mapped[list[Any]] = mapped_column(JSON, default=list)
    dien_thoai: Mapped[list[Any]] = mapped_column(JSON, default=list)
    nguoi_dai_dien: Mapped[list[Any]] = mapped_column(JSON, default=list)


class Review(Base):
    """An officer's decision on a suggestion: who, when, and what changed."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer)
    decision: Mapped[dict[str, Any]] = mapped_column(JSON)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseRecord(Base):
    """The register: a confirmed letter. The writer's identity lives in `identities`."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id"), unique=True)
    so_tiep_nhan: Mapped[str] = mapped_column(String(16), unique=True)
    ngay_nhan: Mapped[date] = mapped_column(Date)
    ngay_xac_nhan: Mapped[date] = mapped_column(Date, index=True)
    tinh: Mapped[str | None] = mapped_column(String(64), default=None)
    tom_tat: Mapped[str] = mapped_column(Text, default="")
    loai_don: Mapped[str] = mapped_column(String(32), index=True)
    linh_vuc: Mapped[str] = mapped_column(String(32))
    tham_quyen: Mapped[str] = mapped_column(String(32))
    co_quan: Mapped[str | None] = mapped_column(String(255), default=None)
    xu_ly: Mapped[str] = mapped_column(String(16))
    han_xu_ly: Mapped[date | None] = mapped_column(Date, default=None)
    tap_the: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(32))
    confirmed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    letter: Mapped[Letter] = relationship(back_populates="case")
    confirmer: Mapped[User] = relationship()


class ReceiptCounter(Base):
    """The last receipt number issued in a year (numbers restart every January)."""

    __tablename__ = "receipt_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    """Append-only (database triggers refuse UPDATE and DELETE): every change and disclosure."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    action: Mapped[str] = mapped_column(String(32), index=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"), default=None,
                                                  index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
