"""The one table matcher: places the cells of a section into a catalogue table layout.

Every reader hands its cells here (through :mod:`govinfo.readers.document`). The matcher does
not trust the reader's row boundaries or cell counts; it reads a stream of tokens:

- a *label* (matched to the catalogue by :class:`~govinfo.readers.labels.Vocabulary`): a row
  label starts that row; captions, corner notes, column headers and row groups close it;
- a *value* (a number, possibly signed or with a unit, or a blank filler such as ``/``);
- a *run* of digits that may hold several cells (text that ran together): split back by
  :mod:`govinfo.readers.runs` and kept only where the identities leave one reading;
- unknown *text*, and row *breaks* (hints).

A row's values go to its columns in order. Extra subtotal columns are recognised by their
arithmetic (they equal the sum of the 法人或其他组织 columns in every row) and dropped; subtotal
rows (``小计``) are skipped; rows with fewer values than columns are read only when that is
unambiguous. Whatever was not certain becomes a :class:`~govinfo.readers.cells.Diagnostic`; a
table that cannot be placed at all gives a list of reasons, which the caller raises as a
:class:`~govinfo.errors.ParseError`. A wrong number is never returned without a diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache
from itertools import product

import attrs

from ..catalogue import MONEY_UNITS, CellKind, ColumnSpec, GridSpec, RowSpec, TableSpec
from ..table import Cell, path_of
from .cells import NOWHERE, Block, Diagnostic, SourceLocation, TableBlock, TextBlock
from .labels import Match, Vocabulary, split_numbering
from .normalize import CellValue, fold_with_map, label_key, read_value
from .runs import TooAmbiguous, splits

__all__ = ["Placement", "place_table"]

#: The most combinations of ambiguous rows tried against the table-wide identities.
MAX_COMBINATIONS = 4096


@attrs.frozen(kw_only=True)
class Tok:
    """One token of a section's stream."""

    kind: str  # "break" | "value" | "run" | "label" | "text"
    raw: str = ""
    location: SourceLocation = NOWHERE
    value: CellValue | None = None
    groups: tuple[str, ...] = ()
    match: Match | None = None


BREAK = Tok(kind="break")


