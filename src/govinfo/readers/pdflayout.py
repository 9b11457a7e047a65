"""From positioned glyphs and ruling lines to blocks: the geometry half of the PDF reader.

A PDF has no paragraphs, tables or cells: only glyphs placed at coordinates and lines
(rules) drawn between them. This module rebuilds what the author wrote from that:

- **Tables** come from the rules. Rules that touch form one table; their x and y positions
  form its grid; an atomic grid cell with no rule between it and its neighbour is merged
  with it, so merged cells (rowspan and colspan) come out as one cell, and text broken over
  several lines inside a cell (``商业\\n企业``, a vertical ``三\\n、\\n本\\n年…`` label, a
  header split into single characters: deviation D17) stays in that one cell.
- A table that ends a page and one that starts the next are **one table** when their
  frames line up. The page number (``- 3 -``) and running header between them are
  dropped; header rows the continuation repeats are dropped; a row broken across the page
  and a merged row label whose text continues on the next page are joined back.
- **Text** outside tables becomes lines, then paragraphs: a line continues the paragraph
  above when that one reaches the right margin and this one starts at the left margin
  (no first-line indent, same size), also across a page break.

Spaces: PDF producers put gaps, not space characters, between a digit and a CJK character
(``2024 年``) and between justified characters; the extractor hands over only the glyphs the
file really contains, and a space is added here only between Latin letters or digits that a
visible gap separates, or before a gap wider than a character (a column gap).

This module knows nothing about any PDF library: :mod:`govinfo.readers.pdf` fills
:class:`PageContent` from the file. Nothing here spells a label of the format.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from .cells import Block, Diagnostic, SourceCell, SourceLocation, SourceRow, TableBlock, TextBlock

__all__ = ["Glyph", "PageContent", "Rule", "layout_blocks"]

#: Positions closer than this (points) are the same grid line.
SNAP = 2.5
#: A page whose horizontal × vertical rules exceed this is a drawing, not a table (bounds the work).
MAX_RULE_PAIRS = 250_000
#: Page numbers as printed in the footer: ``- 3 -``, ``—3—``, ``3``, ``第3页``, ``3/5``.
PAGE_NUMBER = re.compile(
    r"^(?:[-－—–~～]*\s*\d{1,4}\s*[-－—–~～]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
#: How a row label or group label begins when it starts a new item: ``（四）``, ``四、``, ``1.``, ``2、``.
ENUMERATION = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+\s*[.．、])"
)
_NUMERIC = re.compile(r"^[+\-－—–]?[\d.,，]+(?:万?元)?$")


class Glyph(NamedTuple):
    """One character as drawn: its text and box, in points from the page's top-left corner.

    A named tuple, not an attrs class: a PDF page makes thousands, and a tuple is made in a
    third of the time of a frozen attrs instance.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    #: The font size in points (0: unknown, the box height is used).
    em: float = 0.0

    @property
    def size(self) -> float:
        return self.em if self.em > 0 else max(self.bottom - self.top, 1.0)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@attrs.frozen
class Rule:
    """A horizontal or vertical ruling line, in points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@attrs.frozen(kw_only=True)
class PageContent:
    """What the extractor found on one page."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...] = ()
    #: How many images the page draws (a page of images and no glyphs is a scan).
    images: int = 0
    #: How many text objects the extractor could not turn into characters.
    lost_text: int = 0
    #: True when PDFium could not load the page at all (a damaged page object): it holds nothing.
    damaged: bool = False


# --- small helpers -------------------------------------------------------------------------


def _word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.@_-+/:")


