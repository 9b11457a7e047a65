"""Reading many reports at once: :func:`read_many`, streaming one :class:`ReadResult` per file.

A supervising office checks hundreds of reports each February; a researcher loads ten years of
downloads. :func:`read_many` reads them all, in any layout govinfo reads (interchange JSON,
plain text, pipe tables, Markdown, HTML, PDF, Word), in the order given, and never stops at a
bad file: a file it cannot read gives a result holding the error.

- Directories are walked (:func:`report_files`): every file with a report suffix, sorted, hidden
  files and folders skipped.
- Bytes are decoded by :func:`govinfo.encoding.decode` (BOM, UTF-8, declared charset, GB18030):
  the encoding found is in :attr:`ReadResult.encoding`.
- Large batches use one process per core (``workers=None``): results still come in input order,
  as soon as each is ready. A file that kills its worker (a crash in a native PDF library)
  becomes an error result of its own; the rest go on in a new pool.

>>> import govinfo
>>> [r] = govinfo.read_many(["tests/data/linping-education-2023.txt"])
>>> r.ok, r.layout, r.encoding, r.report.agency
(True, 'text', 'utf-8', '杭州市临平区教育局')
>>> [missing] = govinfo.read_many(["no/such/report.html"])
>>> missing.ok, missing.error.code
(False, 'unreadable_file')
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import GovinfoError, ParseError
from .report import Report
from .table import Table, path_of

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    from .readers.cells import Diagnostic
    from .readers.document import SectionStatus
    from .validation import Finding

__all__ = ["REPORT_SUFFIXES", "ReadResult", "read_file", "read_many", "report_files"]

#: The file suffixes :func:`report_files` takes from a directory (files named directly are
#: always read, whatever their name).
REPORT_SUFFIXES: tuple[str, ...] = (
    ".json", ".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml",
    ".pdf", ".docx", ".doc", ".wps", ".xlsx",
)  # fmt: skip

#: Below this many files, ``workers=None`` reads in this process: starting worker processes
#: costs more than it saves (measured: docs/cli.md, "Batches").
PARALLEL_THRESHOLD = 32

#: The largest input read (as the parser: the longest real report is well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024

#: .docx/.xlsx (zip), .doc/.wps (OLE2), PNG and JPEG (scanned pages, read by OCR).
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")


def _error_key(error: GovinfoError | None) -> object:
    return None if error is None else (type(error), error.code, error.path, str(error))


@attrs.frozen(kw_only=True)
class ReadResult:
    """What reading one file gave: a report, or the error that stopped it, and how it was read.

    ``error`` is ``None`` when the file was read; then ``report`` is set. A file that is an
    interchange dict whose only problems are impossible cell values (a negative count) has both
    an ``error`` and, when validation was asked for, its ``S5`` ``findings``.

    >>> from pathlib import Path
    >>> import govinfo
    >>> data = Path(__file__).parents[2] / "tests" / "data"
    >>> ok, bad = govinfo.read_many([data / "linping-education-2023.txt", data / "nope.txt"])
    >>> ok.report.agency, ok.layout, ok.error
    ('杭州市临平区教育局', 'text', None)
    >>> bad.report is None, bad.error.code
    (True, 'unreadable_file')
    """

    #: The file, as given (or as found under a directory).
    path: str
    report: Report | None = None
    #: Compared by type, code, path and message (exceptions themselves compare by identity).
    error: GovinfoError | None = attrs.field(default=None, eq=_error_key)
    #: The reader used: ``"json"``, ``"text"``, ``"pipe"``, ``"markdown"``, ``"html"``, ``"pdf"``,
    #: ``"docx"``, … (``None`` when the file could not be opened).
    layout: str | None = None
    #: The text encoding detected (``"utf-8"``, ``"utf-8-sig"``, ``"gb18030"``, …); ``None``
    #: for PDF and Word files and for files that could not be opened.
    encoding: str | None = None
    #: What the parser was unsure of (:class:`govinfo.readers.cells.Diagnostic`).
    diagnostics: tuple[Diagnostic, ...] = ()
    #: JSON paths of cells govinfo derived rather than read: totals an interchange file omitted.
    derived: frozenset[str] = frozenset()
    #: The findings of :func:`govinfo.validate`, when validation was asked for; else ``None``.
    findings: tuple[Finding, ...] | None = None
    #: How each of the six sections of a published document was read
    #: (:class:`govinfo.SectionStatus`); empty for interchange JSON, which is always whole.
    sections: tuple[SectionStatus, ...] = ()
    #: The id of the process that read the file (not part of the value).
    worker: int = attrs.field(factory=os.getpid, eq=False, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file was read into a report."""
        return self.error is None

    @property
    def complete(self) -> bool:
        """True when the file was read and every section of it was read in full."""
        return self.error is None and all(s.status == "read" for s in self.sections)

    @property
    def status(self) -> str:
        """``"complete"``, ``"partial"`` (read, but some section not in full) or ``"error"``."""
        if self.error is not None:
            return "error"
        return "complete" if self.complete else "partial"

    @property
    def readable(self) -> bool:
        """True when the file was read, or was an interchange dict whose findings say why not."""
        return self.error is None or self.findings is not None

    def count(self, severity: str) -> int:
        """How many findings of this severity (``"error"``, ``"warning"``, ``"info"``)."""
        return sum(f.severity == severity for f in self.findings or ())


