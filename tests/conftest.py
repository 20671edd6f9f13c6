"""Shared fixtures: paths, the trained model, and the real services (PostgreSQL, Redis)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import classifier
from classifier import artifact

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REQUIRE_SERVICES = os.environ.get("DONTHU_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Without the service: skip on a laptop, fail in CI (DONTHU_REQUIRE_SERVICES=1)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (DONTHU_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The shipped model (trained by `make test` before pytest); trained here if missing."""
    path = classifier.DEFAULT_MODEL_PATH
    try:
        classifier.load_model_file(path)
    except classifier.ClassifierError:
        classifier.train([ROOT / "training_data" / "corpus.jsonl"], path, force=True)
    assert artifact.read_metadata(path) is not None
    return path


@pytest.fixture(scope="session")
def letter_model(model_path: Path) -> classifier.model.LetterModel:
    return classifier.load_model(model_path)
