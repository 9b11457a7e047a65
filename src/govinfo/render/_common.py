"""What the three renderers share: locale and labels, numbers, numbering, findings, table grids.

Everything a renderer prints is either text from the report (escaped by the renderer) or read
from the catalogue (labels, captions, the order of rows and columns). This module spells no
official label; the Chinese numerals come from :data:`govinfo.catalogue.common.NUMERALS`.

A table is laid out once, as a :class:`Grid`: rows of :class:`GridCell` with the official
rowspan/colspan, derived from the catalogue (section 二: captioned sub-grids stacked in one
table; 三: a matrix under multi-level column headers; 四: a ``one_row`` grid whose row labels
stand in the header). The text and HTML renderers draw the same grid; Markdown, which cannot
merge cells, builds flat tables from the catalogue instead.

Nothing in a grid but its value cells depends on the report, so a table spec is laid out once
per style (:func:`table_layout`, cached): a :class:`Layout` is the grid with blank value cells
and the :class:`Slot` each value is read from. The renderers go one step further and cache what
they write from a layout (the text renderer's placement, heights and borders; the HTML markup
around the values; Markdown's header and label column), so that rendering a report formats its
values (:func:`slot_texts`) and joins strings; :func:`table_grid` fills a layout in, for the
renderers that need the grid itself (docx, the text renderer's records).

Display width (for the text renderer's alignment) is :func:`govinfo.textwidth.display_width`,
the one width function of govinfo (wcwidth's tables), with East Asian Ambiguous characters
(``“”``, ``·``) counted as 1 column: a rendering is a file, the same on every machine.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, localcontext
from typing import Protocol

import attrs
from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from ..catalogue import (
    CellKind,
    CellSpec,
    ColumnSpec,
    GridSpec,
    GroupSpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    common,
)
from ..catalogue.spec import MONEY_UNITS, MONEY_UNITS_EN
from ..errors import RenderError
from ..report import Report
from ..table import Cell, Table, path_of
from ..textwidth import display_width as _display_width

__all__ = [
    "Grid",
    "GridCell",
    "Layout",
    "Located",
    "Marks",
    "RowGroup",
    "Slot",
    "SlotReader",
    "Style",
    "display_width",
    "inline",
    "lines_of",
    "printed_columns",
    "roman",
    "slot_reader",
    "slot_texts",
    "table_grid",
    "table_layout",
    "value_cell",
]


class Located(Protocol):
    """Anything with a JSON ``path``, such as a :class:`govinfo.validation.Finding`."""

    @property
    def path(self) -> str | None: ...


# --- text hygiene ---------------------------------------------------------------------------

#: Characters that end a line in some reader or another (Unicode line boundaries, UAX #14).
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: Every C0/C1 control becomes U+FFFD, except line breaks and tabs, which become spaces.
#: Bidirectional controls (U+202A–U+202E, U+2066–U+2069, marks) are shown, not applied: a
#: right-to-left override in a report's text could otherwise reorder what a reader sees.
#: Lone surrogates (text that cannot be written as UTF-8) become U+FFFD.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INLINE = {
    **dict.fromkeys((*range(0x20), *range(0x7F, 0xA0)), "\ufffd"),
    **{ord(c): " " for c in _LINE_BREAKS + "\t"},
    **{ord(c): f"[U+{ord(c):04X}]" for c in BIDI_CONTROLS},
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),
}


def inline(text: str) -> str:
    """``text`` made safe for one line: line breaks and tabs become spaces, other controls U+FFFD,
    bidirectional controls are shown (``[U+202E]``), lone surrogates U+FFFD.

    >>> inline("a\\r\\nb\\tc\\x1bd")
    'a b c\\ufffdd'
    >>> inline("x\\u202ey\\ud800")
    'x[U+202E]y\\ufffd'
    """
    if text.isprintable():  # no control, no line break: nothing to replace
        return text
    return text.replace("\r\n", "\n").translate(_INLINE)


def lines_of(text: str) -> list[str]:
    """``text`` split at its line breaks, each line made safe with :func:`inline`."""
    if text.isprintable():  # no control, no line break
        return [text]
    text = text.replace("\r\n", "\n")
    for br in _LINE_BREAKS[1:]:
        text = text.replace(br, "\n")
    return [inline(line) for line in text.split("\n")]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced file: CJK (East Asian Wide/Fullwidth) counts 2.

    >>> display_width("自然人"), display_width("Total"), display_width("（一）"), display_width("“”·")
    (6, 5, 6, 3)
    """
    return _display_width(text)