@attrs.frozen(kw_only=True)
class Placement:
    """The result of placing one section's cells into one table layout."""

    spec: TableSpec
    cells: tuple[Cell, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: Rows whose label was found, in the order found.
    rows_found: tuple[str, ...]
    #: How well the layout fits the text (higher is better); used to choose between layouts.
    score: int
    #: Why the table could not be placed; empty when it was.
    failures: tuple[str, ...] = ()
    #: Labels the section showed that only some layouts have (for edition detection).
    markers: frozenset[str] = frozenset()
    #: True when the text shows many labels this layout does not have: it is not this layout,
    #: and none of its cells may be kept (a table that is only cut short keeps its rows).
    mismatch: bool = False


# --- tokenising ------------------------------------------------------------------------------

_DIGIT_RUN = re.compile(r"[0-9]{1,200}")
_SPACE = re.compile(r"\s{1,100}")
_NUMBERISH = re.compile(r"[+\-]{0,2}[0-9][0-9.,]{0,40}(?:万元|元)?")


def _several_numbers(text: str, line: bool) -> bool:
    """Several numbers separated by spaces (a PDF line, ``0 0 0``): several cells.

    Two numbers in one table cell are one number with a stray space (D25).
    """
    groups = text.split()
    return len(groups) >= (2 if line else 3) and all(_NUMBERISH.fullmatch(g) for g in groups)


def _value_token(text: str, location: SourceLocation, line: bool) -> Tok | None:
    """The token of a cell (or line) holding one value, the same in every layout; else ``None``."""
    value = read_value(text)
    if not value.is_value or _several_numbers(text, line):
        return None
    return Tok(kind="value", raw=text, location=location, value=value)


def _cell_tokens(
    text: str, location: SourceLocation, vocab: Vocabulary, within: frozenset[GridSpec], line: bool = False
) -> Tok:
    value = read_value(text)
    if value.is_value:
        if _several_numbers(text, line):
            return Tok(kind="text", raw=text, location=location)
        return Tok(kind="value", raw=text, location=location, value=value)
    match = vocab.match(text, within)
    if match is not None:
        return Tok(kind="label", raw=text, location=location, match=match)
    return Tok(kind="text", raw=text, location=location)


def _scan_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    keys = {k for k, _ in vocab.keys() if len(k) >= 2}  # noqa: SIM118 - Vocabulary.keys() is a method
    keys |= {split_numbering(k)[1] for k in keys}
    keys = {k for k in keys if len(k) >= 2}
    return re.compile("|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k))))


_PATTERNS: dict[int, tuple[Vocabulary, re.Pattern[str]]] = {}
_TRAILING_NUMBER = re.compile(r"(?:[0-9]{1,2}[.、]|\([0-9]{1,2}\))$")


def _pattern(vocab: Vocabulary) -> re.Pattern[str]:
    cached = _PATTERNS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        cached = (vocab, _scan_pattern(vocab))
        _PATTERNS[id(vocab)] = cached
    return cached[1]


def _run_tokens(
    text: str,
    location: SourceLocation,
    vocab: Vocabulary,
    within: frozenset[GridSpec],
    splittable: bool = True,
) -> Iterator[Tok]:
    """Tokens of text whose labels and values ran together with no separator.

    ``splittable``: whether a group of digits may hold several cells (text that ran together);
    otherwise each whitespace-separated number is one cell (a line such as ``规章 0 0 0``).
    """
    folded, where = fold_with_map(text)
    pattern = _pattern(vocab)
    pos = 0  # in raw text
    for m in pattern.finditer(folded):
        start, end = m.start(), m.end()
        key = m.group()
        # A bare match preceded by its numbering (``1、``) takes the numbering in.
        if split_numbering(key)[0] is None:
            before = _TRAILING_NUMBER.search(folded, max(0, start - 4), start)
            if before is not None:
                start = before.start()
        match = vocab.match(folded[start:end], within)
        if match is None:
            continue
        raw_start, raw_end = where[start], where[end - 1] + 1
        if raw_start < pos:
            continue
        yield from _value_tokens(text[pos:raw_start], location, splittable)
        yield Tok(kind="label", raw=text[raw_start:raw_end], location=location, match=match)
        pos = raw_end
    yield from _value_tokens(text[pos:], location, splittable)


def _value_tokens(text: str, location: SourceLocation, splittable: bool) -> Iterator[Tok]:
    """Values in the text between two labels of run-together text."""
    groups: list[str] = []
    i, n = 0, len(text)
    rest: list[str] = []
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        m = _NUMBERISH.match(text, i)
        if m is not None:
            if rest:
                yield Tok(kind="text", raw="".join(rest), location=location)
                rest = []
            token = m.group()
            if token.isdigit() and splittable:
                groups.append(token)
            else:
                if groups:
                    yield Tok(kind="run", raw=" ".join(groups), location=location, groups=tuple(groups))
                    groups = []
                yield Tok(kind="value", raw=token, location=location, value=read_value(token))
            i = m.end()
            continue
        if groups:
            yield Tok(kind="run", raw=" ".join(groups), location=location, groups=tuple(groups))
            groups = []
        rest.append(ch)
        i += 1
    if groups:
        yield Tok(kind="run", raw=" ".join(groups), location=location, groups=tuple(groups))
    if rest:
        raw = "".join(rest)
        if label_key(raw):
            yield Tok(kind="text", raw=raw, location=location)


def tokens(blocks: Sequence[Block], vocab: Vocabulary, spec: TableSpec) -> Iterator[Tok]:
    """The token stream of a section's blocks, labels matched within ``spec``."""
    return _layout_tokens(_read_once(blocks), vocab, spec)


@attrs.frozen(kw_only=True)
class _Unread:
    """A cell or line whose tokens depend on the layout's labels: read for each layout."""

    text: str
    location: SourceLocation
    run_together: bool
    line: bool


def _read_once(blocks: Sequence[Block]) -> list[Tok | _Unread]:
    """A section's token stream as far as it is the same in every layout.

    Breaks, and the cells holding one value, are read here once; the rest (labels, text, runs)
    is left for :func:`_layout_tokens` to read with each layout's labels.
    """
    out: list[Tok | _Unread] = []

    def add(text: str, location: SourceLocation, run_together: bool, line: bool = False) -> None:
        tok = None if run_together else _value_token(text, location, line)
        if tok is None:
            out.append(_Unread(text=text, location=location, run_together=run_together, line=line))
        else:
            out.append(tok)

    for block in blocks:
        if isinstance(block, TextBlock):
            out.append(BREAK)
            if not block.run_together and _is_sentence(block.text):
                # Prose in a table's section (``共收到8份申请，其中予以公开2件。``) names rows and
                # numbers, but is no row of the table: it is skipped, never read as cells.
                continue
            add(block.text, block.location, block.run_together, line=True)
            continue
        assert isinstance(block, TableBlock)
        for row in block.rows:
            out.append(BREAK)
            for cell in row.cells:
                if not cell.run_together and _is_sentence(cell.text):
                    out.append(BREAK)  # prose set as a table cell (a one-cell-per-line dump)
                    continue
                add(cell.text, cell.location, cell.run_together)
    out.append(BREAK)
    return out


def _is_sentence(text: str) -> bool:
    """A line of Chinese prose: with a full stop (no table label has one), not a short cell."""
    if len(text) > 5000:
        return True
    return len(text) > 10 and "。" in text and len(label_key(text)) > 10


def _layout_tokens(stream: Sequence[Tok | _Unread], vocab: Vocabulary, spec: TableSpec) -> Iterator[Tok]:
    """The token stream of :func:`_read_once`, the rest read with the labels of ``spec``."""
    within = frozenset(spec.grids)
    for item in stream:
        if isinstance(item, Tok):
            yield item
        else:
            yield from _text_tokens(item.text, item.location, item.run_together, vocab, within, item.line)


def _text_tokens(
    text: str,
    location: SourceLocation,
    run_together: bool,
    vocab: Vocabulary,
    within: frozenset[GridSpec],
    line: bool = False,
) -> Iterator[Tok]:
    if run_together:
        yield from _run_tokens(text, location, vocab, within)
        return
    tok = _cell_tokens(text, location, vocab, within, line)
    if tok.kind == "text" and any(ch.isdigit() for ch in text) and len(text) < 2000:
        # A label and its values in one cell or line (``规章 0 0 0``): each number one cell.
        yield from _run_tokens(text, location, vocab, within, splittable=False)
        return
    if tok.kind == "text" and line and len(text) < 400 and len(text.split()) > 1:
        # Several header labels on one line of a PDF's text (``行政复议 行政诉讼``, D17).
        yield from _run_tokens(text, location, vocab, within, splittable=False)
        return
    yield tok


# --- placing ---------------------------------------------------------------------------------


def _spanned_over_columns(toks: Sequence[Tok], n: int) -> bool:
    """Fewer stated values than the row's ``n`` columns, the rest made up by span bars.

    True when the row's last stated value is followed, on its own line and up to the row's end,
    only by empty cells of which at least one is empty between two bars (``11 | ||``): the bars
    of a merged cell, not cells the publisher left blank (``0 | |`` has a real empty cell, and
    ``4 | - | ||`` a stated filler before the padding).
    """
    if n < 2 or any(t.kind != "value" for t in toks):
        return False
    stated = [i for i, t in enumerate(toks) if t.value is not None and t.value.kind != "blank"]
    if not stated or len(stated) >= n or len(toks) < n:
        return False
    last = toks[stated[-1]]
    tail = toks[stated[-1] + 1 :]
    return (
        last.location.line is not None
        and all(t.location.line == last.location.line and not t.raw.strip() for t in tail)
        and any(t.raw == "" for t in tail)
    )


@cache
def _value_columns(grid: GridSpec) -> tuple[ColumnSpec, ...]:
    return tuple(c for c in grid.columns if c.kind is not CellKind.UNIT)


@attrs.define
class _Row:
    """The tokens read for one row (or for a whole one-row grid)."""

    grid: GridSpec
    row: RowSpec | None  # None: the one-row grid as a whole
    label: Tok | None
    values: list[Tok] = attrs.Factory(list)
    skip: bool = False  # a subtotal row: read and dropped
    #: A row label of a one-row grid: a row only if values follow it (Markdown prints 四 by rows).
    tentative: bool = False
    #: The last row of a table the input ends in (a cut-off copy): it may be cut short.
    at_end: bool = False


class _Placer:
    def __init__(self, spec: TableSpec, section: str, open_end: bool = False, ends_in_zero: bool = False):
        self.open_end = open_end
        #: The input ends in a lone ``0`` (kept: a count of 0 cannot be cut short, but an amount
        #: may, ``0`` of ``0.35``), and the last value token read.
        self.ends_in_zero = ends_in_zero
        self.last_value: Tok | None = None
        self.spec = spec
        self.section = section
        self.diagnostics: list[Diagnostic] = []
        self.rows: list[_Row] = []
        self.current: _Row | None = None
        self.last_grid: GridSpec | None = None
        self.flat: dict[str, _Row] = {}
        self.unknown = 0
        #: Inside a run of values outside any row (counted once in ``unknown``).
        self.stray_run = False
        #: Grids whose column headers are another edition's (their cells are not stated).
        self.foreign_grids: set[GridSpec] = set()
        self.header_units: dict[str, str] = {}
        self.markers: set[str] = set()
        #: Whether any value has been placed in a row yet (text before it is header text).
        self.values_seen = False
        #: The unknown text just read, and whether it was counted as unknown: a header word whose
        #: second half follows on its own line (``结果`` / ``纠正``, D8) is joined back to its label.
        self.fragment: tuple[Tok, bool] | None = None

    def diag(self, code: str, message: str, tok: Tok | None = None, path: str | None = None) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                location=tok.location if tok else NOWHERE,
                raw=tok.raw if tok else None,
                path=path,
            )
        )

    def close(self) -> None:
        if self.current is not None:
            blank = self.current.tentative and all(
                v.kind == "value" and v.value is not None and v.value.kind == "blank"
                for v in self.current.values
            )
            if not blank:
                self.rows.append(self.current)
            self.current = None

    def feed(self, tok: Tok) -> None:
        fragment, self.fragment = self.fragment, None
        if tok.kind != "break" and not (tok.kind == "value" and self.current is None):
            self.stray_run = False
        if tok.kind == "break":
            self.fragment = fragment
            cur = self.current
            if (
                cur is not None
                and cur.row is not None
                and len(cur.values) >= len(_value_columns(cur.grid))
                and all(v.kind == "value" for v in cur.values)
            ):
                self.close()
            return
        if tok.kind == "label":
            self.label(tok)
            return
        if tok.kind in ("value", "run"):
            self.last_value = tok
            if self.current is not None:
                self.values_seen = True
                self.current.values.append(tok)
                return
            grid = self.last_grid
            if grid is not None and grid.one_row:
                self.values_seen = True
                row = self.flat.get(grid.key)
                if row is None:
                    row = self.flat[grid.key] = _Row(grid=grid, row=None, label=None)
                    self.rows.append(row)
                row.values.append(tok)
                return
            if tok.kind == "value" and tok.value is not None and tok.value.kind == "blank":
                return  # a spanned or empty header cell
            if fragment is not None and fragment[1]:
                # The values of a row the format does not have (an extra row some provinces add,
                # D7b: ``其他主动公开文件 | 186 | 86 | 255``): ignored with it, counted once with it.
                self.diag("stray_value", "a value of a row that is not in the format was ignored", tok)
                self.fragment = fragment
                return
            if self.rows or self.last_grid is not None:
                self.diag("stray_value", "a value outside any row was ignored", tok)
                if not self.stray_run:
                    # A run of values outside any row (a dump whose sub-row labels were lost)
                    # is one piece of evidence against the layout, not one per value.
                    self.unknown += 1
                    self.stray_run = True
            return
        # Unknown text.
        if fragment is not None and self._join(fragment, tok):
            return
        if _lost_item_number(self.spec, tok.raw):
            self.lost_caption(tok)
            return
        if self.current is not None and not self.current.values and self.current.label is not None:
            # A long row label broken over two cells (D7b): join and try again.
            joined = self.current.label.raw + tok.raw
            match = Vocabulary.of(self.spec).match(joined, frozenset(self.spec.grids))
            if match is not None and match.terms and match.terms[0].row is self.current.row:
                return
        if self.last_grid is not None and self.last_grid not in self.foreign_grids:
            foreign = _foreign_headers(self.spec)
            key = label_key(tok.raw)
            if key in foreign or (fragment is not None and label_key(fragment[0].raw + tok.raw) in foreign):
                # A column header of another edition's layout under this caption (a report that
                # mixes editions, 本年新制作数量 over 规章): its values mean something else here.
                self.foreign_grids.add(self.last_grid)
                self.unknown += 1
                self.diag(
                    "foreign_header",
                    f"the columns of {self.last_grid.caption or 'the table'} are headed as in another "
                    "edition; its cells are not stated",
                    tok,
                )
        # Text before the table's first value is header text the layout does not know (a PDF's
        # header words broken into single characters, D17): noted, but no evidence against it.
        counted = (
            bool(self.rows or self.current is not None or self.last_grid is not None) and self.values_seen
        )
        if counted:
            self.diag("unknown_text", f"text in the {self.section} table that is no label of it", tok)
            self.unknown += 1
        self.fragment = (tok, counted)
        self.close()

    def lost_caption(self, tok: Tok) -> None:
        """A caption that lost its item number (``第二十条第``): a sub-table starts, which one is
        not said. The rows below are placed by their own labels (each names its sub-table);
        values under no row label are stray, never put into the sub-table above."""
        self.diag(
            "caption_without_item",
            "a caption that lost its item number; the rows below it are placed by their own labels",
            tok,
        )
        self.close()
        self.last_grid = None

    def _join(self, fragment: tuple[Tok, bool], tok: Tok) -> bool:
        """Read two unknown texts in a row as one header label, when together they are one."""
        first, counted = fragment
        joined = first.raw + tok.raw
        match = Vocabulary.of(self.spec).match(joined, frozenset(self.spec.grids))
        if match is None or not match.certain or match.terms[0].kind not in ("column", "header"):
            return False
        if counted:
            self.diagnostics.pop()  # the first half's unknown_text
            self.unknown -= 1
        self.label(Tok(kind="label", raw=joined, location=first.location, match=match))
        return True

    def label(self, tok: Tok) -> None:
        assert tok.match is not None
        match = tok.match
        terms = match.terms
        kinds = {t.kind for t in terms}
        # Prefer a row label when the text is one; then a group; then anything.
        for preferred in ("row", "group", "subtotal", "caption", "corner", "column", "header"):
            chosen = [t for t in terms if t.kind == preferred]
            if chosen:
                break
        distinct = {(t.kind, t.label, t.row, t.column) for t in chosen}
        if len(distinct) > 1 and preferred == "caption" and all(t.kind == "caption" for t in terms):
            self.lost_caption(tok)  # ``第二十条第()项``: a caption whose item number is lost
            return
        if len(distinct) > 1 and preferred in ("row", "caption"):
            self.diag(
                "ambiguous_label",
                "the label matches several of the table's labels: "
                + ", ".join(sorted({t.label for t in chosen})),
                tok,
            )
            self.close()
            self.unknown += 1
            return
        term = chosen[0]
        if match.how == "fuzzy":
            self.diag(
                "fuzzy_label",
                f"read as {term.label!r} (edit distance {match.distance})",
                tok,
            )
        elif match.how == "gloss":
            self.diag("label_gloss", f"read as {term.label!r}; the gloss {match.gloss!r} is ignored", tok)
        del kinds
        self.close()
        if term.grid is not None:
            self.last_grid = term.grid
            flat = self.flat.pop(term.grid.key, None)
            if flat is not None:
                # Values before the last header label of a one-row grid were header cells.
                self.rows.remove(flat)
                for v in flat.values:
                    if v.kind != "value" or v.value is None or v.value.kind != "blank":
                        self.diag("stray_value", "a value inside the header was ignored", v)
        self.markers.add(term.label)
        if term.kind == "row":
            assert term.row is not None
            assert term.grid is not None
            if any(r.row is term.row for r in self.rows):
                self.diag("duplicate_row", f"the row {term.label!r} appears again; the first is kept", tok)
                self.current = _Row(grid=term.grid, row=term.row, label=tok, skip=True)
                return
            self.current = _Row(grid=term.grid, row=term.row, label=tok)
            return
        if term.kind == "header" and term.row is not None and term.grid is not None:
            self.current = _Row(grid=term.grid, row=term.row, label=tok, tentative=True)
            return
        if term.kind == "subtotal":
            if self.last_grid is not None and any(r.grid is self.last_grid for r in self.rows):
                grid = self.last_grid
                self.current = _Row(grid=grid, row=None, label=tok, skip=True)
            return
        if term.kind == "column" and term.column is not None and match.gloss:
            for unit in ("万元", "元"):
                if unit in match.gloss:
                    self.header_units[term.column.key] = unit
                    break

    def finish(self) -> Placement:
        if self.open_end and self.current is not None:
            self.current.at_end = True
        self.close()
        return _assign(self)


