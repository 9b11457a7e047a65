"""Readers for text layouts: one cell per line, pipe tables, Markdown, and crawler text.

One reader handles every line-based layout, line by line:

- a line that starts with a tab is a table cell (the text of a web page as browsers copy it:
  ``linping-education-2023.txt``); a following line that starts without a tab and is not a
  heading continues the cell (``商业\\n企业``, D8); an empty line ends a table row. A line that
  starts with a tab and is a section heading or a sentence (``\\t一、总体情况``, ``\\t(一)…。``: a
  paragraph indented with a tab) is text;
- lines of cells separated by tabs (``规章\\t0\\t0\\t0``, a spreadsheet pasted as text) are the
  rows of a table when at least two such lines stand together (blank lines between them allowed)
  and one of their cells is a number; a single such line, or lines of words only, are text;
- a line with ``|`` is a row of a pipe table (D12, Markdown): cells between the bars, an
  empty cell for each ``||`` (a spanned or blank cell), ``\\|`` an escaped bar; in the header
  of a grid table (above its ``+====+`` rule), a line with its bars where the line above has
  them continues that line's cells (a header word over two lines, ``结果\\n纠正``, D8); a line that
  ends in ``|`` with one cell is D13's one-cell-per-line dump, and a lone ``|`` closes a cell
  whose bar fell onto its own line; Markdown separator rows (``|---|``) are skipped;
- any other line is text: a title, heading, paragraph or page chrome (Markdown ``#``, ``**``
  and list markers are dropped);
- a line in which a section heading sits after other text is text that *ran together* (a
  crawler's flattened page, ``pingtan-2019.txt``): it is handed on as one run-together block;
- ``key: value`` lines above a ``==== 正文 ====`` line are the page's metadata (标题, 发布时间).

>>> doc = read_text("一、总体情况\\n很好。\\n\\t规章\\n\\t0\\n")
>>> [type(b).__name__ for b in doc.blocks], doc.layout
(['TextBlock', 'TextBlock', 'TableBlock'], 'text')
"""

from __future__ import annotations

import re

import attrs

from ..textwidth import display_width
from .cells import Block, SourceCell, SourceDocument, SourceLocation, SourceRow, TableBlock, TextBlock
from .document import _find_headings_in, _heading
from .normalize import fast_key, read_value

__all__ = ["read_text"]

_BORDER = re.compile(r"^\s*[+|][-=+|\s]{0,2000}$")
_RULE = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*){0,200}\|?\s*$")
_BODY_MARK = re.compile(r"^\s*={3,}\s*正文\s*={3,}\s*$")
_META = re.compile(r"^\s*(?P<key>[^:：\s]{1,12})\s*[:：]\s*(?P<value>.{0,500})$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LIST = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+")
_BOLD = re.compile(r"\*\*|__")