# --- numbering ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def roman(n: int) -> str:
    """``n`` in Roman numerals (``roman(4) == 'IV'``); Arabic digits from 4000 on."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


@functools.lru_cache(maxsize=256)
def chinese_numeral(n: int) -> str:
    """``n`` (1–99) as the Chinese numeral used in headings; Arabic digits beyond.

    >>> chinese_numeral(3), chinese_numeral(12), chinese_numeral(20), chinese_numeral(45)
    ('三', '十二', '二十', '四十五')
    """
    numerals = common.NUMERALS
    if 0 < n <= len(numerals):
        return numerals[n - 1]
    tens, ones = divmod(n, 10)
    if not 0 < n < 100:
        return str(n)
    ten = numerals[9]
    return numerals[tens - 1] + ten + (numerals[ones - 1] if ones else "")


# --- locale ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Style:
    """How to say things in one locale: labels, numbers, dates, numbering.

    English labels (the catalogue's ``label_en`` fields) for English locales; the official
    Chinese labels for every other locale. Numbers always follow the locale.
    """

    locale: Locale
    english: bool
    #: The Babel identifier of ``locale`` (``zh_CN``): a cheap key for cached formatting.
    tag: str

    @classmethod
    def of(cls, locale: str) -> Style:
        """The style of a locale identifier such as ``"zh_CN"``, ``"zh-CN"`` or ``"en"``."""
        if not isinstance(locale, str):
            raise RenderError(
                f"locale must be a string such as 'zh_CN' or 'en', not {type(locale).__name__}",
                code="unknown_locale",
            )
        return _style(locale)

    @property
    def lang(self) -> str:
        """The BCP 47 tag of the labels' language (the catalogue's Chinese is zh-CN)."""
        return str(self.locale).replace("_", "-") if self.english else "zh-CN"

    def text(self, zh: str, en: str) -> str:
        """The label for this locale; Chinese when there is no English one."""
        return en if self.english and en else zh

    def label(self, spec: GroupSpec | RowSpec | ColumnSpec | SectionSpec) -> str:
        return self.text(spec.label, spec.label_en)

    def full_label(self, row: RowSpec) -> str:
        """The row label with its qualifying groups: ``（三）不予公开 · 1.属于国家秘密``."""
        return self.text(row.full_label, row.full_label_en)

    def caption(self, grid: GridSpec) -> str:
        return self.text(grid.caption, grid.caption_en)

    def corner(self, grid: GridSpec) -> str:
        return self.text(grid.corner, grid.corner_en)

    # numbering

    def section_number(self, index: int) -> str:
        """``一、`` or ``I. ``, for the section at 0-based ``index``."""
        return f"{roman(index + 1)}. " if self.english else f"{chinese_numeral(index + 1)}、"

    def subsection_number(self, index: int) -> str:
        """``（一）`` or ``(1) ``, for the subsection at 0-based ``index``."""
        return f"({index + 1}) " if self.english else f"（{chinese_numeral(index + 1)}）"

    def section_heading(self, index: int, section: SectionSpec) -> str:
        return self.section_number(index) + self.label(section)

    def title(self, report: Report) -> str:
        """The stated title, or the format's default title in this locale's language."""
        if report.title is not None:
            return report.title
        if self.english:
            return common.TITLE_TEMPLATE_EN.format(agency=report.agency, year=report.year)
        return report.default_title

    # numbers and dates

    def count(self, value: int) -> str:
        """A count with the locale's grouping: ``11,615``."""
        return _count(value, self.tag)

    def money(self, value: Decimal) -> str:
        """An amount with exactly the precision it was stated with: ``0.5000`` stays ``0.5000``."""
        sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int):  # NaN or infinity: the model rejects them
            return str(value)
        return _money(sign, digits, exponent, self.locale)

    def unit(self, unit: str) -> str:
        if self.english and unit in MONEY_UNITS:
            return MONEY_UNITS_EN[MONEY_UNITS.index(unit)]
        return unit

    def cell(self, kind: CellKind, value: Cell, unit: Cell = None) -> str:
        """A cell's text: blank for ``None`` (never 0); money with its unit when one is stated."""
        if value is None:
            return ""
        if isinstance(value, Decimal):
            text = self.money(value)
            if isinstance(unit, str):
                text = f"{text} ({self.unit(unit)})" if self.english else text + unit
            return text
        if isinstance(value, int):
            return self.count(value)
        return value

    def date(self, value: _dt.date) -> str:
        """A date in the locale's long form: ``2024年1月15日``, ``January 15, 2024``."""
        return format_date(value, format="long", locale=self.locale)