@cache
def _captions(spec: TableSpec) -> frozenset[str]:
    return frozenset(label_key(g.caption) for g in spec.grids if g.caption)


def _lost_item_number(spec: TableSpec, text: str) -> bool:
    """Whether ``text`` is the start of several of the table's captions and none of them whole
    (``第二十条第``, ``第二十条``): a caption that lost its item number."""
    key = label_key(text)
    if len(key) < 4 or len(key) > 12:
        return False
    return sum(1 for c in _captions(spec) if c.startswith(key) and c != key) >= 2


def _unit(tok: Tok) -> str | None:
    return tok.value.unit if tok.value is not None else None


def _cell_from(
    p: _Placer, column: ColumnSpec, row: RowSpec, tok: Tok, cells: list[Cell]
) -> tuple[Cell, str | None]:
    """The value of one token for one cell, with the money unit it stated; diagnostics added."""
    spec = p.spec
    path = _cell_path(spec, row.key, column.key)
    v = tok.value
    if v is None or v.kind == "unreadable" or v.kind == "text":
        why = v.odd if v is not None and v.odd else "not a number"
        p.diag("unreadable_number", f"{why}; not stated", tok, path)
        return None, None
    if v.kind == "blank":
        shown = tok.raw.strip()
        p.diag("not_stated", f"blank cell{f' ({shown!r})' if shown else ''} read as not stated", tok, path)
        return None, None
    if "".join(tok.raw.split()) != tok.raw.strip():
        p.diag("space_in_number", "spaces inside the number were removed", tok, path)
    if v.odd:
        p.diag("odd_number", v.odd, tok, path)
    value = v.value
    if value is None:  # pragma: no cover - a number always has its value
        return None, None
    if column.kind is CellKind.MONEY:
        if p.ends_in_zero and tok is p.last_value:
            # The input ends in this ``0``: an amount may go on (``0.35``).
            p.diag(
                "cut_value",
                "the input ends right after this amount, which may be cut short; not stated",
                tok,
                path,
            )
            return None, None
        amount = value if isinstance(value, Decimal) else Decimal(value)
        if amount < 0:
            p.diag("negative_value", "money cannot be negative; not stated", tok, path)
            return None, None
        fixed = _column_unit(column)
        if v.unit is not None and fixed is not None and v.unit != fixed:
            factor = Decimal(10000)
            amount = amount / factor if fixed == "万元" else amount * factor
            p.diag("unit_converted", f"the cell is in {v.unit}; converted to {fixed}", tok, path)
        elif v.unit is not None:
            p.diag("unit_in_cell", f"unit {v.unit!r} written in the cell", tok, path)
        return amount, v.unit
    if isinstance(value, Decimal):
        p.diag("not_a_count", "a count must be a whole number; not stated", tok, path)
        return None, None
    if v.unit is not None:
        p.diag("not_a_count", f"a count cannot carry the unit {v.unit!r}; not stated", tok, path)
        return None, None
    if column.kind is CellKind.COUNT:
        if value < 0:
            p.diag("negative_value", "a count cannot be negative; not stated", tok, path)
            return None, None
        if v.signed:
            p.diag("signed_value", "a sign on a count was ignored", tok, path)
    elif column.kind is CellKind.SIGNED and v.signed:
        p.diag("signed_value", "signed net change read with its sign", tok, path)
    return value, None


