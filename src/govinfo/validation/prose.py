"""S6: request counts stated in the prose of 一、总体情况, compared with the table of 三.

Reports often repeat the figures of 三 in words: "全年受理依申请公开12件，其中：予以公开的11件，
本机关不掌握相关政府信息1件" (Linping 2023). This rule finds such counts and warns when the table
disagrees.

What it reads (after NFKC folding and removing whitespace, so ``１２`` and ``12 件`` count):

- **requests received**: a verb of receiving (受理, 收到, 新收, 接收, 收悉) followed within the same
  clause by a number of 件, in a clause that mentions 申请 and does not name an appeal row of 四
  (so "收到行政复议申请2件" is not read as requests). The number must equal one of 一 (本年新收),
  一 + 二, or （七）总计, all in the 总计 column (the prose may count either way).
- **outcomes**: an outcome named by its catalogue label without numbering or notes (予以公开,
  部分公开, 不予公开, 本机关不掌握相关政府信息, 重复申请, …; labels shorter than four characters
  such as 其他 are too vague and skipped) followed by a number of 件, in a sentence that mentions
  申请. A leaf row compares with its 总计; a group (不予公开, 无法提供, …) with the sum of its rows.

Numbers in Chinese numerals (十二件) are not read. A paragraph with no such count is not a
finding; blanks in the table are skipped (they have their own findings).

>>> import govinfo
>>> from govinfo.validation.prose import S6, stated_counts
>>> r = govinfo.examples.linping_education_2023()
>>> for c in stated_counts(r):
...     print(c.kind, c.number, c.text)
received 12 受理依申请公开12件
results.granted 11 予以公开的11件
results.unable.not_held 1 本机关不掌握相关政府信息1件
>>> S6(r)
[]
>>> import attrs
>>> from govinfo import Narrative
>>> bad = attrs.evolve(r, overview=Narrative.of("全年共收到政府信息公开申请13件。"))
>>> [f.code for f in S6(bad)]
['S6-prose-requests']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import attrs

from .._unicode import nfkc
from ..catalogue import Edition, RowSpec, TableSpec, common
from .findings import Finding, make_finding
from .locations import (
    Location,
    cell_location,
    group_location,
    paragraph_location,
    section_index,
    short_label,
    strip_numbering,
)

if TYPE_CHECKING:
    from ..report import Report

__all__ = ["S6", "ProseCounts", "StatedCount", "outcome_keywords", "stated_counts"]

#: Verbs of receiving a request (prose vocabulary, not labels of the format).
RECEIVING_VERBS: tuple[str, ...] = ("受理", "收到", "新收", "接收", "收悉")
#: The word every clause about requests contains.
REQUEST_WORD = "申请"

#: The measure word every count ends with (``12件``).
COUNTER = "件"

_SENTENCE = re.compile(r"[。；;！!？?\n]")
_CLAUSE = re.compile(r"[，,：:]")
#: What every count holds (its last digit and 件): a clause without it states none.
_COUNTED = re.compile(f"[0-9]{COUNTER}")
_RECEIVED = re.compile("(?:{})[^0-9]{{0,24}}?([0-9]+){}".format("|".join(RECEIVING_VERBS), COUNTER))
_NOTE = re.compile(r"（[^）]*）")


@attrs.frozen(kw_only=True)
class StatedCount:
    """A count found in the prose."""

    #: ``"received"``, or the row key (or group key path, e.g. ``results.withheld``) of an outcome.
    kind: str
    number: int
    #: The words it was read from, e.g. ``予以公开的11件``.
    text: str
    #: 0-based subsection index (``None``: before the first subsection) and paragraph index.
    subsection: int | None
    paragraph: int
    #: The subsection title, if any.
    title: str | None = None


@cache
def outcome_keywords(spec: TableSpec) -> tuple[tuple[str, str, tuple[RowSpec, ...]], ...]:
    """``(keyword, key, rows)`` for every outcome row and group of a request layout.

    The keyword is the catalogue label without its numbering and notes: ``（二）部分公开（区分处理的…）``
    gives ``部分公开``. ``rows`` are the leaf rows whose 总计 the count is compared with. Longest
    keywords first, so that a longer label is matched before any label inside it.
    """
    total = next(r for r in spec.rows if r.is_total and r.groups)
    leaves = spec.summed_rows(total.key)
    found: dict[str, tuple[str, tuple[RowSpec, ...]]] = {}
    for row in leaves:
        found.setdefault(_NOTE.sub("", strip_numbering(row.label)), (row.key, (row,)))
        for depth, group in enumerate(row.groups[1:], start=1):
            members = tuple(r for r in leaves if r.groups[: depth + 1] == row.groups[: depth + 1])
            key = row.key.rsplit(".", len(row.groups) - depth)[0]
            found.setdefault(_NOTE.sub("", strip_numbering(group.label)), (key, members))
    out = [(k, key, rows) for k, (key, rows) in found.items() if len(k) >= 4]
    return tuple(sorted(out, key=lambda t: -len(t[0])))


@cache
def _appeal_words(edition: Edition) -> tuple[str, ...]:
    spec = edition.appeals
    words = {r.label for r in spec.rows} | {g.label for r in spec.rows for g in r.groups}
    return tuple(sorted(words))


class _Layout(NamedTuple):
    """What S6 reads of a request layout, found once per layout."""

    #: An outcome keyword followed by a count: ``予以公开的11件``.
    outcome: re.Pattern[str]
    #: keyword → the key of its row or group.
    key_of: dict[str, str]
    #: key → the rows whose 总计 a count is compared with, and the indices of those cells.
    rows_of: dict[str, tuple[RowSpec, ...]]
    totals_of: dict[str, tuple[int, ...]]
    #: The key of the 总计 column.
    total: str
    #: The indices of the 总计 cells of the rows coming in (一, 二) and of （七）, if the
    #: layout has them, and how many rows come in.
    received: tuple[int, ...] | None
    coming_in: int


@cache
def _layout(spec: TableSpec) -> _Layout:
    from .rules import flows

    keywords = outcome_keywords(spec)
    pattern = "|".join(re.escape(k) for k, _, _ in keywords)
    total = next(c.key for c in spec.grids[0].columns if c.is_total)

    def totals(rows: Iterable[RowSpec]) -> tuple[int, ...]:
        return tuple(spec.cell(r.key, total).index for r in rows)

    split = flows(spec)
    return _Layout(
        outcome=re.compile(f"({pattern})(?:的|为|共)?([0-9]+){COUNTER}"),
        key_of={k: key for k, key, _ in keywords},
        rows_of={key: rows for _, key, rows in keywords},
        totals_of={key: totals(rows) for _, key, rows in keywords},
        total=total,
        received=None if split is None else totals((*split[0], split[1][0])),
        coming_in=0 if split is None else len(split[0]),
    )


def _normalize(text: str) -> str:
    """NFKC, without whitespace."""
    return "".join(nfkc(text).split())


def _may_state_a_count(paragraph: str) -> bool:
    """False when the paragraph surely states no count, judged before normalising it.

    A count ends in a digit and 件 once normalised. No other character folds to 件, and a CJK
    ideograph folds to itself: a paragraph where every 件 follows an ideograph has no count.
    """
    at = paragraph.find(COUNTER, 1)
    while at > 0:
        if not "\u4e00" <= paragraph[at - 1] <= "\u9fff":
            return True
        at = paragraph.find(COUNTER, at + 1)
    return False


def _sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph that can state a count, normalised."""
    if not _may_state_a_count(paragraph):
        return []
    return [s for s in _SENTENCE.split(_normalize(paragraph)) if _COUNTED.search(s)]


