"""The FastAPI application: routes, the one table of error → HTTP status, the worker pool."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import errors, web
from service.db import engine_for, session_factory
from service.pool import LocalPool
from service.routes import auth, cases, health, letters, review
from service.settings import Settings, get_settings

log = logging.getLogger(__name__)

ERROR_STATUS: dict[type[errors.ServiceError], int] = {
    errors.NotFoundError: 404,
    errors.ConflictError: 409,
    errors.AuthenticationError: 401,
    errors.ForbiddenError: 403,
    errors.ThrottledError: 429,
    errors.UploadTooLargeError: 413,
    errors.UnsupportedUploadError: 415,
    errors.InvalidInputError: 422,
}
HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ: không đọc được dữ liệu gửi lên",
    401: "Cần đăng nhập",
    403: "Không được phép",
    404: "Không tìm thấy địa chỉ này",
    405: "Phương thức không được hỗ trợ cho địa chỉ này",
    406: "Định dạng yêu cầu không được hỗ trợ",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Kiểu dữ liệu không được hỗ trợ",
}
VALIDATION_MESSAGES = {
    "missing": "bắt buộc phải có",
    "literal_error": "không thuộc danh mục giá trị cho phép",
    "enum": "không thuộc danh mục giá trị cho phép",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "bool_parsing": "phải là true hoặc false",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "string_too_long": "quá dài",
    "too_long": "có quá nhiều phần tử",
    "extra_forbidden": "là trường không được phép",
    "greater_than_equal": "nhỏ hơn mức cho phép",
    "less_than_equal": "lớn hơn mức cho phép",
    "string_type": "phải là chuỗi ký tự",
    "string_pattern_mismatch": "không đúng định dạng",
    "json_invalid": "không phải JSON hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách",
}
MULTIPART_OVERHEAD = 1024 * 1024


def create_app(settings: Settings | None = None, *, pool_workers: int = 0) -> FastAPI:
    """The app; with pool_workers > 0 it also runs the local worker pool while it serves."""
    settings = settings or get_settings()
    settings.signing_key()  # refuse a placeholder secret before serving anything

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = LocalPool(settings, workers=pool_workers) if pool_workers > 0 else None
        app.state.pool = pool
        if pool is not None:
            pool.start()
        try:
            yield
        finally:
            if pool is not None:
                pool.stop()

    app = FastAPI(title="donthu", lifespan=lifespan,
                  description="Đơn thư → hồ sơ vụ việc đã được cán bộ duyệt")
    app.state.settings = settings
    app.state.sessions = session_factory(engine_for(settings))
    app.state.pool = None
    for module in (auth, letters, review, cases, health):
        app.include_router(module.router)
    app.include_router(web.router)  # the review pages, outside /api
    _install_error_handlers(app)
    _publish_error_shape(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes() + MULTIPART_OVERHEAD)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.ServiceError)
    async def service_error(_request: Request, error: errors.ServiceError) -> JSONResponse:
        status = next((code for kind, code in ERROR_STATUS.items() if isinstance(error, kind)),
                      400)
        headers = {}
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if "retry_after" in error.extra:
            headers["Retry-After"] = str(error.extra["retry_after"])
        body: dict[str, Any] = {"detail": error.message}
        body.update({k: v for k, v in error.extra.items() if k != "retry_after"})
        return JSONResponse(body, status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_message(error.errors())}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = HTTP_MESSAGES.get(error.status_code, "Yêu cầu không thực hiện được")
        headers = dict(getattr(error, "headers", None) or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(app, request.url.path))
        return JSONResponse({"detail": message}, status_code=error.status_code,
                            headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, error: Exception) -> JSONResponse:
        log.error("unexpected error", exc_info=error)
        return JSONResponse({"detail": "Lỗi hệ thống; vui lòng báo quản trị viên"},
                            status_code=500)

    @app.exception_handler(OperationalError)
    async def database_busy(_request: Request, error: OperationalError) -> JSONResponse:
        log.warning("database error: %s", error)
        return JSONResponse({"detail": "Cơ sở dữ liệu đang bận hoặc không kết nối được; "
                                       "vui lòng thử lại"}, status_code=503)


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method of every route at path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in app.router.routes:
        pattern = getattr(route, "path_regex", None)
        if pattern is not None and pattern.match(path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _publish_error_shape(app: FastAPI) -> None:
    """Two corrections to the schema FastAPI generates, so that clients (and schemathesis)
    read what the API really does: 422 bodies are our one-sentence `detail`, and an optional
    form field is omitted, never null (multipart cannot carry a null)."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, routes=app.routes,
                                   description=app.description)
            schemas = document.get("components", {}).get("schemas", {})
            if "HTTPValidationError" in schemas:
                schemas["HTTPValidationError"] = {
                    "title": "HTTPValidationError", "type": "object", "required": ["detail"],
                    "properties": {"detail": {"type": "string", "title": "Detail"}}}
                schemas.pop("ValidationError", None)
            for name, body in schemas.items():
                if name.startswith("Body_"):
                    for key, prop in body.get("properties", {}).items():
                        options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
                        if "anyOf" in prop and len(options) == 1:
                            body["properties"][key] = {**options[0], "title": prop.get("title")}
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def validation_message(problems: Any) -> str:
    """One Vietnamese sentence naming each bad field and what is wrong with it."""
    parts = []
    for problem in list(problems)[:5]:
        where = ".".join(str(x) for x in problem.get("loc", ()) if x not in ("body", "query",
                                                                              "path", "form"))
        what = VALIDATION_MESSAGES.get(problem.get("type", ""), "không đúng định dạng")
        if problem.get("type") == "value_error":  # our own validators speak Vietnamese
            what = str(problem.get("ctx", {}).get("error", what))
        parts.append(f"'{where or 'dữ liệu'}' {what}")
    return "Dữ liệu không hợp lệ: " + "; ".join(parts) if parts else "Dữ liệu không hợp lệ"


class BodyLimit:
    """Refuse a request body larger than max_bytes with 413 before it is read into memory."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            response = JSONResponse({"detail": "Tệp gửi lên vượt quá giới hạn dung lượng"},
                                    status_code=413)
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise errors.UploadTooLargeError("Tệp gửi lên vượt quá giới hạn dung lượng")
            return message

        await self.app(scope, limited, send)
