"""A copy of the officer's workbook with the cells that findings name marked (the ``xlsx`` extra).

:func:`annotate_xlsx` fills each cell a finding or a reading problem names (a cell, or every
cell of a row or table it names) in light red and gives it a comment holding the message, and
adds a sheet ``校验发现`` (``Findings`` in English) listing every finding and problem with its
place and cell, so that none is lost when it names no single cell. The cells are found through
the template's layout (:func:`govinfo.template.template_cells`, for a sheet whose merged cells
are still the template's) and through the places the reader located (a workbook made by hand).
``govinfo check 表格.xlsx --annotate 标注.xlsx`` writes it from the command line.

>>> import attrs, io, openpyxl, govinfo
>>> from govinfo.template import xlsx_template
>>> report = govinfo.examples.linping_education_2023()
>>> wrong = attrs.evolve(report, appeals=report.appeals.replace("review", "total", 7))
>>> data = xlsx_template(report=wrong)
>>> out = annotate_xlsx(data, govinfo.validate(wrong))
>>> ws = openpyxl.load_workbook(io.BytesIO(out))["表四"]
>>> ws["E5"].comment.text.startswith("[E4-appeal-total]")
True
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterable
from typing import Any

from .catalogue import EDITIONS

__all__ = ["FILL", "annotate_xlsx"]

#: The fill of a marked cell (light red, as the HTML renderer's ``.flagged``).
FILL = "FDE2E2"
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示", "parse": "读取"}
_HEAD = {
    "zh": ("序号", "代码", "级别", "位置", "单元格", "说明"),
    "en": ("No.", "Code", "Severity", "Place", "Cell", "Message"),
}


def _cells_by_path(wb: Any, edition: str, diagnostics: Iterable[object]) -> dict[str, tuple[str, str]]:
    """``{path: (sheet, A1)}`` of the value cells that can be found in the workbook."""
    from .template import sheet_layouts, template_cells

    out: dict[str, tuple[str, str]] = {}
    layouts = sheet_layouts(edition)
    for path, (sheet, a1) in template_cells(edition).items():
        if sheet not in wb.sheetnames:
            continue
        merged = frozenset(
            (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in wb[sheet].merged_cells.ranges
        )
        if merged == layouts[sheet][0]:
            out[path] = (sheet, a1)
    for d in diagnostics:
        named = getattr(d, "path", None)
        element = getattr(getattr(d, "location", None), "element", None) or ""
        if isinstance(named, str) and "!" in element:
            sheet, a1 = element.split("!", 1)
            if sheet in wb.sheetnames:
                out.setdefault(named, (sheet, a1))
    return out


def annotate_xlsx(
    data: bytes, findings: Iterable[object], *, diagnostics: Iterable[object] = (), lang: str = "zh"
) -> bytes:
    """``data`` (an ``.xlsx`` workbook) with the cells named by ``findings`` (from
    :func:`govinfo.validate`) and ``diagnostics`` (a :class:`~govinfo.ParseResult`'s, with a path)
    marked, each with a comment, and a sheet listing them all. ``lang`` is ``zh`` or ``en``."""
    from .errors import GovinfoError
    from .readers.xlsx import _cell_labels, is_xlsx

    try:
        openpyxl = importlib.import_module("openpyxl")
    except ImportError:  # pragma: no cover - depends on the environment
        raise GovinfoError(
            "spreadsheets need the openpyxl package: pip install 'govinfo-cn[xlsx]'", code="missing_extra"
        ) from None
    if not is_xlsx(data):
        raise GovinfoError("only an Excel .xlsx workbook can be annotated", code="usage")
    from .readers.docx import check_zip_budget

    check_zip_budget(data, what="the workbook", code="xlsx_too_large")
    comments = importlib.import_module("openpyxl.comments")
    styles = importlib.import_module("openpyxl.styles")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    items = [*findings, *(d for d in diagnostics if getattr(d, "path", None))]
    edition = _edition(wb)
    cells = _cells_by_path(wb, edition, items)
    fill = styles.PatternFill("solid", fgColor=FILL)
    notes: dict[tuple[str, str], list[str]] = {}
    rows = []
    for n, item in enumerate(items, 1):
        path = getattr(item, "path", None) or ""
        code = str(getattr(item, "code", "") or "")
        message = _message(item, lang)
        marked = sorted({c for p, c in cells.items() if path and (p == path or p.startswith(path + "."))})
        for place in marked:
            notes.setdefault(place, []).append(f"[{code}] {message}")
        where = getattr(getattr(item, "location", None), "label", None)
        if not isinstance(where, str):
            where = _cell_labels().get(path, path)
        severity = str(getattr(item, "severity", "") or "parse")
        if lang == "zh":
            severity = _SEVERITY_ZH.get(severity, severity)
        rows.append((n, code, severity, where, " ".join(f"{s}!{a}" for s, a in marked), message))
    for (sheet, a1), texts in notes.items():
        cell = wb[sheet][a1]
        cell.fill = fill
        cell.comment = comments.Comment("\n".join(texts), "govinfo", width=360, height=40 + 60 * len(texts))
    from .spreadsheet import FINDINGS_SHEETS

    name = FINDINGS_SHEETS[lang]
    if name in wb.sheetnames:
        del wb[name]
    ws = wb.create_sheet(name)
    ws.append(list(_HEAD[lang]))
    for row in rows:
        ws.append(list(row))
    for letter, width in zip("ABCDEF", (6, 24, 10, 40, 16, 80)):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _message(item: object, lang: str) -> str:
    for name in ("message_en", "message") if lang == "en" else ("message_zh", "message"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return str(item)


def _edition(wb: Any) -> str:
    """The edition the info sheet states, else the newest."""
    from .spreadsheet import INFO_FIELDS, INFO_SHEET

    if INFO_SHEET in wb.sheetnames:
        ws = wb[INFO_SHEET]
        for row in ws.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
            if row and row[0] == INFO_FIELDS["edition"] and str(row[1]) in EDITIONS:
                return str(row[1])
    return "2021"
