"""Validation: real reports, hand-made faults, blanks, prose, series, errors and assertions.

Expected values are written by hand from the published documents (tests/data/README.md) and
from the Linping report's cells (new_received 12 = 自然人 12; granted 11; not_held 1; （七） 12).
"""

from __future__ import annotations

import pickle
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from govinfo import Finding, GovinfoError, InvalidReportError, Narrative, Report, ValidationError
from govinfo.catalogue import GridSpec, GroupSpec, RowSpec
from govinfo.catalogue.common import REQUEST_COLUMNS
from govinfo.catalogue.spec import table_spec
from govinfo.validation import CODES, format_findings, rules, rules_markdown
from govinfo.validation.assertions import ReportAssertions, assert_clean, assert_findings, assert_valid
from govinfo.validation.findings import sort_findings

DATA = Path(__file__).parent / "data"
DOCS = Path(__file__).parent.parent / "docs"


def load(name: str) -> Report:
    return Report.from_json((DATA / f"{name}.tables.json").read_text(encoding="utf-8"))


@pytest.fixture
def linping() -> Report:
    return govinfo.examples.linping_education_2023()


def codes(findings: list[Finding], severity: str | None = None) -> list[str]:
    return [f.code for f in findings if severity is None or f.severity == severity]


def set_cells(report: Report, table: str, changes: dict[tuple[str, str], Any]) -> Report:
    t = getattr(report, table)
    for (row, col), value in changes.items():
        t = t.replace(row, col, value)
    kwargs: dict[str, Any] = {table: t}
    return attrs.evolve(report, **kwargs)


MISSING_SECTIONS = ["$.overview", "$.proactive", "$.problems", "$.other_matters"]


# --- the published reports ---------------------------------------------------------------------


def test_linping_has_no_finding_at_all(linping: Report) -> None:
    assert govinfo.validate(linping) == []
    assert govinfo.is_valid(linping)
    assert linping.check() == []


def test_huaian_has_no_error_and_no_warning() -> None:
    findings = govinfo.validate(load("huaian-government-2024"))
    assert [f.severity for f in findings] == ["info"] * 4
    # the extract holds only 三 and 四: one info per missing section, none per cell
    assert [(f.code, f.path) for f in findings] == [("B-section-not-stated", p) for p in MISSING_SECTIONS]
    assert govinfo.is_valid(load("huaian-government-2024"))


def test_pingtan_2019_has_no_error_and_no_warning() -> None:
    findings = govinfo.validate(load("pingtan-2019"))
    assert codes(findings, "error") == []
    assert codes(findings, "warning") == []


def test_hongze_gives_exactly_the_two_published_e4_errors() -> None:
    findings = govinfo.validate(load("hongze-government-2023"))
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.code, f.rule, f.path, f.label, f.actual, f.expected) for f in errors] == [
        ("E4-appeal-total", "E4", "$.appeals.review.total", "四 · 行政复议 / 总计", 0, 11),
        (
            "E4-appeal-total",
            "E4",
            "$.appeals.litigation_after_review.total",
            "四 · 行政诉讼 · 复议后起诉 / 总计",
            0,
            5,
        ),
    ]
    assert codes(findings, "warning") == []
    assert [f.path for f in findings if f.severity == "info"] == MISSING_SECTIONS
    review, after = errors
    # 10 + 1 + 0 + 0 vs 0: only the total can change without a count going negative
    assert review.suspect is not None
    assert (review.suspect.path, review.suspect.stated, review.suspect.suggested) == (
        "$.appeals.review.total",
        0,
        11,
    )
    # 5 + 0 + 0 + 0 vs 0: 维持 → 0 or 总计 → 5 would each do; the arithmetic cannot tell
    assert after.suspect is None
    assert [(c.label, c.suggested) for c in after.candidates] == [
        ("四 · 行政诉讼 · 复议后起诉 / 结果维持", 0),
        ("四 · 行政诉讼 · 复议后起诉 / 总计", 5),
    ]
    assert "无法确定" in after.message_zh
    assert "Any one of these cells" in after.message_en
    with pytest.raises(ValidationError) as info:
        load("hongze-government-2023").check()
    assert [p[:2] for p in info.value.problems()] == [
        ("E4-appeal-total", "$.appeals.review.total"),
        ("E4-appeal-total", "$.appeals.litigation_after_review.total"),
    ]
    assert not govinfo.is_valid(load("hongze-government-2023"))


