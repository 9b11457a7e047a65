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

import re
from collections.abc import Iterable, Sequence

from ..catalogue import GridSpec
from ..narrative import Narrative
from ..report import Report
from ..table import Table
from ._common import Located, Marks, Style, display_width, inline, printed_columns, value_cell

__all__ = ["escape", "render_markdown"]

_MARKUP = frozenset("\\`*_[]<>|~#$&")
_TRANS = {ord(c): "\\" + c for c in _MARKUP}
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
    text = inline(text).lstrip(" ").translate(_TRANS)
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
    spec = table.spec
    blocks = []
    for grid in spec.grids:
        if grid.caption:
            blocks.append(f"**{escape(style.caption(grid))}**")
        blocks.append(_pipe_table(*_rows(table, grid, style, marks)))
    return blocks


def _rows(table: Table, grid: GridSpec, style: Style, marks: Marks) -> tuple[list[str], list[list[str]]]:
    columns = printed_columns(grid)
    top = [style.label(grid.header)] if grid.header else []
    header = [style.corner(grid)] + [
        " · ".join([*top, *([style.label(c.group)] if c.group else []), style.label(c)]) for c in columns
    ]
    rows: list[list[str]] = []
    previous: list[object] = []
    for row in grid.rows:
        outer = [g for g in row.groups if not g.qualifies]
        for level, group in enumerate(outer):
            if previous[: level + 1] != outer[: level + 1]:
                rows.append([style.label(group)] + [""] * len(columns))
        previous = list(outer)
        cells = [style.full_label(row)]
        for column in columns:
            value = value_cell(table, style, marks, row, column)
            cells.append(value.text + ("*" if value.marks else ""))
        rows.append(cells)
    return header, rows


def _pipe_table(header: list[str], rows: list[list[str]]) -> str:
    cells = [[escape(c, block_start=False) for c in row] for row in (header, *rows)]
    widths = [max(3, *(display_width(r[k]) for r in cells)) for k in range(len(header))]

    def line(row: list[str], numeric: bool) -> str:
        parts = []
        for k, (text, width) in enumerate(zip(row, widths)):
            pad = " " * (width - display_width(text))
            parts.append(pad + text if numeric and k else text + pad)
        return "| " + " | ".join(parts) + " |"

    rule = (
        "| " + " | ".join(("-" * w if k == 0 else "-" * (w - 1) + ":") for k, w in enumerate(widths)) + " |"
    )
    return "\n".join([line(cells[0], False), rule, *(line(r, True) for r in cells[1:])])
