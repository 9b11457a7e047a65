"""govinfo.diff.compare: cell-by-cell changes in official labels, and cross-year findings."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govinfo
from govinfo.catalogue import get_edition
from govinfo.diff import CellChange, compare


@pytest.fixture
def linping() -> govinfo.Report:
    return govinfo.examples.linping_education_2023()


def test_identical_reports(linping: govinfo.Report) -> None:
    d = compare(linping, linping)
    assert d.same
    assert (d.fields, d.cells, d.narratives, d.findings) == ((), (), (), ())


def test_changed_cells_are_named_by_their_official_labels(linping: govinfo.Report) -> None:
    new = attrs.evolve(
        linping,
        year=2024,
        requests=linping.requests.replace("carried_over", "natural_person", 3).replace(
            "carried_over", "total", 3
        ),
        proactive=linping.proactive.replace("fees", "amount", Decimal("11615.5")),
        problems=govinfo.Narrative(paragraphs=("无。",)),
    )
    d = compare(linping, new)
    assert [(f.field, f.old, f.new) for f in d.fields] == [("year", 2023, 2024)]
    assert [(c.label, c.old, c.new, c.delta) for c in d.cells] == [
        (
            "二 · 第二十条第（八）项 · 行政事业性收费 / 本年收费金额（单位：万元）",
            Decimal("11615"),
            Decimal("11615.5"),
            Decimal("0.5"),
        ),
        ("三 · 二、上年结转政府信息公开申请数量 / 自然人", 0, 3, 3),
        ("三 · 二、上年结转政府信息公开申请数量 / 总计", 0, 3, 3),
    ]
    assert d.narratives == ("problems",)
    # S1: 2024 二 must equal 2023 四 (0), column by column.
    assert [(f.code, f.path, f.expected, f.actual) for f in d.findings] == [
        ("S1-carry-over", "$.requests.carried_over.natural_person", 0, 3),
        ("S1-carry-over", "$.requests.carried_over.total", 0, 3),
    ]
    as_dict = d.to_dict()
    assert as_dict["cells"][0]["old"] == "11615"
    assert as_dict["cells"][0]["delta"] == "0.5"
    assert as_dict["fields"] == [{"field": "year", "old": 2023, "new": 2024}]


def test_blank_to_stated_has_no_delta(linping: govinfo.Report) -> None:
    new = attrs.evolve(linping, appeals=linping.appeals.replace("review", "upheld", None))
    [c] = compare(linping, new).cells
    assert (c.path, c.old, c.new, c.delta, c.status) == ("$.appeals.review.upheld", 0, None, None, "changed")


def test_reports_of_two_editions_compare_on_their_common_cells(linping: govinfo.Report) -> None:
    ed2019 = get_edition("2019")
    old = govinfo.Report(
        edition="2019",
        agency=linping.agency,
        year=2020,
        requests=govinfo.RequestTable.empty(ed2019.requests[0]),
    )
    d = compare(old, linping)
    statuses = {c.status for c in d.cells}
    assert statuses == {"changed", "added", "removed"}
    # （六） has sub-rows in 2021 only: they are "added"; the 2019 （六） row is "removed".
    added = {c.path for c in d.cells if c.status == "added"}
    assert "$.requests.results.other.no_correction.natural_person" in added
    removed = {c.path for c in d.cells if c.status == "removed"}
    assert "$.requests.results.other.natural_person" in removed
    assert "$.proactive.rules.new_made" in removed


def test_same_year_gives_no_cross_year_findings(linping: govinfo.Report) -> None:
    new = attrs.evolve(linping, requests=linping.requests.replace("carried_over", "total", 3))
    assert compare(linping, new).findings == ()


def test_cell_change_value() -> None:
    c = CellChange(section="appeals", path="$", label="", label_en="", old=None, new=2, status="added")
    assert c.delta is None
    assert c.to_dict()["status"] == "added"