def _clusters(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Sorted representatives of groups of values closer than ``tol``."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(values: Sequence[float], v: float) -> int:
    """The index of the value of ``values`` (sorted, as :func:`_clusters` gives) nearest ``v``;
    the first of two equally near."""
    i = bisect.bisect_left(values, v)
    if i == len(values) or (i > 0 and abs(values[i - 1] - v) <= abs(values[i] - v)):
        return i - 1 if i > 0 else 0
    return i


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _is_number(text: str) -> bool:
    s = _squash(text)
    return bool(s) and bool(_NUMERIC.match(s))


def _is_label(text: str) -> bool:
    s = _squash(text)
    return bool(s) and not _NUMERIC.match(s)


def _join_glyphs(glyphs: Sequence[Glyph]) -> str:
    """The text of glyphs on one line, left to right, with spaces only where the gaps say so."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if g.text.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            prev = g
            continue
        if prev is not None and out and out[-1] != " " and not prev.text.isspace():
            gap = g.x0 - prev.x1
            em = min(g.size, prev.size) * 0.9
            if gap > em or (gap > 0.2 * em and _word_char(prev.text[-1]) and _word_char(g.text[0])):
                out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out).strip()


def _lines_of(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines (top to bottom), each sorted left to right."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    top = bottom = 0.0
    for g in sorted(glyphs, key=_TOP_LEFT):
        if line and top - 0.5 <= (g.top + g.bottom) / 2 <= bottom + 0.5:
            line.append(g)
            size = g.em if g.em > 0 else max(g.bottom - g.top, 1.0)
            if size < 3 * (bottom - top):
                top, bottom = min(top, g.top), max(bottom, g.bottom)
            continue
        line = [g]
        lines.append(line)
        top, bottom = g.top, g.bottom
    for line in lines:
        line.sort(key=_LEFT)
    return lines


_TOP_LEFT = operator.itemgetter(2, 1)  # (top, x0)
_LEFT = operator.itemgetter(1)  # x0


# --- lines of text -------------------------------------------------------------------------


@attrs.define
class _Line:
    page: int
    number: int
    glyphs: list[Glyph]
    text: str
    #: The x of the middle of the page.
    middle: float = 0.0

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    # The glyphs of a line do not change once it is made: its extent and size are computed once.
    @functools.cached_property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @functools.cached_property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @functools.cached_property
    def size(self) -> float:
        sizes = Counter(round(g.size, 1) for g in self.glyphs if not g.text.isspace())
        return sizes.most_common(1)[0][0] if sizes else self.glyphs[0].size


# --- tables --------------------------------------------------------------------------------


@attrs.define
class _Cell:
    """A cell of a table being assembled: rows are table-global, ``r1`` exclusive."""

    r0: int
    r1: int
    x0: float
    x1: float
    page: int
    text: str


@attrs.define
class _Table:
    page: int
    last_page: int
    x0: float
    x1: float
    top: float
    bottom: float
    rows: int
    cells: list[_Cell]
    #: Table number on its first page (1-based), for locations.
    index: int = 1

    def row_cells(self, r: int) -> list[_Cell]:
        return sorted((c for c in self.cells if c.r0 == r), key=lambda c: c.x0)

    def ending_at(self, r: int) -> list[_Cell]:
        return [c for c in self.cells if c.r1 == r + 1]


def _merge_rules(
    rules: Iterable[Rule],
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules as (y, x0, x1) and vertical ones as (x, y0, y1), collinear pieces joined."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for r in rules:
        if r.horizontal:
            hs.append(((r.top + r.bottom) / 2, r.x0, r.x1))
        else:
            vs.append(((r.x0 + r.x1) / 2, r.top, r.bottom))

    def join(items: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
        out: list[tuple[float, float, float]] = []
        for pos in _clusters([i[0] for i in items], 1.5):
            spans = sorted((a, b) for p, a, b in items if abs(p - pos) <= 1.5)
            cur = list(spans[0])
            for a, b in spans[1:]:
                if a <= cur[1] + SNAP:
                    cur[1] = max(cur[1], b)
                else:
                    out.append((pos, cur[0], cur[1]))
                    cur = [a, b]
            out.append((pos, cur[0], cur[1]))
        return out

    return join(hs), join(vs)


def _components(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]
) -> list[tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]]:
    """Groups of rules that touch each other: each group is one table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _grid_cells(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]
) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """The grid of one table: its x and y lines and its cells as (r0, r1, c0, c1), ends exclusive."""
    left, right = min(h[1] for h in hs), max(h[2] for h in hs)
    top, bottom = min(v[1] for v in vs), max(v[2] for v in vs)
    xs = _clusters([*(v[0] for v in vs), left, right])
    ys = _clusters([*(h[0] for h in hs), top, bottom])
    nr, nc = len(ys) - 1, len(xs) - 1

    # The rules along each grid line, found once (not once per cell).
    along_x = [[(vy0, vy1) for vx, vy0, vy1 in vs if abs(vx - x) <= SNAP] for x in xs]
    along_y = [[(hx0, hx1) for hy, hx0, hx1 in hs if abs(hy - y) <= SNAP] for y in ys]

    def vertical_at(c: int, y: float) -> bool:
        return any(vy0 - SNAP <= y <= vy1 + SNAP for vy0, vy1 in along_x[c])

    def horizontal_at(r: int, x: float) -> bool:
        return any(hx0 - SNAP <= x <= hx1 + SNAP for hx0, hx1 in along_y[r])

    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not vertical_at(c + 1, ymid):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not horizontal_at(r + 1, xmid):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    boxes: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            box = boxes.setdefault(find(r * nc + c), [r, r, c, c])
            box[0], box[1] = min(box[0], r), max(box[1], r)
            box[2], box[3] = min(box[2], c), max(box[3], c)
    cells = sorted((b[0], b[1] + 1, b[2], b[3] + 1) for b in boxes.values())
    return xs, ys, cells


