"""Request dependencies: settings, one session per request, the caller and their role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from service.db import transaction
from service.errors import AuthenticationError, ForbiddenError
from service.models import User
from service.security import read_token
from service.settings import Settings
from service.users import active_user

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/token", auto_error=False)


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """The request's session: committed when the route returns, rolled back when it raises."""
    with transaction(request.app.state.sessions) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


def current_user(session: SessionDep, settings: SettingsDep,
                 token: Annotated[str | None, Depends(oauth2)]) -> User:
    if not token:
        raise AuthenticationError("Cần đăng nhập (thiếu mã truy cập Bearer)")
    claims = read_token(token, settings)
    return active_user(session, str(claims["sub"]))


def roles(*allowed: str) -> Callable[[User], User]:
    """A dependency that lets only the given roles through."""
    def check(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role not in allowed:
            raise ForbiddenError("Vai trò của bạn không được phép thực hiện thao tác này")
        return user
    return check


ANY_ROLE = ("clerk", "officer", "supervisor", "admin")
REVIEWERS = ("officer", "supervisor", "admin")
SUPERVISORS = ("supervisor", "admin")
AnyUser = Annotated[User, Depends(roles(*ANY_ROLE))]
Reviewer = Annotated[User, Depends(roles(*REVIEWERS))]
Supervisor = Annotated[User, Depends(roles(*SUPERVISORS))]


def entitled(user: User, settings: Settings) -> bool:
    """May this caller see a denouncer's identity?"""
    return user.role in settings.entitled_roles()
