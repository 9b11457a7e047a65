"""A report as plain text in the official layout, its tables aligned for a monospaced font.

The layout, line by line (``␣`` is an ASCII space, ``　`` the ideographic space U+3000)
---------------------------------------------------------------------------------------------
Every line ends with ``\\n``; the output ends with one ``\\n``. Nothing from the report can
add a line: in the report's text (title, agency, paragraphs, subsection titles) every line
break (``\\n``, ``\\r``, ``\\v``, ``\\f``, U+001C–U+001E, U+0085, U+2028, U+2029) and tab becomes
one space, and every other C0/C1 control character becomes U+FFFD.

1. The title: the stated title, or the format's default ``<机关><年>年度政府信息公开工作年度报告``
   (English: the catalogue's ``TITLE_TEMPLATE_EN``). Then one empty line.
2. The preamble, if any: one paragraph per line, then one empty line.
3. Six sections, with one empty line before each but the first:

   - The heading, flush left: ``一、总体情况`` … ``六、其他需要报告的事项`` (numeral from the
     section's position; English ``I. Overview``).
   - A narrative section (一, 五, 六): its paragraphs, then for each subsection its title
     flush left, ``（一）`` + title (English ``(1) `` + title), followed by its paragraphs.
     **A paragraph is one line that starts with two ideographic spaces** ``　　`` (U+3000
     twice, the indent of a Chinese document); whatever follows is the paragraph as written.
     A line that does not start with U+3000 is never a paragraph.
   - A table section (二, 三, 四): the table, starting on the line after the heading.
4. After one empty line, the signature (落款): the agency, then the publication date if
   known (Babel's long date: ``2024年1月15日``, ``January 15, 2024``), each right-aligned to
   the width of the widest table with ASCII spaces (always at least two).
5. Only when findings are passed: an empty line, a line ``校验发现`` (``Findings``), and one
   line per finding: ``[n]␣<path>␣[<code>]␣<message>``. Cells a finding marks end in ``*``.

Tables
------
Grid tables drawn with ASCII only (``+``, ``-``, ``=``, ``|``): box-drawing characters are
East Asian *Ambiguous* and take two columns in many Chinese fonts and terminals, which would
break the alignment where it matters most. Widths count CJK characters as two columns
(:func:`govinfo.textwidth.display_width`, from ``wcwidth``; Ambiguous characters as one).

Fitted to a terminal (``width=``)
---------------------------------
``render_text(report, width=80)`` (and ``govinfo render … --to text`` on a terminal, or with
``--width``) is a view for reading on a screen, not the file layout: every line is at most
``width`` display columns (East Asian Ambiguous characters counted as ``ambiguous`` columns).
Paragraphs wrap, continuation lines flush left; a table that does not fit becomes *records*
(:func:`records`): each row's label on a line, then its cells as ``column：value`` items packed
into indented lines, a blank cell shown as ``空白`` (``blank``), never ``0``. A table that fits
is drawn as above.

- A border line is made of ``+`` at corners, ``-`` along cell edges, and ``=`` instead of
  ``-`` under the header rows. Every other line of a table is a content line: ``|`` at each
  cell edge, and inside a cell one space, the text padded to the cell's width, one space.
  Every ``|`` and ``+`` of a column edge sits at the same display column on every line.
- Merged cells are drawn merged, as in the official form: a cell spanning columns has no
  ``|`` inside; a cell spanning rows has no border under it (blank in the border line).
  Header text is centred, row labels left-aligned, numbers right-aligned.
- A value cell holds the number formatted for the locale (zh_CN: ``11,615``, grouping commas;
  money with exactly its stated decimal places, ``0.5000``; signed 2019 net changes as
  ``-8``), the 2019 procurement amount followed by its unit when stated (``103.3879万元``),
  or nothing at all when the report left it blank (spaces between the two ``|``: never ``0``).
- 二: one table, the sub-grids stacked. Each sub-grid is a caption row spanning the table
  (``第二十条第（一）项``), a header row (``信息内容`` and the column labels) ruled off with
  ``=``, then one line per data row (label, values). The table is as wide as the widest
  sub-grid; in a narrower one the last value column spans the rest (2021: the single value
  of （五）、（六）、（八） spans 3 columns).
- 三: three header rows as in the official form (the 勾稽关系 note in the corner, spanning
  three rows; ``申请人情况`` spanning the seven value columns; ``自然人`` and ``总计`` spanning
  two rows; ``法人或其他组织`` over its five columns), ruled off with ``=``. Then **one line per
  data row, whose first cell is the row's full label** (its qualifying groups joined with
  ``␣·␣``: ``（三）不予公开 · 1.属于国家秘密``), followed by its seven values. A group whose label
  is not part of its rows' labels, ``三、本年度办理结果``, is a line of its own with one cell
  spanning the whole table (no values), and the rows under it are indented by one U+3000
  (English: two spaces) inside the label cell. A 2019 report, or a 2021 report whose
  （六）其他处理 is one undivided row, has the single row ``（六）其他处理`` there.
- 四: the official form: three header rows (``行政复议`` over five columns, ``行政诉讼`` over ten;
  the review outcomes spanning two rows; ``未经复议直接起诉`` and ``复议后起诉`` over five each;
  their outcomes), ruled off with ``=``, then one line of 15 values.
- In English, a one-column header longer than 16 characters may wrap over several lines of
  its cell; Chinese headers and every row label are always on one line.

>>> import govinfo
>>> text = govinfo.render_text(govinfo.examples.linping_education_2023())
>>> print(text.splitlines()[0])
杭州市临平区教育局2023年度政府信息公开工作年度报告
>>> [line for line in text.splitlines() if "1.属于国家秘密" in line][0][:60]
'| \\u3000（三）不予公开 · 1.属于国家秘密 ...
>>> try:
...     govinfo.render_text(govinfo.examples.linping_education_2023(), locale="xx")
... except govinfo.GovinfoError as e:
...     print(e.code)
unknown_locale
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Iterable, Sequence

import attrs

from ..catalogue import TableSpec
from ..errors import RenderError
from ..narrative import Narrative
from ..report import Report
from ..table import Table
from ..textwidth import display_width, wrap
from ._common import Grid, GridCell, Located, Marks, Style, inline, slot_texts, table_grid, table_layout

__all__ = ["MIN_WIDTH", "records", "render_text"]

#: The indent of a paragraph: two ideographic spaces.
PARAGRAPH_INDENT = "\u3000\u3000"
#: Where an English column header may wrap.
_WRAP = 16
_FINDINGS = ("校验发现", "Findings")


def render_text(
    report: Report,
    *,
    locale: str = "zh_CN",
    findings: Iterable[Located] | None = None,
    width: int | None = None,
    ambiguous: int = 1,
) -> str:
    """The report as plain text in the official layout (see the module docs for the layout).

    ``locale`` chooses the labels (English for ``en``, Chinese otherwise) and the number
    format; ``findings`` (e.g. from :func:`govinfo.validate`) are marked and listed.

    ``width`` fits the text to a terminal of that many display columns (``ambiguous``: the
    width of East Asian Ambiguous characters there, see :mod:`govinfo.textwidth`): long lines
    are wrapped (a paragraph's continuation lines start flush left, as on a printed page) and
    a table wider than ``width`` is shown as records, one row label per line followed by its
    ``column：value`` items (``空白``/``blank`` for a blank cell). That is a view for reading,
    not the file layout: the default ``width=None`` is the official layout, which the text
    reader reads back.
    Raises :class:`~govinfo.errors.RenderError` (``unknown_locale``) for a locale Babel
    does not know.

    >>> import govinfo
    >>> text = render_text(govinfo.examples.linping_education_2023())
    >>> text.splitlines()[0]
    '杭州市临平区教育局2023年度政府信息公开工作年度报告'
    >>> try:
    ...     render_text(govinfo.examples.linping_education_2023(), locale="")
    ... except govinfo.GovinfoError as e:
    ...     print(e.code)
    unknown_locale
    """
    style = Style.of(locale)
    marks = Marks.of(report, findings)
    sections = report.edition_spec.sections
    drawn = {s.key: _table_lines(getattr(report, s.key), style, marks) for s in sections if s.kind == "table"}
    # Every line of a drawn table is as wide as the table (its edges line up): one per table.
    page = max(display_width(lines[0]) for lines in drawn.values())
    if width is not None:
        if width < MIN_WIDTH:
            raise RenderError(f"width must be at least {MIN_WIDTH} columns, not {width}", code="bad_width")
        for key, lines in drawn.items():
            if max(display_width(line, ambiguous=ambiguous) for line in lines) > width:
                grid = table_grid(getattr(report, key), style, marks, flat=True)
                drawn[key] = records(grid, style, width, ambiguous)
        page = min(page, width)
    out = [inline(style.title(report)), ""]
    if report.preamble:
        out += [PARAGRAPH_INDENT + inline(p) for p in report.preamble]
        out.append("")
    for i, section in enumerate(sections):
        if i:
            out.append("")
        out.append(style.section_heading(i, section))
        content = getattr(report, section.key)
        if isinstance(content, Narrative):
            out += _narrative(content, style)
        else:
            out += drawn[section.key]
    out.append("")
    signature = [inline(report.agency)]
    if report.published is not None:
        signature.append(style.date(report.published))
    out += [" " * max(2, page - display_width(s)) + s for s in signature]
    if marks:
        out += ["", _FINDINGS[style.english]]
        for number, finding in enumerate(marks.findings, 1):
            path, code, message = (inline(s) for s in marks.describe(finding, style))
            out.append(" ".join(s for s in (f"[{number}]", path, f"[{code}]" if code else "", message) if s))
    if width is not None:
        out = [piece for line in out for piece in _fit(line, width, ambiguous)]
    return "\n".join(out) + "\n"


#: The narrowest terminal :func:`render_text` fits (``width``).
MIN_WIDTH = 20
_BLANK = ("空白", "blank")
_LABEL_KINDS = ("caption", "row", "rowgroup", "corner")
_SEPARATOR = ("　", "; ")
_COLON = ("：", ": ")


def _fit(line: str, width: int, ambiguous: int) -> list[str]:
    """``line`` wrapped to ``width`` columns (a line that fits is kept as it is)."""
    if display_width(line, ambiguous=ambiguous) <= width:
        return [line]
    if line.startswith(" ") and line.strip():  # the right-aligned signature
        return [" " * max(0, width - display_width(line.strip(), ambiguous=ambiguous)) + line.strip()]
    return wrap(line, width, ambiguous=ambiguous) or [""]


def records(grid: Grid, style: Style, width: int, ambiguous: int = 1) -> list[str]:
    """A table as records for a narrow terminal: each row's label on a line of its own, then its
    cells as ``column：value`` items, indented by two spaces and packed into lines of at most
    ``width`` columns (an item is broken only when it alone is wider than a line).

    Column names are the cell's column headers from the top down, joined with `` · `` (a header
    over every column, as 三's ``申请人情况``, is left out); a blank
    cell says ``空白`` (``blank``), never ``0``; a cell a finding marks ends in ``*``.
    """
    english = int(style.english)
    names: dict[str, str] = {}
    for row in grid.rows:
        for cell in row:
            if cell.id is not None and cell.kind in ("col", "colgroup"):
                names[cell.id] = inline(cell.text)
    # A header over every column (三's 申请人情况) says nothing in a record: left out.
    heads = [c.headers for row in grid.rows for c in row if c.kind == "value"]
    common = set.intersection(*(set(h) for h in heads)) if heads else set()
    out: list[str] = []
    for group in grid.groups:
        for r, row in enumerate(group.rows):
            if r < group.header_rows and not any(c.kind == "caption" for c in row):
                continue  # column headers: named in each item instead
            labels = [inline(c.text) for c in row if c.kind in _LABEL_KINDS and c.text]
            items = []
            for cell in row:
                if cell.kind != "value":
                    continue
                column = " · ".join(names[h] for h in cell.headers if h in names and h not in common)
                value = inline(cell.text) or _BLANK[english]
                value += "*" if cell.marks and not value.endswith("*") else ""
                items.append(f"{column}{_COLON[english]}{value}" if column else value)
            for label in labels:
                out += wrap(label, width, ambiguous=ambiguous) or [""]
            out += _pack(items, width, _SEPARATOR[english], ambiguous)
    return out


def _pack(items: list[str], width: int, separator: str, ambiguous: int) -> list[str]:
    """``items`` on lines indented by two spaces, as many to a line as fit."""
    indent, room = "  ", width - 2
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = f"{line}{separator}{item}" if line else item
        if display_width(candidate, ambiguous=ambiguous) <= room:
            line = candidate
            continue
        if line:
            lines.append(indent + line)
        if display_width(item, ambiguous=ambiguous) <= room:
            line = item
        else:
            *full, line = wrap(item, room, ambiguous=ambiguous) or [""]
            lines += [indent + piece for piece in full]
    if line:
        lines.append(indent + line)
    return lines


def _narrative(narrative: Narrative, style: Style) -> list[str]:
    lines = [PARAGRAPH_INDENT + inline(p) for p in narrative.paragraphs]
    for i, sub in enumerate(narrative.subsections):
        lines.append(style.subsection_number(i) + inline(sub.title))
        lines += [PARAGRAPH_INDENT + inline(p) for p in sub.paragraphs]
    return lines


def _lines(cell: GridCell, style: Style) -> list[str]:
    text = inline(cell.text) + ("*" if cell.marks else "")
    if style.english and cell.kind in ("col", "colgroup") and cell.colspan == 1 and len(text) > _WRAP:
        return textwrap.wrap(text, _WRAP, break_long_words=False, break_on_hyphens=False) or [""]
    return [text]


def draw(grid: Grid, style: Style) -> list[str]:
    """The lines of a grid table (see the module docs)."""
    texts, widths = _value_texts(
        [(cell.text, bool(cell.marks)) for row in grid.rows for cell in row if cell.kind == "value"]
    )
    return _draw(_plan(grid, style), texts, widths)


def _table_lines(table: Table, style: Style, marks: Marks) -> list[str]:
    """:func:`draw` of the table's flat grid, without building the grid: the plan of its layout
    is made once per layout and style (:func:`_layout_plan`), and only the values are new."""
    layout = table_layout(table.spec, style, flat=True)
    texts = slot_texts(table.cells, style, layout.slots, layout.read)
    if marks:
        return _draw(
            _layout_plan(table.spec, style),
            *_value_texts([(t, bool(marks.get(slot.path))) for t, slot in zip(texts, layout.slots)]),
        )
    widths = []
    for k, text in enumerate(texts):
        if text.isascii() and text.isprintable():  # a number: inline() keeps it, one column a character
            widths.append(len(text))
        else:
            texts[k] = text = inline(text)
            widths.append(display_width(text))
    return _draw(_layout_plan(table.spec, style), texts, widths)


def _value_texts(cells: list[tuple[str, bool]]) -> tuple[list[str], list[int]]:
    """The line of each value cell (ending in ``*`` when marked) and its display width."""
    texts = [inline(text) + ("*" if marked else "") for text, marked in cells]
    return texts, [display_width(text) for text in texts]


@functools.lru_cache(maxsize=256)
def _layout_plan(spec: TableSpec, style: Style) -> _Plan:
    return _plan(table_layout(spec, style, flat=True).grid, style)


#: Where a cell's text sits in its width: right (values), centred (column headers), left.
_RIGHT, _CENTRE, _LEFT = 0, 1, 2
#: A cell of a content line: ``(inner, align, text, width, slot)``, ``inner`` an index into
#: :attr:`_Plan.inners`; ``slot`` the number of the value cell whose text (and width) it prints
#: instead of ``text`` (and ``width``), or -1.
_Op = tuple[int, int, str, int, int]


@attrs.frozen
class _Plan:
    """Everything :func:`draw` works out from a grid that does not depend on the values.

    The value cells of a grid (``kind == "value"``, numbered in grid order: the *slots*) each
    print one line, whose text and width come with the report. Which cell covers which square,
    the row heights, the other cells' lines and widths, where borders run: all of that is fixed
    by the layout, so a plan is made once per layout and style and drawn for every report.
    """

    #: Grid columns.
    n: int
    #: Column widths from the cells other than slots that span one column.
    base: tuple[int, ...]
    #: ``(slot, column)`` of each slot that spans one column.
    singles: tuple[tuple[int, int], ...]
    #: The cells that span columns, in the order their widths are settled (by span, stable):
    #: ``(column, span, width, slot)``, ``slot`` -1 for a fixed text ``width`` wide.
    spans: tuple[tuple[int, int, int, int], ...]
    #: ``(column, span)`` of each inner width a content line uses.
    inners: tuple[tuple[int, int], ...]
    #: The distinct border lines: ``(corners, fills)``, ``n + 1`` and ``n`` characters.
    borders: tuple[tuple[str, str], ...]
    #: The lines, top to bottom: a border (an index into :attr:`borders`) or a content line.
    lines: tuple[int | tuple[_Op, ...], ...]


def _plan(grid: Grid, style: Style) -> _Plan:
    rows = grid.rows
    n, height = grid.width, len(rows)
    numbers: dict[tuple[int, int], int] = {}  # (row, position) of a value cell -> slot number
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            if cell.kind == "value":
                numbers[r, k] = len(numbers)
    owner: list[list[int | None]] = [[None] * n for _ in range(height)]
    placed: list[tuple[GridCell, int, int]] = []
    slot_of: list[int] = []  # of each placed cell
    for r, row in enumerate(rows):
        c = 0
        for k, cell in enumerate(row):
            while c < n and owner[r][c] is not None:
                c += 1
            span = min(cell.colspan, n - c)
            if span <= 0:
                break
            for dr in range(min(cell.rowspan, height - r)):
                for dc in range(span):
                    owner[r + dr][c + dc] = len(placed)
            rowspan = min(cell.rowspan, height - r)
            if (span, rowspan) != (cell.colspan, cell.rowspan):  # clipped to the grid
                cell = attrs.evolve(cell, colspan=span, rowspan=rowspan)
            placed.append((cell, r, c))
            slot_of.append(numbers.get((r, k), -1))
            c += span
    for r in range(height):  # a malformed row would leave holes: fill them with blank cells
        for c in range(n):
            if owner[r][c] is None:
                owner[r][c] = len(placed)
                placed.append((GridCell(text="", kind="value"), r, c))
                slot_of.append(-1)
    grid_owner: list[list[int]] = [[i if i is not None else -1 for i in row] for row in owner]
    # A slot's lines are its one value line: [""] stands for it where only the count matters.
    content = [[""] if slot >= 0 else _lines(cell, style) for (cell, _, _), slot in zip(placed, slot_of)]

    base = [1] * n
    singles = []
    for (cell, _, c), lines, slot in zip(placed, content, slot_of):
        if cell.colspan == 1:
            if slot >= 0:
                singles.append((slot, c))
            else:
                base[c] = max(base[c], *(display_width(line) for line in lines))
    spans = [
        (c, cell.colspan, max(display_width(line) for line in lines), slot)
        for (cell, _, c), lines, slot in sorted(zip(placed, content, slot_of), key=lambda p: p[0][0].colspan)
        if cell.colspan > 1
    ]

    heights = [1] * height
    for (cell, r, _), lines in zip(placed, content):
        if cell.rowspan == 1:
            heights[r] = max(heights[r], len(lines))
    for (cell, r, _), lines in zip(placed, content):
        k = cell.rowspan
        if k > 1 and len(lines) > sum(heights[r : r + k]):
            heights[r + k - 1] += len(lines) - sum(heights[r : r + k])

    heavy: set[int] = set()  # rows ruled off with "=" below them
    ruled: set[int] = set()  # rows with a border line above them
    first = 0
    for group in grid.groups:
        if group.header_rows:
            heavy.add(first + group.header_rows - 1)
        ruled.update(range(first, first + group.header_rows + 1))
        first += len(group.rows)
    # Body rows of a group follow each other without a border, unless a cell spans them.
    ruled.update(
        r for r in range(1, height) if any(grid_owner[r - 1][c] == grid_owner[r][c] for c in range(n))
    )

    def border(above: int | None, below: int | None) -> tuple[str, str]:
        fill = "=" if above in heavy else "-"
        edge = [
            above is None or below is None or grid_owner[above][c] != grid_owner[below][c] for c in range(n)
        ]
        corners, fills = [], []
        for j in range(n + 1):
            side = (j > 0 and edge[j - 1]) or (j < n and edge[j])
            up = above is not None and (j in (0, n) or grid_owner[above][j - 1] != grid_owner[above][j])
            down = below is not None and (j in (0, n) or grid_owner[below][j - 1] != grid_owner[below][j])
            corners.append("+" if side and (up or down) else fill if side else "|" if up or down else " ")
            if j < n:
                fills.append(fill if edge[j] else " ")
        return "".join(corners), "".join(fills)

    borders: dict[tuple[str, str], int] = {}
    inners: dict[tuple[int, int], int] = {}
    tops = [sum(heights[:r]) for r in range(height)]
    out: list[int | tuple[_Op, ...]] = []
    for r in range(height):
        if r in ruled:
            out.append(borders.setdefault(border(r - 1 if r else None, r), len(borders)))
        for k in range(heights[r]):
            line: list[_Op] = []
            c = 0
            while c < n:
                i = grid_owner[r][c]
                cell, r0, c0 = placed[i]
                inner = inners.setdefault((c0, cell.colspan), len(inners))
                index = tops[r] - tops[r0] + k
                if slot_of[i] >= 0:
                    line.append((inner, _RIGHT, "", 0, slot_of[i] if index == 0 else -1))
                else:
                    lines = content[i]
                    text = lines[index] if index < len(lines) else ""
                    line.append((inner, _align(cell.kind), text, display_width(text), -1))
                c = c0 + cell.colspan
            out.append(tuple(line))
    out.append(borders.setdefault(border(height - 1, None), len(borders)))
    return _Plan(
        n=n,
        base=tuple(base),
        singles=tuple(singles),
        spans=tuple(spans),
        inners=tuple(inners),
        borders=tuple(borders),
        lines=tuple(out),
    )


def _align(kind: str) -> int:
    if kind == "value":
        return _RIGHT
    if kind in ("col", "colgroup", "corner"):
        return _CENTRE
    return _LEFT


def _draw(plan: _Plan, texts: Sequence[str], text_widths: Sequence[int]) -> list[str]:
    """The lines of a planned table with these value texts (``text_widths``: their widths)."""
    widths = list(plan.base)
    for slot, c in plan.singles:
        if text_widths[slot] > widths[c]:
            widths[c] = text_widths[slot]
    for c, s, w, slot in plan.spans:
        if slot >= 0:
            w = text_widths[slot]
        deficit = w - (sum(widths[c : c + s]) + 3 * (s - 1))
        if deficit > 0:
            base, extra = divmod(deficit, s)
            for k in range(s):
                widths[c + k] += base + (1 if k >= s - extra else 0)
    inner = [sum(widths[c : c + s]) + 3 * (s - 1) for c, s in plan.inners]
    borders = [
        "".join([corner + fill * (w + 2) for corner, fill, w in zip(corners, fills, widths)]) + corners[-1]
        for corners, fills in plan.borders
    ]
    out = []
    for line in plan.lines:
        if isinstance(line, int):
            out.append(borders[line])
            continue
        parts = []
        for ik, align, text, w, slot in line:
            if slot >= 0:
                text, w = texts[slot], text_widths[slot]
            room = inner[ik] - w
            if align == _RIGHT:
                parts.append(" " * room + text)
            elif align == _LEFT:
                parts.append(text + " " * room)
            else:
                left = room // 2
                parts.append(" " * left + text + " " * (room - left))
        out.append("| " + " | ".join(parts) + " |")
    return out
