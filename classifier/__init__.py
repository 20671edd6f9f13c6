"""Letter text → labels, jurisdiction, handling, fields and reasons. Knows nothing of the
service or of OCR."""

from classifier.artifact import load as load_model_file
from classifier.config import DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR, ClassifierConfig, OfficeConfig
from classifier.duplicates import LetterIndex
from classifier.errors import (
    ClassifierError,
    CorpusError,
    ModelMismatchError,
    ModelNotFoundError,
    RulesError,
)
from classifier.evaluation import evaluate
from classifier.field_evaluation import evaluate_suggestions
from classifier.rulebook import load_rules
from classifier.suggest import load_model, suggest
from classifier.suggestion import Decision, Fields, Flags, Suggestion
from classifier.training import TrainResult, train

__all__ = [
    "DEFAULT_MODEL_PATH",
    "DEFAULT_RULES_DIR",
    "ClassifierConfig",
    "ClassifierError",
    "CorpusError",
    "Decision",
    "Fields",
    "Flags",
    "LetterIndex",
    "ModelMismatchError",
    "ModelNotFoundError",
    "OfficeConfig",
    "RulesError",
    "Suggestion",
    "TrainResult",
    "evaluate",
    "evaluate_suggestions",
    "load_model",
    "load_model_file",
    "load_rules",
    "suggest",
    "train",
]
