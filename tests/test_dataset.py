"""govinfo.dataset: the partitioned Parquet dataset, its provenance, and resuming a stopped run."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from govinfo import batch
from govinfo.dataset import DATASET_COLUMNS, FILE_COLUMNS, done_files, write_dataset
from govinfo.errors import GovinfoError

ds = pytest.importorskip("pyarrow.dataset")
DATA = Path(__file__).parent / "data"


def make_folder(folder: Path, n: int) -> list[Path]:
    """n published texts (the Linping example, a year each of 2021-2024), and one bad file."""
    folder.mkdir()
    base = govinfo.examples.linping_education_2023()
    paths = []
    for i in range(n):
        path = folder / f"r{i:02d}.txt"
        path.write_text(
            govinfo.render_text(attrs.evolve(base, agency=f"第{i}局", year=2021 + i % 4)), encoding="utf-8"
        )
        paths.append(path)
    (folder / "zz-bad.txt").write_text("不是报告", encoding="utf-8")
    return paths


def cells(root: Path) -> list[dict[str, Any]]:
    import pyarrow as pa

    keys = ds.partitioning(pa.schema([("year", pa.int64()), ("edition", pa.string())]), flavor="hive")
    table = ds.dataset(root, format="parquet", partitioning=keys).to_table()
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def files(root: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = ds.dataset(root / "_files", format="parquet").to_table().to_pylist()
    return rows


def test_partitions_provenance_and_files(tmp_path: Path) -> None:
    paths = make_folder(tmp_path / "in", 5)
    shutil.copy(DATA / "pingtan-2019.txt", tmp_path / "in" / "pingtan-2019.txt")
    root = tmp_path / "archive"
    summary = write_dataset([tmp_path / "in"], root, workers=1, files_per_part=4)
    assert (summary.read, summary.skipped, summary.unreadable, summary.parts) == (7, 0, 1, 2)
    folders = Counter(str(p.relative_to(root).parent) for p in root.glob("year=*/*/*.parquet"))
    assert folders == {
        "year=2021/edition=2021": 2, "year=2022/edition=2021": 1, "year=2023/edition=2021": 1,
        "year=2024/edition=2021": 1, "year=2019/edition=2019": 1,
    }  # fmt: skip
    rows = cells(root)
    assert summary.rows == len(rows) == 5 * 200 + 198
    assert set(DATASET_COLUMNS) <= set(rows[0])
    assert Counter((r["year"], r["edition"]) for r in rows) == {
        (2021, "2021"): 400, (2022, "2021"): 200, (2023, "2021"): 200, (2024, "2021"): 200,
        (2019, "2019"): 198,
    }  # fmt: skip
    first = [r for r in rows if r["file"] == str(paths[0])]
    assert {r["sha256"] for r in first} == {hashlib.sha256(paths[0].read_bytes()).hexdigest()}
    assert {r["read"] for r in first} == {"complete"}
    # The position of a cell read without doubt is its section's heading, line as in the file.
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    heading = next(i for i, line in enumerate(lines) if line.strip().startswith("三、收到和处理")) + 1
    assert {(r["line"], r["located"]) for r in first if r["section"] == "requests"} == {(heading, "section")}
    assert {r["page"] for r in first} == {None}
    listed = {Path(f["file"]).name: f for f in files(root)}
    assert set(listed) == {p.name for p in (tmp_path / "in").iterdir()}
    assert list(files(root)[0]) == list(FILE_COLUMNS)
    bad = listed["zz-bad.txt"]
    assert (bad["status"], bad["error_code"], bad["rows"], bad["year"]) == ("error", "not_a_report", 0, None)
    assert listed["r00.txt"]["rows"] == 200
    assert listed["r00.txt"]["reader"] == "pipe"


def test_a_cell_with_a_diagnostic_has_its_own_line(tmp_path: Path) -> None:
    text = govinfo.render_text(govinfo.examples.linping_education_2023()).splitlines()
    n = next(i for i, line in enumerate(text) if "本年新收" in line)
    text[n] = text[n].replace(" 12 ", " 1 2 ", 1)  # read as 12, with a diagnostic about the space
    path = tmp_path / "spaced.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    write_dataset([path], tmp_path / "a")
    rows = {r["path"]: r for r in cells(tmp_path / "a")}
    spaced = rows["$.requests.new_received.natural_person"]
    assert (spaced["value"], spaced["line"], spaced["located"]) == (12, n + 1, "cell")
    assert spaced["diagnostics"] == "space_in_number"
    total = rows["$.requests.new_received.total"]
    assert total["located"] == "section"
    assert total["line"] < n + 1


class Stop(Exception):
    pass


def test_a_stopped_run_resumes_where_it_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_folder(tmp_path / "in", 9)  # and zz-bad.txt: 10 files
    root = tmp_path / "archive"
    real = batch.read_many
    seen: list[str] = []

    def dies_after_seven(*args: Any, **kwargs: Any) -> Iterator[batch.ReadResult]:
        for i, r in enumerate(real(*args, **kwargs)):
            if i == 7:
                raise Stop
            seen.append(r.path)
            yield r

    monkeypatch.setattr(batch, "read_many", dies_after_seven)
    with pytest.raises(Stop):
        write_dataset([tmp_path / "in"], root, workers=1, files_per_part=3)
    monkeypatch.setattr(batch, "read_many", real)
    assert len(seen) == 7
    assert len(files(root)) == 6  # two parts of three committed; the seventh file's part was not
    assert not list(root.rglob("*.tmp"))
    committed = {f["file"] for f in files(root)}
    assert done_files(root) == committed
    again = write_dataset([tmp_path / "in"], root, workers=1, files_per_part=3)
    assert (again.skipped, again.read) == (6, 4)
    per_file = Counter(r["file"] for r in cells(root))
    assert len(per_file) == 9
    assert set(per_file.values()) == {200}  # every report once: nothing lost, nothing twice
    assert len(files(root)) == 10
    assert write_dataset([tmp_path / "in"], root).read == 0


def test_what_a_killed_run_left_is_removed(tmp_path: Path) -> None:
    make_folder(tmp_path / "in", 2)
    root = tmp_path / "archive"
    write_dataset([tmp_path / "in"], root)
    [part] = root.glob("year=2021/*/*.parquet")
    orphan = part.with_name("part-0000.parquet")  # a cell part whose _files part was never written
    shutil.copy(part, orphan)
    stray = part.with_name("part-1111.parquet.tmp")
    stray.write_bytes(b"half a file")
    assert len(done_files(root)) == 3
    assert not orphan.exists()
    assert not stray.exists()
    assert len(cells(root)) == 400


def test_wrong_arguments(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="list of paths"):
        write_dataset("tests/data", tmp_path)
    with pytest.raises(ValueError, match="files_per_part"):
        write_dataset([], tmp_path, files_per_part=-1)


KILLED_RUN = """
import os, signal, sys
from govinfo import batch
from govinfo.errors import GovinfoError
from govinfo.dataset import write_dataset