# --- locating a wrong cell ---------------------------------------------------------------------


def test_a_result_cell_breaks_its_row_and_its_column_and_is_named(linping: Report) -> None:
    bad = set_cells(linping, "requests", {("results.withheld.state_secret", "natural_person"): 2})
    findings = govinfo.validate(bad)
    assert [(f.code, f.path, f.actual, f.expected) for f in findings] == [
        ("E2-row-total", "$.requests.results.withheld.state_secret.total", 0, 2),
        ("E3-results-total", "$.requests.results.total.natural_person", 12, 14),
    ]
    for f in findings:
        assert f.suspect is not None
        assert f.suspect.path == "$.requests.results.withheld.state_secret.natural_person"
        assert f.suspect.label == "三（三）不予公开 · 1.属于国家秘密 / 自然人"
        assert (f.suspect.stated, f.suspect.suggested) == (2, 0)
        assert "三（三）不予公开 · 1.属于国家秘密 / 自然人" in f.message_zh
    assert findings[0].label == "三（三）不予公开 · 1.属于国家秘密 / 总计"
    assert findings[1].label == "三（七）总计 / 自然人"
    assert findings[1].message_zh.startswith(
        "三（七）总计 / 自然人：填报 12，但本列“本年度办理结果”各行之和为 14"
    )


def test_the_grand_total_breaks_three_identities_and_is_named(linping: Report) -> None:
    bad = set_cells(linping, "requests", {("results.total", "total"): 13})
    findings = govinfo.validate(bad)
    # table order: the （七） row (E2 at its 总计, E3 at the same cell), then 四 (E1)
    assert [(f.code, f.path, f.actual, f.expected) for f in findings] == [
        ("E2-row-total", "$.requests.results.total.total", 13, 12),
        ("E3-results-total", "$.requests.results.total.total", 13, 12),
        ("E1-column-balance", "$.requests.carried_forward.total", 0, -1),
    ]
    assert {f.suspect.path for f in findings if f.suspect} == {"$.requests.results.total.total"}
    assert all(f.suspect is not None for f in findings)
    e1 = findings[2]
    assert e1.label == "三 · 四、结转下年度继续办理 / 总计"
    assert "总计列 一 + 二 = 12，（七） + 四 = 13" in e1.message_zh
    assert "三（七）总计 / 总计" in e1.message_zh  # the suspect, by its official labels


def test_two_wrong_cells_give_no_single_suspect(linping: Report) -> None:
    bad = set_cells(
        linping, "requests", {("results.granted", "natural_person"): 10, ("new_received", "commercial"): 1}
    )
    findings = govinfo.validate(bad)
    assert codes(findings, "error") == [
        "E2-row-total",
        "E2-row-total",
        "E3-results-total",
        "E1-column-balance",
    ]
    by_path = {f.path: f for f in findings}
    # each fault is still located on the identities it alone explains
    assert by_path["$.requests.results.granted.total"].suspect.path == (  # type: ignore[union-attr]
        "$.requests.results.granted.natural_person"
    )
    assert by_path["$.requests.new_received.total"].suspect.path == (  # type: ignore[union-attr]
        "$.requests.new_received.commercial"
    )


# --- blanks ------------------------------------------------------------------------------------


def test_a_blank_cell_is_its_own_finding_and_not_a_mismatch(linping: Report) -> None:
    bad = set_cells(linping, "requests", {("results.granted", "natural_person"): None})
    findings = govinfo.validate(bad)
    # table order: the blank cell comes before its row's 总计 and the （七） row. Both identities
    # fail only with the blank read as 0, and 11 in the blank would satisfy them: warnings
    # naming the blank (report-format.md §5), not errors.
    assert [(f.code, f.severity, f.path) for f in findings] == [
        ("B-blank-cell", "warning", "$.requests.results.granted.natural_person"),
        ("E2-row-total-blank", "warning", "$.requests.results.granted.total"),
        ("E3-results-total-blank", "warning", "$.requests.results.total.natural_person"),
    ]
    for f in findings[1:]:
        assert f.suspect is None
        assert f.expected is None
        assert "三（一）予以公开 / 自然人" in f.message_zh
        assert "相差 11" in f.message_zh
        assert "off by 11" in f.message_en
        assert "填报 0" not in f.message_zh
        assert "states 0" not in f.message_en
    assert findings[0].label == "三（一）予以公开 / 自然人"
    assert findings[0].actual is None


