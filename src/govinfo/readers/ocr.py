"""Read scanned pages: image-only PDF pages and PNG/JPEG images (needs the ``ocr`` extra).

``pip install 'govinfo-cn[ocr]'`` installs `RapidOCR <https://pypi.org/project/rapidocr/>`_
(``rapidocr`` 3.x, Apache-2.0) with ONNX Runtime: PaddleOCR's Chinese PP-OCRv6 detection and
recognition models, shipped inside the wheel. govinfo checks that they are there before it
starts the engine and never lets it download a model. Why this engine and not
``rapidocr-onnxruntime`` or Tesseract: ``docs/ocr.md`` (measured).

A page is rendered with PDFium, straightened (a scan is often turned by a degree or so), its
ruling lines are found in the image, and every recognised line of text becomes positioned
:class:`~govinfo.readers.pdflayout.Glyph` values in points, exactly what the PDF reader takes
from a text layer, so the one layout and table matcher place the cells.

A number read from an image is never returned when it is unsure. A line that reads as a
number is checked twice: its confidence must reach :data:`MIN_CONFIDENCE`, and a second
reading of the same crop (binarised and enlarged) must agree with the first. If not, the cell
is marked unreadable: the matcher leaves it not stated (``unreadable_number`` with its path),
and an ``ocr_unsure`` diagnostic gives the page, the box (in points from the page's top-left
corner), the readings and the confidence. The accounting identities then check what was read
(:func:`check_identities`).

>>> from govinfo.readers.ocr import is_image
>>> is_image(b"\\x89PNG\\r\\n\\x1a\\n..."), is_image(b"%PDF-1.7")
(True, False)
"""

from __future__ import annotations

import contextvars
import functools
import io
import re
import threading
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ParseError
from .cells import Diagnostic, SourceDocument, SourceLocation, TableBlock
from .pdflayout import Glyph, PageContent, Rule

if TYPE_CHECKING:
    from .document import ParseResult

__all__ = [
    "MIN_CONFIDENCE",
    "PAGE_PROGRESS",
    "UNSURE",
    "OcrLine",
    "check_identities",
    "is_image",
    "ocr_available",
    "page_content",
    "read_image",
    "recognise_image",
    "recognise_pages",
]

#: Called after each scanned page is recognised, with (pages done, pages to do), when set (the
#: command's progress bar sets it while it reads one file at a time: OCR takes seconds a page).
PAGE_PROGRESS: contextvars.ContextVar[Callable[[int, int], None] | None] = contextvars.ContextVar(
    "govinfo_ocr_page_progress", default=None
)

#: A number read with less confidence than this (RapidOCR's score, 0 to 1) is not returned.
MIN_CONFIDENCE = 0.9
#: The character that marks a cell whose number OCR could not read for sure (U+FFFD).
UNSURE = "\ufffd"
#: RapidOCR works on images of at most this many pixels a side: pages are rendered to it.
MAX_SIDE = 2000
#: The largest image accepted (pixels): a report page scanned at 600 dpi is about 35 million.
MAX_PIXELS = 60_000_000
#: How far a scan may be turned (degrees) and be straightened.
MAX_SKEW = 3.0

_LOCK = threading.Lock()
_NUMERIC = re.compile(r"[+\-]?[0-9][0-9,.]*")
_INSTALL = "pip install 'govinfo-cn[ocr]'"


def is_image(data: bytes) -> bool:
    """Whether ``data`` is a PNG or JPEG image (by its signature)."""
    return data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff"


def _modules() -> tuple[Any, Any, Any]:
    """``(numpy, cv2, rapidocr)``, or ``missing_extra`` naming the ``ocr`` extra."""
    try:
        import cv2
        import numpy
        import onnxruntime  # noqa: F401  (rapidocr's engine: its absence must fail here)
        import rapidocr
    except ImportError:
        raise ParseError(
            f"reading a scanned report (pages that are images, without a text layer) needs OCR: {_INSTALL}",
            code="missing_extra",
        ) from None
    return numpy, cv2, rapidocr


def ocr_available() -> bool:
    """Whether the ``ocr`` extra is installed."""
    try:
        _modules()
    except ParseError:
        return False
    return True


@functools.cache
def _engine() -> Any:
    _, _, rapidocr = _modules()
    from pathlib import Path

    models = Path(rapidocr.__file__).parent / "models"
    if not (any(models.glob("*det*.onnx")) and any(models.glob("*rec*.onnx"))):
        # RapidOCR would download them: govinfo never fetches anything at run time.
        raise ParseError(
            f"the installed rapidocr has no models in {models}; reinstall it from its wheel: {_INSTALL}",
            code="missing_extra",
        )
    return rapidocr.RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False})


