"""Accounts and logins, with failed logins slowed down per user name."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service import audit
from service.errors import AuthenticationError, InvalidInputError, ThrottledError
from service.models import ROLES, LoginFailure, User, utcnow
from service.security import hash_password, verify_password
from service.settings import Settings

MIN_PASSWORD_LENGTH = 8


def add_user(session: Session, username: str, *, role: str, password: str) -> User:
    """Create an account; the name must be new and the role one of ROLES."""
    username = username.strip()
    if role not in ROLES:
        raise InvalidInputError(f"Vai trò '{role}' không hợp lệ; chọn một trong: "
                                + ", ".join(ROLES))
    if not username or len(username) > 64:
        raise InvalidInputError("Tên đăng nhập phải có từ 1 đến 64 ký tự")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    if find_user(session, username) is not None:
        raise InvalidInputError(f"Tài khoản '{username}' đã tồn tại")
    user = User(username=username, role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    audit.record(session, "user_added", user=None, new_user=username, role=role)
    return user


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def active_user(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None or not user.active:
        raise AuthenticationError("Tài khoản không tồn tại hoặc đã bị khóa")
    return user


def authenticate(session: Session, username: str, password: str, settings: Settings) -> User:
    """The user when the password is right; refuses while the name is throttled.

    A failed attempt is committed before the error is raised, so the request's rollback
    cannot forget it.
    """
    username = username.strip()[:64]
    if "\x00" in username + password:  # not storable in PostgreSQL, never a real name
        raise AuthenticationError("Sai tên đăng nhập hoặc mật khẩu")
    _refuse_if_throttled(session, username, settings)
    user = find_user(session, username)
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not user.active or not password_ok:
        _count_failure(session, username)
        session.commit()
        raise AuthenticationError("Sai tên đăng nhập hoặc mật khẩu")
    failure = session.get(LoginFailure, username)
    if failure is not None:
        session.delete(failure)
    return user


def _refuse_if_throttled(session: Session, username: str, settings: Settings) -> None:
    failure = session.get(LoginFailure, username)
    if failure is None or failure.failures < settings.login_max_failures:
        return
    excess = failure.failures - settings.login_max_failures
    wait = settings.login_lockout_seconds * 2 ** min(excess, 10)
    until = failure.last_failed_at + timedelta(seconds=wait)
    remaining = (until - utcnow()).total_seconds()
    if remaining > 0:
        raise ThrottledError(f"Đăng nhập sai quá nhiều lần; thử lại sau {int(remaining) + 1} giây",
                             retry_after=int(remaining) + 1)


def _count_failure(session: Session, username: str) -> None:
    failure = session.get(LoginFailure, username)
    if failure is None:
        try:
            with session.begin_nested():
                session.add(LoginFailure(username=username, failures=1, last_failed_at=utcnow()))
            return
        except IntegrityError:  # a concurrent attempt created the row first
            failure = session.get(LoginFailure, username, populate_existing=True)
            assert failure is not None
    failure.failures += 1
    failure.last_failed_at = utcnow()
