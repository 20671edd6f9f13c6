"""Letter text → labels, jurisdiction, handling, fields and reasons. Knows nothing of the
service or of OCR."""

from classifier.artifact import load as load_model_file
from classifier.config import DEFAULT_MODEL_PATH, ClassifierConfig, OfficeConfig
from classifier.errors import ClassifierError, CorpusError, ModelMismatchError, ModelNotFoundError
from classifier.evaluation import evaluate
from classifier.suggest import load_model, suggest
from classifier.suggestion import Decision, Fields, Flags, Suggestion
from classifier.training import TrainResult, train

__all__ = [
    "DEFAULT_MODEL_PATH",
    "ClassifierConfig",
    "ClassifierError",
    "CorpusError",
    "Decision",
    "Fields",
    "Flags",
    "ModelMismatchError",
    "ModelNotFoundError",
    "OfficeConfig",
    "Suggestion",
    "TrainResult",
    "evaluate",
    "load_model",
    "load_model_file",
    "suggest",
    "train",
]
