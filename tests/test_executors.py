"""read_many(executor=...), ordered=False, the JSON form of results, and read_many in workers."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from govinfo import batch
from govinfo.errors import GovinfoError, InvalidReportError, ValidationError
from govinfo.executors import in_worker_process, result_from_json, result_to_json

DATA = Path(__file__).parent / "data"
SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """More files than PARALLEL_THRESHOLD (so that workers=None would start a pool), and one bad."""
    n = batch.PARALLEL_THRESHOLD + 4
    for i in range(n):
        shutil.copy(DATA / "linping-education-2023.json", tmp_path / f"r{i:03d}.json")
    (tmp_path / "r999.json").write_text("{not json", encoding="utf-8")
    return tmp_path


def _names(results: list[batch.ReadResult]) -> list[str]:
    return [Path(r.path).name for r in results]


class JsonOnly(Executor):
    """Runs tasks on threads, but hands back only what survives json.dumps/json.loads."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(2)
        self.tasks = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.tasks += 1
        inner = self.pool.submit(fn, *args, **kwargs)
        outer: Future[Any] = Future()
        inner.add_done_callback(lambda f: outer.set_result(json.loads(json.dumps(f.result()))))
        return outer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class Failing(Executor):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        f: Future[Any] = Future()
        f.set_exception(RuntimeError("the cluster lost its worker"))
        return f


def test_the_json_form_round_trips_every_kind_of_result(tmp_path: Path) -> None:
    r = govinfo.examples.linping_education_2023()
    bad = attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3))
    findings = tuple(govinfo.validate(bad))
    results = [
        batch.read_file(DATA / "pingtan-2019.txt", validate=True),  # diagnostics, sections
        batch.read_file(DATA / "huaian-government-2024.tables.json", validate=True),
        batch.read_file(tmp_path / "missing.txt"),
        batch.ReadResult(path="x", report=bad, findings=findings),
        batch.ReadResult(
            path="g", error=InvalidReportError("bad", [GovinfoError("a", code="c", path="$.x")])
        ),
        batch.ReadResult(path="v", error=ValidationError.of(findings)),
    ]
    assert results[0].diagnostics
    assert results[0].sections
    for result in results:
        wire = json.loads(json.dumps(result_to_json(result)))
        back = result_from_json(wire)
        assert back == result
        assert back.worker == result.worker
        if result.findings:
            assert [f.position for f in back.findings or ()] == [f.position for f in result.findings]
    group = result_from_json(json.loads(json.dumps(result_to_json(results[4])))).error
    assert isinstance(group, InvalidReportError)
    assert group.problems() == [("c", "$.x", "a")]
    v = result_from_json(json.loads(json.dumps(result_to_json(results[5])))).error
    assert isinstance(v, ValidationError)
    assert v.findings == findings


def test_a_decimal_stays_a_decimal() -> None:
    r = govinfo.examples.linping_education_2023()
    f = govinfo.Finding(
        code="E4-appeal-total", severity="error", rule="E4", path="$", label="", label_en="",
        message_zh="", message_en="", expected=Decimal("1.50"), actual="x",
    )  # fmt: skip
    back = result_from_json(
        json.loads(json.dumps(result_to_json(batch.ReadResult(path="p", report=r, findings=(f,)))))
    )
    assert back.findings is not None
    assert back.findings[0].expected == Decimal("1.50")
    assert isinstance(back.findings[0].expected, Decimal)
    assert back.findings[0].actual == "x"


def test_junk_is_not_a_result() -> None:
    for junk in ({}, {"path": "x"}, {"path": "x", "report": 3}):
        with pytest.raises(GovinfoError) as e:
            result_from_json(junk)
        assert e.value.code == "bad_wire"


def test_any_executor_in_chunks_in_order(folder: Path) -> None:
    serial = list(govinfo.read_many([folder], workers=1))
    ex = JsonOnly()
    with ex:
        got = list(govinfo.read_many([folder], executor=ex, chunk_size=5))
    assert got == serial
    assert ex.tasks == 8  # 37 files in chunks of 5
    assert _names(got)[-1] == "r999.json"
    assert got[-1].error is not None
    assert got[-1].error.code == "bad_json"


def test_unordered_gives_every_file_once(folder: Path) -> None:
    serial = {r.path: r for r in govinfo.read_many([folder], workers=1)}
    with JsonOnly() as ex:
        got = list(govinfo.read_many([folder], executor=ex, ordered=False, chunk_size=3))
    assert sorted(r.path for r in got) == sorted(serial)
    assert all(serial[r.path] == r for r in got)
    pooled = list(govinfo.read_many([folder], workers=2, ordered=False))
    assert sorted(r.path for r in pooled) == sorted(serial)


def test_a_failed_task_is_an_error_per_file_and_the_executor_is_not_shut_down(folder: Path) -> None:
    results = list(govinfo.read_many([folder], executor=Failing(), chunk_size=10))
    assert len(results) == batch.PARALLEL_THRESHOLD + 5
    assert {r.error.code for r in results if r.error} == {"worker_crashed"}
    assert "lost its worker" in str(results[0].error)


def test_a_process_pool_executor_of_yours(folder: Path) -> None:
    serial = list(govinfo.read_many([folder], workers=1))
    with ProcessPoolExecutor(2, mp_context=SPAWN) as ex:
        got = list(govinfo.read_many([folder], executor=ex))
        assert ex.submit(os.getpid).result() != os.getpid()  # still usable afterwards
    assert got == serial
    assert {r.worker for r in got} - {os.getpid()}  # read in the pool's processes


def test_wrong_arguments() -> None:
    with pytest.raises(ValueError, match="not both"):
        list(govinfo.read_many(["x"], executor=Failing(), workers=2))
    for wrong in (0, -3, 1.5):
        with pytest.raises(ValueError, match="chunk_size"):
            list(govinfo.read_many(["x"], chunk_size=wrong))  # type: ignore[arg-type]


def _check_nested(pid: int, results: list[tuple[str, bool, int]]) -> None:
    assert pid != os.getpid()
    assert len(results) == batch.PARALLEL_THRESHOLD + 5
    assert [ok for _, ok, _ in results] == [True] * (batch.PARALLEL_THRESHOLD + 4) + [False]
    assert {reader for _, _, reader in results} == {pid}  # read in the worker itself: no nested pool


def test_default_arguments_inside_a_multiprocessing_pool_worker(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))  # the workers import nested_task
    import nested_task

    assert not in_worker_process()
    with SPAWN.Pool(1) as pool:  # daemonic workers: a nested pool would raise AssertionError
        pid, results = pool.apply(nested_task.read_folder, (str(folder),))
    _check_nested(pid, results)


def test_default_arguments_inside_a_process_pool_executor_worker(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import nested_task

    with ProcessPoolExecutor(1, mp_context=SPAWN) as ex:
        pid, results = ex.submit(nested_task.read_folder, str(folder)).result()
    _check_nested(pid, results)
