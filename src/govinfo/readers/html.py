"""The HTML reader: a web page (or a fragment) into text blocks and positional tables.

Built on the standard library's :mod:`html.parser` (no extra needed; the measurements behind
this choice are in ``docs/parsing.md``). It is an event reader that repairs what published
pages get wrong:

- ``<td>``/``<th>`` without their end tag, a new ``<tr>`` without ``</tr>``, stray ``</td>``
  and ``</tr>``, a table never closed: cells and rows end where the next one starts;
- ``rowspan``/``colspan`` are expanded: each cell gets its real grid column (see
  :class:`~govinfo.readers.cells.TableBlock` ``positional``); absurd spans are capped;
- a table with a table inside is page layout: its cells become text blocks;
  a one-column table is text too (reports pasted into a single cell);
- ``<script>``, ``<style>``, ``<head>`` content other than ``<title>`` are skipped;
  ``<br>`` and block elements break lines; entities and ``&nbsp;`` are decoded;
- ``<footer>`` content is the sign-off (``role="signature"``).

Locations are the line and column of the element's start tag and an element path
(``table[2]/tr[5]/td[3]``).

>>> doc = read_html("<h2>三、</h2><table><tr><td rowspan=2>a<td>1<tr><td>2</table>")
>>> [(c.text, c.row, c.column, c.rowspan) for c in doc.blocks[1].cells()]
[('a', 0, 0, 2), ('1', 0, 1, 1), ('2', 1, 1, 1)]
"""

from __future__ import annotations

from html.parser import HTMLParser

import attrs

from .cells import Block, SourceCell, SourceDocument, SourceLocation, SourceRow, TableBlock, TextBlock
from .normalize import small_int

__all__ = ["read_html"]

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
        "header", "footer", "blockquote", "pre", "dl", "dt", "dd", "hr", "address", "center",
        "form", "nav", "aside", "main", "figure", "figcaption", "caption", "title", "body", "html",
    }
)  # fmt: skip
#: The largest span honoured; larger ones (typos such as colspan=300000) are capped.
MAX_SPAN = 64
#: The deepest table nesting followed; deeper tables are read as text.
MAX_DEPTH = 32


def _span(value: str | None) -> int:
    return max(1, small_int(value, 1, MAX_SPAN))


@attrs.define
class _Cell:
    text: list[str]
    rowspan: int
    colspan: int
    location: SourceLocation


