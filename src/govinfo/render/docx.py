"""A report as the Word document an agency publishes (needs the ``docx`` extra).

``render_docx(report)`` returns the bytes of a ``.docx`` written with
`python-docx <https://pypi.org/project/python-docx/>`_, in the official layout:

- A4 portrait, margins of a Chinese official document (GB/T 9704: 37 mm top, 35 mm bottom,
  28 mm left, 26 mm right).
- The title, centred (宋体, 二号 bold); the preamble; the six sections, each with its heading
  (``一、总体情况``, 黑体 三号, Word's *Heading 1*, so it is in the navigation pane), then its
  paragraphs (仿宋, 三号, first line indented two characters) and subsections (``（一）…``,
  楷体, *Heading 2*), or its table; the sign-off (agency and date) set to the right.
- The three tables are the grids of the HTML renderer (:func:`govinfo.render.html.render_html`,
  :mod:`govinfo.render._common`): the official merged cells (``w:gridSpan``, ``w:vMerge``),
  every label from the catalogue, numbers as the other renderers write them (``11,615``,
  money with its stated precision and unit), blank cells blank. Header rows repeat on each
  page; rows do not split across pages.
- East Asian text has its own font (``w:eastAsia``) in every style and run, with Latin text in
  Times New Roman; the font table names each Chinese font's Windows name and GB2312 charset
  (``仿宋`` → ``FangSong``), so Word, WPS and LibreOffice substitute a fallback font of the
  same kind when the named one is missing. The document language is ``zh-CN``.

govinfo's own Word reader reads the file back to an equal report (a property test).

>>> import govinfo
>>> data = govinfo.render_docx(govinfo.examples.linping_education_2023())
>>> data[:2], govinfo.parse(data) == govinfo.examples.linping_education_2023()
(b'PK', True)
>>> try:
...     govinfo.render_docx(govinfo.examples.linping_education_2023(), locale="xx")
... except govinfo.GovinfoError as e:
...     print(e.code)
unknown_locale
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from ..errors import RenderError
from ..narrative import Narrative
from ..report import Report
from ._common import Grid, GridCell, Marks, Style, display_width, lines_of, table_grid

__all__ = ["render_docx"]

#: Fonts: (East Asian font, its Windows/English name for substitution, Latin font).
BODY_FONT = ("仿宋", "FangSong")
TITLE_FONT = ("宋体", "SimSun")
HEADING_FONT = ("黑体", "SimHei")
SUBHEADING_FONT = ("楷体", "KaiTi")
LATIN_FONT = "Times New Roman"
#: Font sizes in points: 二号 22, 三号 16, 小五 9.
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = 22.0, 16.0, 9.0
#: Text width in millimetres (A4 210 mm less the 28 mm and 26 mm margins).
TEXT_WIDTH_MM = 156.0


def _python_docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the environment
        raise RenderError(
            "writing Word files needs the python-docx package: pip install 'govinfo-cn[docx]'",
            code="missing_extra",
        ) from None
    return docx


def render_docx(report: Report, *, locale: str = "zh_CN") -> bytes:
    """The report as a Word ``.docx`` file (see the module docs for its layout).

    ``locale`` chooses the labels (English for ``en``, Chinese otherwise) and the number
    format, as for the other renderers. Raises :class:`~govinfo.errors.RenderError`
    (``unknown_locale``) for a locale Babel does not know, ``missing_extra`` without
    python-docx.

    >>> import govinfo
    >>> data = render_docx(govinfo.examples.linping_education_2023(), locale="en")
    >>> [b.text for b in govinfo.readers.read_source(data).blocks[:2]]
    ['杭州市临平区教育局: Annual Report on Government Information Disclosure, 2023', 'I. Overview']
    """
    style = Style.of(locale)
    docx = _python_docx()
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = docx.Document()
    _set_up_styles(document, style)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _paragraph(document, style.title(report), "Title")
    for text in report.preamble:
        _paragraph(document, text, "Normal")
    marks = Marks()
    for i, spec in enumerate(report.edition_spec.sections):
        _paragraph(document, style.section_heading(i, spec), "Heading 1")
        content = getattr(report, spec.key)
        if isinstance(content, Narrative):
            for text in content.paragraphs:
                _paragraph(document, text, "Normal")
            for j, sub in enumerate(content.subsections):
                _paragraph(document, style.subsection_number(j) + sub.title, "Heading 2")
                for text in sub.paragraphs:
                    _paragraph(document, text, "Normal")
        else:
            _table(document, table_grid(content, style, marks))
    signature = [report.agency]
    if report.published is not None:
        signature.append(style.date(report.published))
    for n, text in enumerate(signature):
        p = _paragraph(document, text, "Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = 0
        if n == 0:
            p.paragraph_format.space_before = docx.shared.Pt(BODY_SIZE * 2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- styles and fonts ------------------------------------------------------------------------


def _set_fonts(element: Any, east_asia: str, *, size: float | None = None, bold: bool | None = None) -> None:
    """Set the fonts of a style's or run's ``w:rPr``: East Asian, Latin, and the language."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):  # a theme font would override the named one
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_up_styles(document: Any, style: Style) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    lang = "en-US" if style.english else "zh-CN"
    for name, (font, _), size, bold in (
        ("Normal", BODY_FONT, BODY_SIZE, False),
        ("Title", TITLE_FONT, TITLE_SIZE, True),
        ("Heading 1", HEADING_FONT, BODY_SIZE, False),
        ("Heading 2", SUBHEADING_FONT, BODY_SIZE, False),
    ):
        s = styles[name]
        s.font.size = Pt(size)
        s.font.bold = bold
        s.font.italic = False
        s.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(s.element, font)
        rpr = s.element.get_or_add_rPr()
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang_el)
        lang_el.set(qn("w:val"), lang)
        lang_el.set(qn("w:eastAsia"), "zh-CN")
        pf = s.paragraph_format
        pf.line_spacing = Pt(28) if name != "Title" else Pt(36)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.first_line_indent = Pt(size * 2) if name == "Normal" else Pt(0)
        if name == "Title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_after = Pt(BODY_SIZE)
            # Word's Title style has a bottom border and condensed spacing: drop them.
            ppr = s.element.get_or_add_pPr()
            for tag in ("w:pBdr",):
                for el in ppr.findall(qn(tag)):
                    ppr.remove(el)
            for el in s.element.get_or_add_rPr().findall(qn("w:spacing")):
                s.element.get_or_add_rPr().remove(el)
        if name.startswith("Heading"):
            pf.keep_with_next = True
            pf.space_before = Pt(BODY_SIZE / 2) if name == "Heading 1" else Pt(0)
    table_style = styles["Table Grid"]
    table_style.font.size = Pt(TABLE_SIZE)
    _add_font_table_entries(document)


