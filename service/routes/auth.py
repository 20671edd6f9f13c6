"""POST /api/token: the OAuth2 password form → a bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from service import audit
from service.deps import SessionDep, SettingsDep
from service.schemas import Token, error_responses
from service.security import issue_token
from service.users import authenticate

router = APIRouter(prefix="/api", tags=["auth"])


@router.post("/token", response_model=Token, responses=error_responses(400, 401, 422, 429))
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep,
          settings: SettingsDep) -> Token:
    user = authenticate(session, form.username, form.password, settings)
    token, lifetime = issue_token(user.username, user.role, settings)
    audit.record(session, "login", user=user)
    return Token(access_token=token, role=user.role, expires_in=lifetime)  # type: ignore[arg-type]
