"""One self-contained HTML page of a whole check: the supervisor's page to look at and pass on.

``govinfo check DIR --html out.html`` writes it; :func:`render_findings_page` builds it from
:class:`~govinfo.batch.ReadResult` values read with ``validate=True``. No network: the style
and the small sorting script are inline, the chart is inline SVG.

The page holds, in the language asked for (Chinese by default):

- a summary: files, reports read in full, partly read, unreadable, reports with errors;
- a bar chart and a list of the most frequent finding codes;
- a table of reports (sortable by any column), each linked to its report below;
- a table of findings (sortable), each linked to its mark in the rendered report;
- when one agency has several years, its key figures by year (requests in, concluded, carried
  forward) next to each other;
- each report, rendered with its findings marked, in a collapsible block.

>>> import govinfo
>>> results = list(govinfo.read_many(["tests/data/hongze-government-2023.tables.json"], validate=True))
>>> page = render_findings_page(results)
>>> page.startswith("<!DOCTYPE html>"), "E4-appeal-total" in page, "<script>" in page
(True, True, True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from .html import CSS, render_html

if TYPE_CHECKING:
    from ..batch import ReadResult

__all__ = ["render_findings_page"]

_WORDS = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "files": "文件",
        "complete": "完整读取",
        "partial": "部分读取",
        "unreadable": "无法读取",
        "with_errors": "有错误的报告",
        "frequent": "最常见的问题",
        "reports": "报告",
        "findings": "问题",
        "file": "文件",
        "agency": "机关",
        "year": "年度",
        "edition": "版本",
        "read": "读取",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "code": "代码",
        "severity": "级别",
        "location": "位置",
        "actual": "填报",
        "expected": "应为",
        "message": "说明",
        "years": "历年主要数据",
        "new": "本年新收申请",
        "done": "办结",
        "forward": "结转下年度",
        "none": "未发现问题",
        "sort": "点击表头可排序",
    },
    "en": {
        "title": "Government information disclosure annual reports: check results",
        "files": "files",
        "complete": "read in full",
        "partial": "partly read",
        "unreadable": "unreadable",
        "with_errors": "reports with errors",
        "frequent": "Most frequent findings",
        "reports": "Reports",
        "findings": "Findings",
        "file": "file",
        "agency": "agency",
        "year": "year",
        "edition": "edition",
        "read": "read",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "code": "code",
        "severity": "severity",
        "location": "location",
        "actual": "actual",
        "expected": "expected",
        "message": "message",
        "years": "Key figures by year",
        "new": "new requests",
        "done": "concluded",
        "forward": "carried forward",
        "none": "no findings",
        "sort": "click a column heading to sort",
    },
}

_PAGE_CSS = """\
body{max-width:80em}
table.sortable th{cursor:pointer;white-space:nowrap}
table.sortable td{text-align:left;vertical-align:top}
table.sortable td.n{text-align:right}
table.sortable code{white-space:nowrap}
.summary{display:flex;flex-wrap:wrap;gap:1em;padding:0;list-style:none}
.summary li{border:1px solid #999;padding:.3em .8em}
details{margin:1em 0;border-top:1px solid #999}
.error{color:#a00}.warning{color:#a60}
"""

#: Sorts a table by the column clicked (numbers as numbers), a second click reverses.
_SCRIPT = """\
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], i = th.cellIndex;
    var up = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    Array.from(body.rows).sort(function (a, b) {
      var x = a.cells[i].textContent, y = b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return up ? c : -c;
    }).forEach(function (row) { body.appendChild(row); });
  });
});
"""

_ID = re.compile(r'\b(id|href)="#?([^"]*)"')
_HEADERS = re.compile(r'\bheaders="([^"]*)"')


def _scoped(html: str, prefix: str) -> str:
    """A rendered report's body with every id (and link to one) made unique on the page."""

    def ids(m: re.Match[str]) -> str:
        attr, value = m[1], m[2]
        if attr == "href" and not m[0].startswith('href="#'):
            return m[0]
        return f'{attr}="{"#" if attr == "href" else ""}{prefix}{value}"'

    html = _ID.sub(ids, html)
    return _HEADERS.sub(lambda m: 'headers="' + " ".join(prefix + h for h in m[1].split()) + '"', html)


def _body(page: str) -> str:
    start, end = page.find("<article>"), page.rfind("</body>")
    return page[start:end] if start >= 0 and end > start else ""


