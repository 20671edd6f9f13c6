"""GET /api/health: the database, the model and the queue, without logging in."""

from __future__ import annotations

from fastapi import APIRouter

from classifier import artifact
from service import letters
from service.deps import SessionDep, SettingsDep
from service.schemas import Health

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=Health)
def health(session: SessionDep, settings: SettingsDep) -> Health:
    queue = letters.status_counts(session)
    metadata = artifact.read_metadata(settings.model_path)
    return Health(status="ok", database="ok",
                  model_version=str(metadata.get("version")) if metadata else None,
                  model_message=None if metadata else "chưa có mô hình: chạy `donthu train`",
                  queue=queue)