def _pipe_cells(line: str) -> list[str]:
    """Cells of a pipe row; ``\\|`` is a literal bar."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return cells


def _bars(line: str) -> tuple[int, ...]:
    """The display columns of the bars of a grid row (wide characters count two)."""
    out: list[int] = []
    at = 0
    for ch in line.rstrip():
        if ch == "|":
            out.append(at)
        at += display_width(ch)
    return tuple(out)


def _in_grid_header(lines: list[str], index: int) -> bool:
    """Whether the line at ``index`` lies above the ``+====+`` rule of its grid table."""
    for line in lines[index + 1 :]:
        if _BORDER.match(line) and ("-" in line or "=" in line):
            return "=" in line
        if not line.strip().startswith("|"):
            return False
    return False


def _clean_markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = _MD_LIST.sub("", line)
    return _BOLD.sub("", line)


#: A sentence's end: a line holding one is prose, not a table cell.
_SENTENCE_END = re.compile(r"[。！？!?]")


def _is_tab_prose(line: str) -> bool:
    """A line indented with a tab that is a paragraph or a section heading, not a cell."""
    text = line.strip()
    return _heading(text) is not None or bool(_SENTENCE_END.search(text)) or len(text) > 120


def _tab_cells(line: str) -> list[str] | None:
    """The cells of a line whose cells are separated by tabs, or ``None`` (prose, one cell)."""
    cells = [c.strip() for c in line.strip().split("\t")]
    if len(cells) < 2 or any(len(c) > 80 or _SENTENCE_END.search(c) for c in cells):
        return None
    return cells


def _tab_rows(lines: list[str], start: int) -> dict[int, list[str]]:
    """The lines that are rows of a tab-separated table: runs of two or more lines of
    tab-separated cells (blank lines between them allowed) in which some cell is a number."""
    found = {
        i: cells
        for i in range(start, len(lines))
        if "\t" in lines[i].strip() and (cells := _tab_cells(lines[i]))
    }
    out: dict[int, list[str]] = {}
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and any(read_value(c).is_value for i in run for c in found[i]):
            out.update((i, found[i]) for i in run)
        run.clear()

    for i in range(start, len(lines)):
        if i in found:
            run.append(i)
        elif lines[i].strip():
            close()
    close()
    return out


def _runs_together(line: str) -> bool:
    """True when a section heading sits inside the line after other text."""
    if len(line) < 80 or "、" not in line:
        return False
    return any(start > 0 for _, start, _ in _find_headings_in(fast_key(line), 0))


def read_text(text: str) -> SourceDocument:
    """Read any line-based layout into blocks (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    metadata: dict[str, str] = {}
    start = 0
    for i, line in enumerate(lines[:60]):
        if _BODY_MARK.match(line):
            for meta in lines[:i]:
                m = _META.match(meta)
                if m:
                    metadata[m["key"]] = m["value"].strip()
            start = i + 1
            break
    blocks: list[Block] = []
    rows: list[SourceRow] = []
    row: list[SourceCell] = []
    layout = "text"
    pipe = markdown = crawler = False
    last_was_cell = False
    signature = False
    #: The bars of the previous line when it was a grid row (for header lines that continue it).
    grid_bars: tuple[int, ...] = ()
    #: Lone bars already read as part of a run (D13).
    skip_to = 0

    def end_row() -> None:
        nonlocal row
        if row:
            rows.append(SourceRow(cells=tuple(row), location=row[0].location))
            row = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            blocks.append(TableBlock(rows=tuple(rows), location=rows[0].location))
            rows = []

    def add_cell(text: str, lineno: int, column: int) -> None:
        row.append(
            SourceCell(
                text=text,
                row=len(rows),
                column=len(row),
                location=SourceLocation(line=lineno, column=column),
            )
        )

    tab_rows = _tab_rows(lines, start)
    for index in range(start, len(lines)):
        line = lines[index]
        lineno = index + 1
        stripped = line.strip()
        bars_above, grid_bars = grid_bars, ()
        if index in tab_rows:
            end_row()
            column = len(line) - len(line.lstrip()) + 1
            for c in line.strip().split("\t"):
                add_cell(c.strip(), lineno, column)
                column += len(c) + 1
            end_row()
            last_was_cell = False
            continue
        if line.startswith("\t") and not _is_tab_prose(line):
            add_cell(line[1:], lineno, 2)
            last_was_cell = True
            continue
        if _BORDER.match(line) and ("-" in line or "=" in line):
            # A grid table's border (``+----+====+``): a row break.
            end_row()
            last_was_cell = False
            continue
        if _RULE.match(line) and not row:
            # A Markdown thematic break: what follows is the sign-off.
            end_table()
            signature = True
            markdown = True
            continue
        if "|" in line and (stripped.startswith("|") or stripped.endswith("|") or line.count("|") >= 2):
            if _SEPARATOR.match(line):
                markdown = True
                continue
            pipe = True
            if stripped == "|":
                if index < skip_to:
                    continue
                last_was_cell = False
                if row and index > start and lines[index - 1].rstrip().endswith("|"):
                    # D13, rows opened by a lone bar: after a whole cell (``0 |``), a run of k
                    # lone bars is k empty cells when a value follows, else k - 1 empty cells
                    # and the bar that opens the next row.
                    end = index
                    while end < len(lines) and lines[end].strip() == "|":
                        end += 1
                    nxt = lines[end].strip() if end < len(lines) else ""
                    k = end - index
                    if not (nxt.endswith("|") and read_value(_pipe_cells(nxt)[0]).is_value if nxt else False):
                        k -= 1
                    for j in range(k):
                        add_cell("", index + j + 1, 1)
                    if end - index > k:
                        end_row()
                    skip_to = end
                continue
            if len(stripped) >= 2 and stripped.count("|") == len(stripped):
                # Bars and nothing else (``|||||||``): a crawler's dump writes a row's filled
                # cells one per line, then one bar for each empty cell of the row, together
                # on the last line, wherever those cells were. They say how many cells were
                # empty, not which: no cells, the row ends (D16, the yynanhu page).
                end_row()
                last_was_cell = False
                continue
            cells = _pipe_cells(line)
            grid_bars = _bars(line)
            if (
                not row
                and rows
                and len(grid_bars) > 2
                and bars_above == grid_bars
                and len(rows[-1].cells) == len(cells)
                and _in_grid_header(lines, index)
            ):
                # A grid header line with no rule above it: its cells continue the line above (D8).
                above = rows[-1]
                rows[-1] = SourceRow(
                    cells=tuple(
                        attrs.evolve(a, text=a.text + "\n" + c) if c.strip() else a
                        for a, c in zip(above.cells, cells)
                    ),
                    location=above.location,
                )
                continue
            if len(cells) == 1 and not stripped.startswith("|"):
                # D13: one cell per line ending in " |".
                add_cell(cells[0], lineno, 1)
            else:
                end_row()
                column = line.find("|") + 2
                for c in cells:
                    add_cell(c, lineno, column)
                    column += len(c) + 1
                end_row()
            last_was_cell = False
            continue
        if not stripped:
            end_row()
            last_was_cell = False
            continue
        if last_was_cell and row and _heading(line) is None:
            # A cell broken over lines: the continuation starts without a tab (D8).
            cell = row[-1]
            row[-1] = SourceCell(
                text=cell.text + "\n" + line,
                row=cell.row,
                column=cell.column,
                location=cell.location,
            )
            continue
        if row and len(row) == 1 and not line.endswith("|") and pipe and index + 1 < len(lines):
            nxt = lines[index + 1].strip()
            if nxt == "|":
                # D13: the bar fell onto its own line (``行政规范性文件\n|``).
                add_cell(line, lineno, 1)
                continue
        end_table()
        last_was_cell = False
        if pipe and index + 1 < len(lines) and lines[index + 1].strip() == "|":
            row.append(SourceCell(text=line, row=0, column=0, location=SourceLocation(line=lineno, column=1)))
            end_table()
            continue
        clean = _clean_markdown(line) if (markdown or line.lstrip().startswith("#")) else line
        if clean != line:
            markdown = True
        together = _runs_together(clean)
        crawler = crawler or together
        blocks.append(
            TextBlock(
                text=clean,
                location=SourceLocation(line=lineno, column=1),
                run_together=together,
                role="signature" if signature else "",
            )
        )
    end_table()
    if crawler:
        layout = "crawler"
    elif markdown:
        layout = "markdown"
    elif pipe:
        layout = "pipe"
    return SourceDocument(blocks=tuple(blocks), layout=layout, metadata=metadata)
