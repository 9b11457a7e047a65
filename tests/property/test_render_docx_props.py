"""``render_docx`` → govinfo's Word reader is lossless: ``parse(render_docx(r)) == r``.

Rendering and reading a .docx takes ~0.2 s, so the CI profile's 200 examples per edition cost
about a minute in all; the dev profile runs 50.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import govinfo
from govinfo import Report
from govinfo.testing.strategies import reports


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_render_docx_round_trip(edition: str) -> None:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(reports(editions=[edition]))
    def check(report: Report) -> None:
        data = govinfo.render_docx(report)
        assert govinfo.parse(data) == report

    check()


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_render_docx_english_never_raises(edition: str) -> None:
    @settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(editions=[edition]))
    def check(report: Report) -> None:
        assert govinfo.render_docx(report, locale="en")[:2] == b"PK"

    check()
