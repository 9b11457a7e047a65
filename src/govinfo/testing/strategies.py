"""Hypothesis strategies for govinfo reports, valid by construction.

Totals are derived from generated cells, never found by filtering, so a consistent report
satisfies every hard identity (E1–E4) and keeps the single-report warnings quiet (S2, S4, S6).
Besides reports and their parts: interchange dicts with one mistake (:func:`broken_dicts`),
reports with one known fault (:func:`faulty_reports`) and published-looking text paired with
the report it encodes (:func:`published_texts`). A guide: ``docs/testing.md``.

>>> from hypothesis import given
>>> from govinfo.testing.strategies import reports
>>> @given(reports(editions=["2019"]))
... def test_edition(report):
...     assert report.edition == "2019"
>>> test_edition()
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..appeals import AppealTable
from ..catalogue import EDITIONS, MONEY_UNITS, CellKind, Edition, TableSpec, common
from ..narrative import Narrative, Subsection
from ..proactive import Proactive
from ..report import Report
from ..requests import RequestTable
from ..table import Cell, Table
from . import _published

__all__ = [
    "DICT_ERROR_CODES",
    "FAULT_CODES",
    "PUBLISHED_DEVIATIONS",
    "BrokenDict",
    "FaultyReport",
    "PublishedText",
    "agencies",
    "appeal_tables",
    "broken_dicts",
    "faulty_reports",
    "narratives",
    "proactive_tables",
    "published_texts",
    "reports",
    "request_tables",
]

_T = TypeVar("_T", bound=Table)

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
    "严格落实信息发布“三审三校”制度",
    "依托政府门户网站、政务新媒体等平台及时发布信息",
    "围绕群众关切做好重点领域信息公开",
    "规范依申请公开的受理、审查、答复和送达程序",
    "将政务公开工作纳入年度绩效考核",
    "组织开展政务公开业务培训",
    "动态更新《政府信息公开指南》",
    "推进决策、执行、管理、服务、结果公开",
    "信息公开的及时性和规范性有待提高",
    "政策解读的形式还不够丰富",
)
# How agencies number the points of a paragraph ("" = not numbered).
_POINT_MARKS = ("", "", "一是", "二是", "1.", "2.")
# Subsection titles as reports write them, per section (report-format.md §1; the Linping sample).
_SUBSECTION_TITLES = ("主动公开情况", "依申请公开情况", "政府信息管理情况", "平台建设情况", "监督保障情况")
_PROBLEM_TITLES = ("存在的主要问题", "改进情况", "上年度问题整改情况")
_OTHER_MATTER_TITLES = (
    "信息处理费收取情况",
    "落实上级年度政务公开工作要点情况",
    "人大代表建议和政协提案办理结果公开情况",
    "政务公开工作创新情况",
)
_AGENCY_PLACES = ("杭州市", "临平区", "淮安市", "洪泽区", "平潭综合实验区", "某县", "某市")
_AGENCY_KINDS = ("教育局", "人民政府", "财政局", "卫生健康委员会", "自然资源和规划局", "管委会")

_COUNT = st.integers(min_value=0, max_value=60)
# What a cell may hold when the report need not be consistent (any type-valid value).
_ANY_COUNT = st.integers(min_value=0, max_value=10**6)
_ANY_SIGNED = st.integers(min_value=-(10**4), max_value=10**4)


def _check_editions(editions: Sequence[str] | None) -> tuple[Edition, ...]:
    if editions is None:
        return tuple(EDITIONS.values())
    if isinstance(editions, str) or not editions:
        raise InvalidArgument(f"editions must be a non-empty sequence of edition keys, not {editions!r}")
    unknown = [e for e in editions if e not in EDITIONS]
    if unknown:
        raise InvalidArgument(f"unknown editions {unknown!r}; known: {list(EDITIONS)}")
    return tuple(EDITIONS[e] for e in editions)


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, not {value!r}")
    return value


def _check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name} must be a Hypothesis strategy, not {value!r} (wrap a single value in st.just)"
        )


def _checked(name: str, strategy: st.SearchStrategy[Any], ok: Callable[[Any], bool], what: str) -> Any:
    """``strategy`` whose every value is checked, raising InvalidArgument for a bad one."""

    def check(value: Any) -> Any:
        if not ok(value):
            raise InvalidArgument(f"{name} generated {value!r}, which is not {what}")
        return value

    return strategy.map(check)


def agencies() -> st.SearchStrategy[str]:
    """Agency names such as ``临平区教育局``.

    >>> from hypothesis import given
    >>> @given(agencies())
    ... def test(name):
    ...     assert name and name == name.strip()
    >>> test()
    """
    return st.builds(lambda p, k: p + k, st.sampled_from(_AGENCY_PLACES), st.sampled_from(_AGENCY_KINDS))


@functools.cache
def _paragraph() -> st.SearchStrategy[str]:
    return st.builds(
        lambda mark, ps: mark + "，".join(ps) + "。",
        st.sampled_from(_POINT_MARKS),
        st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=4, unique=True),
    )


def narratives(
    *,
    paragraphs: st.SearchStrategy[str] | None = None,
    titles: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Narrative]:
    """Narrative sections (一、五、六): paragraphs, then titled subsections, or nothing at all.

    ``paragraphs`` generates each paragraph (default: realistic Chinese prose with no counts in
    it, sometimes numbered ``一是``/``1.`` as reports do); ``titles`` generates subsection
    titles, stored without their ``（一）`` numeral (default: the five topics of 一). Titles are
    distinct within a narrative.

    >>> from hypothesis import given, strategies as st
    >>> @given(narratives(paragraphs=st.just("无。"), titles=st.just("其他")))
    ... def test(n):
    ...     assert set(n.all_paragraphs()) <= {"无。"} and len(n.subsections) <= 1
    >>> test()
    >>> narratives(paragraphs="无。")
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: paragraphs must be a Hypothesis strategy, not '无。' ...
    """
    _check_strategy("paragraphs", paragraphs)
    _check_strategy("titles", titles)
    para = (
        _paragraph()
        if paragraphs is None
        else _checked("paragraphs", paragraphs, lambda p: isinstance(p, str), "a string")
    )
    title = (
        st.sampled_from(_SUBSECTION_TITLES)
        if titles is None
        else _checked("titles", titles, lambda t: isinstance(t, str), "a string")
    )

    paras = st.lists(para, max_size=3).map(tuple)
    subtitles = st.lists(title, max_size=5, unique=True)

    @st.composite
    def narrative(draw: st.DrawFn) -> Narrative:
        subs = [Subsection(title=t, paragraphs=draw(paras)) for t in draw(subtitles)]
        return Narrative(paragraphs=draw(paras), subsections=tuple(subs))

    return narrative()


@functools.cache
def _section_narratives(section: str) -> st.SearchStrategy[Narrative]:
    """The default prose of a section, with subsection titles as reports of it write them."""
    titles = {"problems": _PROBLEM_TITLES, "other_matters": _OTHER_MATTER_TITLES}.get(
        section, _SUBSECTION_TITLES
    )
    return narratives(titles=st.sampled_from(titles))


@functools.cache
def _money() -> st.SearchStrategy[Decimal]:
    # An amount as a report states it: 0–4 decimal places, kept (Decimal("0.50") is not "0.5"),
    # so to_dict, renderers and parsers all see the stated precision.
    return st.builds(
        lambda units, places: Decimal(units).scaleb(-places), st.integers(0, 10**9), st.integers(0, 4)
    )


def _any_cell(kind: CellKind, blanks: bool) -> st.SearchStrategy[Cell]:
    """Any value a cell of this kind may hold; ``None`` (not stated) only when ``blanks``."""
    values: st.SearchStrategy[Cell]
    if kind is CellKind.COUNT:
        values = _ANY_COUNT
    elif kind is CellKind.SIGNED:
        values = _ANY_SIGNED
    elif kind is CellKind.MONEY:
        values = _money()
    else:  # a unit: None means the report does not say, which is not a blank
        return st.sampled_from((*MONEY_UNITS, None))
    return st.none() | values if blanks else values


def _arbitrary(draw: st.DrawFn, cls: type[_T], spec: TableSpec, blanks: bool) -> _T:
    """A table of type-valid cells drawn independently: identities hold only by chance."""
    return cls(spec=spec, cells=draw(st.tuples(*(_any_cell(c.kind, blanks) for c in spec.cells))))


def _is_zero(value: Cell) -> bool:
    return value is not None and not isinstance(value, str) and value == 0


def _blank_zeros(draw: st.DrawFn, table: _T) -> _T:
    """Some of the table's zero cells left blank: with blank = 0 every identity still holds.

    A unit stays only beside a stated amount (a table cannot state the unit of nothing).
    """
    cells = [None if _is_zero(c) and draw(st.booleans()) else c for c in table.cells]
    for row in () if table.spec.counts_only else table.spec.rows:
        row_cells = [c for c in table.spec.cells if c.row is row]
        if any(c.kind is CellKind.UNIT for c in row_cells) and all(
            cells[c.index] is None for c in row_cells if c.kind is CellKind.MONEY
        ):
            for c in row_cells:
                if c.kind is CellKind.UNIT:
                    cells[c.index] = None
    return attrs.evolve(table, cells=tuple(cells))


@st.composite
def _proactive(draw: st.DrawFn, spec: TableSpec, consistent: bool = True, blanks: bool = False) -> Proactive:
    if not consistent:
        return _arbitrary(draw, Proactive, spec, blanks)
    cells: list[Cell] = []
    for cell in spec.cells:
        if cell.kind is CellKind.COUNT:
            cells.append(draw(st.integers(0, 2000)))
        elif cell.kind is CellKind.SIGNED:
            cells.append(draw(st.integers(-50, 50)))
        elif cell.kind is CellKind.MONEY:
            cells.append(draw(_money()))
        else:
            cells.append(draw(st.sampled_from((*MONEY_UNITS, None))))
    table = Proactive(spec=spec, cells=tuple(cells))
    # S4 (2019): 本年新公开数量 ≤ 对外公开总数量, the total being cumulative.
    for row in spec.rows:
        if spec.find(row.key, "new_published") and spec.find(row.key, "total_published"):
            new, total = table[row.key, "new_published"], table[row.key, "total_published"]
            assert isinstance(new, int)
            assert isinstance(total, int)
            table = table.replace(row.key, "total_published", new + total)
    # S2 (2021): 现行有效件数 ≥ 本年制发件数 − 本年废止件数, since last year's count is not negative.
    for row in spec.rows:
        if all(spec.find(row.key, k) for k in ("issued", "repealed", "in_force")):
            issued, repealed, in_force = (table[row.key, k] for k in ("issued", "repealed", "in_force"))
            assert isinstance(issued, int)
            assert isinstance(repealed, int)
            assert isinstance(in_force, int)
            table = table.replace(row.key, "in_force", in_force + max(0, issued - repealed))
    return _blank_zeros(draw, table) if blanks else table


def proactive_tables(
    *, editions: Sequence[str] | None = None, consistent: bool = True, blanks: bool = False
) -> st.SearchStrategy[Proactive]:
    """Section 二 of the given editions (default: every edition).

    ``consistent=True`` keeps the single-table warning S4 quiet (2019: 本年新公开数量 ≤
    对外公开总数量); ``consistent=False`` draws every cell on its own (any type-valid value).
    ``blanks=True`` leaves some cells not stated (``None``); a consistent table blanks only
    cells whose value would be 0.

    >>> from hypothesis import given
    >>> @given(proactive_tables(editions=["2021"]))
    ... def test(table):
    ...     assert table.edition.key == "2021"
    >>> test()
    >>> proactive_tables(editions=["2020"])
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: unknown editions ['2020']; known: ['2021', '2019']
    """
    eds = _check_editions(editions)
    ok, blank = _check_flag("consistent", consistent), _check_flag("blanks", blanks)
    return st.sampled_from([e.key for e in eds]).flatmap(
        lambda k: _proactive(EDITIONS[k].proactive, ok, blank)
    )


@st.composite
def _requests(
    draw: st.DrawFn, spec: TableSpec, consistent: bool = True, blanks: bool = False
) -> RequestTable:
    if not consistent:
        return _arbitrary(draw, RequestTable, spec, blanks)
    columns = [c.key for c in spec.grids[0].columns if not c.is_total]
    total_col = next(c.key for c in spec.grids[0].columns if c.is_total)
    values: dict[tuple[str, str], int] = {}
    leaves = spec.summed_rows(next(r.key for r in spec.rows if r.is_total))
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
    table = RequestTable.from_cells(spec, values)
    return _blank_zeros(draw, table) if blanks else table


def _request_layouts(eds: Sequence[Edition], undivided_other: bool | None) -> dict[str, list[TableSpec]]:
    """The request-table layouts of each edition that fit ``undivided_other``."""
    if undivided_other is not None:
        _check_flag("undivided_other", undivided_other)
    layouts = {
        e.key: [
            s
            for s in e.requests
            if undivided_other is None or (s.find("results.other", "total") is not None) == undivided_other
        ]
        for e in eds
    }
    layouts = {k: v for k, v in layouts.items() if v}
    if not layouts:
        raise InvalidArgument("no edition given admits that request-table layout")
    return layouts


def request_tables(
    *,
    editions: Sequence[str] | None = None,
    undivided_other: bool | None = None,
    consistent: bool = True,
    blanks: bool = False,
) -> st.SearchStrategy[RequestTable]:
    """Section-三 tables; consistent ones satisfy E1–E3 exactly, totals derived from the cells.

    ``undivided_other``: ``True`` for only the one-row （六） layout, ``False`` for only the
    divided one, ``None`` for any layout the editions admit (editions that admit none of the
    asked layouts are left out). ``consistent=False`` draws every cell on its own (any
    type-valid value). ``blanks=True`` leaves some cells not stated (``None``); a consistent
    table blanks only cells whose value would be 0, so the identities hold with blank = 0.

    >>> from hypothesis import given
    >>> @given(request_tables(undivided_other=True))
    ... def test(table):
    ...     assert not table.other_divided
    >>> test()
    >>> request_tables(editions=["2019"], undivided_other=False)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: no edition given admits that request-table layout
    """
    specs = [s for ss in _request_layouts(_check_editions(editions), undivided_other).values() for s in ss]
    ok, blank = _check_flag("consistent", consistent), _check_flag("blanks", blanks)
    by_variant = {s.variant: s for s in specs}  # sampled by name: a short repr in Hypothesis's output
    return st.sampled_from(list(by_variant)).flatmap(lambda v: _requests(by_variant[v], ok, blank))


@st.composite
def _appeals(draw: st.DrawFn, spec: TableSpec, consistent: bool = True, blanks: bool = False) -> AppealTable:
    if not consistent:
        return _arbitrary(draw, AppealTable, spec, blanks)
    values: dict[tuple[str, str], int] = {}
    for row in spec.rows:
        parts = [c for c in spec.grids[0].columns if not c.is_total]
        for c in parts:
            values[row.key, c.key] = draw(st.integers(0, 20))
        total = next(c for c in spec.grids[0].columns if c.is_total)
        values[row.key, total.key] = sum(values[row.key, c.key] for c in parts)
    table = AppealTable.from_cells(spec, values)
    return _blank_zeros(draw, table) if blanks else table


def appeal_tables(*, consistent: bool = True, blanks: bool = False) -> st.SearchStrategy[AppealTable]:
    """Section-四 tables; consistent ones satisfy E4 (each 总计 is the sum of its four outcomes).

    ``consistent`` and ``blanks`` work as for :func:`request_tables`.

    >>> from hypothesis import given
    >>> @given(appeal_tables())
    ... def test(table):
    ...     assert all(row.total == row.computed_total for row in table.rows())
    >>> test()
    >>> appeal_tables(blanks=None)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: blanks must be True or False, not None
    """
    ok, blank = _check_flag("consistent", consistent), _check_flag("blanks", blanks)
    layouts = list(dict.fromkeys(e.appeals for e in EDITIONS.values()))
    by_variant = {s.variant: s for s in layouts}
    return st.sampled_from(list(by_variant)).flatmap(lambda v: _appeals(by_variant[v], ok, blank))


def _default_titles(agency: str, year: int) -> st.SearchStrategy[str | None]:
    # Never the default title itself: a stated title is one that differs from it.
    return st.none() | st.sampled_from([v.format(agency=agency, year=year) for v in common.TITLE_VARIANTS])


def _default_published(year: int) -> st.SearchStrategy[_dt.date | None]:
    # By the deadlines of 《条例》 Art. 49 (31 January / 31 March of the next year), or a little later.
    return st.none() | st.dates(_dt.date(year + 1, 1, 1), _dt.date(year + 1, 6, 30))


@st.composite
def _report(
    draw: st.DrawFn,
    edition: Edition,
    *,
    consistent: bool = True,
    blanks: bool = False,
    layouts: Sequence[TableSpec] | None = None,
    years: st.SearchStrategy[int] | None = None,
    agency_names: st.SearchStrategy[str] | None = None,
    titles: st.SearchStrategy[str | None] | None = None,
    published_dates: st.SearchStrategy[_dt.date | None] | None = None,
    prose: st.SearchStrategy[Narrative] | None = None,
) -> Report:
    if years is None:
        lo, hi = edition.years
        years = st.integers(lo, hi if hi is not None else lo + 10)
    year = draw(years)
    agency = draw(agency_names if agency_names is not None else agencies())
    return Report(
        edition=edition.key,
        agency=agency,
        year=year,
        title=draw(titles if titles is not None else _default_titles(agency, year)),
        published=draw(published_dates if published_dates is not None else _default_published(year)),
        preamble=tuple(draw(st.lists(_paragraph(), max_size=2))),
        overview=draw(prose if prose is not None else _section_narratives("overview")),
        proactive=draw(_proactive(edition.proactive, consistent, blanks)),
        requests=draw(
            st.sampled_from(layouts or edition.requests).flatmap(lambda s: _requests(s, consistent, blanks))
        ),
        appeals=draw(_appeals(edition.appeals, consistent, blanks)),
        problems=draw(prose if prose is not None else _section_narratives("problems")),
        other_matters=draw(prose if prose is not None else _section_narratives("other_matters")),
    )


def reports(
    *,
    editions: Sequence[str] | None = None,
    consistent: bool = True,
    blanks: bool = False,
    undivided_other: bool | None = None,
    years: st.SearchStrategy[int] | None = None,
    agencies: st.SearchStrategy[str] | None = None,
    titles: st.SearchStrategy[str | None] | None = None,
    published_dates: st.SearchStrategy[_dt.date | None] | None = None,
    narratives: st.SearchStrategy[Narrative] | None = None,
) -> st.SearchStrategy[Report]:
    """Complete reports of the given editions (default: every edition), all six sections stated.

    A consistent report (the default) is valid by construction: every total is derived from
    generated cells, never found by filtering, so the hard identities E1–E4 hold and the
    single-report warnings (S2, S4, S6) stay quiet: ``govinfo.validate`` finds no error and
    no warning in it (an empty narrative section is an info, "not stated").

    - ``consistent=False``: every table cell is drawn on its own (any type-valid value), so
      the identities hold only by chance; the report still loads, round-trips and renders.
    - ``blanks=True``: some cells are not stated (``None``, a blank or ``/`` in the published
      table). In a consistent report only cells whose value would be 0 are left blank, so the
      identities hold with blank = 0 (report-format.md §5).
    - ``undivided_other``: as for :func:`request_tables`.
    - ``years``, ``agencies``, ``titles`` (``None`` = no stated title), ``published_dates``
      and ``narratives`` (for 一, 五 and 六) replace the default generators. By default the
      year lies in the years the edition was meant for, the title is ``None`` or a published
      wording of the default (never the default itself), and the publication date is ``None``
      or in the first half of the following year.

    >>> from hypothesis import given, strategies as st
    >>> @given(reports(editions=["2019"], years=st.integers(2019, 2023), blanks=True))
    ... def test(report):
    ...     assert report.edition == "2019" and 2019 <= report.year <= 2023
    >>> test()
    >>> reports(years=2023)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: years must be a Hypothesis strategy, not 2023 ...
    """
    eds = _check_editions(editions)
    layouts = _request_layouts(eds, undivided_other)
    eds = tuple(e for e in eds if e.key in layouts)
    ok, blank = _check_flag("consistent", consistent), _check_flag("blanks", blanks)
    for name, value in (
        ("years", years),
        ("agencies", agencies),
        ("titles", titles),
        ("published_dates", published_dates),
        ("narratives", narratives),
    ):
        _check_strategy(name, value)
    kwargs: dict[str, Any] = {"consistent": ok, "blanks": blank}
    if years is not None:
        kwargs["years"] = _checked(
            "years", years, lambda y: type(y) is int and 1000 <= y <= 9999, "a four-digit year"
        )
    if agencies is not None:
        kwargs["agency_names"] = _checked("agencies", agencies, lambda a: isinstance(a, str), "a string")
    if titles is not None:
        kwargs["titles"] = _checked(
            "titles", titles, lambda t: t is None or isinstance(t, str), "a string or None"
        )
    if published_dates is not None:
        kwargs["published_dates"] = _checked(
            "published_dates", published_dates, lambda d: d is None or type(d) is _dt.date, "a date or None"
        )
    if narratives is not None:
        kwargs["prose"] = _checked(
            "narratives", narratives, lambda n: isinstance(n, Narrative), "a Narrative"
        )
    return st.sampled_from([e.key for e in eds]).flatmap(
        lambda k: _report(EDITIONS[k], layouts=layouts[k], **kwargs)
    )


# --- broken interchange dicts -----------------------------------------------------------------

#: The codes :meth:`Report.from_dict <govinfo.Report.from_dict>` gives for a mistake in a dict
#: (docs/interchange.md). ``bad_json`` belongs to ``from_json``; ``wrong_shape`` and
#: ``edition_mismatch`` to construction from Python objects.
DICT_ERROR_CODES: tuple[str, ...] = (
    "wrong_type",
    "missing_key",
    "unknown_key",
    "other_edition_key",
    "negative_count",
    "money_not_string",
    "bad_money",
    "negative_money",
    "bad_unit",
    "bad_edition",
    "bad_format_version",
    "bad_year",
    "bad_date",
)


@attrs.frozen(kw_only=True)
class BrokenDict:
    """An interchange dict with one mistake, and the one problem it must cause.

    ``Report.from_dict(data)`` (and ``Report.from_json`` of its JSON) raises an
    :class:`~govinfo.InvalidReportError` whose :meth:`~govinfo.InvalidReportError.problems`
    are exactly one: ``(code, path, message)``. ``mistake`` says what was done, in words.
    """

    data: dict[str, Any]
    code: str
    path: str
    mistake: str


_Key = str | int


@attrs.frozen
class _Edit:
    """One mistake to make: set, delete, or append to a list at ``keys``."""

    code: str
    action: str  # "set", "delete" or "append"
    keys: tuple[_Key, ...]
    values: tuple[Any, ...] = (None,)
    #: Keys below the appended item that the problem names (e.g. a subsection's "title").
    suffix: tuple[_Key, ...] = ()


def _json_path(keys: Sequence[_Key]) -> str:
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)


# Keys a careless producer adds: none is a key of the format anywhere.
_STRAY_TOP_KEYS = ("color", "备注", "url", "tables", "Agency", "summary")
_STRAY_TABLE_KEYS = ("subtotal", "legal_persons", "natural_persons", "Total", "备注", "sum")
_STRAY_NARRATIVE_KEYS = ("title", "heading", "text", "Paragraphs")
_STRAY_SUBSECTION_KEYS = ("subsections", "number", "text")
# Values of the wrong JSON type for a count, a row or object, and a text.
_NOT_COUNTS = ("3", "", "/", "-", "无", "+3", 1.0, 2.5, True, False, [1], {"n": 1})
_NOT_OBJECTS: tuple[Any, ...] = ([], [0, 0, 0], "0", 0, None)
_NOT_STRINGS = (42, True, ["某局"], {"text": "x"})
_BAD_MONEY = ("1e3", "", "12.", ".5", "NaN", "1,000", "10 000", "１２", "约5", "+3", "--253", "0x1F")
_BAD_UNITS = ("千元", "yuan", "元 ", "", "万", 1, True, ["元"])
_BAD_EDITIONS = ("2020", 2021, "2021 ", None, "二〇二一", "2019试行", ["2021"])
_BAD_FORMAT_VERSIONS = (2, 0, "1", True, 1.0, None)


def _table_paths(table_key: str, editions: Sequence[Edition]) -> set[tuple[str, ...]]:
    """Every object path (row groups, rows, cells) of a table in any layout of these editions."""
    specs: list[TableSpec] = []
    for e in editions:
        specs += {"proactive": [e.proactive], "requests": list(e.requests), "appeals": [e.appeals]}[table_key]
    return {cell.path[:i] for spec in specs for cell in spec.cells for i in range(1, len(cell.path) + 1)}


def _edits(report: Report, data: dict[str, Any]) -> list[_Edit]:
    """Every mistake this report's dict admits, each with the one code it must produce."""
    edition = report.edition_spec
    year = report.year + 1
    edits = [
        *(_Edit("missing_key", "delete", (k,)) for k in ("edition", "agency", "year")),
        _Edit("wrong_type", "set", ("agency",), (*_NOT_STRINGS, None)),
        _Edit("wrong_type", "set", ("year",), ("2023", 2023.0, True, None)),
        _Edit("wrong_type", "set", ("title",), _NOT_STRINGS),
        _Edit("wrong_type", "set", ("preamble",), ("依据《条例》编制。", {"p": "x"}, 3)),
        _Edit("wrong_type", "append", ("preamble",), (3, None, ["x"])),
        _Edit("bad_edition", "set", ("edition",), _BAD_EDITIONS),
        _Edit("bad_format_version", "set", ("format_version",), _BAD_FORMAT_VERSIONS),
        _Edit("bad_year", "set", ("year",), (report.year % 100, 0, -report.year, report.year * 10, 999)),
        _Edit(
            "bad_date",
            "set",
            ("published",),
            (
                f"{year}/01/20",
                f"{year}-02-30",
                f"{year}0120",
                f"{year}-1-5",
                f"{year}-13-01",
                f"{year}-01-20T09:00:00",
                f"{year}年1月20日",
                int(f"{year}0120"),
                [year, 1, 20],
            ),
        ),
        *(_Edit("unknown_key", "set", (k,), (0, "x")) for k in _STRAY_TOP_KEYS),
    ]
    for name in ("overview", "problems", "other_matters"):
        n = (name,)
        edits += [
            _Edit("wrong_type", "set", n, ([], "总体良好。", 3)),
            _Edit("wrong_type", "set", (*n, "paragraphs"), ("一段话。", {"text": "x"})),
            _Edit("wrong_type", "append", (*n, "paragraphs"), (3, None, ["x"])),
            _Edit("wrong_type", "set", (*n, "subsections"), ({"title": "x"}, "x")),
            _Edit("wrong_type", "append", (*n, "subsections"), ("主动公开情况", 1, ["x"])),
            _Edit("wrong_type", "append", (*n, "subsections"), *_subsection({"title": 1}, "title")),
            _Edit("missing_key", "append", (*n, "subsections"), *_subsection({}, "title")),
            _Edit("unknown_key", "append", (*n, "subsections"), *_subsection({"number": 1}, "number")),
            *(_Edit("unknown_key", "set", (*n, k), ([],)) for k in _STRAY_NARRATIVE_KEYS),
        ]
        for i in range(len(data[name]["subsections"])):
            s = (*n, "subsections", i)
            edits += [
                _Edit("wrong_type", "set", s, ("x", None, [])),
                _Edit("wrong_type", "set", (*s, "title"), (1, None, ["x"])),
                _Edit("missing_key", "delete", (*s, "title")),
                _Edit("wrong_type", "set", (*s, "paragraphs"), ("一段话。", 3)),
                _Edit("wrong_type", "append", (*s, "paragraphs"), (3, None)),
                *(_Edit("unknown_key", "set", (*s, k), (1,)) for k in _STRAY_SUBSECTION_KEYS),
            ]
    for table in (report.proactive, report.requests, report.appeals):
        spec = table.spec
        t = (spec.key,)
        here = _table_paths(spec.key, [edition])
        anywhere = _table_paths(spec.key, list(EDITIONS.values()))
        nodes = {cell.path[:i] for cell in spec.cells for i in range(len(cell.path))}  # objects, with ()
        rows = {row.path for row in spec.rows}
        edits += [_Edit("wrong_type", "set", (*t, *node), _NOT_OBJECTS) for node in nodes]
        edits += [
            _Edit("unknown_key", "set", (*t, *node, k), (0,))
            for node in nodes
            for k in _STRAY_TABLE_KEYS
            if (*node, k) not in anywhere
        ]
        edits += [
            _Edit("other_edition_key", "set", (*t, *path), (0,))
            for path in sorted(anywhere - here)
            if path[:-1] in nodes
        ]
        # Rows and row groups that must be there: all but a 总计 row (derived when omitted).
        edits += [
            _Edit("missing_key", "delete", (*t, *node))
            for node in nodes - {()}
            if node not in rows or not spec.row(".".join(node)).is_total
        ]
        for cell in spec.cells:
            c = (*t, *cell.path)
            kind = cell.kind
            if not cell.column.is_total:
                edits.append(_Edit("missing_key", "delete", c))
            if kind is CellKind.COUNT or kind is CellKind.SIGNED:
                edits.append(_Edit("wrong_type", "set", c, _NOT_COUNTS))
            if kind is CellKind.COUNT:
                edits.append(_Edit("negative_count", "set", c, (-1, -3, -12, -1000)))
            elif kind is CellKind.MONEY:
                stated = table.cells[cell.index]
                amount = format(stated, "f") if isinstance(stated, Decimal) else "11615"
                edits += [
                    _Edit("money_not_string", "set", c, (float(amount), int(float(amount)), True, [amount])),
                    _Edit("bad_money", "set", c, (*_BAD_MONEY, f"{amount}万元", f"{amount}元", f" {amount}")),
                    _Edit(
                        "negative_money",
                        "set",
                        c,
                        ("-3", "-0.5", f"-{amount}" if amount.strip("0.") else "-1"),
                    ),
                ]
            elif kind is CellKind.UNIT:
                edits.append(_Edit("bad_unit", "set", c, _BAD_UNITS))
    return edits


