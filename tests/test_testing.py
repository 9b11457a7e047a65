"""govinfo.testing: assertion helpers, argument checking of the strategies, Hypothesis registration."""

from __future__ import annotations

import subprocess
import sys
import unittest
from decimal import Decimal
from importlib.metadata import entry_points
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.vendor.pretty import pretty

import govinfo
from govinfo import Narrative, Report
from govinfo.examples import linping_education_2023
from govinfo.testing import ReportAssertions, assert_reports_equal, report_differences
from govinfo.testing import strategies as gst

LINPING = linping_education_2023()


# --- assert_reports_equal ---------------------------------------------------------------------


def test_equal_reports_pass() -> None:
    assert_reports_equal(LINPING, Report.from_json(LINPING.to_json()))
    assert report_differences(LINPING, LINPING) == []


def test_cell_differences_are_named_by_official_labels() -> None:
    other = attrs.evolve(
        LINPING,
        requests=LINPING.requests.replace("results.withheld.state_secret", "natural_person", 1).replace(
            "carried_forward", "total", None
        ),
        appeals=LINPING.appeals.replace("litigation_after_review", "pending", 2),
        proactive=LINPING.proactive.replace("fees", "amount", Decimal("11615.5")),
    )
    with pytest.raises(AssertionError) as info:
        assert_reports_equal(LINPING, other)
    assert str(info.value).splitlines() == [
        "the reports differ in 4 places / 两份报告有 4 处不同:",
        "  二 第二十条第（八）项 行政事业性收费 / 本年收费金额（单位：万元）: 11615 ≠ 11615.5",
        "  三 （三）不予公开 · 1.属于国家秘密 / 自然人: 0 ≠ 1",
        "  三 四、结转下年度继续办理 / 总计: 0 ≠ None",
        "  四 行政诉讼 · 复议后起诉 / 尚未审结: 0 ≠ 2",
    ]


def test_field_and_prose_differences() -> None:
    overview = LINPING.overview
    other = attrs.evolve(
        LINPING,
        title="某局2023年政府信息公开工作年度报告",
        preamble=("依据《条例》编制。",),
        overview=attrs.evolve(overview, subsections=overview.subsections[:4]),
        problems=Narrative(),
    )
    lines = report_differences(LINPING, other)
    assert lines[:3] == [
        "title: None ≠ '某局2023年政府信息公开工作年度报告'",
        "$.preamble[0]: (absent) ≠ '依据《条例》编制。'",
        "一 $.overview.subsections[4]: '监督保障情况' ≠ (absent)",
    ]
    assert lines[3].startswith("五 $.problems.paragraphs[0]: '2023年度，我局在认真贯彻实施政务公开工作的同时")
    assert lines[3].endswith("…' ≠ (absent)")
    assert len(lines) == 5  # 五 has two paragraphs


def test_layout_differences_list_cells_of_either_layout() -> None:
    edition = LINPING.edition_spec
    undivided = edition.request_layout("undivided-other")
    cells = {
        (c.row.key, c.column.key): v for c, v in LINPING.requests.items() if c.row.key in undivided.row_keys()
    }
    cells.update({("results.other", c): 0 for c in ("natural_person", "commercial", "research")})
    other = attrs.evolve(LINPING, requests=govinfo.RequestTable.from_cells(undivided, cells))
    lines = report_differences(LINPING, other)
    assert lines[0] == "三 layout: divided-other ≠ undivided-other"
    assert "三 （六）其他处理 · 3.其他 / 自然人: 0 ≠ (absent)" in lines
    assert "三 （六）其他处理 / 自然人: (absent) ≠ 0" in lines
    assert "三 （六）其他处理 / 总计: (absent) ≠ None" in lines


def test_message_is_capped_and_says_how_many_more() -> None:
    other = attrs.evolve(
        LINPING,
        requests=govinfo.RequestTable(spec=LINPING.requests.spec, cells=(7,) * len(LINPING.requests.cells)),
    )
    with pytest.raises(AssertionError) as info:
        assert_reports_equal(LINPING, other, msg="parsed")
    lines = str(info.value).splitlines()
    n = sum(v != 7 for v in LINPING.requests.cells)
    assert lines[0] == f"parsed: the reports differ in {n} places / 两份报告有 {n} 处不同:"
    assert lines[-1] == f"  … and {n - 40} more / 另有 {n - 40} 处"
    assert len(lines) == 42


def test_not_reports_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not Report and dict"):
        assert_reports_equal(LINPING, LINPING.to_dict())  # type: ignore[arg-type]


