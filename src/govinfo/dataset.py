"""A national archive as a partitioned Parquet dataset: resumable, with provenance.

:func:`write_dataset` reads any number of files (on this machine's cores, or on any
:class:`~concurrent.futures.Executor`: see :mod:`govinfo.executors`) into a folder that DuckDB,
polars, pyarrow or Spark read as one table::

    archive/
      year=2023/edition=2021/part-<id>.parquet    one row per report and cell (DATASET_COLUMNS)
      year=2019/edition=2019/part-<id>.parquet
      _files/part-<id>.parquet                    one row per file read (FILE_COLUMNS)

The cell rows are those of :func:`govinfo.export.cell_records` (``year`` and ``edition`` are
the folder names, as Hive partitioning has it) with provenance: ``sha256`` of the file, and
``page`` / ``line`` where the reader has a position — the cell's own for a cell it has a
diagnostic about (``located = "cell"``), else the heading of the cell's section
(``located = "section"``), else none (interchange JSON: ``""``). The parse status is in
``read`` (``complete`` / ``partial``) and ``section_status``. ``_files`` has every file,
unreadable ones too, with its status and error code (folders starting with ``_`` are not
part of the cell table for pyarrow, polars or Spark; in DuckDB read ``year=*/*/*.parquet``).

**Resumable.** Files are written in parts of :data:`FILES_PER_PART` files; a part is committed
when its ``_files`` entry is (written under a temporary name, then renamed). A run that stops
— killed, out of time, a power cut — and is started again with the same arguments skips the
files already committed and removes what an uncommitted part left behind.

>>> import tempfile, govinfo
>>> root = tempfile.mkdtemp()
>>> s = write_dataset(["tests/data/linping-education-2023.txt", "tests/data/pingtan-2019.txt"], root)
>>> s.read, s.skipped, s.rows
(2, 0, 398)
>>> sorted(p.relative_to(root).parts[:2] for p in Path(root).glob("year=*/*/*.parquet"))
[('year=2019', 'edition=2019'), ('year=2023', 'edition=2021')]
>>> write_dataset(["tests/data/linping-education-2023.txt"], root).skipped
1
>>> write_dataset(["x.txt"], root, files_per_part=0)
Traceback (most recent call last):
...
ValueError: files_per_part must be a positive integer, not 0
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import GovinfoError
from .export import CELL_COLUMNS, cell_records

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .batch import ReadResult
    from .writers import TableWriter

__all__ = [
    "DATASET_COLUMNS",
    "FILES_PER_PART",
    "FILE_COLUMNS",
    "DatasetSummary",
    "done_files",
    "write_dataset",
]

#: The columns of a cell part (``year`` and ``edition`` are its folders).
DATASET_COLUMNS: tuple[str, ...] = (
    *(c for c in CELL_COLUMNS if c not in ("year", "edition")),
    "sha256",
    "page",
    "line",
    "located",
)

#: The columns of ``_files``: one row per file read.
FILE_COLUMNS: tuple[str, ...] = (
    "file", "sha256", "status", "error_code", "error", "reader", "encoding", "agency", "year",
    "edition", "rows", "part",
)  # fmt: skip

#: Files per part: what a stopped run may have to read again (500 text reports are seconds of
#: work, 500 PDFs about half a minute of one core), and few enough parts that a folder of a
#: national archive stays quick to list.
FILES_PER_PART = 500

_FILES = "_files"


@attrs.frozen(kw_only=True)
class DatasetSummary:
    """What :func:`write_dataset` did: files read now, skipped (already in the dataset),
    unreadable (in ``_files`` with their error), cell rows written, parts committed."""

    read: int
    skipped: int
    unreadable: int
    rows: int
    parts: int


def _shown(text: str) -> str:
    """``text`` as UTF-8 can hold it: a file name that is not UTF-8 (kept by Python as surrogate
    escapes) with U+FFFD, as :func:`govinfo.export.cell_records` shows it."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def done_files(root: str | os.PathLike[str]) -> set[str]:
    """The files a dataset holds (committed parts), as given when they were read; removes what
    a stopped run left uncommitted (temporary files, cell parts without their ``_files`` part).
    A ``_files`` part that cannot be read raises :class:`~govinfo.GovinfoError` (``bad_dataset``).

    >>> import tempfile
    >>> done_files(tempfile.mkdtemp())
    set()
    """
    import pyarrow.parquet as pq

    folder = Path(root)
    for tmp in folder.rglob("*.parquet.tmp"):
        tmp.unlink()
    committed = {p.stem for p in (folder / _FILES).glob("part-*.parquet")}
    for part in folder.glob("year=*/edition=*/part-*.parquet"):
        if part.stem not in committed:
            part.unlink()
    out: set[str] = set()
    for p in (folder / _FILES).glob("part-*.parquet"):
        try:
            names = pq.read_table(p, columns=["file"]).column("file").to_pylist()
        except Exception as e:  # not Parquet, or not ours: say which file, never a traceback
            raise GovinfoError(
                f"{p}: not a part of a govinfo dataset ({type(e).__name__}: {e})",
                code="bad_dataset",
                path=str(p),
            ) from None
        out.update(v for v in names if isinstance(v, str))
    return out