@cache
def _cell_path(spec: TableSpec, row: str, column: str) -> str:
    return path_of(spec.cell(row, column), spec)


Candidate = tuple[object, ...]


def _row_ok(grid: GridSpec, values: Candidate) -> bool:
    """Row-local identity (E2, E4): a 总计 column equals the sum of the others."""
    columns = _value_columns(grid)
    total = [v for c, v in zip(columns, values) if c.is_total]
    if not total or not isinstance(total[0], int):
        return True
    parts = [v for c, v in zip(columns, values) if not c.is_total]
    return all(isinstance(x, int) for x in parts) and sum(parts) == total[0]  # type: ignore[arg-type]


def _readings(grid: GridSpec, n: int, toks: Sequence[Tok], rows: int = 1) -> list[Candidate] | None:
    """Readings of value tokens holding a run as exactly ``n`` values that keep E2/E4."""
    pieces: list[str | Tok] = []
    for t in toks:
        if t.kind == "run":
            pieces.extend(t.groups)
        else:
            pieces.append(t)
    digits = [p for p in pieces if isinstance(p, str)]
    try:
        raw = splits(digits, n - (len(pieces) - len(digits))) if digits else [()]
    except TooAmbiguous:
        return None
    width = len(_value_columns(grid))
    out: list[Candidate] = []
    for reading in raw:
        result = _interleave(pieces, reading)
        if len(result) != n:
            continue
        chunks = [tuple(_plain(x) for x in result[i : i + width]) for i in range(0, n, width)]
        if all(_row_ok(grid, c) for c in chunks):
            out.append(tuple(result))
    return out