def _subsection(fields: dict[str, Any], key: str) -> tuple[tuple[Any, ...], tuple[_Key, ...]]:
    """``(values, suffix)`` for appending a subsection whose ``key`` is wrong."""
    base: dict[str, Any] = {"title": "主动公开情况", "paragraphs": []}
    if not fields:
        del base["title"]
    return ({**base, **fields},), (key,)


def _codes_of(edition: Edition) -> set[str]:
    """The codes a mistake in a dict of this edition can produce."""
    kinds = {c.kind for spec in (edition.proactive, *edition.requests, edition.appeals) for c in spec.cells}
    codes = set(DICT_ERROR_CODES)
    if CellKind.MONEY not in kinds:
        codes -= {"money_not_string", "bad_money", "negative_money"}
    if CellKind.UNIT not in kinds:
        codes.discard("bad_unit")
    others = [e for e in EDITIONS.values() if e is not edition]
    if not any(
        _table_paths(key, others) - _table_paths(key, [edition])
        for key in ("proactive", "requests", "appeals")
    ):
        codes.discard("other_edition_key")
    return codes


def _apply(data: dict[str, Any], edit: _Edit, value: Any) -> tuple[_Key, ...]:
    """Make the mistake in ``data``; the keys of the value the problem names."""
    node: Any = data
    *parents, last = edit.keys
    for key in parents:
        node = node[key]
    if edit.action == "delete":
        del node[last]
        return edit.keys
    if edit.action == "set":
        node[last] = value
        return edit.keys
    node[last].append(value)
    return (*edit.keys, len(node[last]) - 1, *edit.suffix)