@attrs.define
class _Table:
    index: int
    location: SourceLocation
    rows: list[list[_Cell]] = attrs.Factory(list)
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    layout: bool = False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.text_at: SourceLocation | None = None
        self.skip = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.title: list[str] | None = None
        self.page_title = ""
        self.in_head = False
        self.footer = 0
        self.heading = ""

    # --- text outside tables ---------------------------------------------------------------

    def where(self, element: str | None = None) -> SourceLocation:
        line, col = self.getpos()
        return SourceLocation(line=line, column=col + 1, element=element)

    def flush_text(self) -> None:
        if self.text:
            text = "".join(self.text)
            for piece in text.split("\n"):
                if piece.strip():
                    role = "signature" if self.footer else ("title" if self.heading == "h1" else "")
                    self.blocks.append(
                        TextBlock(text=piece.strip(), location=self.text_at or self.where(), role=role)
                    )
        self.text = []
        self.text_at = None

    def add_text(self, data: str) -> None:
        if self.tables and not self.tables[-1].layout:
            t = self.tables[-1]
            if t.cell is not None:
                t.cell.text.append(data)
            return
        if not self.text:
            self.text_at = self.where()
        self.text.append(data)

    # --- tables ----------------------------------------------------------------------------

    def end_cell(self, t: _Table) -> None:
        if t.cell is not None:
            if t.row is None:
                t.row = []
            t.row.append(t.cell)
            t.cell = None

    def end_row(self, t: _Table) -> None:
        self.end_cell(t)
        if t.row is not None:
            t.rows.append(t.row)
            t.row = None

    def make_layout(self, t: _Table) -> None:
        """The table holds a table: it is page layout, its cells are text."""
        if t.layout:
            return
        t.layout = True
        self.end_row(t)
        for row in t.rows:
            for cell in row:
                text = "".join(cell.text)
                for piece in text.split("\n"):
                    if piece.strip():
                        self.blocks.append(TextBlock(text=piece.strip(), location=cell.location))
        t.rows = []

    def end_table(self) -> None:
        t = self.tables.pop()
        if t.layout:
            self.flush_text()
            return
        self.end_row(t)
        self.blocks.append(_table_block(t))

    # --- events ----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "head":
            self.in_head = True
            return
        if tag == "title" and self.title is None:
            self.title = []
            return
        if tag == "br":
            self.add_text("\n")
            return
        if tag == "footer":
            self.flush_text()
            self.footer += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = tag
        if tag == "table":
            if self.tables and not self.tables[-1].layout:
                self.make_layout(self.tables[-1])
            self.flush_text()
            self.table_count += 1
            table = _Table(index=self.table_count, location=self.where(f"table[{self.table_count}]"))
            # Tables nested deeper than MAX_DEPTH are read as text (page layout, or junk).
            table.layout = len(self.tables) >= MAX_DEPTH
            self.tables.append(table)
            return
        if self.tables and not self.tables[-1].layout:
            t = self.tables[-1]
            if tag == "tr":
                self.end_row(t)
                t.row = []
                return
            if tag in ("td", "th"):
                self.end_cell(t)
                if t.row is None:
                    t.row = []
                a = dict(attrs_)
                element = f"table[{t.index}]/tr[{len(t.rows) + 1}]/{tag}[{len(t.row) + 1}]"
                t.cell = _Cell(
                    text=[],
                    rowspan=_span(a.get("rowspan")),
                    colspan=_span(a.get("colspan")),
                    location=self.where(element),
                )
                return
            if tag in _BLOCK and t.cell is not None and t.cell.text:
                t.cell.text.append("\n")
            return
        if self.tables and tag in ("td", "th", "tr"):
            self.add_text("\n")
            return
        if tag in _BLOCK:
            self.flush_text()

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip:
            self.add_text("\n")
        elif tag in ("td", "th", "tr", "table"):
            self.handle_starttag(tag, attrs_)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "head":
            self.in_head = False
            return
        if tag == "title" and self.title is not None and not self.page_title:
            self.page_title = "".join(self.title).strip() or " "
            return
        if tag == "table":
            if self.tables:
                self.end_table()
            return
        if self.tables and not self.tables[-1].layout:
            t = self.tables[-1]
            if tag in ("td", "th"):
                self.end_cell(t)
            elif tag == "tr":
                self.end_row(t)
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush_text()
            self.heading = ""
        if tag == "footer":
            self.flush_text()
            self.footer = max(0, self.footer - 1)
        if tag in _BLOCK:
            self.flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.title is not None and not self.page_title:
            self.title.append(data)
            return
        if self.in_head:
            return
        self.add_text(data.replace("\r", "").replace("\n", " ") if not self.tables else data)

    def finish(self) -> None:
        self.close()
        while self.tables:
            self.end_table()
        self.flush_text()


def _table_block(t: _Table) -> Block | TableBlock:
    """The table with its spans expanded; a one-column table is read as text."""
    rows: list[SourceRow] = []
    taken: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for r, row in enumerate(t.rows):
        cells: list[SourceCell] = []
        col = 0
        for cell in row:
            while taken.get(col, 0) > 0:
                col += 1
            text = "".join(cell.text)
            cells.append(
                SourceCell(
                    text=text,
                    row=r,
                    column=col,
                    rowspan=cell.rowspan,
                    colspan=cell.colspan,
                    location=cell.location,
                )
            )
            col += cell.colspan
        # Rows still covered below this one: those from above lose one, new rowspans start.
        below = {c: n - 1 for c, n in taken.items() if n > 1}
        for sc in cells:
            if sc.rowspan > 1:
                for c in range(sc.column, sc.column + sc.colspan):
                    below[c] = max(below.get(c, 0), sc.rowspan - 1)
        taken = below
        rows.append(SourceRow(cells=tuple(cells), location=cells[0].location if cells else t.location))
    return TableBlock(rows=tuple(rows), positional=True, location=t.location)


def read_html(text: str) -> SourceDocument:
    """Read an HTML page or fragment into a :class:`~govinfo.readers.cells.SourceDocument`."""
    reader = _Reader()
    reader.feed(text)
    reader.finish()
    blocks: list[Block] = []
    for b in reader.blocks:
        if isinstance(b, TableBlock) and b.rows and max(len(r.cells) for r in b.rows) <= 1:
            for row in b.rows:
                for cell in row.cells:
                    for piece in cell.text.split("\n"):
                        if piece.strip():
                            blocks.append(TextBlock(text=piece.strip(), location=cell.location))
            continue
        blocks.append(b)
    metadata = {"标题": reader.page_title.strip()} if reader.page_title.strip() else {}
    return SourceDocument(blocks=tuple(blocks), layout="html", metadata=metadata)