def _plain(x: object) -> object:
    if isinstance(x, Tok):
        return x.value.value if x.value is not None else None
    return x


def _interleave(pieces: Sequence[str | Tok], reading: tuple[int, ...]) -> list[object]:
    """Put the numbers of ``reading`` back among the fixed tokens, group by group."""
    # Each group takes as many numbers as its digits allow; find one consistent assignment.
    groups = [p for p in pieces if isinstance(p, str)]
    sizes: list[int] = []
    pos = 0
    for g in groups:
        # The numbers of this group are those whose digits concatenate to g.
        acc = ""
        count = 0
        while pos + count < len(reading) and acc != g:
            acc += str(reading[pos + count])
            count += 1
            if not g.startswith(acc):
                return []
        if acc != g:
            return []
        sizes.append(count)
        pos += count
    out: list[object] = []
    pos = 0
    gi = 0
    for p in pieces:
        if isinstance(p, str):
            out.extend(reading[pos : pos + sizes[gi]])
            pos += sizes[gi]
            gi += 1
        else:
            out.append(p)
    return out


@cache
def _foreign_headers(spec: TableSpec) -> frozenset[str]:
    """The column headers of the other layouts of ``spec``'s table that ``spec`` does not have."""
    from ..catalogue import EDITIONS

    def keys(s: TableSpec) -> set[str]:
        out: set[str] = set()
        for grid in s.grids:
            for c in grid.columns:
                out.update(label_key(t) for t in (c.label, *c.aliases))
        return out

    own = keys(spec)
    other: set[str] = set()
    for edition in EDITIONS.values():
        for s in (edition.proactive, *edition.requests, edition.appeals):
            if s.key == spec.key and s is not spec:
                other |= keys(s)
    return frozenset(k for k in other - own if len(k) >= 4)


