"""Build small Word and PDF reports from a :class:`govinfo.Report`, for reader tests.

The tables are laid out as the official form prints them (report-format.md §2–§4): caption
and header rows, merged group labels, the 三 table's three header rows, the 四 table's
transposed 15 numbers. Every label comes from the catalogue. The DOCX writer uses
python-docx (real ``w:gridSpan``/``w:vMerge`` merges); the PDF writer uses ReportLab's
platypus (ruled tables with SPAN, header rows repeated when a table crosses a page, page
numbers ``- n -`` in the footer, a running header, and the built-in ``STSong-Light`` CID font,
so no font file is needed).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from govinfo import Report
from govinfo.catalogue import CellKind, common
from govinfo.table import Table

#: One cell of a printed table: (row, column, rowspan, colspan, text).
GridCell = tuple[int, int, int, int, str]


@attrs.frozen
class Grid:
    """A printed table: its cells and size, and how many header rows it starts with."""

    cells: tuple[GridCell, ...]
    rows: int
    columns: int
    header_rows: int = 0
    #: Relative column widths for the PDF (label columns wide, value columns narrow).
    weights: tuple[float, ...] = ()

    def widths(self, total: float) -> list[float]:
        weights = self.weights or (1.0,) * self.columns
        return [total * w / sum(weights) for w in weights]


def split_grid(
    grid: Grid, row: int, *, repeat_header: bool = True, split_text: bool = False, split_row: bool = False
) -> tuple[Grid, Grid]:
    """Cut a table before ``row`` as a page break does.

    A merged cell crossing the cut continues in the second part: empty, or holding the second
    half of its text (``split_text=True``). ``split_row=True`` cuts row ``row`` itself: the
    first part keeps its numbers and the first half of its labels, the second part starts with
    the rest of its labels above empty value cells. With ``repeat_header`` the second part
    starts with the table's header rows again.
    """
    head = grid.header_rows if repeat_header else 0
    k = row
    first: list[GridCell] = []
    second: list[GridCell] = [c for c in grid.cells if c[0] < head] if head else []
    for r, c, rs, cs, text in grid.cells:
        end = r + rs
        if end <= k:
            first.append((r, c, rs, cs, text))
        elif (r > k) if split_row else (r >= k):
            second.append((r - k + head, c, rs, cs, text))
        else:  # crosses the cut
            cut_text = _is_label(text) and (split_text or (split_row and r == k and rs == 1))
            half = (len(text) + 1) // 2 if cut_text else len(text)
            top_rows = k - r + (1 if split_row else 0)
            first.append((r, c, top_rows, cs, text[:half]))
            second.append((head, c, rs - top_rows + (1 if split_row else 0), cs, text[half:]))
    n_first = k + (1 if split_row else 0)
    n_second = grid.rows - k + head
    return (
        attrs.evolve(grid, cells=tuple(first), rows=n_first),
        attrs.evolve(grid, cells=tuple(second), rows=n_second),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def proactive_grid(table: Table) -> Grid:
    """Section 二: per sub-table a caption row, a header row and its data rows (values span)."""
    printed = [[c for c in g.columns if c.kind is not CellKind.UNIT] for g in table.spec.grids]
    ncols = 1 + max(len(cols) for cols in printed)
    cells: list[GridCell] = []
    r = 0
    for grid, cols in zip(table.spec.grids, printed):
        cells.append((r, 0, 1, ncols, grid.caption))
        r += 1
        cells.append((r, 0, 1, 1, grid.corner))
        for i, col in enumerate(cols):
            span = ncols - 1 - i if i == len(cols) - 1 else 1
            cells.append((r, 1 + i, 1, span, col.label))
        r += 1
        for row in grid.rows:
            cells.append((r, 0, 1, 1, row.label))
            unit = next((table[row.key, c.key] for c in grid.columns if c.kind is CellKind.UNIT), None)
            for i, col in enumerate(cols):
                span = ncols - 1 - i if i == len(cols) - 1 else 1
                text = _text(table[row.key, col.key])
                if col.kind is CellKind.MONEY and text and unit:
                    text += str(unit)
                cells.append((r, 1 + i, 1, span, text))
            r += 1
    return Grid(cells=tuple(cells), rows=r, columns=ncols, weights=(3.0,) + (2.0,) * (ncols - 1))


def request_grid(table: Table) -> Grid:
    """Section 三: three header rows, then each row with its group labels merged down."""
    grid = table.spec.grids[0]
    depth = 1 + max(len(r.groups) for r in grid.rows)
    cols = grid.columns
    cells: list[GridCell] = [(0, 0, 3, depth, grid.corner)]
    if grid.header is not None:
        cells.append((0, depth, 1, len(cols), grid.header.label))
    i = 0
    while i < len(cols):
        col = cols[i]
        if col.group is None:
            cells.append((1, depth + i, 2, 1, col.label))
            i += 1
            continue
        n = 1
        while i + n < len(cols) and cols[i + n].group == col.group:
            n += 1
        cells.append((1, depth + i, 1, n, col.group.label))
        cells.extend((2, depth + i + k, 1, 1, cols[i + k].label) for k in range(n))
        i += n
    rows = grid.rows
    for k, row in enumerate(rows):
        r = 3 + k
        for level, group in enumerate(row.groups):
            if k > 0 and rows[k - 1].groups[: level + 1] == row.groups[: level + 1]:
                continue
            span = 1
            while k + span < len(rows) and rows[k + span].groups[: level + 1] == row.groups[: level + 1]:
                span += 1
            cells.append((r, level, span, 1, group.label))
        cells.append((r, len(row.groups), 1, depth - len(row.groups), row.label))
        cells.extend((r, depth + j, 1, 1, _text(table[row.key, c.key])) for j, c in enumerate(cols))
    weights = (3.4, 4.5, 10.8)[-depth:] + (3.6,) * len(cols)
    return Grid(
        cells=tuple(cells), rows=3 + len(rows), columns=depth + len(cols), header_rows=3, weights=weights
    )


def appeal_grid(table: Table) -> Grid:
    """Section 四: the three groups side by side, outcome labels under them, 15 numbers below."""
    grid = table.spec.grids[0]
    cols = grid.columns
    n = len(cols)
    cells: list[GridCell] = []
    c = 0
    k = 0
    rows = grid.rows
    while k < len(rows):
        row = rows[k]
        if not row.groups:
            cells.append((0, c, 1, n, row.label))
            cells.extend((1, c + j, 2, 1, col.label) for j, col in enumerate(cols))
            k += 1
            c += n
            continue
        members = [r for r in rows[k:] if r.groups == row.groups]
        cells.append((0, c, 1, n * len(members), row.groups[0].label))
        for m in members:
            cells.append((1, c, 1, n, m.label))
            cells.extend((2, c + j, 1, 1, col.label) for j, col in enumerate(cols))
            c += n
        k += len(members)
    values = [_text(table[r.key, col.key]) for r in rows for col in cols]
    cells.extend((3, j, 1, 1, v) for j, v in enumerate(values))
    return Grid(cells=tuple(cells), rows=4, columns=c, header_rows=3)


#: An item of a document outline: ("title" | "heading" | "paragraph" | "signature", text),
#: ("table", Grid) or ("pagebreak", None).
Item = tuple[str, Any]


def outline(report: Report, *, title_lines: Sequence[str] | None = None) -> list[Item]:
    """The report as a sequence of title, headings, paragraphs and tables, in print order."""
    items: list[Item] = [("title", t) for t in (title_lines or [report.title_or_default])]
    items.extend(("paragraph", p) for p in report.preamble)
    for i, (key, content) in enumerate(report.sections()):
        section = report.edition_spec.section(key)
        items.append(("heading", f"{common.NUMERALS[i]}、{section.label}"))
        if key == "proactive":
            items.append(("table", proactive_grid(content)))  # type: ignore[arg-type]
        elif key == "requests":
            items.append(("table", request_grid(content)))  # type: ignore[arg-type]
        elif key == "appeals":
            items.append(("table", appeal_grid(content)))  # type: ignore[arg-type]
        else:
            items.extend(("paragraph", p) for p in content.paragraphs)  # type: ignore[union-attr]
            for j, sub in enumerate(content.subsections):  # type: ignore[union-attr]
                items.append(("heading", f"（{common.NUMERALS[j]}）{sub.title}"))
                items.extend(("paragraph", p) for p in sub.paragraphs)
    # The sign-off: the agency, then the date of publication, set to the right.
    items.append(("signature", report.agency))
    if report.published is not None:
        d = report.published
        items.append(("signature", f"{d.year}年{d.month}月{d.day}日"))
    return items


# --- DOCX ------------------------------------------------------------------------------------


def break_table(items: Sequence[Item], which: int, row: int, **kwargs: bool) -> list[Item]:
    """The outline with its ``which``-th table (0-based) cut before ``row`` by a page break."""
    out: list[Item] = []
    seen = 0
    for kind, value in items:
        if kind == "table":
            if seen == which:
                top, bottom = split_grid(value, row, **kwargs)
                out += [("table", top), ("pagebreak", None), ("table", bottom)]
                seen += 1
                continue
            seen += 1
        out.append((kind, value))
    return out


def docx_bytes(items: Sequence[Item]) -> bytes:
    """A Word document of the outline, with merged table cells."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for kind, value in items:
        if kind == "pagebreak":
            document.add_page_break()  # type: ignore[no-untyped-call]
        elif kind == "table":
            grid: Grid = value
            table = document.add_table(rows=grid.rows, cols=grid.columns)
            table.style = "Table Grid"
            for r, c, rs, cs, text in grid.cells:
                cell = table.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                cell.text = text
        elif kind == "title":
            document.add_paragraph(value, style="Title")
        elif kind == "signature":
            document.add_paragraph(value).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "heading":
            document.add_paragraph(value, style="Heading 1")
        else:
            document.add_paragraph(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_docx(report: Report) -> bytes:
    """The report as a Word document."""
    return docx_bytes(outline(report))


# --- PDF -------------------------------------------------------------------------------------

FONT = "STSong-Light"


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def pdf_bytes(
    items: Sequence[Item],
    *,
    running_header: str | None = None,
    page_numbers: bool = True,
    encrypt: str | None = None,
) -> bytes:
    """A PDF of the outline: wrapped CJK paragraphs, ruled tables with merged cells, page chrome.

    A table is never split by ReportLab (it cannot split merged cells): cut it with
    :func:`break_table` first. ``encrypt`` sets a user password.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable

    _register_font()
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, alignment=1, firstLineIndent=0)
    signature = ParagraphStyle("signature", parent=body, alignment=2, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)
    padding = 3.0
    width = A4[0] - 144 - 12  # the frame's own padding is 6 points a side
    flow: list[Any] = []
    for kind, value in items:
        if kind == "pagebreak":
            flow.append(PageBreak())
        elif kind == "table":
            grid: Grid = value
            data: list[list[Any]] = [[""] * grid.columns for _ in range(grid.rows)]
            commands: list[tuple[Any, ...]] = [
                ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *((side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "RIGHTPADDING")),
            ]
            widths = grid.widths(width)
            for r, c, rs, cs, text in grid.cells:
                room = sum(widths[c : c + cs]) - 2 * padding - 1
                data[r][c] = Paragraph(_wrap(text, room, room, 9), cell_style) if text else ""
                if rs > 1 or cs > 1:
                    commands.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
            flow.append(RLTable(data, colWidths=widths, style=commands))
            flow.append(Spacer(1, 8))
        elif kind == "title":
            flow.append(Paragraph(_wrap(value, width, width, 18), title))
        elif kind == "signature":
            flow.append(Paragraph(value, signature))
        else:
            # Chinese paragraphs: a two-character first-line indent, lines filled to the margin.
            flow.append(Paragraph(_wrap(value, width - 24, width, 12), body))

    def chrome(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        if page_numbers:
            canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        if running_header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 36, running_header)
        canvas.restoreState()

    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, canPrint=0)
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72, **kwargs
    )
    doc.build(flow, onFirstPage=chrome, onLaterPages=chrome)
    return out.getvalue()


def _wrap(text: str, first: float, width: float, size: float) -> str:
    """``text`` broken into lines that fill ``width`` points, as ReportLab markup.

    No line is left with a single character: PDFium drops a one-character string drawn in a
    non-embedded CID font such as ``STSong-Light`` (see docs/pdf-docx.md), so the last line
    borrows a character from the one before.
    """
    from xml.sax.saxutils import escape

    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for ch in text:
        room = first if not lines else width
        if line and stringWidth(line + ch, FONT, size) > room:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    if len(lines) > 1 and len(lines[-1]) == 1 and len(lines[-2]) > 2:
        lines[-2], lines[-1] = lines[-2][:-1], lines[-2][-1] + lines[-1]
    return "<br/>".join(escape(x) for x in lines)


def _is_label(text: str) -> bool:
    return bool(text) and not text.replace(".", "").lstrip("-").isdigit()


def report_pdf(report: Report, **kwargs: Any) -> bytes:
    """The report as a PDF (see :func:`pdf_bytes` for the options)."""
    return pdf_bytes(outline(report), **kwargs)