@functools.lru_cache(maxsize=64)
def _style(locale: str) -> Style:
    """:meth:`Style.of`, cached: one :class:`Style` (and one Babel ``Locale``) per identifier."""
    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise RenderError(f"unknown locale {locale!r}; try 'zh_CN' or 'en'", code="unknown_locale") from None
    symbols = loc.number_symbols.get("latn", {})
    if loc.default_numbering_system != "latn" or symbols.get("decimal") != "." or symbols.get("group") != ",":
        # 11615 in German is "11.615": read back, that is 11.615. Only locales whose numbers the
        # readers read back exactly are rendered (report-format.md: ``.`` decimal, ``,`` grouping).
        raise RenderError(
            f"locale {locale!r} writes numbers that do not read back ("
            f"decimal {symbols.get('decimal')!r}, grouping {symbols.get('group')!r}); use a locale with "
            "'.' for decimals and ',' for grouping, such as 'zh_CN', 'zh_Hant_TW' or 'en'",
            code="unreadable_locale",
        )
    return Style(locale=loc, english=loc.language == "en", tag=str(loc))


@functools.lru_cache(maxsize=1024)
def _money(sign: int, digits: tuple[int, ...], exponent: int, locale: Locale) -> str:
    """:meth:`Style.money` of a finite amount, cached (Babel takes about 35 µs an amount). The
    key is the amount's sign, digits and exponent, not the :class:`~decimal.Decimal`, which is
    equal (and hashes equal) for ``0.5`` and ``0.5000``."""
    value = Decimal((sign, digits, exponent))
    places = -exponent if exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if value.is_zero():
        value = value.copy_abs()  # no "-0"
    with localcontext() as ctx:
        # Babel quantizes in the current context: give it room for every stated digit.
        ctx.prec = max(28, len(digits) + max(exponent, 0) + places + 2)
        return format_decimal(value, format=pattern, locale=locale)


@functools.lru_cache(maxsize=4096)
def _count(value: int, locale: str) -> str:
    """:meth:`Style.count`, cached: a report's counts are mostly small and repeat."""
    return format_decimal(value, locale=locale)


# --- findings -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Marks:
    """Findings to show, numbered from 1, and the cells each one marks.

    A finding marks the cells at or under its path (``$.requests.results.total`` marks the
    whole row); a path naming a whole table or section marks no cell but is still listed.
    """

    findings: tuple[object, ...] = ()
    by_cell: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, report: Report, findings: Iterable[Located] | None) -> Marks:
        if findings is None:
            return cls()
        items = tuple(findings)
        by_cell: dict[str, list[int]] = {}
        tables: Sequence[Table] = (report.proactive, report.requests, report.appeals)
        for number, finding in enumerate(items, 1):
            path = getattr(finding, "path", None)
            if not isinstance(path, str) or path.count(".") < 2:
                continue
            for table in tables:
                for cell in table.spec.cells:
                    p = path_of(cell, table.spec)
                    if p == path or p.startswith(path + "."):
                        shown = by_cell.setdefault(_shown_in(cell, table.spec), [])
                        if number not in shown:
                            shown.append(number)
        return cls(findings=items, by_cell={k: tuple(v) for k, v in by_cell.items()})

    def __bool__(self) -> bool:
        return bool(self.findings)

    def get(self, path: str | None) -> tuple[int, ...]:
        return self.by_cell.get(path, ()) if path is not None else ()

    def describe(self, finding: object, style: Style) -> tuple[str, str, str]:
        """``(path, code, message)`` of a finding, message in the style's language.

        Each may be empty; a finding with neither path, code nor message is described by ``str()``.
        """

        def attr(*names: str) -> str:
            for name in names:
                value = getattr(finding, name, None)
                if isinstance(value, str) and value:
                    return value
            return ""

        message = attr("message_en", "message") if style.english else attr("message_zh", "message")
        path, code = attr("path"), attr("code")
        return path, code, message or ("" if path or code else str(finding))


