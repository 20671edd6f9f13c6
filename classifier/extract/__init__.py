"""Facts from a letter's text (LABELS.md "Flags and fields"); one module per field family."""

from classifier.extract.fields import extract_fields

__all__ = ["extract_fields"]
