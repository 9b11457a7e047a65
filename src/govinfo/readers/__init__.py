"""Reading published reports (text, pipe tables, Markdown, HTML) back into a :class:`~govinfo.Report`.

>>> import govinfo
>>> from pathlib import Path
>>> r = govinfo.parse(Path("tests/data/linping-education-2023.txt"))
>>> r == govinfo.examples.linping_education_2023()
True
>>> try:
...     govinfo.parse("no report here")
... except govinfo.ParseError as e:
...     print(e.code)
not_a_report

Every reader turns its input into blocks (:mod:`govinfo.readers.cells`) and hands them to the
one matcher (:mod:`govinfo.readers.document`, :mod:`govinfo.readers.tables`).

The functions are re-exported as :func:`govinfo.parse` and :func:`govinfo.parse_document`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import GovinfoError, ParseError
from ..report import Report
from .cells import Diagnostic, SourceDocument
from .document import ParseResult, read_document

__all__ = ["Diagnostic", "ParseResult", "detect_layout", "parse", "parse_document", "read_source"]

Source = str | bytes | os.PathLike[str]

#: Bytes larger than this are refused (the longest real report is well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024
#: Text longer than this many characters is refused with ``too_large``: real reports are far
#: shorter (the Linping page is 15 000 characters, Pingtan 12 000; an HTML page with its
#: markup stays well under 1 MB once scripts, styles and inline images are dropped), and
#: refusing at once bounds the cost of any input (parsing runs at about 1 µs a character).
MAX_INPUT_CHARS = 2_000_000
_TAG = re.compile(r"<[^<>]{0,4096}>")
# Parts of a page that are never report text, dropped before the size check (linear patterns:
# a lazy body bounded by a literal end tag, or one character class).
_NOT_TEXT = re.compile(
    r"<(script|style)\b[^>]{0,4096}>.*?</\1\s{0,10}>|data:[a-zA-Z/+.-]{1,60};base64,[A-Za-z0-9+/=]{1,100000000}",
    re.IGNORECASE | re.DOTALL,
)


def _decode(data: bytes) -> str:
    """Decode bytes by the one rule govinfo uses everywhere (:func:`govinfo.encoding.decode`)."""
    from ..encoding import decode

    return decode(data)[0]


def _text_of(source: Source) -> tuple[str, str]:
    """``(text, name)`` of a source: a path, bytes, or text."""
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            raise ParseError(f"the input is larger than {MAX_BYTES} bytes", code="too_large")
        return _decode(source), "<bytes>"
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ParseError(
                f"cannot read {path}: {e.strerror}", code="unreadable_file", path=str(path)
            ) from None
        return _decode(data), str(path)
    if not isinstance(source, str):
        raise ParseError(
            f"source must be text, bytes or a path, not {type(source).__name__}", code="wrong_type"
        )
    return source, "<text>"


def detect_layout(text: str) -> str:
    """``"html"`` when the text is an HTML page or fragment, else ``"text"``.

    >>> detect_layout("<p>一、总体情况</p>"), detect_layout("一、总体情况")
    ('html', 'text')
    """
    head = text[:4096].lower()
    markers = ("<html", "<!doctype", "<table", "<body", "<p>", "<p ", "<div", "<tr", "<td", "<br")
    return "html" if any(m in head for m in markers) else "text"


def _names_a_section(text: str, html: bool) -> bool:
    """Whether any section heading's words occur at all (a quick test in C-speed string code)."""
    from .document import _HEADING_KEYS
    from .normalize import fast_key

    if html:
        text = _TAG.sub("", text)
    # Folding the whole text is the slow part, and seldom needed: the heading keys (CJK
    # ideographs and 、, which folding leaves as they are) are usually there as written.
    if any(k in text for _, k in _HEADING_KEYS):
        return True
    key = fast_key(text)
    return any(k in key for _, k in _HEADING_KEYS)


def read_source(source: Source) -> SourceDocument:
    """The blocks of a source, read with the reader its layout needs."""
    from .formats import read_binary  # PDF and Word, detected by content (parse/pdf.py, parse/docx.py)

    binary = read_binary(source, MAX_BYTES)
    if binary is not None:
        return binary
    text, _ = _text_of(source)
    html = detect_layout(text) == "html"
    if html and len(text) > MAX_INPUT_CHARS // 4:
        text = _NOT_TEXT.sub("", text)
    if len(text) > MAX_INPUT_CHARS:
        raise ParseError(
            f"the input has {len(text)} characters; a report has far fewer "
            f"(at most {MAX_INPUT_CHARS} are read)",
            code="too_large",
        )
    if not _names_a_section(text, html):
        raise ParseError("no section heading of a 政府信息公开工作年度报告 was found", code="not_a_report")
    if html:
        from .html import read_html

        return read_html(text)
    from .text import read_text

    return read_text(text)


def parse_document(source: Source, *, edition: str | None = None) -> ParseResult:
    """Read a published report and say what was unsure.

    ``source`` is the text, the bytes (UTF-8, GBK/GB18030, or as the HTML ``charset`` says)
    or a path; the layout (HTML, one cell per line, pipe table, Markdown, crawler text) is
    detected. ``edition`` skips edition detection. Returns a :class:`ParseResult`; raises
    :class:`~govinfo.errors.ParseError` (a :class:`~govinfo.GovinfoError`) when no report is
    found or a table cannot be placed — never made-up values.
    """
    try:
        return read_document(read_source(source), edition=edition)
    except GovinfoError:
        raise
    except RecursionError:
        raise ParseError("the input is nested too deeply to read", code="too_deep") from None


def parse(source: Source, *, edition: str | None = None) -> Report:
    """Read a published report into a :class:`~govinfo.Report` (see :func:`parse_document`).

    >>> import govinfo
    >>> text = govinfo.render_text(govinfo.examples.linping_education_2023())
    >>> govinfo.parse(text) == govinfo.examples.linping_education_2023()
    True
    >>> try:
    ...     govinfo.parse(b"%PDF-1.7 truncated")
    ... except govinfo.ParseError as e:
    ...     print(e.code)
    pdf_damaged
    """
    return parse_document(source, edition=edition).report
