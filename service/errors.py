"""Errors of the service; messages are Vietnamese because officials read them.

The HTTP status of each is in one table in service.api; the routes never choose codes.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class of every error the service raises on purpose."""

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class NotFoundError(ServiceError):
    """The letter, page, case or user does not exist."""


class ConflictError(ServiceError):
    """The record changed since the caller read it, or is in the wrong state."""


class AuthenticationError(ServiceError):
    """No valid credentials or token."""


class ForbiddenError(ServiceError):
    """The caller's role may not do this."""


class ThrottledError(ServiceError):
    """Too many failed logins: wait before trying again."""


class UploadTooLargeError(ServiceError):
    """The upload exceeds DONTHU_MAX_UPLOAD_MB."""


class UnsupportedUploadError(ServiceError):
    """The upload is not a PDF, TIFF, JPEG or PNG."""


class InvalidInputError(ServiceError):
    """A value is not allowed (an unknown label, role or date)."""