def _paragraphs(report: Report) -> Iterator[tuple[int | None, int, str | None, str]]:
    for i, p in enumerate(report.overview.paragraphs):
        yield None, i, None, p
    for s, sub in enumerate(report.overview.subsections):
        for i, p in enumerate(sub.paragraphs):
            yield s, i, sub.title, p


def stated_counts(report: Report) -> list[StatedCount]:
    """Every request count the prose of 一 states, in order."""
    layout = _layout(report.requests.spec)
    appeal_words = _appeal_words(report.edition_spec)
    out = []
    for sub, i, title, paragraph in _paragraphs(report):
        for sentence in _sentences(paragraph):
            if REQUEST_WORD not in sentence:
                continue
            for clause in _CLAUSE.split(sentence):
                if not _COUNTED.search(clause):
                    continue
                if REQUEST_WORD in clause and not any(w in clause for w in appeal_words):
                    for m in _RECEIVED.finditer(clause):
                        out.append(
                            StatedCount(
                                kind="received",
                                number=int(m.group(1)),
                                text=m.group(0),
                                subsection=sub,
                                paragraph=i,
                                title=title,
                            )
                        )
                for m in layout.outcome.finditer(clause):
                    out.append(
                        StatedCount(
                            kind=layout.key_of[m.group(1)],
                            number=int(m.group(2)),
                            text=m.group(0),
                            subsection=sub,
                            paragraph=i,
                            title=title,
                        )
                    )
    return out


