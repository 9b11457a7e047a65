"""A report as GitHub-flavoured Markdown: headings, paragraphs and pipe tables.

The layout
----------
Blocks are separated by one empty line; the output ends with one ``\\n``.

- ``# <title>``; the preamble's paragraphs; then for each section ``## 一、总体情况`` (English
  ``## I. Overview``). A narrative section is its paragraphs, then for each subsection
  ``### （一）<title>`` and its paragraphs. **Each paragraph is one line**: a line break inside a
  paragraph becomes a space.
- A table section is one GFM pipe table per grid, in official order. Pipe tables cannot merge
  cells, so the official hierarchy is spelled out in the labels, joined with ``␣·␣``:

  - 二: for each sub-grid a paragraph ``**第二十条第（一）项**`` (the caption, in bold), then a
    table whose header is ``信息内容`` and the column labels, and one line per data row.
  - 三: the header is the 勾稽关系 note (the official corner) then the seven column paths
    ``申请人情况 · 自然人``, ``申请人情况 · 法人或其他组织 · 商业企业``, …, ``申请人情况 · 总计``. Each data
    row is its full label (``（三）不予公开 · 1.属于国家秘密``) and seven values. The group
    ``三、本年度办理结果``, whose label is not part of its rows' labels, is a row of its own with
    seven empty cells, before its first row.
  - 四: the catalogue's three rows (``行政复议``, ``行政诉讼 · 未经复议直接起诉``,
    ``行政诉讼 · 复议后起诉``) under the five outcome columns, an empty corner first: the same
    15 values as the official one-row form, easier to read in a pull request.
  - Values are formatted as in :mod:`govinfo.render.text`; a blank cell is empty (never 0).
    Label columns are left-aligned, value columns right-aligned; the source is padded so its
    pipes line up in a monospaced font.
- ``---``, then the agency and (if known) the publication date, each a paragraph.
- Only when findings are passed: ``## 校验发现`` (``## Findings``) and a numbered list, one item
  per finding: path, ``[code]``, message. A cell a finding marks ends in ``*``.

Escaping: nothing from the report can open a block, break a table or add markup. Its text is
made one line (:func:`govinfo.render._common.inline`), then every ASCII character that
Markdown, GFM or GitHub treat as markup (``\\ ` * _ [ ] < > | ~ # $ &``) is backslash-escaped,
leading spaces (which could make a code block) are dropped, and a leading ``-``, ``+``, ``=`` or
``1.``/``1)`` is escaped so it cannot start a list or a rule. ``<script>`` is printed as text.

>>> import govinfo
>>> md = govinfo.render_markdown(govinfo.examples.linping_education_2023())
>>> [line for line in md.splitlines() if "1.属于国家秘密" in line][0][:40]
'| （三）不予公开 · 1.属于国家秘密 ...
>>> try:
...     govinfo.render_markdown(govinfo.examples.linping_education_2023(), locale="xx_YY")
... except govinfo.GovinfoError as e:
...     print(e.code)
unknown_locale
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..catalogue import TableSpec
from ..narrative import Narrative
from ..report import Report
from ..table import Table
from ._common import (
    Located,
    Marks,
    Slot,
    SlotReader,
    Style,
    cell_slot,
    display_width,
    inline,
    printed_columns,
    slot_reader,
    slot_texts,
)

__all__ = ["escape", "render_markdown"]

_MARKUP = frozenset("\\`*_[]<>|~#$&")
#: One of :data:`_MARKUP`: escaped with a regular expression, which for Chinese text is many
#: times quicker than ``str.translate`` (a dict look-up per character).
_MARKUP_CHAR = re.compile("[" + re.escape("".join(sorted(_MARKUP))) + "]")
_LEADING = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=[ ]|$))")
_FINDINGS = ("校验发现", "Findings")


def escape(text: str, *, block_start: bool = True) -> str:
    r"""``text`` as literal inline Markdown on one line, safe in a paragraph, heading or table cell.

    ``block_start=False`` leaves a leading ``-``, ``+``, ``=``, ``1.`` alone: in a table cell
    they cannot start a block.

    >>> escape("<script>|`x`|\n# 1. *a*")
    '\\<script\\>\\|\\`x\\`\\| \\# 1. \\*a\\*'
    >>> escape("1. first"), escape("- item")
    ('1\\. first', '\\- item')
    """
    text = inline(text).lstrip(" ")
    if _MARKUP_CHAR.search(text):
        text = _MARKUP_CHAR.sub(r"\\\g<0>", text)
    if not block_start:
        return text
    return _LEADING.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text, count=1)


def render_markdown(
    report: Report, *, locale: str = "zh_CN", findings: Iterable[Located] | None = None
) -> str:
    """The report as GitHub-flavoured Markdown (see the module docs for the layout).

    ``locale`` chooses the labels (English for ``en``, Chinese otherwise) and the number
    format; ``findings`` (e.g. from :func:`govinfo.validate`) are marked and listed.
    Raises :class:`~govinfo.errors.RenderError` (``unknown_locale``) for a locale Babel
    does not know.

    >>> import govinfo
    >>> md = render_markdown(govinfo.examples.linping_education_2023(), locale="en")
    >>> md.splitlines()[0]
    '# 杭州市临平区教育局: Annual Report on Government Information Disclosure, 2023'
    >>> try:
    ...     render_markdown(govinfo.examples.linping_education_2023(), locale="")
    ... except govinfo.GovinfoError as e:
    ...     print(e.code)
    unknown_locale
    """
    style = Style.of(locale)
    marks = Marks.of(report, findings)
    blocks = ["# " + escape(style.title(report))]
    blocks += _paragraphs(report.preamble)
    for i, section in enumerate(report.edition_spec.sections):
        blocks.append("## " + escape(style.section_heading(i, section)))
        content = getattr(report, section.key)
        if isinstance(content, Narrative):
            blocks += _paragraphs(content.paragraphs)
            for j, sub in enumerate(content.subsections):
                blocks.append("### " + escape(style.subsection_number(j) + inline(sub.title)))
                blocks += _paragraphs(sub.paragraphs)
        else:
            blocks += _tables(content, style, marks)
    blocks.append("---")
    blocks.append(escape(report.agency) or "\\-")
    if report.published is not None:
        blocks.append(escape(style.date(report.published)))
    if marks:
        blocks.append("## " + _FINDINGS[style.english])
        items = []
        for number, finding in enumerate(marks.findings, 1):
            path, code, message = marks.describe(finding, style)
            words = [escape(path), f"\\[{escape(code)}\\]" if code else "", escape(message)]
            items.append(f"{number}. " + " ".join(w for w in words if w))
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"


def _paragraphs(paragraphs: Sequence[str]) -> list[str]:
    return [p for p in map(escape, paragraphs) if p.strip()]


def _tables(table: Table, style: Style, marks: Marks) -> list[str]:
    """A table section's blocks: for each grid its caption (if any) and a pipe table.

    What does not depend on the values (the escaped header and labels, the label column
    padded to its width, the least width of each column) is worked out once per layout and
    style (:func:`_plan`); per report only the values are formatted, escaped and padded.
    """
    plan = _plan(table.spec, style)
    texts = slot_texts(table.cells, style, plan.slots, plan.read)
    if marks:
        texts = [t + "*" if marks.get(slot.path) else t for t, slot in zip(texts, plan.slots)]
    escaped = [_escaped(t) for t in texts]
    value_widths = [w for _, w in escaped]
    widths = list(plan.widths)
    for column, pick in plan.columns:
        widths[column] = max(widths[column], *pick(value_widths))
    padded = [" " * (widths[c] - w) + t for (t, w), c in zip(escaped, plan.slot_columns)]
    blocks = []
    for grid in plan.grids:
        if grid.caption is not None:
            blocks.append(grid.caption)
        own = widths[grid.start : grid.start + len(grid.header)]
        header = [h + " " * (w - hw) for h, hw, w in zip(grid.header, grid.header_widths, own)]
        lines = ["| " + " | ".join(header) + " |"]
        lines.append("| " + " | ".join(["-" * own[0], *("-" * (w - 1) + ":" for w in own[1:])]) + " |")
        blanks = "".join(" | " + " " * w for w in own[1:]) + " |"
        for label, first, end in grid.rows:
            # a group's own row has no values
            lines.append(
                label + " | " + " | ".join(padded[first:end]) + " |" if end > first else label + blanks
            )
        blocks.append("\n".join(lines))
    return blocks


@functools.lru_cache(maxsize=4096)
def _escaped(text: str) -> tuple[str, int]:
    """A value as a table cell: escaped, and its display width."""
    text = escape(text, block_start=False)
    return text, display_width(text)


@attrs.frozen
class _PipeTable:
    """What a grid's pipe table has whatever the values."""

    #: The caption paragraph (``**…**``), if the grid has a caption.
    caption: str | None
    #: Where the grid's columns start in :attr:`_Plan.widths`.
    start: int
    #: The header cells (escaped) and their widths.
    header: tuple[str, ...]
    header_widths: tuple[int, ...]
    #: Each row: ``"| "`` and its label padded to the label column, and the range of the
    #: slots holding its values (empty for a group's own row).
    rows: tuple[tuple[str, int, int], ...]


