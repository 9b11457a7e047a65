"""Every renderer → parser round trip: ``parse(R(r)) == r`` for generated reports (zh_CN, en)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given

import govinfo
from govinfo import Report
from govinfo.testing.strategies import reports

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": lambda r: govinfo.render_text(r, locale="zh_CN"),
    "markdown": lambda r: govinfo.render_markdown(r, locale="zh_CN"),
    "html": lambda r: govinfo.render_html(r, locale="zh_CN"),
    # English renderings read back too (issue 15): English headings, labels and units.
    "text-en": lambda r: govinfo.render_text(r, locale="en"),
    "markdown-en": lambda r: govinfo.render_markdown(r, locale="en"),
    "html-en": lambda r: govinfo.render_html(r, locale="en"),
}


@pytest.mark.parametrize("edition", ["2021", "2019"])
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_parse_inverts_render(renderer: str, edition: str) -> None:
    render = RENDERERS[renderer]

    @given(reports(editions=[edition]))
    def check(report: Report) -> None:
        text = render(report)
        parsed = govinfo.parse(text)
        assert parsed == report, (parsed.to_dict(), report.to_dict())

    check()


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_round_trip_of_the_linping_example(renderer: str) -> None:
    report = govinfo.examples.linping_education_2023()
    result = govinfo.parse_document(RENDERERS[renderer](report))
    assert result.report == report
    # A faithful rendering leaves nothing to be unsure of, except the edition it decided.
    assert [d.code for d in result.diagnostics] == ["edition"]
