"""govinfo.read_file and govinfo.read_many: any layout, errors as values, order, processes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo import batch
from govinfo.batch import ReadResult, read_file, read_many, report_files

DATA = Path(__file__).parent / "data"


@pytest.fixture
def linping() -> govinfo.Report:
    return govinfo.examples.linping_education_2023()


def test_every_dev_corpus_file_reads(tmp_path: Path) -> None:
    expected = {
        "hongze-government-2023.pdf": ("pdf", None, 2023),
        "hongze-government-2023.tables.json": ("json", "utf-8", 2023),
        "huaian-government-2024.pdf": ("pdf", None, 2024),
        "huaian-government-2024.tables.json": ("json", "utf-8", 2024),
        "linping-education-2023.json": ("json", "utf-8", 2023),
        "linping-education-2023.txt": ("text", "utf-8", 2023),
        "pingtan-2019.tables.json": ("json", "utf-8", 2019),
        "pingtan-2019.txt": ("crawler", "utf-8", 2019),
    }
    results = {Path(r.path).name: r for r in read_many([DATA]) if Path(r.path).parent == DATA}
    assert not results.pop("README.md").ok
    assert {
        n: (r.layout, r.encoding, r.report.year if r.report else None) for n, r in results.items()
    } == expected


def test_a_json_file_and_its_derived_totals(linping: govinfo.Report, tmp_path: Path) -> None:
    data = linping.to_dict()
    del data["requests"]["new_received"]["total"]  # 12, derived from the applicant columns
    del data["appeals"]["review"]["total"]
    path = tmp_path / "no-totals.json"
    import json

    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = read_file(path)
    assert result.report == linping
    assert result.derived == {"$.requests.new_received.total", "$.appeals.review.total"}
    assert read_file(DATA / "linping-education-2023.json").derived == frozenset()


def test_a_dict_with_impossible_values_gives_s5_findings(linping: govinfo.Report, tmp_path: Path) -> None:
    data = linping.to_dict()
    data["appeals"]["review"]["upheld"] = -1
    path = tmp_path / "negative.json"
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    result = read_file(path, validate=True)
    assert not result.ok
    assert result.readable
    assert result.error is not None
    assert result.error.problems()[0][:2] == (
        "negative_count",
        "$.appeals.review.upheld",
    )
    assert [(f.code, f.path) for f in result.findings or ()] == [("S5-negative", "$.appeals.review.upheld")]
    # Without validation it is just an error.
    assert read_file(path).findings is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"{not json", "bad_json"),
        (b'{"edition": "2021"}', "invalid_report"),
        (b"\x00\x01\x02 binary junk", "binary_input"),
        ("没有报告".encode("gbk"), "not_a_report"),
        (b"%PDF-1.7 truncated", "pdf_damaged"),
        (b"PK\x03\x04 not a zip", "docx_damaged"),
    ],
)
def test_unreadable_files_are_values_not_exceptions(content: bytes, code: str, tmp_path: Path) -> None:
    path = tmp_path / "坏文件.bin"
    path.write_bytes(content)
    result = read_file(path)
    assert not result.ok
    assert result.report is None
    assert result.error is not None
    assert result.error.code == code
    assert result.path == str(path)


def test_missing_file_and_directory_given_as_file(tmp_path: Path) -> None:
    assert read_file(tmp_path / "无此文件.txt").error.code == "unreadable_file"  # type: ignore[union-attr]
    (tmp_path / "sub.json").mkdir()
    # a directory is no regular file: refused before it is opened (issue 15)
    assert read_file(tmp_path / "sub.json").error.code == "not_a_file"  # type: ignore[union-attr]


def test_a_bug_in_a_reader_is_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(batch, "_read", boom)
    result = read_file(DATA / "linping-education-2023.txt")
    assert result.error is not None
    assert result.error.code == "internal_error"
    assert "ZeroDivisionError: oops" in str(result.error)


def test_directories_are_walked_sorted_with_hidden_names_skipped(tmp_path: Path) -> None:
    for name in ("b.json", "a.HTML", "年报.txt", "notes.csv", ".hidden.json", "sub/c.md", ".git/d.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in report_files([tmp_path])]
    assert found == ["a.HTML", "b.json", "sub/c.md", "年报.txt"]
    # A file named directly is read whatever its suffix, and missing paths are kept (to be reported).
    assert report_files([tmp_path / "notes.csv", tmp_path / "missing"]) == [
        tmp_path / "notes.csv",
        tmp_path / "missing",
    ]


def test_read_many_keeps_the_order_and_validates(linping: govinfo.Report, tmp_path: Path) -> None:
    bad = attrs.evolve(linping, appeals=linping.appeals.replace("review", "total", 3))
    names = ["3.json", "1.md", "2.html", "0.txt"]
    (tmp_path / names[0]).write_text(bad.to_json(), encoding="utf-8")
    (tmp_path / names[1]).write_text(govinfo.render_markdown(linping), encoding="utf-8")
    (tmp_path / names[2]).write_text(govinfo.render_html(bad), encoding="utf-8")
    (tmp_path / names[3]).write_text("nothing", encoding="utf-8")
    results = list(read_many([tmp_path / n for n in names], validate=True, workers=1))
    assert [Path(r.path).name for r in results] == names
    assert [[f.code for f in r.findings] if r.findings is not None else None for r in results] == [
        ["E4-appeal-total"],
        [],
        ["E4-appeal-total"],
        None,
    ]
    assert [r.count("error") for r in results] == [1, 0, 1, 0]


def test_read_many_in_processes_gives_the_same_results(linping: govinfo.Report, tmp_path: Path) -> None:
    paths = []
    for i in range(6):
        p = tmp_path / f"{i}.md"
        p.write_text(govinfo.render_markdown(attrs.evolve(linping, year=2020 + i)), encoding="utf-8")
        paths.append(p)
    paths.insert(3, tmp_path / "missing.txt")
    here = list(read_many(paths, workers=1, validate=True))
    there = list(read_many(paths, workers=2, validate=True))
    assert there == here
    assert [r.report.year if r.report else None for r in there] == [2020, 2021, 2022, None, 2023, 2024, 2025]
    assert all(r.worker != os.getpid() for r in there)


def test_worker_count() -> None:
    assert batch._worker_count(None, batch.PARALLEL_THRESHOLD - 1) == 1
    assert batch._worker_count(None, 1000) == min(batch.cpu_count(), 1000)
    assert batch._worker_count(4, 2) == 2  # never more workers than files
    for wrong in (0, -1, 1.5, "2", True):
        with pytest.raises(ValueError, match="workers"):
            batch._worker_count(wrong, 10)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="list of paths"):
        list(read_many("tests/data"))


def test_a_file_that_kills_its_worker_is_reported_and_the_rest_read(
    linping: govinfo.Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))  # the workers import crashy_task
    import crashy_task

    source = tmp_path / "ok.json"
    source.write_text(linping.to_json(), encoding="utf-8")
    names = [f"{i:02d}.json" for i in range(12)]
    names[5] = "crash-05.json"
    for n in names:
        shutil.copy(source, tmp_path / n)
    results = list(
        batch._parallel([str(tmp_path / n) for n in names], 2, None, False, crashy_task.read_or_die)
    )
    assert [Path(r.path).name for r in results] == names
    assert [r.error.code if r.error else None for r in results] == [
        "worker_crashed" if n.startswith("crash") else None for n in names
    ]
    assert all(r.report == linping for r in results if r.ok)


def test_read_result_is_a_frozen_value() -> None:
    r = ReadResult(path="x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.path = "y"  # type: ignore[misc]
    assert r == ReadResult(path="x", worker=-1)  # the worker id is not part of the value


def test_text_starting_with_a_brace_is_still_read_as_a_document(tmp_path: Path) -> None:
    path = tmp_path / "braces.txt"
    path.write_text(
        "{打印本页}\n" + (DATA / "linping-education-2023.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = read_file(path)
    assert result.layout == "text"
    assert result.report == govinfo.examples.linping_education_2023()
    array = tmp_path / "array.json"
    array.write_text("[1, 2]", encoding="utf-8")
    assert read_file(array).error.code == "json_not_a_report"  # type: ignore[union-attr]
