"""Facts from a letter's text (LABELS.md "Flags and fields"); one module per field family."""
