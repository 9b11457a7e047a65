"""Read a report from an Excel workbook (needs the ``xlsx`` extra: ``pip install 'govinfo-cn[xlsx]'``).

The workbook is read with `python-calamine <https://pypi.org/project/python-calamine/>`_ (the
Rust calamine library; see ``docs/spreadsheet.md`` for why not openpyxl) and turned into the
blocks every reader hands to the one table matcher (:mod:`govinfo.readers.cells`), so a
workbook made by hand in the official layout (rows in order, merged cells, labels typed a
little differently) is read like a Word or HTML table:

- Every sheet is read in order. A row holding a single text that is a section heading
  (``三、收到和处理政府信息公开申请情况``) becomes a heading; an empty row ends a table; other
  rows are a table's rows, each cell at its real column with its merged span, located by sheet
  and A1 reference (``表三!D17``). A number is written as its digits (a whole number without
  ``.0``); a date as ``2024年1月15日``. A formula is read as the value Excel saved with it.
- The template's own sheets (:mod:`govinfo.template`) are recognised by their first cells:
  ``基本信息`` gives the edition, agency, year, title and date of publication; ``正文`` gives the
  preamble and the narrative sections, one paragraph per row. The sections are put in the
  report's order, whatever the order of the sheets.

Every problem is reported with its sheet, cell and official label, all at once: a cell that is
not a number, a negative count, a sheet of the template that is missing, a label the matcher
does not know. The zip is checked against the Word reader's budgets first
(:data:`govinfo.readers.docx.MAX_UNZIPPED` and the others): a decompression bomb is refused.

>>> import govinfo
>>> from govinfo.template import xlsx_template
>>> result = govinfo.read_xlsx(xlsx_template(report=govinfo.examples.linping_education_2023()))
>>> result.report == govinfo.examples.linping_education_2023()
True
>>> try:
...     govinfo.read_xlsx(b"PK\\x03\\x04 not really a zip")
... except govinfo.ParseError as e:
...     print(e.code)
xlsx_damaged
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
import os
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..errors import ParseError
from .cells import (
    NOWHERE,
    Block,
    Diagnostic,
    SourceCell,
    SourceDocument,
    SourceLocation,
    SourceRow,
    TableBlock,
    TextBlock,
)
from .document import ParseResult

__all__ = ["MAX_CELLS", "is_xlsx", "read_xlsx", "read_xlsx_blocks", "read_xlsx_document", "xlsx_source"]

#: The most cells read from one sheet (a report's largest table has under 200).
MAX_CELLS = 100_000


def is_xlsx(data: bytes) -> bool:
    """Whether ``data`` is a zip holding ``xl/workbook.xml`` (an Excel workbook)."""
    from .docx import zip_holds

    return zip_holds(data, "xl/workbook.xml")


def _calamine() -> Any:
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - depends on the environment
        raise ParseError(
            "reading spreadsheets needs the python-calamine package: pip install 'govinfo-cn[xlsx]'",
            code="missing_extra",
        ) from None
    return python_calamine


def _letter(column: int) -> str:
    """``A`` for column 1, ``AA`` for 27."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _where(sheet: str, row: int, column: int) -> SourceLocation:
    return SourceLocation(element=f"{sheet}!{_letter(column)}{row}")