def test_unittest_integration() -> None:
    class T(ReportAssertions, unittest.TestCase):
        def setUp(self) -> None:
            self.addTypeEqualityFunc(Report, assert_reports_equal)

        def test_equal(self) -> None:
            self.assertEqual(LINPING, attrs.evolve(LINPING, year=2022))  # noqa: PT009

        def test_valid(self) -> None:
            self.assertReportValid(
                attrs.evolve(LINPING, appeals=LINPING.appeals.replace("review", "total", 3))
            )

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(T).run(result)
    failures = {test.id().rsplit(".", 1)[1]: text for test, text in result.failures}
    assert set(failures) == {"test_equal", "test_valid"}
    assert "year: 2023 ≠ 2022" in failures["test_equal"]
    assert "E4-appeal-total" in failures["test_valid"]


def test_assertions_are_the_validation_ones() -> None:
    from govinfo.validation import assertions

    assert govinfo.testing.assert_valid is assertions.assert_valid
    assert govinfo.testing.ReportAssertions is assertions.ReportAssertions
    with pytest.raises(AttributeError):
        _ = govinfo.testing.no_such_name


# --- strategies: arguments are checked --------------------------------------------------------

loose: Any = gst  # the calls below pass wrong types on purpose


@pytest.mark.parametrize(
    "make",
    [
        lambda: loose.reports(editions="2021"),
        lambda: loose.reports(editions=[]),
        lambda: loose.reports(editions=["2020"]),
        lambda: loose.reports(consistent=1),
        lambda: loose.reports(blanks="yes"),
        lambda: loose.reports(undivided_other=0),
        lambda: loose.reports(editions=["2019"], undivided_other=False),
        lambda: loose.reports(years=2023),
        lambda: loose.reports(agencies="某局"),
        lambda: loose.reports(titles=None, published_dates="2024-01-01"),
        lambda: loose.reports(narratives=Narrative()),
        lambda: loose.request_tables(consistent=None),
        lambda: loose.proactive_tables(blanks=1),
        lambda: loose.appeal_tables(consistent="no"),
        lambda: loose.narratives(titles=["a"]),
        lambda: loose.broken_dicts(codes="bad_year"),
        lambda: loose.broken_dicts(codes=[]),
        lambda: loose.broken_dicts(codes=["bad_json"]),
        lambda: loose.broken_dicts(editions=["2021"], codes=["bad_unit"]),
        lambda: loose.published_texts(deviations=["D23"]),
        lambda: loose.published_texts(deviations="D3"),
        lambda: loose.published_texts(reports=govinfo.examples.linping_education_2023()),
    ],
)
def test_bad_arguments_raise_invalid_argument(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "strategy",
    [
        loose.reports(years=st.just(23)),
        loose.reports(years=st.just(True)),
        loose.reports(agencies=st.just(1)),
        loose.reports(titles=st.just(b"x")),
        loose.reports(published_dates=st.just("2024-01-01")),
        loose.reports(narratives=st.just("无")),
        loose.narratives(paragraphs=st.just(1)),
        loose.published_texts(reports=st.just("a report")),
    ],
)
def test_bad_generated_values_raise_invalid_argument(strategy: st.SearchStrategy[object]) -> None:
    @settings(max_examples=50, database=None)
    @given(strategy)
    def draw(value: object) -> None:
        pass

    with pytest.raises(InvalidArgument):
        draw()


# --- registration with Hypothesis --------------------------------------------------------------


def test_the_hypothesis_entry_point_is_declared() -> None:
    hooks = {ep.name: ep.value for ep in entry_points(group="hypothesis")}
    assert hooks["govinfo"] == "govinfo.testing._hypothesis_hook:_hypothesis_setup_hook"


@settings(max_examples=10)
@given(st.from_type(Report), st.from_type(govinfo.RequestTable), st.from_type(govinfo.AppealTable))
def test_from_type_gives_govinfo_values(
    report: Report, requests: govinfo.RequestTable, appeals: govinfo.AppealTable
) -> None:
    assert isinstance(report, Report)
    assert isinstance(requests, govinfo.RequestTable)
    assert appeals.row("review").total == appeals.row("review").computed_total


def test_hypothesis_import_registers_without_importing_the_strategies() -> None:
    code = (
        "import sys, hypothesis\n"
        "from hypothesis.strategies._internal.types import _global_type_lookup as lookup\n"
        "import govinfo\n"
        "print(govinfo.Report in lookup, 'govinfo.testing.strategies' in sys.modules,"
        " 'govinfo.validation' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False", "False"]


def test_importing_govinfo_testing_imports_no_hypothesis() -> None:
    code = "import sys, govinfo.testing\nprint('hypothesis' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_falsifying_examples_print_table_layouts_briefly() -> None:
    text = pretty(LINPING)
    assert "spec=govinfo.catalogue.EDITIONS['2021'].request_layout('divided-other')" in text
    assert "spec=govinfo.catalogue.EDITIONS['2021'].proactive" in text
    assert len(text) < 5000  # the layouts' rows and columns are not printed
    assert (
        eval("govinfo.catalogue.EDITIONS['2021'].request_layout('divided-other')", {"govinfo": govinfo})
        is LINPING.requests.spec
    )
