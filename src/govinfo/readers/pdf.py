"""Read a report published as PDF (needs the ``pdf`` extra: ``pip install 'govinfo-cn[pdf]'``).

The reader uses `pypdfium2 <https://pypi.org/project/pypdfium2/>`_ (PDFium, the PDF engine of
Chromium; Apache-2.0/BSD-3-Clause, binary wheels, no external program) to take from each
page the glyphs with their boxes and the ruling lines, then :mod:`govinfo.readers.pdflayout`
rebuilds paragraphs and tables (merged cells, tables across page breaks) and hands them, as
:class:`~govinfo.readers.cells.SourceDocument` blocks, to the shared matcher. See
``docs/pdf-docx.md`` for why PDFium and not pdfminer.six/pdfplumber (measured there).

A file that cannot be a report fails fast with a :class:`~govinfo.errors.ParseError` that
says what is wrong: ``pdf_encrypted``, ``pdf_damaged`` (truncated or corrupt), ``pdf_no_text``
(a scan: images and no text layer), ``pdf_too_large`` (more than :data:`MAX_PAGES` pages or
:data:`MAX_GLYPHS` characters), or ``missing_extra``. A page PDFium cannot load is skipped
with a ``pdf_page_damaged`` diagnostic; a PDF without ruled tables gets a ``pdf_no_tables``
diagnostic, and its tables printed as text are read where their labels allow.

>>> from govinfo.readers.pdf import read_pdf
>>> from govinfo.errors import ParseError
>>> try:
...     read_pdf(b"%PDF-1.7\\n1 0 obj")
... except ParseError as e:
...     print(e.code)
pdf_damaged
"""

from __future__ import annotations

import ctypes
import itertools
import re
import threading
from typing import Any

from ..errors import ParseError
from .cells import Diagnostic, SourceDocument, SourceLocation, TableBlock
from .pdflayout import Glyph, PageContent, Rule, layout_blocks

__all__ = ["is_pdf", "pdf_pages", "read_pdf"]

