"""Tidy tables of many reports: one row per report × cell, and one row per finding.

A researcher who has read ten years of reports wants one long table: every value cell of every
report on its own row, with who reported it, where it sits in the official form (section, grid,
row and column, by key and by official and English label), its value, and whether the report
stated it or govinfo derived it. :func:`cell_records` gives those rows as dicts,
:func:`write_csv` writes them (``govinfo export DIR -o cells.csv``), and, with the
extras ``pandas``, ``polars`` or ``parquet`` (``pip install 'govinfo-cn[parquet]'``; each needs
only its own library), :func:`to_pandas`, :func:`to_polars` and :func:`write_parquet` build
DataFrames and Parquet files. :func:`finding_records` does the same for findings.

The cell table's columns (:data:`CELL_COLUMNS`):

- ``file``, ``agency``, ``year``, ``edition``; ``section`` (``proactive``, ``requests``,
  ``appeals``) and ``section_label`` (``三、收到和处理政府信息公开申请情况``); ``grid`` (the caption of
  a sub-table of 二, e.g. ``第二十条第（一）项``, else empty); ``layout`` (the table's layout);
- ``row_key``, ``column_key``, ``path`` (the interchange keys and JSON path); ``row_label``,
  ``column_label`` (official), ``row_label_en``, ``column_label_en``;
- ``kind``: ``count``, ``signed`` (2019 ``本年增/减``) or ``money``;
- ``value``: the count (an integer), ``amount``: the money (a decimal), ``unit``: the money's unit
  (``万元`` where the format fixes it, else as the report says) — a row has either a value or an
  amount, or neither when the cell is not stated;
- ``origin``: ``stated``, ``derived`` (a total the interchange file left out, computed by
  govinfo) or ``not_stated``; ``diagnostics``: the parser's diagnostic codes about this cell;
- ``read``: ``complete`` or ``partial`` (the document was only partly read: some cells are
  ``not_stated`` because they were not found, not because the report left them blank), and
  ``section_status``: how the cell's section was read (``read``, ``partly_read``,
  ``not_found``, ``not_placeable``; see :class:`govinfo.SectionStatus`).

A unit (the 2019 procurement ``unit`` key) is not a value: it is the ``unit`` of its amount's row.
So a 2021-edition report gives 200 rows (10 in 二, 175 in 三, 15 in 四), a 2019-edition one 198.

>>> import govinfo
>>> rows = list(cell_records([govinfo.examples.linping_education_2023()]))
>>> len(rows)
200
>>> r = next(r for r in rows if r["path"] == "$.requests.new_received.total")
>>> r["row_label"], r["column_label"], r["value"], r["origin"]
('一、本年新收政府信息公开申请数量', '总计', 12, 'stated')
>>> list(cell_records(["not a report"]))
Traceback (most recent call last):
...
TypeError: cell_records() takes Report or ReadResult values, not str
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .catalogue import CellKind, common
from .report import Report
from .table import Table, path_of

if TYPE_CHECKING:
    from typing import TypeAlias

    from .batch import ReadResult
    from .validation import Finding

    #: What the functions here take: reports, or results of :func:`govinfo.read_many`.
    Item: TypeAlias = Report | ReadResult

__all__ = [
    "CELL_COLUMNS",
    "FINDING_COLUMNS",
    "cell_records",
    "finding_records",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_parquet",
]

#: The columns of the cell table, in order.
CELL_COLUMNS: tuple[str, ...] = (
    "file", "agency", "year", "edition", "section", "section_label", "grid", "layout",
    "row_key", "column_key", "path", "row_label", "column_label", "row_label_en", "column_label_en",
    "kind", "value", "amount", "unit", "origin", "diagnostics", "read", "section_status",
)  # fmt: skip

#: The columns of the findings table, in order.
FINDING_COLUMNS: tuple[str, ...] = (
    "file", "agency", "year", "edition", "code", "severity", "rule", "path", "label", "label_en",
    "expected", "actual", "suspect_path", "suspect_label", "message_zh", "message_en",
)  # fmt: skip

Which = Literal["cells", "findings"]


def _items(items: Iterable[Any], what: str) -> Iterator[tuple[str | None, Report | None, Any]]:
    """``(file, report, read result or None)`` for each item (results without a report skipped)."""
    from .batch import ReadResult

    for item in items:
        if isinstance(item, Report):
            yield None, item, None
        elif isinstance(item, ReadResult):
            # A file name that is not UTF-8 (kept by Python as surrogate escapes) is shown with
            # U+FFFD: every output (CSV, Parquet) is UTF-8.
            path = item.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            yield path, item.report, item
        else:
            raise TypeError(f"{what}() takes Report or ReadResult values, not {type(item).__name__}")


def _units(table: Table) -> dict[str, str | None]:
    """The unit of each row that has a unit cell (2019 procurement)."""
    return {c.row.key: v for c, v in table.items() if c.kind is CellKind.UNIT}  # type: ignore[misc]


def cell_records(items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """One dict per value cell of each report (or :class:`~govinfo.batch.ReadResult` holding one),
    keyed by :data:`CELL_COLUMNS`. Values are Python values: ``int``, ``Decimal``, ``None``.

    Results that hold no report (unreadable files) give no rows; ``file`` is ``None`` for a
    bare :class:`~govinfo.Report`.
    """
    for file, report, result in _items(items, "cell_records"):
        if report is None:
            continue
        derived = result.derived if result is not None else frozenset()
        notes: dict[str, list[str]] = {}
        for d in result.diagnostics if result is not None else ():
            if d.path:
                notes.setdefault(d.path, []).append(d.code)
        edition = report.edition_spec
        sections = {s.key: s.status for s in result.sections} if result is not None else {}
        read = result.status if result is not None else "complete"
        for i, section in enumerate(edition.sections):
            if section.kind == "narrative":
                continue
            table: Table = getattr(report, section.key)
            units = _units(table)
            for cell, value in table.items():
                if cell.kind is CellKind.UNIT:
                    continue
                path = path_of(cell, table.spec)
                money = cell.kind is CellKind.MONEY
                unit = cell.column.unit if money and cell.column.unit else units.get(cell.row.key)
                if value is None:
                    origin = "not_stated"
                elif path in derived:
                    origin = "derived"
                else:
                    origin = "stated"
                yield {
                    "file": file,
                    "agency": report.agency,
                    "year": report.year,
                    "edition": report.edition,
                    "section": section.key,
                    "section_label": f"{common.NUMERALS[i]}、{section.label}",
                    "grid": cell.grid.caption if section.key == "proactive" else "",
                    "layout": table.spec.variant,
                    "row_key": cell.row.key,
                    "column_key": cell.column.key,
                    "path": path,
                    "row_label": cell.row.full_label,
                    "column_label": cell.column.label,
                    "row_label_en": cell.row.full_label_en,
                    "column_label_en": cell.column.label_en,
                    "kind": cell.kind.value,
                    "value": None if money else value,
                    "amount": value if money else None,
                    "unit": unit if money else None,
                    "origin": origin,
                    "diagnostics": ";".join(notes.get(path, ())),
                    "read": read,
                    "section_status": sections.get(section.key, "read"),
                }


def finding_records(items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """One dict per finding of each report, keyed by :data:`FINDING_COLUMNS`.

    A :class:`~govinfo.batch.ReadResult` read with ``validate=True`` gives its findings; a bare
    :class:`~govinfo.Report` (or a result read without validation) is validated here.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> bad = attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3))
    >>> [row["code"] for row in finding_records([bad])]
    ['E4-appeal-total']
    """
    from .validation import validate

    for file, report, result in _items(items, "finding_records"):
        found: Sequence[Finding] | None = result.findings if result is not None else None
        if found is None:
            if report is None:
                continue
            found = validate(report)
        for f in found:
            yield {
                "file": file,
                "agency": report.agency if report else None,
                "year": report.year if report else f.year,
                "edition": report.edition if report else None,
                "code": f.code,
                "severity": f.severity,
                "rule": f.rule,
                "path": f.path,
                "label": f.label,
                "label_en": f.label_en,
                "expected": f.expected,
                "actual": f.actual,
                "suspect_path": f.suspect.path if f.suspect else None,
                "suspect_label": f.suspect.label if f.suspect else None,
                "message_zh": f.message_zh,
                "message_en": f.message_en,
            }


def csv_value(v: object) -> object:
    """A record's value as a CSV field: ``None`` empty, a ``Decimal`` as written (``0.5000``)."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