def _text(value: object) -> str:
    """A cell's value as the text the matcher reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, _dt.time | _dt.timedelta):
        return str(value)
    return str(value)


@attrs.frozen(kw_only=True)
class _Sheet:
    """One sheet: its name, its cells' values from A1 (rows of equal length), its merged ranges
    (0-based, inclusive: first row, first column, last row, last column)."""

    title: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]]

    def text(self, r: int, c: int) -> str:
        """The text of the cell at 0-based ``r``, ``c`` ('' beyond the sheet)."""
        if r < len(self.rows) and c < len(self.rows[r]):
            return _text(self.rows[r][c])
        return ""


def _sheets(data: bytes) -> list[_Sheet]:
    calamine = _calamine()
    try:
        wb = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
    except Exception as e:  # calamine raises its own errors for a package that is not a workbook
        raise ParseError(
            f"the workbook is damaged or not an .xlsx file and cannot be opened ({type(e).__name__}: {e})",
            code="xlsx_damaged",
        ) from None
    out = []
    for name in names:
        try:
            sheet = wb.get_sheet_by_name(name)
            end = sheet.end
            if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
                raise ParseError(
                    f"sheet {name} reaches row {end[0] + 1} and column {_letter(end[1] + 1)} (at most "
                    f"{MAX_CELLS} cells are read): a report's table is far smaller",
                    code="xlsx_too_large",
                )
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        except ParseError:
            raise
        except Exception as e:
            raise ParseError(
                f"sheet {name} of the workbook cannot be read ({type(e).__name__}: {e})", code="xlsx_damaged"
            ) from None
        out.append(_Sheet(title=name, rows=[list(r) for r in rows], merged=merged))
    return out


def read_xlsx_blocks(data: bytes) -> tuple[SourceDocument, dict[str, Any]]:
    """The workbook as a :class:`SourceDocument`, and what its ``基本信息`` sheet states."""
    from ..spreadsheet import (
        FINDINGS_SHEETS,
        INFO_FIELDS,
        INFO_SHEET,
        PREAMBLE,
        TEXT_COLUMNS,
        TEXT_SHEET,
        table_sheet_name,
    )
    from .document import _heading
    from .docx import check_zip_budget

    check_zip_budget(data, what="the workbook", code="xlsx_too_large")
    # an annotated copy's list of findings (govinfo.annotate) is not part of the report
    sheets = [s for s in _sheets(data) if s.title not in FINDINGS_SHEETS.values()]
    diagnostics: list[Diagnostic] = []
    info: dict[str, Any] = {}
    info_rows: dict[str, int] = {}
    # (section index or None, blocks) in sheet order
    chunks: list[tuple[int | None, list[Block]]] = []
    template = False
    names = [s.title for s in sheets]
    kinds = {}
    for sheet in sheets:
        first = [sheet.text(0, c).strip() for c in range(3)]
        if sheet.title == INFO_SHEET or first[0] in INFO_FIELDS.values():
            template = True
            info, info_rows = _read_info(sheet, INFO_FIELDS, diagnostics)
            kinds[sheet.title] = "info"
        elif tuple(first) == TEXT_COLUMNS:
            kinds[sheet.title] = "text"
    if template:
        _check_inputs(sheets, info.get("edition"), diagnostics)
    for sheet in sheets:
        kind = kinds.get(sheet.title)
        if kind == "text":
            chunks += _read_text(sheet, PREAMBLE, _heading)
        elif kind is None:
            chunks += _read_table_sheet(sheet, _heading)
    if template:
        for i, section in enumerate(_sections(info.get("edition"))):
            if section.kind == "table" and table_sheet_name(i) not in names:
                diagnostics.append(
                    Diagnostic(
                        code="xlsx_missing_sheet",
                        message=f"sheet {table_sheet_name(i)} (the table of section {i + 1}, "
                        f"{section.label}) is missing from the workbook",
                        location=SourceLocation(element=table_sheet_name(i)),
                        path=f"$.{section.key}",
                    )
                )
        if TEXT_SHEET not in names:
            diagnostics.append(
                Diagnostic(
                    code="xlsx_missing_sheet",
                    message=f"sheet {TEXT_SHEET} (the narrative sections) is missing from the workbook",
                    location=SourceLocation(element=TEXT_SHEET),
                )
            )

    def at(key: str) -> SourceLocation:
        return _where(INFO_SHEET, info_rows.get(key, 0) + 1, 2)

    blocks: list[Block] = []
    if info.get("title"):
        blocks.append(TextBlock(text=info["title"], location=at("title"), role="title"))
    elif info.get("agency") and info.get("year"):
        from ..catalogue import common

        title = common.TITLE_TEMPLATE.format(agency=info["agency"], year=info["year"])
        blocks.append(TextBlock(text=title, location=at("agency"), role="title"))
    # the preamble first, then the sections in the report's order (a stable sort keeps the rest)
    last = -1
    ordered: list[tuple[int, int, list[Block]]] = []
    for n, (index, chunk) in enumerate(chunks):
        if index is not None:
            last = index
        ordered.append((last, n, chunk))
    for _, _, chunk in sorted(ordered, key=lambda t: (t[0], t[1])):
        blocks += chunk
    if info.get("agency"):
        blocks.append(TextBlock(text=info["agency"], location=at("agency"), role="signature"))
    if info.get("published"):
        d = info["published"]
        blocks.append(
            TextBlock(text=f"{d.year}年{d.month}月{d.day}日", location=at("published"), role="signature")
        )
    return SourceDocument(blocks=tuple(blocks), layout="xlsx", diagnostics=tuple(diagnostics)), info


_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def _check_inputs(sheets: list[_Sheet], edition: str | None, diagnostics: list[Diagnostic]) -> None:
    """In a sheet that still has the template's layout, an input cell holding text that is no
    number is a diagnostic naming its label, sheet and cell, and is read as blank (so the rest
    of its row is read)."""
    from ..template import sheet_layouts

    layouts = sheet_layouts(edition if edition in ("2019", "2021") else "2021")
    for sheet in sheets:
        layout = layouts.get(sheet.title)
        if layout is None or frozenset(sheet.merged) != layout[0]:
            continue
        for (r, c), path in layout[1].items():
            if r >= len(sheet.rows) or c >= len(sheet.rows[r]):
                continue
            value = sheet.rows[r][c]
            if not isinstance(value, str) or not value.strip():
                continue
            text = value.strip()
            if _NUMBER.match(text) or path.endswith(".unit"):
                continue
            where = _where(sheet.title, r + 1, c + 1)
            diagnostics.append(
                Diagnostic(
                    code="not_a_number",
                    message=f"{text!r} is not a number; not stated",
                    location=where,
                    raw=value,
                    path=path,
                )
            )
            sheet.rows[r][c] = None


def _labelled(diagnostics: tuple[Diagnostic, ...]) -> tuple[Diagnostic, ...]:
    """Each diagnostic located in a sheet says its official label, sheet and cell first:
    ``三（四）1 …/ 自然人, sheet 表三, cell D17: '十二' is not a number``."""
    labels = _cell_labels()
    out = []
    for d in diagnostics:
        element = d.location.element or ""
        if "!" in element and not d.message.startswith(("sheet ",)):
            sheet, cell = element.split("!", 1)
            label = labels.get(d.path or "")
            head = f"{label}, " if label else ""
            d = attrs.evolve(d, message=f"{head}sheet {sheet}, cell {cell}: {d.message}")
        out.append(d)
    return tuple(out)


@functools.cache
def _cell_labels() -> dict[str, str]:
    """``{interchange path: official label}`` of every cell of both editions
    (``三（四）无法提供 · 1.本机关不掌握相关政府信息 / 自然人``, as the findings say it)."""
    from ..catalogue import EDITIONS
    from ..validation.locations import cell_location

    out: dict[str, str] = {}
    for edition in EDITIONS.values():
        for spec in (edition.proactive, *edition.requests, edition.appeals):
            for cell in spec.cells:
                location = cell_location(edition, spec, cell)
                out.setdefault(location.path, location.label)
    return out


def _sections(edition: str | None) -> tuple[Any, ...]:
    from ..catalogue import EDITIONS

    spec = EDITIONS.get(edition or "2021") or EDITIONS["2021"]
    return tuple(spec.sections)


def _read_info(
    sheet: _Sheet, fields: dict[str, str], diagnostics: list[Diagnostic]
) -> tuple[dict[str, Any], dict[str, int]]:
    """The fields of the info sheet, and the 0-based row of each."""
    by_label = {label: key for key, label in fields.items()}
    out: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for r in range(min(len(sheet.rows), 50)):
        label = sheet.text(r, 0).strip()
        key = by_label.get(label)
        if key is None:
            continue
        rows[key] = r
        value = sheet.rows[r][1] if len(sheet.rows[r]) > 1 else None
        text = _text(value).strip()
        if not text:
            continue
        where = _where(sheet.title, r + 1, 2)

        def bad(
            what: str, path: str, text: str = text, where: SourceLocation = where, label: str = label
        ) -> None:
            diagnostics.append(
                Diagnostic(
                    code="xlsx_bad_value",
                    message=f"{label}, sheet {sheet.title}, cell {where.element}: {text!r} is not {what}",
                    location=where,
                    raw=text,
                    path=path,
                )
            )

        if key == "year":
            digits = text.removesuffix("年")
            if digits.isdigit() and len(digits) == 4:
                out["year"] = int(digits)
            else:
                bad("a year of four digits", "$.year")
        elif key == "published":
            if isinstance(value, _dt.datetime):
                out["published"] = value.date()
            elif isinstance(value, _dt.date):
                out["published"] = value
            else:
                try:
                    out["published"] = _dt.date.fromisoformat(text)
                except ValueError:
                    bad("a date such as 2024-01-15", "$.published")
        else:
            out[key] = text
    return out, rows


def _read_text(sheet: _Sheet, preamble: str, heading: Any) -> Iterator[tuple[int | None, list[Block]]]:
    """The text sheet: (section, blocks) for the preamble and each narrative section."""
    current: list[Block] = []
    index: int | None = None
    started = False
    for r in range(1, len(sheet.rows)):
        part, title = sheet.text(r, 0).strip(), sheet.text(r, 1).strip()
        text = sheet.text(r, 2).strip("\n")
        if part and part != preamble:
            if started:
                yield index, current
            index = heading(part)
            current = [TextBlock(text=part, location=_where(sheet.title, r + 1, 1))]
            started = True
        elif part == preamble and not started:
            started = True
            index = -1
        if title:
            current.append(TextBlock(text=title, location=_where(sheet.title, r + 1, 2)))
        if text.strip():
            current.append(TextBlock(text=text, location=_where(sheet.title, r + 1, 3)))
    if started or current:
        yield index, current


def _read_table_sheet(sheet: _Sheet, heading: Any) -> Iterator[tuple[int | None, list[Block]]]:
    """A sheet of tables: headings become text blocks, runs of non-empty rows tables."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    merged_rows: set[int] = set()
    for r0, c0, r1, c1 in sheet.merged:
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
        merged_rows.update(range(r0 + 1, r1 + 1))
    index: int | None = None
    blocks: list[Block] = []
    rows: list[list[SourceCell]] = []
    row_numbers: list[int] = []
    first_row = 0

    def close() -> None:
        nonlocal rows
        if any(rows):
            # A blank cell inside the table is an empty cell (not stated), as an HTML table's
            # empty <td>: the matcher then knows which column every value is in.
            left = min(c.column for cells in rows for c in cells)
            right = max(c.column + c.colspan for cells in rows for c in cells)
            for k, cells in enumerate(rows):
                r = row_numbers[k]
                have = {c.column for c in cells}
                for col in range(left, right):
                    if col not in have and (r, col) not in covered:
                        cells.append(
                            SourceCell(
                                text="", row=0, column=col, location=_where(sheet.title, r + 1, col + 1)
                            )
                        )
                cells.sort(key=lambda c: c.column)
            table_rows = tuple(
                SourceRow(cells=tuple(cells), location=cells[0].location if cells else NOWHERE)
                for cells in rows
            )
            where = SourceLocation(element=f"{sheet.title}!A{first_row + 1}")
            blocks.append(TableBlock(rows=_fold_units(table_rows), positional=True, location=where))
        rows = []
        row_numbers.clear()

    for r, values in enumerate(sheet.rows):
        cells: list[SourceCell] = []
        for c, value in enumerate(values):
            if (r, c) in covered:
                continue
            text = _text(value)
            if not text.strip():
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            where = _where(sheet.title, r + 1, c + 1)
            cells.append(
                SourceCell(text=text, row=0, column=c, rowspan=rowspan, colspan=colspan, location=where)
            )
        if not cells:
            if rows and r in merged_rows:
                rows.append([])  # a row whose cells all continue merges from above
                row_numbers.append(r)
                continue
            close()
            continue
        if len(cells) == 1 and (found := heading(cells[0].text)) is not None:
            close()
            if blocks:
                yield index, blocks
            index, blocks = found, [TextBlock(text=cells[0].text, location=cells[0].location)]
            continue
        if len(cells) == 1 and not rows and (r, cells[0].column) not in spans:
            blocks.append(TextBlock(text=cells[0].text, location=cells[0].location))  # prose, a title
            continue
        if not rows:
            first_row = r
        rows.append(cells)
        row_numbers.append(r)
    close()
    if blocks:
        yield index, blocks


