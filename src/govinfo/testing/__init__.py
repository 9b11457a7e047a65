"""Tools for testing code that uses govinfo (install ``govinfo-cn[testing]``).

- :mod:`govinfo.testing.strategies`: Hypothesis strategies for reports, their parts, broken
  interchange dicts and reports with one known fault. With govinfo installed,
  ``st.from_type(govinfo.Report)`` works too (registered through Hypothesis's entry point).
- :func:`assert_reports_equal` (a cell-level diff in official labels), :func:`assert_valid`,
  :func:`assert_clean`, :func:`assert_findings` and the unittest mixin
  :class:`ReportAssertions` (from :mod:`govinfo.testing.assertions`).

Importing :mod:`govinfo` never imports this package (nor Hypothesis), and importing this
package imports neither Hypothesis nor its own modules until a name is used.

>>> import govinfo.testing
>>> govinfo.testing.assert_valid(govinfo.examples.linping_education_2023())
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import assertions, strategies
    from .assertions import (
        ReportAssertions,
        assert_clean,
        assert_findings,
        assert_reports_equal,
        assert_valid,
        report_differences,
    )

__all__ = [
    "ReportAssertions",
    "assert_clean",
    "assert_findings",
    "assert_reports_equal",
    "assert_valid",
    "assertions",
    "report_differences",
    "strategies",
]


def __getattr__(name: str) -> Any:
    # Lazy: Hypothesis runs govinfo's setup hook (in this package) when it is imported, so this
    # package must not import Hypothesis, nor validation, until a name is asked for.
    from importlib import import_module

    if name in ("assertions", "strategies"):
        return import_module(f".{name}", __name__)
    if name in __all__:
        return getattr(import_module(".assertions", __name__), name)
    raise AttributeError(f"module 'govinfo.testing' has no attribute {name!r}")
