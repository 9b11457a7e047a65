"""The intermediate representation every reader produces: blocks of text and rows of cells.

This is the contract between the readers (plain text, pipe-table text, Markdown, HTML, PDF,
DOCX, …) and the one shared matcher that places cells into the catalogue's tables.

How a reader hands a document to the matcher
--------------------------------------------
1. Turn the input into a sequence of :data:`Block` values, in reading order:

   - :class:`TextBlock`: one paragraph or line of prose, a heading, a title line, page chrome.
     Readers do **not** decide what is a heading: the matcher recognises section headings
     (``一、总体情况`` and the catalogue's :attr:`~govinfo.catalogue.SectionSpec.aliases`),
     subsection titles and the report title itself.
   - :class:`TableBlock`: a table as rows (:class:`SourceRow`) of cells (:class:`SourceCell`).
     A reader that knows the real grid (HTML after span expansion, a PDF with cell geometry,
     pipe text with ``|||`` spans) sets ``positional=True`` and gives each cell its grid
     ``column`` (0-based, *after* expanding spans to the left of it) and its ``colspan`` /
     ``rowspan``. A reader that only knows the order of the cells (one cell per line) sets
     ``positional=False``; ``column`` is then the cell's ordinal in its row.
     Row boundaries are hints: the matcher does not assume a fixed cell count per row
     (deviations D10, D16 of ``report-format.md``), it reads labels and values in order.
   - A cell's ``text`` is the raw text as published (newlines, spaces, U+00A0 and signs kept):
     normalisation is the matcher's job, so every diagnostic can quote the raw text.
   - ``run_together=True`` marks text whose cells ran together with no separator (a crawler's
     text, a PDF line of 15 numbers): the matcher splits digit runs back into cells using the
     arithmetic identities, and reports a diagnostic where several splits remain.
   - Give every block and cell a :class:`SourceLocation` (line/column for text, page for
     PDF/DOCX, an element path for HTML), so diagnostics can point back into the input.

2. Wrap them in a :class:`SourceDocument` (``layout`` names the reader, e.g. ``"html"``,
   ``"pdf"``; ``metadata`` may carry a page's own fields such as ``标题`` or ``发布时间``;
   ``diagnostics`` carries whatever the reader itself was unsure of, e.g. a page number
   dropped from inside a table).

3. Call :func:`govinfo.readers.document.read_document` (``read_document(doc, edition=None)``),
   which returns a :class:`~govinfo.readers.document.ParseResult` (the :class:`~govinfo.Report`
   plus every :class:`Diagnostic`) or raises :class:`~govinfo.errors.ParseError` when a table
   cannot be placed. ``read_blocks(blocks, edition=None)`` does the same for a bare sequence
   of blocks.

>>> cell = SourceCell(text="\\u00a012", row=3, column=1, location=SourceLocation(line=97, column=2))
>>> row = SourceRow(cells=(cell,), location=cell.location)
>>> str(cell.location), TableBlock(rows=(row,)).width
('line 97, column 2', 2)

Everything here is a frozen value; this module imports nothing from the rest of govinfo.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Union

import attrs

if TYPE_CHECKING:
    from ..catalogue.spec import Edition

__all__ = [
    "Block",
    "Diagnostic",
    "SourceCell",
    "SourceDocument",
    "SourceLocation",
    "SourceRow",
    "TableBlock",
    "TextBlock",
]


@attrs.frozen(kw_only=True)
class SourceLocation:
    """Where something is in the input. Every field is optional; give what the reader knows.

    ``line`` and ``column`` are 1-based (text layouts, and the line of a PDF page's text);
    ``page`` is 1-based (PDF, DOCX); ``element`` is an element path for HTML/DOCX, such as
    ``table[2]/tr[5]/td[3]``.

    >>> str(SourceLocation(page=3, line=12))
    'page 3, line 12'
    >>> str(SourceLocation(element="table[1]/tr[2]/td[1]", line=40))
    'line 40, table[1]/tr[2]/td[1]'
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    element: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.element is not None:
            parts.append(self.element)
        return ", ".join(parts) or "?"


NOWHERE = SourceLocation()


@attrs.frozen(kw_only=True)
class SourceCell:
    """One table cell as published: raw text, grid position and spans, where it came from."""

    #: The raw text, unnormalised (newlines inside a cell are kept: ``商业\\n企业``).
    text: str
    #: 0-based index of the cell's (first) row in its :class:`TableBlock`.
    row: int
    #: 0-based grid column (``positional`` blocks) or ordinal in the row (otherwise).
    column: int
    rowspan: int = 1
    colspan: int = 1
    location: SourceLocation = NOWHERE
    #: True when several cells may have run together in this text with no separator.
    run_together: bool = False


@attrs.frozen(kw_only=True)
class SourceRow:
    """One row of a table, as the reader saw it (a hint: see the module docstring)."""

    cells: tuple[SourceCell, ...]
    location: SourceLocation = NOWHERE

    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cells)


