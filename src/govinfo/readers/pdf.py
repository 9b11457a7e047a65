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


def _path_rules(
    raw: Any, obj: Any, m: tuple[float, float, float, float, float, float], height: float
) -> list[Rule]:
    """The horizontal and vertical rules a path object draws, in top-down page coordinates."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return []
    stroked = bool(stroke.value)
    if stroked:
        r, g, b, alpha = (ctypes.c_uint() for _ in range(4))
        raw.FPDFPageObj_GetStrokeColor(obj, *(ctypes.byref(v) for v in (r, g, b, alpha)))
        if alpha.value == 0 or min(r.value, g.value, b.value) >= _WHITE:
            stroked = False
    filled = bool(fill.value)
    if not stroked and not filled:
        return []
    points: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b_, c, d, e, f = m
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = a * x.value + c * y.value + e, b_ * x.value + d * y.value + f
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not points:
            points.append([(px, py)])
        else:
            points[-1].append((px, py))
        if raw.FPDFPathSegment_GetClose(seg) and points[-1]:
            points[-1].append(points[-1][0])
    rules: list[Rule] = []
    if stroked:
        for sub in points:
            for (x0, y0), (x1, y1) in itertools.pairwise(sub):
                if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 0.5:
                    rules.append(Rule(min(x0, x1), height - y0, max(x0, x1), height - y0))
                elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 0.5:
                    rules.append(Rule(x0, height - max(y0, y1), x0, height - min(y0, y1)))
    elif filled:
        # A thin filled rectangle is a rule; anything else filled is a background.
        xs = [p[0] for sub in points for p in sub]
        ys = [p[1] for sub in points for p in sub]
        if xs and ys:
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            if y1 - y0 <= 2.5 < x1 - x0:
                mid = height - (y0 + y1) / 2
                rules.append(Rule(x0, mid, x1, mid))
            elif x1 - x0 <= 2.5 < y1 - y0:
                mid = (x0 + x1) / 2
                rules.append(Rule(mid, height - y1, mid, height - y0))
    return rules


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
    rules: list[Rule] = []
    images = 0
    texts = 0
    fsm = raw.FS_MATRIX()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def visit(obj: Any, outer: tuple[float, float, float, float, float, float], depth: int) -> None:
        nonlocal images, texts
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            texts += 1
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            # Path points are in the object's space: its matrix, then any enclosing forms'.
            inner = _matrix(fsm) if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fsm)) else identity
            rules.extend(_path_rules(raw, obj, _compose(inner, outer), height))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            m = _matrix(fsm) if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fsm)) else identity
            here = _compose(m, outer)
            for i in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, i), here, depth + 1)

    for i in range(raw.FPDFPage_CountObjects(page)):
        visit(raw.FPDFPage_GetObject(page, i), identity, 0)
    # Every object that gave characters is one of the text objects counted (PDFium's text page
    # is made from the same objects): the others gave none.
    return rules, images, max(0, texts - len(with_text - {0}))


#: ``FPDFText_GetTextObject`` returning the object's address as an int (no pointer object).
_TEXT_OBJECT: Any = None
#: Characters PDFium may generate (spaces and line breaks it invents between runs).
_MAY_BE_GENERATED = frozenset((0x20, 0x0D, 0x0A, 0x02))


def _text_object_function(raw: Any) -> Any:
    global _TEXT_OBJECT
    if _TEXT_OBJECT is None:
        prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _TEXT_OBJECT = prototype(_address(raw.FPDFText_GetTextObject))
    return _TEXT_OBJECT


def _glyphs(raw: Any, textpage: Any, height: float) -> tuple[list[Glyph], set[int]]:
    """The characters the page really contains (not the spaces and line breaks PDFium invents),
    and the addresses of the text objects they come from.

    Per character: its code, its box and its text object; the font size and matrix (the em) are
    the same for every character of a text object, so they are asked once per object.
    """
    out: list[Glyph] = []
    objects: set[int] = set()
    ems: dict[int, float] = {}
    text_object = _text_object_function(raw)
    tp = ctypes.cast(textpage, ctypes.c_void_p)
    rect = raw.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    m = raw.FS_MATRIX()
    m_ref = ctypes.byref(m)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
    loose_box, font_size, get_matrix = (
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_GetFontSize,
        raw.FPDFText_GetMatrix,
    )
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, i)
        if code in _MAY_BE_GENERATED and is_generated(textpage, i) == 1:
            continue
        if code in (0, 0xFFFE, 0xFFFF) or (code < 0x20 and code != 0x09):
            continue
        if not loose_box(textpage, i, rect_ref):
            continue
        obj = text_object(tp, i) or 0
        objects.add(obj)
        em = ems.get(obj) if obj else None
        if em is None:
            em = font_size(textpage, i)
            if get_matrix(textpage, i, m_ref):
                em *= abs(m.a * m.d - m.b * m.c) ** 0.5
            if obj:
                ems[obj] = em
        ch = " " if code in (0x09, 0xA0, 0x3000) else chr(code)
        x0, y0, x1, y1 = rect.left, height - rect.top, rect.right, height - rect.bottom
        if em > 0 and (x1 - x0 > 2 * em + 1 or y1 - y0 > 2 * em + 1):
            # Some fonts report absurd ascent/descent (a box 20 em tall): place the glyph by
            # its ink horizontally and by its baseline vertically instead.
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