@st.composite
def _broken(draw: st.DrawFn, editions: tuple[str, ...], codes: tuple[str, ...]) -> BrokenDict:
    edition = EDITIONS[draw(st.sampled_from(editions))]
    report = draw(_report(edition, blanks=draw(st.booleans())))
    data = report.to_dict()
    code = draw(st.sampled_from(sorted(set(codes) & _codes_of(edition))))
    edit = draw(st.sampled_from([e for e in _edits(report, data) if e.code == code]))
    value = draw(st.sampled_from(edit.values))
    keys = _apply(data, edit, value)
    path = _json_path(keys)
    what = "deleted" if edit.action == "delete" else f"set to {value!r}"
    return BrokenDict(data=data, code=code, path=path, mistake=f"{path} {what}")


def broken_dicts(
    *, editions: Sequence[str] | None = None, codes: Sequence[str] | None = None
) -> st.SearchStrategy[BrokenDict]:
    """Interchange dicts of consistent reports with one mistake each, paired with its problem.

    Every :class:`BrokenDict` ``b`` satisfies: ``Report.from_dict(b.data)`` raises an
    :class:`~govinfo.InvalidReportError` whose problems are exactly ``[(b.code, b.path, …)]``.
    The mistakes are those a producer makes (docs/interchange.md, "Error codes"): wrong JSON
    types (``"3"``, ``"/"``, ``1.0`` for a count), missing and unknown keys, a key of the other
    edition's layout, negative counts, money as a number or with a unit, bad units, editions,
    format versions, years and dates. ``codes`` restricts them to some of
    :data:`DICT_ERROR_CODES`; editions that cannot produce a code (``bad_unit`` needs the 2019
    procurement table) are left out for it.

    >>> from hypothesis import given
    >>> from govinfo import GovinfoError, Report
    >>> @given(broken_dicts(codes=["negative_count", "bad_year"]))
    ... def test(broken):
    ...     try:
    ...         Report.from_dict(broken.data)
    ...     except GovinfoError as e:
    ...         assert [p[:2] for p in e.problems()] == [(broken.code, broken.path)]
    ...     else:
    ...         raise AssertionError("no error")
    >>> test()
    >>> broken_dicts(editions=["2021"], codes=["bad_unit"])
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: no edition given can produce ['bad_unit']
    """
    eds = _check_editions(editions)
    if codes is None:
        wanted = frozenset(DICT_ERROR_CODES)
    else:
        if isinstance(codes, str) or not codes:
            raise InvalidArgument(f"codes must be a non-empty sequence of error codes, not {codes!r}")
        unknown = sorted(set(codes) - set(DICT_ERROR_CODES))
        if unknown:
            raise InvalidArgument(f"unknown codes {unknown!r}; from_dict gives {list(DICT_ERROR_CODES)}")
        wanted = frozenset(codes)
    possible = {e.key: _codes_of(e) & wanted for e in eds}
    impossible = sorted(wanted - set().union(*possible.values()))
    if impossible:
        raise InvalidArgument(f"no edition given can produce {impossible!r}")
    return _broken(tuple(e.key for e in eds if possible[e.key]), tuple(sorted(wanted)))