def _shown_in(cell: CellSpec, spec: TableSpec) -> str:
    """The path of the cell that shows ``cell``: a unit is shown in its amount's cell."""
    if cell.kind is CellKind.UNIT:
        amount = next((c for c in cell.grid.columns if c.kind is CellKind.MONEY), None)
        if amount is not None:
            return path_of(spec.cell(cell.row.key, amount.key), spec)
    return path_of(cell, spec)


# --- grids ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GridCell:
    """One cell of a laid-out table.

    ``kind``: ``caption`` (a sub-table's caption row), ``corner``, ``note`` (the corner of 三,
    a note rather than a header), ``colgroup``, ``col``, ``rowgroup``, ``row``, ``value``.
    """

    text: str
    kind: str
    colspan: int = 1
    rowspan: int = 1
    #: An id for header cells (HTML ``id``), unique in the document.
    id: str | None = None
    #: The ids of the header cells of a value cell (HTML ``headers``).
    headers: tuple[str, ...] = ()
    #: The JSON path of a value cell.
    path: str | None = None
    #: The numbers of the findings marking a value cell.
    marks: tuple[int, ...] = ()

    @property
    def is_header(self) -> bool:
        return self.kind not in ("value", "note")


@attrs.frozen(kw_only=True)
class RowGroup:
    """Consecutive rows: HTML's ``<thead>`` (``head``) or a ``<tbody>``.

    ``header_rows`` leading rows are headers (the text renderer rules them off with ``=``).
    """

    rows: tuple[tuple[GridCell, ...], ...]
    head: bool = False
    header_rows: int = 0


@attrs.frozen(kw_only=True)
class Grid:
    """A table laid out with its merged cells; ``width`` columns."""

    key: str
    width: int
    groups: tuple[RowGroup, ...]

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        return tuple(row for group in self.groups for row in group.rows)


@attrs.frozen
class _Node:
    """A header: its key (unique among its siblings) and its text."""

    key: str
    text: str


def _header_rows(paths: Sequence[Sequence[_Node]], prefix: str) -> tuple[list[GridCell], ...]:
    """Multi-level column headers: one row per level, spans derived from the shared prefixes.

    Adjacent columns whose paths share a node at a level share one cell there (colspan); a
    path's last node reaches down to the bottom level (rowspan).
    """
    depth = max(len(p) for p in paths)
    rows: tuple[list[GridCell], ...] = tuple([] for _ in range(depth))
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if level >= len(path):
                i += 1
                continue
            shared = [n.key for n in path[: level + 1]]
            j = i + 1
            while j < len(paths) and [n.key for n in paths[j][: level + 1]] == shared:
                j += 1
            leaf = level == len(path) - 1
            rows[level].append(
                GridCell(
                    text=path[level].text,
                    kind="col" if leaf else "colgroup",
                    colspan=j - i,
                    rowspan=depth - level if leaf else 1,
                    id=_id(prefix, shared),
                )
            )
            i = j
    return rows


def _id(prefix: str, keys: Sequence[str]) -> str:
    return f"{prefix}-{'-'.join(keys)}".replace(".", "-")


def value_cell(
    table: Table,
    style: Style,
    marks: Marks,
    row: RowSpec,
    column: ColumnSpec,
    *,
    colspan: int = 1,
    headers: tuple[str, ...] = (),
) -> GridCell:
    slot = cell_slot(table.spec, row, column)
    return GridCell(
        text=slot_text(table.cells, style, slot),
        kind="value",
        colspan=colspan,
        headers=headers,
        path=slot.path,
        marks=marks.get(slot.path),
    )


