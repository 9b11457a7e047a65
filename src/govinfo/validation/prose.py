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
from collections.abc import Callable, Iterable
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

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
#: Two characters, one of which every receiving verb holds (a quick test before :data:`_RECEIVED`).
_VERB_HINTS = ("收", "受")
assert all(any(c in verb for c in _VERB_HINTS) for verb in RECEIVING_VERBS)
#: What may come between an outcome's name and its count (``予以公开的11件``).
_LINKS = "的为共"
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
    #: key → ``pick(cells)``: the values of those cells, as a tuple.
    pick_of: dict[str, Callable[[tuple[Any, ...]], tuple[Any, ...]]]
    #: The key of the 总计 column.
    total: str
    #: The indices of the 总计 cells of the rows coming in (一, 二) and of （七）, if the
    #: layout has them, and how many rows come in.
    received: tuple[int, ...] | None
    coming_in: int
    #: :attr:`outcome` for text read backwards (see :func:`_outcomes`), with keyword read
    #: backwards → the key of its row or group; ``None`` if a keyword holds a digit or 件 or
    #: ends with 的/为/共, and :attr:`outcome` is run instead.
    backward: re.Pattern[str] | None
    key_of_backward: dict[str, str]


def _pick(indices: tuple[int, ...]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """The cells at ``indices``, always as a tuple."""
    return itemgetter(*indices) if len(indices) > 1 else itemgetter(slice(indices[0], indices[0] + 1))


@cache
def _layout(spec: TableSpec) -> _Layout:
    from .rules import flows

    keywords = outcome_keywords(spec)
    pattern = "|".join(re.escape(k) for k, _, _ in keywords)
    total = next(c.key for c in spec.grids[0].columns if c.is_total)

    def totals(rows: Iterable[RowSpec]) -> tuple[int, ...]:
        return tuple(spec.cell(r.key, total).index for r in rows)

    split = flows(spec)
    backwards = all(k and not re.search(f"[0-9{COUNTER}]", k) and k[-1] not in _LINKS for k, _, _ in keywords)
    backward = "|".join(re.escape(k[::-1]) for k, _, _ in keywords)  # longest first, as forwards
    return _Layout(
        outcome=re.compile(f"({pattern})(?:{'|'.join(_LINKS)})?([0-9]+){COUNTER}"),
        key_of={k: key for k, key, _ in keywords},
        rows_of={key: rows for _, key, rows in keywords},
        totals_of={key: totals(rows) for _, key, rows in keywords},
        pick_of={key: _pick(totals(rows)) for _, key, rows in keywords},
        total=total,
        received=None if split is None else totals((*split[0], split[1][0])),
        coming_in=0 if split is None else len(split[0]),
        backward=re.compile(f"{COUNTER}([0-9]+)[{_LINKS}]?({backward})") if backwards else None,
        key_of_backward={k[::-1]: key for k, key, _ in keywords},
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


#: A count as the scan finds it: ``(kind, number, text, subsection, paragraph, title)``, the
#: fields of a :class:`StatedCount` (built only for a caller who asks, or for a finding).
_Found = tuple[str, int, str, "int | None", int, "str | None"]

#: The marks of :data:`_SENTENCE` and :data:`_CLAUSE` that normalised text can hold: NFKC folds
#: the full-width ones (；！？，：) to the others, and whitespace is removed. So normalised text
#: is split with ``str.split`` after folding the marks to one, as the patterns would split it.
_SENTENCE_MARKS = tuple(c for c in _SENTENCE.pattern[1:-1].replace("\\n", "\n") if _normalize(c) == c)
_CLAUSE_MARKS = tuple(c for c in _CLAUSE.pattern[1:-1] if _normalize(c) == c)


def _split(text: str, marks: tuple[str, ...]) -> list[str]:
    """``text`` split at each of ``marks`` (single characters), as ``re.split`` would."""
    first, *others = marks
    for mark in others:
        if mark in text:
            text = text.replace(mark, first)
    return text.split(first)


def _outcomes(clause: str, layout: _Layout) -> list[tuple[str, int, str]]:
    """``(key, number, text)`` of each outcome count of a clause: what
    ``layout.outcome.finditer(clause)`` finds, found by reading the clause backwards.

    Read forwards, the pattern starts with one of two dozen keywords, tried at every character;
    read backwards it starts with 件, which the regular expression engine finds as quickly as
    ``str.find``. The matches are the same: no keyword holds a digit or 件, so each match ends at
    a count (the whole run of digits, and its 件) and starts after the previous count; no
    keyword ends with 的/为/共, so whether one of them stands before the digits says which of
    the two forms a match takes; and of the keywords that end there, both find the longest
    (forwards, the one that starts first).
    """
    backward = layout.backward
    if backward is None:
        key_of = layout.key_of
        return [(key_of[m.group(1)], int(m.group(2)), m.group(0)) for m in layout.outcome.finditer(clause)]
    key_of = layout.key_of_backward
    out = [
        (key_of[m.group(2)], int(m.group(1)[::-1]), m.group(0)[::-1]) for m in backward.finditer(clause[::-1])
    ]
    out.reverse()
    return out


def _found(report: Report) -> list[_Found]:
    """Every request count the prose of 一 states, in order (see :func:`stated_counts`).

    What the module docstring describes, read as the plain reading would (normalise each
    paragraph, split it into sentences and clauses, match the two patterns in each clause:
    ``tests/property/test_validation_props.py`` compares them), but quicker: a paragraph is
    normalised only if it may state a count, and a sentence or clause is read further only if it
    holds 件, with string methods rather than patterns where they give the same answer. (Plain
    loops: on CPython 3.11 they cost less than comprehensions here.)
    """
    overview = report.overview
    todo: list[tuple[int | None, int, str | None, str]] = []
    # Counted by hand: an enumerate object per subsection costs more than the counting.
    i = 0
    for p in overview.paragraphs:
        if COUNTER in p:
            todo.append((None, i, None, p))
        i += 1  # noqa: SIM113
    s = 0
    for sub in overview.subsections:
        i = 0
        for p in sub.paragraphs:
            if COUNTER in p:
                todo.append((s, i, sub.title, p))
            i += 1  # noqa: SIM113
        s += 1  # noqa: SIM113
    out: list[_Found] = []
    if not todo:
        return out
    layout = _layout(report.requests.spec)
    appeal_words = _appeal_words(report.edition_spec)
    for sub_index, i, title, paragraph in todo:
        if not _may_state_a_count(paragraph):
            continue
        for sentence in _split(_normalize(paragraph), _SENTENCE_MARKS):
            if COUNTER not in sentence or REQUEST_WORD not in sentence:  # no count, or not about requests
                continue
            for clause in _split(sentence, _CLAUSE_MARKS):
                if COUNTER not in clause:  # no count, so no match of either pattern
                    continue
                if (
                    REQUEST_WORD in clause
                    and (_VERB_HINTS[0] in clause or _VERB_HINTS[1] in clause)
                    and not any(w in clause for w in appeal_words)
                ):
                    for m in _RECEIVED.finditer(clause):
                        out.append(("received", int(m.group(1)), m.group(0), sub_index, i, title))
                for key, number, text in _outcomes(clause, layout):
                    out.append((key, number, text, sub_index, i, title))
    return out


def _stated(found: _Found) -> StatedCount:
    kind, number, text, sub, i, title = found
    return StatedCount(kind=kind, number=number, text=text, subsection=sub, paragraph=i, title=title)


def stated_counts(report: Report) -> list[StatedCount]:
    """Every request count the prose of 一 states, in order."""
    return [_stated(found) for found in _found(report)]


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
        found = _found(report)
        if not found:
            return []
        table, edition = report.requests, report.edition_spec
        spec = table.spec
        layout = _layout(spec)
        total_col, rows_of, pick_of = layout.total, layout.rows_of, layout.pick_of
        si = section_index(edition, "overview")
        cells = table.cells
        received: list[int] | None = None
        out = []
        for n, found_n in enumerate(found):
            kind, number = found_n[0], found_n[1]
            if kind == "received":
                if received is None:
                    received = self._received(report, layout) or []
                if not received or number in received:
                    continue
                count = _stated(found[n])
                where = _where(report, count)
                stated = list(zip(_received_labels(edition, spec, total_col), received))
                listing_zh = "，".join(f"{label} 为 {v}" for label, v in stated)
                listing_en = "; ".join(f"{label} is {v}" for label, v in stated)
                out.append(
                    make_finding(
                        "S6-prose-requests",
                        report,
                        where,
                        message_zh=f"{where.label} 写明“{count.text}”，但表中{listing_zh}，均不相符。",
                        message_en=f"{where.label} [{where.label_en}] says “{count.text}” ({count.number}), "
                        f"but in the table {listing_en}: none agrees.",
                        expected=stated[0][1],
                        actual=count.number,
                        position=(si, n),
                    )
                )
                continue
            try:
                value = sum(pick_of[kind](cells))
            except TypeError:  # a blank among them
                continue
            if value == number or type(value) is not int:  # (anything not a count is skipped too)
                continue
            rows = rows_of[kind]
            count = _stated(found[n])
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
        values: list[int] = []
        for i in layout.received:
            v = report.requests.cells[i]
            if type(v) is not int:
                return None
            values.append(v)
        return [values[0], sum(values[: layout.coming_in]), values[-1]]


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
