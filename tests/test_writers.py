"""govinfo.writers: tables written as the rows come, in bounded memory."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.cli import EXIT_UNREADABLE
from govinfo.export import CELL_COLUMNS, FINDING_COLUMNS, cell_records, finding_records, write_parquet
from govinfo.writers import open_table

pq = pytest.importorskip("pyarrow.parquet")


def reports(n: int) -> Iterator[govinfo.Report]:
    base = govinfo.examples.linping_education_2023()
    for i in range(n):
        yield attrs.evolve(base, agency=_agency(i), year=2019 + i % 6)


def _agency(i: int) -> str:
    """``第三局``: an agency's name written as names are (Chinese numerals; the reader reads no
    name holding ASCII digits from a title, where a stray number may have run into it)."""
    return "第" + "".join("〇一二三四五六七八九"[int(d)] for d in str(i)) + "局"


def test_csv_rows_as_they_come() -> None:
    buf = io.StringIO()
    with open_table(buf, columns=CELL_COLUMNS) as table:
        for r in reports(3):
            table.write(cell_records([r]))
            assert buf.getvalue().count("\n") == table.rows + 1  # written already, not held
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 600
    assert [rows[i]["agency"] for i in (0, 200, 400)] == [_agency(0), _agency(1), _agency(2)]


def test_parquet_in_row_groups(tmp_path: Path) -> None:
    out = tmp_path / "cells.parquet"
    with open_table(out, columns=CELL_COLUMNS, row_group_rows=150) as table:
        for r in reports(3):
            table.write(cell_records([r]))
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == 600
    assert meta.num_row_groups == 4  # 150 + 150 + 150 + 150
    back = pq.read_table(out).to_pylist()
    assert [b["agency"] for b in back[::200]] == [_agency(0), _agency(1), _agency(2)]
    new = [b["value"] for b in back if b["path"] == "$.requests.new_received.total"]
    assert new == [12, 12, 12]


def test_findings_table(tmp_path: Path) -> None:
    base = govinfo.examples.linping_education_2023()
    bad = attrs.evolve(base, appeals=base.appeals.replace("review", "total", 3))
    out = tmp_path / "findings.parquet"
    with open_table(out, columns=FINDING_COLUMNS, which="findings") as table:
        table.write(finding_records([bad, base, bad]))
    back = pq.read_table(out).to_pylist()
    assert [(b["code"], b["expected"], b["actual"]) for b in back] == [("E4-appeal-total", "0", "3")] * 2


def test_wrong_outputs(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        open_table(tmp_path / "x.xlsx", columns=CELL_COLUMNS)
    with pytest.raises(ValueError, match="path"):
        open_table(io.StringIO(), columns=CELL_COLUMNS, suffix=".parquet")
    with pytest.raises(ValueError, match="row_group_rows"):
        open_table(tmp_path / "x.parquet", columns=CELL_COLUMNS, row_group_rows=0)


def _peak(n: int, path: Path) -> int:
    tracemalloc.start()
    try:
        write_parquet(reports(n), path, row_group_rows=2_000)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_write_parquet_memory_does_not_grow_with_the_reports(tmp_path: Path) -> None:
    _peak(5, tmp_path / "warm.parquet")  # imports and caches
    small = _peak(60, tmp_path / "small.parquet")
    large = _peak(600, tmp_path / "large.parquet")
    assert pq.ParquetFile(tmp_path / "large.parquet").metadata.num_rows == 600 * 200
    assert large < 1.5 * small, (small, large)  # ten times the reports, not ten times the memory


def test_cli_export_csv_and_parquet_agree(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, r in enumerate(reports(4)):
        (folder / f"{i}.txt").write_text(govinfo.render_text(r), encoding="utf-8")
    (folder / "bad.txt").write_text("不是报告", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "export", str(folder), "-o", str(tmp_path / "c.csv"),
         "--findings", str(tmp_path / "f.parquet"), "--no-progress"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert p.returncode == EXIT_UNREADABLE, p.stderr  # one file unreadable
    assert "bad.txt" in p.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 800
    assert sorted({r["agency"] for r in rows}) == sorted(["第〇局", "第一局", "第二局", "第三局"])
    assert pq.ParquetFile(tmp_path / "f.parquet").metadata.num_rows == 0