def test_a_mismatch_no_blank_could_repair_is_still_an_error(linping: Report) -> None:
    # 自然人 of （一） blank, but its row's 总计 already exceeds nothing: make 总计 smaller than
    # the stated cells, so no non-negative value in the blank can repair E2.
    bad = set_cells(
        linping,
        "requests",
        {("results.granted", "natural_person"): None, ("results.granted", "commercial"): 20},
    )
    findings = govinfo.validate(bad)
    e2 = next(f for f in findings if f.path == "$.requests.results.granted.total")
    assert (e2.code, e2.severity) == ("E2-row-total", "error")
    assert "1 格未填报，按 0 计" in e2.message_zh


def test_a_blank_total_is_described_as_blank(linping: Report) -> None:
    bad = set_cells(
        linping, "requests", {("results.granted", "total"): None, ("results.granted", "research"): 5}
    )
    findings = govinfo.validate(bad)
    (e2,) = [f for f in findings if f.path == "$.requests.results.granted.total" and f.code.startswith("E2")]
    # The blank 总计 could hold the row's sum: a blank finding that calls it blank, not "0".
    assert (e2.code, e2.severity) == ("E2-row-total-blank", "warning")
    assert "空白格（三（一）予以公开 / 总计）" in e2.message_zh
    assert "填报 0" not in e2.message_zh
    assert "blank cells (三（一）予以公开 / 总计" in e2.message_en
    assert "states 0" not in e2.message_en
    # A blank total that no value could repair (its row states more than the balance allows)
    # is an error, described as blank.
    over = set_cells(linping, "requests", {("carried_forward", "total"): None, ("new_received", "total"): 0})
    (e1,) = [
        f for f in govinfo.validate(over) if f.code.startswith("E1") and f.path.endswith("forward.total")
    ]
    assert (e1.code, e1.severity) == ("E1-column-balance", "error")
    assert "未填报" in e1.message_zh
    assert "is blank" in e1.message_en


def test_a_zero_left_blank_is_only_a_blank(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "pending"): None})
    assert [(f.code, f.label) for f in govinfo.validate(bad)] == [
        ("B-blank-cell", "四 · 行政复议 / 尚未审结")
    ]


def test_only_the_total_column_filled_gives_one_finding_per_blank_column(linping: Report) -> None:
    t = linping.requests
    columns = [c.key for c in t.spec.grids[0].columns if not c.is_total]
    bad = set_cells(linping, "requests", {(r.key, c): None for r in t.spec.rows for c in columns})
    findings = govinfo.validate(bad)
    blanks = [f for f in findings if f.code.startswith("B-")]
    assert [(f.code, f.path, f.label) for f in blanks] == [
        ("B-blank-column", "$.requests..natural_person", "三 / 自然人"),
        ("B-blank-column", "$.requests..commercial", "三 / 商业企业"),
        ("B-blank-column", "$.requests..research", "三 / 科研机构"),
        ("B-blank-column", "$.requests..public_interest", "三 / 社会公益组织"),
        ("B-blank-column", "$.requests..legal_services", "三 / 法律服务机构"),
        ("B-blank-column", "$.requests..other", "三 / 其他"),
    ]
    # D1: only 总计 filled. With blank = 0 the four rows with a non-zero 总计 break E2, but the
    # blanks could hold them: warnings, not errors (a page of false errors before).
    assert [f for f in findings if f.severity == "error"] == []
    warned = [f for f in findings if f.code == "E2-row-total-blank"]
    assert [(f.path, f.actual) for f in warned] == [
        ("$.requests.new_received.total", 12),
        ("$.requests.results.granted.total", 11),
        ("$.requests.results.unable.not_held.total", 1),
        ("$.requests.results.total.total", 12),
    ]
    assert all(f.suspect is None and not f.candidates for f in warned)


