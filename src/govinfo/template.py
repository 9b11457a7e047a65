"""The spreadsheet an agency's officer fills in (the ``xlsx`` extra: ``pip install 'govinfo-cn[xlsx]'``).

:func:`xlsx_template` writes an ``.xlsx`` workbook with `openpyxl <https://pypi.org/project/openpyxl/>`_:

- ``基本信息``: one row per field of the report (版本, 机关, 年度, 标题, 发布日期) with the value
  in column B, and how to fill the workbook.
- ``正文``: the narrative sections, one paragraph per row: column A names the part (``开头部分``
  for the preamble, or a section heading such as ``一、总体情况``; blank means the same part as
  the row above), column B a subsection title (``（一）主动公开情况``; a title starts a
  subsection, blank continues the one above), column C the paragraph.
- ``表二``, ``表三``, ``表四``: the three tables laid out as the official form prints them
  (the same grids as :func:`govinfo.render_docx`: merged header cells, every label from the
  catalogue), the section heading in row 1. Label cells are locked (the sheets are protected
  without a password, so only the input cells can be edited); every input cell takes a
  number only (data validation: a whole number ≥ 0 for counts, any whole number for the 2019
  net changes, a decimal ≥ 0 for money, ``元``/``万元`` for a unit). **A blank cell means "not
  stated"**, never 0.

Given a ``report``, the workbook is filled with its figures and text. :func:`template_cells`
says which sheet and cell holds each value (by interchange path), for filling a template from
a program. :func:`govinfo.read_xlsx` reads a filled workbook back.

>>> import govinfo
>>> from govinfo.template import template_cells, xlsx_template
>>> data = xlsx_template(edition="2021")
>>> data[:2]
b'PK'
>>> template_cells("2021")["$.requests.new_received.natural_person"]
('表三', 'D5')
>>> try:
...     xlsx_template(edition="2020")
... except govinfo.GovinfoError as e:
...     print(e.code)
bad_edition
"""

from __future__ import annotations

import functools
import importlib
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from .catalogue import EDITIONS, CellKind
from .catalogue.spec import MONEY_UNITS
from .errors import GovinfoError
from .narrative import Narrative
from .render._common import GridCell, Marks, Style, display_width, table_grid
from .report import Report
from .spreadsheet import INFO_FIELDS, INFO_SHEET, PREAMBLE, TEXT_COLUMNS, TEXT_SHEET, table_sheet_name
from .table import MAX_COUNT, Table, path_of

__all__ = ["template_cells", "xlsx_template"]

#: How to fill the workbook, shown on the info sheet.
HELP = (
    "填写说明：",
    "1. 在白色单元格中填写；灰色单元格为表格标签，已锁定。",
    "2. 表格单元格只能填写数字；空白表示“未说明”，不是0。没有发生的事项请填0。",
    "3. “正文”工作表每行一段：A列为部分（开头部分或一、五、六部分的标题），B列为小标题，C列为段落；"
    "A、B列留空表示与上一行相同。",
    "4. 标题留空时使用规定的标题；发布日期的格式为2024-01-15。",
)

#: Cell fills: labels grey, input cells white.
LABEL_FILL = "D9D9D9"
#: Column widths (in Excel's characters) of the table sheets: a value column, the widest label
#: column, the widest column of a label that spans many rows; and the height of a line (points).
VALUE_WIDTH, LABEL_WIDTH, GROUP_WIDTH, LINE_HEIGHT = 11.0, 44.0, 12.0, 15.0


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:  # pragma: no cover - depends on the environment
        raise GovinfoError(
            "spreadsheets need the openpyxl package: pip install 'govinfo-cn[xlsx]'", code="missing_extra"
        ) from None


def _sections_and_tables(report: Report) -> list[tuple[int, str, Table]]:
    out = []
    for i, section in enumerate(report.edition_spec.sections):
        content = getattr(report, section.key)
        if not isinstance(content, Narrative):
            out.append((i, section.key, content))
    return out