def _recognise(crops: Sequence[Any]) -> list[tuple[str, float]]:
    """The recogniser alone (no detection) on each crop: its text and confidence."""
    engine = _engine()
    out = []
    for crop in crops:
        r = engine(crop, use_det=False, use_cls=False, use_rec=True)
        text = (r.txts or ("",))[0]
        score = (r.scores or (0.0,))[0]
        out.append((unicodedata.normalize("NFKC", str(text)).strip(), float(score)))
    return out


@attrs.frozen(kw_only=True)
class OcrLine:
    """One line of text as recognised: its text, box in points and confidence (0 to 1).

    ``readings`` lists every distinct reading when a number was read twice and the readings
    differ (``("17", "11")``); it is empty otherwise.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    readings: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return _NUMERIC.fullmatch(self.text) is not None

    @property
    def sure(self) -> bool:
        """A number is sure when confident and read the same way twice; text always is."""
        return not self.numeric or (self.confidence >= MIN_CONFIDENCE and len(self.readings) <= 1)


# --- image geometry ---------------------------------------------------------------------------


def _skew(np: Any, cv2: Any, gray: Any) -> float:
    """The angle (degrees) that straightens the page: the one whose row profile is sharpest."""
    small = gray
    if gray.shape[1] > 800:
        f = 800 / gray.shape[1]
        small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    for tenth in range(int(-MAX_SKEW * 10), int(MAX_SKEW * 10) + 1):
        angle = tenth / 10
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        score = float(np.var(turned.sum(axis=1)))
        if score > best_score:
            best, best_score = angle, score
    return best


def _straighten(np: Any, cv2: Any, rgb: Any) -> Any:
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    angle = _skew(np, cv2, gray)
    if abs(angle) < 0.05:
        return rgb
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def _rules(np: Any, cv2: Any, gray: Any, scale: float, masks: list[Any] | None = None) -> list[Rule]:
    """The table's ruling lines: long thin runs of dark pixels, in points (their pixels in ``masks``)."""
    rules: list[Rule] = []
    run = max(3, round(2 * scale))
    for horizontal in (True, False):
        # Averaged along the line first, so that noise neither breaks a rule nor makes one.
        smooth = cv2.blur(gray, (run, 1) if horizontal else (1, run))
        ink = ((smooth < 160).astype(np.uint8)) * 255
        length = max(8, round((30 if horizontal else 14) * scale))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        if masks is not None:
            masks.append(lines)
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            if horizontal and h <= 4 * scale:
                mid = (y + h / 2) / scale
                rules.append(Rule(x / scale, mid, (x + w) / scale, mid))
            elif not horizontal and w <= 4 * scale:
                mid = (x + w / 2) / scale
                rules.append(Rule(mid, y / scale, mid, (y + h) / scale))
    return rules


# --- recognition ------------------------------------------------------------------------------