def _chart(counts: Sequence[tuple[str, int]]) -> str:
    """A horizontal bar chart of finding codes, as inline SVG."""
    if not counts:
        return ""
    top = max(n for _, n in counts)
    row, label_w, bar_w = 22, 230, 400
    out = [
        f'<svg role="img" width="{label_w + bar_w + 60}" height="{row * len(counts) + 10}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="13">'
    ]
    for i, (code, n) in enumerate(counts):
        y = i * row + 5
        w = max(2, round(bar_w * n / top))
        out.append(f'<text x="0" y="{y + 15}">{escape(code)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" fill="#4a6fa5"/>')
        out.append(f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text>')
    out.append("</svg>")
    return "".join(out)


def render_findings_page(results: Iterable[ReadResult], *, lang: str = "zh") -> str:
    """The check of many files as one HTML page (see the module docs)."""
    w = _WORDS["en" if lang == "en" else "zh"]
    items = list(results)
    readable = [r for r in items if r.report is not None]
    partial = [r for r in readable if not r.complete and r.sections]
    with_errors = [r for r in readable if r.count("error")]
    codes = Counter(f.code for r in items for f in r.findings or ())
    frequent = codes.most_common(10)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="govinfo">',
        f"<title>{escape(w['title'])}</title>",
        f"<style>\n{CSS}{_PAGE_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(w['title'])}</h1>",
        '<ul class="summary">',
        f"<li>{w['files']}: {len(items)}</li>",
        f"<li>{w['complete']}: {len(readable) - len(partial)}</li>",
        f"<li>{w['partial']}: {len(partial)}</li>",
        f"<li>{w['unreadable']}: {len(items) - len(readable)}</li>",
        f'<li class="error">{w["with_errors"]}: {len(with_errors)}</li>',
        "</ul>",
    ]
    if frequent:
        out.append(f"<h2>{w['frequent']}</h2>")
        out.append(_chart(frequent))
    out.append(f"<h2>{w['reports']}</h2>")
    out.append(f"<p>{w['sort']}</p>")
    heads = ("file", "agency", "year", "edition", "read", "error", "warning", "info")
    out.append('<table class="sortable" id="reports"><thead><tr>')
    out += [f'<th scope="col">{w[h]}</th>' for h in heads]
    out.append("</tr></thead><tbody>")
    for k, r in enumerate(items):
        rep = r.report
        read = w["unreadable"] if rep is None else (w["partial"] if r in partial else w["complete"])
        cells = [
            f'<a href="#r{k}">{escape(r.path)}</a>' if rep is not None else escape(r.path),
            escape(rep.agency) if rep else "",
            str(rep.year) if rep else "",
            rep.edition if rep else "",
            escape(read),
            str(r.count("error")),
            str(r.count("warning")),
            str(r.count("info")),
        ]
        out.append("<tr>" + "".join(_td(c, i >= 5) for i, c in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    out.append(f"<h2>{w['findings']}</h2>")
    rows = [(k, r, n, f) for k, r in enumerate(items) for n, f in enumerate(r.findings or (), 1)]
    if not rows:
        out.append(f"<p>{w['none']}</p>")
    else:
        finding_heads = ("file", "code", "severity", "location", "actual", "expected", "message")
        out.append('<table class="sortable" id="findings"><thead><tr>')
        out += [f'<th scope="col">{w[h]}</th>' for h in finding_heads]
        out.append("</tr></thead><tbody>")
        for k, r, n, f in rows:
            message = f.message_en if lang == "en" else f.message_zh
            cells = [
                escape(r.path),
                f"<code>{escape(f.code)}</code>",
                f'<span class="{f.severity}">{escape(w[f.severity])}</span>',
                f'<a href="#r{k}-finding-{n}">{escape(f.label)}</a>',
                "" if f.actual is None else escape(str(f.actual)),
                "" if f.expected is None else escape(str(f.expected)),
                escape(message),
            ]
            out.append("<tr>" + "".join(_td(c, i in (4, 5)) for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table>")
    out += _years(readable, w)
    for k, r in enumerate(items):
        if r.report is None:
            continue
        page = render_html(r.report, locale="en" if lang == "en" else "zh_CN", findings=r.findings or ())
        summary = f"{escape(r.path)} — {escape(r.report.agency)} {r.report.year}"
        out.append(f'<details id="r{k}"><summary>{summary}</summary>')
        out.append(_scoped(_body(page), f"r{k}-"))
        out.append("</details>")
    out += [f"<script>\n{_SCRIPT}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _td(content: str, number: bool) -> str:
    return f'<td class="n">{content}</td>' if number else f"<td>{content}</td>"


def _years(readable: Sequence[ReadResult], w: dict[str, str]) -> list[str]:
    """Key figures by year, for each agency with more than one year in the check."""
    by_agency: dict[str, dict[int, ReadResult]] = {}
    for r in readable:
        assert r.report is not None
        by_agency.setdefault(r.report.agency, {})[r.report.year] = r
    several = {a: ys for a, ys in by_agency.items() if len(ys) > 1}
    if not several:
        return []
    out = [f"<h2>{w['years']}</h2>"]
    for agency, years in sorted(several.items()):
        out.append(f"<h3>{escape(agency)}</h3>")
        out.append('<table><thead><tr><th scope="col"></th>')
        out += [f'<th scope="col">{y}</th>' for y in sorted(years)]
        out.append("</tr></thead><tbody>")
        for key, row in (("new", "new_received"), ("done", "results.total"), ("forward", "carried_forward")):
            values = []
            for y in sorted(years):
                report = years[y].report
                assert report is not None
                v = report.requests[row, "total"]
                values.append("—" if v is None else str(v))
            out.append(
                f'<tr><th scope="row">{w[key]}</th>' + "".join(f"<td>{v}</td>" for v in values) + "</tr>"
            )
        out.append("</tbody></table>")
    return out