def _placed(rows: tuple[tuple[GridCell, ...], ...]) -> list[tuple[int, int, GridCell]]:
    """``(row, column, cell)`` (0-based) of each cell, placed around the merged ones."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return out


def _unit_cells(table: Table, placed: list[tuple[int, int, GridCell]]) -> list[tuple[int, int, GridCell]]:
    """Give a money cell that has a unit (2019: 采购总金额 and 单位) a unit cell beside it.

    The printed form shows the unit inside the amount's cell; a spreadsheet keeps the number
    alone in its cell, so the amount's span is split: the amount, then the unit (and the same
    for the header above it: the amount's label, then the catalogue's ``单位``).
    """
    spec = table.spec
    units = {}  # the path of an amount -> the unit's cell spec
    for cs in spec.cells:
        if cs.kind is CellKind.MONEY:
            unit_col = next((x for x in cs.grid.columns if x.kind is CellKind.UNIT), None)
            if unit_col is not None:
                units[path_of(cs, spec)] = spec.cell(cs.row.key, unit_col.key)
    out = list(placed)
    for r, c, cell in placed:
        unit_spec = units.get(cell.path or "")
        if unit_spec is None or cell.colspan < 2:
            continue
        value = table.cells[unit_spec.index]
        rest = cell.colspan - 1
        out[out.index((r, c, cell))] = (r, c, attrs.evolve(cell, colspan=1))
        out.append((r, c + 1, GridCell(text=value if isinstance(value, str) else "", kind="value",
                                       path=path_of(unit_spec, spec), colspan=rest)))  # fmt: skip
        # the nearest header above it in its column, of the same span
        above = [
            (hr, hc, h)
            for hr, hc, h in out
            if hc == c and hr < r and h.kind == "col" and h.colspan == rest + 1
        ]
        if above:
            hr, hc, header = max(above, key=lambda t: t[0])
            out[out.index((hr, hc, header))] = (hr, hc, attrs.evolve(header, colspan=1))
            out.append((hr, c + 1, GridCell(text=unit_spec.column.label, kind="col", colspan=rest)))
    return sorted(out, key=lambda t: (t[0], t[1]))


def _layout(report: Report) -> list[tuple[str, str, int, list[tuple[int, int, GridCell]]]]:
    """``(sheet name, heading, width, placed cells)`` of each table sheet; rows and columns 0-based."""
    style = Style.of("zh_CN")
    out = []
    for index, _, table in _sections_and_tables(report):
        grid = table_grid(table, style, Marks())
        placed = _unit_cells(table, _placed(grid.rows))
        heading = style.section_heading(index, report.edition_spec.sections[index])
        out.append((table_sheet_name(index), heading, grid.width, placed))
    return out


def _column_widths(placed: list[tuple[int, int, GridCell]], width: int) -> list[float]:
    """Each column as wide as its one-column labels need (a CJK character counts 2), within limits."""
    widths = [VALUE_WIDTH] * width
    for _, c, cell in placed:
        if cell.colspan != 1 or cell.path is not None:
            continue
        need = display_width(cell.text) + 2.0
        limit = GROUP_WIDTH if cell.rowspan > 1 else LABEL_WIDTH
        widths[c] = max(widths[c], min(need, limit))
    return widths


def _row_heights(placed: list[tuple[int, int, GridCell]], widths: list[float]) -> dict[int, float]:
    """The height of each row whose labels wrap: as many lines as its longest label needs."""
    heights: dict[int, float] = {}
    for r, c, cell in placed:
        if cell.rowspan != 1 or not cell.text:
            continue
        room = sum(widths[c : c + cell.colspan]) - 1
        lines = max(1, -(-int(display_width(cell.text)) // max(1, int(room))))
        if lines > 1:
            heights[r] = max(heights.get(r, 0.0), LINE_HEIGHT * lines)
    return heights


def _kinds(report: Report) -> dict[str, CellKind]:
    kinds: dict[str, CellKind] = {}
    for _, _, table in _sections_and_tables(report):
        for cs in table.spec.cells:
            kinds[path_of(cs, table.spec)] = cs.kind
    return kinds


def _values(report: Report) -> dict[str, object]:
    values: dict[str, object] = {}
    for _, _, table in _sections_and_tables(report):
        for cs in table.spec.cells:
            values[path_of(cs, table.spec)] = table.cells[cs.index]
    return values


#: The first row of a table in its sheet (row 1 holds the section heading).
FIRST_ROW = 2


@functools.lru_cache(maxsize=4)
def _cells_of(edition: str) -> Mapping[str, tuple[str, str]]:
    get_column_letter = importlib.import_module("openpyxl.utils").get_column_letter

    report = Report(edition=edition, agency="-", year=2000)
    out: dict[str, tuple[str, str]] = {}
    for sheet, _, _, placed in _layout(report):
        for r, c, cell in placed:
            if cell.path is not None:
                out[cell.path] = (sheet, f"{get_column_letter(c + 1)}{r + FIRST_ROW}")
    return out


@functools.lru_cache(maxsize=4)
def sheet_layouts(
    edition: str,
) -> Mapping[str, tuple[frozenset[tuple[int, int, int, int]], Mapping[tuple[int, int], str]]]:
    """Per table sheet of the edition's template: its merged ranges and its input cells.

    ``{sheet: (merged ranges, {(row, column): interchange path})}``, all 0-based (a merged range
    is first row, first column, last row, last column). The reader uses it to check the input
    cells of a workbook whose sheets still have the template's layout.
    """
    report = Report(edition=edition, agency="-", year=2000)
    out = {}
    for sheet, _, width, placed in _layout(report):
        merged = {(0, 0, 0, width - 1)} if width > 1 else set()
        inputs = {}
        for r, c, cell in placed:
            row = r + FIRST_ROW - 1
            if cell.rowspan > 1 or cell.colspan > 1:
                merged.add((row, c, row + cell.rowspan - 1, c + cell.colspan - 1))
            if cell.path is not None:
                inputs[(row, c)] = cell.path
        out[sheet] = (frozenset(merged), inputs)
    return out


def template_cells(edition: str = "2021") -> Mapping[str, tuple[str, str]]:
    """``{interchange path: (sheet, A1 cell)}`` of every input cell of the edition's template.

    >>> template_cells("2021")["$.appeals.review.upheld"]
    ('表四', 'A5')
    """
    _check_edition(edition)
    _openpyxl()
    return dict(_cells_of(edition))


def _check_edition(edition: str) -> None:
    if edition not in EDITIONS:
        raise GovinfoError(
            f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}", code="bad_edition", path="edition"
        )


def xlsx_template(*, edition: str = "2021", report: Report | None = None) -> bytes:
    """The workbook of the module docs, blank or filled with ``report`` (whose edition wins).

    Raises :class:`~govinfo.GovinfoError` ``bad_edition`` for an unknown edition and
    ``missing_extra`` without openpyxl.

    >>> import io, openpyxl
    >>> wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(edition="2019")))
    >>> wb.sheetnames, wb["表三"]["A1"].value
    (['基本信息', '正文', '表二', '表三', '表四'], '三、收到和处理政府信息公开申请情况')
    >>> try:
    ...     xlsx_template(edition="2018")
    ... except GovinfoError as e:
    ...     print(e.code)
    bad_edition
    """
    if report is None:
        _check_edition(edition)
        report = Report(edition=edition, agency="", year=2000)
        blank = True
    else:
        blank = False
    openpyxl = _openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    Alignment, Border, Font = styles.Alignment, styles.Border, styles.Font
    PatternFill, Protection, Side = styles.PatternFill, styles.Protection, styles.Side
    get_column_letter = importlib.import_module("openpyxl.utils").get_column_letter
    DataValidation = importlib.import_module("openpyxl.worksheet.datavalidation").DataValidation

    wb = openpyxl.Workbook()
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor=LABEL_FILL)
    font = Font(name="宋体", size=10)
    bold = Font(name="黑体", size=12)

    # 基本信息
    info = wb.active
    info.title = INFO_SHEET
    values: dict[str, object] = {
        "edition": report.edition,
        "agency": None if blank else report.agency,
        "year": None if blank else report.year,
        "title": report.title,
        "published": report.published,
    }
    for n, (key, label) in enumerate(INFO_FIELDS.items(), 1):
        label_cell = info.cell(row=n, column=1, value=label)
        label_cell.fill, label_cell.font, label_cell.border = grey, font, border
        value_cell = info.cell(row=n, column=2, value=values[key])
        value_cell.font, value_cell.border = font, border
        value_cell.protection = Protection(locked=key == "edition")
        if key == "published":
            value_cell.number_format = "yyyy-mm-dd"
        if key == "edition":
            value_cell.fill = grey

    def rule(kind: str, operator: str | None, first: str, second: str | None = None, *, error: str) -> Any:
        return DataValidation(type=kind, operator=operator, formula1=first, formula2=second, allow_blank=True,
                              showErrorMessage=True, error=error)  # fmt: skip

    year_rule = rule("whole", "between", "1000", "9999", error="请填写四位数的年份")
    year_rule.add(f"B{list(INFO_FIELDS).index('year') + 1}")
    date_rule = rule("date", "greaterThan", "1", error="请填写日期，例如2024-01-15")
    date_rule.add(f"B{list(INFO_FIELDS).index('published') + 1}")
    info.add_data_validation(year_rule)
    info.add_data_validation(date_rule)
    for n, line in enumerate(HELP, len(INFO_FIELDS) + 2):
        info.cell(row=n, column=1, value=line).font = font
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60
    info.protection.sheet = True

    # 正文
    text = wb.create_sheet(TEXT_SHEET)
    for c, label in enumerate(TEXT_COLUMNS, 1):
        cell = text.cell(row=1, column=c, value=label)
        cell.fill, cell.font, cell.border = grey, bold, border
    style = Style.of("zh_CN")
    Line = tuple[str | None, str | None, str | None]
    lines: list[Line] = [(PREAMBLE, None, p) for p in report.preamble]
    if not report.preamble:
        lines.append((PREAMBLE, None, None))
    for i, section in enumerate(report.edition_spec.sections):
        content = getattr(report, section.key)
        if not isinstance(content, Narrative):
            continue
        heading = style.section_heading(i, section)
        part: list[Line] = [(None, None, p) for p in content.paragraphs]
        for j, sub in enumerate(content.subsections):
            title = style.subsection_number(j) + sub.title
            paragraphs: tuple[str | None, ...] = sub.paragraphs or (None,)
            part += [(None, title if k == 0 else None, p) for k, p in enumerate(paragraphs)]
        if not part:
            part = [(None, None, None)]
        part[0] = (heading, part[0][1], part[0][2])
        lines += part
    for r, entry in enumerate(lines, 2):
        for c, words in enumerate(entry, 1):
            cell = text.cell(row=r, column=c, value=words)
            cell.font = font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    text.column_dimensions["A"].width = 24
    text.column_dimensions["B"].width = 24
    text.column_dimensions["C"].width = 90
    text.freeze_panes = "A2"

    # 表二 表三 表四
    kinds = _kinds(report)
    filled = _values(report)
    for sheet_name, heading, width, placed in _layout(report):
        ws = wb.create_sheet(sheet_name)
        ws.cell(row=1, column=1, value=heading).font = bold
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        limit = str(MAX_COUNT)
        rules = {
            CellKind.COUNT: rule(
                "whole", "greaterThanOrEqual", "0", error="请填写不小于0的整数；空白表示未说明"
            ),
            CellKind.SIGNED: rule(
                "whole", "between", f"-{limit}", limit, error="请填写整数（减少用负数）；空白表示未说明"
            ),
            CellKind.MONEY: rule(
                "decimal", "greaterThanOrEqual", "0", error="请填写不小于0的金额；空白表示未说明"
            ),
            CellKind.UNIT: rule("list", None, '"' + ",".join(MONEY_UNITS) + '"', error="请选择单位"),
        }
        for r, c, cell in placed:
            row, column = r + FIRST_ROW, c + 1
            target = ws.cell(row=row, column=column)
            target.border = border
            target.font = font
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=row, start_column=column, end_row=row + cell.rowspan - 1,
                               end_column=column + cell.colspan - 1)  # fmt: skip
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        ws.cell(row=row + dr, column=column + dc).border = border
            if cell.path is None:
                target.value = cell.text
                target.fill = grey
                across = "center" if cell.kind in ("col", "colgroup") else "left"
                target.alignment = Alignment(wrap_text=True, vertical="center", horizontal=across)
                continue
            kind = kinds[cell.path]
            value: object = filled.get(cell.path)
            if isinstance(value, Decimal):
                places = -int(value.as_tuple().exponent) if int(value.as_tuple().exponent) < 0 else 0
                target.number_format = "0." + "0" * places if places else "0"
            elif kind is CellKind.MONEY:
                target.number_format = "General"
            else:
                target.number_format = "0"
            if isinstance(value, Decimal) and Decimal(repr(float(value))) != value:
                value = str(value)  # more digits than an Excel number holds: kept exactly, as text
            target.value = value
            target.protection = Protection(locked=False)
            target.alignment = Alignment(horizontal="center", vertical="center")
            rules[kind].add(target.coordinate)
        for validation in rules.values():
            if validation.sqref:
                ws.add_data_validation(validation)
        widths = _column_widths(placed, width)
        for c in range(width):
            ws.column_dimensions[get_column_letter(c + 1)].width = widths[c]
        for r, height in _row_heights(placed, widths).items():
            ws.row_dimensions[r + FIRST_ROW].height = height
        # printed on one page wide, landscape, as the official tables are
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