def _unit_keys() -> frozenset[str]:
    from ..catalogue import EDITIONS, CellKind
    from .normalize import label_key

    return frozenset(
        label_key(c.label)
        for e in EDITIONS.values()
        for g in e.proactive.grids
        for c in g.columns
        if c.kind is CellKind.UNIT
    )


def _fold_units(rows: tuple[SourceRow, ...]) -> tuple[SourceRow, ...]:
    """A unit column (2019: ``采购总金额`` | ``单位``) folded into the amount, as the form prints it.

    A spreadsheet keeps the unit in a cell of its own; the printed form writes ``103.3879万元``
    in the amount's cell. The header ``单位`` and the unit cells under it are joined to the cells
    on their left.
    """
    from .normalize import label_key

    units = _unit_keys()
    out = [list(r.cells) for r in rows]
    for i, cells in enumerate(out):
        header = next((c for c in cells if label_key(c.text) in units), None)
        if header is None:
            continue
        column, span = header.column, header.colspan

        def fold(row: list[SourceCell], join: bool, column: int = column, span: int = span) -> bool:
            unit = next((c for c in row if c.column == column and c.colspan == span), None)
            left = next((c for c in row if c.column + c.colspan == column), None)
            if unit is None or left is None:
                return False
            row[row.index(left)] = attrs.evolve(
                left, colspan=left.colspan + span, text=left.text + unit.text if join else left.text
            )
            row.remove(unit)
            return True

        if not fold(cells, join=False):
            continue
        for below in out[i + 1 :]:
            if not fold(below, join=True):
                break
    return tuple(attrs.evolve(r, cells=tuple(c)) for r, c in zip(rows, out))


