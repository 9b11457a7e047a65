"""The model: immutability, construction invariants, and the conveniences."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govinfo import (
    AppealTable,
    GovinfoError,
    InvalidReportError,
    Narrative,
    Proactive,
    Report,
    RequestTable,
    Subsection,
)
from govinfo.catalogue import get_edition
from govinfo.examples import linping_education_2023

E21, E19 = get_edition("2021"), get_edition("2019")


def test_report_is_frozen_and_hashable() -> None:
    r = linping_education_2023()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.year = 2024  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.requests.cells = ()  # type: ignore[misc]
    assert hash(r) == hash(linping_education_2023())
    assert {r, linping_education_2023()} == {r}


def test_evolve_revalidates() -> None:
    r = linping_education_2023()
    with pytest.raises(GovinfoError) as info:
        attrs.evolve(r, year="2024")  # type: ignore[arg-type]
    assert info.value.code == "wrong_type"
    with pytest.raises(GovinfoError):
        attrs.evolve(r.requests, cells=(-1, *r.requests.cells[1:]))
    with pytest.raises(GovinfoError, match="edition"):
        attrs.evolve(r, edition="2019")  # its 二 and divided （六） are 2021 layouts


def test_negative_counts_rejected_but_wrong_totals_accepted() -> None:
    layout = E21.requests[0]
    with pytest.raises(InvalidReportError) as info:
        RequestTable.from_cells(layout, {("new_received", "natural_person"): -1})
    assert info.value.problems()[0][:2] == ("negative_count", "$.requests.new_received.natural_person")
    # a total that does not add up is data, not an error of construction
    t = RequestTable.from_cells(layout, {("new_received", "natural_person"): 5, ("new_received", "total"): 7})
    assert t.row("new_received").total == 7
    assert t.row("new_received").computed_total == 5


def test_signed_only_where_the_catalogue_says() -> None:
    p = Proactive.from_cells(E19.proactive, {("licensing", "net_change"): -8})
    assert p["licensing", "net_change"] == -8
    with pytest.raises(GovinfoError):
        Proactive.from_cells(E19.proactive, {("licensing", "decisions"): -8})


def test_money_must_be_decimal_and_unit_known() -> None:
    with pytest.raises(GovinfoError):
        Proactive.from_cells(E21.proactive, {("fees", "amount"): 1.5})  # type: ignore[dict-item]
    with pytest.raises(GovinfoError):
        Proactive.from_cells(E21.proactive, {("fees", "amount"): Decimal("NaN")})
    with pytest.raises(GovinfoError):
        Proactive.from_cells(E19.proactive, {("procurement", "unit"): "美元"})
    ok = Proactive.from_cells(
        E19.proactive, {("procurement", "amount"): Decimal("251000"), ("procurement", "unit"): "元"}
    )
    assert ok["procurement", "unit"] == "元"


def test_shape_is_enforced() -> None:
    with pytest.raises(GovinfoError) as info:
        RequestTable(spec=E21.requests[0], cells=(0,) * 161)
    assert info.value.code == "wrong_shape"
    with pytest.raises(GovinfoError):
        RequestTable(spec=E21.appeals, cells=(0,) * 15)  # an appeal layout is not a request layout
    with pytest.raises(GovinfoError):
        AppealTable(spec=E21.requests[0], cells=(0,) * 175)


def test_edition_and_layout_must_agree() -> None:
    with pytest.raises(GovinfoError):
        Report(edition="2021", agency="某局", year=2023, proactive=Proactive.empty(E19.proactive))
    with pytest.raises(GovinfoError):
        Report(edition="2019", agency="某局", year=2019, requests=RequestTable.empty(E21.requests[0]))
    # the undivided （六） is admitted in 2021 (Hongze) and is the only layout of 2019
    Report(
        edition="2021",
        agency="某局",
        year=2023,
        requests=RequestTable.empty(E21.request_layout("undivided-other")),
    )
    r19 = Report(edition="2019", agency="某局", year=2019)
    assert not r19.requests.other_divided


def test_unknown_edition_rejected() -> None:
    with pytest.raises(GovinfoError) as info:
        Report(edition="2020", agency="某局", year=2020)
    assert info.value.code == "bad_edition"


def test_row_view_is_a_mapping_in_official_order() -> None:
    r = linping_education_2023()
    row = r.requests.row("results.unable.not_held")
    assert list(row) == [
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_services",
        "other",
        "total",
    ]
    assert row["natural_person"] == 1  # Linping: 本机关不掌握相关政府信息 1 (自然人)
    assert next(c.label for c, _ in row.cells()) == "自然人"
    with pytest.raises(KeyError):
        row["nobody"]


def test_rows_iterate_in_official_order() -> None:
    keys = [row.key for row in linping_education_2023().requests.rows()]
    assert keys[:3] == ["new_received", "carried_over", "results.granted"]
    assert keys[-2:] == ["results.total", "carried_forward"]
    assert len(keys) == 25


def test_computed_results_next_to_stated_total() -> None:
    t = linping_education_2023().requests
    assert t.computed_results("natural_person") == 12
    assert t["results.total", "natural_person"] == 12


def test_lookup_errors() -> None:
    t = linping_education_2023().requests
    with pytest.raises(KeyError):
        t["results.other", "total"]  # divided in 2021: （六） has sub-rows, no row of its own
    assert t["results.other.other", "total"] == 0


def test_replace_returns_a_new_table() -> None:
    t = linping_education_2023().appeals
    t2 = t.replace("review", "upheld", 3)
    assert t["review", "upheld"] == 0
    assert t2["review", "upheld"] == 3
    assert t2 != t


def test_narrative_validation() -> None:
    n = Narrative.of("甲。", subsections={"主动公开情况": ["乙。"]})
    assert n.all_paragraphs() == ("甲。", "乙。")
    with pytest.raises(GovinfoError):
        Narrative(paragraphs=(1,))  # type: ignore[arg-type]
    with pytest.raises(GovinfoError):
        Subsection(title=None, paragraphs=())  # type: ignore[arg-type]


def test_sections_in_official_order() -> None:
    keys = [k for k, _ in linping_education_2023().sections()]
    assert keys == ["overview", "proactive", "requests", "appeals", "problems", "other_matters"]


def test_default_title() -> None:
    r = linping_education_2023()
    assert r.title is None
    assert r.title_or_default == "杭州市临平区教育局2023年度政府信息公开工作年度报告"


def test_reports_pickle_with_the_catalogue_objects() -> None:
    import pickle

    r = linping_education_2023()
    again = pickle.loads(pickle.dumps(r))
    assert again == r
    assert again.requests.spec is r.requests.spec
    assert again.proactive.spec is get_edition("2021").proactive
