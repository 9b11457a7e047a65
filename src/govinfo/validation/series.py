"""Rules across one agency's reports of several years (S1, S2 across years, S3).

:func:`validate_series` sorts the reports by year and compares each report with the one of the
year before, when that year is given: a gap in the years is skipped, not a finding. Editions
may be mixed; a rule compares only rows and columns both reports have (S3 needs two 2019-edition
reports, S2 two 2021-edition ones, S1 any two). Blank cells are skipped (the single-report
validation reports them). Every finding carries the ``year`` of the later report and a path in it.

>>> import attrs, govinfo
>>> r2023 = govinfo.examples.linping_education_2023()
>>> r2024 = attrs.evolve(r2023, year=2024,
...                      requests=r2023.requests.replace("carried_over", "total", 2))
>>> [(f.code, f.year, f.label, f.expected, f.actual) for f in govinfo.validate_series([r2024, r2023])]
[('S1-carry-over', 2024, '三 · 二、上年结转政府信息公开申请数量 / 总计', 0, 2)]
>>> try:
...     govinfo.validate_series([r2023, r2023])
... except govinfo.GovinfoError as e:
...     print(e.problems()[0][:2])
('duplicate_year', '$[1]')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ..errors import GovinfoError, InvalidReportError
from ..report import Report
from ..table import Table
from .findings import Finding, make_finding, sort_findings
from .locations import cell_location, section_index

__all__ = ["S1", "S2_SERIES", "S3", "SERIES_RULES", "CarryOver", "RowCarry", "validate_series"]


def _table(report: Report, key: str) -> Table:
    table = getattr(report, key)
    assert isinstance(table, Table)
    return table


@attrs.frozen(kw_only=True)
class CarryOver:
    """Year Y+1's ``opening`` row = year Y's ``closing`` row, column by column (S1)."""

    code: str
    table: str
    closing: str
    opening: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code,)

    def __call__(self, prev: Report, this: Report) -> list[Finding]:
        before, after = _table(prev, self.table), _table(this, self.table)
        edition = this.edition_spec
        out = []
        for cell in after.spec.cells:
            if cell.row.key != self.opening:
                continue
            prior = before.spec.find(self.closing, cell.column.key)
            if prior is None:
                continue
            expected, actual = before.cells[prior.index], after.cells[cell.index]
            if type(expected) is not int or type(actual) is not int or expected == actual:
                continue
            where = cell_location(edition, after.spec, cell)
            was = cell_location(prev.edition_spec, before.spec, prior)
            out.append(
                make_finding(
                    self.code,
                    this,
                    where,
                    message_zh=f"{this.year}年 {where.label}：填报 {actual}，"
                    f"但 {prev.year}年报告的 {was.label} 为 {expected}。",
                    message_en=f"{this.year} {where.label} [{where.label_en}]: states {actual}, but the "
                    f"{prev.year} report's {was.label} [{was.label_en}] is {expected}.",
                    expected=expected,
                    actual=actual,
                    position=(section_index(edition, self.table), cell.index),
                )
            )
        return out


@attrs.frozen(kw_only=True)
class RowCarry:
    """Row by row: ``subject`` of year Y+1 = Σ ``before`` terms of year Y + Σ ``after`` terms of Y+1.

    Each term is ``(column key, sign)``. Rows missing any of the columns in either report, or
    with a blank among them, are skipped (S2 across years, S3).
    """

    code: str
    table: str
    subject: str
    before: tuple[tuple[str, int], ...]
    after: tuple[tuple[str, int], ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code,)

    def __call__(self, prev: Report, this: Report) -> list[Finding]:
        old, new = _table(prev, self.table), _table(this, self.table)
        edition = this.edition_spec
        out = []
        for row in new.spec.rows:
            cell = new.spec.find(row.key, self.subject)
            terms = [(old, k, s, prev.year) for k, s in self.before] + [
                (new, k, s, this.year) for k, s in self.after
            ]
            if cell is None or any(t.spec.find(row.key, k) is None for t, k, _, _ in terms):
                continue
            values = [t[row.key, k] for t, k, _, _ in terms]
            actual = new.cells[cell.index]
            if type(actual) is not int or any(type(v) is not int for v in values):
                continue
            expected = sum(s * v for (_, _, s, _), v in zip(terms, values) if type(v) is int)
            if expected == actual:
                continue
            where = cell_location(edition, new.spec, cell)

            out.append(
                make_finding(
                    self.code,
                    this,
                    where,
                    message_zh=f"{this.year}年 {where.label}：填报 {actual}，但按 "
                    f"{_terms(terms, values, row.key, 'label', '（{year}年）')} 推算应为 {expected}。",
                    message_en=f"{this.year} {where.label} [{where.label_en}]: states {actual}, but "
                    f"{_terms(terms, values, row.key, 'label_en', ' ({year})')} = {expected}.",
                    expected=expected,
                    actual=actual,
                    position=(section_index(edition, self.table), cell.index),
                )
            )
        return out


def _terms(
    terms: Sequence[tuple[Table, str, int, int]], values: Sequence[object], row: str, attr: str, unit: str
) -> str:
    """``现行有效件数 12（2023年） + 本年制发件数 1（2024年） − …``."""
    parts = []
    for i, ((t, k, s, year), v) in enumerate(zip(terms, values)):
        sign = ("" if i == 0 else " + ") if s > 0 else (" − " if i else "−")
        label = getattr(t.spec.cell(row, k).column, attr)
        parts.append(f"{sign}{label} {v}{unit.format(year=year)}")
    return "".join(parts)


#: S1: 二、上年结转 of year Y+1 = 四、结转下年度继续办理 of year Y, in every column.
S1 = CarryOver(code="S1-carry-over", table="requests", closing="carried_forward", opening="carried_over")
#: S2 across years (2021 edition): 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y).
S2_SERIES = RowCarry(
    code="S2-in-force-change",
    table="proactive",
    subject="in_force",
    before=(("in_force", 1),),
    after=(("issued", 1), ("repealed", -1)),
)
#: S3 (2019 edition): 上一年项目数量(Y+1) = 上一年项目数量(Y) + 本年增/减(Y).
S3 = RowCarry(
    code="S3-items-carry",
    table="proactive",
    subject="items_last_year",
    before=(("items_last_year", 1), ("net_change", 1)),
)

#: Every cross-report rule, in the order :func:`validate_series` runs them.
SERIES_RULES: tuple[CarryOver | RowCarry, ...] = (S1, S2_SERIES, S3)


def validate_series(reports: Iterable[Report]) -> list[Finding]:
    """Check one agency's reports of several years against each other (warnings only).

    The reports may come in any order, with gaps in the years and in either edition; two
    reports of the same year (or something that is not a report) raise one
    :class:`~govinfo.InvalidReportError` naming each by its position (``$[1]``).
    Single-report rules are not run here: use :func:`govinfo.validate` on each report.

    >>> import attrs, govinfo
    >>> y2023 = govinfo.examples.linping_education_2023()
    >>> y2024 = attrs.evolve(y2023, year=2024, requests=y2023.requests.replace("carried_over", "total", 2))
    >>> [(f.code, f.path) for f in validate_series([y2023, y2024])]
    [('S1-carry-over', '$.requests.carried_over.total')]
    >>> try:
    ...     validate_series([y2023, y2023])
    ... except govinfo.GovinfoError as e:
    ...     print(e.problems()[0][0])
    duplicate_year
    """
    items = list(reports)
    errors = []
    seen: dict[int, int] = {}
    for i, r in enumerate(items):
        if not isinstance(r, Report):
            errors.append(
                GovinfoError(f"not a Report: {type(r).__name__}", code="wrong_type", path=f"$[{i}]")
            )
        elif r.year in seen:
            errors.append(
                GovinfoError(
                    f"two reports on {r.year} (positions {seen[r.year]} and {i})",
                    code="duplicate_year",
                    path=f"$[{i}]",
                )
            )
        else:
            seen[r.year] = i
    InvalidReportError.collect(errors, "the series of reports is not valid")
    by_year = {r.year: r for r in items}
    out: list[Finding] = []
    for year in sorted(by_year):
        prev = by_year.get(year - 1)
        if prev is None:
            continue
        for rule in SERIES_RULES:
            out.extend(rule(prev, by_year[year]))
    return sort_findings(out)
