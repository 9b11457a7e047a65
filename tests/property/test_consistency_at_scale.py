"""Every generated consistent report validates clean, across at least 1,000 examples per edition.

This is the acceptance check of issue 7: it runs in every profile (dev, ci and nightly, which
raises the count further) and counts the examples it actually saw.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from govinfo import Report
from govinfo.catalogue import EDITIONS
from govinfo.testing import assert_clean
from govinfo.testing.strategies import reports

EXAMPLES = max(1000, settings().max_examples)  # the nightly profile asks for more


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_a_thousand_consistent_reports_validate_clean(edition: str) -> None:
    seen: list[int] = []

    @settings(
        max_examples=EXAMPLES,
        suppress_health_check=[HealthCheck.too_slow],
        deadline=None,
    )
    @given(reports(editions=[edition]))
    def validates_clean(report: Report) -> None:
        # no error and no warning; a narrative section left empty is "not stated", an info
        findings = assert_clean(report)
        assert all(f.code == "B-section-not-stated" for f in findings)
        seen.append(report.year)

    validates_clean()
    assert len(seen) >= 1000