def test_a_blank_row_is_one_finding(linping: Report) -> None:
    t = linping.requests
    row = "results.other.unpaid_fee"
    bad = set_cells(linping, "requests", {(row, c.key): None for c in t.spec.grids[0].columns})
    (finding,) = govinfo.validate(bad)
    assert (finding.code, finding.path, finding.severity) == (
        "B-blank-row",
        f"$.{'requests'}.{row}",
        "warning",
    )
    assert finding.label == (
        "三（六）其他处理 · 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )


def test_a_wholly_blank_section_is_one_info(linping: Report) -> None:
    bad = attrs.evolve(
        linping, requests=type(linping.requests).empty(linping.requests.spec), problems=Narrative()
    )
    findings = govinfo.validate(bad)
    assert [(f.code, f.severity, f.path, f.label) for f in findings] == [
        ("B-section-not-stated", "info", "$.requests", "三、收到和处理政府信息公开申请情况"),
        ("B-section-not-stated", "info", "$.problems", "五、存在的主要问题及改进情况"),
    ]


# --- soft rules ----------------------------------------------------------------------------------


def test_s2_in_force_below_issued_minus_repealed(linping: Report) -> None:
    # Linping: 行政规范性文件 制发 1, 废止 1, 现行有效 12
    bad = set_cells(linping, "proactive", {("normative_documents", "issued"): 20})
    (f,) = govinfo.validate(bad)
    assert (f.code, f.severity, f.rule, f.path, f.actual, f.expected) == (
        "S2-in-force-low",
        "warning",
        "S2",
        "$.proactive.normative_documents.in_force",
        12,
        19,
    )
    assert f.label == "二 · 第二十条第（一）项 · 行政规范性文件 / 现行有效件数"
    assert "本年制发件数 − 本年废止件数 = 19" in f.message_zh


def test_s4_new_published_above_total() -> None:
    pingtan = load("pingtan-2019")
    spec = pingtan.proactive.spec
    proactive = type(pingtan.proactive).from_cells(
        spec,
        {
            (c.row.key, c.column.key): (8 if c.column.key == "new_published" else 5)
            for c in spec.cells
            if c.kind.value == "count"
        },
    )
    findings = govinfo.validate(attrs.evolve(pingtan, proactive=proactive))
    s4 = [(f.path, f.actual, f.expected) for f in findings if f.code == "S4-published-over-total"]
    assert s4 == [
        ("$.proactive.rules.total_published", 5, 8),
        ("$.proactive.normative_documents.total_published", 5, 8),
    ]


# --- S5: interchange dicts ---------------------------------------------------------------------


def test_s5_findings_for_a_dict_with_bad_cells(linping: Report) -> None:
    d = linping.to_dict()
    d["appeals"]["review"]["upheld"] = -1
    d["requests"]["new_received"]["commercial"] = "3"
    d["proactive"]["fees"]["amount"] = "-5"
    findings = govinfo.validate(d)
    assert [(f.code, f.path, f.actual) for f in findings] == [
        ("S5-negative", "$.proactive.fees.amount", "-5"),
        ("S5-not-a-number", "$.requests.new_received.commercial", "3"),
        ("S5-negative", "$.appeals.review.upheld", -1),
    ]
    assert all(f.severity == "error" and f.rule == "S5" for f in findings)
    assert findings[2].label == "四 · 行政复议 / 结果维持"
    assert not govinfo.is_valid(d)


def test_a_dict_with_other_problems_raises_and_is_not_valid(linping: Report) -> None:
    d = linping.to_dict()
    d["appeals"]["review"]["upheld"] = -1
    d["colour"] = "red"
    with pytest.raises(InvalidReportError) as info:
        govinfo.validate(d)
    assert {p[0] for p in info.value.problems()} == {"negative_count", "unknown_key"}
    assert govinfo.is_valid(d) is False


@pytest.mark.parametrize("junk", [None, 3, "report", b"{}", [], {}, {"edition": "2021"}, object()])
def test_is_valid_never_raises(junk: object) -> None:
    assert govinfo.is_valid(junk) is False


def test_validate_rejects_what_is_not_a_report() -> None:
    with pytest.raises(GovinfoError) as info:
        govinfo.validate(42)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("wrong_type", "$")


# --- S6: the prose of 一 ----------------------------------------------------------------------


def with_overview(report: Report, *paragraphs: str) -> Report:
    return attrs.evolve(report, overview=Narrative.of(*paragraphs))


@pytest.mark.parametrize(
    "text",
    [
        "全年受理依申请公开12件，其中：予以公开的11件，本机关不掌握相关政府信息1件。",
        "全年共收到政府信息公开申请 １２ 件，均按时答复。",
        "收到行政复议申请2件。",  # an appeal, not a request
        "全年受理人大代表建议30件、政协提案8件。",  # not about requests
        "主动公开政府信息74条，其中予以公开的条目较多。",  # no 件
    ],
)
def test_s6_is_quiet_when_the_prose_agrees_or_says_nothing(linping: Report, text: str) -> None:
    assert govinfo.validate(with_overview(linping, text)) == []


def test_s6_received_count_disagrees(linping: Report) -> None:
    (f,) = govinfo.validate(with_overview(linping, "全年受理依申请公开13件。"))
    assert (f.code, f.severity, f.path, f.actual, f.expected) == (
        "S6-prose-requests",
        "warning",
        "$.overview.paragraphs[0]",
        13,
        12,
    )
    assert f.label == "一、总体情况"
    assert "三 · 一、本年新收政府信息公开申请数量 / 总计 为 12" in f.message_zh
    assert "三（七）总计 / 总计 为 12" in f.message_zh


def test_s6_outcome_counts_disagree(linping: Report) -> None:
    text = "全年受理依申请公开12件，其中：予以公开的10件，本机关不掌握相关政府信息1件，不予公开3件。"
    findings = govinfo.validate(with_overview(linping, text))
    assert [(f.code, f.actual, f.expected) for f in findings] == [
        ("S6-prose-outcome", 10, 11),
        ("S6-prose-outcome", 3, 0),
    ]
    assert "三（一）予以公开 / 总计 为 11" in findings[0].message_zh
    assert "三（三）不予公开 / 总计 为 0" in findings[1].message_zh


def test_s6_in_a_subsection_names_it(linping: Report) -> None:
    paragraphs = linping.overview.subsections[1].paragraphs
    changed = paragraphs[0].replace("予以公开的11件", "予以公开的9件")
    sub = attrs.evolve(linping.overview.subsections[1], paragraphs=(changed, *paragraphs[1:]))
    subs = (linping.overview.subsections[0], sub, *linping.overview.subsections[2:])
    (f,) = govinfo.validate(attrs.evolve(linping, overview=attrs.evolve(linping.overview, subsections=subs)))
    assert (f.code, f.path, f.label) == (
        "S6-prose-outcome",
        "$.overview.subsections[1].paragraphs[0]",
        "一、总体情况 · （二）依申请公开情况",
    )


# --- series ------------------------------------------------------------------------------------


def test_series_carry_over_with_gaps_and_mixed_editions(linping: Report) -> None:
    y2023 = set_cells(
        linping, "requests", {("carried_forward", "natural_person"): 3, ("carried_forward", "total"): 3}
    )
    y2024 = attrs.evolve(linping, year=2024)  # 上年结转 0, but 2023 carried 3 forward
    y2021 = attrs.evolve(linping, year=2021)  # 2022 missing: not compared
    pingtan = load("pingtan-2019")
    y2020 = set_cells(  # 2019 edition next to the 2021 one
        attrs.evolve(pingtan, year=2020),
        "requests",
        {("carried_forward", "natural_person"): 2, ("carried_forward", "total"): 2},
    )
    findings = govinfo.validate_series([y2024, y2021, y2023, y2020])
    assert [(f.code, f.year, f.path, f.actual, f.expected) for f in findings] == [
        ("S1-carry-over", 2021, "$.requests.carried_over.natural_person", 0, 2),
        ("S1-carry-over", 2021, "$.requests.carried_over.total", 0, 2),
        ("S1-carry-over", 2024, "$.requests.carried_over.natural_person", 0, 3),
        ("S1-carry-over", 2024, "$.requests.carried_over.total", 0, 3),
    ]
    assert all(f.severity == "warning" for f in findings)


def test_series_s2_and_s3(linping: Report) -> None:
    y2024 = set_cells(
        attrs.evolve(linping, year=2024), "proactive", {("normative_documents", "in_force"): 10}
    )
    (f,) = govinfo.validate_series([linping, y2024])
    # 12 in force in 2023, + 1 issued − 1 repealed in 2024 = 12, stated 10
    assert (f.code, f.path, f.actual, f.expected) == (
        "S2-in-force-change",
        "$.proactive.normative_documents.in_force",
        10,
        12,
    )
    pingtan = load("pingtan-2019")
    spec = pingtan.proactive.spec
    p2019 = type(pingtan.proactive).from_cells(
        spec, {("licensing", "items_last_year"): 40, ("licensing", "net_change"): 3}
    )
    p2020 = type(pingtan.proactive).from_cells(spec, {("licensing", "items_last_year"): 41})
    findings = govinfo.validate_series(
        [attrs.evolve(pingtan, proactive=p2019), attrs.evolve(pingtan, year=2020, proactive=p2020)]
    )
    s3 = [(f.code, f.year, f.path, f.actual, f.expected) for f in findings if f.code.startswith("S3")]
    assert s3 == [("S3-items-carry", 2020, "$.proactive.licensing.items_last_year", 41, 43)]
    assert "上一年项目数量 40（2019年） + 本年增/减 3（2019年）" in findings[-1].message_zh


def test_series_rejects_duplicates_and_non_reports(linping: Report) -> None:
    with pytest.raises(InvalidReportError) as info:
        govinfo.validate_series([linping, "x", linping])  # type: ignore[list-item]
    assert [p[:2] for p in info.value.problems()] == [("wrong_type", "$[1]"), ("duplicate_year", "$[2]")]
    assert govinfo.validate_series([]) == []


# --- findings, errors, rules, catalogue-driven identities -------------------------------------


def test_findings_sort_in_table_order_and_deduplicate(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "total"): 1})
    bad = set_cells(bad, "requests", {("new_received", "total"): 13})
    findings = govinfo.validate(bad)
    assert [f.path for f in findings] == [
        "$.requests.new_received.total",
        "$.requests.carried_forward.total",
        "$.appeals.review.total",
    ]
    assert sort_findings([*reversed(findings), *findings]) == findings


