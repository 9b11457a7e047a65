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

import gc
import os
import re
from pathlib import Path

from ..errors import GovinfoError, ParseError
from ..report import Report
from .cells import Diagnostic, SourceDocument
from .document import ParseResult, SectionStatus, read_document

__all__ = [
    "Diagnostic",
    "ParseResult",
    "SectionStatus",
    "detect_layout",
    "parse",
    "parse_document",
    "read_source",
]

Source = str | bytes | os.PathLike[str]

#: Bytes larger than this are refused (the longest real report is well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024
#: Text longer than this many characters is refused with ``too_large``: real reports are far
#: shorter (the Linping page is 15 000 characters, Pingtan 12 000; an HTML page with its
#: markup stays well under 1 MB once scripts, styles and inline images are dropped), and
#: refusing at once bounds the cost of any input (parsing runs at about 1 µs a character).
MAX_INPUT_CHARS = 2_000_000
#: Inputs longer than this are parsed with the cyclic garbage collector paused (the parse makes
#: no reference cycles; pausing keeps the cost per character flat up to ``MAX_INPUT_CHARS``).
LARGE_INPUT = 200_000
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
        from ..files import read_source_file

        return _decode(read_source_file(source, MAX_BYTES)), os.fsdecode(source)
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


def _signature_keys() -> tuple[str, ...]:
    """Long labels that only a report's tables print (a table whose heading is missing)."""
    from ..catalogue import EDITIONS

    keys: set[str] = set()
    for e in EDITIONS.values():
        for spec in (e.proactive, *e.requests, e.appeals):
            for row in spec.rows:
                keys.add(row.label)
    from .normalize import label_key

    return tuple(sorted({label_key(k) for k in keys if len(label_key(k)) >= 6}))


def _names_a_section(text: str, html: bool) -> bool:
    """Whether any section heading's (or table's) words occur at all (a quick test in C-speed
    string code)."""
    from .document import _HEADING_KEYS
    from .normalize import fast_key

    if html:
        text = _TAG.sub("", text)
    # Folding the whole text is the slow part, and seldom needed: the heading keys (CJK
    # ideographs and 、, which folding leaves as they are) are usually there as written.
    needles = [k for _, k in _HEADING_KEYS] + list(_signature_keys())
    if any(k in text for k in needles) or _REPORT_TITLE.search(text[:20_000]):
        return True
    key = fast_key(text)
    # Folded, a title in Traditional characters (``…政府信息公開工作年度報告``) names a report too.
    return any(k in key for k in needles) or bool(_REPORT_TITLE.search(key[:20_000]))


#: A report's title with its year (a page titled as a report may lack the format's headings).
_REPORT_TITLE = re.compile(r"(?:19|20)[0-9]{2}\s{0,3}年度?[^\n。]{0,60}?信息公开[^\n。]{0,12}?报告")
#: The text ends in a digit, but for spaces and line breaks: a copy cut off inside a number. The
#: white space after it is no proof that the number is whole: a copy that cut ``11615`` to ``116``
#: may still end with a line break or a space (a cell's padding, a file's final newline).
_ENDS_IN_NUMBER = re.compile(r"[0-9][0-9.,]*$")
_CLOSED_HTML = re.compile(r"</(?:html|body)\s*>\s*$", re.IGNORECASE)


def read_source(source: Source) -> SourceDocument:
    """The blocks of a source, read with the reader its layout needs."""
    return _read_source(source)[0]


def _read_source(source: Source) -> tuple[SourceDocument, bool, bool]:
    """The blocks of a source, whether the text ends inside a number (cut off), and whether the
    source is text (which a copy may have cut off anywhere; a PDF or Word file is whole)."""
    from .formats import read_binary  # PDF and Word, detected by content (parse/pdf.py, parse/docx.py)

    if isinstance(source, str) and _names_a_file(source):
        # ``parse("/path/report.txt")``: a path given as text, naming a file that exists.
        source = Path(source)
    binary = read_binary(source, MAX_BYTES)
    if binary is not None:
        return binary, False, False
    if isinstance(source, bytes):
        _refuse_what_is_no_text(source)
    if isinstance(source, os.PathLike):
        from ..files import read_source_file

        source = read_source_file(source, MAX_BYTES)
        _refuse_what_is_no_text(source)
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
        raise _not_a_report(text)
    cut = _ENDS_IN_NUMBER.search(text[-4096:].rstrip()[-64:]) is not None
    if html:
        from .html import read_html

        # A page that closes its document (``</html>``) was not cut off: its last words are whole.
        return read_html(text), cut, _CLOSED_HTML.search(text[-4096:]) is None
    from .text import read_text

    return read_text(text), cut, True


def _names_a_file(text: str) -> bool:
    """Whether a ``str`` source is a path to an existing file rather than report text."""
    if len(text) > 4096 or "\n" in text or not text.strip():
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


#: The first bytes of compressed files (gzip, bzip2, xz, zstd, 7z, rar).
_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"7z\xbc\xaf", b"Rar!")


