"""The review pages: Jinja2 shells whose plain JavaScript calls the JSON API under /api."""

from service.web.pages import router

__all__ = ["router"]