def _assign(p: _Placer) -> Placement:
    spec = p.spec
    cells: list[Cell] = [None] * len(spec.cells)
    failures: list[str] = []
    found: list[str] = []
    score = 0
    ambiguous: dict[int, tuple[_Row, list[Candidate]]] = {}
    rows = [r for r in p.rows if not r.skip]
    for r in p.rows:
        if r.skip and r.row is None:
            p.diag("subtotal_row", "a subtotal row added by the publisher was read and ignored", r.label)
    subtotal_at = _subtotal_column(p, rows)
    for i, r in enumerate(rows):
        columns = _value_columns(r.grid)
        row_specs = (r.row,) if r.row is not None else r.grid.rows
        n = len(columns) * len(row_specs)
        toks = list(r.values)
        if r.row is not None:
            found.append(r.row.key)
        else:
            found.extend(rs.key for rs in row_specs)
        if r.grid in p.foreign_grids:
            continue  # headed as in another edition (foreign_header): not stated
        if _spanned_over_columns(toks, n):
            # ``规范性文件 | 11 | ||``: bars with nothing between them after the row's last value, on
            # its line, mark that cell as spanning the columns after it (a pipe dump of a merged
            # cell). Whether the value belongs to the first column, or stands for the merged ones,
            # is not said: not stated (D16).
            p.diag(
                "omitted_cells",
                f"the row {r.row.label if r.row is not None else p.section!r} spans a cell over "
                f"{n} columns; which column it belongs to is ambiguous, so none is stated",
                r.label or toks[0],
            )
            continue
        # Trailing blank cells past the row's width are spanned placeholders.
        while (
            len(toks) > n and toks[-1].kind == "value" and toks[-1].value and toks[-1].value.kind == "blank"
        ):
            toks.pop()
        if subtotal_at is not None and r.row is not None and r.grid is subtotal_at[0]:
            pos = subtotal_at[1]
            if len(toks) == n + 1 and all(t.kind == "value" for t in toks):
                dropped = toks.pop(pos)
                p.diag("subtotal_column", "a subtotal column added by the publisher was ignored", dropped)
        has_run = any(t.kind == "run" for t in toks)
        if not has_run and len(toks) == n:
            _store(p, r, row_specs, columns, toks, cells)
            score += len(row_specs) * 2
            continue
        where = r.label or (toks[0] if toks else None)
        what = f"the row {r.row.label!r}" if r.row is not None else f"the {p.section} table"
        if has_run:
            readings = _readings(r.grid, n, toks)
            if readings is None:
                p.diag("ambiguous_run", f"{what}: too many ways to split the digits; not stated", where)
                continue
            if len(readings) == 1:
                p.diag(
                    "split_run",
                    f"{what}: digits that ran together were split the one way the identities allow",
                    where,
                )
                _store_reading(p, r, row_specs, columns, readings[0], toks, cells)
                score += len(row_specs) * 2
                continue
            if not readings:
                p.diag("unreadable_run", f"{what}: the digits cannot be split into {n} cells", where)
                failures.append(f"{what} has digits that cannot be read as {n} cells")
                continue
            ambiguous[i] = (r, readings)
            score += len(row_specs)
            continue
        if len(toks) < n:
            # Fewer cells than columns (D16: a publisher's page that drops cells, ``3 | 3``): which
            # columns the cells belong to is not said. Not even ``0 | 0`` is filled in: the
            # dropped cells may be blank (not stated), and blank is not 0.
            if not toks:
                p.diag("empty_row", f"{what} has no cells; not stated", where)
                continue
            p.diag(
                "omitted_cells",
                f"{what} gives {len(toks)} cells for {n} columns; which columns they belong to is "
                "ambiguous, so none is stated",
                where,
            )
            continue
        p.diag("too_many_cells", f"{what} gives {len(toks)} cells for {n} columns; none is stated", where)
        failures.append(f"{what} has {len(toks)} cells for {n} columns")
    if ambiguous:
        _resolve(p, ambiguous, cells)
    missing = [row.key for row in spec.rows if row.key not in found]
    for key in missing:
        row = spec.row(key)
        p.diag(
            "missing_row",
            f"the row {row.full_label!r} was not found; its cells are not stated",
            None,
            f"$.{spec.key}.{key}",
        )
    mismatch = p.unknown >= 3 and p.unknown * 2 > len(found)
    if mismatch:
        failures.append(f"{p.unknown} of its cells are labels this layout does not have")
    if not found:
        failures.insert(0, "none of its row labels was found")
    elif len(missing) * 2 > len(spec.rows):
        failures.insert(0, f"{len(missing)} of its {len(spec.rows)} rows were not found")
    _fill_units(p, cells)
    score -= p.unknown + len(missing)
    return Placement(
        spec=spec,
        cells=tuple(cells),
        diagnostics=tuple(p.diagnostics),
        rows_found=tuple(found),
        score=score,
        failures=tuple(failures),
        markers=frozenset(p.markers),
        mismatch=mismatch,
    )