def _missed(
    np: Any,
    cv2: Any,
    gray: Any,
    scale: float,
    lines: Sequence[Any],
    found: Sequence[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """Marks the detector passed over (a lone ``0`` in a cell): ink off the rules and outside every
    box found, as big as a character, in pixels."""
    ink = ((gray < 190).astype(np.uint8)) * 255
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    for mask in lines:
        ink = cv2.subtract(ink, cv2.dilate(mask, square))
    pad = max(2, round(scale))
    for x0, y0, x1, y1 in found:
        ink[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad] = 0
    kx, ky = max(1, round(1.5 * scale)), max(1, round(0.5 * scale))
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (kx, ky)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        w, h = w - kx + 1, h - ky + 1
        strokes = int(np.count_nonzero(ink[y : y + h + ky, x : x + w + kx]))
        if 4 * scale <= h <= 20 * scale and 1.8 * scale <= w <= 80 * scale and strokes >= 3 * h:
            out.append((int(x), int(y), int(x + w + kx - 1), int(y + h + ky - 1)))
    return out[:400]


def _read_boxes(
    np: Any, cv2: Any, gray: Any, boxes: Sequence[tuple[int, int, int, int]]
) -> list[tuple[str, float]]:
    """The recogniser alone on each box (no detection): its text and confidence."""
    if not boxes:
        return []
    h, w = gray.shape
    crops = []
    for x0, y0, x1, y1 in boxes:
        pad = max(2, (y1 - y0) // 4)
        crop = gray[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    return _recognise(crops)


def _second_readings(np: Any, cv2: Any, gray: Any, boxes: Sequence[tuple[int, int, int, int]]) -> list[str]:
    """Each box read again on its own, binarised and enlarged: a check of the first reading."""
    if not boxes:
        return []
    crops = []
    h, w = gray.shape
    for x0, y0, x1, y1 in boxes:
        pad = max(2, (y1 - y0) // 4)
        crop = gray[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]
        crop = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR))
    return ["".join(text.split()) for text, _ in _recognise(crops)]


def _pixels(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return round(x0), round(y0), round(x1), round(y1)


def _split_numbers(
    text: str, box: tuple[float, float, float, float]
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """A line of numbers separated by spaces (``0 0 1``) as one piece per number, placed in proportion."""
    parts = text.split()
    if len(parts) < 2 or not all(_NUMERIC.fullmatch(p) for p in parts):
        return [(text.strip(), box)]
    x0, top, x1, bottom = box
    step = (x1 - x0) / max(len(text), 1)
    out = []
    pos = 0
    for p in parts:
        start = text.index(p, pos)
        pos = start + len(p)
        out.append((p, (x0 + start * step, top, x0 + pos * step, bottom)))
    return out


def recognise_image(image: Any, *, scale: float) -> tuple[list[OcrLine], list[Rule], tuple[float, float]]:
    """The lines of text and the ruling lines in a page image (a PIL image), in points.

    ``scale`` is pixels per point (``dpi / 72``). Returns the lines, the rules and the page
    size in points.
    """
    np, cv2, _ = _modules()
    rgb = _straighten(np, cv2, np.asarray(image.convert("RGB")))
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    height, width = gray.shape
    masks: list[Any] = []
    rules = _rules(np, cv2, gray, scale, masks)
    if float((gray < 150).mean()) < 0.0005:  # a blank page: nothing to read
        return [], rules, (width / scale, height / scale)
    with _LOCK:
        out = _engine()(rgb, use_det=True, use_cls=False, use_rec=True)
        found = zip(out.boxes, out.txts, out.scores) if out.boxes is not None and out.txts else ()
        pieces: list[tuple[str, float, tuple[float, float, float, float]]] = []
        for quad, text, score in found or ():
            xs = [float(p[0]) for p in quad]
            ys = [float(p[1]) for p in quad]
            clean = unicodedata.normalize("NFKC", str(text)).strip()
            if not clean:
                continue
            for piece, box in _split_numbers(clean, (min(xs), min(ys), max(xs), max(ys))):
                pieces.append((piece, float(score), box))
        missed = _missed(np, cv2, gray, scale, masks, [_pixels(b) for _, _, b in pieces])
        for box, (text, score) in zip(missed, _read_boxes(np, cv2, gray, missed)):
            if text and score >= 0.5:
                pieces.append((text, score, (float(box[0]), float(box[1]), float(box[2]), float(box[3]))))
        numeric = [i for i, (t, _, _) in enumerate(pieces) if _NUMERIC.fullmatch(t)]
        boxes = [_pixels(pieces[i][2]) for i in numeric]
        again = dict(zip(numeric, _second_readings(np, cv2, gray, boxes)))
    lines = []
    for i, (text, score, (x0, y0, x1, y1)) in enumerate(pieces):
        readings: tuple[str, ...] = ()
        second = again.get(i)
        if second is not None and second != text:
            readings = (text, second)
        lines.append(
            OcrLine(
                text=text,
                x0=x0 / scale,
                top=y0 / scale,
                x1=x1 / scale,
                bottom=y1 / scale,
                confidence=round(score, 4),
                readings=readings,
            )
        )
    return lines, rules, (width / scale, height / scale)


def _weight(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def _glyphs(line: OcrLine) -> list[Glyph]:
    """The line as glyphs spread over its box in proportion to the characters' widths."""
    text = line.text if line.sure else UNSURE + "/".join(line.readings or (line.text,))
    weights = [_weight(ch) for ch in text]
    total = sum(weights) or 1.0
    em = max(line.bottom - line.top, 1.0)
    out = []
    x = line.x0
    for ch, wt in zip(text, weights):
        x1 = x + (line.x1 - line.x0) * wt / total
        if not ch.isspace():
            out.append(Glyph(ch, x, line.top, x1, line.bottom, em))
        x = x1
    return out


def _unsure_diagnostic(line: OcrLine, page: int) -> Diagnostic:
    box = f"({line.x0:.0f}, {line.top:.0f}, {line.x1:.0f}, {line.bottom:.0f})"
    if len(line.readings) > 1:
        why = f"read two ways ({' or '.join(repr(r) for r in line.readings)})"
    else:
        why = f"read with confidence {line.confidence:.2f} (below {MIN_CONFIDENCE})"
    return Diagnostic(
        code="ocr_unsure",
        message=f"the number in the box {box} pt of the scanned page is {why}; not stated",
        location=SourceLocation(page=page),
        raw=line.text,
    )


def page_content(
    image: Any, *, page: int, scale: float, lines_out: list[OcrLine] | None = None
) -> tuple[PageContent, list[Diagnostic]]:
    """One page image as the :class:`PageContent` the PDF reader would give, with OCR diagnostics."""
    lines, rules, (width, height) = recognise_image(image, scale=scale)
    if lines_out is not None:
        lines_out.extend(lines)
    glyphs = [g for line in lines for g in _glyphs(line)]
    diagnostics = [_unsure_diagnostic(line, page) for line in lines if not line.sure]
    content = PageContent(number=page, width=width, height=height, glyphs=tuple(glyphs), rules=tuple(rules))
    return content, diagnostics


def recognise_pages(
    data: bytes,
    pages: Sequence[PageContent],
    scans: Sequence[int],
    on_page: Callable[[int], None] | None = None,
) -> tuple[list[PageContent], list[Diagnostic]]:
    """``pages`` with the scanned ones (numbers in ``scans``) replaced by what OCR reads on them.

    Raises ``missing_extra`` when the ``ocr`` extra is not installed.
    """
    _modules()
    import pypdfium2

    out = list(pages)
    diagnostics: list[Diagnostic] = []
    progress = PAGE_PROGRESS.get()
    doc = pypdfium2.PdfDocument(data)
    try:
        for done, number in enumerate(scans, 1):
            page = doc[number - 1]
            try:
                scale = min(MAX_SIDE / max(page.get_width(), page.get_height(), 1.0), 300 / 72)
                image = page.render(scale=scale, grayscale=False).to_pil()
            finally:
                page.close()
            content, notes = page_content(image, page=number, scale=scale)
            out[number - 1] = attrs.evolve(content, images=pages[number - 1].images)
            diagnostics.extend(notes)
            diagnostics.append(
                Diagnostic(
                    code="ocr_page",
                    message="this page is an image: its text was read by OCR",
                    location=SourceLocation(page=number),
                )
            )
            if on_page is not None:
                on_page(number)
            if progress is not None:
                progress(done, len(scans))
    finally:
        doc.close()
    return out, diagnostics


def read_image(data: bytes) -> SourceDocument:
    """A PNG or JPEG image of a report page as a :class:`~govinfo.readers.cells.SourceDocument`."""
    from PIL import Image, UnidentifiedImageError

    from .pdflayout import layout_blocks

    _modules()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
        pixels = image.width * image.height
    except Image.DecompressionBombError:
        pixels = MAX_PIXELS + 1
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise ParseError(f"the image is damaged and cannot be read ({e})", code="image_damaged") from None
    if pixels > MAX_PIXELS:
        raise ParseError(
            f"the image has more than {MAX_PIXELS} pixels; a scanned page has fewer "
            "(govinfo.readers.ocr.MAX_PIXELS)",
            code="image_too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
    except (OSError, ValueError) as e:
        raise ParseError(
            f"the image is damaged or truncated and cannot be read ({e})", code="image_damaged"
        ) from None
    # A page image has no size in points: take it as an A4 page wide (595 pt), as scans are.
    if max(image.size) > MAX_SIDE:
        f = MAX_SIDE / max(image.size)
        image = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))))
    scale = image.width / 595.0
    content, diagnostics = page_content(image, page=1, scale=scale)
    if not any(not g.text.isspace() for g in content.glyphs):
        raise ParseError("OCR found no text in the image", code="pdf_no_text")
    blocks, more = layout_blocks([content])
    diagnostics.extend(more)
    if not any(isinstance(b, TableBlock) for b in blocks):
        diagnostics.append(Diagnostic(code="pdf_no_tables", message="no ruled table was found in the image"))
    return SourceDocument(blocks=tuple(blocks), layout="image", diagnostics=tuple(diagnostics))


# --- the identities check what was read -------------------------------------------------------


def _candidates(raw: str | None) -> tuple[int, ...]:
    """The readings an unsure cell's text offers (``"\ufffd17/11"`` → ``(17, 11)``)."""
    if raw is None or UNSURE not in raw:
        return ()
    out = []
    for part in raw.replace(UNSURE, "").split("/"):
        digits = "".join(part.split()).replace(",", "")
        if digits.isascii() and digits.isdigit() and len(digits) <= 15:
            out.append(int(digits))
    return tuple(dict.fromkeys(out))


def check_identities(result: ParseResult) -> ParseResult:
    """A :class:`~govinfo.readers.ParseResult` read by OCR, checked with the identities E1–E4.

    - A cell left unsure (``unreadable_number``) that is the one unknown term of an identity
      whose other terms were read is solved from it; when the solution is one of the cell's
      OCR readings, the identity confirms that reading: the cell takes it, and an
      ``ocr_confirmed`` diagnostic says so. Otherwise the cell stays not stated.
    - An identity that holds with every term read confirms those numbers (counted in one
      ``ocr_identities`` diagnostic); one that fails names its terms read from the scan as
      suspects (``ocr_suspect``, with the cell's path): a misreading, or a published error.
    """
    from ..validation.rules import IDENTITIES

    report = result.report
    if report is None:
        return result
    equations = [eq for identity in IDENTITIES for eq in identity.equations(report)]

    def path(eq: Any, cell: Any) -> str:
        return ".".join(("$", eq.table.key, *cell.path))

    unsure: dict[str, tuple[Diagnostic, tuple[int, ...]]] = {}
    for d in result.diagnostics:
        if d.code == "unreadable_number" and d.path and _candidates(d.raw):
            unsure[d.path] = (d, _candidates(d.raw))
    tables = {key: getattr(report, key) for key in {eq.table.key for eq in equations}}
    notes: list[Diagnostic] = []
    solved: set[str] = set()

    def value(eq: Any, cell: Any) -> Any:
        return tables[eq.table.key].cells[cell.index]

    def holds(eq: Any) -> bool | None:
        values = [(value(eq, c), k) for c, k in eq.terms()]
        if any(type(v) is not int for v, _ in values):
            return None
        return bool(sum(v * k for v, k in values) == 0)

    changed = True
    while changed:
        changed = False
        for eq in equations:
            terms = eq.terms()
            missing = [(c, k) for c, k in terms if value(eq, c) is None]
            if len(missing) != 1 or any(
                type(value(eq, c)) is not int for c, _ in terms if value(eq, c) is not None
            ):
                continue
            cell, coef = missing[0]
            where = path(eq, cell)
            if where not in unsure or where in solved:
                continue
            rest = sum(value(eq, c) * k for c, k in terms if c is not cell)
            solution = -rest * coef
            diag, readings = unsure[where]
            if solution < 0 or solution not in readings:
                continue
            table = tables[eq.table.key]
            tables[eq.table.key] = attrs.evolve(
                table, cells=tuple(solution if i == cell.index else v for i, v in enumerate(table.cells))
            )
            # Every identity through the cell that can now be checked must hold.
            through = [e for e in equations if any(path(e, c) == where for c, _ in e.terms())]
            if any(holds(e) is False for e in through):
                tables[eq.table.key] = table
                continue
            solved.add(where)
            changed = True
            notes.append(
                Diagnostic(
                    code="ocr_confirmed",
                    message=f"the scanned number read unsure ({' or '.join(map(str, readings))}) is "
                    f"{solution}: "
                    "the identity through this cell holds only with that reading",
                    location=diag.location,
                    raw=diag.raw,
                    path=where,
                )
            )
    held = broken = 0
    for eq in equations:
        ok = holds(eq)
        if ok is not None:
            held, broken = held + ok, broken + (not ok)
    new = attrs.evolve(report, **tables)
    suspects: dict[str, Diagnostic] = {}
    if broken:
        from ..validation.engine import validate

        for f in validate(new, rules=IDENTITIES):
            for s in (f.suspect, *f.candidates):
                if s is not None and s.path not in suspects:
                    suspects[s.path] = Diagnostic(
                        code="ocr_suspect",
                        message=f"{f.code}: {f.message_en} This number was read from a scan: it may be "
                        "misread (or the report is wrong); check it against the image",
                        path=s.path,
                    )
    if held or broken:
        notes.append(
            Diagnostic(
                code="ocr_identities",
                message=f"of the identities that could be checked, {held} hold with the numbers read "
                f"from the scan and {broken} do not",
            )
        )
    notes.extend(suspects.values())
    if not notes:
        return result
    kept = tuple(d for d in result.diagnostics if not (d.code == "unreadable_number" and d.path in solved))
    read = tuple((key, tables.get(key, table)) for key, table in result.tables)
    return attrs.evolve(result, report=new, diagnostics=kept + tuple(notes), tables=read)