@attrs.frozen(kw_only=True)
class TableBlock:
    """A table: rows of cells, in reading order."""

    rows: tuple[SourceRow, ...]
    #: True when cell ``column`` values are real grid positions (spans expanded).
    positional: bool = False
    location: SourceLocation = NOWHERE

    @property
    def width(self) -> int:
        """The number of grid columns the cells cover."""
        return max((c.column + c.colspan for r in self.rows for c in r.cells), default=0)

    def cells(self) -> Iterator[SourceCell]:
        """Every cell in reading order (row by row)."""
        for r in self.rows:
            yield from r.cells


@attrs.frozen(kw_only=True)
class TextBlock:
    """A paragraph or line of prose, a heading or title line, or page chrome."""

    text: str
    location: SourceLocation = NOWHERE
    #: True when this text may hold headings, prose and table cells run together with no
    #: line breaks (a crawler's flattened page); the matcher then looks for headings inside it.
    run_together: bool = False
    #: What the reader knows the text is, if anything: ``"signature"`` for the sign-off after
    #: the report (agency, date: an HTML ``<footer>``, Markdown text after ``---``), ``"title"``
    #: for the document title (HTML ``<h1>``/``<title>``, Markdown ``#``). Empty: unknown.
    role: str = ""


#: What a reader produces, in reading order.
Block = Union[TextBlock, TableBlock]  # noqa: UP007  (a runtime alias that works on 3.10)


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something the parser was not sure of: a fuzzy label, a skipped cell, an ambiguous run.

    ``code`` is stable API (listed in ``docs/parsing.md``); ``path`` is the JSON path of the
    value concerned (``$.requests.new_received.total``) when there is one; ``raw`` is the text
    as published.
    """

    code: str
    message: str
    location: SourceLocation = NOWHERE
    raw: str | None = None
    path: str | None = None

    @property
    def message_zh(self) -> str:
        """The diagnostic in Chinese (:mod:`govinfo.messages_zh`), for Chinese output."""
        from ..messages_zh import message_zh

        return message_zh(self.code) or self.message

    def describe_zh(self, edition: Edition | None = None) -> str:
        """The whole diagnostic in Chinese: place, cell (its official label when ``edition`` is
        given), message, the text as published, code."""
        from ..messages_zh import location_zh
        from ..validation.locations import path_label

        loc = self.location
        where = location_zh(loc.page, loc.line, loc.column, loc.element) if loc != NOWHERE else ""
        raw = f"（原文 {self.raw!r}）" if self.raw is not None else ""
        cell = self.path or ""
        if cell and edition is not None:
            cell = path_label(edition, cell) or cell
        head = "：".join(s for s in (where, cell) if s)
        return (
            f"{head}：{self.message_zh}{raw} [{self.code}]"
            if head
            else f"{self.message_zh}{raw} [{self.code}]"
        )

    def __str__(self) -> str:
        where = str(self.location) if self.location != NOWHERE else "-"
        raw = f" (raw {self.raw!r})" if self.raw is not None else ""
        target = f" {self.path}" if self.path else ""
        return f"{where}:{target} {self.message}{raw} [{self.code}]"


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class SourceDocument:
    """A whole input as blocks, with what the reader knows about it."""

    blocks: tuple[Block, ...]
    #: The reader's name for the layout: ``"text"``, ``"pipe"``, ``"markdown"``, ``"html"``,
    #: ``"crawler"``, ``"pdf"``, ``"docx"``.
    layout: str
    #: Fields the page states about itself (``标题``, ``发布时间``, ``发布机构``…), raw.
    metadata: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    #: What the reader itself was unsure of.
    diagnostics: tuple[Diagnostic, ...] = ()