# --- reports with one known fault -------------------------------------------------------------

#: The finding codes :func:`faulty_reports` can inject (docs/rules.md). S5 cannot be injected
#: into a :class:`~govinfo.Report` (construction refuses it); S1 and S3 need two reports.
FAULT_CODES: tuple[str, ...] = (
    "E1-column-balance",
    "E2-row-total",
    "E3-results-total",
    "E4-appeal-total",
    "S2-in-force-low",
    "S4-published-over-total",
    "S6-prose-requests",
    "S6-prose-outcome",
    "B-blank-cell",
    "B-section-not-stated",
)


@attrs.frozen(kw_only=True)
class FaultyReport:
    """A consistent report with one fault injected, and the finding code it must produce.

    ``govinfo.validate(f.report)`` includes a finding with code ``f.code``; ``path`` is the
    faulted place (a cell, a paragraph or a section) and ``fault`` says what was done, in words.
    For a changed cell of 三 or 四 the findings' suspect (or, in 四, one of their candidates)
    is that cell.
    """

    report: Report
    code: str
    path: str
    fault: str


def _identity_rule(code: str) -> Any:
    from ..validation import rules

    return next(r for r in rules.IDENTITIES if code in r.codes)


def _with(report: Report, key: str, value: object) -> Report:
    """The report with one section replaced."""
    changes: dict[str, Any] = {key: value}
    return attrs.evolve(report, **changes)


