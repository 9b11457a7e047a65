"""Assertions for test suites (pytest or unittest) that speak the report's language.

- :func:`assert_reports_equal`: fails with a cell-level diff in official labels.
- :func:`assert_valid`, :func:`assert_clean`, :func:`assert_findings` and the unittest mixin
  :class:`ReportAssertions` are those of :mod:`govinfo.validation.assertions`, re-exported.

Every helper raises :class:`AssertionError`, which both pytest and unittest report as a
failure; pytest hides the helpers' own frames from its tracebacks. In a
:class:`unittest.TestCase`, ``self.addTypeEqualityFunc(govinfo.Report, assert_reports_equal)``
makes ``self.assertEqual`` on two reports show the same diff.

>>> import attrs, govinfo
>>> from govinfo.testing import assert_reports_equal
>>> a = govinfo.examples.linping_education_2023()
>>> assert_reports_equal(a, a)
>>> b = attrs.evolve(a, requests=a.requests.replace("results.withheld.state_secret", "natural_person", 1))
>>> try:
...     assert_reports_equal(a, b)
... except AssertionError as e:
...     print(e)
the reports differ in 1 place / 两份报告有 1 处不同:
  三 （三）不予公开 · 1.属于国家秘密 / 自然人: 0 ≠ 1
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..catalogue import CellSpec, common
from ..narrative import Narrative
from ..report import Report
from ..table import Table
from ..validation.assertions import ReportAssertions, assert_clean, assert_findings, assert_valid

__all__ = [
    "ReportAssertions",
    "assert_clean",
    "assert_findings",
    "assert_reports_equal",
    "assert_valid",
    "report_differences",
]

#: How many differences a failure message lists before it says how many more there are.
MAX_LINES = 40


def _show(value: object) -> str:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…" + text[-1]


def _cell_label(section: str, cell: CellSpec) -> str:
    caption = f"{cell.grid.caption} " if cell.grid.caption else ""
    return f"{section} {caption}{cell.label}"


def _table_differences(section: str, a: Table, b: Table) -> Iterator[str]:
    if a.spec == b.spec:
        for cell, x, y in zip(a.spec.cells, a.cells, b.cells):
            if x != y:
                yield f"{_cell_label(section, cell)}: {_show(x)} ≠ {_show(y)}"
        return
    yield f"{section} layout: {a.spec.variant} ≠ {b.spec.variant}"
    cells_a = {(c.row.key, c.column.key): (c, v) for c, v in a.items()}
    cells_b = {(c.row.key, c.column.key): (c, v) for c, v in b.items()}
    for key in dict.fromkeys([*cells_a, *cells_b]):
        cell = (cells_a.get(key) or cells_b[key])[0]
        x = _show(cells_a[key][1]) if key in cells_a else "(absent)"
        y = _show(cells_b[key][1]) if key in cells_b else "(absent)"
        if x != y:
            yield f"{_cell_label(section, cell)}: {x} ≠ {y}"


def _sequence_differences(where: str, a: Sequence[str], b: Sequence[str]) -> Iterator[str]:
    for i in range(max(len(a), len(b))):
        if i >= len(a) or i >= len(b) or a[i] != b[i]:
            x = _show(a[i]) if i < len(a) else "(absent)"
            y = _show(b[i]) if i < len(b) else "(absent)"
            yield f"{where}[{i}]: {x} ≠ {y}"


def _narrative_differences(section: str, key: str, a: Narrative, b: Narrative) -> Iterator[str]:
    yield from _sequence_differences(f"{section} $.{key}.paragraphs", a.paragraphs, b.paragraphs)
    for i in range(max(len(a.subsections), len(b.subsections))):
        where = f"{section} $.{key}.subsections[{i}]"
        if i >= len(a.subsections) or i >= len(b.subsections):
            x = _show(a.subsections[i].title) if i < len(a.subsections) else "(absent)"
            y = _show(b.subsections[i].title) if i < len(b.subsections) else "(absent)"
            yield f"{where}: {x} ≠ {y}"
            continue
        sa, sb = a.subsections[i], b.subsections[i]
        if sa.title != sb.title:
            yield f"{where}.title: {_show(sa.title)} ≠ {_show(sb.title)}"
        yield from _sequence_differences(f"{where}.paragraphs", sa.paragraphs, sb.paragraphs)


def report_differences(a: Report, b: Report) -> list[str]:
    """Every difference between two reports, one line each, cells named by their official labels.

    Tables are compared cell by cell (``三 （三）不予公开 · 1.属于国家秘密 / 自然人: 0 ≠ 1``; section
    二 adds the caption of its sub-table); other fields and prose by JSON path. An empty list
    means ``a == b``.

    >>> import attrs, govinfo
    >>> a = govinfo.examples.linping_education_2023()
    >>> report_differences(a, attrs.evolve(a, year=2022, appeals=a.appeals.replace("review", "upheld", None)))
    ['year: 2023 ≠ 2022', '四 行政复议 / 结果维持: 0 ≠ None']
    >>> report_differences(a, "a report")
    Traceback (most recent call last):
    ...
    TypeError: report_differences compares two govinfo.Report values, not Report and str
    """
    if not isinstance(a, Report) or not isinstance(b, Report):
        raise TypeError(
            "report_differences compares two govinfo.Report values, "
            f"not {type(a).__name__} and {type(b).__name__}"
        )
    lines: list[str] = []
    for name in ("edition", "agency", "year", "title", "published"):
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            lines.append(f"{name}: {_show(x)} ≠ {_show(y)}")
    lines += _sequence_differences("$.preamble", a.preamble, b.preamble)
    for i, section in enumerate(a.edition_spec.sections):
        numeral = common.NUMERALS[i]
        x, y = getattr(a, section.key), getattr(b, section.key)
        if x == y:
            continue
        if isinstance(x, Table) and isinstance(y, Table):
            lines += _table_differences(numeral, x, y)
        elif isinstance(x, Narrative) and isinstance(y, Narrative):
            lines += _narrative_differences(numeral, section.key, x, y)
    if not lines and a != b:  # pragma: no cover - every field is compared above
        lines.append(f"{a!r} ≠ {b!r}")
    return lines


def assert_reports_equal(a: Report, b: Report, msg: str | None = None) -> None:
    """Fail unless ``a == b``, listing every differing cell by its official labels.

    The signature fits :meth:`unittest.TestCase.addTypeEqualityFunc`; ``msg`` is put first in
    the failure message.

    >>> import attrs, govinfo
    >>> a = govinfo.examples.linping_education_2023()
    >>> assert_reports_equal(a, attrs.evolve(a))
    >>> try:
    ...     assert_reports_equal(a, attrs.evolve(a, agency="某局"), msg="parsed copy")
    ... except AssertionError as e:
    ...     print(e)
    parsed copy: the reports differ in 1 place / 两份报告有 1 处不同:
      agency: '杭州市临平区教育局' ≠ '某局'
    """
    __tracebackhide__ = True
    lines = report_differences(a, b)
    if not lines:
        return
    n = len(lines)
    shown = lines[:MAX_LINES]
    if n > MAX_LINES:
        shown.append(f"… and {n - MAX_LINES} more / 另有 {n - MAX_LINES} 处")
    head = f"the reports differ in {n} place{'s' if n > 1 else ''} / 两份报告有 {n} 处不同:"
    raise AssertionError("\n".join([f"{msg}: {head}" if msg else head, *(f"  {line}" for line in shown)]))
