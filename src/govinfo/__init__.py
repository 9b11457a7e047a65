"""govinfo: China's government information disclosure annual reports as typed, checked data.

>>> import govinfo
>>> r = govinfo.examples.linping_education_2023()
>>> r.edition, r.agency
('2021', '杭州市临平区教育局')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import catalogue, examples
from .appeals import AppealTable
from .errors import (
    GovinfoError,
    IncompleteReportError,
    InvalidReportError,
    ParseError,
    RenderError,
    ValidationError,
)
from .narrative import Narrative, Subsection
from .proactive import Proactive
from .report import Report
from .requests import RequestTable
from .table import RowView

if TYPE_CHECKING:
    from .batch import ReadResult, read_file, read_many
    from .readers import ParseResult, SectionStatus, parse, parse_document
    from .readers.xlsx import read_xlsx
    from .render import render_docx, render_html, render_markdown, render_text
    from .schema import json_schema
    from .template import xlsx_template
    from .validation import Finding, is_valid, validate, validate_series

#: Public names whose modules are imported on first use (``name: module``).
_LAZY = dict.fromkeys(("ParseResult", "SectionStatus", "parse", "parse_document"), "readers")
_LAZY.update(dict.fromkeys(("Finding", "is_valid", "validate", "validate_series"), "validation"))
_LAZY.update(dict.fromkeys(("render_docx", "render_html", "render_markdown", "render_text"), "render"))
_LAZY.update(dict.fromkeys(("ReadResult", "read_file", "read_many"), "batch"))
_LAZY["json_schema"] = "schema"
_LAZY["read_xlsx"] = "readers.xlsx"
_LAZY["xlsx_template"] = "template"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    # The distribution is govinfo-cn (the name govinfo on PyPI is another project); the import
    # name is govinfo. __version__ is read lazily: importlib.metadata costs ~30 ms, more than
    # the rest of govinfo.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("govinfo-cn")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0+unknown"
    raise AttributeError(f"module 'govinfo' has no attribute {name!r}")


__all__ = [
    "AppealTable",
    "Finding",
    "GovinfoError",
    "IncompleteReportError",
    "InvalidReportError",
    "Narrative",
    "ParseError",
    "ParseResult",
    "Proactive",
    "ReadResult",
    "RenderError",
    "Report",
    "RequestTable",
    "RowView",
    "SectionStatus",
    "Subsection",
    "ValidationError",
    "__version__",
    "catalogue",
    "examples",
    "is_valid",
    "json_schema",
    "parse",
    "parse_document",
    "read_file",
    "read_many",
    "read_xlsx",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_text",
    "validate",
    "validate_series",
    "xlsx_template",
]
