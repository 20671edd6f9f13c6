"""Errors raised by the ocr library; each message says what the user should do next."""


class OcrError(Exception):
    """Base class of every error the ocr library raises."""


class UnsupportedFileError(OcrError):
    """The file is not a PDF, TIFF, JPEG or PNG."""


class CorruptFileError(OcrError):
    """The file claims a supported type but cannot be decoded."""


class EmptyFileError(OcrError):
    """The file has no bytes or no pages."""


class EncryptedPdfError(OcrError):
    """The PDF is password-protected."""


class TooLargeError(OcrError):
    """The file exceeds a configured limit (pixels, pages)."""


class EngineError(OcrError):
    """Tesseract is missing, failed or timed out."""


class PageNotFoundError(OcrError):
    """A page number outside the file's pages was asked for."""
