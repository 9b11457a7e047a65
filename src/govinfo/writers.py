"""Tables written as the rows come: CSV streamed, Parquet in row groups.

:func:`open_table` opens a CSV or Parquet file (by its suffix) for the rows of
:func:`govinfo.export.cell_records` or :func:`~govinfo.export.finding_records`; each
:meth:`TableWriter.write` adds rows, and at most :data:`ROW_GROUP_ROWS` rows are held before
they go to the file, so exporting 20,000 reports takes no more memory than 2,000 (measured in
``docs/archive.md``). ``govinfo export`` writes through it.

>>> import io, govinfo
>>> from govinfo.export import cell_records
>>> with open_table(io.StringIO(), columns=("year", "value"), suffix=".csv") as t:
...     t.write({"year": 2023, "value": v} for v in (1, None))
...     t.write([{"year": 2024, "value": 3}])
>>> t.rows
3
>>> open_table("cells.xlsx", columns=("year",))
Traceback (most recent call last):
...
ValueError: cells.xlsx: the output must end in .csv or .parquet
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from .export import csv_value

__all__ = ["ROW_GROUP_ROWS", "TableWriter", "arrow_schema", "open_table"]

#: Rows held (as columns) before a Parquet row group is written: 20,000 rows are 100 reports'
#: cells. Writing a group costs memory for a moment (the Arrow arrays, the encoded pages): with
#: 20,000 rows the peak of an export stays flat at ~150 MB (docs/archive.md).
ROW_GROUP_ROWS = 20_000

#: Columns that hold integers (``year``, ``value``, ``page``, ``line``, ``rows``); ``amount`` is a float.
INT_COLUMNS = frozenset({"year", "value", "page", "line", "rows"})
FLOAT_COLUMNS = frozenset({"amount"})


def arrow_schema(columns: Sequence[str]) -> Any:
    """The :class:`pyarrow.Schema` of a table of these columns: integers as ``int64``, the
    amount as ``float64``, everything else as strings."""
    import pyarrow as pa

    def kind(c: str) -> Any:
        if c in INT_COLUMNS:
            return pa.int64()
        if c in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in columns])


def _converter(field: Any) -> Any:
    import pyarrow as pa

    if pa.types.is_int64(field.type):
        return None
    if pa.types.is_float64(field.type):
        return lambda v: None if v is None else float(v)
    return lambda v: None if v is None else str(v)


class TableWriter:
    """A table being written; use it as a context manager (or call :meth:`close`)."""

    #: The rows written so far.
    rows: int = 0

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        """Add these rows (dicts keyed by the table's columns)."""
        raise NotImplementedError

    def close(self) -> None:
        """Write what is held and close the file (a no-op the second time)."""
        raise NotImplementedError

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Csv(TableWriter):
    def __init__(self, out: Any, columns: Sequence[str], *, bom: bool) -> None:
        self._own = isinstance(out, (str, os.PathLike))
        self._file = (
            Path(out).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")  # noqa: SIM115 - closed by close()
            if self._own
            else out
        )
        self._columns = tuple(columns)
        self._writer = csv.writer(self._file)
        self._writer.writerow(self._columns)
        self.rows = 0

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self._writer.writerow([csv_value(record[c]) for c in self._columns])
            self.rows += 1

    def close(self) -> None:
        if self._own and not self._file.closed:
            self._file.close()


class _Parquet(TableWriter):
    """Rows are held as columns (a list per column: a few pointers a row, the strings shared
    with the records), a row group written each ``row_group_rows``."""

    def __init__(self, path: str | os.PathLike[str], columns: Sequence[str], *, row_group_rows: int) -> None:
        import pyarrow.parquet as pq

        self._schema = arrow_schema(columns)
        self._convert = [(f.name, _converter(f)) for f in self._schema]
        self._writer: Any = pq.ParquetWriter(os.fspath(path), self._schema)
        self._held: dict[str, list[Any]] = {c: [] for c in columns}
        self._n = 0
        self._limit = row_group_rows
        self.rows = 0

    def _flush(self) -> None:
        import pyarrow as pa

        if self._n:
            arrays = [pa.array(self._held[f.name], type=f.type) for f in self._schema]
            self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
            self._held = {c: [] for c in self._held}
            self._n = 0

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        held = self._held
        for record in records:
            for c, convert in self._convert:
                v = record[c]
                held[c].append(v if convert is None else convert(v))
            self._n += 1
            self.rows += 1
            if self._n >= self._limit:
                self._flush()
                held = self._held

    def close(self) -> None:
        if self._writer is not None:
            self._flush()
            self._writer.close()
            self._writer = None


class _PolarsParquet(TableWriter):
    """Without pyarrow: polars writes the file at the end (all rows are held until then)."""

    def __init__(
        self, path: str | os.PathLike[str], columns: Sequence[str], which: Literal["cells", "findings"]
    ):
        self._path, self._columns, self._which = os.fspath(path), tuple(columns), which
        self._held: list[dict[str, Any]] = []
        self._closed = False
        self.rows = 0

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self._held.append(record)
            self.rows += 1

    def close(self) -> None:
        if not self._closed:
            from .export import _polars_frame

            _polars_frame(self._held, self._columns, self._which).write_parquet(self._path)
            self._closed = True


def open_table(
    out: str | os.PathLike[str] | io.TextIOBase | Any,
    *,
    columns: Sequence[str],
    suffix: str | None = None,
    bom: bool = False,
    row_group_rows: int = ROW_GROUP_ROWS,
    which: Literal["cells", "findings"] = "cells",
) -> TableWriter:
    """A :class:`TableWriter` for ``out`` (a path, or for CSV an open text stream), CSV or
    Parquet by the path's suffix (or ``suffix=``). CSV is UTF-8 (``bom=True``: with a byte order
    mark, for Excel), ``None`` an empty field. Parquet goes through pyarrow's ``ParquetWriter``
    a row group of ``row_group_rows`` at a time (``govinfo-cn[parquet]``); with only polars
    installed the rows are held and written on :meth:`~TableWriter.close`.
    """
    name = os.fspath(out) if isinstance(out, (str, os.PathLike)) else None
    kind = (suffix or (os.path.splitext(name)[1] if name else ".csv")).lower()
    if kind not in (".csv", ".parquet"):
        raise ValueError(f"{name or out}: the output must end in .csv or .parquet")
    if kind == ".csv":
        return _Csv(out, columns, bom=bom)
    if name is None:
        raise ValueError("a Parquet table is written to a path, not a stream")
    if type(row_group_rows) is not int or row_group_rows < 1:
        raise ValueError(f"row_group_rows must be a positive integer, not {row_group_rows!r}")
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        pass
    else:
        return _Parquet(name, columns, row_group_rows=row_group_rows)
    try:
        import polars  # noqa: F401
    except ImportError:
        from .export import _missing

        raise _missing("pyarrow", "parquet") from None
    return _PolarsParquet(name, columns, which)
