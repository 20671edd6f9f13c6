"""Why a letter failed, in Vietnamese for the clerk who must act on it.

The ocr and classifier libraries write their errors in English for engineers; the clerk reads
what happened and what to do, and the engineer's detail follows in brackets.
"""

from __future__ import annotations

import classifier
import ocr

_OCR: tuple[tuple[type[ocr.OcrError], str], ...] = (
    (ocr.UnsupportedFileError,
     "Không đọc được tệp: tệp không phải PDF, TIFF, JPEG hay PNG. Hãy lưu hoặc quét lại "
     "dưới dạng PDF, TIFF, JPEG hoặc PNG"),
    (ocr.CorruptFileError,
     "Không đọc được tệp: tệp bị hỏng, không giải mã được. Hãy quét hoặc tải lên lại"),
    (ocr.EmptyFileError, "Không đọc được tệp: tệp rỗng hoặc không có trang nào. Hãy quét lại"),
    (ocr.EncryptedPdfError,
     "Không đọc được tệp: tệp PDF có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại"),
    (ocr.TooLargeError,
     "Không đọc được tệp: tệp vượt giới hạn số điểm ảnh hoặc số trang. Hãy tách tệp hoặc "
     "quét ở độ phân giải thấp hơn"),
    (ocr.EngineError,
     "Không đọc được tệp: bộ nhận dạng chữ (Tesseract) gặp lỗi hoặc quá thời gian. Hãy thử "
     "lại; nếu vẫn lỗi, báo quản trị hệ thống"),
)


def failure_reason(error: Exception) -> str:
    """One line: what went wrong and what to do, then the technical detail."""
    if isinstance(error, ocr.OcrError):
        message = next((text for kind, text in _OCR if isinstance(error, kind)),
                       "Không đọc được tệp")
    elif isinstance(error, classifier.ClassifierError):
        message = ("Không phân loại được đơn: mô hình phân loại không dùng được. Báo quản trị "
                   "hệ thống chạy lại lệnh donthu train")
    else:
        message = "Lỗi đọc/ghi tệp trên máy chủ. Hãy thử lại; nếu vẫn lỗi, báo quản trị hệ thống"
    return f"{message} (chi tiết kỹ thuật: {error})"
