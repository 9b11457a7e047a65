"""Where a finding points: interchange paths and official labels, both read from the catalogue.

A cell's official location is its section numeral, the caption of its grid (section 二 only),
its row label with the row's groups, and its column label: ``三（七）总计 / 自然人``,
``四 · 行政复议 / 总计``. The English form uses the catalogue's reviewed English names and Roman
section numerals. Nothing here spells a label; the numerals come from
:data:`govinfo.catalogue.common.NUMERALS`.

>>> from govinfo.catalogue import get_edition
>>> ed = get_edition("2021")
>>> spec = ed.requests[0]
>>> where = cell_location(ed, spec, spec.cell("results.total", "natural_person"))
>>> for text in (where.path, where.label, where.label_en):
...     print(text)
$.requests.results.total.natural_person
三（七）总计 / 自然人
III · (7) Total / Natural persons
>>> cell_location(ed, ed.appeals, ed.appeals.cell("review", "total")).label
'四 · 行政复议 / 总计'
>>> section_location(ed, "nonexistent")
Traceback (most recent call last):
...
KeyError: 'nonexistent'
"""

from __future__ import annotations

import functools
import re

import attrs

from ..catalogue import CellSpec, Edition, GridSpec, GroupSpec, RowSpec, TableSpec, common

__all__ = [
    "Location",
    "cell_location",
    "column_location",
    "group_location",
    "paragraph_location",
    "path_label",
    "roman",
    "row_location",
    "section_index",
    "section_location",
    "short_label",
    "short_label_en",
    "strip_numbering",
]


@attrs.frozen(kw_only=True)
class Location:
    """A place in a report: its interchange path and its official (and English) labels."""

    #: JSON path, e.g. ``$.requests.results.total.natural_person``.
    path: str
    #: Official labels, e.g. ``三（七）总计 / 自然人``.
    label: str
    #: The same place in English.
    label_en: str


