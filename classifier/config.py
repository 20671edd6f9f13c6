"""Configuration the service hands the classifier (the library never reads the environment)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "model" / "donthu-model.joblib"
DEFAULT_RULES_DIR = Path(__file__).resolve().parent / "rules"  # the law's rules, as CSV data


@dataclass(frozen=True)
class OfficeConfig:
    """The receiving office: by default a provincial Citizen Reception Board."""

    province: str | None = None  # None: the province the letter is about
    level: str = "tinh"  # "tinh", "xa" or "so"
    name: str | None = None  # e.g. "UBND phường Tân An"; used when level is xa or so


@dataclass(frozen=True)
class ClassifierConfig:
    model_path: Path = DEFAULT_MODEL_PATH
    rules_dir: Path = DEFAULT_RULES_DIR  # an officer's edited copy may live elsewhere
    office: OfficeConfig = OfficeConfig()
    abstain_threshold: float | None = None  # None: the threshold stored with the model