def test_validation_error_pickles_and_flattens(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "total"): 1})
    with pytest.raises(ValidationError) as info:
        govinfo.validate(bad, strict=True)
    error = info.value
    assert isinstance(error, GovinfoError)
    assert error.code == "validation_failed"
    assert [f.code for f in error.findings] == ["E4-appeal-total"]
    again = pickle.loads(pickle.dumps(error))
    assert again.problems() == error.problems()
    assert again.findings == error.findings
    matched, rest = error.split(lambda e: isinstance(e, GovinfoError) and e.code == "E4-appeal-total")
    assert rest is None
    assert isinstance(matched, ValidationError)
    assert matched.findings == error.findings


def test_strict_returns_warnings(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "pending"): None})
    assert codes(govinfo.validate(bad, strict=True)) == ["B-blank-cell"]


def test_finding_to_dict_is_plain(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "upheld"): 10, ("review", "corrected"): 1})
    (f,) = govinfo.validate(bad)
    d = f.to_dict()
    assert d["code"] == "E4-appeal-total"
    assert d["suspect"]["path"] == "$.appeals.review.total"
    assert "position" not in d
    assert str(f).startswith("E4-appeal-total: 四 · 行政复议 / 总计 [")


def test_rule_objects_have_clear_reprs_and_codes() -> None:
    assert repr(rules.E1) == "ColumnBalance(code='E1-column-balance', table='requests')"
    assert repr(rules.E4) == "RowTotals(code='E4-appeal-total', table='appeals')"
    assert repr(rules.S4) == (
        "NotLess(code='S4-published-over-total', table='proactive', subject='total_published', "
        "plus=('new_published',), minus=())"
    )
    produced = {c for r in rules.RULES for c in r.codes}
    from govinfo.validation import series

    produced |= {c for r in series.SERIES_RULES for c in r.codes}
    assert produced == set(CODES)


