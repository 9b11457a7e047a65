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
import re
from collections.abc import Iterable, Sequence

import attrs

from ..appeals import AppealTable
from ..catalogue import EDITIONS, Edition, SectionSpec, TableSpec, common
from ..errors import GovinfoError, ParseError
from ..narrative import Narrative, Subsection
from ..proactive import Proactive
from ..report import Report
from ..requests import RequestTable
from .cells import NOWHERE, Block, Diagnostic, SourceDocument, SourceLocation, TableBlock, TextBlock
from .normalize import fold_with_map, label_key
from .tables import Placement, place_table

__all__ = ["ParseResult", "read_blocks", "read_document"]


@attrs.frozen(kw_only=True)
class ParseResult:
    """A report read from a published document, with everything the parser was unsure of.

    ``diagnostics`` lists each uncertain reading (code, message, location, raw text);
    ``layout`` names the reader (``"text"``, ``"pipe"``, ``"markdown"``, ``"html"``, …).
    """

    report: Report
    diagnostics: tuple[Diagnostic, ...]
    layout: str

    def codes(self) -> list[str]:
        """The diagnostic codes, in order (handy in tests)."""
        return [d.code for d in self.diagnostics]


# --- headings --------------------------------------------------------------------------------

_SECTIONS = common.SECTIONS
_NUMERALS = common.NUMERALS


def _heading_keys() -> list[tuple[int, str]]:
    """``(section index, key of the heading without its numeral)`` for every known wording."""
    out = []
    for i, s in enumerate(_SECTIONS):
        for text in (s.label, *s.aliases):
            out.append((i, label_key(text)))
    return out


_HEADING_KEYS = _heading_keys()
_HEADING_NUMBER = re.compile(r"^([一二三四五六])[、.,]")


def _heading(text: str) -> int | None:
    """The index of the section this line heads, or ``None``."""
    if len(text) > 200:
        return None
    key = label_key(text)
    if len(key) > 40 or not key:
        return None
    m = _HEADING_NUMBER.match(key)
    body = key[m.end() :] if m else key
    number = _NUMERALS.index(m[1]) if m else None
    for i, k in _HEADING_KEYS:
        if body == k and (number is None or number == i):
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

_TITLE_END = label_key("政府信息公开工作年度报告")
_TITLE = re.compile(r"^(?P<agency>.{0,60}?)(?P<year>[12][0-9]{3})年度?" + re.escape(_TITLE_END) + "$")
_TITLE_IN = re.compile(r"(?P<year>[12][0-9]{3})年度?" + re.escape(_TITLE_END))
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


# --- narrative -------------------------------------------------------------------------------

_SUBSECTION = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(?P<title>[^。！？；]{1,40})$")


def _narrative(lines: Sequence[_Line]) -> Narrative:
    paragraphs: list[str] = []
    subsections: list[Subsection] = []
    current: tuple[str, list[str]] | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        m = _SUBSECTION.match(text)
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
            if index is not None and index >= expect:
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
                    out.append(_Line(text, row.location))
    return out


def _title(
    head: list[_Line], metadata: dict[str, str], diagnostics: list[Diagnostic]
) -> tuple[str | None, str | None, int | None, list[_Line]]:
    """(title as published, agency, year, the lines after the title)."""
    candidates: list[tuple[int, int]] = []
    keys = [label_key(line.text) if len(line.text) < 200 else "" for line in head]
    for j, key in enumerate(keys):
        if not key.endswith(_TITLE_END):
            continue
        # The title may be broken over two or three lines: the shortest reading wins.
        for i in range(j, max(-1, j - 3), -1):
            if _TITLE.match("".join(keys[i : j + 1])):
                candidates.append((i, j))
                break
        if candidates:
            break
    for field in ("标题", "title"):
        if not candidates and field in metadata:
            m = _TITLE.match(label_key(metadata[field]))
            if m:
                return metadata[field].strip(), m["agency"] or None, int(m["year"]), head
    if not candidates:
        for i, line in enumerate(head):
            m = _TITLE_IN.search(label_key(line.text))
            if m:
                diagnostics.append(
                    Diagnostic(
                        code="title_guessed",
                        message="no title line; the year was read from a line naming the report",
                        location=line.location,
                        raw=line.text,
                    )
                )
                return None, None, int(m["year"]), head[i + 1 :]
        return None, None, None, head
    i, j = candidates[0]
    raw = "".join(line.text.strip() for line in head[i : j + 1])
    m = _TITLE.match(label_key(raw))
    assert m is not None
    return raw, m["agency"] or None, int(m["year"]), head[j + 1 :]


def _published(metadata: dict[str, str]) -> _dt.date | None:
    for field in ("发布时间", "发布日期", "published", "date"):
        text = metadata.get(field)
        if text:
            m = _DATE.search(text)
            if m:
                try:
                    return _dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
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


