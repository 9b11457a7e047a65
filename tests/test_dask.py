"""The Dask recipe (docs/archive.md): a LocalCluster of two worker processes reads a folder into
the Parquet dataset through the client's executor."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.dataset import write_dataset
from govinfo.executors import in_worker_process

distributed = pytest.importorskip("distributed")  # the "dask" extra; installed by the test session
ds = pytest.importorskip("pyarrow.dataset")
DATA = Path(__file__).parent / "data"


# distributed warns when its scratch folder is slow to create (a loaded CI machine): not ours.
@pytest.mark.filterwarnings("ignore:Creating scratch directories:UserWarning")
def test_a_local_cluster_reads_a_folder_into_the_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    base = govinfo.examples.linping_education_2023()
    for i in range(12):
        report = attrs.evolve(base, agency=f"第{i}局", year=2022 + i % 2)
        (folder / f"r{i:02d}.txt").write_text(govinfo.render_text(report), encoding="utf-8")
    shutil.copy(DATA / "pingtan-2019.txt", folder)
    shutil.copy(DATA / "hongze-government-2023.pdf", folder)
    root = tmp_path / "archive"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = write_dataset([folder], root, executor=client.get_executor(), files_per_part=5)
        worker_pids = set(client.run(os.getpid).values())
        # In a Dask worker, read_many's default reads there: no pool inside the worker.
        assert client.submit(in_worker_process).result() is True
    assert len(worker_pids) == 2
    assert (summary.read, summary.unreadable, summary.parts) == (14, 0, 3)
    table = ds.dataset(root, format="parquet", partitioning="hive").to_table(columns=["file", "year"])
    per_file = Counter(table.column("file").to_pylist())
    assert len(per_file) == 14
    assert per_file[str(folder / "pingtan-2019.txt")] == 198
    years = Counter(table.column("year").to_pylist())
    assert (years[2022], years[2019]) == (1200, 198)
    # The same rows as read in this process, one file at a time.
    write_dataset([folder], tmp_path / "serial", workers=1)
    keys = ["file", "path", "value", "amount", "line", "page", "sha256", "read", "diagnostics"]
    dask_rows = ds.dataset(root, format="parquet").to_table(columns=keys).to_pylist()
    serial_rows = ds.dataset(tmp_path / "serial", format="parquet").to_table(columns=keys).to_pylist()
    assert len(dask_rows) == len(serial_rows) == sum(per_file.values())
    assert sorted(map(repr, dask_rows)) == sorted(map(repr, serial_rows))
    files = ds.dataset(root / "_files", format="parquet").to_table().to_pylist()
    assert {f["reader"] for f in files} == {"pipe", "crawler", "pdf"}
    # Started again on the same folder, nothing is read twice.
    assert write_dataset([folder], root).skipped == 14