def test_rules_run_alone(linping: Report) -> None:
    bad = set_cells(linping, "requests", {("results.withheld.state_secret", "natural_person"): 2})
    (e2,) = rules.E2(bad)
    # E2 alone cannot tell 自然人 (2 → 0) from 总计 (0 → 2); the zeros cannot go to -2
    assert e2.suspect is None
    assert [(c.label, c.suggested) for c in e2.candidates] == [
        ("三（三）不予公开 · 1.属于国家秘密 / 自然人", 0),
        ("三（三）不予公开 · 1.属于国家秘密 / 总计", 2),
    ]
    assert [f.code for f in govinfo.validate(bad, rules=[rules.E2, rules.E3])] == [
        "E2-row-total",
        "E3-results-total",
    ]


def test_identities_come_from_the_catalogue() -> None:
    # An invented layout: two rows in, a group of three with its total, one row out.
    group = GroupSpec(key="g", label="（甲）组", label_en="(A) Group", qualifies=False)
    rows = (
        RowSpec(key="a", label="一、甲", label_en="I. A"),
        RowSpec(key="b", label="二、乙", label_en="II. B"),
        *(RowSpec(key=f"g.{k}", label=f"（{k}）", label_en=k, groups=(group,)) for k in ("x", "y", "z")),
        RowSpec(key="g.total", label="（七）合", label_en="(7) Total", groups=(group,), is_total=True),
        RowSpec(key="c", label="四、丙", label_en="IV. C"),
    )
    spec = table_spec(
        "requests",
        "invented",
        (GridSpec(key="t", caption="", caption_en="", rows=rows, columns=REQUEST_COLUMNS),),
    )
    e1, e2, e3 = (r._equations(spec) for r in (rules.E1, rules.E2, rules.E3))
    assert len(e1) == 7
    assert [c.row.key for c in e1[0].lhs] == ["a", "b"]
    assert [c.row.key for c in e1[0].rhs] == ["g.total", "c"]
    assert len(e2) == 7  # one per row
    assert [c.column.key for c in e2[0].rhs] == [c.key for c in REQUEST_COLUMNS[:-1]]
    assert len(e3) == 7
    assert [c.row.key for c in e3[0].rhs] == ["g.x", "g.y", "g.z"]