#: PDFium is not thread-safe: one document at a time.
_LOCK = threading.Lock()
#: A white or invisible stroke is not a rule.
_WHITE = 250


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` looks like a PDF (``%PDF-`` near the start, as readers accept)."""
    return b"%PDF-" in data[:1024]


def _pdfium() -> Any:
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - depends on the environment
        raise ParseError(
            "reading PDF needs the pypdfium2 package: pip install 'govinfo-cn[pdf]'", code="missing_extra"
        ) from None
    return pypdfium2


#: The most pages read: real reports have 3 to 30; a longer file is refused (``pdf_too_large``).
MAX_PAGES = 200
#: The most characters of text read over all pages (a 30-page report has about 60,000).
MAX_GLYPHS = 2_000_000


def _open(pdfium: Any, data: bytes) -> Any:
    raw = pdfium.raw
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ParseError(
                "the PDF is encrypted with a password; open it with the password and save an "
                "unprotected copy, then parse that",
                code="pdf_encrypted",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ParseError(
                "the PDF is encrypted with a security handler PDFium does not support", code="pdf_encrypted"
            ) from None
        raise ParseError(
            f"the PDF is damaged or truncated and cannot be opened ({e})", code="pdf_damaged"
        ) from None


def _matrix(m: Any) -> tuple[float, float, float, float, float, float]:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(
    inner: tuple[float, float, float, float, float, float],
    outer: tuple[float, float, float, float, float, float],
) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _axis_aligned(m: _Matrix) -> bool:
    """Whether ``m`` maps axis-parallel boxes onto axis-parallel boxes (no rotation but by
    quarter turns, no shear): then the box of the mapped points is the mapped box."""
    return (m[1] == 0 and m[2] == 0) or (m[0] == 0 and m[3] == 0)


class _PathReader:
    """The rules of path objects, with the scratch values PDFium writes into made once a page."""

    def __init__(self, api: _Api, height: float) -> None:
        self.api = api
        self.height = height
        self.ints = (ctypes.c_int * 2)()
        self.uints = (ctypes.c_uint * 4)()
        self.floats = (ctypes.c_float * 4)()
        self.at_ints = ctypes.addressof(self.ints)
        self.at_uints = ctypes.addressof(self.uints)
        self.at_floats = ctypes.addressof(self.floats)

    def rules(self, obj: int, inner: _Matrix, outer: _Matrix) -> list[Rule]:
        """The horizontal and vertical rules a path object draws, in top-down page coordinates.

        ``inner`` is the object's own matrix, ``outer`` that of the forms it is in.
        """
        api, ints, height = self.api, self.ints, self.height
        if not api.draw_mode(obj, self.at_ints, self.at_ints + 4):
            return []
        fill, stroke = ints[0], ints[1]
        stroked = bool(stroke)
        if stroked:
            u, at = self.uints, self.at_uints
            api.stroke_color(obj, at, at + 4, at + 8, at + 12)
            if u[3] == 0 or min(u[0], u[1], u[2]) >= _WHITE:
                stroked = False
        filled = bool(fill)
        if not stroked and not filled:
            return []
        if not stroked and not stroke and _axis_aligned(inner) and _axis_aligned(outer):
            # Filled only: what counts is the box of its points, which PDFium keeps (the
            # object's bounds, its own matrix applied; no stroke widens it).
            fl, at = self.floats, self.at_floats
            if not api.object_bounds(obj, at, at + 4, at + 8, at + 12):
                return []
            a, b, c, d, e, f = outer
            xa, ya = a * fl[0] + c * fl[1] + e, b * fl[0] + d * fl[1] + f
            xb, yb = a * fl[2] + c * fl[3] + e, b * fl[2] + d * fl[3] + f
            return _filled_rule(min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb), height)
        return self._segments(obj, _compose(inner, outer), stroked)

    def _segments(self, obj: int, m: _Matrix, stroked: bool) -> list[Rule]:
        api, fl, at, height = self.api, self.floats, self.at_floats, self.height
        points: list[list[tuple[float, float]]] = []
        a, b_, c, d, e, f = m
        moveto = _SEGMENT_MOVETO
        for i in range(api.count_segments(obj)):
            seg = api.segment(obj, i)
            if not api.segment_point(seg, at, at + 4):
                continue
            x, y = fl[0], fl[1]
            px, py = a * x + c * y + e, b_ * x + d * y + f
            if api.segment_type(seg) == moveto or not points:
                points.append([(px, py)])
            else:
                points[-1].append((px, py))
            if api.segment_close(seg) and points[-1]:
                points[-1].append(points[-1][0])
        rules: list[Rule] = []
        if stroked:
            for sub in points:
                for (x0, y0), (x1, y1) in itertools.pairwise(sub):
                    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 0.5:
                        rules.append(Rule(min(x0, x1), height - y0, max(x0, x1), height - y0))
                    elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 0.5:
                        rules.append(Rule(x0, height - max(y0, y1), x0, height - min(y0, y1)))
            return rules
        xs = [p[0] for sub in points for p in sub]
        ys = [p[1] for sub in points for p in sub]
        if not xs:
            return rules
        return _filled_rule(min(xs), max(xs), min(ys), max(ys), height)


#: ``FPDF_SEGMENT_MOVETO``.
_SEGMENT_MOVETO = 2


def _filled_rule(x0: float, x1: float, y0: float, y1: float, height: float) -> list[Rule]:
    """A thin filled rectangle is a rule; anything else filled is a background."""
    if y1 - y0 <= 2.5 < x1 - x0:
        mid = height - (y0 + y1) / 2
        return [Rule(x0, mid, x1, mid)]
    if x1 - x0 <= 2.5 < y1 - y0:
        mid = (x0 + x1) / 2
        return [Rule(mid, height - y1, mid, height - y0)]
    return []


def _address(pointer: Any) -> int:
    """The address a ctypes pointer holds (0 for NULL)."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _objects(raw: Any, page: Any, height: float, with_text: set[int]) -> tuple[list[Rule], int, int]:
    """Every rule, the number of images and of undecodable text objects, looking inside forms.

    A text object is undecodable when no character of the text page comes from it
    (``with_text``: the addresses of the text objects that gave characters, from :func:`_glyphs`).
    Asking PDFium for each object's text instead (``FPDFTextObj_GetText``) searches the whole
    text page once per object: quadratic, and a third of the reader's time on a table page.
    """
    api = _api(raw)
    paths = _PathReader(api, height)
    rules: list[Rule] = []
    images = 0
    texts = 0
    fsm = raw.FS_MATRIX()
    fsm_at = ctypes.addressof(fsm)
    text, path, image, form = (
        raw.FPDF_PAGEOBJ_TEXT,
        raw.FPDF_PAGEOBJ_PATH,
        raw.FPDF_PAGEOBJ_IMAGE,
        raw.FPDF_PAGEOBJ_FORM,
    )

    def matrix(obj: int) -> _Matrix:
        return _matrix(fsm) if api.object_matrix(obj, fsm_at) else _IDENTITY

    def visit(obj: int, outer: _Matrix, depth: int) -> None:
        nonlocal images, texts
        kind = api.object_type(obj)
        if kind == text:
            texts += 1
        elif kind == path:
            # Path points are in the object's space: its matrix, then any enclosing forms'.
            rules.extend(paths.rules(obj, matrix(obj), outer))
        elif kind == image:
            images += 1
        elif kind == form and depth < 8:
            here = _compose(matrix(obj), outer)
            for i in range(api.form_count(obj)):
                visit(api.form_object(obj, i), here, depth + 1)

    page_at = _address(page)
    for i in range(api.count_objects(page_at)):
        visit(api.get_object(page_at, i), _IDENTITY, 0)
    # Every object that gave characters is one of the text objects counted (PDFium's text page
    # is made from the same objects): the others gave none.
    return rules, images, max(0, texts - len(with_text - {0}))


#: Characters PDFium may generate (spaces and line breaks it invents between runs).
_MAY_BE_GENERATED = frozenset((0x20, 0x0D, 0x0A, 0x02))
#: A UTF-16 surrogate: the page's text holds a character outside the BMP.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Api:
    """The PDFium functions called per character, per object or per path segment, re-declared
    with plain ``void*``/``int`` arguments.

    pypdfium2's bindings declare each handle as a typed pointer, so every call converts and
    checks its arguments and wraps a returned handle in a new pointer object; in the loops
    over every glyph and every path segment that costs more than PDFium's own work. Handles
    are passed here as addresses (ints) and results come back as ints.
    """

    def __init__(self, raw: Any) -> None:
        v, i, u = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint

        def fn(name: str, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)(_address(getattr(raw, name)))

        self.count_chars = fn("FPDFText_CountChars", i, v)
        self.get_text = fn("FPDFText_GetText", i, v, i, i, v)
        self.get_unicode = fn("FPDFText_GetUnicode", u, v, i)
        self.is_generated = fn("FPDFText_IsGenerated", i, v, i)
        self.loose_box = fn("FPDFText_GetLooseCharBox", i, v, i, v)
        self.text_object = fn("FPDFText_GetTextObject", v, v, i)
        self.font_size = fn("FPDFText_GetFontSize", ctypes.c_double, v, i)
        self.char_matrix = fn("FPDFText_GetMatrix", i, v, i, v)
        self.count_objects = fn("FPDFPage_CountObjects", i, v)
        self.get_object = fn("FPDFPage_GetObject", v, v, i)
        self.object_type = fn("FPDFPageObj_GetType", i, v)
        self.object_matrix = fn("FPDFPageObj_GetMatrix", i, v, v)
        self.object_bounds = fn("FPDFPageObj_GetBounds", i, v, v, v, v, v)
        self.form_count = fn("FPDFFormObj_CountObjects", i, v)
        self.form_object = fn("FPDFFormObj_GetObject", v, v, ctypes.c_ulong)
        self.draw_mode = fn("FPDFPath_GetDrawMode", i, v, v, v)
        self.stroke_color = fn("FPDFPageObj_GetStrokeColor", i, v, v, v, v, v)
        self.count_segments = fn("FPDFPath_CountSegments", i, v)
        self.segment = fn("FPDFPath_GetPathSegment", v, v, i)
        self.segment_point = fn("FPDFPathSegment_GetPoint", i, v, v, v)
        self.segment_type = fn("FPDFPathSegment_GetType", i, v)
        self.segment_close = fn("FPDFPathSegment_GetClose", i, v)


_API: _Api | None = None


def _api(raw: Any) -> _Api:
    global _API
    if _API is None:
        _API = _Api(raw)
    return _API


def _page_text(api: _Api, tp: int, count: int) -> str | None:
    """The page's characters in one call, or None when they cannot be matched one to one with
    PDFium's character indices (a control character, which the page text leaves out, or a
    character outside the BMP, which takes two UTF-16 units): then ask per character."""
    if count <= 0:
        return ""
    buf = ctypes.create_string_buffer(2 * (count + 1))
    written = api.get_text(tp, 0, count, ctypes.addressof(buf))
    if written != count + 1:
        return None
    text = buf.raw[: 2 * count].decode("utf-16-le", "surrogatepass")
    if len(text) != count or _SURROGATE.search(text):
        return None
    return text


def _glyphs(raw: Any, textpage: Any, height: float) -> tuple[list[Glyph], set[int]]:
    """The characters the page really contains (not the spaces and line breaks PDFium invents),
    and the addresses of the text objects they come from.

    The characters come in one call (:func:`_page_text`); per character PDFium is asked its
    box and its text object; the font size and matrix (the em) are the same for every
    character of a text object, so they are asked once per object.
    """
    api = _api(raw)
    out: list[Glyph] = []
    objects: set[int] = set()
    ems: dict[int, float] = {}
    tp = _address(textpage)
    rect = raw.FS_RECTF()
    rect_at = ctypes.addressof(rect)
    m = raw.FS_MATRIX()
    m_at = ctypes.addressof(m)
    count = api.count_chars(tp)
    text = _page_text(api, tp, count)
    codes = map(ord, text) if text is not None else (api.get_unicode(tp, i) for i in range(count))
    is_generated, loose_box, text_object = api.is_generated, api.loose_box, api.text_object
    for i, code in enumerate(codes):
        if code in _MAY_BE_GENERATED and is_generated(tp, i) == 1:
            continue
        if code in (0, 0xFFFE, 0xFFFF) or (code < 0x20 and code != 0x09):
            continue
        if not loose_box(tp, i, rect_at):
            continue
        obj = text_object(tp, i) or 0
        objects.add(obj)
        em = ems.get(obj) if obj else None
        if em is None:
            em = api.font_size(tp, i)
            if api.char_matrix(tp, i, m_at):
                em *= abs(m.a * m.d - m.b * m.c) ** 0.5
            if obj:
                ems[obj] = em
        ch = " " if code in (0x09, 0xA0, 0x3000) else chr(code)
        x0, y0, x1, y1 = rect.left, height - rect.top, rect.right, height - rect.bottom
        if em > 0 and (x1 - x0 > 2 * em + 1 or y1 - y0 > 2 * em + 1):
            # Some fonts report absurd ascent/descent (a box 20 em tall): place the glyph by
            # its ink horizontally and by its baseline vertically instead.
            left, right, bottom, top = (ctypes.c_double() for _ in range(4))
            ox, oy = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharBox(textpage, i, *(ctypes.byref(v) for v in (left, right, bottom, top)))
            raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(ox), ctypes.byref(oy))
            base = height - oy.value
            x0, x1 = min(left.value, ox.value), max(right.value, ox.value + 0.5 * em)
            y0, y1 = base - 0.88 * em, base + 0.12 * em
        out.append(Glyph(ch, x0, y0, x1, y1, em))
    return out, objects


def pdf_pages(data: bytes) -> list[PageContent]:
    """The glyphs, rules and image count of every page (no layout analysis yet).

    Raises :class:`~govinfo.errors.ParseError` for a file PDFium cannot open, an encrypted
    file, or a file that was cut short.
    """
    pdfium = _pdfium()
    raw = pdfium.raw
    with _LOCK:
        doc = _open(pdfium, data)
        try:
            if b"%%EOF" not in data[-1024:]:
                raise ParseError(
                    "the PDF is truncated: it does not end with %%EOF, so pages or parts of "
                    "pages may be missing; download the file again",
                    code="pdf_damaged",
                )
            if len(doc) > MAX_PAGES:
                raise ParseError(
                    f"the PDF has {len(doc)} pages; a report has far fewer (at most {MAX_PAGES} are "
                    "read: govinfo.readers.pdf.MAX_PAGES)",
                    code="pdf_too_large",
                )
            pages: list[PageContent] = []
            glyph_count = 0
            for n in range(len(doc)):
                try:
                    page = doc[n]
                except pdfium.PdfiumError:
                    pages.append(PageContent(number=n + 1, width=0, height=0, glyphs=(), damaged=True))
                    continue
                try:
                    height, width = page.get_height(), page.get_width()
                    textpage = page.get_textpage()
                    try:
                        glyphs, with_text = _glyphs(raw, textpage.raw, height)
                        rules, images, lost = _objects(raw, page.raw, height, with_text)
                    finally:
                        textpage.close()
                finally:
                    page.close()
                glyph_count += len(glyphs)
                if glyph_count > MAX_GLYPHS:
                    raise ParseError(
                        f"the PDF holds more than {MAX_GLYPHS} characters of text; a report has far "
                        "fewer (govinfo.readers.pdf.MAX_GLYPHS)",
                        code="pdf_too_large",
                    )
                pages.append(
                    PageContent(
                        number=n + 1,
                        width=width,
                        height=height,
                        glyphs=tuple(glyphs),
                        rules=tuple(rules),
                        images=images,
                        lost_text=lost,
                    )
                )
        finally:
            doc.close()
    return pages


def read_pdf(data: bytes) -> SourceDocument:
    """A PDF's paragraphs and tables as a :class:`~govinfo.readers.cells.SourceDocument`.

    Raises :class:`~govinfo.errors.ParseError` when the file cannot be read: encrypted,
    damaged or truncated, a scan without text, or without any table.
    """
    pages = pdf_pages(data)
    if not pages:
        raise ParseError("the PDF has no pages", code="pdf_no_text")
    ocr_notes: list[Diagnostic] = []
    scans = [p.number for p in pages if p.images and not any(not g.text.isspace() for g in p.glyphs)]
    if scans:  # pages that are images: read by OCR (the ``ocr`` extra), see readers/ocr.py
        from .ocr import ocr_available, recognise_pages

        if ocr_available() or len(scans) == len(pages):
            pages, ocr_notes = recognise_pages(data, pages, scans)
        else:
            ocr_notes = [
                Diagnostic(
                    code="ocr_unavailable",
                    message="this page is an image; reading it needs OCR: pip install 'govinfo-cn[ocr]'",
                    location=SourceLocation(page=n),
                )
                for n in scans
            ]
    if not any(any(not g.text.isspace() for g in p.glyphs) for p in pages):
        images = sum(p.images for p in pages)
        if images and ocr_notes:
            raise ParseError(
                f"the PDF is a scan ({images} image(s) on {len(pages)} page(s)) and OCR found no text in it",
                code="pdf_no_text",
            )
        if images:
            raise ParseError(
                f"the PDF has no text layer, only {images} image(s) on {len(pages)} page(s): it is a "
                "scan; run OCR on it (e.g. with ocrmypdf) and parse the result",
                code="pdf_no_text",
            )
        raise ParseError(f"the PDF's {len(pages)} page(s) hold no text", code="pdf_no_text")
    blocks, diagnostics = layout_blocks([p for p in pages if not p.damaged])
    diagnostics.extend(ocr_notes)
    for p in pages:
        if p.damaged:
            diagnostics.append(
                Diagnostic(
                    code="pdf_page_damaged",
                    message="PDFium cannot load this page (a damaged page object); its content is missing",
                    location=SourceLocation(page=p.number),
                )
            )
        if p.lost_text:
            diagnostics.append(
                Diagnostic(
                    code="pdf_text_lost",
                    message=f"{p.lost_text} piece(s) of text here could not be decoded and are missing",
                    location=SourceLocation(page=p.number),
                )
            )
    if not any(isinstance(b, TableBlock) for b in blocks):
        # No ruled table: the matcher may still read tables printed as text; say why if not.
        scans = [p.number for p in pages if p.images and not p.glyphs]
        hint = f"; page(s) {', '.join(map(str, scans))} hold only images (scanned?)" if scans else ""
        diagnostics.append(
            Diagnostic(
                code="pdf_no_tables",
                message=f"the PDF has no ruled tables (the tables may be images or missing){hint}; "
                "tables printed as plain text are read where their labels allow",
            )
        )
    doc = SourceDocument(blocks=tuple(blocks), layout="pdf", diagnostics=tuple(diagnostics))
    return doc
