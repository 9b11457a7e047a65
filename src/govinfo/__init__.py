"""govinfo: China's government information disclosure annual reports as typed, checked data.

>>> import govinfo
>>> r = govinfo.examples.linping_education_2023()
>>> r.edition, r.agency
('2021', '杭州市临平区教育局')
"""

from __future__ import annotations

from . import catalogue, examples
from .appeals import AppealTable
from .errors import GovinfoError, InvalidReportError
from .narrative import Narrative, Subsection
from .proactive import Proactive
from .report import Report
from .requests import RequestTable
from .table import RowView


def __getattr__(name: str) -> str:
    # __version__ is read lazily: importlib.metadata costs ~30 ms, more than the rest of govinfo.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("govinfo")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0+unknown"
    raise AttributeError(f"module 'govinfo' has no attribute {name!r}")


__all__ = [
    "AppealTable",
    "GovinfoError",
    "InvalidReportError",
    "Narrative",
    "Proactive",
    "Report",
    "RequestTable",
    "RowView",
    "Subsection",
    "__version__",
    "catalogue",
    "examples",
]
