"""Hypothesis strategies for govinfo reports, valid by construction.

Totals are derived from generated cells, never found by filtering, so a consistent report
satisfies every hard identity (E1–E4) and the single-report warnings (S4, S6).

>>> from hypothesis import given
>>> from govinfo.testing.strategies import reports
>>> @given(reports(editions=["2019"]))
... def test_edition(report):
...     assert report.edition == "2019"
>>> test_edition()
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..appeals import AppealTable
from ..catalogue import EDITIONS, CellKind, Edition, TableSpec
from ..narrative import Narrative, Subsection
from ..proactive import Proactive
from ..report import Report
from ..requests import RequestTable
from ..table import Cell

__all__ = [
    "agencies",
    "appeal_tables",
    "narratives",
    "proactive_tables",
    "reports",
    "request_tables",
]

# Phrases as agencies write them, with no counts in them (so S6 has nothing to compare).
_PHRASES = (
    "认真贯彻落实《中华人民共和国政府信息公开条例》",
    "坚持以公开为常态、不公开为例外",
    "进一步规范依申请公开工作流程",
    "及时更新政府信息公开专栏",
    "加强政策解读和回应关切",
    "完善政府信息公开工作机制",
    "强化监督保障",
    "做好政务新媒体运营",
    "持续推进基层政务公开标准化规范化",
    "对照年度工作要点逐项落实",
)
_SUBSECTION_TITLES = ("主动公开情况", "依申请公开情况", "政府信息管理情况", "平台建设情况", "监督保障情况")
_AGENCY_PLACES = ("杭州市", "临平区", "淮安市", "洪泽区", "平潭综合实验区", "某县", "某市")
_AGENCY_KINDS = ("教育局", "人民政府", "财政局", "卫生健康委员会", "自然资源和规划局", "管委会")

_COUNT = st.integers(min_value=0, max_value=60)


def _check_editions(editions: Sequence[str] | None) -> tuple[Edition, ...]:
    if editions is None:
        return tuple(EDITIONS.values())
    if isinstance(editions, str) or not editions:
        raise InvalidArgument(f"editions must be a non-empty sequence of edition keys, not {editions!r}")
    unknown = [e for e in editions if e not in EDITIONS]
    if unknown:
        raise InvalidArgument(f"unknown editions {unknown!r}; known: {list(EDITIONS)}")
    return tuple(EDITIONS[e] for e in editions)


def agencies() -> st.SearchStrategy[str]:
    """Agency names such as ``临平区教育局``."""
    return st.builds(lambda p, k: p + k, st.sampled_from(_AGENCY_PLACES), st.sampled_from(_AGENCY_KINDS))


def _paragraph() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=4).map(lambda ps: "，".join(ps) + "。")


def narratives(*, paragraphs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Narrative]:
    """Narrative sections with realistic Chinese prose, with or without subsections."""
    para = paragraphs if paragraphs is not None else _paragraph()
    subsections = st.lists(
        st.builds(
            lambda t, ps: Subsection(title=t, paragraphs=tuple(ps)),
            st.sampled_from(_SUBSECTION_TITLES),
            st.lists(para, max_size=3),
        ),
        max_size=4,
    )
    return st.builds(
        lambda ps, subs: Narrative(paragraphs=tuple(ps), subsections=tuple(subs)),
        st.lists(para, max_size=3),
        subsections,
    )


def _money() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=10**7, places=4, allow_nan=False, allow_infinity=False).map(
        lambda d: d.normalize() if d == d.to_integral() else d
    )


@st.composite
def _proactive(draw: st.DrawFn, spec: TableSpec) -> Proactive:
    cells: list[Cell] = []
    for cell in spec.cells:
        if cell.kind is CellKind.COUNT:
            cells.append(draw(st.integers(0, 2000)))
        elif cell.kind is CellKind.SIGNED:
            cells.append(draw(st.integers(-50, 50)))
        elif cell.kind is CellKind.MONEY:
            cells.append(draw(_money()))
        else:
            cells.append(draw(st.sampled_from(("元", "万元", None))))
    table = Proactive(spec=spec, cells=tuple(cells))
    # S4 (2019): 本年新公开数量 ≤ 对外公开总数量, the total being cumulative.
    for row in spec.rows:
        if spec.find(row.key, "new_published") and spec.find(row.key, "total_published"):
            new, total = table[row.key, "new_published"], table[row.key, "total_published"]
            assert isinstance(new, int)
            assert isinstance(total, int)
            table = table.replace(row.key, "total_published", new + total)
    return table


def proactive_tables(*, editions: Sequence[str] | None = None) -> st.SearchStrategy[Proactive]:
    """Section 二 of the given editions."""
    eds = _check_editions(editions)
    return st.sampled_from(eds).flatmap(lambda e: _proactive(e.proactive))


@st.composite
def _requests(draw: st.DrawFn, spec: TableSpec) -> RequestTable:
    columns = [c.key for c in spec.grids[0].columns if not c.is_total]
    total_col = next(c.key for c in spec.grids[0].columns if c.is_total)
    values: dict[tuple[str, str], int] = {}
    leaves = [r for r in spec.rows if r.groups and r.groups[0].key == "results" and not r.is_total]
    for col in columns:
        for r in leaves:
            values[r.key, col] = draw(_COUNT)
        concluded = sum(values[r.key, col] for r in leaves)
        values["results.total", col] = concluded
        forward = draw(_COUNT)
        values["carried_forward", col] = forward
        carried = draw(st.integers(0, concluded + forward))
        values["carried_over", col] = carried
        values["new_received", col] = concluded + forward - carried
    for row in spec.rows:
        values[row.key, total_col] = sum(values[row.key, c] for c in columns)
    return RequestTable.from_cells(spec, values)


def request_tables(
    *, editions: Sequence[str] | None = None, undivided_other: bool | None = None
) -> st.SearchStrategy[RequestTable]:
    """Consistent section-三 tables (E1–E3 hold).

    ``undivided_other``: ``True`` for only the one-row （六） layout, ``False`` for only the
    divided one, ``None`` for any layout the editions admit.
    """
    specs = [s for e in _check_editions(editions) for s in e.requests]
    if undivided_other is not None:
        specs = [s for s in specs if (s.find("results.other", "total") is not None) == undivided_other]
        if not specs:
            raise InvalidArgument("no edition given admits that request-table layout")
    return st.sampled_from(list(dict.fromkeys(specs))).flatmap(_requests)


@st.composite
def _appeals(draw: st.DrawFn, spec: TableSpec) -> AppealTable:
    values: dict[tuple[str, str], int] = {}
    for row in spec.rows:
        parts = [c for c in spec.grids[0].columns if not c.is_total]
        for c in parts:
            values[row.key, c.key] = draw(st.integers(0, 20))
        total = next(c for c in spec.grids[0].columns if c.is_total)
        values[row.key, total.key] = sum(values[row.key, c.key] for c in parts)
    return AppealTable.from_cells(spec, values)


def appeal_tables() -> st.SearchStrategy[AppealTable]:
    """Consistent section-四 tables (E4 holds)."""
    return st.sampled_from(list(dict.fromkeys(e.appeals for e in EDITIONS.values()))).flatmap(_appeals)


@st.composite
def _report(draw: st.DrawFn, edition: Edition) -> Report:
    lo, hi = edition.years
    year = draw(st.integers(lo, hi if hi is not None else lo + 10))
    return Report(
        edition=edition.key,
        agency=draw(agencies()),
        year=year,
        title=draw(st.none() | st.just(f"{year}年度政府信息公开工作年度报告")),
        published=None,
        preamble=tuple(draw(st.lists(_paragraph(), max_size=2))),
        overview=draw(narratives()),
        proactive=draw(_proactive(edition.proactive)),
        requests=draw(st.sampled_from(edition.requests).flatmap(_requests)),
        appeals=draw(_appeals(edition.appeals)),
        problems=draw(narratives()),
        other_matters=draw(narratives()),
    )


def reports(*, editions: Sequence[str] | None = None) -> st.SearchStrategy[Report]:
    """Complete, consistent reports of the given editions (default: every edition)."""
    eds = _check_editions(editions)
    return st.sampled_from(eds).flatmap(_report)
