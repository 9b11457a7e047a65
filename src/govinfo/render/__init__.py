"""Render a report as plain text, Markdown or HTML, with Chinese or English labels.

Renderers are pure functions of a report: they print what it states (a wrong 总计 as stated,
a blank cell blank), number sections and subsections from their position, read every label
from the catalogue and format every number with Babel in the locale asked for. Importing
this package imports Babel; ``import govinfo`` does not (``govinfo.render_text`` and the
others are loaded on first use).

>>> import govinfo
>>> r = govinfo.examples.linping_education_2023()
>>> govinfo.render_markdown(r, locale="en").splitlines()[0]
'# 杭州市临平区教育局: Annual Report on Government Information Disclosure, 2023'
"""

from __future__ import annotations

from .docx import render_docx
from .html import render_html
from .markdown import render_markdown
from .text import render_text

__all__ = ["render_docx", "render_html", "render_markdown", "render_text"]