def _fault_codes_of(edition: Edition) -> set[str]:
    codes = set(FAULT_CODES)
    if not any(edition.proactive.find(r.key, "in_force") for r in edition.proactive.rows):
        codes.discard("S2-in-force-low")
    if not any(edition.proactive.find(r.key, "total_published") for r in edition.proactive.rows):
        codes.discard("S4-published-over-total")
    return codes


def _cell_path(spec: TableSpec, row: str, column: str) -> str:
    return ".".join(("$", spec.key, *spec.cell(row, column).path))


@st.composite
def _faulty(draw: st.DrawFn, editions: tuple[Edition, ...], codes: frozenset[str]) -> FaultyReport:
    from ..validation.prose import outcome_keywords
    from ..validation.rules import flows

    edition = draw(st.sampled_from(editions))
    report = draw(_report(edition))
    code = draw(st.sampled_from(sorted(codes & _fault_codes_of(edition))))
    if code.startswith("E"):
        rule = _identity_rule(code)
        table: Table = getattr(report, rule.table)
        cells = sorted({c.index for eq in rule.equations(report) for c in (*eq.lhs, *eq.rhs)})
        cell = table.spec.cells[draw(st.sampled_from(cells))]
        value = table.cells[cell.index]
        assert type(value) is int
        delta = draw(st.integers(1, 30))
        new = value - delta if value >= delta and draw(st.booleans()) else value + delta
        faulted = table.replace(cell.row.key, cell.column.key, new)
        path = _cell_path(table.spec, cell.row.key, cell.column.key)
        return FaultyReport(
            report=_with(report, table.spec.key, faulted),
            code=code,
            path=path,
            fault=f"{path} changed from {value} to {new}",
        )
    if code == "B-blank-cell":
        key = draw(st.sampled_from(("proactive", "requests", "appeals")))
        table = getattr(report, key)
        cell = draw(st.sampled_from([c for c in table.spec.cells if c.kind is not CellKind.UNIT]))
        path = _cell_path(table.spec, cell.row.key, cell.column.key)
        faulted = table.replace(cell.row.key, cell.column.key, None)
        return FaultyReport(
            report=_with(report, key, faulted), code=code, path=path, fault=f"{path} left blank"
        )
    if code == "B-section-not-stated":
        section = draw(st.sampled_from(edition.sections))
        content = getattr(report, section.key)
        empty = content.empty(content.spec) if isinstance(content, Table) else Narrative()
        return FaultyReport(
            report=_with(report, section.key, empty),
            code=code,
            path=f"$.{section.key}",
            fault=f"section {section.key} left out",
        )
    proactive = report.proactive
    k = draw(st.integers(1, 30))
    if code in ("S2-in-force-low", "S4-published-over-total"):
        # S2: 本年制发件数 > 现行有效件数 + 本年废止件数; S4: 本年新公开数量 > 对外公开总数量.
        subject, raised, extra = (
            ("in_force", "issued", ("repealed",))
            if code == "S2-in-force-low"
            else ("total_published", "new_published", ())
        )
        rows = [r.key for r in proactive.spec.rows if proactive.spec.find(r.key, subject)]
        row = draw(st.sampled_from(rows))
        base = sum(v for key in (subject, *extra) for v in (proactive[row, key],) if type(v) is int)
        faulted = proactive.replace(row, raised, base + k)
        path = _cell_path(proactive.spec, row, subject)
        return FaultyReport(
            report=attrs.evolve(report, proactive=faulted),
            code=code,
            path=path,
            fault=f"{_cell_path(proactive.spec, row, raised)} raised to {base + k}",
        )
    # S6: a sentence in 一 that the table contradicts.
    requests = report.requests
    spec = requests.spec
    total = next(c.key for c in spec.grids[0].columns if c.is_total)
    if code == "S6-prose-requests":
        split = flows(spec)
        assert split is not None
        ins, outs = split
        values = [requests[r.key, total] for r in (*ins, outs[0])]
        ints = [v if type(v) is int else 0 for v in values]
        taken = {ints[0], sum(ints[: len(ins)]), ints[-1]}
        n = draw(st.integers(0, max(taken) + 30).filter(lambda x: x not in taken))
        sentence = f"全年共收到政府信息公开申请{n}件。"
    else:
        word, _, members = draw(st.sampled_from(outcome_keywords(spec)))
        stated = sum(v for r in members for v in (requests[r.key, total],) if type(v) is int)
        n = stated + k if stated < k or draw(st.booleans()) else stated - k
        sentence = f"依申请公开方面，{word}{n}件。"
    overview = attrs.evolve(report.overview, paragraphs=(*report.overview.paragraphs, sentence))
    path = f"$.overview.paragraphs[{len(report.overview.paragraphs)}]"
    return FaultyReport(
        report=attrs.evolve(report, overview=overview), code=code, path=path, fault=f"{path}: {sentence}"
    )


