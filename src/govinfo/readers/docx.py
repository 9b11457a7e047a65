"""Read a report published as a Word file (needs the ``docx`` extra: ``pip install 'govinfo-cn[docx]'``).

The body is read in document order with `python-docx <https://pypi.org/project/python-docx/>`_:
each paragraph becomes a :class:`~govinfo.readers.cells.TextBlock` and each table a positional
:class:`~govinfo.readers.cells.TableBlock` whose cells carry their real grid column and spans:
horizontal merges (``w:gridSpan``, legacy ``w:hMerge``, skipped leading grid columns
``w:gridBefore``) and vertical merges (``w:vMerge`` restart/continue). Content controls
(``w:sdt``) are read through. Automatic list numbering (``一、`` or ``（一）`` made by Word, not
typed) is rendered into the paragraph text, so headings read as printed.

Only ``.docx`` (Office Open XML) is read. A legacy ``.doc``/``.wps`` file, or a
password-protected ``.docx`` (both are OLE2 compound files), gives a
:class:`~govinfo.errors.ParseError` with code ``docx_unsupported``; a broken zip gives
``docx_damaged``.

>>> from govinfo.readers.docx import read_docx
>>> from govinfo.errors import ParseError
>>> try:
...     read_docx(b"PK\\x03\\x04 not really a zip")
... except ParseError as e:
...     print(e.code)
docx_damaged
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from ..errors import ParseError
from .cells import Block, SourceCell, SourceDocument, SourceLocation, SourceRow, TableBlock, TextBlock
from .normalize import small_int

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["check_zip_budget", "is_docx", "is_ole2", "read_docx"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Resource limits, checked on the zip's own entry table before anything is inflated (a
#: decompression bomb is refused at once, ``docx_too_large``). Real reports are far smaller:
#: their ``word/document.xml`` is under 2 MB. Override by assigning to these names.
MAX_UNZIPPED = 64 * 1024 * 1024
MAX_XML = 16 * 1024 * 1024
MAX_ENTRIES = 2000
#: The widest grid span or column offset read from an attribute.
MAX_GRID = 64


def check_zip_budget(data: bytes, *, what: str = "the Word file", code: str = "docx_too_large") -> None:
    """Refuse a zip package (Word, Excel) whose declared sizes exceed the limits above.

    zipfile enforces the declared sizes on reading; ``what`` names the file in the message.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports the damage
    if len(infos) > MAX_ENTRIES:
        raise ParseError(f"{what} holds {len(infos)} parts (at most {MAX_ENTRIES} are read)", code=code)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise ParseError(
            f"{what} unpacks to {total} bytes (at most {MAX_UNZIPPED}): a real report is far "
            "smaller (a decompression bomb?)",
            code=code,
        )
    big = [i for i in infos if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_XML]
    if big:
        raise ParseError(
            f"{what}'s {big[0].filename} unpacks to {big[0].file_size} bytes (at most {MAX_XML})", code=code
        )


def is_ole2(data: bytes) -> bool:
    """Whether ``data`` is an OLE2 compound file (legacy ``.doc``/``.wps``, or an encrypted ``.docx``)."""
    return data[:8] == _OLE2


def zip_holds(data: bytes, member: str) -> bool:
    """Whether ``data`` is a zip archive holding ``member`` (how Word and Excel files are told apart)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a zip holding ``word/document.xml`` (a Word document)."""
    return zip_holds(data, "word/document.xml")


def _python_docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the environment
        raise ParseError(
            "reading Word files needs the python-docx package: pip install 'govinfo-cn[docx]'",
            code="missing_extra",
        ) from None
    return docx


