"""Tidy export: one row per report × cell (and per finding), as CSV, DataFrames and Parquet."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.export import CELL_COLUMNS, FINDING_COLUMNS, cell_records, finding_records, write_csv

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.json"))

# Rows per report, from the format spec (report-format.md §2.1, §2.2, §3.2, §3.3, §4): value cells
# of 二 + 三 + 四. Hongze 2023 prints （六） as one row: 23 rows × 7 in 三.
ROWS = {
    "hongze-government-2023.tables.json": 10 + 23 * 7 + 15,
    "huaian-government-2024.tables.json": 10 + 25 * 7 + 15,
    "linping-education-2023.json": 10 + 25 * 7 + 15,
    "pingtan-2019.tables.json": 22 + 23 * 7 + 15,
}
# 总计 of 一, 二, （七） and 四 as published (tests/data/*.json, copied by hand).
TOTALS = {
    "hongze-government-2023.tables.json": (21, 0, 21, 0),
    "huaian-government-2024.tables.json": (3119, 34, 3050, 103),
    "linping-education-2023.json": (12, 0, 12, 0),
    "pingtan-2019.tables.json": (23, 0, 23, 0),
}
# The two 总计 of 四 that Hongze 2023 got wrong (tests/data/README.md): (row, stated, sum).
HONGZE_WRONG = {("review", 0, 11), ("litigation_after_review", 0, 5)}


def export_corpus(tmp_path: Path, *extra: str) -> list[dict[str, str]]:
    out = tmp_path / "cells.csv"
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "export", *map(str, CORPUS), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return export_corpus(tmp_path_factory.mktemp("export"))


def by_file(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out = defaultdict(list)
    for r in rows:
        out[Path(r["file"]).name].append(r)
    return out


def test_one_row_per_report_and_cell(rows: list[dict[str, str]]) -> None:
    assert list(rows[0]) == list(CELL_COLUMNS)
    files = by_file(rows)
    assert {name: len(rs) for name, rs in files.items()} == ROWS
    for rs in files.values():  # no cell twice
        assert len({r["path"] for r in rs}) == len(rs)


def test_the_sum_of_each_column_equals_the_stated_totals(rows: list[dict[str, str]]) -> None:
    for name, rs in by_file(rows).items():
        value = {(r["row_key"], r["column_key"]): int(r["value"]) for r in rs if r["value"] != ""}
        req = [r for r in rs if r["section"] == "requests"]
        # The four 总计 of 三 as published.
        totals = tuple(
            value[row, "total"]
            for row in ("new_received", "carried_over", "results.total", "carried_forward")
        )
        assert totals == TOTALS[name], name
        # E2: each row of 三, the six applicant columns add up to its 总计.
        for row in {r["row_key"] for r in req}:
            parts = sum(int(r["value"]) for r in req if r["row_key"] == row and r["column_key"] != "total")
            assert parts == value[row, "total"], (name, row)
        # E3: in each column, the outcome rows add up to （七）总计.
        for column in {r["column_key"] for r in req}:
            outcomes = sum(
                int(r["value"])
                for r in req
                if r["column_key"] == column
                and r["row_key"].startswith("results.")
                and r["row_key"] != "results.total"
            )
            assert outcomes == value["results.total", column], (name, column)
        # E4: each group of 四 (Hongze's two known mistakes aside).
        app = [r for r in rs if r["section"] == "appeals"]
        for row in ("review", "litigation_direct", "litigation_after_review"):
            parts = sum(int(r["value"]) for r in app if r["row_key"] == row and r["column_key"] != "total")
            stated = value[row, "total"]
            if name.startswith("hongze"):
                assert (parts == stated) == ((row, stated, parts) not in HONGZE_WRONG), (name, row)
            else:
                assert parts == stated, (name, row)
    # Across the corpus: the export's 一 / 总计 column adds up to the reports' 一 / 总计.
    corpus_new = sum(int(r["value"]) for r in rows if r["path"] == "$.requests.new_received.total")
    assert corpus_new == 21 + 3119 + 12 + 23


def test_labels_kinds_and_origin(rows: list[dict[str, str]]) -> None:
    linping = by_file(rows)["linping-education-2023.json"]
    cell = next(r for r in linping if r["path"] == "$.requests.results.withheld.state_secret.natural_person")
    assert (cell["section_label"], cell["row_label"], cell["column_label"]) == (
        "三、收到和处理政府信息公开申请情况",
        "（三）不予公开 · 1.属于国家秘密",
        "自然人",
    )
    assert (cell["row_label_en"].split(" · ")[0], cell["kind"], cell["origin"]) == (
        "(3) Not disclosed",
        "count",
        "stated",
    )
    fee = next(r for r in linping if r["path"] == "$.proactive.fees.amount")
    assert (fee["grid"], fee["kind"], fee["value"], fee["amount"], fee["unit"]) == (
        "第二十条第（八）项",
        "money",
        "",
        "11615",
        "万元",
    )
    # The tables-only files state no 二: every cell of it is not stated, and empty.
    huaian = by_file(rows)["huaian-government-2024.tables.json"]
    proactive = [r for r in huaian if r["section"] == "proactive"]
    assert {(r["origin"], r["value"], r["amount"]) for r in proactive} == {("not_stated", "", "")}
    # 2019: the procurement unit is not a row of its own, it is the unit of the amount.
    pingtan = by_file(rows)["pingtan-2019.tables.json"]
    assert not any(r["column_key"] == "unit" for r in pingtan)
    assert next(r for r in pingtan if r["path"] == "$.proactive.procurement.amount")["kind"] == "money"


def test_derived_totals_are_marked(tmp_path: Path) -> None:
    linping = govinfo.examples.linping_education_2023()
    data = linping.to_dict()
    del data["requests"]["results"]["total"]  # the whole （七） row, derived
    import json

    path = tmp_path / "derived.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [result] = govinfo.read_many([path])
    origins = {r["path"]: r["origin"] for r in cell_records([result])}
    assert origins["$.requests.results.total.natural_person"] == "derived"
    assert origins["$.requests.results.total.total"] == "derived"
    assert origins["$.requests.new_received.total"] == "stated"
    assert sum(o == "derived" for o in origins.values()) == 7


def test_findings_export(tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "export", str(DATA / "hongze-government-2023.tables.json"),
         "-o", str(tmp_path / "c.csv"), "--findings", str(out), "--bom"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # --bom, for Excel
    with out.open(encoding="utf-8-sig", newline="") as f:
        found = list(csv.DictReader(f))
    assert list(found[0]) == list(FINDING_COLUMNS)
    errors = [(r["path"], r["expected"], r["actual"]) for r in found if r["severity"] == "error"]
    assert errors == [
        ("$.appeals.review.total", "11", "0"),
        ("$.appeals.litigation_after_review.total", "5", "0"),
    ]


def test_records_of_reports_and_of_results_agree() -> None:
    linping = govinfo.examples.linping_education_2023()
    [result] = govinfo.read_many([DATA / "linping-education-2023.json"])
    from_report = [{**r, "file": None} for r in cell_records([linping])]
    from_result = [{**r, "file": None} for r in cell_records([result])]
    assert from_report == from_result
    bad = attrs.evolve(linping, proactive=linping.proactive.replace("fees", "amount", Decimal("0.5")))
    [fee] = [r for r in cell_records([bad]) if r["column_key"] == "amount"]
    assert fee["amount"] == Decimal("0.5")
    assert fee["value"] is None
    buf = io.StringIO()
    assert write_csv(finding_records([bad]), buf, columns=FINDING_COLUMNS) == 0
    assert buf.getvalue().strip() == ",".join(FINDING_COLUMNS)
    with pytest.raises(TypeError, match="Report or ReadResult"):
        list(finding_records([linping.to_dict()]))  # type: ignore[list-item]


def test_polars_frame_and_parquet(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    from govinfo.export import to_polars, write_parquet

    results = list(govinfo.read_many(CORPUS, validate=True))
    frame = to_polars(results)
    assert frame.height == sum(ROWS.values())
    assert frame.columns == list(CELL_COLUMNS)
    assert frame.schema["value"] == pl.Int64
    assert frame.schema["amount"] == pl.Float64
    new = frame.filter(pl.col("path") == "$.requests.new_received.total")["value"].sum()
    assert new == 21 + 3119 + 12 + 23
    out = tmp_path / "cells.parquet"
    assert write_parquet(results, out) == sum(ROWS.values())
    back = pl.read_parquet(out)
    assert back.equals(frame)
    findings = to_polars(results, which="findings")
    assert findings.filter(pl.col("severity") == "error").height == 2  # Hongze's two E4
    # And from the command line.
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "export", *map(str, CORPUS), "-o", str(tmp_path / "c.parquet")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert pl.read_parquet(tmp_path / "c.parquet").equals(frame)


def test_pandas_frame() -> None:
    pd = pytest.importorskip("pandas")
    from govinfo.export import to_pandas

    frame = to_pandas([govinfo.examples.linping_education_2023()])
    assert len(frame) == 200
    assert str(frame["value"].dtype) == "Int64"
    assert str(frame["amount"].dtype) == "Float64"
    totals = frame[(frame["section"] == "requests") & (frame["column_key"] == "total")]
    assert int(totals.set_index("row_key").loc["new_received", "value"]) == 12
    assert pd.isna(frame.set_index("path").loc["$.proactive.fees.amount", "value"])


def test_export_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_dataframes(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("pandas", "polars", "pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_dataframes)
    from govinfo.export import to_pandas, to_polars, write_parquet

    report = govinfo.examples.linping_education_2023()
    for call, extra in (
        (lambda: to_pandas([report]), "pandas"),
        (lambda: to_polars([report]), "polars"),
        (lambda: write_parquet([report], "x.parquet"), "parquet"),
    ):
        with pytest.raises(ImportError, match=rf"pip install 'govinfo-cn\[{extra}\]'"):
            call()


def test_parquet_needs_neither_pandas_nor_polars(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import builtins

    real = builtins.__import__

    def no_frames(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("pandas", "polars"):
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_frames)
    from govinfo.export import write_parquet

    out = tmp_path / "cells.parquet"
    assert write_parquet([govinfo.examples.linping_education_2023()], out) == 200
    table = pq.read_table(out)
    assert str(table.schema.field("value").type) == "int64"
    assert str(table.schema.field("amount").type) == "double"
    rows = {r["path"]: r for r in table.to_pylist()}
    assert rows["$.requests.new_received.total"]["value"] == 12
    assert rows["$.proactive.fees.amount"]["amount"] == 11615.0