@attrs.frozen
class Slot:
    """Where a value cell's text comes from: what :func:`slot_text` reads from a table's cells."""

    #: The cell's index in :attr:`govinfo.table.Table.cells`.
    index: int
    #: The index of the unit cell printed with a money amount, if its grid has one.
    unit: int | None
    kind: CellKind
    #: The cell's JSON path (what findings mark).
    path: str


def cell_slot(spec: TableSpec, row: RowSpec, column: ColumnSpec) -> Slot:
    """The :class:`Slot` of the value cell at ``row`` × ``column`` of ``spec``."""
    cell = spec.cell(row.key, column.key)
    unit = None
    if column.kind is CellKind.MONEY:
        unit_col = next((c for c in cell.grid.columns if c.kind is CellKind.UNIT), None)
        if unit_col is not None:
            unit = spec.cell(row.key, unit_col.key).index
    return Slot(index=cell.index, unit=unit, kind=column.kind, path=path_of(cell, spec))


def slot_text(cells: Sequence[Cell], style: Style, slot: Slot) -> str:
    """:meth:`Style.cell` of the value at ``slot``."""
    return style.cell(slot.kind, cells[slot.index], None if slot.unit is None else cells[slot.unit])


#: Reads the values of a sequence of slots out of a table's cells (see :func:`slot_reader`).
SlotReader = Callable[[Sequence[Cell]], Sequence[Cell]]


def slot_reader(slots: Sequence[Slot]) -> SlotReader:
    """A function reading the values of ``slots`` out of a table's cells, in one C call."""
    if len(slots) == 1:
        index = slots[0].index
        return lambda cells: (cells[index],)
    if not slots:
        return lambda cells: ()
    return operator.itemgetter(*(slot.index for slot in slots))


def slot_texts(cells: Sequence[Cell], style: Style, slots: Sequence[Slot], read: SlotReader) -> list[str]:
    """:func:`slot_text` of every slot, in order (``read``: the :func:`slot_reader` of the
    slots): the one per-value step of the renderers. A count's text comes from a dict of the
    counts formatted in the style's locale (what :meth:`Style.cell` gives for it)."""
    counts = _counts(style.tag)
    return [
        counts[value] if type(value) is int else "" if value is None else slot_text(cells, style, slot)
        for value, slot in zip(read(cells), slots)
    ]


class _Counts(dict[int, str]):
    """Counts formatted in one locale (:func:`_count`), filled as they are asked for."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def __missing__(self, value: int) -> str:
        if len(self) >= 4096:  # a bound, as for the other caches
            self.clear()
        text = self[value] = _count(value, self.locale)
        return text


_COUNTS: dict[str, _Counts] = {}


def _counts(locale: str) -> _Counts:
    counts = _COUNTS.get(locale)
    if counts is None:
        counts = _COUNTS.setdefault(locale, _Counts(locale))
    return counts


def printed_columns(grid: GridSpec) -> tuple[ColumnSpec, ...]:
    """The columns a grid prints: a unit is printed in its amount's cell, not as a column."""
    return tuple(c for c in grid.columns if c.kind is not CellKind.UNIT)


#: Makes the value cell at (row, column) with its colspan and header ids.
_ValueMaker = Callable[[RowSpec, ColumnSpec, int, tuple[str, ...]], GridCell]


