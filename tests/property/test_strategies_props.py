"""The strategies of govinfo.testing keep their promises.

The identities are checked here by hand-written sums over row and column keys, independently
of govinfo.validate (whose agreement is checked in test_consistency_at_scale.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from govinfo import AppealTable, Narrative, Proactive, Report, RequestTable
from govinfo.catalogue import common
from govinfo.testing.strategies import (
    agencies,
    appeal_tables,
    narratives,
    proactive_tables,
    reports,
    request_tables,
)

T = TypeVar("T")
APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other")
OUTCOMES = ("upheld", "corrected", "other", "pending")
LEAVES_2021 = (
    "results.granted",
    "results.partially_granted",
    *(
        f"results.withheld.{k}"
        for k in (
            "state_secret",
            "prohibited_by_law",
            "security_stability",
            "third_party",
            "internal_affairs",
            "process_information",
            "enforcement_files",
            "query_matters",
        )
    ),
    "results.unable.not_held",
    "results.unable.needs_creation",
    "results.unable.still_unclear",
    *(
        f"results.not_processed.{k}"
        for k in ("complaint", "duplicate", "publication", "excessive", "confirmation")
    ),
)


def v(x: object) -> int:
    """A cell as the identities read it: blank = 0."""
    assert x is None or type(x) is int, x
    return x or 0


def assert_requests_consistent(t: RequestTable) -> None:
    other = (
        ("results.other.no_correction", "results.other.unpaid_fee", "results.other.other")
        if t.other_divided
        else ("results.other",)
    )
    leaves = (*LEAVES_2021, *other)
    assert len(leaves) == len(t.spec.rows) - 4  # 一, 二, （七）, 四 and nothing else outside the leaves
    for col in (*APPLICANTS, "total"):
        # E1 and E3
        assert v(t["new_received", col]) + v(t["carried_over", col]) == v(t["results.total", col]) + v(
            t["carried_forward", col]
        )
        assert v(t["results.total", col]) == sum(v(t[r, col]) for r in leaves)
    for row in t.spec.rows:  # E2
        assert v(t[row.key, "total"]) == sum(v(t[row.key, c]) for c in APPLICANTS)


def assert_appeals_consistent(t: AppealTable) -> None:
    for row in ("review", "litigation_direct", "litigation_after_review"):  # E4
        assert v(t[row, "total"]) == sum(v(t[row, c]) for c in OUTCOMES)


def assert_proactive_consistent(t: Proactive) -> None:
    for row in ("rules", "normative_documents"):
        if t.edition.key == "2019":  # S4
            assert v(t[row, "new_published"]) <= v(t[row, "total_published"])
        else:  # S2: last year's 现行有效件数 cannot be negative
            assert v(t[row, "in_force"]) >= v(t[row, "issued"]) - v(t[row, "repealed"])


@given(reports())
def test_consistent_reports_satisfy_every_identity(report: Report) -> None:
    assert_requests_consistent(report.requests)
    assert_appeals_consistent(report.appeals)
    assert_proactive_consistent(report.proactive)
    assert None not in report.requests.cells + report.appeals.cells


@given(reports(blanks=True))
def test_blanks_only_where_the_value_would_be_zero(report: Report) -> None:
    # blank = 0 keeps every identity: the blanks replaced zeros
    assert_requests_consistent(report.requests)
    assert_appeals_consistent(report.appeals)
    assert_proactive_consistent(report.proactive)


def occurs(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> bool:
    """Whether some generated value meets ``condition`` (no shrinking: only existence matters)."""
    try:
        find(strategy, condition, settings=settings(phases=[Phase.generate], max_examples=200, database=None))
    except NoSuchExample:
        return False
    return True


def test_blanks_do_occur() -> None:
    assert occurs(request_tables(blanks=True), lambda t: None in t.cells)
    assert occurs(appeal_tables(blanks=True), lambda t: None in t.cells)
    assert occurs(proactive_tables(blanks=True), lambda t: None in t.cells)
    assert not occurs(request_tables(), lambda t: None in t.cells)


@given(request_tables(consistent=False, blanks=True), appeal_tables(consistent=False))
def test_inconsistent_tables_are_type_valid(requests: RequestTable, appeals: AppealTable) -> None:
    assert all(c is None or (type(c) is int and c >= 0) for c in requests.cells)
    assert all(type(c) is int and c >= 0 for c in appeals.cells)


def test_inconsistent_tables_do_break_identities() -> None:
    def broken(check: Callable[[T], None]) -> Callable[[T], bool]:
        def is_broken(table: T) -> bool:
            try:
                check(table)
            except AssertionError:
                return True
            return False

        return is_broken

    assert occurs(appeal_tables(consistent=False), broken(assert_appeals_consistent))
    assert occurs(request_tables(consistent=False), broken(assert_requests_consistent))


@given(reports(editions=["2019"]))
def test_2019_reports(report: Report) -> None:
    assert report.edition == "2019"
    assert not report.requests.other_divided
    assert 2019 <= report.year <= 2020
    assert report.proactive["procurement", "unit"] in ("元", "万元", None)


@given(reports(undivided_other=False))
def test_divided_other_means_2021(report: Report) -> None:
    assert report.edition == "2021"
    assert report.requests.other_divided


@given(request_tables(editions=["2021", "2019"], undivided_other=True))
def test_undivided_other(t: RequestTable) -> None:
    assert not t.other_divided


@given(reports())
def test_default_title_date_and_year(report: Report) -> None:
    assert report.title is None or (
        report.title != report.default_title
        and report.agency in report.title
        and str(report.year) in report.title
    )
    assert report.published is None or dt.date(report.year + 1, 1, 1) <= report.published
    assert report.published is None or report.published <= dt.date(report.year + 1, 6, 30)
    assert report.edition_spec.years[0] <= report.year


@given(
    reports(
        years=st.just(2030),
        agencies=st.just("某局"),
        titles=st.just("某局2030年度报告"),
        published_dates=st.just(dt.date(2031, 1, 31)),
        narratives=st.just(Narrative.of("无。")),
    )
)
def test_every_default_can_be_replaced(report: Report) -> None:
    assert (report.year, report.agency, report.title) == (2030, "某局", "某局2030年度报告")
    assert report.published == dt.date(2031, 1, 31)
    assert report.overview == report.problems == report.other_matters == Narrative.of("无。")


@given(proactive_tables())
def test_money_keeps_its_stated_places(t: Proactive) -> None:
    for _, value in t.items():
        if isinstance(value, Decimal):
            assert value >= 0
            assert -4 <= value.as_tuple().exponent <= 0  # type: ignore[operator]
            # to_dict writes the places stated, and reading it back gives the same exponent
            assert Decimal(format(value, "f")).as_tuple() == value.as_tuple()


@given(narratives())
def test_narratives_have_distinct_subsection_titles_and_no_counts(n: Narrative) -> None:
    titles = [s.title for s in n.subsections]
    assert len(titles) == len(set(titles))
    for p in n.all_paragraphs():
        assert p.endswith("。")
        assert not any(ch.isdigit() for ch in p.removeprefix("1.").removeprefix("2."))


@given(agencies())
def test_agencies(name: str) -> None:
    assert name
    assert name.strip() == name


def test_title_variants_are_not_the_default() -> None:
    for variant in common.TITLE_VARIANTS:
        assert variant.format(agency="某局", year=2023) != common.TITLE_TEMPLATE.format(
            agency="某局", year=2023
        )