def read_document(doc: SourceDocument, *, edition: str | None = None) -> ParseResult:
    """Read a reader's :class:`~govinfo.readers.cells.SourceDocument` into a report.

    ``edition`` (``"2021"`` or ``"2019"``) skips edition detection; by default it is decided
    from the tables' content. Raises :class:`~govinfo.errors.ParseError` when no report is
    found or a table cannot be placed.
    """
    diagnostics: list[Diagnostic] = list(doc.diagnostics)
    if edition is not None and edition not in EDITIONS:
        raise ParseError(
            f"unknown edition {edition!r}; known: {', '.join(EDITIONS)}", code="bad_edition", path="edition"
        )
    editions = [EDITIONS[edition]] if edition else list(EDITIONS.values())
    head_blocks, sections = _split(doc.blocks, diagnostics)
    if not sections:
        raise ParseError("no section heading of a 政府信息公开工作年度报告 was found", code="not_a_report")
    metadata = dict(doc.metadata)
    signature = _signature(head_blocks, sections)
    head = _lines(b for b in head_blocks if not (isinstance(b, TextBlock) and b.role == "signature"))
    title, agency, year, preamble_lines = _title(head, metadata, diagnostics)
    signed_agency = next((ln for ln in signature if not _SIGN_OFF_DATE.match(label_key(ln))), None)
    signed_date = next((ln for ln in signature if _SIGN_OFF_DATE.match(label_key(ln))), None)
    if signed_date is not None and not any(k in metadata for k in ("发布时间", "发布日期")):
        metadata["发布日期"] = signed_date
    if agency is None and signed_agency is not None:
        agency = signed_agency.strip()
    if year is None:
        raise ParseError(
            "the year of the report was not found (no title such as "
            "<机关名称><YYYY>年度政府信息公开工作年度报告)",
            code="no_year",
        )
    if agency is None:
        agency = (metadata.get("发布机构") or "").strip()
        if not agency:
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
        placements[key] = place_table(sec.blocks, _candidates(key, editions), section=number)
    best = {k: v[0] for k, v in placements.items()}
    chosen_edition, why = _edition_of(best, editions)
    if edition is None:
        diagnostics.append(
            Diagnostic(code="edition", message=f"edition {chosen_edition.key}: {why or 'by default'}")
        )
    tables: dict[str, Placement] = {}
    failures: list[GovinfoError] = []
    for key, number in _TABLE_SECTIONS.items():
        options = [p for p in placements.get(key, []) if p.spec in _candidates(key, [chosen_edition])]
        if key not in by_key:
            failures.append(
                ParseError(
                    f"section {number}、{_section(key).label} was not found, so its table cannot be read",
                    code="table_not_found",
                    path=f"$.{key}",
                )
            )
            continue
        if not options or options[0].failures:
            reasons = options[0].failures if options else ("no layout of the edition fits",)
            failures.append(
                ParseError(
                    f"the table of section {number}、{_section(key).label} cannot be placed "
                    f"(edition {chosen_edition.key}): " + "; ".join(reasons),
                    code="table_not_placed",
                    path=f"$.{key}",
                )
            )
            continue
        tables[key] = options[0]
        diagnostics.extend(options[0].diagnostics)
    if failures:
        if len(failures) == 1:
            raise failures[0]
        raise ParseError("; ".join(f.message for f in failures), code=failures[0].code, path=failures[0].path)

    def narrative(key: str) -> Narrative:
        sec = by_key.get(key)
        if sec is None:
            return Narrative()
        return _narrative(_trim_chrome(_lines(sec.blocks), key == _SECTIONS[-1].key, agency))

    preamble = [ln.text.strip() for ln in preamble_lines if ln.text.strip() and not _is_chrome(ln.text)]
    title_out = title
    if title is not None and agency is not None:
        defaults = {common.TITLE_TEMPLATE.format(agency=agency, year=year)}
        defaults.update(v.format(agency=agency, year=year) for v in getattr(common, "TITLE_VARIANTS", ()))
        if label_key(title) == label_key(common.TITLE_TEMPLATE.format(agency=agency, year=year)):
            title_out = None
    try:
        report = Report(
            edition=chosen_edition.key,
            agency=agency,
            year=year,
            title=title_out,
            published=_published(metadata),
            preamble=tuple(preamble),
            overview=narrative("overview"),
            proactive=Proactive(spec=tables["proactive"].spec, cells=tables["proactive"].cells),
            requests=RequestTable(spec=tables["requests"].spec, cells=tables["requests"].cells),
            appeals=AppealTable(spec=tables["appeals"].spec, cells=tables["appeals"].cells),
            problems=narrative("problems"),
            other_matters=narrative("other_matters"),
        )
    except GovinfoError as e:  # pragma: no cover - the matcher only places valid values
        raise ParseError(f"the report read cannot be built: {e}", code="parse_error") from None
    return ParseResult(report=report, diagnostics=tuple(diagnostics), layout=doc.layout)


_SENTENCE = frozenset("。，；：！？,;!?")


def _signature(head: list[Block], sections: list[_Section]) -> list[str]:
    """The sign-off lines (agency, date), taken out of the last section.

    Blocks a reader marked ``role="signature"`` are taken wherever they are. In plain text,
    the last section's trailing lines are the sign-off when each is short, has no sentence
    punctuation and is either a date or indented by at least two spaces (right-aligned); a
    page footer (chrome) under the sign-off is skipped.
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
        right = text.startswith("  ") and len(stripped) <= 60 and not (_SENTENCE & set(stripped))
        if not (is_date or right):
            break
        trailing.insert(0, stripped)
        blocks.pop()
    return trailing


def _section(key: str) -> SectionSpec:
    return next(s for s in _SECTIONS if s.key == key)


_SIGN_OFF_DATE = re.compile(r"^[12][0-9]{3}年[0-9]{1,2}月[0-9]{1,2}日$")


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
