"""Passwords (argon2) and access tokens (JWT, HS256)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from service.errors import AuthenticationError
from service.settings import Settings

_hasher = PasswordHasher()
# Verified against when the user name is unknown, so that timing does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("donthu-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def issue_token(username: str, role: str, settings: Settings) -> tuple[str, int]:
    """A signed token for username, and its lifetime in seconds."""
    lifetime = settings.token_minutes * 60
    now = datetime.now(UTC)
    claims = {"sub": username, "role": role, "iat": now, "exp": now + timedelta(seconds=lifetime)}
    return jwt.encode(claims, settings.signing_key(), algorithm="HS256"), lifetime


def read_token(token: str, settings: Settings) -> dict[str, Any]:
    """The claims of a valid, unexpired token."""
    try:
        claims: dict[str, Any] = jwt.decode(token, settings.signing_key(), algorithms=["HS256"],
                                            options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError as e:
        raise AuthenticationError("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại") from e
    except jwt.PyJWTError as e:
        raise AuthenticationError("Mã truy cập không hợp lệ, vui lòng đăng nhập lại") from e
    return claims