# --- formatting, docs, assertions ----------------------------------------------------------------


def test_format_findings_is_a_bilingual_table(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "total"): 1})
    text = format_findings(govinfo.validate(bad))
    lines = text.splitlines()
    assert lines[0] == "1 finding (1 error) / 共 1 项（错误 1 项）"
    assert lines[1].split() == [
        "#",
        "code",
        "severity",
        "位置",
        "location",
        "填报",
        "actual",
        "应为",
        "expected",
        "疑似",
        "suspect",
    ]
    assert "E4-appeal-total" in lines[2]
    assert "四 · 行政复议 / 总计" in lines[2]
    assert lines[3].strip().startswith("zh: 四 · 行政复议 / 总计：填报 1，但")
    assert lines[4].strip().startswith("en: 四 · 行政复议 / 总计 [IV · ")


def test_the_rule_catalogue_page_is_generated_from_the_codes() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert rules_markdown() in page, (
        "regenerate the table in docs/rules.md with govinfo.validation.rules_markdown()"
    )
    table = rules_markdown()
    documented = set(re.findall(r"^\| `([A-Z][A-Za-z0-9]*-[a-z-]+)`", page, flags=re.M))
    assert documented == set(CODES)
    for code in CODES:
        assert f"`{code}`" in table


def test_assert_valid_fails_with_the_table(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "total"): 1})
    with pytest.raises(AssertionError) as info:
        assert_valid(bad)
    message = str(info.value)
    assert "E4-appeal-total" in message
    assert "四 · 行政复议 / 总计" in message
    assert "zh: " in message
    assert "en: " in message
    assert assert_valid(linping) == []
    blank = set_cells(linping, "appeals", {("review", "pending"): None})
    assert codes(assert_valid(blank)) == ["B-blank-cell"]
    with pytest.raises(AssertionError, match="B-blank-cell"):
        assert_clean(blank)
    assert_clean(load("huaian-government-2024"))  # infos only
    with pytest.raises(ValueError, match="unknown severities"):
        assert_valid(linping, allow=("fatal",))  # type: ignore[arg-type]


