"""Page routes outside /api: server-rendered shells, the static files, security headers.

The pages carry no data: the browser keeps the bearer token in sessionStorage and every figure
comes from the JSON API, so a page shell is the same for every user and every role.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from classifier import labels

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
               ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
# Images of pages arrive as blob: URLs; nothing is loaded from another origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' blob: data:; "
                                "script-src 'self'; style-src 'self'; object-src 'none'; "
                                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))
# Label order is meaning (1/2/3 pick the types in LABELS.md order): tojson must not sort keys.
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}


def label_texts() -> dict[str, dict[str, str]]:
    """The Vietnamese names of every label value, for the pages' scripts."""
    xu_ly = {value: labels.XU_LY_VI[value] for value in labels.XU_LY + labels.XU_LY_REVIEW_ONLY}
    return {
        "loai_don": {value: labels.LOAI_DON_VI[value] for value in labels.LOAI_DON},
        "tham_quyen": {value: labels.THAM_QUYEN_VI[value] for value in labels.THAM_QUYEN},
        "xu_ly": xu_ly,
        "linh_vuc": {value: labels.LINH_VUC_VI[value] for value in labels.LINH_VUC},
    }


def _page(request: Request, template: str, title: str, **context: Any) -> Response:
    response = templates.TemplateResponse(
        request, template, {"title": title, "labels": label_texts(), **context})
    response.headers.update(SECURITY_HEADERS)
    return response


@router.get("/")
def home() -> RedirectResponse:
    # The login page sends a signed-in user on to the home screen of their role.
    return RedirectResponse("/dang-nhap", status_code=303)


@router.get("/dang-nhap")
def login_page(request: Request) -> Response:
    return _page(request, "login.html", "Đăng nhập", page="login")


@router.get("/tiep-nhan")
def upload_page(request: Request) -> Response:
    return _page(request, "upload.html", "Tiếp nhận đơn", page="upload")


@router.get("/hang-cho")
def queue_page(request: Request) -> Response:
    return _page(request, "queue.html", "Đơn chờ duyệt", page="queue")


@router.get("/don/{letter_id}")
def letter_page(request: Request, letter_id: int) -> Response:
    return _page(request, "letter.html", f"Đơn số {letter_id}", page="letter",
                 letter_id=letter_id)


@router.get("/tong-hop")
def dashboard_page(request: Request) -> Response:
    return _page(request, "dashboard.html", "Tổng hợp, báo cáo", page="dashboard")


@lru_cache(maxsize=1)
def _static_files() -> frozenset[str]:
    # Only files that ship in static/ are served: no path ever reaches the file system.
    return frozenset(p.name for p in STATIC_DIR.iterdir() if p.is_file())


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    if name not in _static_files():
        raise HTTPException(status_code=404, detail="Không tìm thấy tệp.")
    path = STATIC_DIR / name
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    # no-cache: revalidated by ETag on every load, so an upgrade never meets a stale module.
    return FileResponse(path, media_type=media_type,
                        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