def _refuse_what_is_no_text(data: bytes) -> None:
    """Empty, compressed and binary input, each with its own error (not "no section heading")."""
    if not data.strip():
        raise ParseError("the input is empty", code="empty_input")
    if data.startswith(_COMPRESSED):
        raise ParseError(
            "the input is a compressed file (gzip, bzip2, xz, zstd, 7z or rar): unpack it and read the "
            "report inside",
            code="compressed_input",
        )
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # not UTF-16 text
        raise ParseError(
            "the input is binary data, not a report's text, PDF or Word file", code="binary_input"
        )


def _not_a_report(text: str) -> ParseError:
    """Why a text holds no report, as precisely as can be said."""
    stripped = text.strip()
    if not stripped:
        return ParseError("the input is empty", code="empty_input")
    if stripped[:1] in "[{":
        import json

        try:
            json.loads(stripped)
        except (ValueError, RecursionError):
            pass
        else:
            return ParseError(
                "the input is JSON but not a report's interchange JSON (use Report.from_json for that) "
                "nor a published report",
                code="json_not_a_report",
            )
    if len(stripped) < 300 and "\n" not in stripped and ("/" in stripped or "\\" in stripped):
        return ParseError(
            f"no section heading of a 政府信息公开工作年度报告 was found; if {stripped[:80]!r} is a file "
            "name, it does not exist here (pass a pathlib.Path to read a file)",
            code="not_a_report",
        )
    return ParseError("no section heading of a 政府信息公开工作年度报告 was found", code="not_a_report")


def parse_document(
    source: Source,
    *,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
    name: str | None = None,
) -> ParseResult:
    """Read a published report, as far as it can be read, and say what was unsure.

    ``source`` is the text, the bytes (UTF-8, GBK/GB18030, or as the HTML ``charset`` says)
    or a path; the layout (HTML, one cell per line, pipe table, Markdown, crawler text, PDF,
    Word) is detected. ``edition`` skips edition detection; ``year`` and ``agency`` supply
    what the input may not state (a disagreement with the text is a diagnostic); ``name`` is
    the file name when ``source`` is bytes or text (a path gives its own), one more place a
    year may be stated (``2022年度XX局政府信息公开工作年度报告.pdf``).

    Returns a :class:`ParseResult` whenever any section or table of a report is recognisable:
    every cell it could place, every other cell ``None``, and the status of each section
    (:attr:`ParseResult.sections`; :attr:`ParseResult.complete` is false for a partial
    result). Raises :class:`~govinfo.errors.ParseError` only when nothing of a report is found
    (``not_a_report``) or the input cannot be read at all — never made-up values.

    >>> import govinfo
    >>> text = govinfo.render_text(govinfo.examples.linping_education_2023())
    >>> cut = govinfo.parse_document(text[: text.index("（三）不予公开")])
    >>> cut.complete, cut.section("requests").status, cut.section("appeals").status
    (False, 'partly_read', 'not_found')
    >>> cut.report.requests["new_received", "total"], cut.report.requests["results.total", "total"]
    (12, None)
    """
    if name is None and isinstance(source, os.PathLike):
        name = os.fspath(source)
    from .xlsx import xlsx_source

    workbook = xlsx_source(source, MAX_BYTES)
    if workbook is not None:  # a spreadsheet: its reader knows its sheets and cells (readers/xlsx.py)
        from .xlsx import read_xlsx

        return read_xlsx(workbook, edition=edition, year=year, agency=agency, name=name)

    large = isinstance(source, (str, bytes)) and len(source) > LARGE_INPUT
    paused = large and gc.isenabled()
    if paused:
        # A large input makes many small objects that live until the parse ends and form no
        # cycles: the cyclic collector would scan them again and again (10-25 % of the time
        # at 1 M characters) for nothing. It is paused for this call only.
        gc.disable()
    try:
        doc, cut, text = _read_source(source)
        result = read_document(
            doc, edition=edition, year=year, agency=agency, name=name, cut=cut, open_text=text
        )
        if any(d.code == "ocr_page" for d in doc.diagnostics) or doc.layout == "image":
            from .ocr import check_identities  # a scan: the identities check what OCR read

            result = check_identities(result)
        return result
    except GovinfoError:
        raise
    except RecursionError:
        raise ParseError("the input is nested too deeply to read", code="too_deep") from None
    finally:
        if paused:
            gc.enable()


def parse(
    source: Source, *, edition: str | None = None, year: int | None = None, agency: str | None = None
) -> Report:
    """Read a complete published report into a :class:`~govinfo.Report` (see :func:`parse_document`).

    Strict: raises :class:`~govinfo.IncompleteReportError` (code ``incomplete_report``, one
    member per section not read in full, and the partial result in ``.result``) unless every
    section was read and the year is known. :func:`parse_document` returns partial results.

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
    from .document import incomplete_error

    result = parse_document(source, edition=edition, year=year, agency=agency)
    if not result.complete:
        raise incomplete_error(result)
    assert result.report is not None
    return result.report
