"""From a reader's blocks to a :class:`~govinfo.Report`: sections, title, edition, narrative.

:func:`read_document` is the one entry point every reader uses (see
:mod:`govinfo.readers.cells` for the contract). It

1. drops page chrome before the title and after the report;
2. finds the title (``<机关名称><YYYY>年(度)政府信息公开工作年度报告``, often over two lines) and
   reads the agency and the year from it (or from the page's own metadata);
3. finds the six section headings (``一、总体情况`` …, and the heading variants listed in the
   catalogue's :attr:`~govinfo.catalogue.SectionSpec.aliases`), in order;
4. reads the narrative sections into paragraphs and titled subsections (``（一）主动公开情况``);
5. hands each table section to :func:`govinfo.readers.tables.place_table` with every layout of
   every edition, and decides the edition from what the tables show (``report-format.md`` §0),
   never from the year;
6. builds the report, or raises :class:`~govinfo.errors.ParseError` naming the table and why.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..appeals import AppealTable
from ..catalogue import EDITIONS, CellKind, Edition, SectionSpec, TableSpec, common
from ..errors import GovinfoError, IncompleteReportError, ParseError
from ..narrative import Narrative, Subsection
from ..proactive import Proactive
from ..report import Report
from ..requests import RequestTable
from ..table import path_of
from .cells import (
    NOWHERE,
    Block,
    Diagnostic,
    SourceDocument,
    SourceLocation,
    SourceRow,
    TableBlock,
    TextBlock,
)
from .identity import (
    Statement,
    body_statements,
    clause_year_statements,
    decide,
    is_agency_line,
    is_title_field,
    name_statements,
    overview_statements,
    period_statements,
    quoted_statements,
    title_statements,
)
from .labels import Vocabulary, bounded_distance
from .normalize import fold_with_map, label_key
from .tables import Placement, place_table

__all__ = ["ParseResult", "SectionStatus", "read_blocks", "read_document"]


#: The statuses a section can have in a :class:`ParseResult`.
SECTION_STATUSES = ("read", "partly_read", "not_found", "not_placeable")


@attrs.frozen(kw_only=True)
class SectionStatus:
    """How one of the six sections was read.

    ``status`` is ``"read"`` (found; a table: every row placed), ``"partly_read"`` (a table of
    which only some rows could be placed: a cut-off copy, a row that cannot be read),
    ``"not_found"`` (neither its heading nor, for a table, its labels are in the text) or
    ``"not_placeable"`` (found, but none of its cells can be placed). ``found_by`` says how
    the section was found: ``"heading"``, ``"labels"`` (a table recognised by its own row and
    column labels, its heading missing or misspelt beyond recognition) or ``""``.
    ``cells_read`` / ``cells_total`` count a table's cells read (stated or explicitly blank).

    >>> import govinfo
    >>> text = govinfo.render_text(govinfo.examples.linping_education_2023())
    >>> status = govinfo.parse_document(text).section("requests")
    >>> status.status, status.cells_read, status.cells_total
    ('read', 175, 175)
    >>> print(status.label)
    三、收到和处理政府信息公开申请情况
    """

    key: str
    status: str
    reason: str = ""
    location: SourceLocation = NOWHERE
    found_by: str = ""
    cells_read: int | None = None
    cells_total: int | None = None

    @property
    def label(self) -> str:
        """The section's official heading, with its number: ``三、收到和处理政府信息公开申请情况``."""
        index = next(i for i, s in enumerate(_SECTIONS) if s.key == self.key)
        return f"{_NUMERALS[index]}、{_SECTIONS[index].label}"

    def __str__(self) -> str:
        counts = f" ({self.cells_read}/{self.cells_total} cells)" if self.cells_total else ""
        where = f" at {self.location}" if self.location != NOWHERE else ""
        why = f": {self.reason}" if self.reason else ""
        return f"{self.label}: {self.status}{counts}{where}{why}"


