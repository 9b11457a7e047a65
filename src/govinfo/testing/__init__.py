"""Tools for testing code that uses govinfo (install ``govinfo[testing]``).

- :mod:`govinfo.testing.strategies`: Hypothesis strategies for reports and their parts.

Importing :mod:`govinfo` never imports this package (nor Hypothesis).
"""

from __future__ import annotations

__all__: list[str] = []