def _stacked(spec: TableSpec, style: Style, value: _ValueMaker) -> Grid:
    """Section 二: each sub-grid is a caption row, a header row and its data rows, stacked.

    The table is as wide as the widest sub-grid; in a narrower one the last value column spans
    what is left (report-format.md §2.1: a one-column sub-grid's value spans 3 columns).
    """
    width = 1 + max(len(printed_columns(g)) for g in spec.grids)
    groups = []
    for grid in spec.grids:
        columns = printed_columns(grid)
        spans = [1] * (len(columns) - 1) + [width - len(columns)]
        cap_id = _id(f"{spec.key}-grid", [grid.key])
        corner_id = _id(f"{spec.key}-grid", [grid.key, "corner"])
        caption = GridCell(text=style.caption(grid), kind="caption", colspan=width, id=cap_id)
        header = [GridCell(text=style.corner(grid), kind="col", id=corner_id)]
        col_ids = []
        for column, span in zip(columns, spans):
            col_ids.append(_id(f"{spec.key}-col", [grid.key, column.key]))
            header.append(GridCell(text=style.label(column), kind="col", colspan=span, id=col_ids[-1]))
        rows: list[tuple[GridCell, ...]] = [(caption,), tuple(header)]
        for row in grid.rows:
            row_id = _id(f"{spec.key}-row", [row.key])
            cells = [GridCell(text=style.label(row), kind="row", id=row_id)]
            for column, span, col_id in zip(columns, spans, col_ids):
                headers = (cap_id, row_id, col_id)
                cells.append(value(row, column, span, headers))
            rows.append(tuple(cells))
        groups.append(RowGroup(rows=tuple(rows), header_rows=2))
    return Grid(key=spec.key, width=width, groups=tuple(groups))


def _one_row(spec: TableSpec, style: Style, value: _ValueMaker) -> Grid:
    """Section 四: every value in one row; row labels (and their groups) head the columns."""
    grid = spec.grids[0]
    paths = [
        [
            *(_Node(g.key, style.label(g)) for g in row.groups),
            _Node(row.key, style.label(row)),
            _Node(column.key, style.label(column)),
        ]
        for row in grid.rows
        for column in printed_columns(grid)
    ]
    head = _header_rows(paths, f"{spec.key}-col")
    values = []
    for path, (row, column) in zip(paths, ((r, c) for r in grid.rows for c in printed_columns(grid))):
        ids = tuple(_id(f"{spec.key}-col", [n.key for n in path[: k + 1]]) for k in range(len(path)))
        values.append(value(row, column, 1, ids))
    return Grid(
        key=spec.key,
        width=len(paths),
        groups=(
            RowGroup(rows=tuple(tuple(r) for r in head), head=True, header_rows=len(head)),
            RowGroup(rows=(tuple(values),)),
        ),
    )


def _matrix(spec: TableSpec, style: Style, value: _ValueMaker, *, flat: bool) -> Grid:
    """Section 三: rows × columns under multi-level column headers.

    ``flat=False`` (HTML): the official form, row groups as cells spanning their rows, so the
    label area is as many columns wide as the deepest row path. ``flat=True`` (text): one label
    column holding each row's full label (``（三）不予公开 · 1.属于国家秘密``); a group that is not
    part of its rows' labels (``三、本年度办理结果``) gets a row of its own, spanning the table,
    and its rows are indented under it.
    """
    grid = spec.grids[0]
    columns = printed_columns(grid)
    top = [_Node(grid.header.key, style.label(grid.header))] if grid.header else []
    col_paths = [
        [*top, *([_Node(c.group.key, style.label(c.group))] if c.group else []), _Node(c.key, style.label(c))]
        for c in columns
    ]
    head = _header_rows(col_paths, f"{spec.key}-col")
    label_depth = 1 if flat else 1 + max(len(r.groups) for r in grid.rows)
    corner = GridCell(text=style.corner(grid), kind="note", colspan=label_depth, rowspan=len(head))
    head[0].insert(0, corner)
    col_ids = [
        tuple(_id(f"{spec.key}-col", [n.key for n in p[: k + 1]]) for k in range(len(p))) for p in col_paths
    ]
    body: list[tuple[GridCell, ...]] = []
    rows = grid.rows
    paths: list[tuple[GroupSpec | RowSpec, ...]] = [(*r.groups, r) for r in rows]
    for i, row in enumerate(rows):
        cells: list[GridCell] = []
        ids = (*(_id(f"{spec.key}-group", [g.key]) for g in row.groups), _id(f"{spec.key}-row", [row.key]))
        if flat:
            outer = [g for g in row.groups if not g.qualifies]
            before = [g for g in rows[i - 1].groups if not g.qualifies] if i else []
            for level, group in enumerate(outer):
                if before[: level + 1] != outer[: level + 1]:
                    indent = _indent(style) * level
                    text = indent + style.label(group)
                    body.append(
                        (GridCell(text=text, kind="rowgroup", colspan=1 + len(columns), id=ids[level]),)
                    )
            label = _indent(style) * len(outer) + style.full_label(row)
            cells.append(GridCell(text=label, kind="row", id=ids[-1]))
        else:
            for level, node in enumerate(paths[i]):
                if i and paths[i - 1][: level + 1] == paths[i][: level + 1]:
                    continue  # inside a group cell that started on an earlier row
                if level < len(paths[i]) - 1:
                    span = _run(paths, i, level + 1)
                    cells.append(
                        GridCell(text=style.label(node), kind="rowgroup", rowspan=span, id=ids[level])
                    )
                else:
                    span = label_depth - level
                    cells.append(GridCell(text=style.label(node), kind="row", colspan=span, id=ids[level]))
        for column, cids in zip(columns, col_ids):
            cells.append(value(row, column, 1, (*ids, *cids)))
        body.append(tuple(cells))
    return Grid(
        key=spec.key,
        width=label_depth + len(columns),
        groups=(
            RowGroup(rows=tuple(tuple(r) for r in head), head=True, header_rows=len(head)),
            RowGroup(rows=tuple(body)),
        ),
    )