def test_assert_findings(linping: Report) -> None:
    bad = set_cells(linping, "appeals", {("review", "total"): 1})
    assert [f.path for f in assert_findings(bad, "E4-appeal-total", exact=True)] == ["$.appeals.review.total"]
    with pytest.raises(AssertionError, match="are missing"):
        assert_findings(bad, "E2-row-total")
    with pytest.raises(AssertionError, match="expected exactly"):
        assert_findings(load("hongze-government-2023"), "E4-appeal-total", exact=True)
    assert (
        len(assert_findings(load("hongze-government-2023"), "E4-appeal-total", "E4-appeal-total", exact=True))
        == 2
    )
    with pytest.raises(ValueError, match="unknown finding codes"):
        assert_findings(bad, "E9")


class TestUnittestMixin(ReportAssertions):
    def test_mixin(self) -> None:
        report = govinfo.examples.linping_education_2023()
        assert self.assertReportValid(report) == []
        assert self.assertReportClean(report) == []
        bad = set_cells(report, "appeals", {("review", "total"): 1})
        assert [f.code for f in self.assertFindings(bad, "E4-appeal-total")] == ["E4-appeal-total"]


def test_money_is_plain_in_to_dict() -> None:
    f = Finding(
        code="S5-negative",
        severity="error",
        rule="S5",
        path="$.proactive.fees.amount",
        label="x",
        label_en="x",
        actual=Decimal("-5.50"),
        message_zh="",
        message_en="",
    )
    assert f.to_dict()["actual"] == "-5.50"


def test_import_govinfo_does_not_import_validation() -> None:
    import subprocess
    import sys

    code = "import sys, govinfo; assert 'govinfo.validation' not in sys.modules; govinfo.validate"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the quick paths (performance) agree with the plain reading -------------------------------


def test_only_the_counter_folds_to_the_counter_and_ideographs_fold_to_themselves() -> None:
    # What the prose scan relies on to skip normalising a paragraph (validation/prose.py).
    import sys
    import unicodedata

    folds_to_counter = [
        hex(c) for c in range(sys.maxunicode + 1) if "件" in unicodedata.normalize("NFKC", chr(c))
    ]
    assert folds_to_counter == [hex(ord("件"))]
    changed = [hex(c) for c in range(0x4E00, 0xA000) if unicodedata.normalize("NFKC", chr(c)) != chr(c)]
    assert changed == []


@pytest.mark.parametrize(
    "text",
    [
        "全年受理依申请公开１２件，其中：予以公开的11件。",
        "收到申请\u3000１２\u00a0件；其中（一）予以公开⑪件！",
        "申请\u2460件、\ufe54、申请3件",  # ① → 1, ﹔ → ; (a sentence end)
        "理\uf9e4申请12件",  # a CJK compatibility ideograph folds to 理
    ],
)
def test_prose_normalising_is_nfkc_without_whitespace(text: str) -> None:
    import unicodedata

    from govinfo.validation import prose

    assert prose._normalize(text) == "".join(unicodedata.normalize("NFKC", text).split())


def test_a_full_width_count_after_a_space_is_read(linping: Report) -> None:
    text = "全年共收到政府信息公开申请\u3000１３\u3000件。其中予以公开的 11 件。"
    findings = govinfo.validate(with_overview(linping, text))
    assert [(f.code, f.actual, f.expected) for f in findings] == [("S6-prose-requests", 13, 12)]


def test_identity_rules_alone_and_together_agree_with_the_full_evaluation(linping: Report) -> None:
    bad = set_cells(linping, "requests", {("results.granted", "natural_person"): 10})
    for report, broken in ((linping, set()), (bad, {"E2-row-total", "E3-results-total"})):
        assert rules.identities_hold(report, rules.IDENTITIES) == (not broken)
        for rule in rules.IDENTITIES:
            everything = rules.identity_findings(report, rule.equations(report))
            assert {f.code for f in rule(report)} == {f.code for f in everything}
            holds = rules.identities_hold(report, [rule])
            assert (rule.codes[0] in broken) == bool(everything) == (not holds)
