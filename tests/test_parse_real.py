"""Real published pages (tests/real/): what they state is read, nothing else is invented.

Each fixture is the first ~2,000 characters of a real report page (address and date in
tests/real/README.md), labelled by hand from the text alone: ``cells`` (stated completely),
``maybe_cells`` (in a row cut off by the end of the excerpt), ``blank_cells`` (explicitly blank).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo.catalogue import CellKind

REAL = Path(__file__).parent / "real"
FIXTURES = sorted(p.name[: -len(".expected.json")] for p in REAL.glob("*.expected.json"))
Key = tuple[str, str, str]

#: Stated cells read over the whole set when this test was written (of 2476); a floor, so that a
#: change that reads fewer real cells fails here.
READ_AT_LEAST = 2423

#: Held-out pages the reader does not yet read as labelled: strict, so a fix that makes one pass
#: must also remove it from here. (The seventh batch's seven are read since real8.)
KNOWN_FAILURES: dict[str, str] = {}


def _flat(tree: dict[str, Any] | None) -> dict[Key, Any]:
    out: dict[Key, Any] = {}

    def walk(section: str, path: list[str], node: dict[str, Any]) -> None:
        for k, v in node.items():
            if isinstance(v, dict):
                walk(section, [*path, k], v)
            else:
                out[(section, ".".join(path), k)] = v

    for section, rows in (tree or {}).items():
        walk(section, [], rows)
    return out


def _same(expected: Any, got: Any) -> bool:
    if isinstance(got, Decimal):
        return Decimal(str(expected)) == got
    return bool(expected == got)


def _read(slug: str) -> tuple[dict[str, Any], govinfo.ParseResult | None]:
    expected = json.loads((REAL / f"{slug}.expected.json").read_text(encoding="utf-8"))
    text = (REAL / f"{slug}.txt").read_text(encoding="utf-8")
    try:
        return expected, govinfo.parse_document(text)
    except govinfo.ParseError as e:
        code = e.code
        assert code == "not_a_report", code
        return expected, None


def _cells(result: govinfo.ParseResult) -> dict[Key, Any]:
    out: dict[Key, Any] = {}
    for section, table in result.tables:
        for cell in table.spec.cells:
            value = table.cells[cell.index]
            if value is not None and cell.column.kind is not CellKind.UNIT:
                out[(section, cell.row.key, cell.column.key)] = value
    return out


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[s]))
        if s in KNOWN_FAILURES
        else s
        for s in FIXTURES
    ],
)
def test_what_a_real_page_states_is_read_and_nothing_is_invented(slug: str) -> None:
    expected, result = _read(slug)
    cells, maybe, blank = (_flat(expected.get(k)) for k in ("cells", "maybe_cells", "blank_cells"))
    if result is None:
        assert not cells, "a page with stated cells was refused"
        return
    got = _cells(result)
    wrong = {k: (cells[k], v) for k, v in got.items() if k in cells and not _same(cells[k], v)}
    wrong.update({k: (maybe[k], v) for k, v in got.items() if k in maybe and not _same(maybe[k], v)})
    invented = {k: v for k, v in got.items() if k not in cells and k not in maybe}
    assert not wrong, f"cells read wrong: {wrong}"
    assert not invented, f"cells the page does not state: {invented}"
    assert not [k for k in blank if k in got], "a blank cell was given a value"
    if result.report is not None and expected["year"] is not None:
        assert result.report.year == expected["year"]
    if result.report is not None and expected["agency"] is not None:
        assert result.report.agency == expected["agency"]
    if result.report is not None and expected["edition"] is not None and got:
        assert result.report.edition == expected["edition"]
    # A page cut off by the excerpt is never mistaken for a whole report.
    assert not result.complete


def test_most_stated_cells_of_real_pages_are_read() -> None:
    stated = read = 0
    for slug in FIXTURES:
        expected, result = _read(slug)
        cells = _flat(expected.get("cells"))
        stated += len(cells)
        if result is not None:
            got = _cells(result)
            read += sum(1 for k, v in cells.items() if k in got and _same(v, got[k]))
    assert stated >= 2476
    assert read >= READ_AT_LEAST, f"{read} of {stated} stated cells read"


@pytest.mark.parametrize(
    ("slug", "year", "source"),
    [
        ("shanghai-city-2022", 2022, "title"),  # 2022年上海市政府信息公开工作年度报告: year first
        ("kanglexian-shangwan-2019", 2019, "title"),  # …2019年度政府信息公开年度工作报告
        ("wuhai-gxj-2020", 2020, "statistics period"),  # no year in the title
        ("haizhu-guanzhou-2023", 2023, "overview"),  # the page starts at 一、总体情况
    ],
)
def test_the_year_of_real_title_forms(slug: str, year: int, source: str) -> None:
    _, result = _read(slug)
    assert result is not None
    assert result.report is not None
    assert result.report.year == year
    assert dict(result.provenance)["year"].startswith(source)


def test_a_2019_table_in_a_2023_report_is_read_and_flagged() -> None:
    _, result = _read("xixian-dizhang-2023")
    assert result is not None
    assert result.report is not None
    assert (result.report.year, result.report.edition) == (2023, "2019")
    assert "edition_year_mismatch" in result.codes()