def _located(result: ReadResult) -> tuple[dict[str, Any], dict[str, Any]]:
    """(path → location of the cell's first diagnostic, section key → its heading's location)."""
    cells: dict[str, Any] = {}
    for d in result.diagnostics:
        if d.path and d.path not in cells and (d.location.page is not None or d.location.line is not None):
            cells[d.path] = d.location
    sections = {
        s.key: s.location
        for s in result.sections
        if s.location.page is not None or s.location.line is not None
    }
    return cells, sections


def dataset_rows(result: ReadResult, sha256: str | None) -> Iterator[dict[str, Any]]:
    """The cell rows of one result, with provenance (keyed by :data:`DATASET_COLUMNS` plus
    ``year`` and ``edition``)."""
    cells, sections = _located(result)
    for row in cell_records([result]):
        where, located = cells.get(row["path"]), "cell"
        if where is None:
            where, located = sections.get(row["section"]), "section"
        row["sha256"] = sha256
        row["page"] = where.page if where is not None else None
        row["line"] = where.line if where is not None else None
        row["located"] = located if where is not None else ""
        yield row


class _Part:
    """Up to ``files_per_part`` files: their cell rows go to a temporary file per partition as
    they come (nothing held but a row group), all renamed into place by :meth:`commit`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.id = f"part-{uuid.uuid4().hex}"
        self.tables: dict[tuple[int, str], tuple[Path, TableWriter]] = {}
        self.files: list[dict[str, Any]] = []
        self.rows = 0

    def _table(self, year: int, edition: str) -> TableWriter:
        from .writers import open_table

        if (year, edition) not in self.tables:
            folder = self.root / f"year={year}" / f"edition={edition}"
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f"{self.id}.parquet.tmp"
            self.tables[year, edition] = (tmp, open_table(tmp, columns=DATASET_COLUMNS, suffix=".parquet"))
        return self.tables[year, edition][1]

    def add(self, result: ReadResult, sha256: str | None) -> None:
        report = result.report
        n = 0
        if report is not None:
            table = self._table(report.year, report.edition)
            before = table.rows
            table.write(dataset_rows(result, sha256))
            n = table.rows - before
        self.rows += n
        error = result.error
        self.files.append(
            {
                "file": _shown(result.path),
                "sha256": sha256,
                "status": result.status,
                "error_code": error.code if error is not None else None,
                "error": _shown(str(error)) if error is not None else None,
                "reader": result.layout,
                "encoding": result.encoding,
                "agency": report.agency if report is not None else None,
                "year": report.year if report is not None else None,
                "edition": report.edition if report is not None else None,
                "rows": n,
                "part": self.id,
            }
        )

    def commit(self) -> None:
        """Close the cell parts and move them into place, then write the ``_files`` part: the
        part is in the dataset from that last rename on."""
        from .writers import open_table

        for tmp, table in self.tables.values():
            table.close()
            os.replace(tmp, tmp.with_suffix(""))
        (self.root / _FILES).mkdir(parents=True, exist_ok=True)
        final = self.root / _FILES / f"{self.id}.parquet"
        tmp = final.with_name(final.name + ".tmp")
        with open_table(tmp, columns=FILE_COLUMNS, suffix=".parquet") as table:
            table.write(self.files)
        os.replace(tmp, final)

    def abandon(self) -> None:
        for tmp, table in self.tables.values():
            table.close()
            tmp.unlink(missing_ok=True)


def write_dataset(
    paths: Iterable[str | os.PathLike[str]],
    root: str | os.PathLike[str],
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    edition: str | None = None,
    files_per_part: int = FILES_PER_PART,
) -> DatasetSummary:
    """Read every file (directories walked, as :func:`govinfo.read_many`) into the partitioned
    Parquet dataset at ``root`` (created if missing), skipping the files it already holds.

    ``workers`` and ``executor`` are as for :func:`govinfo.read_many` (results are taken in the
    order they finish); ``edition`` as for :func:`govinfo.read_file`. At most one part
    (``files_per_part`` files' rows) is held in memory. Needs pyarrow (``govinfo-cn[parquet]``).
    """
    if type(files_per_part) is not int or files_per_part < 1:
        raise ValueError(f"files_per_part must be a positive integer, not {files_per_part!r}")
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("write_dataset() takes a list of paths")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        from .export import _missing

        raise _missing("pyarrow", "parquet") from None
    from .batch import read_many, report_files

    folder = Path(root)
    folder.mkdir(parents=True, exist_ok=True)
    done = done_files(folder)
    files = list(dict.fromkeys(os.fspath(p) for p in report_files(paths)))  # each file once
    todo = [p for p in files if _shown(p) not in done]
    read = unreadable = rows = parts = 0
    part = _Part(folder)
    results = read_many(todo, workers=workers, executor=executor, edition=edition, ordered=False)
    try:
        for result in results:
            part.add(result, _sha256(result.path))
            read += 1
            unreadable += result.report is None
            if len(part.files) >= files_per_part:
                part.commit()
                rows, parts, part = rows + part.rows, parts + 1, _Part(folder)
        if part.files:
            part.commit()
            rows, parts = rows + part.rows, parts + 1
    except BaseException:
        part.abandon()  # what was read since the last commit is read again next time
        raise
    return DatasetSummary(
        read=read, skipped=len(files) - len(todo), unreadable=unreadable, rows=rows, parts=parts
    )
