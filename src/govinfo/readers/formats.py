"""Which reader a file needs, decided by its content (never by its name).

- PDF: ``%PDF-`` within the first 1024 bytes (where PDF readers look for it).
- Word: a zip archive holding ``word/document.xml``.
- Excel: a zip archive holding ``xl/workbook.xml`` (:mod:`govinfo.readers.xlsx`).
- A legacy ``.doc``/``.wps`` or a password-protected ``.docx``: an OLE2 compound file.
- A PNG or JPEG image of a report page (read by OCR: the ``ocr`` extra).
- Anything else is text (plain text, pipe tables, Markdown, HTML), for the text readers.

>>> sniff(b"%PDF-1.7\\n..."), sniff(b"<p>\\xe4\\xb8\\x80</p>")
('pdf', None)
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ParseError
from .cells import SourceDocument

__all__ = ["read_binary", "sniff"]


def sniff(data: bytes) -> str | None:
    """``"pdf"``, ``"docx"``, ``"xlsx"``, ``"ole2"``, ``"image"``, or ``None`` for text."""
    from .docx import is_docx, is_ole2
    from .ocr import is_image
    from .pdf import is_pdf
    from .xlsx import is_xlsx

    if is_pdf(data):
        return "pdf"
    if is_docx(data):
        return "docx"
    if is_xlsx(data):
        return "xlsx"
    if is_ole2(data):
        return "ole2"
    if is_image(data):
        return "image"
    return None


def _head(source: str | bytes | os.PathLike[str]) -> bytes | None:
    if isinstance(source, bytes):
        return source[:1024]
    if isinstance(source, os.PathLike):
        import stat

        try:
            if not stat.S_ISREG(os.stat(source).st_mode):
                return None  # the text path refuses it (not_a_file)
            with Path(source).open("rb") as f:
                return f.read(1024)
        except OSError:
            return None  # the text path reports the error
    return None


def read_binary(source: str | bytes | os.PathLike[str], max_bytes: int) -> SourceDocument | None:
    """The blocks of a PDF or Word source, or ``None`` when the source is text."""
    head = _head(source)
    if head is None:
        return None
    binary = head[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG") or head[:3] == b"\xff\xd8\xff"
    if not (b"%PDF-" in head or binary):
        return None
    if isinstance(source, bytes):
        data = source
    else:
        from ..files import read_source_file

        data = read_source_file(source, max_bytes)
    if len(data) > max_bytes:
        raise ParseError(f"the input is larger than {max_bytes} bytes", code="too_large")
    kind = sniff(data)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind in ("docx", "ole2"):
        from .docx import read_docx

        return read_docx(data)
    if kind == "xlsx":
        from .xlsx import read_xlsx_document

        return read_xlsx_document(data)
    if kind == "image":
        from .ocr import read_image

        return read_image(data)
    if head[:4] == b"PK\x03\x04":
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)):
                pass
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ParseError(
                "the input is a damaged or truncated zip archive (a Word .docx or Excel .xlsx file?)",
                code="docx_damaged",
            ) from None
        raise ParseError(
            "the input is a zip archive but neither a Word document (no word/document.xml) nor an Excel "
            "workbook (no xl/workbook.xml)",
            code="not_a_report",
        )
    return None
