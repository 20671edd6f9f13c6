"""The token key: a placeholder is refused outside tests; otherwise one is generated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.api import create_app
from service.settings import PLACEHOLDER_SECRET, Settings, SettingsError


def test_the_placeholder_secret_is_refused_outside_tests(tmp_path: Path) -> None:
    settings = Settings(env="dev", data_dir=tmp_path, secret_key=PLACEHOLDER_SECRET)
    with pytest.raises(SettingsError, match="placeholder"):
        create_app(settings)
    assert Settings(env="test", data_dir=tmp_path,
                    secret_key=PLACEHOLDER_SECRET).signing_key() == PLACEHOLDER_SECRET


def test_a_missing_secret_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = Settings(env="dev", data_dir=tmp_path, secret_key="").signing_key()
    second = Settings(env="dev", data_dir=tmp_path, secret_key="").signing_key()
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
