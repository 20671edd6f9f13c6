"""The FastAPI application."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

import classifier
from classifier import artifact
from service import web
from service.settings import get_settings


def create_app() -> FastAPI:
    app = FastAPI(title="donthu", description="Đơn thư → hồ sơ vụ việc đã được cán bộ duyệt")

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        settings = get_settings()
        metadata = artifact.read_metadata(settings.model_path)
        return {
            "status": "ok",
            "model": {"loaded": metadata is not None,
                      "version": metadata.get("version") if metadata else None,
                      "message": None if metadata else "chưa có mô hình: chạy `donthu train`"},
            "classifier": classifier.__name__,
        }

    app.include_router(web.router)
    return app
