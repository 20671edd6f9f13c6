"""A live `donthu serve` for the browser tests: its own temp SQLite DB and data dir, a free
port, the real worker pool, and accounts for each role."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from service import db, users
from service.settings import Settings

PASSWORD = "Mat-khau-thu-nghiem-1"
USERS = {"vanthu": "clerk", "canbo": "officer", "canbo2": "officer", "lanhdao": "supervisor"}
START_TIMEOUT_SECONDS = 90.0


class ServerError(RuntimeError):
    """The server did not start; the message carries its log."""


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    env: dict[str, str]
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self.tokens:
            response = httpx.post(f"{self.url}/api/token",
                                  data={"username": username, "password": PASSWORD})
            response.raise_for_status()
            self.tokens[username] = response.json()["access_token"]
        return self.tokens[username]

    def api(self, username: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0,
                            headers={"Authorization": f"Bearer {self.token(username)}"})

    def settings(self) -> Settings:
        """The server's settings, for seeding its database from the test process."""
        return _settings(self.env)


def _settings(env: dict[str, str]) -> Settings:
    return Settings(data_dir=Path(env["DONTHU_DATA_DIR"]),
                    model_path=Path(env["DONTHU_MODEL_PATH"]),
                    secret_key=env["DONTHU_SECRET_KEY"], env="test")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _add_accounts(settings: Settings) -> None:
    """The database and one account per test user, made here: four `donthu users add`
    processes would cost the suite half a minute of imports."""
    db.migrate(settings.effective_database_url())
    with db.session_scope(settings) as session:
        for name, role in USERS.items():
            users.add_user(session, name, role=role, password=PASSWORD)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"donthu serve exited with {process.returncode}:\n"
                              f"{log.read_text()}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ServerError(f"donthu serve did not answer within {START_TIMEOUT_SECONDS} s:\n"
                      f"{log.read_text()}")


@contextmanager
def running_server(data_dir: Path, model_path: Path) -> Iterator[LiveServer]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DONTHU_")}
    env.update({
        "DONTHU_ENV": "test",
        "DONTHU_DATA_DIR": str(data_dir),
        "DONTHU_MODEL_PATH": str(model_path),
        "DONTHU_SECRET_KEY": secrets.token_hex(32),
        "DONTHU_WORKERS": "1",
        "DONTHU_POLL_SECONDS": "0.2",
    })
    _add_accounts(_settings(env))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = data_dir / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1",
             "--port", str(port), "--workers", "1"], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, process, log)
        yield LiveServer(url=url, data_dir=data_dir, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