def _renumber(doc: SourceDocument) -> SourceDocument:
    """Give each table's cells their row index within the table (empty rows of merges kept)."""
    out: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, TableBlock):
            rows = []
            for i, row in enumerate(block.rows):
                rows.append(attrs.evolve(row, cells=tuple(attrs.evolve(c, row=i) for c in row.cells)))
            rows = [r for r in rows if r.cells]
            block = attrs.evolve(block, rows=tuple(rows))
        out.append(block)
    return attrs.evolve(doc, blocks=tuple(out))


def read_xlsx_document(data: bytes) -> SourceDocument:
    """The workbook's blocks, as :func:`govinfo.readers.read_source` hands them on."""
    doc, info = read_xlsx_blocks(data)
    doc = _renumber(doc)
    if info.get("agency"):
        doc = attrs.evolve(doc, metadata={**doc.metadata, "发布机构": info["agency"]})
    return doc


def xlsx_source(source: object, max_bytes: int) -> bytes | None:
    """The bytes of ``source`` when it is an Excel workbook (by content), else ``None``."""
    from .formats import _head

    if isinstance(source, str):
        from . import _names_a_file

        if not _names_a_file(source):
            return None
        source = _path(source)
    if not isinstance(source, bytes | os.PathLike):
        return None
    head = _head(source)
    if head is None or head[:4] != b"PK\x03\x04":
        return None
    if isinstance(source, bytes):
        data = source
    else:
        from ..files import read_source_file

        data = read_source_file(source, max_bytes)
    return data if is_xlsx(data) else None