def _page_tables(page: PageContent, first_index: int) -> tuple[list[_Table], set[int]]:
    """The ruled tables of a page, and the indexes of the glyphs inside them."""
    hs, vs = _merge_rules(page.rules)
    tables: list[_Table] = []
    used: set[int] = set()
    if len(hs) * len(vs) > MAX_RULE_PAIRS:
        return tables, used  # a drawing (a chart, graph paper), not a table: read as text
    for comp_h, comp_v in sorted(_components(hs, vs), key=lambda g: min(h[0] for h in g[0])):
        xs, ys, boxes = _grid_cells(comp_h, comp_v)
        if len(boxes) < 2:
            continue  # a framed box, not a table: its text is read as text
        x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]
        contents: list[list[Glyph]] = [[] for _ in boxes]
        lookup = {}
        for k, (r0, r1, c0, c1) in enumerate(boxes):
            for r in range(r0, r1):
                for c in range(c0, c1):
                    lookup[r, c] = k
        last_row, last_column = len(ys) - 2, len(xs) - 2
        for gi, g in enumerate(page.glyphs):
            cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            # The row and column whose lines enclose the glyph's centre: edges[i] <= v < edges[i + 1].
            r = max(0, min(last_row, bisect.bisect_right(ys, cy) - 1))
            c = max(0, min(last_column, bisect.bisect_right(xs, cx) - 1))
            contents[lookup[r, c]].append(g)
            used.add(gi)
        cells = [
            _Cell(
                r0=r0,
                r1=r1,
                x0=xs[c0],
                x1=xs[c1],
                page=page.number,
                text="\n".join(_join_glyphs(line) for line in _lines_of(content)),
            )
            for (r0, r1, c0, c1), content in zip(boxes, contents)
        ]
        tables.append(
            _Table(
                page=page.number,
                last_page=page.number,
                x0=x0,
                x1=x1,
                top=y0,
                bottom=y1,
                rows=len(ys) - 1,
                cells=cells,
                index=first_index + len(tables),
            )
        )
    return tables, used


# --- joining a table across a page break ---------------------------------------------------


def _continues(a: _Table, b: _Table) -> bool:
    """Whether ``b`` (first on its page) continues ``a`` (last on the page before)."""
    width = max(a.x1 - a.x0, b.x1 - b.x0)
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return b.page == a.last_page + 1 and overlap >= 0.9 * width


def _row_signature(t: _Table, r: int) -> tuple[tuple[str, int, int], ...]:
    return tuple((_squash(c.text), round(c.x0), c.r1 - c.r0) for c in t.row_cells(r))