def _run(paths: Sequence[tuple[GroupSpec | RowSpec, ...]], start: int, length: int) -> int:
    """How many rows from ``start`` share the first ``length`` nodes of their paths."""
    end = start + 1
    while end < len(paths) and paths[end][:length] == paths[start][:length]:
        end += 1
    return end - start


def _indent(style: Style) -> str:
    return "  " if style.english else "\u3000"


@attrs.frozen
class Layout:
    """A table laid out before its values: :attr:`grid` with every value cell blank (``text``
    empty, no marks, ``path`` set), and the :class:`Slot` of each value cell in grid order
    (row by row, left to right). Everything a renderer derives from it is the same for every
    report of the table's layout, so it can be computed once.
    """

    grid: Grid
    slots: tuple[Slot, ...]
    #: The :func:`slot_reader` of :attr:`slots`.
    read: SlotReader


def table_layout(spec: TableSpec, style: Style, *, flat: bool = False) -> Layout:
    """The :class:`Layout` of a table spec in a style; cached (see :func:`table_grid`)."""
    return _layout(spec, style, flat)


@functools.lru_cache(maxsize=256)
def _layout(spec: TableSpec, style: Style, flat: bool) -> Layout:
    by_path: dict[str, Slot] = {}

    def blank(row: RowSpec, column: ColumnSpec, colspan: int, headers: tuple[str, ...]) -> GridCell:
        slot = cell_slot(spec, row, column)
        by_path[slot.path] = slot
        return GridCell(text="", kind="value", colspan=colspan, headers=headers, path=slot.path)

    if any(g.caption for g in spec.grids):
        grid = _stacked(spec, style, blank)
    elif spec.grids[0].one_row:
        grid = _one_row(spec, style, blank)
    else:
        grid = _matrix(spec, style, blank, flat=flat)
    slots = tuple(by_path[c.path] for row in grid.rows for c in row if c.kind == "value" and c.path)
    return Layout(grid=grid, slots=slots, read=slot_reader(slots))


def table_grid(table: Table, style: Style, marks: Marks, *, flat: bool = False) -> Grid:
    """Lay out one of the report's three tables with its official merged cells.

    The layout (labels, spans, ids) depends only on the table's spec and the style and is
    computed once (:func:`table_layout`); the report's values and marks are filled in.
    """
    layout = table_layout(table.spec, style, flat=flat)
    texts = iter(slot_texts(table.cells, style, layout.slots, layout.read))
    groups = []
    for group in layout.grid.groups:
        rows = tuple(tuple(_filled(c, texts, marks) for c in row) for row in group.rows)
        groups.append(attrs.evolve(group, rows=rows))
    return attrs.evolve(layout.grid, groups=tuple(groups))


def _filled(cell: GridCell, texts: Iterator[str], marks: Marks) -> GridCell:
    if cell.kind != "value":
        return cell
    return GridCell(
        text=next(texts),
        kind="value",
        colspan=cell.colspan,
        rowspan=cell.rowspan,
        headers=cell.headers,
        path=cell.path,
        marks=marks.get(cell.path),
    )
