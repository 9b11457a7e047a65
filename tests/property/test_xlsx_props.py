"""A generated report written into the template reads back the same: ``read_xlsx(xlsx_template(r)) == r``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import govinfo
from govinfo import Report
from govinfo.template import xlsx_template
from govinfo.testing.strategies import reports

pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_template_round_trip(edition: str) -> None:
    # Writing a workbook with openpyxl takes ~0.1 s: fewer examples than the CI profile's 200.
    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(editions=[edition]))
    def check(report: Report) -> None:
        result = govinfo.read_xlsx(xlsx_template(report=report))
        assert result.report == report

    check()