def faulty_reports(
    *, editions: Sequence[str] | None = None, codes: Sequence[str] | None = None
) -> st.SearchStrategy[FaultyReport]:
    """Consistent reports with exactly one fault injected, paired with the finding code it must cause.

    The faults: a cell of 三 or 四 changed by a non-zero amount (kept non-negative; a stated
    总计 among them) for ``E1``–``E4``; a cell left blank (``B-blank-cell``); a section left out
    (``B-section-not-stated``); 本年制发件数 raised above 现行有效件数 + 本年废止件数
    (``S2-in-force-low``, 2021 edition); 本年新公开数量 raised above 对外公开总数量
    (``S4-published-over-total``, 2019 edition); a sentence added to 一 stating a number of
    requests received, or of one outcome, that the table contradicts (``S6-…``). ``codes``
    restricts them to some of :data:`FAULT_CODES`; editions that cannot produce a code are left
    out for it.

    >>> from hypothesis import given
    >>> import govinfo
    >>> @given(faulty_reports(codes=["E4-appeal-total", "S4-published-over-total"]))
    ... def test(faulty):
    ...     assert faulty.code in {f.code for f in govinfo.validate(faulty.report)}
    >>> test()
    >>> faulty_reports(editions=["2021"], codes=["S4-published-over-total"])
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: no edition given can produce ['S4-published-over-total']
    """
    eds = _check_editions(editions)
    if codes is None:
        wanted = frozenset(FAULT_CODES)
    else:
        if isinstance(codes, str) or not codes:
            raise InvalidArgument(f"codes must be a non-empty sequence of finding codes, not {codes!r}")
        unknown = sorted(set(codes) - set(FAULT_CODES))
        if unknown:
            raise InvalidArgument(f"unknown codes {unknown!r}; faulty_reports injects {list(FAULT_CODES)}")
        wanted = frozenset(codes)
    possible = {e.key: _fault_codes_of(e) & wanted for e in eds}
    impossible = sorted(wanted - set().union(*possible.values()))
    if impossible:
        raise InvalidArgument(f"no edition given can produce {impossible!r}")
    return _faulty(tuple(e for e in eds if possible[e.key]), wanted)


