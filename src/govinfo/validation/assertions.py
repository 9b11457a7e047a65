"""Assertion helpers for test suites (pytest or unittest) that check reports with govinfo.

Each helper raises :class:`AssertionError` with a readable, bilingual table of the findings
(:func:`~govinfo.validation.format_findings`) when the check fails, and returns the findings
when it passes. pytest hides the helpers' own frames from its tracebacks.

>>> import attrs, govinfo
>>> from govinfo.validation.assertions import assert_valid, assert_findings
>>> report = govinfo.examples.linping_education_2023()
>>> assert_valid(report)
[]
>>> bad = attrs.evolve(report, appeals=report.appeals.replace("review", "total", 2))
>>> [f.code for f in assert_findings(bad, "E4-appeal-total")]
['E4-appeal-total']
>>> try:
...     assert_valid(bad)
... except AssertionError as e:
...     print(str(e).splitlines()[0])
the report is not valid: 1 finding (1 error) / 共 1 项（错误 1 项）
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..report import Report
from .engine import validate
from .findings import CODES, SEVERITIES, Finding, Severity, format_findings

__all__ = ["ReportAssertions", "assert_clean", "assert_findings", "assert_valid"]


def _fail(what: str, findings: list[Finding]) -> AssertionError:
    return AssertionError(f"{what}: {format_findings(findings)}")


def assert_valid(
    report: Report | Mapping[str, Any], *, allow: Collection[Severity] = ("warning", "info")
) -> list[Finding]:
    """Fail if the report has findings of a severity not in ``allow`` (by default: any error).

    Returns every finding. ``allow=()`` fails on any finding at all.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> assert_valid(r)
    []
    >>> try:
    ...     assert_valid(attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3)))
    ... except AssertionError:
    ...     print("failed")
    failed
    """
    __tracebackhide__ = True
    bad = [s for s in allow if s not in SEVERITIES]
    if bad:
        raise ValueError(f"unknown severities {bad!r}; known: {SEVERITIES}")
    findings = validate(report)
    failing = [f for f in findings if f.severity not in allow]
    if failing:
        raise _fail("the report is not valid", failing)
    return findings


def assert_clean(report: Report | Mapping[str, Any]) -> list[Finding]:
    """Fail on any error or warning (infos, such as a section not stated, pass).

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> assert_clean(r)
    []
    >>> blank = r.requests.replace("new_received", "commercial", None)  # a warning, not an error
    >>> try:
    ...     assert_clean(attrs.evolve(r, requests=blank))
    ... except AssertionError:
    ...     print("failed")
    failed
    """
    __tracebackhide__ = True
    info: tuple[Severity, ...] = ("info",)
    return assert_valid(report, allow=info)


def assert_findings(report: Report | Mapping[str, Any], *codes: str, exact: bool = False) -> list[Finding]:
    """Fail unless the report's findings include every code in ``codes``.

    With ``exact=True``, the error and warning findings must have exactly these codes, no more
    (infos are ignored; a code given twice must occur twice). Returns the findings with these codes.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> bad = attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3))
    >>> [f.code for f in assert_findings(bad, "E4-appeal-total")]
    ['E4-appeal-total']
    >>> try:
    ...     assert_findings(r, "E4-appeal-total")
    ... except AssertionError:
    ...     print("failed")
    failed
    """
    __tracebackhide__ = True
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise ValueError(f"unknown finding codes {unknown!r}; see govinfo.validation.CODES")
    findings = validate(report)
    found = [f.code for f in findings]
    missing = [c for c in dict.fromkeys(codes) if c not in found]
    if missing:
        raise _fail(f"expected findings {missing!r} are missing; the findings are", findings)
    if exact:
        relevant = sorted(f.code for f in findings if f.severity != "info")
        if relevant != sorted(codes):
            raise _fail(f"expected exactly {sorted(codes)!r}; the findings are", findings)
    return [f for f in findings if f.code in codes]


class ReportAssertions:
    """A :class:`unittest.TestCase` mixin: ``class MyTest(ReportAssertions, unittest.TestCase)``.

    >>> import unittest, govinfo
    >>> class T(ReportAssertions, unittest.TestCase):
    ...     def test_linping(self):
    ...         self.assertReportValid(govinfo.examples.linping_education_2023())
    >>> import io
    >>> unittest.TextTestRunner(stream=io.StringIO()).run(T("test_linping")).wasSuccessful()
    True
    """

    def assertReportValid(
        self, report: Report | Mapping[str, Any], *, allow: Collection[Severity] = ("warning", "info")
    ) -> list[Finding]:
        return assert_valid(report, allow=allow)

    def assertReportClean(self, report: Report | Mapping[str, Any]) -> list[Finding]:
        return assert_clean(report)

    def assertFindings(
        self, report: Report | Mapping[str, Any], *codes: str, exact: bool = False
    ) -> list[Finding]:
        return assert_findings(report, *codes, exact=exact)
