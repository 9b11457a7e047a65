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

from collections.abc import Iterable, Sequence
from html import escape

from ..catalogue import common
from ..narrative import Narrative
from ..report import Report
from ._common import Grid, GridCell, Located, Marks, Style, lines_of, table_grid

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
            out += _table(table_grid(content, style, marks), style.label(section))
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


def _table(grid: Grid, caption: str) -> list[str]:
    out = [f'<table id="table-{grid.key}">', f"<caption>{_text(caption)}</caption>"]
    for group in grid.groups:
        tag = "thead" if group.head else "tbody"
        out.append(f"<{tag}>")
        out += ["<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in group.rows]
        out.append(f"</{tag}>")
    out.append("</table>")
    return out


def _cell(cell: GridCell) -> str:
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
    attrs.insert(0, f'headers="{escape(" ".join(cell.headers))}"')
    text = _text(cell.text)
    if cell.marks:
        attrs.append('class="flagged"')
        attrs.append(f'aria-describedby="{" ".join(f"finding-{n}" for n in cell.marks)}"')
        text += '<span aria-hidden="true">*</span>'
    return f"<td {' '.join(attrs)}>{text}</td>"
