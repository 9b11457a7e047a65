"""Measure HTML parsers for govinfo's HTML reader: speed and robustness on malformed pages.

Run: ``python benchmarks/html_parsers.py``. Prints one line per parser and case. Used to choose
the parser of :mod:`govinfo.readers.html` (see docs/parsing.md, "Choosing the HTML parser").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html.parser import HTMLParser

import govinfo

PAGE = govinfo.render_html(govinfo.examples.linping_education_2023())
BIG = PAGE * 220  # about 10 MB

MALFORMED = {
    "unclosed td/tr": "<table><tr><td>规章<td>0<tr><td>行政许可<td>955</table>",
    "stray </td></tr>": (
        "<table><tr><td>规章</td></td><td>0</td></tr></tr><tr><td>行政许可</td><td>955</td></table>"
    ),
    "nested table": (
        "<table><tr><td><table><tr><td>规章</td><td>0</td></tr><tr><td>行政许可</td><td>955</td></tr>"
        "</table></td></tr></table>"
    ),
    "never closed": "<table><tr><td>规章<td>0<tr><td>行政许可<td>955",
}
EXPECTED = [["规章", "0"], ["行政许可", "955"]]
GBK = (
    '<html><head><meta charset="gbk"></head><body><table><tr><td>规章</td><td>0</td></tr>'
    "<tr><td>行政许可</td><td>955</td></tr></table></body></html>"
).encode("gbk")


class _Null(HTMLParser):
    pass


def stdlib_parse(text: str) -> None:
    p = _Null(convert_charrefs=True)
    p.feed(text)
    p.close()


def stdlib_rows(text: str | bytes) -> list[list[str]]:
    from govinfo.readers import _decode
    from govinfo.readers.cells import TableBlock
    from govinfo.readers.html import read_html

    if isinstance(text, bytes):
        text = _decode(text)
    doc = read_html(text)
    tables = [b for b in doc.blocks if isinstance(b, TableBlock)]
    return [[c.text for c in r.cells] for r in tables[-1].rows] if tables else []


def html5lib_parse(text: str | bytes) -> object:
    import html5lib

    return html5lib.parse(text, namespaceHTMLElements=False)


def html5lib_rows(text: str | bytes) -> list[list[str]]:
    tree = html5lib_parse(text)
    tables = list(tree.iter("table"))  # type: ignore[attr-defined]
    inner = tables[-1]
    return [["".join(td.itertext()) for td in tr if td.tag in ("td", "th")] for tr in inner.iter("tr")]


def lxml_parse(text: str | bytes) -> object:
    import lxml.html

    return lxml.html.document_fromstring(text)


def lxml_rows(text: str | bytes) -> list[list[str]]:
    tree = lxml_parse(text)
    inner = tree.xpath("//table")[-1]  # type: ignore[attr-defined]
    return [[td.text_content() for td in tr if td.tag in ("td", "th")] for tr in inner.iter("tr")]


def selectolax_parse(text: str | bytes) -> object:
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(text)


def selectolax_rows(text: str | bytes) -> list[list[str]]:
    tree = selectolax_parse(text)
    inner = tree.css("table")[-1]  # type: ignore[attr-defined]
    return [[td.text() for td in tr.css("td,th")] for tr in inner.css("tr")]


def best_of(fn: Callable[[], object], n: int) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parsers = {
        "stdlib html.parser": (stdlib_parse, stdlib_rows),
        "html5lib": (html5lib_parse, html5lib_rows),
        "lxml": (lxml_parse, lxml_rows),
        "selectolax (lexbor)": (selectolax_parse, selectolax_rows),
    }
    print(f"page {len(PAGE.encode()) / 1e3:.0f} kB, big {len(BIG.encode()) / 1e6:.1f} MB")
    for name, (parse, rows) in parsers.items():
        small = best_of(lambda parse=parse: parse(PAGE), 20)  # type: ignore[misc]
        big = best_of(lambda parse=parse: parse(BIG), 1)  # type: ignore[misc]
        ok = []
        for case, html in MALFORMED.items():
            try:
                got = rows(html)
            except Exception as e:  # measuring robustness: any failure is a result
                got = [[f"raised {type(e).__name__}"]]
            ok.append(f"{case}: {'ok' if got == EXPECTED else got}")
        try:
            got = rows(GBK)
        except Exception as e:
            got = [[f"raised {type(e).__name__}"]]
        ok.append(f"GBK bytes: {'ok' if got == EXPECTED else got}")
        print(f"{name}: page {small * 1e3:.1f} ms, 10 MB {big:.2f} s (tree only)")
        for line in ok:
            print("    ", line)
    t = best_of(lambda: stdlib_rows(BIG), 1)
    print(f"govinfo read_html (stdlib, blocks built) 10 MB: {t:.2f} s")
    t = best_of(lambda: govinfo.parse(PAGE), 10)
    print(f"govinfo.parse(page): {t * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