def _store(
    p: _Placer,
    r: _Row,
    row_specs: Sequence[RowSpec],
    columns: Sequence[ColumnSpec],
    toks: Sequence[Tok],
    cells: list[Cell],
) -> None:
    width = len(columns)
    for j, rs in enumerate(row_specs):
        units: list[str] = []
        for c, tok in zip(columns, toks[j * width : (j + 1) * width]):
            value, unit = _cell_from(p, c, rs, tok, cells)
            cells[p.spec.cell(rs.key, c.key).index] = value
            if unit:
                units.append(unit)
        _put_unit(p, rs, units, cells)


def _store_reading(
    p: _Placer,
    r: _Row,
    row_specs: Sequence[RowSpec],
    columns: Sequence[ColumnSpec],
    reading: Candidate,
    toks: Sequence[Tok],
    cells: list[Cell],
) -> None:
    width = len(columns)
    for j, rs in enumerate(row_specs):
        units: list[str] = []
        for c, x in zip(columns, reading[j * width : (j + 1) * width]):
            if isinstance(x, Tok):
                value, unit = _cell_from(p, c, rs, x, cells)
                if unit:
                    units.append(unit)
            else:
                assert isinstance(x, int)
                value = Decimal(x) if c.kind is CellKind.MONEY else x
            cells[p.spec.cell(rs.key, c.key).index] = value
        _put_unit(p, rs, units, cells)


def _put_unit(p: _Placer, row: RowSpec, units: list[str], cells: list[Cell]) -> None:
    if not units:
        return
    spec = p.spec
    for c in spec.grid_of(row.key).columns:
        if c.kind is CellKind.UNIT:
            cells[spec.cell(row.key, c.key).index] = units[0]


def _fill_units(p: _Placer, cells: list[Cell]) -> None:
    """A money cell with no unit of its own takes the unit its column header's gloss names."""
    spec = p.spec
    for grid in spec.grids:
        unit_col = next((c for c in grid.columns if c.kind is CellKind.UNIT), None)
        if unit_col is None:
            continue
        for c in grid.columns:
            header_unit = p.header_units.get(c.key)
            if c.kind is not CellKind.MONEY or header_unit is None:
                continue
            for row in grid.rows:
                uidx = spec.cell(row.key, unit_col.key).index
                if cells[uidx] is None and cells[spec.cell(row.key, c.key).index] is not None:
                    cells[uidx] = header_unit


def _column_unit(column: ColumnSpec) -> str | None:
    """The money unit a column's official label fixes (the 2021 fee column: 万元), if any."""
    for unit in sorted(MONEY_UNITS, key=len, reverse=True):
        if unit in column.label:
            return unit
    return None