def read_xlsx(
    source: bytes | str | os.PathLike[str],
    *,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
    name: str | None = None,
) -> ParseResult:
    """Read a report from an ``.xlsx`` workbook: the template's (:mod:`govinfo.template`) or
    one made by hand in the official layout. Returns the same :class:`ParseResult` as
    :func:`govinfo.parse_document` (which calls this for a workbook); every problem is a
    diagnostic naming its official label, sheet and cell, and a section with a cell that could
    not be read is ``partly_read``.

    ``edition``, ``year`` and ``agency`` are what the user knows, as for
    :func:`govinfo.parse_document` (they win over the workbook's ``基本信息``). Raises
    :class:`~govinfo.ParseError` (``xlsx_damaged``, ``xlsx_too_large``, ``missing_extra``) when
    the workbook cannot be read at all.

    >>> import govinfo
    >>> report = govinfo.examples.linping_education_2023()
    >>> read_xlsx(govinfo.xlsx_template(report=report)).report == report
    True
    >>> try:
    ...     read_xlsx(b"PK\\x03\\x04 damaged")
    ... except govinfo.ParseError as e:
    ...     print(e.code)
    xlsx_damaged
    """
    from ..files import read_source_file
    from . import MAX_BYTES
    from .document import read_document

    if isinstance(source, bytes):
        data = source
    else:
        path = source if isinstance(source, os.PathLike) else _path(source)
        name = name or os.fspath(path)
        data = read_source_file(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise ParseError(f"the input is larger than {MAX_BYTES} bytes", code="too_large")
    if not is_xlsx(data):
        raise ParseError("the input is not an Excel .xlsx workbook", code="xlsx_damaged")
    doc, info = read_xlsx_blocks(data)
    doc = _renumber(doc)
    if info.get("agency"):
        doc = attrs.evolve(doc, metadata={**doc.metadata, "发布机构": info["agency"]})
    info_edition = info.get("edition") if info.get("edition") in ("2019", "2021") else None
    result = read_document(
        doc,
        edition=edition or info_edition,
        year=year if year is not None else info.get("year"),
        agency=agency if agency is not None else info.get("agency"),
        name=name,
    )
    return _unread_inputs(attrs.evolve(result, diagnostics=_labelled(result.diagnostics)))


def _unread_inputs(result: ParseResult) -> ParseResult:
    """A section with a cell that held no number is partly read (the cell is not stated)."""
    unread: dict[str, int] = {}
    for d in result.diagnostics:
        if d.code == "not_a_number" and d.path:
            key = d.path.split(".")[1]
            unread[key] = unread.get(key, 0) + 1
    if not unread:
        return result
    # the cell was blanked so that its row could be read: its "blank cell" note says nothing more
    blanked = {(d.location, d.path) for d in result.diagnostics if d.code == "not_a_number"}
    kept = tuple(
        d for d in result.diagnostics if not (d.code == "not_stated" and (d.location, d.path) in blanked)
    )
    result = attrs.evolve(result, diagnostics=kept)
    sections = []
    for s in result.sections:
        if s.key in unread and s.status == "read":
            read = None if s.cells_read is None else s.cells_read - unread[s.key]
            s = attrs.evolve(
                s, status="partly_read", cells_read=read, reason="some of its cells could not be read"
            )
        sections.append(s)
    return attrs.evolve(result, sections=tuple(sections))


def _path(text: str) -> os.PathLike[str]:
    from pathlib import Path

    return Path(text)
