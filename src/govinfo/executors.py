"""Reading on someone else's workers: a :class:`~concurrent.futures.Executor` you already have.

:func:`govinfo.read_many` takes ``executor=``: any :class:`concurrent.futures.Executor` (a
:class:`~concurrent.futures.ProcessPoolExecutor`, the executor of a Dask ``distributed.Client``
from ``client.get_executor()``, Ray's ``ray.util.multiprocessing`` pool as an executor, …).
Files are sent in chunks (one task reads :data:`CHUNK_SIZE` files by default) and each task
returns plain JSON values — lists, dicts, strings, numbers — so that any engine can carry them,
whatever it uses to serialise. :func:`result_to_json` and :func:`result_from_json` are that form.

>>> import json, govinfo
>>> r = govinfo.read_file("tests/data/linping-education-2023.txt", validate=True)
>>> wire = json.loads(json.dumps(result_to_json(r)))
>>> result_from_json(wire) == r
True
>>> result_from_json({"path": 1})
Traceback (most recent call last):
...
govinfo.errors.GovinfoError: not a read result in its JSON form: KeyError: 'findings' [bad_wire]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from . import errors as _errors
from .errors import GovinfoError

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from .batch import ReadResult

__all__ = ["CHUNK_SIZE", "in_worker_process", "result_from_json", "result_to_json"]

#: How many files one task reads when ``chunk_size`` is not given: large enough that the cost
#: of a task (a round trip to a Dask scheduler is ~1 ms) is small beside reading 16 files (text
#: ~4 ms each, PDF ~60 ms), small enough that two workers share a few hundred files evenly.
CHUNK_SIZE = 16


def in_worker_process() -> bool:
    """True in a process started by :mod:`multiprocessing` (a ``multiprocessing.Pool`` worker,
    a ``ProcessPoolExecutor`` worker, a Dask worker process): there ``read_many`` with the
    default ``workers=None`` reads serially instead of starting a pool inside a pool.

    >>> in_worker_process()
    False
    """
    import multiprocessing

    return multiprocessing.current_process().daemon or multiprocessing.parent_process() is not None


# --- the JSON form of a ReadResult ----------------------------------------------------------


def _value(v: Any) -> Any:
    return {"decimal": format(v, "f")} if isinstance(v, Decimal) else v


def _unvalue(v: Any) -> Any:
    return Decimal(v["decimal"]) if isinstance(v, Mapping) else v


def _error_to_json(e: GovinfoError) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type(e).__name__, "code": e.code, "path": e.path, "message": e.message}
    if isinstance(e, _errors.InvalidReportError):
        out["message"] = e.message
        out["errors"] = [_error_to_json(x) for x in e.errors]
    if isinstance(e, _errors.ValidationError):
        out["findings"] = [_finding_to_json(f) for f in e.findings]
    return out


def _error_from_json(d: Mapping[str, Any]) -> GovinfoError:
    found = getattr(_errors, d["type"], GovinfoError)
    cls: type[GovinfoError] = (
        found if isinstance(found, type) and issubclass(found, GovinfoError) else GovinfoError
    )
    if issubclass(cls, _errors.ValidationError):
        members = [_error_from_json(x) for x in d["errors"]]
        return cls(d["message"], members, [_finding_from_json(f) for f in d.get("findings", ())])
    if issubclass(cls, _errors.InvalidReportError):
        return cls(d["message"], [_error_from_json(x) for x in d["errors"]])
    return cls(d["message"], code=d["code"], path=d["path"])


def _finding_to_json(f: Any) -> dict[str, Any]:
    out = attrs.asdict(f, recurse=True)
    out["expected"], out["actual"] = _value(f.expected), _value(f.actual)
    out["position"] = list(f.position)
    return out


def _finding_from_json(d: Mapping[str, Any]) -> Any:
    from .validation import Finding
    from .validation.findings import Suspect

    fields = dict(d)
    fields["expected"], fields["actual"] = _unvalue(d["expected"]), _unvalue(d["actual"])
    fields["suspect"] = Suspect(**d["suspect"]) if d["suspect"] is not None else None
    fields["candidates"] = tuple(Suspect(**s) for s in d["candidates"])
    fields["position"] = tuple(d["position"])
    return Finding(**fields)


def _located(cls: type[Any], d: Mapping[str, Any]) -> Any:
    from .readers.cells import SourceLocation

    return cls(**{**d, "location": SourceLocation(**d["location"])})


def result_to_json(r: ReadResult) -> dict[str, Any]:
    """A :class:`~govinfo.batch.ReadResult` as JSON values (``json.dumps`` takes it as is): the
    report as its interchange JSON text, errors, diagnostics, findings and section statuses as
    dicts, decimals as ``{"decimal": "1.50"}``."""
    return {
        "path": r.path,
        "report": r.report.to_json() if r.report is not None else None,
        "error": _error_to_json(r.error) if r.error is not None else None,
        "layout": r.layout,
        "encoding": r.encoding,
        "diagnostics": [attrs.asdict(d) for d in r.diagnostics],
        "derived": sorted(r.derived),
        "findings": None if r.findings is None else [_finding_to_json(f) for f in r.findings],
        "sections": [attrs.asdict(s) for s in r.sections],
        "worker": r.worker,
    }


def result_from_json(d: Mapping[str, Any]) -> ReadResult:
    """The :class:`~govinfo.batch.ReadResult` of :func:`result_to_json`; a value that is not one
    raises :class:`~govinfo.GovinfoError` (code ``bad_wire``)."""
    from .batch import ReadResult
    from .readers.cells import Diagnostic
    from .readers.document import SectionStatus
    from .report import Report

    try:
        findings = d["findings"]
        return ReadResult(
            path=d["path"],
            report=Report.from_json(d["report"]) if d["report"] is not None else None,
            error=_error_from_json(d["error"]) if d["error"] is not None else None,
            layout=d["layout"],
            encoding=d["encoding"],
            diagnostics=tuple(_located(Diagnostic, x) for x in d["diagnostics"]),
            derived=frozenset(d["derived"]),
            findings=None if findings is None else tuple(_finding_from_json(f) for f in findings),
            sections=tuple(_located(SectionStatus, x) for x in d["sections"]),
            worker=d["worker"],
        )
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        if isinstance(e, GovinfoError):
            raise
        raise GovinfoError(
            f"not a read result in its JSON form: {type(e).__name__}: {e}", code="bad_wire"
        ) from None


# --- the task and its driver ----------------------------------------------------------------


def read_chunk_json(
    paths: Sequence[str],
    edition: str | None,
    validate: bool,
    year: int | None = None,
    agency: str | None = None,
) -> list[dict[str, Any]]:
    """One task: read some files, each as :func:`result_to_json` (top level, so that every
    engine can send it by name)."""
    from .batch import read_file

    return [
        result_to_json(read_file(p, edition=edition, validate=validate, year=year, agency=agency))
        for p in paths
    ]


def _failed(path: str, e: BaseException) -> ReadResult:
    from .batch import ReadResult

    return ReadResult(
        path=path,
        error=GovinfoError(
            f"the executor's task reading this file failed: {type(e).__name__}: {e}",
            code="worker_crashed",
            path=path,
        ),
    )


def _window(executor: Executor) -> int:
    """Tasks kept in flight: four per worker when the executor says how many it has (a
    ``ProcessPoolExecutor``'s ``_max_workers``, the threads of a Dask client's cluster), else
    four per core of this machine."""
    from .batch import cpu_count

    workers = getattr(executor, "_max_workers", None)
    if not (isinstance(workers, int) and workers > 0):
        try:  # a Dask ClientExecutor: the threads of the cluster's workers
            workers = sum(executor._client.nthreads().values())  # type: ignore[attr-defined]
        except Exception:
            workers = None
    return 4 * (workers if isinstance(workers, int) and workers > 0 else cpu_count())


def run_on_executor(
    executor: Executor,
    items: list[str],
    *,
    chunk_size: int,
    ordered: bool,
    edition: str | None,
    validate: bool,
    hints: Mapping[str, Any],
) -> Iterator[ReadResult]:
    """Read ``items`` on ``executor``, :data:`CHUNK_SIZE` files a task, a bounded number of tasks
    in flight (memory does not grow with the batch); results in input order, or as they come
    with ``ordered=False``. A task that fails (its worker died) gives an error result
    (``worker_crashed``) for each of its files; the executor is the caller's and is not shut down.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    chunks: deque[list[str]] = deque(items[i : i + chunk_size] for i in range(0, len(items), chunk_size))
    inflight: dict[Future[list[dict[str, Any]]], list[str]] = {}
    order: deque[Future[list[dict[str, Any]]]] = deque()
    limit = _window(executor)
    try:
        while chunks or inflight:
            while chunks and len(inflight) < limit:
                chunk = chunks.popleft()
                future = executor.submit(read_chunk_json, chunk, edition, validate, **hints)
                inflight[future] = chunk
                order.append(future)
            if ordered:
                done_now = [order.popleft()]
                wait(done_now)
            else:
                done_set, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                done_now = [f for f in order if f in done_set]  # in submission order
                for f in done_now:
                    order.remove(f)
            for future in done_now:
                chunk = inflight.pop(future)
                try:
                    wires = future.result()
                except Exception as e:  # the task failed on the executor: say so per file
                    for path in chunk:
                        yield _failed(path, e)
                    continue
                for wire in wires:
                    yield result_from_json(wire)
    finally:
        for future in inflight:
            future.cancel()