def _subtotal_column(p: _Placer, rows: Sequence[_Row]) -> tuple[GridSpec, int] | None:
    """Where an extra subtotal column sits, if every over-long row says the same."""
    by_grid: dict[int, list[_Row]] = {}
    for r in rows:
        if r.row is None:
            continue
        n = len(_value_columns(r.grid))
        if len(r.values) == n + 1 and all(t.kind == "value" for t in r.values):
            by_grid.setdefault(id(r.grid), []).append(r)
    for long_rows in by_grid.values():
        grid = long_rows[0].grid
        columns = _value_columns(grid)
        groups = [c.group for c in columns]
        members = [i for i, g in enumerate(groups) if g is not None]
        if not members:
            continue
        first, last = members[0], members[-1]
        fits: list[int] = []
        for pos in (first, last + 1):
            ok = True
            for r in long_rows:
                vals = [_plain(t) for t in r.values]
                sub = vals[pos]
                rest = vals[:pos] + vals[pos + 1 :]
                group_vals = [rest[i] for i in members]
                if sub is None and all(v is None for v in group_vals):
                    continue
                if not isinstance(sub, int) or not all(isinstance(v, int) for v in group_vals):
                    ok = False
                    break
                if sum(group_vals) != sub:  # type: ignore[arg-type]
                    ok = False
                    break
            if ok:
                fits.append(pos)
        if len(fits) == 1:
            return grid, fits[0]
        if len(fits) > 1:
            # Several places fit (e.g. every 法人 cell is 0): harmless if they read the same.
            readings = {
                tuple(tuple(_plain(t) for i, t in enumerate(r.values) if i != pos) for r in long_rows)
                for pos in fits
            }
            if len(readings) == 1:
                return grid, fits[0]
    return None


def _resolve(p: _Placer, ambiguous: dict[int, tuple[_Row, list[Candidate]]], cells: list[Cell]) -> None:
    """Pick the one combination of ambiguous rows that keeps the table-wide identities."""
    spec = p.spec
    items = list(ambiguous.values())
    total = 1
    for _, c in items:
        total *= len(c)
    good: list[tuple[Candidate, ...]] = []
    if total <= MAX_COMBINATIONS:
        for combo in product(*(c for _, c in items)):
            trial = list(cells)
            for (r, _), reading in zip(items, combo):
                _fill_plain(spec, r, reading, trial)
            if _table_ok(spec, trial):
                good.append(combo)
                if len(good) > 1:
                    break
    if len(good) == 1:
        for (r, _), reading in zip(items, good[0]):
            what = f"the row {r.row.label!r}" if r.row is not None else "the table"
            p.diag(
                "split_run",
                f"{what}: digits that ran together were split the one way the identities allow",
                r.label or (r.values[0] if r.values else None),
            )
            row_specs = (r.row,) if r.row is not None else r.grid.rows
            _store_reading(p, r, row_specs, _value_columns(r.grid), reading, r.values, cells)
        return
    for r, readings in items:
        what = f"the row {r.row.label!r}" if r.row is not None else "the table"
        shown = " or ".join("/".join(str(_plain(x)) for x in rd) for rd in readings[:3])
        more = " …" if len(readings) > 3 else ""
        p.diag(
            "ambiguous_run",
            f"{what}: the digits can be split {len(readings)} ways ({shown}{more}); not stated",
            r.label or (r.values[0] if r.values else None),
        )


def _fill_plain(spec: TableSpec, r: _Row, reading: Candidate, cells: list[Cell]) -> None:
    columns = _value_columns(r.grid)
    row_specs = (r.row,) if r.row is not None else r.grid.rows
    width = len(columns)
    for j, rs in enumerate(row_specs):
        for c, x in zip(columns, reading[j * width : (j + 1) * width]):
            v = _plain(x)
            cells[spec.cell(rs.key, c.key).index] = v if isinstance(v, int) else None


def _table_ok(spec: TableSpec, cells: Sequence[Cell]) -> bool:
    """The table-wide identities of the request table (E1, E3), where every cell is known."""
    if spec.find("results.total", "total") is None:
        return True
    columns = spec.grids[0].columns
    total_row = spec.row("results.total")
    leaves = spec.summed_rows(total_row.key)
    heads = [r for r in spec.rows if not r.groups]
    for c in columns:

        def get(key: str, col: str = c.key) -> Cell:
            return cells[spec.cell(key, col).index]

        vals = [get(r.key) for r in leaves]
        tot = get(total_row.key)
        if all(isinstance(v, int) for v in vals) and isinstance(tot, int) and sum(vals) != tot:  # type: ignore[arg-type]
            return False
        # E1: the first two head rows in, 七 and the last head row out.
        if len(heads) == 3:
            a, b, d = (get(h.key) for h in heads)
            if all(isinstance(x, int) for x in (a, b, d, tot)) and a + b != tot + d:  # type: ignore[operator]
                return False
    return True


def place_table(
    blocks: Sequence[Block],
    specs: Sequence[TableSpec],
    *,
    section: str,
    open_end: bool = False,
    ends_in_zero: bool = False,
) -> list[Placement]:
    """Place a section's blocks into each candidate layout; best first.

    ``section`` names the section in messages (``"三"``). ``open_end``: the input ends in this
    table (nothing follows it), so its last row may be cut short and is never completed by
    assumption (D16's omitted zeros). ``ends_in_zero``: the input ends in a lone ``0``, the
    last value of this table, which is whole as a count but not as an amount. Each :class:`Placement` says how
    well the layout fits (``score``) and, when the table cannot be placed, why (``failures``).
    """
    out: list[Placement] = []
    vocab = Vocabulary.of(*specs)
    stream = _read_once(blocks)
    for spec in specs:
        placer = _Placer(spec, section, open_end, ends_in_zero)
        for tok in _layout_tokens(stream, vocab, spec):
            placer.feed(tok)
        out.append(placer.finish())

    def order(ip: tuple[int, Placement]) -> tuple[bool, int, int]:
        return (len(ip[1].failures) > 0, -ip[1].score, ip[0])

    return [pl for _, pl in sorted(enumerate(out), key=order)]