#: The Windows names and pitch families of the Chinese fonts (for substitution).
_FONT_FAMILIES = {"仿宋": "modern", "宋体": "auto", "黑体": "modern", "楷体": "modern"}


def _add_font_table_entries(document: Any) -> None:
    """Declare each Chinese font with its alternative name and the GB2312 charset."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    part = document.part
    try:
        font_part = part.part_related_by(RT.FONT_TABLE)
    except KeyError:  # pragma: no cover - python-docx's default template has a font table
        return
    from docx.oxml import OxmlElement, parse_xml

    root = parse_xml(font_part.blob)
    for east_asia, alt in (BODY_FONT, TITLE_FONT, HEADING_FONT, SUBHEADING_FONT):
        font = OxmlElement("w:font", {qn("w:name"): east_asia})
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", _FONT_FAMILIES[east_asia]),
                           ("w:pitch", "variable")):  # fmt: skip
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    from docx.opc.oxml import serialize_part_xml

    font_part._blob = serialize_part_xml(root)


# --- paragraphs ------------------------------------------------------------------------------


def _paragraph(container: Any, text: str, style_name: str) -> Any:
    """A paragraph of ``text``; its line breaks become ``w:br`` (controls: U+FFFD)."""
    p = container.add_paragraph()
    if style_name != "Normal":
        p._p.style = style_name.replace(" ", "")  # the style id; faster than python-docx's lookup
    lines = lines_of(text)
    for n, line in enumerate(lines):
        run = p.add_run(line.translate(_NOT_XML))
        if n < len(lines) - 1:
            run.add_break()
    return p


# --- tables ----------------------------------------------------------------------------------


def _placed(grid: Grid) -> list[tuple[int, int, GridCell]]:
    """``(row, column, cell)`` for every cell of the grid, placed around the merged ones."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def _weights(grid: Grid, placed: Sequence[tuple[int, int, GridCell]]) -> list[float]:
    """Relative column widths: label columns as wide as their (one-column) labels need."""
    weights = [4.0] * grid.width
    for _, c, cell in placed:
        if cell.colspan == 1 and cell.kind == "row":
            weights[c] = max(weights[c], min(14.0, display_width(cell.text) / 4 + 1))
        elif cell.colspan == 1 and cell.kind == "rowgroup":
            weights[c] = max(weights[c], 5.0)
    return weights


def _table(document: Any, grid: Grid) -> None:
    """Append the grid as a ``w:tbl``, written directly (python-docx's cell merging is quadratic)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    placed = _placed(grid)
    weights = _weights(grid, placed)
    total = round(TEXT_WIDTH_MM / 25.4 * 1440)  # twips
    widths = [round(total * w / sum(weights)) for w in weights]
    head_rows = sum(len(g.rows) for g in grid.groups if g.head)
    by_row: dict[int, dict[int, str]] = {r: {} for r in range(len(grid.rows))}
    size = round(TABLE_SIZE * 2)
    for r, c, cell in placed:
        span = cell.colspan
        width = sum(widths[c : c + span])
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
        align = "center"
        if cell.kind in ("row", "note", "caption") or (cell.kind == "rowgroup" and cell.rowspan == 1):
            align = "left"
        ppr = (
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
        )
        rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        lines = lines_of(cell.text) if cell.text else []
        runs = "<w:r>" + rpr + "<w:br/>".join(f'<w:t xml:space="preserve">{_escape(x)}</w:t>' for x in lines)
        runs = runs + "</w:r>" if lines else ""
        by_row[r][c] = (
            f'<w:tc><w:tcPr>{props}{merge}<w:vAlign w:val="center"/></w:tcPr><w:p>{ppr}{runs}</w:p></w:tc>'
        )
        for dr in range(1, cell.rowspan):
            by_row[r + dr][c] = (
                f'<w:tc><w:tcPr>{props}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p>{ppr}</w:p></w:tc>'
            )
    rows = []
    for r in range(len(grid.rows)):
        header = "<w:tblHeader/>" if r < head_rows else ""
        cells = "".join(by_row[r][c] for c in sorted(by_row[r]))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{cells}</w:tr>")
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    document.element.body._insert_tbl(parse_xml(xml))


#: Characters XML 1.0 cannot hold at all (controls are already U+FFFD, see ``lines_of``).
_NOT_XML = {0xFFFE: "\ufffd", 0xFFFF: "\ufffd"}


def _escape(text: str) -> str:
    return escape(text.translate(_NOT_XML))