def _join(a: _Table, b: _Table, diagnostics: list[Diagnostic]) -> None:
    """Append ``b`` to ``a``: drop repeated header rows, join what the page break split."""
    # Header rows repeated at the top of the continuation (label-only rows equal to a's first ones).
    repeat = 0
    while repeat < min(a.rows, b.rows - 1, 4):
        sig = _row_signature(b, repeat)
        if not sig or sig != _row_signature(a, repeat) or not all(_is_label(s[0]) or not s[0] for s in sig):
            break
        repeat += 1
    if repeat and all(c.r1 <= repeat for c in b.cells if c.r0 < repeat):
        b.cells = [c for c in b.cells if c.r0 >= repeat]
        for c in b.cells:
            c.r0 -= repeat
            c.r1 -= repeat
        b.rows -= repeat
        diagnostics.append(
            Diagnostic(
                code="pdf_repeated_header",
                message=f"dropped {repeat} header row(s) the table repeats at the top of page {b.page}",
                location=SourceLocation(page=b.page),
            )
        )
    offset = a.rows
    last = a.ending_at(a.rows - 1)
    first = b.row_cells(0)
    for c in b.cells:
        c.r0 += offset
        c.r1 += offset

    def above(cell: _Cell) -> _Cell | None:
        for p in last:
            if abs(p.x0 - cell.x0) <= SNAP and abs(p.x1 - cell.x1) <= SNAP:
                return p
        return None

    joined: list[_Cell] = []
    # A row the page break cut in two: the continuation's first row holds only label text,
    # the row above has numbers, and every piece of text has a cell above it to go to.
    split_row = (
        any(_is_label(c.text) for c in first)
        and not any(_is_number(c.text) for c in first)
        and any(_is_number(p.text) for p in last)
        and all(above(c) is not None for c in first if _squash(c.text))
    )
    for i, cell in enumerate(first):
        p = above(cell)
        if p is None:
            continue
        if not split_row:
            # A merged label cell (a row group such as （四）无法提供) whose text the break cut:
            # the continuation is a label or empty, another label follows it in the row, and it
            # does not begin a new numbered item.
            text = _squash(cell.text)
            label_right = any(_is_label(o.text) for o in first[i + 1 :])
            if not (_is_label(p.text) and label_right and (not text or not ENUMERATION.match(text))):
                continue
            if text and not _is_label(cell.text):
                continue
        p.text = "\n".join(t for t in (p.text, cell.text) if t)
        p.r1 = cell.r1
        joined.append(cell)
    if joined:
        diagnostics.append(
            Diagnostic(
                code="pdf_cell_across_pages",
                message=(
                    f"joined {len(joined)} cell(s) split by the page break between pages {a.last_page} "
                    f"and {b.page}"
                ),
                location=SourceLocation(page=b.page),
                raw=" | ".join(c.text for c in joined if c.text) or None,
            )
        )
    a.cells.extend(c for c in b.cells if c not in joined)
    a.rows += b.rows
    a.last_page = b.page
    a.bottom = b.bottom


def _table_block(t: _Table) -> TableBlock:
    xs = _clusters([x for c in t.cells for x in (c.x0, c.x1)])
    starts = sorted({c.r0 for c in t.cells})
    row_of = {r: i for i, r in enumerate(starts)}
    cols_used = sorted({_nearest(xs, c.x0) for c in t.cells})
    col_of = {c: i for i, c in enumerate(cols_used)}
    rows: list[SourceRow] = []
    for r in starts:
        cells = []
        for c in t.row_cells(r):
            c0, c1 = _nearest(xs, c.x0), _nearest(xs, c.x1)
            first_row = row_of[c.r0]
            rowspan = sum(1 for s in starts if c.r0 <= s < c.r1)
            colspan = sum(1 for k in cols_used if c0 <= k < c1)
            col = col_of[c0]
            loc = SourceLocation(
                page=c.page, element=f"table[{t.index}]/row[{first_row + 1}]/cell[{col + 1}]"
            )
            cells.append(
                SourceCell(
                    text=c.text,
                    row=first_row,
                    column=col,
                    rowspan=rowspan,
                    colspan=max(colspan, 1),
                    location=loc,
                )
            )
        rows.append(
            SourceRow(
                cells=tuple(cells), location=cells[0].location if cells else SourceLocation(page=t.page)
            )
        )
    return TableBlock(
        rows=tuple(rows), positional=True, location=SourceLocation(page=t.page, element=f"table[{t.index}]")
    )


# --- the whole document --------------------------------------------------------------------

_Item = _Line | _Table


def _page_chrome(pages: Sequence[PageContent], lines: dict[int, list[_Line]]) -> set[tuple[int, int]]:
    """(page, line number) of page numbers and running headers/footers."""
    chrome: set[tuple[int, int]] = set()
    repeated = Counter(
        (_squash(ln.text), round(ln.top / 4))
        for p in pages
        for ln in lines[p.number]
        if ln.top < 0.12 * p.height or ln.bottom > 0.88 * p.height
    )
    for p in pages:
        for ln in lines[p.number]:
            in_margin = ln.top < 0.12 * p.height or ln.bottom > 0.88 * p.height
            if not in_margin:
                continue
            s = _squash(ln.text)
            if PAGE_NUMBER.match(s) or (len(pages) > 2 and repeated[s, round(ln.top / 4)] >= 2):
                chrome.add((p.number, ln.number))
    return chrome


