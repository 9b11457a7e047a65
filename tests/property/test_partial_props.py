"""Partial reading on generated reports: whatever is damaged, no cell the text does not state.

A generated report is rendered as text, then damaged the way real pages are: cut at any line,
a section heading removed, the title rewritten in another real form. The result is partial or
complete, and every cell it holds is the report's own value (the text states nothing else).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.catalogue import common
from govinfo.testing.strategies import reports

HEADINGS = [f"{n}、{s.label}" for n, s in zip(common.NUMERALS, common.SECTIONS)]


def _invented(report: Report, result: govinfo.ParseResult) -> list[str]:
    """Cells of ``result`` that differ from ``report``'s (a stated cell that is not the report's)."""
    out = []
    for key, table in result.tables:
        original = getattr(report, key)
        if table.spec.key != original.spec.key or table.spec is not original.spec:
            # Another layout: every value it holds must still be one the report states there.
            for cell in table.spec.cells:
                v = table.cells[cell.index]
                if v is not None:
                    found = original.spec.find(cell.row.key, cell.column.key)
                    if found is None or original.cells[found.index] != v:
                        out.append(f"{key}.{cell.row.key}.{cell.column.key}={v!r}")
            continue
        for cell in table.spec.cells:
            v = table.cells[cell.index]
            if v is not None and v != original.cells[cell.index]:
                out.append(
                    f"{key}.{cell.row.key}.{cell.column.key}={v!r} (is {original.cells[cell.index]!r})"
                )
    return out


@settings(max_examples=40, deadline=None)
@given(report=reports(), data=st.data())
def test_a_text_cut_at_any_line_invents_nothing(report: Report, data: st.DataObject) -> None:
    lines = govinfo.render_text(report).split("\n")
    cut = data.draw(st.integers(min_value=1, max_value=len(lines) - 1), label="cut")
    text = "\n".join(lines[:cut])
    try:
        result = govinfo.parse_document(text)
    except govinfo.ParseError as e:
        code = e.code
        assert code == "not_a_report"  # only when no section or table is left at all
        return
    assert _invented(report, result) == []
    if result.report is not None:
        assert result.report.year == report.year
    if any(line.strip() in HEADINGS for line in lines[cut:]):
        # A section was cut away: the result can never pass for a complete report.
        assert not result.complete


@settings(max_examples=40, deadline=None)
@given(report=reports(), heading=st.sampled_from(HEADINGS))
def test_a_missing_heading_invents_nothing_and_keeps_the_tables(report: Report, heading: str) -> None:
    text = govinfo.render_text(report)
    assert heading in text
    damaged = text.replace(heading + "\n", "\n", 1)
    result = govinfo.parse_document(damaged)
    assert _invented(report, result) == []
    assert result.report is not None
    index = HEADINGS.index(heading)
    if index in (0, 4, 5):
        # A narrative section without its heading cannot be told apart: never complete.
        assert not result.complete
        assert result.sections[index].status == "not_found"
    else:
        # A table whose heading is gone is found by its own labels, and read in full.
        key = ("proactive", "requests", "appeals")[index - 1]
        assert result.section(key).found_by == "labels"
        assert getattr(result.report, key) == getattr(report, key)


TITLE_FORMS = [
    "{year}年度{agency}政府信息公开工作年度报告",
    "{agency}\n关于{year}年度政府信息公开工作情况的报告",
    "{agency}{year}年政府信息公开工作年度报告",
]


@settings(max_examples=40, deadline=None)
@given(report=reports(), form=st.sampled_from(TITLE_FORMS))
def test_real_title_forms_give_the_year_and_agency(report: Report, form: str) -> None:
    text = govinfo.render_text(report)
    first, rest = text.split("\n", 1)
    assert first.endswith("报告")
    result = govinfo.parse_document(form.format(year=report.year, agency=report.agency) + "\n" + rest)
    assert result.report is not None
    assert result.report.year == report.year
    assert result.report.agency == report.agency
    assert _invented(report, result) == []