def _where(report: Report, count: StatedCount) -> Location:
    loc = paragraph_location(report.edition_spec, "overview", count.subsection, count.paragraph)
    if count.subsection is None:
        return loc
    numeral = common.NUMERALS[count.subsection]
    return attrs.evolve(
        loc,
        label=f"{loc.label} · （{numeral}）{count.title}",
        label_en=f"{loc.label_en} · ({count.subsection + 1}) {count.title}",
    )


@attrs.frozen(kw_only=True)
class ProseCounts:
    """S6: counts of requests stated in the prose of 一 agree with 三 (warnings)."""

    @property
    def codes(self) -> tuple[str, ...]:
        return ("S6-prose-requests", "S6-prose-outcome")

    def __call__(self, report: Report) -> list[Finding]:
        counts = stated_counts(report)
        if not counts:
            return []
        table, edition = report.requests, report.edition_spec
        spec = table.spec
        layout = _layout(spec)
        total_col, rows_of = layout.total, layout.rows_of
        si = section_index(edition, "overview")
        out = []
        for n, count in enumerate(counts):
            if count.kind == "received":
                received = self._received(report, layout)
                if received is None or count.number in received:
                    continue
                where = _where(report, count)
                found = list(zip(_received_labels(edition, spec, total_col), received))
                listing_zh = "，".join(f"{label} 为 {v}" for label, v in found)
                listing_en = "; ".join(f"{label} is {v}" for label, v in found)
                out.append(
                    make_finding(
                        "S6-prose-requests",
                        report,
                        where,
                        message_zh=f"{where.label} 写明“{count.text}”，但表中{listing_zh}，均不相符。",
                        message_en=f"{where.label} [{where.label_en}] says “{count.text}” ({count.number}), "
                        f"but in the table {listing_en}: none agrees.",
                        expected=found[0][1],
                        actual=count.number,
                        position=(si, n),
                    )
                )
                continue
            rows = rows_of[count.kind]
            values = [table.cells[i] for i in layout.totals_of[count.kind]]
            if any(type(v) is not int for v in values):
                continue
            value = sum(v for v in values if type(v) is int)
            if value == count.number:
                continue
            where = _where(report, count)
            if len(rows) == 1 and rows[0].key == count.kind:
                place = cell_location(edition, spec, spec.cell(rows[0].key, total_col))
            else:
                group = rows[0].groups[count.kind.count(".")]
                place = group_location(edition, spec, count.kind, group, total_col)
            label, label_en = place.label, place.label_en
            out.append(
                make_finding(
                    "S6-prose-outcome",
                    report,
                    where,
                    message_zh=f"{where.label} 写明“{count.text}”，但 {label} 为 {value}。",
                    message_en=f"{where.label} [{where.label_en}] says “{count.text}” ({count.number}), "
                    f"but {label} [{label_en}] is {value}.",
                    expected=value,
                    actual=count.number,
                    position=(si, n),
                )
            )
        return out

    def _received(self, report: Report, layout: _Layout) -> list[int] | None:
        """The values of 一, 一 + 二 and （七） in the 总计 column; ``None`` if one is blank."""
        if layout.received is None:
            return None
        values = [report.requests.cells[i] for i in layout.received]
        if any(type(v) is not int for v in values):
            return None
        ints = [v for v in values if type(v) is int]
        return [ints[0], sum(ints[: layout.coming_in]), ints[-1]]


@cache
def _received_labels(edition: Edition, spec: TableSpec, total_col: str) -> tuple[str, str, str]:
    """The labels of the values :meth:`ProseCounts._received` gives."""
    from .rules import flows

    split = flows(spec)
    assert split is not None
    ins, outs = split
    first = cell_location(edition, spec, spec.cell(ins[0].key, total_col)).label
    numeral = common.NUMERALS[section_index(edition, spec.key)]
    both = " + ".join(short_label(r) for r in ins)
    concluded = cell_location(edition, spec, spec.cell(outs[0].key, total_col)).label
    column = spec.cell(ins[0].key, total_col).column.label
    return first, f"{numeral} · {both} / {column}", concluded


#: S6, ready to use.
S6 = ProseCounts()