def write_csv(
    records: Iterable[dict[str, Any]],
    out: str | os.PathLike[str] | io.TextIOBase | Any,
    *,
    columns: Sequence[str] = CELL_COLUMNS,
    bom: bool = False,
) -> int:
    """Write records as CSV (UTF-8, a header row, ``None`` as an empty field); returns the rows
    written. ``out`` is a path or an open text stream; ``bom=True`` starts a file with a UTF-8
    byte order mark, which Excel needs to read Chinese correctly.

    >>> import io, govinfo
    >>> buf = io.StringIO()
    >>> write_csv(cell_records([govinfo.examples.linping_education_2023()]), buf)
    200
    >>> buf.getvalue().splitlines()[0][:40]
    'file,agency,year,edition,section,section'
    """
    if isinstance(out, (str, os.PathLike)):
        with Path(out).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
            return write_csv(records, f, columns=columns)
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for record in records:
        writer.writerow([csv_value(record[c]) for c in columns])
        n += 1
    return n


def _records(items: Iterable[Item], which: Which) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    if which == "cells":
        return list(cell_records(items)), CELL_COLUMNS
    if which == "findings":
        return list(finding_records(items)), FINDING_COLUMNS
    raise ValueError(f'which must be "cells" or "findings", not {which!r}')


def _missing(package: str, extra: str) -> ImportError:
    return ImportError(f"this needs {package}: pip install 'govinfo-cn[{extra}]' (or pip install {package})")