@attrs.frozen(kw_only=True)
class ParseResult:
    """What was read from a published document: the report, how each section was read, and
    everything the parser was unsure of.

    ``report`` holds every cell that could be placed; every other cell is ``None`` (not
    stated, never 0). It is ``None`` only when no place in the input states the year (pass
    ``year=`` to :func:`govinfo.parse_document`); the tables read are then in ``tables``.
    :attr:`complete` is true only when the year is known and all six sections were read in
    full: a partly read report cannot be mistaken for a complete one. ``sections`` gives the
    :class:`SectionStatus` of each of the six sections, in order; ``diagnostics`` lists each
    uncertain reading (code, message, location, raw text); ``layout`` names the reader
    (``"text"``, ``"pipe"``, ``"markdown"``, ``"html"``, …); ``provenance`` says where the year,
    agency, title and edition were read (``{"year": "title (line 1)", …}``).
    """

    report: Report | None
    diagnostics: tuple[Diagnostic, ...]
    layout: str
    sections: tuple[SectionStatus, ...] = ()
    #: The tables read (``proactive``, ``requests``, ``appeals``), also when ``report`` is None.
    tables: tuple[tuple[str, Proactive | RequestTable | AppealTable], ...] = ()
    provenance: tuple[tuple[str, str], ...] = ()

    @property
    def complete(self) -> bool:
        """True when the year is known and every section was read in full."""
        return self.report is not None and all(s.status == "read" for s in self.sections)

    @property
    def status(self) -> str:
        """``"complete"`` or ``"partial"``."""
        return "complete" if self.complete else "partial"

    def section(self, key: str) -> SectionStatus:
        """The status of one section by key (``"requests"``)."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def codes(self) -> list[str]:
        """The diagnostic codes, in order (handy in tests)."""
        return [d.code for d in self.diagnostics]

    def problems(self) -> list[tuple[str, str, str]]:
        """Why the result is not complete, as ``(code, path, message)``: empty when complete."""
        out: list[tuple[str, str, str]] = []
        if self.report is None:
            out.append(
                ("no_year", "$.year", "the year of the report is stated nowhere in the input; pass year=")
            )
        codes = {
            "not_found": "section_not_found",
            "not_placeable": "table_not_placed",
            "partly_read": "partly_read",
        }
        for s in self.sections:
            if s.status != "read":
                out.append((codes[s.status], f"$.{s.key}", str(s)))
        return out


# --- headings --------------------------------------------------------------------------------

_SECTIONS = common.SECTIONS
_NUMERALS = common.NUMERALS


#: The numbers of the six sections in govinfo's English renderings (``I. Overview``).
_ROMAN = ("I", "II", "III", "IV", "V", "VI")
#: Keys of the English headings, with their numbers: ``I.Overview`` (govinfo's English renderings).
_ENGLISH_HEADINGS = {label_key(f"{_ROMAN[i]}. {s.label_en}"): i for i, s in enumerate(_SECTIONS)}


def _heading_keys() -> list[tuple[int, str]]:
    """``(section index, key of the heading without its numeral)`` for every known wording."""
    out = []
    for i, s in enumerate(_SECTIONS):
        for text in (s.label, *s.aliases):
            out.append((i, label_key(text)))
    out.extend((i, key) for key, i in _ENGLISH_HEADINGS.items())
    return out


_HEADING_KEYS = _heading_keys()
#: The sections each heading wording names, in the order of ``_HEADING_KEYS``.
_HEADING_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _k in _HEADING_KEYS:
    _HEADING_INDEX[_k] = (*_HEADING_INDEX.get(_k, ()), _i)
#: The key of each section's official heading, without its numeral.
_OFFICIAL_KEYS = tuple(label_key(s.label) for s in _SECTIONS)
#: A section number: ``一、`` (the format's), or ``1、`` / ``1.`` as some pages number them.
_HEADING_NUMBER = re.compile(r"^([一二三四五六1-6])[、.,]")
_PAREN_NUMBER = re.compile(r"^\(([一二三四五六])\)")


#: What a heading may say before the section's own words: a year, 政务公开 / 政府信息公开 (工作).
_HEADING_QUALIFIERS = re.compile(
    r"^(?:(?:19|20)[0-9]{2}年度?)?(?:政务公开|政府信息公开|信息公开)?(?:工作)?(?:的)?"
)


#: Section 一's words in the wordings that put 公开/工作 inside them (``本年度政务信息总体公开情况``):
#: only the overall situation (总体…情况) of the year's disclosure work, nothing else.
_OVERVIEW_WORDS = re.compile(
    r"^(?:(?:19|20)[0-9]{2}年度?|本年度|年度)?(?:政务公开|政府信息公开|信息公开|政务信息|政府信息)?"
    r"(?:工作)?(?:的)?总体(?:公开|工作)?情况$"
)


@functools.lru_cache(maxsize=4096)
def _heading(text: str) -> int | None:
    """The index of the section this line heads, or ``None``.

    Cached: it is asked of every line and of every tab-indented cell, and a report's cells
    repeat (``0``, ``|``); the answer depends on the text alone.
    """
    if len(text) > 200:
        return None
    key = label_key(text)
    if len(key) > 80 or not key:
        return None
    m = _HEADING_NUMBER.match(key)
    # A stray mark after a numbered heading's words (``一、总体情况、``) is no part of them, nor
    # is a character a copy could not show (``一、总体情况?``, U+FFFD).
    body = key[m.end() :].rstrip("、,，.。:：;；?？\ufffd") if m else key
    number = (int(m[1]) - 1 if m[1].isdigit() else _NUMERALS.index(m[1])) if m else None
    for i in _HEADING_INDEX.get(body, ()):
        if number is None or number == i:
            return i
    paren = _PAREN_NUMBER.match(key)
    if paren is not None:
        # ``（一）总体情况``: sections numbered like subsections, read only when the words are
        # exactly a section's official heading and the number is its own. The other wordings
        # are no such sign: ``（一）概述`` / ``（一）工作概况`` is the first subsection of 一.
        i = _NUMERALS.index(paren[1])
        if key[paren.end() :] == _OFFICIAL_KEYS[i]:
            return i
    if number is not None and body:
        # ``一、2023年政务公开总体情况``: the year and the words 政务公开/政府信息公开(工作) before
        # the wording of the section its number names.
        bare = _HEADING_QUALIFIERS.sub("", body)
        if bare != body and any(i == number and bare == k for i, k in _HEADING_KEYS):
            return number
        if number == 0 and _OVERVIEW_WORDS.match(body):
            # ``一、本年度政务信息总体公开情况``, ``一、政府信息公开工作总体情况``: numbered 一 and
            # worded as the overall situation (总体…情况) of the year's disclosure work.
            return 0
    if number is not None:
        # A misspelt heading (``四、政府信息公开行政法复议、行政诉讼情况``): numbered, and within a
        # small edit distance of one wording of the section its number names.
        for i, k in _HEADING_KEYS:
            if i == number and len(k) >= 6 and bounded_distance(body, k, len(k) // 6) <= len(k) // 6:
                return i
    return None


#: For each section, its headings as written inside run-together text: ``一、总体情况``.
_HEADING_NEEDLES = tuple(
    tuple(f"{_NUMERALS[i]}、{k}" for j, k in _HEADING_KEYS if j == i) for i in range(len(_SECTIONS))
)


def _find_headings_in(folded: str, start: int) -> list[tuple[int, int, int]]:
    """``(section index, start, end)`` of headings inside run-together text, in order."""
    found: list[tuple[int, int, int]] = []
    pos = start
    for i, needles in enumerate(_HEADING_NEEDLES):
        best: tuple[int, int] | None = None
        for needle in needles:
            at = folded.find(needle, pos)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, at + len(needle))
        if best is not None:
            found.append((i, best[0], best[1]))
            pos = best[1]
    return found


# --- title -----------------------------------------------------------------------------------

_DATE = re.compile(r"(?P<y>[12][0-9]{3})[-/年.](?P<m>[0-9]{1,2})[-/月.](?P<d>[0-9]{1,2})")

#: Words that mark a line as page chrome, not report text (before the title, after 六).
CHROME_WORDS = (
    "打印本页", "关闭窗口", "扫一扫", "版权所有", "主办单位", "网站标识码", "ICP备", "分享到",
    "字号", "上一篇", "下一篇", "责任编辑", "浏览次数", "访问量", "【打印】", "【关闭】",
    "附件下载", "相关链接", "网站地图", "联系我们",
)  # fmt: skip


def _is_chrome(text: str) -> bool:
    if len(text) > 200:
        return False
    key = label_key(text)
    return any(w in key for w in CHROME_WORDS)


@attrs.frozen
class _Line:
    text: str
    location: SourceLocation
    #: The texts of a table row's cells, when the line is one (its ``text`` runs them together).
    cells: tuple[str, ...] = ()


# --- narrative -------------------------------------------------------------------------------

_SUBSECTION = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(?P<title>[^。！？；]{1,40})$")
#: In govinfo's English renderings a subsection is numbered ``(1) ``.
_SUBSECTION_EN = re.compile(r"^\(([0-9]{1,2})\) (?P<title>[^。！？；]{1,40})$")


def _narrative(lines: Sequence[_Line], english: bool = False) -> Narrative:
    paragraphs: list[str] = []
    subsections: list[Subsection] = []
    current: tuple[str, list[str]] | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        m = _SUBSECTION.match(text) or (_SUBSECTION_EN.match(text) if english else None)
        if m is not None:
            if current is not None:
                subsections.append(Subsection(title=current[0], paragraphs=tuple(current[1])))
            current = (m["title"].strip(), [])
            continue
        if current is None:
            paragraphs.append(text)
        else:
            current[1].append(text)
    if current is not None:
        subsections.append(Subsection(title=current[0], paragraphs=tuple(current[1])))
    return Narrative(paragraphs=tuple(paragraphs), subsections=tuple(subsections))


# --- the document ----------------------------------------------------------------------------


@attrs.define
class _Section:
    index: int
    heading: _Line
    blocks: list[Block] = attrs.Factory(list)
    found_by: str = "heading"


def _subsection_of_numbered(text: str, sections: Sequence[_Section]) -> bool:
    """Whether ``text`` is numbered like a subsection (``（二）主动公开政府信息情况``) in a report
    whose sections so far are numbered ``一、``: then it is a subsection of the section above
    (一's own point on proactive disclosure), not the heading of 二."""
    if not sections or _PAREN_NUMBER.match(label_key(text)) is None:
        return False
    return any(_HEADING_NUMBER.match(label_key(s.heading.text)) for s in sections)


def _split(blocks: Sequence[Block], diagnostics: list[Diagnostic]) -> tuple[list[Block], list[_Section]]:
    """Blocks before the first heading, and each section's blocks."""
    head: list[Block] = []
    sections: list[_Section] = []
    expect = 0
    for block in blocks:
        if isinstance(block, TextBlock) and block.run_together:
            for piece in _split_run(block, expect):
                if isinstance(piece, _Section):
                    sections.append(piece)
                    expect = piece.index + 1
                elif sections:
                    sections[-1].blocks.append(piece)
                else:
                    head.append(piece)
            continue
        if isinstance(block, TextBlock):
            index = _heading(block.text)
            if index is not None and index >= expect and not _subsection_of_numbered(block.text, sections):
                sections.append(_Section(index=index, heading=_Line(block.text, block.location)))
                expect = index + 1
                continue
        elif isinstance(block, TableBlock) and block.rows and len(block.rows[0].cells) == 1:
            # A heading printed as a one-cell table row.
            index = _heading(block.rows[0].cells[0].text)
            if index is not None and index >= expect:
                loc = block.rows[0].cells[0].location
                sections.append(_Section(index=index, heading=_Line(block.rows[0].cells[0].text, loc)))
                expect = index + 1
                block = attrs.evolve(block, rows=block.rows[1:])
        if sections:
            sections[-1].blocks.append(block)
        else:
            head.append(block)
    return head, sections


def _split_run(block: TextBlock, expect: int) -> Iterable[Block | _Section]:
    folded, where = fold_with_map(block.text)
    found = [h for h in _find_headings_in(folded, 0) if h[0] >= expect]
    pos = 0
    for index, start, end in found:
        raw_start = where[start]
        raw_end = where[end - 1] + 1 if end - 1 < len(where) else len(block.text)
        before = block.text[pos:raw_start]
        if before.strip():
            yield TextBlock(text=before, location=block.location, run_together=True)
        yield _Section(index=index, heading=_Line(block.text[raw_start:raw_end], block.location))
        pos = raw_end
    rest = block.text[pos:]
    if rest.strip():
        yield TextBlock(text=rest, location=block.location, run_together=True)


def _lines(blocks: Iterable[Block]) -> list[_Line]:
    out: list[_Line] = []
    for b in blocks:
        if isinstance(b, TextBlock):
            out.extend(_Line(t, b.location) for t in b.text.split("\n"))
        else:
            for row in b.rows:
                text = "".join(c.text for c in row.cells).strip()
                if text:
                    out.append(_Line(text, row.location, tuple(c.text for c in row.cells)))
    return out


def _published(metadata: dict[str, str]) -> _dt.date | None:
    for field in ("发布时间", "发布日期", "published", "date"):
        text = metadata.get(field)
        if text:
            m = _DATE.search(text)
            month = int(m["m"]) if m else 0
            if m is None:
                m = _DATE_EN.search(text)
                month = _MONTHS.index(m["m"]) + 1 if m else 0
            if m:
                try:
                    return _dt.date(int(m["y"]), month, int(m["d"]))
                except ValueError:
                    return None
    return None


_TABLE_SECTIONS = {"proactive": "二", "requests": "三", "appeals": "四"}


def _candidates(key: str, editions: Sequence[Edition]) -> list[TableSpec]:
    out: list[TableSpec] = []
    for e in editions:
        specs: tuple[TableSpec, ...] = {
            "proactive": (e.proactive,),
            "requests": e.requests,
            "appeals": (e.appeals,),
        }[key]
        for s in specs:
            if s not in out:
                out.append(s)
    return out


def _edition_of(placements: dict[str, Placement], editions: Sequence[Edition]) -> tuple[Edition, str]:
    """The edition the placed tables show (§0), and why."""
    scores: list[tuple[int, int, Edition, str]] = []
    for order, e in enumerate(editions):
        why = []
        score = 0
        pro = placements.get("proactive")
        if pro is not None and pro.spec is e.proactive and not pro.failures:
            score += 2
            why.append("section 二 has its layout")
        req = placements.get("requests")
        if req is not None and req.spec in e.requests and not req.failures:
            score += 1
            if req.spec is e.requests[0]:
                score += 1
            why.append(f"section 三 has its {req.spec.variant} layout")
        seen = set().union(*(p.markers for p in placements.values())) if placements else set()
        markers = [m for m in e.markers if m in seen]
        score += 2 * len(markers)
        if markers:
            why.append("it shows " + ", ".join(markers))
        scores.append((score, -order, e, "; ".join(why)))
    scores.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return scores[0][2], scores[0][3]


def read_blocks(
    blocks: Sequence[Block], *, edition: str | None = None, layout: str = "blocks"
) -> ParseResult:
    """:func:`read_document` for a bare sequence of blocks."""
    return read_document(SourceDocument(blocks=tuple(blocks), layout=layout), edition=edition)


# --- tables found by their own labels ---------------------------------------------------------


def _signature_vocabularies() -> dict[str, Vocabulary]:
    editions = list(EDITIONS.values())
    return {key: Vocabulary.of(*_candidates(key, editions)) for key in _TABLE_SECTIONS}


_SIGNATURE_KINDS = frozenset({"caption", "corner", "header", "column", "row", "group"})
_TRAILING_VALUES = re.compile(r"[\s|0-9.,/\-+－—]+$")
_VOTES: dict[str, frozenset[str]] = {}


def _vote(text: str) -> frozenset[str]:
    """The table sections whose labels (and no other table's) this cell or line shows."""
    if len(text) > 120:
        return frozenset()
    cached = _VOTES.get(text)
    if cached is not None:
        return cached
    vocabs = _signature_vocabularies_cached()
    out = set()
    for piece in {text, _TRAILING_VALUES.sub("", text)}:
        if len(label_key(piece)) < 2:
            continue
        hits = set()
        for key, vocab in vocabs.items():
            m = vocab.match(piece)
            if m is not None and m.certain and any(t.kind in _SIGNATURE_KINDS for t in m.terms):
                hits.add(key)
        if len(hits) == 1:
            out |= hits
    result = frozenset(out)
    if len(_VOTES) < 4096:
        _VOTES[text] = result
    return result


_SIG_CACHE: list[dict[str, Vocabulary]] = []


def _signature_vocabularies_cached() -> dict[str, Vocabulary]:
    if not _SIG_CACHE:
        _SIG_CACHE.append(_signature_vocabularies())
    return _SIG_CACHE[0]


def _block_votes(block: Block) -> frozenset[str]:
    if isinstance(block, TextBlock):
        return frozenset() if block.run_together else _vote(block.text)
    out: set[str] = set()
    for row in block.rows:
        for cell in row.cells:
            if not cell.run_together:
                out |= _vote(cell.text)
    return frozenset(out)


def _split_by_votes(block: Block) -> list[Block]:
    """A table whose rows show the labels of two tables (two tables run into one when the
    heading between them is missing), split where the rows start showing the other's."""
    if not isinstance(block, TableBlock) or len(_block_votes(block)) < 2:
        return [block]
    pieces: list[list[SourceRow]] = [[]]
    current: str | None = None
    for row in block.rows:
        votes: set[str] = set()
        for cell in row.cells:
            if not cell.run_together:
                votes |= _vote(cell.text)
        if len(votes) == 1:
            (key,) = votes
            if current is not None and key != current and pieces[-1]:
                pieces.append([])
            current = key
        pieces[-1].append(row)
    return [attrs.evolve(block, rows=tuple(rows), location=rows[0].location) for rows in pieces if rows]


def _is_prose(block: Block) -> bool:
    if not isinstance(block, TextBlock):
        return False
    key = label_key(block.text) if len(block.text) < 2000 else block.text
    return len(key) > 30 and "。" in key


def _locate_tables(head: list[Block], sections: list[_Section], diagnostics: list[Diagnostic]) -> None:
    """Find each table section whose heading is missing by the table's own labels, and take its
    blocks out of wherever they were (the blocks before the first heading, or another section)."""
    present = {_SECTIONS[s.index].key for s in sections}
    missing = [k for k in _TABLE_SECTIONS if k not in present]
    if not missing:
        return
    holders: list[list[Block]] = [head, *(s.blocks for s in sections)]
    for holder in holders:
        holder[:] = [piece for b in holder for piece in _split_by_votes(b)]
    for key in missing:
        index = next(i for i, s in enumerate(_SECTIONS) if s.key == key)
        for holder in holders:
            votes = [_block_votes(b) for b in holder]
            start = next((i for i, v in enumerate(votes) if v == {key}), None)
            if start is None:
                continue
            end = start + 1
            while end < len(holder):
                v = votes[end]
                if (v and key not in v) or _is_prose(holder[end]):
                    break
                end += 1
            taken = holder[start:end]
            del holder[start:end]
            first = taken[0]
            loc = (
                first.location
                if isinstance(first, TextBlock)
                else (first.rows[0].location if first.rows else NOWHERE)
            )
            section = _Section(index=index, heading=_Line("", loc), blocks=list(taken), found_by="labels")
            sections.append(section)
            diagnostics.append(
                Diagnostic(
                    code="heading_missing",
                    message=f"no heading of section {_NUMERALS[index]}、{_SECTIONS[index].label}; "
                    "its table was found by its own labels",
                    location=loc,
                )
            )
            break
    sections.sort(key=lambda s: s.index)


# --- a cut-off input ---------------------------------------------------------------------------

_CUT_NUMBER = re.compile(r"[0-9][0-9.,]*\s*$")


def _drop_cut_value(blocks: tuple[Block, ...], diagnostics: list[Diagnostic]) -> tuple[Block, ...] | None:
    """The input ends in a digit (but for white space): the last number may be cut short (``116``
    of ``11615``), so it is not read — a diagnostic instead of a value that may be wrong.

    A lone ``0`` is kept (``None`` is returned): no count goes on from it, so as a count it is
    whole; as an amount it may not be (``0.35``), which the table's reader is told."""
    if not blocks:
        return blocks
    last = blocks[-1]
    if isinstance(last, TextBlock):
        m = _CUT_NUMBER.search(last.text)
        if m is None:
            return blocks
        if m.group().strip() == "0":
            return None
        diagnostics.append(_cut(last.location, m.group()))
        return (*blocks[:-1], attrs.evolve(last, text=last.text[: m.start()]))
    if not last.rows or not last.rows[-1].cells:
        return blocks
    row = last.rows[-1]
    cell = row.cells[-1]
    m = _CUT_NUMBER.search(cell.text)
    if m is None:
        return blocks
    if m.group().strip() == "0":
        return None
    diagnostics.append(_cut(cell.location, m.group()))
    cut_cell = attrs.evolve(cell, text=cell.text[: m.start()])
    cut_row = attrs.evolve(row, cells=(*row.cells[:-1], cut_cell))
    return (*blocks[:-1], attrs.evolve(last, rows=(*last.rows[:-1], cut_row)))


def _whole_names(
    statements: list[Statement], blocks: Sequence[Block], diagnostics: list[Diagnostic]
) -> list[Statement]:
    """The statements without an agency's name that runs to the end of the text (white space
    aside), unless the statement's own words go on after the name (a title's ``…年度报告``).

    A copy cut off inside the line below a title (``2022年…年度报告`` / ``桃江县`` of
    ``桃江县松木塘镇人民政府``), inside a sign-off or inside a ``发布机构:`` field holds only the
    start of the name, which may read as a name itself: not read, a diagnostic instead."""
    last = next((ln.text for ln in reversed(_lines(blocks[-1:])) if ln.text.strip()), "")
    tail = label_key(last) if len(last) < 2000 else ""
    if not tail:
        return statements

    def at_the_end(st: Statement) -> str:
        """The statement's agency name when it runs to the end of the text, else ``""``."""
        name = label_key(str(st.value)) if st.field == "agency" and st.source != "user" else ""
        raw = label_key(st.raw) if st.raw else ""
        at = raw.find(name) if name else -1
        return name if name and tail.endswith(name) and not (at >= 0 and at + len(name) < len(raw)) else ""

    # A name another statement gives whole (the title's) is whole at the end too: a complete
    # report signed off with its agency's name (``杭州市临平区教育局`` as its last line).
    whole = {label_key(str(st.value)) for st in statements if st.field == "agency" and not at_the_end(st)}
    out: list[Statement] = []
    for st in statements:
        name = at_the_end(st)
        if name and name not in whole:
            diagnostics.append(
                Diagnostic(
                    code="cut_name",
                    message=f"the text ends in the agency's name {st.value!r} (from the "
                    f"{st.describe()}), which may be cut short; not read",
                    raw=str(st.value),
                )
            )
            continue
        out.append(st)
    return out


def _cut(location: SourceLocation, raw: str) -> Diagnostic:
    return Diagnostic(
        code="cut_value",
        message="the input ends inside or right after this number, which may be cut short; not stated",
        location=location,
        raw=raw,
    )


# --- year, agency, title ----------------------------------------------------------------------


_HEADER_FIELD = re.compile(r"^(?P<key>标题|发布机构|信息来源|发文机关|来源)[:：](?P<value>.{1,120})$")
#: Where one metadata field's value ends on a line that holds several: a table cell's ``|``, a
#: run of spaces, or the next field's name (``成文日期:``).
_FIELD_END = re.compile(r"\||\s{2,}|[^\s|:：]{1,6}[:：]")


def _field_value(text: str) -> str | None:
    """The value of a ``发布机构:`` field as written, or ``None`` when it is not an agency's name.

    Metadata rows often hold several fields (``发布机构: | 台州电业局 | 成文日期: | 2022-01-18 |``):
    the value is the first cell after the field's name, never the rest of the row.
    """
    rest = re.split(r"[:：]", text, maxsplit=1)[-1].strip().lstrip("|").strip()
    m = _FIELD_END.search(rest)
    value = (rest[: m.start()] if m else rest).strip()
    return value if value and is_agency_line(label_key(value)) else None


def _identity_text(line: _Line) -> str:
    """A line as the title is looked for in it: a metadata row whose first cell names the title
    field (``标 题 | <title> | ||``, ``| 名称 | <title> | …``) as ``名称：<title>``, so that neither
    the field's name nor the row's other cells run into the title."""
    cells = [c.strip() for c in line.cells if c.strip()]
    if len(cells) >= 2 and is_title_field(cells[0]):
        return f"{cells[0]}：{cells[1]}"
    return line.text


def _identity(
    head: list[_Line],
    sections: list[_Section],
    metadata: dict[str, str],
    signed_agency: str | None,
    name: str | None,
    year: int | None,
    agency: str | None,
) -> tuple[list[Statement], list[_Line]]:
    """Every statement of the year, agency and title; and the lines of the preamble."""
    out: list[Statement] = []
    if year is not None:
        out.append(Statement(field="year", value=year, source="user"))
    if agency is not None:
        out.append(Statement(field="agency", value=agency, source="user"))
    texts = [_identity_text(ln) for ln in head]
    titled = title_statements(texts, where=lambda i: str(head[i].location))
    preamble = head
    if titled:
        raw = titled[-1].raw
        # The preamble starts after the title's last line.
        for j in range(len(head)):
            joined = "".join(ln.text.strip() for ln in head[: j + 1])
            if joined.endswith(raw) or raw in joined:
                preamble = head[j + 1 :]
                break
        out.extend(titled)
    for field_name in ("标题", "title"):
        if field_name in metadata:
            page = title_statements([metadata[field_name]], where=lambda i: "<title>", source="page title")
            out.extend(page)
    for ln, text in zip(head, texts, strict=True):
        m = _HEADER_FIELD.match(label_key(text)) if len(text) < 200 else None
        if m is None:
            continue
        here = str(ln.location)
        if m["key"] == "标题":
            out.extend(title_statements([m["value"]], where=_at(here), source="page header"))
        elif m["key"] in ("发布机构", "发文机关") and (value := _field_value(ln.text)) is not None:
            out.append(Statement(field="agency", value=value, source="page header", where=str(ln.location)))
    if metadata.get("发布机构"):
        out.append(Statement(field="agency", value=metadata["发布机构"].strip(), source="publisher"))
    body = [*head]
    overview = next((s for s in sections if s.index == 0), None)
    if overview is not None:
        body.extend(_lines(overview.blocks[:20]))
    for ln in body:
        out.extend(period_statements(ln.text, str(ln.location)))
    year_known = any(
        s.field == "year" and s.source in ("title", "page title", "page header", "statistics period")
        for s in out
    )
    agency_known = any(
        s.field == "agency" and s.source in ("title", "page title", "page header") for s in out
    )
    if not (year_known and agency_known):
        # The first sentence naming the report gives the year; when it names no agency (a title
        # line without one: ``2022年政府信息公开工作年度报告``), a later sentence naming the same
        # year's report may (``…编制了吉林市卫生健康委员会2022年政府信息公开工作年度报告``).
        named_year: object = None
        for ln in body:
            found = body_statements(ln.text, str(ln.location))
            if not found:
                continue
            if named_year is None:
                named_year = found[0].value
                out.extend(s for s in found if s.field == "year" and not year_known)
            elif found[0].value != named_year:
                continue
            named = [s for s in found if s.field == "agency"]
            if named:
                out.extend(named)
                break
    if not any(s.field == "agency" and s.source in ("title", "page title", "page header") for s in out):
        for ln in body[:10]:
            quoted = quoted_statements(ln.text, str(ln.location))
            if quoted:
                out.extend(quoted)
                break
    out.extend(name_statements(name))
    first = next((ln for ln in head if ln.text.strip() and not _is_chrome(ln.text)), None)
    if first is not None and len(first.text) < 60 and is_agency_line(label_key(first.text)):
        value = "".join(first.text.split())
        out.append(Statement(field="agency", value=value, source="first line", where=str(first.location)))
    if overview is not None:
        first = next((ln for ln in _lines(overview.blocks[:5]) if ln.text.strip()), None)
        if first is not None:
            out.extend(overview_statements(first.text.strip(), str(first.location)))
    if not any(s.field == "year" for s in out):
        # The opening paragraph before 一、 (``2019年，我院高度重视…``), when nothing else says it.
        first = next((ln for ln in preamble if ln.text.strip() and not _is_chrome(ln.text)), None)
        if first is not None:
            out.extend(overview_statements(first.text.strip(), str(first.location)))
    if not any(s.field == "year" for s in out) and overview is not None:
        # A clause of the overview saying what the agency did in a year (``…坚持依法公开,2022年,
        # 我局在…网站主动公开信息416条``), when every such clause names the same year.
        out.extend(
            clause_year_statements([(ln.text, str(ln.location)) for ln in _lines(overview.blocks[:20])])
        )
    if signed_agency:
        out.append(Statement(field="agency", value=signed_agency.strip(), source="sign-off"))
    return out, preamble


def _at(where: str) -> Callable[[int], str]:
    return lambda _i: where


def _decided(
    statements: list[Statement], field: str, diagnostics: list[Diagnostic], provenance: dict[str, str]
) -> Statement | None:
    chosen, others = decide(statements, field)
    if chosen is None:
        return None
    provenance[field] = chosen.describe()
    if chosen.source not in ("user", "title"):
        diagnostics.append(
            Diagnostic(
                code=f"{field}_source",
                message=f"the {field} {chosen.value} was read from the {chosen.describe()}",
                raw=chosen.raw or None,
            )
        )
    if others:
        shown = "; ".join(f"{s.value} in the {s.describe()}" for s in others)
        diagnostics.append(
            Diagnostic(
                code=f"{field}_conflict",
                message=f"the {field} {chosen.value} (from the {chosen.describe()}) disagrees with {shown}",
            )
        )
    return chosen


def _empty(spec: TableSpec) -> tuple[None, ...]:
    return (None,) * len(spec.cells)


def _titled(blocks: Sequence[Block]) -> bool:
    """Whether a line of ``blocks`` is the title of a report, with its year."""
    lines = [ln.text for ln in _lines(blocks)][:40]
    return any(st.field == "year" for st in title_statements(lines, where=lambda i: ""))


def read_document(
    doc: SourceDocument,
    *,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
    name: str | None = None,
    cut: bool = False,
    open_text: bool = False,
) -> ParseResult:
    """Read a reader's :class:`~govinfo.readers.cells.SourceDocument` into a :class:`ParseResult`.

    ``edition`` (``"2021"`` or ``"2019"``) skips edition detection; by default it is decided
    from the tables' content. ``year`` and ``agency`` are what the user knows (they win over
    the text; a disagreement is a diagnostic); ``name`` is the file name, one more place a year
    may be stated. ``cut`` says the input ends right after a digit (a cut-off copy).
    ``open_text`` says the input is text, which a copy may have cut off anywhere: an agency's
    name that runs to its last words may be cut short (``桃江县`` of ``桃江县松木塘镇人民政府``).

    Every section that can be found is read, and what cannot is said in
    :attr:`ParseResult.sections`. Raises :class:`~govinfo.errors.ParseError` (``not_a_report``)
    only when neither a section heading nor a table of a report is recognisable.
    """
    diagnostics: list[Diagnostic] = list(doc.diagnostics)
    ends_in_zero = False
    if edition is not None and edition not in EDITIONS:
        raise ParseError(
            f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}", code="bad_edition", path="edition"
        )
    if year is not None and not (isinstance(year, int) and 1000 <= year <= 9999):
        raise ParseError(f"year must have four digits, not {year!r}", code="bad_year", path="year")
    editions = [EDITIONS[edition]] if edition else list(EDITIONS.values())
    head_blocks, sections = _split(doc.blocks, diagnostics)
    _locate_tables(head_blocks, sections, diagnostics)
    if cut and sections and _SECTIONS[sections[-1].index].key in _TABLE_SECTIONS:
        # The input ends inside a table: its last number may be cut short. (A text that ends
        # with a number in prose, a date in the sign-off, is whole.)
        last = sections[-1]
        kept = _drop_cut_value(tuple(last.blocks), diagnostics)
        ends_in_zero = kept is None
        if kept is not None:
            last.blocks[:] = kept
    if not sections:
        if not _titled(head_blocks):
            raise ParseError(
                "no section heading of a 政府信息公开工作年度报告 was found", code="not_a_report"
            )
        # A page titled as a report, with none of the format's six headings (a pre-2019 outline,
        # a page reduced to its title): what it says of itself is read, every section not found.
        diagnostics.append(
            Diagnostic(
                code="no_sections",
                message="the text is titled as a 政府信息公开工作年度报告, but none of the six section "
                "headings of the 2019/2021 format was found (an older outline?): no section is read",
            )
        )
    metadata = dict(doc.metadata)
    signature = _signature(head_blocks, sections)
    head = _lines(b for b in head_blocks if not (isinstance(b, TextBlock) and b.role == "signature"))
    signed_agency = next((ln for ln in signature if not _SIGN_OFF_DATE.match(label_key(ln))), None)
    signed_date = next((ln for ln in signature if _SIGN_OFF_DATE.match(label_key(ln))), None)
    if signed_date is not None and not any(k in metadata for k in ("发布时间", "发布日期")):
        metadata["发布日期"] = signed_date
    statements, preamble_lines = _identity(head, sections, metadata, signed_agency, name, year, agency)
    if open_text:
        statements = _whole_names(statements, doc.blocks, diagnostics)
    provenance: dict[str, str] = {}
    year_st = _decided(statements, "year", diagnostics, provenance)
    agency_st = _decided(statements, "agency", diagnostics, provenance)
    title_st = next((s for s in statements if s.field == "title"), None)
    the_year = int(year_st.value) if year_st is not None else None  # type: ignore[call-overload]
    the_agency = str(agency_st.value).strip() if agency_st is not None else ""
    if year_st is None:
        diagnostics.append(
            Diagnostic(
                code="no_year",
                message="the year of the report is stated nowhere in the input (title, statistics "
                "period, page title, file name); pass year= to read it",
            )
        )
    if not the_agency:
        diagnostics.append(
            Diagnostic(code="no_agency", message="the agency was not found; left empty", location=NOWHERE)
        )
    by_key: dict[str, _Section] = {}
    for s in sections:
        by_key.setdefault(_SECTIONS[s.index].key, s)
    for number, spec in zip(_NUMERALS, _SECTIONS):
        if spec.key not in by_key:
            diagnostics.append(
                Diagnostic(code="missing_section", message=f"no section {number}、{spec.label}")
            )

    # Tables: every candidate layout, then the edition.
    placements: dict[str, list[Placement]] = {}
    for key, number in _TABLE_SECTIONS.items():
        sec = by_key.get(key)
        if sec is None:
            continue
        ends_here = sec is sections[-1]
        placements[key] = place_table(
            sec.blocks,
            _candidates(key, editions),
            section=number,
            open_end=ends_here,
            ends_in_zero=ends_here and ends_in_zero,
        )
    best = {k: v[0] for k, v in placements.items()}
    chosen_edition, why = _edition_of(best, editions)
    evidence = bool(why)
    if edition is None and not evidence and the_year is not None and len(editions) > 1:
        # No table shows its layout: the edition in use for that year, said as an assumption.
        chosen_edition = EDITIONS["2019" if the_year <= 2020 else "2021"]
        diagnostics.append(
            Diagnostic(
                code="edition_assumed",
                message=f"no table shows its layout; edition {chosen_edition.key} assumed from the year",
            )
        )
        provenance["edition"] = "assumed from the year"
    elif edition is None:
        diagnostics.append(
            Diagnostic(code="edition", message=f"edition {chosen_edition.key}: {why or 'by default'}")
        )
        provenance["edition"] = f"tables: {why}" if why else "default"
    else:
        provenance["edition"] = "user"
    if evidence and the_year is not None and (the_year >= 2021) != (chosen_edition.key == "2021"):
        diagnostics.append(
            Diagnostic(
                code="edition_year_mismatch",
                message=f"the tables follow the {chosen_edition.key} edition, which is not the one "
                f"in use for reports on {the_year}",
            )
        )
    statuses: dict[str, SectionStatus] = {}
    tables: dict[str, Placement] = {}
    for key in _TABLE_SECTIONS:
        sec = by_key.get(key)
        default_spec = _candidates(key, [chosen_edition])[0]
        if sec is None:
            statuses[key] = SectionStatus(
                key=key, status="not_found", reason="neither its heading nor its table was found",
                cells_total=_value_cells(default_spec),
            )  # fmt: skip
            continue
        where = sec.heading.location
        layouts = _candidates(key, [chosen_edition])
        options = [p for p in placements.get(key, []) if p.spec in layouts]
        if options and options[0].failures:
            # A table cut short fits a smaller layout as well as its own: the layout that places
            # the most rows, the edition's first (official) layout on a tie.
            fits = sorted(
                (p for p in options if not p.mismatch),
                key=lambda p: (-len(p.rows_found), layouts.index(p.spec)),
            )
            options = fits or options
        if not options or (options[0].failures and options[0].mismatch) or not options[0].rows_found:
            reasons = options[0].failures if options else ("no layout of the edition fits",)
            statuses[key] = SectionStatus(
                key=key, status="not_placeable", location=where, found_by=sec.found_by,
                reason=f"edition {chosen_edition.key}: "
                + "; ".join(reasons or ("none of its rows was found",)),
                cells_read=0, cells_total=_value_cells(default_spec),
            )  # fmt: skip
            continue
        placed = options[0]
        tables[key] = placed
        diagnostics.extend(placed.diagnostics)
        read = _cells_read(placed)
        total = _value_cells(placed.spec)
        full = not placed.failures and read == total
        reason = "; ".join(placed.failures) if placed.failures else ""
        if not full and not reason:
            reason = "some of its cells could not be read"
        statuses[key] = SectionStatus(
            key=key, status="read" if full else "partly_read", reason=reason, location=where,
            found_by=sec.found_by, cells_read=read, cells_total=total,
        )  # fmt: skip
    for key in ("overview", "problems", "other_matters"):
        sec = by_key.get(key)
        statuses[key] = (
            SectionStatus(key=key, status="read", location=sec.heading.location, found_by="heading")
            if sec is not None
            else SectionStatus(key=key, status="not_found", reason="its heading was not found")
        )

    english = any(label_key(s.heading.text) in _ENGLISH_HEADINGS for s in sections if s.heading.text)

    def narrative(key: str) -> Narrative:
        sec = by_key.get(key)
        if sec is None:
            return Narrative()
        return _narrative(_trim_chrome(_lines(sec.blocks), key == _SECTIONS[-1].key, the_agency), english)

    def table_cells(key: str) -> tuple[TableSpec, tuple[object, ...]]:
        placed = tables.get(key)
        if placed is not None:
            return placed.spec, placed.cells
        spec = _candidates(key, [chosen_edition])[0]
        return spec, _empty(spec)

    pro_spec, pro_cells = table_cells("proactive")
    req_spec, req_cells = table_cells("requests")
    app_spec, app_cells = table_cells("appeals")
    table_objects: dict[str, Proactive | RequestTable | AppealTable] = {
        "proactive": Proactive(spec=pro_spec, cells=pro_cells),  # type: ignore[arg-type]
        "requests": RequestTable(spec=req_spec, cells=req_cells),  # type: ignore[arg-type]
        "appeals": AppealTable(spec=app_spec, cells=app_cells),  # type: ignore[arg-type]
    }
    preamble = [
        ln.text.strip()
        for ln in preamble_lines
        if ln.text.strip() and not _is_chrome(ln.text) and not _HEADER_FIELD.match(label_key(ln.text))
    ]
    title_out = str(title_st.value) if title_st is not None else None
    defaults = {
        label_key(template.format(agency=the_agency, year=the_year))
        for template in (common.TITLE_TEMPLATE, common.TITLE_TEMPLATE_EN)
    }
    if title_out is not None and the_year is not None and label_key(title_out) in defaults:
        title_out = None
    if title_st is not None:
        provenance["title"] = title_st.describe()
    report: Report | None = None
    if the_year is not None:
        try:
            report = Report(
                edition=chosen_edition.key,
                agency=the_agency,
                year=the_year,
                title=title_out,
                published=_published(metadata),
                preamble=tuple(preamble),
                overview=narrative("overview"),
                proactive=table_objects["proactive"],  # type: ignore[arg-type]
                requests=table_objects["requests"],  # type: ignore[arg-type]
                appeals=table_objects["appeals"],  # type: ignore[arg-type]
                problems=narrative("problems"),
                other_matters=narrative("other_matters"),
            )
        except GovinfoError as e:  # pragma: no cover - the matcher only places valid values
            raise ParseError(f"the report read cannot be built: {e}", code="parse_error") from None
    return ParseResult(
        report=report,
        diagnostics=tuple(diagnostics),
        layout=doc.layout,
        sections=tuple(statuses[s.key] for s in _SECTIONS),
        tables=tuple(table_objects.items()),
        provenance=tuple(provenance.items()),
    )