# --- finding the files ----------------------------------------------------------------------


def report_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: each path that is not a directory as given, and under each directory
    every file whose suffix is in :data:`REPORT_SUFFIXES`, sorted, hidden names skipped.

    >>> [p.name for p in report_files(["tests/data"])][:3]
    ['README.md', 'hongze-government-2023.pdf', 'hongze-government-2023.tables.json']
    """
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            out.append(path)
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and name.lower().endswith(REPORT_SUFFIXES):
                    found.append(Path(root, name))
        out.extend(sorted(found))
    return out


# --- reading one file -----------------------------------------------------------------------


def _json_error(e: json.JSONDecodeError) -> GovinfoError:
    return GovinfoError(
        f"not valid JSON: {e.msg}", code="bad_json", path=f"line {e.lineno}, column {e.colno}"
    )


def _omitted_cells(data: Mapping[str, Any], report: Report) -> frozenset[str]:
    """Paths of the stated cells of ``report`` whose key the interchange dict left out (derived
    totals)."""
    out = set()
    for key in ("proactive", "requests", "appeals"):
        obj = data.get(key)
        if not isinstance(obj, Mapping):
            continue
        table: Table = getattr(report, key)
        for cell, value in table.items():
            if value is None:
                continue
            node: object = obj
            for k in cell.path:
                if not isinstance(node, Mapping) or k not in node:
                    out.add(path_of(cell, table.spec))
                    break
                node = node[k]
    return frozenset(out)


def _read_json(path: str, text: str, encoding: str, validate: bool) -> ReadResult | None:
    """The result of an interchange JSON file; ``None`` when the text is not JSON and reads as a
    published document (a page whose text happens to start with ``{``)."""
    from .validation import validate as run_validation

    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        from .readers import parse_document

        try:
            parse_document(text)
        except GovinfoError:
            return ReadResult(path=path, error=_json_error(e), layout="json", encoding=encoding)
        return None
    try:
        report = Report.from_dict(data)
    except GovinfoError as error:
        findings = None
        if validate and isinstance(data, Mapping):
            try:  # a dict whose only problems are impossible cell values: S5 findings
                findings = tuple(run_validation(data))
            except GovinfoError:
                findings = None
        return ReadResult(path=path, error=error, layout="json", encoding=encoding, findings=findings)
    return ReadResult(
        path=path,
        report=report,
        layout="json",
        encoding=encoding,
        derived=_omitted_cells(data, report),
        findings=tuple(run_validation(report)) if validate else None,
    )


def _read(
    path: str, *, edition: str | None, validate: bool, year: int | None = None, agency: str | None = None
) -> ReadResult:
    from .encoding import decode
    from .files import read_input

    try:
        data = read_input(path, MAX_BYTES)
    except OSError as e:
        reason = e.strerror or type(e).__name__
        return ReadResult(
            path=path,
            error=GovinfoError(f"cannot read the file: {reason}", code="unreadable_file", path=path),
        )
    head = data[:1024]
    binary = b"%PDF-" in head or head.startswith(_BINARY_MAGIC)
    if not binary:
        from .readers import _refuse_what_is_no_text

        _refuse_what_is_no_text(data)  # empty, compressed and binary files: each its own error
    text, encoding = ("", None) if binary else decode(data)
    if not binary and text.lstrip()[:1] == "{":
        assert encoding is not None
        as_json = _read_json(path, text, encoding, validate)
        if as_json is not None:
            return as_json
    from .readers import parse_document

    result = parse_document(data if binary else text, edition=edition, year=year, agency=agency, name=path)
    if result.report is None:
        return ReadResult(
            path=path,
            error=ParseError(
                "the year of the report is stated nowhere in the file; give it (--year, year=)",
                code="no_year",
                path=path,
            ),
            layout=result.layout,
            encoding=encoding,
            diagnostics=result.diagnostics,
            sections=result.sections,
        )
    findings = None
    if validate:
        from .validation import validate as run_validation

        findings = tuple(run_validation(result.report))
    return ReadResult(
        path=path,
        report=result.report,
        layout=result.layout,
        encoding=encoding,
        diagnostics=result.diagnostics,
        findings=findings,
        sections=result.sections,
    )


def read_file(
    path: str | os.PathLike[str],
    *,
    edition: str | None = None,
    validate: bool = False,
    year: int | None = None,
    agency: str | None = None,
) -> ReadResult:
    """Read one file of any layout govinfo reads; every failure is returned, never raised.

    ``edition`` skips edition detection for published documents (not for JSON, which names its
    edition). ``validate=True`` also runs :func:`govinfo.validate` and sets ``findings``.
    ``year`` and ``agency`` supply what a published document may not state (see
    :func:`govinfo.parse_document`); the file name is read for the year too.

    >>> r = read_file("tests/data/huaian-government-2024.tables.json", validate=True)
    >>> r.layout, r.report.year, [f.code for f in r.findings][:1]
    ('json', 2024, ['B-section-not-stated'])
    >>> read_file("tests/data/README.md").error.code
    'not_a_report'
    """
    name = os.fspath(path)
    try:
        return _read(name, edition=edition, validate=validate, year=year, agency=agency)
    except GovinfoError as error:
        return ReadResult(path=name, error=error)
    except RecursionError:
        return ReadResult(
            path=name, error=ParseError("the input is nested too deeply to read", code="too_deep", path=name)
        )
    except Exception as e:  # a bug in a reader must not stop a batch: report it with the file
        return ReadResult(
            path=name,
            error=GovinfoError(
                f"internal error while reading: {type(e).__name__}: {e}", code="internal_error"
            ),
        )


# --- many files: in this process, or in worker processes ------------------------------------

#: What a worker sends back for one file (a Report does not pickle: its layout holds read-only
#: mappings; its interchange JSON is small and loads in ~0.05 ms).
_Wire = tuple[str, str | None, GovinfoError | None, str | None, str | None, tuple[Any, ...], frozenset[str],
              tuple[Any, ...] | None, int, tuple[Any, ...]]  # fmt: skip


def _to_wire(r: ReadResult) -> _Wire:
    text = r.report.to_json() if r.report is not None else None
    return (
        r.path, text, r.error, r.layout, r.encoding, r.diagnostics, r.derived, r.findings, r.worker,
        r.sections,
    )  # fmt: skip


def _from_wire(w: _Wire) -> ReadResult:
    path, text, error, layout, encoding, diagnostics, derived, findings, worker, sections = w
    return ReadResult(
        path=path,
        report=Report.from_json(text) if text is not None else None,
        error=error,
        layout=layout,
        encoding=encoding,
        diagnostics=diagnostics,
        derived=derived,
        findings=findings,
        worker=worker,
        sections=sections,
    )


def _read_chunk(
    paths: Sequence[str],
    edition: str | None,
    validate: bool,
    year: int | None = None,
    agency: str | None = None,
) -> list[_Wire]:
    """A worker's task: read some files (top level, so that it pickles by name)."""
    return [
        _to_wire(read_file(p, edition=edition, validate=validate, year=year, agency=agency)) for p in paths
    ]


def cpu_count() -> int:
    """The cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return max(1, os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


def _worker_count(workers: int | None, n: int) -> int:
    if workers is None:
        return 1 if n < PARALLEL_THRESHOLD else min(cpu_count(), n)
    if type(workers) is not int or workers < 1:
        raise ValueError(f"workers must be a positive integer or None, not {workers!r}")
    return min(workers, max(n, 1))


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": fresh interpreters, the same on every platform, and no fork of a process that may
    # hold threads (which Python 3.12+ warns about).
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _crashed(path: str) -> ReadResult:
    return ReadResult(
        path=path,
        error=GovinfoError(
            "the worker process reading this file died (a crash in a native library?)",
            code="worker_crashed",
            path=path,
        ),
    )


def _parallel(
    items: list[str],
    workers: int,
    edition: str | None,
    validate: bool,
    task: Any = _read_chunk,
    hints: dict[str, Any] | None = None,
    ordered: bool = True,
    size: int | None = None,
) -> Iterator[ReadResult]:
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    size = size or max(1, min(16, len(items) // (workers * 8)))
    queue: deque[list[str]] = deque(items[i : i + size] for i in range(0, len(items), size))
    inflight: deque[tuple[list[str], Future[list[_Wire]]]] = deque()
    #: After a crash, the files that were in flight are read one at a time, alone in the pool,
    #: so that the one that kills a worker is known.
    careful = 0
    pool: ProcessPoolExecutor | None = None
    try:
        while queue or inflight:
            if pool is None:
                pool = _pool(workers)
            limit = 1 if careful else workers * 4
            while queue and len(inflight) < limit:
                chunk = queue.popleft()
                try:
                    future = pool.submit(task, chunk, edition, validate, **(hints or {}))
                except BrokenProcessPool:  # a worker died while we were still submitting
                    queue.appendleft(chunk)
                    break
                inflight.append((chunk, future))
            if not inflight:  # the pool broke before anything was in flight: start a new one
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                continue
            if ordered or len(inflight) == 1:
                chunk, future = inflight.popleft()
            else:  # the first chunk to finish; the rest keep their order (for a crash)
                done, _ = wait([f for _, f in inflight], return_when=FIRST_COMPLETED)
                chunk, future = next(x for x in inflight if x[1] in done)
                inflight.remove((chunk, future))
            try:
                wires = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                if careful:
                    careful -= 1
                    yield _crashed(chunk[0])
                    queue.extendleft(reversed([c for c, _ in inflight]))
                else:
                    again = [[p] for c in (chunk, *(c for c, _ in inflight)) for p in c]
                    careful = len(again)
                    queue.extendleft(reversed(again))
                inflight.clear()
                continue
            if careful:
                careful -= 1
            for wire in wires:
                yield _from_wire(wire)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    edition: str | None = None,
    validate: bool = False,
    year: int | None = None,
    agency: str | None = None,
    executor: Executor | None = None,
    ordered: bool = True,
    chunk_size: int | None = None,
) -> Iterator[ReadResult]:
    """Read every file (directories walked, see :func:`report_files`), yielding one
    :class:`ReadResult` per file, as soon as it is ready: in input order, or with
    ``ordered=False`` in the order they finish (a slow PDF then holds nothing back).

    ``workers``: how many processes read. ``None`` (the default) uses every core for batches of
    :data:`PARALLEL_THRESHOLD` files or more and this process for smaller ones; ``1`` always
    reads here. In a process that is itself a worker (of a ``multiprocessing.Pool``, a
    ``ProcessPoolExecutor``, a Dask cluster: see :func:`govinfo.executors.in_worker_process`),
    ``None`` reads here too: never a pool inside a pool.
    ``executor``: any :class:`concurrent.futures.Executor` to read on instead (yours, not shut
    down here): files go in chunks of ``chunk_size`` (default
    :data:`govinfo.executors.CHUNK_SIZE`) and come back as JSON values (see
    :mod:`govinfo.executors`); ``workers`` must then be ``None``.
    ``edition``, ``validate``, ``year`` and ``agency`` are as for :func:`read_file`.
    Per-file failures are values (``result.error``); only a wrong argument raises. At most a
    few chunks per worker are in flight, so memory does not grow with the number of files.

    Worker processes are started with ``spawn``, which imports the calling script again: as with
    any use of :mod:`multiprocessing`, a script that reads a large batch keeps its top-level code
    under ``if __name__ == "__main__":``.

    >>> results = list(read_many(["tests/data/linping-education-2023.json", "nope.txt"], validate=True))
    >>> [(r.ok, r.findings) for r in results]
    [(True, ()), (False, None)]
    >>> list(read_many(["x"], workers=0))
    Traceback (most recent call last):
    ...
    ValueError: workers must be a positive integer or None, not 0
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("read_many() takes a list of paths; for one file use read_file()")
    if chunk_size is not None and (type(chunk_size) is not int or chunk_size < 1):
        raise ValueError(f"chunk_size must be a positive integer or None, not {chunk_size!r}")
    if executor is not None and workers is not None:
        raise ValueError("give workers or executor, not both")
    from .executors import CHUNK_SIZE, in_worker_process, run_on_executor

    items = [os.fspath(p) for p in report_files(paths)]
    hints = {k: v for k, v in (("year", year), ("agency", agency)) if v is not None}
    if executor is not None:
        yield from run_on_executor(
            executor,
            items,
            chunk_size=chunk_size or CHUNK_SIZE,
            ordered=ordered,
            edition=edition,
            validate=validate,
            hints=hints,
        )
        return
    n = 1 if workers is None and in_worker_process() else _worker_count(workers, len(items))
    if n == 1:
        for p in items:
            yield read_file(p, edition=edition, validate=validate, year=year, agency=agency)
        return
    import multiprocessing

    if multiprocessing.current_process().daemon:
        raise ValueError(
            f"workers={workers}: a daemonic process (a multiprocessing.Pool worker) cannot start "
            "worker processes; leave workers=None to read here, or give an executor"
        )
    yield from _parallel(items, n, edition, validate, hints=hints, ordered=ordered, size=chunk_size)