def _float(v: object) -> float | None:
    return None if v is None else float(v)  # type: ignore[arg-type]


def _pandas_frame(records: list[dict[str, Any]], columns: tuple[str, ...], which: Which) -> Any:
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=list(columns))
    if which == "cells":
        frame["amount"] = pd.array([_float(v) for v in frame["amount"]], dtype="Float64")
        frame["value"] = pd.array(list(frame["value"]), dtype="Int64")
    else:
        for c in ("expected", "actual"):
            frame[c] = [None if v is None else str(v) for v in frame[c]]
    frame["year"] = pd.array(list(frame["year"]), dtype="Int64")
    return frame


def to_pandas(items: Iterable[Item], *, which: Which = "cells") -> Any:
    """A :class:`pandas.DataFrame` of :func:`cell_records` (or ``which="findings"``).

    Dtypes: ``year`` and ``value`` are nullable integers (``Int64``), ``amount`` a nullable float
    (``Float64``; the CSV keeps the exact decimal), everything else strings. Needs pandas
    (``govinfo-cn[pandas]``), imported only when called.
    """
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise _missing("pandas", "pandas") from None
    records, columns = _records(items, which)
    return _pandas_frame(records, columns, which)


def _polars_frame(records: list[dict[str, Any]], columns: tuple[str, ...], which: Which) -> Any:
    import polars as pl

    ints = {"year", "value"} if which == "cells" else {"year"}
    schema: dict[str, Any] = {c: pl.Int64 if c in ints else pl.String for c in columns}
    if which == "cells":
        schema["amount"] = pl.Float64
    data: dict[str, list[Any]] = {c: [] for c in columns}
    for record in records:
        for c in columns:
            v = record[c]
            if c == "amount":
                v = _float(v)
            elif c not in ints and v is not None and not isinstance(v, str):
                v = str(v)
            data[c].append(v)
    return pl.DataFrame(data, schema=schema)


def to_polars(items: Iterable[Item], *, which: Which = "cells") -> Any:
    """A :class:`polars.DataFrame` of :func:`cell_records` (or ``which="findings"``), with the
    dtypes of :func:`to_pandas`. Needs polars (``govinfo-cn[polars]``), imported only when called.
    """
    try:
        import polars  # noqa: F401
    except ImportError:
        raise _missing("polars", "polars") from None
    records, columns = _records(items, which)
    return _polars_frame(records, columns, which)


def write_parquet(
    items: Iterable[Item],
    path: str | os.PathLike[str],
    *,
    which: Which = "cells",
    row_group_rows: int | None = None,
) -> int:
    """Write :func:`cell_records` (or ``which="findings"``) as a Parquet file; returns the rows.

    The columns have the dtypes of :func:`to_pandas`. Uses pyarrow (``govinfo-cn[parquet]``)
    when installed, writing a row group at a time as the items come (memory does not grow with
    their number: :func:`govinfo.writers.open_table`; ``row_group_rows`` defaults to
    :data:`govinfo.writers.ROW_GROUP_ROWS`), else polars (``govinfo-cn[polars]``),
    which holds the rows until the end; neither needs pandas.
    """
    from .writers import open_table

    if which == "cells":
        columns, records = CELL_COLUMNS, cell_records(items)
    elif which == "findings":
        columns, records = FINDING_COLUMNS, finding_records(items)
    else:
        raise ValueError(f'which must be "cells" or "findings", not {which!r}')
    from .writers import ROW_GROUP_ROWS

    size = ROW_GROUP_ROWS if row_group_rows is None else row_group_rows
    with open_table(path, columns=columns, suffix=".parquet", which=which, row_group_rows=size) as table:
        table.write(records)
    return table.rows
