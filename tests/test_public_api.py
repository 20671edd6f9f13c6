"""What the libraries make public is pinned: changing it is a deliberate act."""

import classifier
import ocr


def test_ocr_public_api() -> None:
    assert set(ocr.__all__) == {
        "CorruptFileError", "Document", "EmptyFileError", "EncryptedPdfError", "EngineError",
        "Letter", "OcrConfig", "OcrError", "Page", "PageNotFoundError", "TooLargeError",
        "UnsupportedFileError", "become_page_worker", "normalise_text", "read",
        "read_document", "render_page", "RedactedPage", "redact_page",
    }
    assert all(hasattr(ocr, name) for name in ocr.__all__)


def test_classifier_public_api() -> None:
    assert {"suggest", "Suggestion", "train", "evaluate", "ClassifierConfig"} <= set(
        classifier.__all__)
    assert all(hasattr(classifier, name) for name in classifier.__all__)