real = batch.read_many

def killed_after_twelve(*args, **kwargs):
    for i, r in enumerate(real(*args, **kwargs)):
        if i == 12:
            os.kill(os.getpid(), signal.SIGKILL)  # no exception, no cleanup: as a power cut
        yield r

batch.read_many = killed_after_twelve
write_dataset([sys.argv[1]], sys.argv[2], workers=1, files_per_part=5)
"""


def test_a_killed_run_resumes(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    make_folder(tmp_path / "in", 19)  # and zz-bad.txt: 20 files
    root = tmp_path / "archive"
    p = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(tmp_path / "in"), str(root)], capture_output=True, timeout=120
    )
    assert p.returncode == -signal.SIGKILL, p.stderr
    assert len(files(root)) == 10  # two parts of five committed
    assert list(root.rglob("*.parquet.tmp"))  # the third part was being written
    again = write_dataset([tmp_path / "in"], root, workers=1, files_per_part=5)
    assert (again.skipped, again.read, again.unreadable) == (10, 10, 1)
    assert not list(root.rglob("*.tmp"))
    per_file = Counter(r["file"] for r in cells(root))
    assert len(per_file) == 19
    assert set(per_file.values()) == {200}
    assert sorted(f["file"] for f in files(root)) == sorted(str(p) for p in (tmp_path / "in").iterdir())


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_and_a_file_given_twice(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad-\xff.json")
    (folder / name).write_bytes((DATA / "linping-education-2023.json").read_bytes())
    root = tmp_path / "archive"
    summary = write_dataset([folder, folder / name], root)
    assert (summary.read, summary.rows) == (1, 200)
    assert [f["file"] for f in files(root)] == [str(folder / "bad-\ufffd.json")]
    assert write_dataset([folder], root).skipped == 1


def test_a_damaged_files_part_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "_files").mkdir()
    (tmp_path / "_files" / "part-x.parquet").write_bytes(b"not parquet")
    with pytest.raises(GovinfoError) as e:
        write_dataset([DATA / "linping-education-2023.json"], tmp_path)
    assert e.value.code == "bad_dataset"
    assert "part-x.parquet" in str(e.value)
