"""A report as one self-contained, accessible HTML document with the official merged cells.

The document
------------
``<!DOCTYPE html>``, UTF-8 (``<meta charset="utf-8">``), ``<html lang>`` (``zh-CN`` for the
Chinese labels; ``en`` in English, where the report's own Chinese text is marked
``lang="zh-CN"``), a ``<title>``, a small inline stylesheet (print-friendly: black on white,
table headers repeated on each printed page, rows not split across pages) and no script,
link or external resource.

``<article>``: ``<h1>`` title; the preamble's ``<p>``; one ``<section>`` per section with an
``<h2>`` (``一、总体情况``), then ``<p>`` paragraphs and ``<h3>`` subsections (``（一）…``), or
one ``<table>``; a ``<footer>`` with the agency and the publication date (``<time>``).
A line break inside a paragraph is a ``<br>``; other control characters become U+FFFD.
Every piece of text is escaped, so a narrative's ``<script>`` is shown as text.

Each table has a ``<caption>`` (the section's label), ``<th>`` with ``scope`` for every header
and an ``id``, and ``headers`` on every value cell naming its row and column headers (the
official headers nest several levels deep, which ``scope`` alone does not convey). The merged
cells are those of the official form (report-format.md §2–4):

- 二: one ``<tbody>`` per sub-grid: a caption row (``<th colspan=4 scope=colgroup>`` in
  2021), a header row (``信息内容`` and the column labels), the data rows (``<th scope=row>``
  and the values). In a sub-grid narrower than the table the last column spans the rest
  (2021: the single value columns have ``colspan=3``).
- 三: ``<thead>`` of three rows: the 勾稽关系 note (``<td colspan=3 rowspan=3>``, a note, not a
  header) and ``申请人情况`` (``colspan=7``); ``自然人`` (``rowspan=2``), ``法人或其他组织``
  (``colspan=5``), ``总计`` (``rowspan=2``); the five kinds of organisation. ``<tbody>``: rows
  一、 二、 and 四、 have a label with ``colspan=3``; ``三、本年度办理结果`` is a
  ``<th scope=rowgroup rowspan=22>`` (20 in the 2019 edition and for an undivided （六）),
  beside ``（一）`` and ``（二）`` (``colspan=2``), the groups ``（三）`` (``rowspan=8``), ``（四）`` (3),
  ``（五）`` (5) and ``（六）`` (3, or one ``colspan=2`` row when undivided) and ``（七）总计``
  (``colspan=2``).
- 四: ``<thead>``: ``行政复议`` (``colspan=5``), ``行政诉讼`` (``colspan=10``); the five review
  outcomes (``rowspan=2`` each), ``未经复议直接起诉`` and ``复议后起诉`` (``colspan=5`` each); their
  ten outcomes. ``<tbody>``: one row of 15 values.

Blank cells are empty ``<td>``. When findings are passed, a marked cell has the class
``flagged``, a visible ``*`` and ``aria-describedby`` pointing at its findings, which are
listed in a ``<section class="findings">`` after the article.

>>> import govinfo
>>> page = govinfo.render_html(govinfo.examples.linping_education_2023(), locale="en")
>>> page.startswith('<!DOCTYPE html>\\n<html lang="en">'), page.count("<table")
(True, 3)
>>> try:
...     govinfo.render_html(govinfo.examples.linping_education_2023(), locale="")
... except govinfo.GovinfoError as e:
...     print(e.code)
unknown_locale
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from html import escape

from ..catalogue import TableSpec, common
from ..narrative import Narrative
from ..report import Report
from ..table import Table
from ._common import Grid, GridCell, Located, Marks, Style, lines_of, slot_texts, table_layout

__all__ = ["render_html"]

#: The stylesheet embedded in every document.
CSS = """\
body{margin:2em auto;max-width:64em;padding:0 1em;color:#000;background:#fff;
font:16px/1.7 "Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif}
h1{text-align:center;font-size:1.6em;line-height:1.4}
h2{font-size:1.2em;margin:1.5em 0 .5em}
h3{font-size:1em;margin:1em 0 .25em}
p{margin:0;text-indent:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}
caption{text-align:left;font-weight:bold;padding:.25em 0}
th,td{border:1px solid #000;padding:.25em .4em;vertical-align:middle}
th{font-weight:normal;text-align:center}
th[scope=row],th[scope=rowgroup]{text-align:left}
td{text-align:right;font-variant-numeric:tabular-nums}
td.note{text-align:left}
.flagged{background:#fde2e2;font-weight:bold}
footer{text-align:right;margin-top:2em}
footer p,.findings p{text-indent:0}
@media print{body{margin:0;max-width:none;font-size:12pt}h2,h3{break-after:avoid}
tr{break-inside:avoid}thead{display:table-header-group}.flagged{background:none;text-decoration:underline}}
"""

_SCOPE = {"caption": "colgroup", "colgroup": "colgroup", "col": "col", "rowgroup": "rowgroup", "row": "row"}
_FINDINGS = ("校验发现", "Findings")


def render_html(report: Report, *, locale: str = "zh_CN", findings: Iterable[Located] | None = None) -> str:
    """The report as a self-contained HTML document (see the module docs for its structure).

    ``locale`` chooses the labels (English for ``en``, Chinese otherwise) and the number
    format; ``findings`` (e.g. from :func:`govinfo.validate`) are marked and listed.
    Raises :class:`~govinfo.errors.RenderError` (``unknown_locale``) for a locale Babel
    does not know.

    >>> import govinfo
    >>> page = render_html(govinfo.examples.linping_education_2023())
    >>> page.startswith("<!DOCTYPE html>"), '<html lang="zh-CN">' in page
    (True, True)
    >>> try:
    ...     render_html(govinfo.examples.linping_education_2023(), locale="xx")
    ... except govinfo.GovinfoError as e:
    ...     print(e.code)
    unknown_locale
    """
    style = Style.of(locale)
    marks = Marks.of(report, findings)
    own = ' lang="zh-CN"' if style.english else ""  # the report's own text is Chinese
    title = style.title(report)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{style.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="govinfo">',
        f"<title>{_text(title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{_title(report, style)}</h1>",
    ]
    out += _paragraphs(report.preamble, own)
    for i, section in enumerate(report.edition_spec.sections):
        out.append(f'<section id="{section.key}" aria-labelledby="{section.key}-h">')
        out.append(f'<h2 id="{section.key}-h">{_text(style.section_heading(i, section))}</h2>')
        content = getattr(report, section.key)
        if isinstance(content, Narrative):
            out += _paragraphs(content.paragraphs, own)
            for j, sub in enumerate(content.subsections):
                number = _text(style.subsection_number(j))
                out.append(
                    f"<h3>{number}<span{own}>{_text(sub.title)}</span></h3>"
                    if own
                    else f"<h3>{number}{_text(sub.title)}</h3>"
                )
                out += _paragraphs(sub.paragraphs, own)
        else:
            out.append(_table_html(content, style, marks, style.label(section)))
        out.append("</section>")
    out.append("<footer>")
    out.append(f'<p class="signature"{own}>{_text(report.agency)}</p>')
    if report.published is not None:
        date = _text(style.date(report.published))
        out.append(f'<p class="date"><time datetime="{report.published.isoformat()}">{date}</time></p>')
    out += ["</footer>", "</article>"]
    if marks:
        out.append('<section class="findings" aria-labelledby="findings-h">')
        out.append(f'<h2 id="findings-h">{_FINDINGS[style.english]}</h2>')
        out.append("<ol>")
        for n, finding in enumerate(marks.findings, 1):
            path, code, message = marks.describe(finding, style)
            parts = [f"<code>{_text(path)}</code>" if path else "", f"[{_text(code)}]" if code else ""]
            parts.append(_text(message))
            out.append(f'<li id="finding-{n}">' + " ".join(p for p in parts if p) + "</li>")
        out += ["</ol>", "</section>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _text(text: str) -> str:
    """Escaped text on one line: ``<br>`` for its line breaks, U+FFFD for other controls."""
    return "<br>".join(escape(line) for line in lines_of(text))


def _title(report: Report, style: Style) -> str:
    if report.title is None and style.english:
        agency = f'<span lang="zh-CN">{_text(report.agency)}</span>'
        return escape(common.TITLE_TEMPLATE_EN).format(agency=agency, year=report.year)
    title = _text(style.title(report))
    return f'<span lang="zh-CN">{title}</span>' if style.english else title


def _paragraphs(paragraphs: Sequence[str], own: str) -> list[str]:
    return [f"<p{own}>{_text(p)}</p>" for p in paragraphs]


def _table_html(table: Table, style: Style, marks: Marks, caption: str) -> str:
    """A table's markup (its lines joined), written from the markup of its layout, which is
    made once per layout, style and caption (:func:`_layout_plan`): only the values are new."""
    layout = table_layout(table.spec, style)
    texts = slot_texts(table.cells, style, layout.slots, layout.read)
    if marks:
        values = [_value(text, marks.get(slot.path)) for text, slot in zip(texts, layout.slots)]
    else:
        values = [_unmarked(text) for text in texts]
    return _fill(_layout_plan(table.spec, style, caption), values)


@functools.lru_cache(maxsize=256)
def _layout_plan(spec: TableSpec, style: Style, caption: str) -> tuple[str, ...]:
    return _plan(table_layout(spec, style).grid, caption)


def _plan(grid: Grid, caption: str) -> tuple[str, ...]:
    """A table's markup cut before the end of each value cell's start tag: ``(markup, "",
    markup, …, markup)``, every second item the place of a value (see :func:`_value`)."""
    pieces: list[str] = []
    lines = [f'<table id="table-{grid.key}">', f"<caption>{_text(caption)}</caption>"]
    for group in grid.groups:
        tag = "thead" if group.head else "tbody"
        lines.append(f"<{tag}>")
        for row in group.rows:
            line = "<tr>"
            for cell in row:
                if cell.kind == "value":
                    pieces += ["\n".join([*lines, line + _value_start(cell)]), ""]
                    lines, line = [], "</td>"
                else:
                    line += _cell(cell)
            lines.append(line + "</tr>")
        lines.append(f"</{tag}>")
    lines.append("</table>")
    pieces.append("\n".join(lines))
    return tuple(pieces)


def _fill(plan: tuple[str, ...], values: list[str]) -> str:
    pieces = list(plan)
    pieces[1::2] = values
    return "".join(pieces)


def _value_start(cell: GridCell) -> str:
    """A value cell's start tag up to its class (which marks add)."""
    attrs = [f'headers="{escape(" ".join(cell.headers))}"']
    if cell.colspan != 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan != 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    return "<td " + " ".join(attrs)


def _value(text: str, marks: tuple[int, ...]) -> str:
    """What follows :func:`_value_start`: the rest of the start tag and the cell's text."""
    if not marks:
        return _unmarked(text)
    describedby = " ".join(f"finding-{n}" for n in marks)
    star = '<span aria-hidden="true">*</span>'
    return f' class="flagged" aria-describedby="{describedby}">{_text(text)}{star}'


@functools.lru_cache(maxsize=4096)
def _unmarked(text: str) -> str:
    """:func:`_value` of an unmarked cell; cached, as a report's values are mostly a few numbers."""
    return ">" + _text(text)


def _cell(cell: GridCell) -> str:
    """A header or note cell (a value cell is :func:`_value_start` and :func:`_value`)."""
    attrs = []
    if cell.colspan != 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan != 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.kind == "note":
        return f'<td class="note" {" ".join(attrs)}>{_text(cell.text)}</td>'.replace(" >", ">")
    if cell.is_header:
        attrs[:0] = [f'scope="{_SCOPE[cell.kind]}"', f'id="{escape(cell.id or "")}"']
        return f"<th {' '.join(attrs)}>{_text(cell.text)}</th>"
    raise ValueError(f"not a header or note: {cell.kind!r}")