# --- published-looking text paired with the report it encodes ---------------------------------


@attrs.frozen(kw_only=True)
class PublishedText:
    """A report as published text with realistic noise, and the report that text encodes.

    ``govinfo.parse(text) == report`` holds; ``deviations`` names the noise it carries (the ids of
    report-format.md §7, plus ``chrome``, ``trailing-spaces`` and ``crlf``).
    """

    text: str
    report: Report
    deviations: tuple[str, ...]


def published_texts(
    *, reports: st.SearchStrategy[Report] | None = None, deviations: Sequence[str] | None = None
) -> st.SearchStrategy[PublishedText]:
    """Reports rendered as text (``govinfo.render_text``) with the noise of real copies, paired.

    Each text carries one or more of ``deviations`` (default: any of
    :data:`PUBLISHED_DEVIATIONS`): the copy NFKC-folded to half-width punctuation (``D24``;
    the paired report's own text is folded too), header words split over two lines (``D8``)
    or by a space (``D9``), stray spaces in labels (``D15``), U+00A0 beside numbers (``D25``),
    blank cells written ``/``, ``-``, ``—``, ``－`` or ``无`` (``D3``), label (``D14``) and
    heading (``D18``) wordings from the catalogue's aliases, page chrome before and after the
    report (``chrome``), spaces at line ends (``trailing-spaces``) and CRLF line ends
    (``crlf``). Only noise that govinfo's parser reads back exactly is made, so the pair can
    test any pipeline that reads published reports. ``reports`` defaults to
    ``reports(blanks=True)``; a report of your own must be one that ``render_text`` writes
    in full (a 2019 procurement unit beside a blank amount is not written).

    >>> from hypothesis import given, settings
    >>> import govinfo
    >>> @settings(max_examples=5)
    ... @given(published_texts(deviations=["D3", "chrome", "crlf"]))
    ... def test(published):
    ...     assert govinfo.parse(published.text) == published.report
    >>> test()
    >>> published_texts(deviations=["D23"])
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: unknown deviations ['D23']; known: ...
    """
    _check_strategy("reports", reports)
    known = PUBLISHED_DEVIATIONS
    if deviations is None:
        wanted = known
    else:
        if isinstance(deviations, str) or not deviations:
            raise InvalidArgument(f"deviations must be a non-empty sequence of names, not {deviations!r}")
        unknown = sorted(set(deviations) - set(known))
        if unknown:
            raise InvalidArgument(f"unknown deviations {unknown!r}; known: {list(known)}")
        wanted = tuple(d for d in known if d in deviations)
    source = (
        _report_strategy(blanks=True)
        if reports is None
        else _checked("reports", reports, lambda r: isinstance(r, Report), "a Report")
    )
    return _published_text(source, wanted)


def _report_strategy(**kwargs: Any) -> st.SearchStrategy[Report]:
    # reports(), where an argument of the same name hides it
    return reports(**kwargs)


@st.composite
def _published_text(
    draw: st.DrawFn, source: st.SearchStrategy[Report], deviations: tuple[str, ...]
) -> PublishedText:
    from ..render import render_text

    report = draw(source)
    chosen = tuple(draw(st.lists(st.sampled_from(deviations), min_size=1, unique=True)))
    chosen = tuple(d for d in deviations if d in chosen)
    text, encoded = _published.add_noise(draw, render_text(report, locale="zh_CN"), report, chosen)
    return PublishedText(text=text, report=encoded, deviations=chosen)


#: The names :func:`published_texts` takes in ``deviations``.
PUBLISHED_DEVIATIONS: tuple[str, ...] = (*_published.DEVIATIONS, _published.CRLF)