def layout_blocks(pages: Sequence[PageContent]) -> tuple[list[Block], list[Diagnostic]]:
    """The blocks of a document, in reading order, and what the layout step was unsure of."""
    diagnostics: list[Diagnostic] = []
    items_by_page: dict[int, list[_Item]] = {}
    lines_by_page: dict[int, list[_Line]] = {}
    table_count = 0
    for page in pages:
        tables, used = _page_tables(page, table_count + 1)
        table_count += len(tables)
        free = [g for i, g in enumerate(page.glyphs) if i not in used]
        lines = [
            _Line(page=page.number, number=n + 1, glyphs=gl, text=_join_glyphs(gl), middle=page.width / 2)
            for n, gl in enumerate(gl for gl in _lines_of(free) if any(not g.text.isspace() for g in gl))
        ]
        lines_by_page[page.number] = lines
        items: list[_Item] = [*lines, *tables]
        items.sort(key=lambda it: it.top)
        items_by_page[page.number] = items
    chrome = _page_chrome(pages, lines_by_page)

    # Reading order, page chrome dropped, tables joined across page breaks.
    ordered: list[_Item] = []
    dropped: dict[int, list[_Line]] = {}
    for page in pages:
        body: list[_Item] = []
        for it in items_by_page[page.number]:
            if isinstance(it, _Line) and (it.page, it.number) in chrome:
                dropped.setdefault(page.number, []).append(it)
                continue
            body.append(it)
        if body and ordered and isinstance(body[0], _Table) and isinstance(ordered[-1], _Table):
            a, b = ordered[-1], body[0]
            if _continues(a, b):
                inside = [ln for ln in dropped.get(a.last_page, []) if ln.top > a.bottom]
                inside += [ln for ln in dropped.get(b.page, []) if ln.bottom < b.top]
                for ln in inside:
                    diagnostics.append(
                        Diagnostic(
                            code="pdf_page_chrome",
                            message="dropped a page number or running header between two parts of a table",
                            location=SourceLocation(page=ln.page, line=ln.number),
                            raw=ln.text,
                        )
                    )
                _join(a, b, diagnostics)
                body = body[1:]
        ordered.extend(body)

    return _blocks(ordered), diagnostics


def _blocks(items: Sequence[_Item]) -> list[Block]:
    """Paragraphs from lines, tables as they are."""
    lines = [it for it in items if isinstance(it, _Line)]
    if lines:
        # The margins: the leftmost start and the rightmost end that several lines share (a
        # lone line may stick out: a hanging punctuation mark, a page number).
        starts = Counter(round(ln.x0) for ln in lines)
        ends = Counter(round(ln.x1) for ln in lines)
        left: float = min((x for x, n in starts.items() if n > 1), default=min(starts))
        right: float = max((x for x, n in ends.items() if n > 1), default=max(ends))
        sizes = Counter(round(ln.size) for ln in lines)
        body = min(x for x, n in sizes.items() if n == max(sizes.values()))  # the text size
        # When no paragraph wraps, every line starts indented by two characters: a table set
        # to the text width then shows where the left margin really is.
        em = 0.9 * body
        left = min(
            [left, *(t.x0 for t in items if isinstance(t, _Table) and 1.5 * em <= left - t.x0 <= 2.5 * em)]
        )
    else:
        left = right = body = 0
    blocks: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            text = para[0].text
            for prev, ln in itertools.pairwise(para):
                sep = (
                    " "
                    if prev.text[-1:].isascii() and prev.text[-1:].isalpha() and ln.text[:1].isalpha()
                    else ""
                )
                text += sep + ln.text
            blocks.append(
                TextBlock(text=text, location=SourceLocation(page=para[0].page, line=para[0].number))
            )
            para.clear()

    tables = 0
    for it in items:
        if isinstance(it, _Table):
            flush()
            tables += 1
            it.index = tables
            blocks.append(_table_block(it))
            continue
        if para:
            prev = para[-1]
            em = prev.size * 0.9
            same_size = abs(it.size - prev.size) <= 0.15 * prev.size
            # Line-breaking rules (避头尾) may leave a wrapped line up to two characters short.
            wrapped = prev.x1 >= right - 2.5 * em and it.x0 <= left + em
            # A centered paragraph (the title, often ``<机关名称>`` over ``<YYYY>年…报告``)
            # is printed as centered lines: they are one paragraph too.
            centered = (
                it.page == prev.page
                and prev.size > 1.15 * body  # display type, as titles are set
                and it.top - prev.bottom < prev.size
                and abs((prev.x0 + prev.x1) / 2 - prev.middle) <= em
                and abs((it.x0 + it.x1) / 2 - it.middle) <= em
            )
            if not (same_size and (wrapped or centered)):
                flush()
        para.append(it)
    flush()
    return blocks