@attrs.frozen
class _Plan:
    """A table's pipe tables, whatever the values. The columns of all its grids are numbered
    together, one after another."""

    slots: tuple[Slot, ...]
    read: SlotReader
    #: Each column's width from its fixed cells (at least 3); a label column's is final.
    widths: tuple[int, ...]
    #: The column of each slot.
    slot_columns: tuple[int, ...]
    #: Each value column holding slots, and a picker of their widths.
    columns: tuple[tuple[int, _Picker], ...]
    grids: tuple[_PipeTable, ...]


@functools.lru_cache(maxsize=256)
def _plan(spec: TableSpec, style: Style) -> _Plan:
    slots: list[Slot] = []
    slot_columns: list[int] = []
    widths: list[int] = []
    grids = []
    for grid in spec.grids:
        start = len(widths)
        columns = printed_columns(grid)
        top = [style.label(grid.header)] if grid.header else []
        header = [style.corner(grid)] + [
            " · ".join([*top, *([style.label(c.group)] if c.group else []), style.label(c)]) for c in columns
        ]
        labels: list[str] = []
        ranges: list[tuple[int, int]] = []
        previous: list[object] = []
        for row in grid.rows:
            outer = [g for g in row.groups if not g.qualifies]
            for level, group in enumerate(outer):
                if previous[: level + 1] != outer[: level + 1]:
                    labels.append(style.label(group))
                    ranges.append((len(slots), len(slots)))
            previous = list(outer)
            labels.append(style.full_label(row))
            ranges.append((len(slots), len(slots) + len(columns)))
            slots += [cell_slot(spec, row, column) for column in columns]
            slot_columns += range(start + 1, start + 1 + len(columns))
        header = [escape(c, block_start=False) for c in header]
        labels = [escape(c, block_start=False) for c in labels]
        widths.append(max(3, *(display_width(c) for c in (header[0], *labels))))
        widths += [max(3, display_width(h)) for h in header[1:]]
        grids.append(
            _PipeTable(
                caption=f"**{escape(style.caption(grid))}**" if grid.caption else None,
                start=start,
                header=tuple(header),
                header_widths=tuple(display_width(h) for h in header),
                rows=tuple(
                    ("| " + label + " " * (widths[start] - display_width(label)), first, end)
                    for label, (first, end) in zip(labels, ranges)
                ),
            )
        )
    by_column: dict[int, list[int]] = {}
    for number, column in enumerate(slot_columns):
        by_column.setdefault(column, []).append(number)
    return _Plan(
        slots=tuple(slots),
        read=slot_reader(slots),
        widths=tuple(widths),
        slot_columns=tuple(slot_columns),
        columns=tuple((column, _picker(numbers)) for column, numbers in by_column.items()),
        grids=tuple(grids),
    )


#: Picks some of a list of widths, as a tuple (:func:`_picker`).
_Picker = Callable[[Sequence[int]], Sequence[int]]


def _picker(indexes: Sequence[int]) -> _Picker:
    """``operator.itemgetter(*indexes)`` (at least one), always returning a tuple."""
    if len(indexes) == 1:
        index = indexes[0]
        return lambda items: (items[index],)
    return operator.itemgetter(*indexes)
