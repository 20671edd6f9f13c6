"""Logins, tokens, roles and the slowing down of password guessing."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import jwt
from fastapi.testclient import TestClient

from service.db import session_scope
from service.security import hash_password, verify_password
from service.settings import Settings
from service.users import add_user
from tests.service.conftest import PASSWORD, login


def test_passwords_are_hashed_with_argon2() -> None:
    hashed = hash_password("mot-mat-khau-dai")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "mot-mat-khau-dai")
    assert not verify_password(hashed, "sai-mat-khau")
    assert not verify_password(None, "mot-mat-khau-dai")


def test_token_carries_role_and_expiry(client: TestClient,
                                       headers: dict[str, dict[str, str]]) -> None:
    response = client.post("/api/token", data={"username": "officer", "password": PASSWORD})
    body = response.json()
    assert body["token_type"] == "bearer" and body["role"] == "officer"
    assert body["expires_in"] == 480 * 60


def test_requests_without_a_valid_token_get_401_in_vietnamese(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    for extra in ({}, {"Authorization": "Bearer not-a-token"}):
        response = client.get("/api/letters", headers=extra)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert "đăng nhập" in response.json()["detail"]
    expired = jwt.encode({"sub": "clerk", "exp": datetime.now(UTC) - timedelta(seconds=5)},
                         settings.signing_key(), algorithm="HS256")
    response = client.get("/api/letters", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


def test_roles_are_enforced(client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    allowed = {
        "/api/letters": {"clerk", "officer", "supervisor", "admin"},
        "/api/review-queue": {"officer", "supervisor", "admin"},
        "/api/cases": {"officer", "supervisor", "admin"},
        "/api/stats": {"supervisor", "admin"},
    }
    for path, roles in allowed.items():
        for role, header in headers.items():
            status = client.get(path, headers=header).status_code
            assert status == (200 if role in roles else 403), (path, role, status)
    assert client.get("/api/health").status_code == 200  # no login needed


def test_repeated_failed_logins_are_throttled(client: TestClient, settings: Settings,
                                             headers: dict[str, dict[str, str]]) -> None:
    for _ in range(settings.login_max_failures):
        wrong = client.post("/api/token", data={"username": "clerk", "password": "sai-sai-sai"})
        assert wrong.status_code == 401
        assert wrong.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu"
    throttled = client.post("/api/token", data={"username": "clerk", "password": PASSWORD})
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1
    assert "thử lại sau" in throttled.json()["detail"]
    unknown = client.post("/api/token", data={"username": "ai-do", "password": "x" * 8})
    assert unknown.status_code == 401  # another name is not throttled
    time.sleep(settings.login_lockout_seconds + 0.1)
    assert login(client, "clerk")  # after the wait the right password works again


def test_disabled_accounts_cannot_use_their_tokens(client: TestClient, settings: Settings,
                                                   headers: dict[str, dict[str, str]]) -> None:
    with session_scope(settings) as session:
        user = add_user(session, "tam-nghi", role="clerk", password=PASSWORD)
    token = login(client, "tam-nghi")
    with session_scope(settings) as session:
        session.merge(user).active = False
    assert client.get("/api/letters", headers=token).status_code == 401