def roman(n: int) -> str:
    """``n`` (1–3999) in Roman numerals: ``roman(4) == 'IV'``."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def section_index(edition: Edition, key: str) -> int:
    """The position (0-based) of a section in the edition; :class:`KeyError` if it has none."""
    for i, s in enumerate(edition.sections):
        if s.key == key:
            return i
    raise KeyError(key)


def _numeral(edition: Edition, key: str) -> tuple[str, str]:
    i = section_index(edition, key)
    return common.NUMERALS[i], roman(i + 1)


def _join(numeral: str, rest: str) -> str:
    # ``三（七）总计`` reads as one phrase; ``三 · 一、本年新收…`` needs a separator.
    if not rest:
        return numeral
    return numeral + rest if rest.startswith("（") else f"{numeral} · {rest}"


def _row_text(grid: GridSpec, row: RowSpec) -> tuple[str, str]:
    zh, en = row.full_label, row.full_label_en
    if grid.caption:
        zh, en = f"{grid.caption} · {zh}", f"{grid.caption_en} · {en}"
    return zh, en


def section_location(edition: Edition, key: str) -> Location:
    """A whole section: ``二、主动公开政府信息情况`` at ``$.proactive``."""
    spec = edition.section(key)
    zh, en = _numeral(edition, key)
    return Location(path=f"$.{key}", label=f"{zh}、{spec.label}", label_en=f"{en}. {spec.label_en}")


def cell_location(edition: Edition, table: TableSpec, cell: CellSpec) -> Location:
    """One value cell."""
    zh, en = _numeral(edition, table.key)
    row_zh, row_en = _row_text(cell.grid, cell.row)
    return Location(
        path=".".join(("$", table.key, *cell.path)),
        label=f"{_join(zh, row_zh)} / {cell.column.label}",
        label_en=f"{en} · {row_en} / {cell.column.label_en}",
    )


def row_location(edition: Edition, table: TableSpec, row: RowSpec) -> Location:
    """A whole row."""
    zh, en = _numeral(edition, table.key)
    row_zh, row_en = _row_text(table.grid_of(row.key), row)
    return Location(
        path=".".join(("$", table.key, *row.path)), label=_join(zh, row_zh), label_en=f"{en} · {row_en}"
    )


def group_location(edition: Edition, table: TableSpec, key: str, group: GroupSpec, column: str) -> Location:
    """One column of a group of rows (``key`` is the group's path, e.g. ``results.withheld``).

    The label is the group's: ``三（三）不予公开 / 总计``.
    """
    zh, en = _numeral(edition, table.key)
    col = next(c for g in table.grids for c in g.columns if c.key == column)
    return Location(
        path=f"$.{table.key}.{key}..{column}",
        label=f"{_join(zh, group.label)} / {col.label}",
        label_en=f"{en} · {group.label_en} / {col.label_en}",
    )


def column_location(edition: Edition, table: TableSpec, grid: GridSpec, column: str) -> Location:
    """One column of one grid, as a JSONPath selecting every cell of it.

    ``$.requests..natural_person`` when the column key is unique to the grid in its table,
    else a union of the grid's rows (``$.proactive['penalties','coercion'].decisions``).
    """
    zh, en = _numeral(edition, table.key)
    col = next(c for c in grid.columns if c.key == column)
    shared = any(g is not grid and any(c.key == column for c in g.columns) for g in table.grids)
    if shared:
        rows = ",".join(f"'{r.key}'" for r in grid.rows)
        path = f"$.{table.key}[{rows}].{column}"
    else:
        path = f"$.{table.key}..{column}"
    zh_cap = f" · {grid.caption}" if grid.caption else ""
    en_cap = f" · {grid.caption_en}" if grid.caption_en else ""
    return Location(path=path, label=f"{zh}{zh_cap} / {col.label}", label_en=f"{en}{en_cap} / {col.label_en}")


def paragraph_location(edition: Edition, key: str, subsection: int | None, paragraph: int) -> Location:
    """A paragraph of a narrative section, e.g. ``一、总体情况 · （二）依申请公开情况``.

    ``subsection`` is the 0-based subsection index, or ``None`` for the paragraphs before the
    first subsection. The subsection title is not known here; callers add it.
    """
    sec = section_location(edition, key)
    if subsection is None:
        return attrs.evolve(sec, path=f"$.{key}.paragraphs[{paragraph}]")
    return attrs.evolve(sec, path=f"$.{key}.subsections[{subsection}].paragraphs[{paragraph}]")


_NUMBERING = re.compile(
    "^(?:(?P<bracket>（(?:{n})）)|(?P<section>(?:{n})、)|(?P<digit>[0-9]+[.．、]))".format(
        n="|".join(sorted(common.NUMERALS, key=len, reverse=True))
    )
)
_NUMBERING_EN = re.compile(r"^(?:(?P<bracket>\([0-9]+\))|(?P<section>[IVXLC]+\.)|(?P<digit>[0-9]+\.))\s*")


def strip_numbering(label: str) -> str:
    """A label without its leading numbering: ``（一）予以公开`` → ``予以公开``."""
    return _NUMBERING.sub("", label, count=1)


def short_label(row: RowSpec) -> str:
    """The numbering a row is cited by: ``一``, ``（七）``; the label itself when unnumbered."""
    m = _NUMBERING.match(row.label)
    if not m:
        return row.label
    if m.group("section"):
        return m.group("section")[:-1]
    return m.group(0)


def short_label_en(row: RowSpec) -> str:
    """The English numbering a row is cited by: ``I``, ``(7)``."""
    m = _NUMBERING_EN.match(row.label_en)
    if not m:
        return row.label_en
    return m.group(0).strip().rstrip(".")


@functools.cache
def _path_labels(edition: Edition) -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for table in (edition.proactive, *edition.requests, edition.appeals):
        for row in table.rows:
            where = row_location(edition, table, row)
            labels.setdefault(where.path, (where.label, where.label_en))
        for cell in table.cells:
            where = cell_location(edition, table, cell)
            labels.setdefault(where.path, (where.label, where.label_en))
    return labels


def path_label(edition: Edition, path: str, lang: str = "zh") -> str | None:
    """The official label of the row or cell at interchange ``path`` (:func:`cell_location`,
    :func:`row_location`), or ``None`` when the path names no row or cell of the edition's tables.

    >>> from govinfo.catalogue import get_edition
    >>> path_label(get_edition("2021"), "$.requests.new_received.total")
    '三 · 一、本年新收政府信息公开申请数量 / 总计'
    >>> path_label(get_edition("2021"), "$.appeals", "en") is None
    True
    """
    found = _path_labels(edition).get(path)
    if found is None:
        return None
    return found[0] if lang == "zh" else found[1]
