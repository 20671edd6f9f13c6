"""Errors raised by the classifier library."""


class ClassifierError(Exception):
    """Base class of every error the classifier raises."""


class CorpusError(ClassifierError):
    """The training corpus is malformed."""


class ModelNotFoundError(ClassifierError):
    """No trained model file at the configured path."""


class ModelMismatchError(ClassifierError):
    """The model file was written by another format or library version."""


class RulesError(ClassifierError):
    """A rules table (classifier/rules/*.csv or a copy in rules_dir) is malformed."""