# --- automatic numbering -------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """一 … 九十九 as Word's chineseCounting writes them."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= value:
            out += sym
            n -= value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
    ):
        return _chinese(n)
    if fmt == "decimalEnclosedCircleChinese" or fmt == "decimalEnclosedCircle":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """Word's automatic list numbering: which text each numbered paragraph starts with."""

    def __init__(self, document: Any, qn: Any) -> None:
        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = small_int(lvl.get(qn("w:ilvl")), 0, 9)
                fmt = self._val(lvl, "w:numFmt") or "decimal"
                text = self._val(lvl, "w:lvlText") or ""
                start = small_int(self._val(lvl, "w:start"), 1, 100_000)
                levels[ilvl] = (fmt, text, start)
            abstract[an.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            ref = self._val(num, "w:abstractNumId")
            if ref in abstract:
                self.levels[num.get(qn("w:numId"), "")] = abstract[ref]

    def _val(self, el: Any, tag: str) -> str | None:
        child = el.find(self.qn(tag))
        return None if child is None else child.get(self.qn("w:val"))

    def label(self, p: Any, style_numpr: tuple[str, int] | None = None) -> str:
        """The number Word shows before paragraph ``p`` (empty when it has none)."""
        qn = self.qn
        numpr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is not None:
            num_id = self._val(numpr, "w:numId") or ""
            ilvl = small_int(self._val(numpr, "w:ilvl"), 0, 9)
        elif style_numpr is not None:
            num_id, ilvl = style_numpr
        else:
            return ""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        # Counters are per abstract definition in Word; per numId is close enough for reports.
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        for lv in range(ilvl + 1):
            if lv in levels:
                value = counters.get(lv, levels[lv][2])
                text = text.replace(f"%{lv + 1}", _format_number(value, levels[lv][0]))
        return text if fmt != "bullet" else ""


# --- the body -------------------------------------------------------------------------------


def _paragraph_text(p: Any, paragraph_cls: Any, parent: Any) -> str:
    return str(paragraph_cls(p, parent).text)


def _cell_text(tc: Any, qn: Any, paragraph_cls: Any, parent: Any) -> str:
    parts = [_paragraph_text(p, paragraph_cls, parent) for p in tc.iter(qn("w:p"))]
    return "\n".join(parts).strip("\n")


def _table_block(tbl: Any, index: int, qn: Any, paragraph_cls: Any, parent: Any) -> TableBlock:
    """A table with real grid columns and row/column spans."""
    # Each cell: [row, column, rowspan, colspan, text]
    cells: list[list[Any]] = []
    open_vmerge: dict[int, list[Any]] = {}  # grid column -> cell still open for vertical merging
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        if before is not None:
            col = small_int(before.get(qn("w:val")), 0, MAX_GRID)
        last: list[Any] | None = None
        for tc in _row_cells(tr, qn):
            tcpr = tc.find(qn("w:tcPr"))
            span, vmerge, hmerge = 1, None, None
            if tcpr is not None:
                gs = tcpr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = max(1, small_int(gs.get(qn("w:val")), 1, MAX_GRID))
                vm = tcpr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
                hm = tcpr.find(qn("w:hMerge"))
                if hm is not None:
                    hmerge = hm.get(qn("w:val"), "continue")
            text = _cell_text(tc, qn, paragraph_cls, parent)
            if hmerge == "continue" and last is not None:
                last[3] += span
                last[4] = "\n".join(t for t in (last[4], text) if t)
                col += span
                continue
            above = open_vmerge.get(col)
            if vmerge == "continue" and above is not None and above[3] == span and above[0] + above[2] == r:
                above[2] += 1
                if text:
                    above[4] = "\n".join(t for t in (above[4], text) if t)
                last = above
            else:
                cell = [r, col, 1, span, text]
                cells.append(cell)
                open_vmerge[col] = cell
                last = cell
            col += span
    rows: dict[int, list[SourceCell]] = {}
    for r, c, rowspan, colspan, text in cells:
        loc = SourceLocation(element=f"table[{index}]/tr[{r + 1}]/tc[{c + 1}]")
        rows.setdefault(r, []).append(
            SourceCell(text=text, row=r, column=c, rowspan=rowspan, colspan=colspan, location=loc)
        )
    return TableBlock(
        rows=tuple(SourceRow(cells=tuple(rows[r]), location=rows[r][0].location) for r in sorted(rows)),
        positional=True,
        location=SourceLocation(element=f"table[{index}]"),
    )


def _row_cells(tr: Any, qn: Any) -> Iterator[Any]:
    """The ``w:tc`` of a row, looking through content controls."""
    for child in tr:
        if child.tag == qn("w:tc"):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _row_cells(content, qn)


def read_docx(data: bytes) -> SourceDocument:
    """A Word file's paragraphs and tables, in order, as a :class:`~govinfo.readers.cells.SourceDocument`."""
    if is_ole2(data):
        raise ParseError(
            "this is an OLE2 compound file: a legacy Word .doc/.wps file or a password-protected "
            ".docx; save it as an unprotected .docx (or PDF) and parse that",
            code="docx_unsupported",
        )
    check_zip_budget(data)
    docx = _python_docx()
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ParseError(
            f"the Word file is damaged or truncated and cannot be opened ({e})", code="docx_damaged"
        ) from None
    except Exception as e:  # python-docx raises its own errors for a package that is not Word
        raise ParseError(
            f"the file is not a readable Word document ({type(e).__name__}: {e})", code="docx_damaged"
        ) from None
    numbering = _Numbering(document, qn)
    styles = _style_numbering(document, qn)
    blocks: list[Block] = []
    counts = {"p": 0, "tbl": 0}

    def visit(container: Any) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                counts["p"] += 1
                style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                style_numpr = styles.get(style.get(qn("w:val"), "")) if style is not None else None
                text = numbering.label(child, style_numpr) + _paragraph_text(child, Paragraph, document)
                if text.strip():
                    blocks.append(TextBlock(text=text, location=SourceLocation(element=f"p[{counts['p']}]")))
            elif child.tag == qn("w:tbl"):
                counts["tbl"] += 1
                blocks.append(_table_block(child, counts["tbl"], qn, Paragraph, document))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    visit(content)

    visit(document.element.body)
    return SourceDocument(blocks=tuple(blocks), layout="docx")


def _style_numbering(document: Any, qn: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (``Heading 1`` set to ``一、``), by style id."""
    out: dict[str, tuple[str, int]] = {}
    try:
        root = document.styles.element
    except AttributeError:  # pragma: no cover
        return out
    for style in root.findall(qn("w:style")):
        numpr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is None:
            continue
        num = numpr.find(qn("w:numId"))
        lvl = numpr.find(qn("w:ilvl"))
        if num is not None:
            out[style.get(qn("w:styleId"), "")] = (
                num.get(qn("w:val"), ""),
                small_int(lvl.get(qn("w:val")), 0, 9) if lvl is not None else 0,
            )
    return out