def _value_cells(spec: TableSpec) -> int:
    return sum(1 for c in spec.cells if c.column.kind is not CellKind.UNIT)


def _cells_read(placed: Placement) -> int:
    """Cells placed with a value, or read as explicitly blank."""
    spec = placed.spec
    blank = {d.path for d in placed.diagnostics if d.code == "not_stated"}
    n = 0
    for c, v in zip(spec.cells, placed.cells):
        if c.column.kind is CellKind.UNIT:
            continue
        if v is not None or path_of(c, spec) in blank:
            n += 1
    return n


def incomplete_error(result: ParseResult) -> IncompleteReportError:
    """The error :func:`govinfo.parse` raises for a result that is not complete."""
    errors = [ParseError(message, code=code, path=path) for code, path, message in result.problems()]
    return IncompleteReportError(
        "only part of the report could be read (govinfo.parse_document returns the partial result)",
        errors,
        result,
    )


_SENTENCE = frozenset("。，；：！？,;!?")


def _signature(head: list[Block], sections: list[_Section]) -> list[str]:
    """The sign-off lines (agency, date), taken out of the last section.

    Blocks a reader marked ``role="signature"`` are taken wherever they are. In plain text,
    the last section's trailing lines are the sign-off when each is either a date or an
    agency's name indented by at least two spaces (right-aligned); a page footer (chrome)
    under the sign-off is skipped.
    """
    out: list[str] = []
    for holder in [head, *(s.blocks for s in sections)]:
        keep: list[Block] = []
        for b in holder:
            if isinstance(b, TextBlock) and b.role == "signature":
                out.extend(t.strip() for t in b.text.split("\n") if t.strip())
            else:
                keep.append(b)
        holder[:] = keep
    if out or not sections:
        return out
    blocks = sections[-1].blocks
    trailing: list[str] = []
    while blocks and isinstance(blocks[-1], TextBlock) and not blocks[-1].run_together:
        text = blocks[-1].text
        stripped = text.strip()
        if not stripped or (not trailing and _is_chrome(text)):
            blocks.pop()  # a blank line, or the page footer under the sign-off
            continue
        is_date = _SIGN_OFF_DATE.match(label_key(stripped)) is not None
        # A right-set line is the signing agency only when it reads as an agency's name: a cut
        # page's last words (``  • 主动``) are the section's text, never the agency.
        right = (
            text.startswith("  ")
            and len(stripped) <= 60
            and not (_SENTENCE & set(stripped))
            and is_agency_line(label_key(stripped))
        )
        if not (is_date or right):
            break
        trailing.insert(0, stripped)
        blocks.pop()
    return trailing


