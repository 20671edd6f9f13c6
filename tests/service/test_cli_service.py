"""`donthu migrate` and `donthu users add` as an administrator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from service.db import session_scope
from service.models import User
from service.security import verify_password
from tests.service.conftest import test_settings


def donthu(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DONTHU_DATA_DIR": str(data_dir), "DONTHU_ENV": "test",
           "DONTHU_DATABASE_URL": ""}
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_migrate_then_add_users(tmp_path: Path, model_path: Path) -> None:
    data_dir = tmp_path / "var"
    assert donthu(data_dir, "migrate").returncode == 0
    added = donthu(data_dir, "users", "add", "lan", "--role", "officer",
                   "--password", "mat-khau-cua-lan")
    assert added.returncode == 0, added.stderr
    with session_scope(test_settings(data_dir, model_path)) as session:
        user = session.scalar(select(User).where(User.username == "lan"))
        assert user is not None and user.role == "officer"
        assert verify_password(user.password_hash, "mat-khau-cua-lan")
    again = donthu(data_dir, "users", "add", "lan", "--role", "officer",
                   "--password", "mat-khau-cua-lan")
    assert again.returncode != 0
    assert again.stderr.strip().splitlines() == ["donthu: Tài khoản 'lan' đã tồn tại"]
    bad_role = donthu(data_dir, "users", "add", "minh", "--role", "boss", "--password", "x" * 9)
    assert bad_role.returncode != 0 and len(bad_role.stderr.strip().splitlines()) == 1