def _section(key: str) -> SectionSpec:
    return next(s for s in _SECTIONS if s.key == key)


#: A sign-off date: ``2024年1月15日``, or ``January 15, 2024`` in govinfo's English renderings
#: (matched on the :func:`label_key`, spaces removed).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip
_SIGN_OFF_DATE = re.compile(
    r"^[12][0-9]{3}年[0-9]{1,2}月[0-9]{1,2}日$|^(?:" + "|".join(_MONTHS) + r")[0-9]{1,2},[12][0-9]{3}$"
)
_DATE_EN = re.compile(r"(?P<m>" + "|".join(_MONTHS) + r")\s*(?P<d>[0-9]{1,2}),\s*(?P<y>[12][0-9]{3})")


def _trim_chrome(lines: list[_Line], last: bool, agency: str) -> list[_Line]:
    """Drop page chrome, and after the last section the sign-off (agency, date)."""
    out: list[_Line] = []
    for line in lines:
        if _is_chrome(line.text):
            if last:
                break
            continue
        out.append(line)
    if last:
        while (
            out
            and len(out[-1].text) < 200
            and (
                not out[-1].text.strip()
                or _SIGN_OFF_DATE.match(label_key(out[-1].text))
                or (agency and label_key(out[-1].text) == label_key(agency))
            )
        ):
            out.pop()
    return out
