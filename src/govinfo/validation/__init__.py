"""Validation: every 勾稽关系 of a report checked, each finding precise and located.

- :func:`validate` (every single-report rule: E1–E4, S2, S4, S5, S6 and blanks),
  :func:`is_valid` (never raises), :func:`validate_series` (S1, S2 and S3 across years).
- :class:`Finding`: code, severity, rule, path and official labels, expected and actual values,
  messages in Chinese and English, and the suspect cell.
- :mod:`~govinfo.validation.rules`: the rules as reusable validator objects;
  :mod:`~govinfo.validation.assertions`: assertion helpers for test suites.
- The rule catalogue, every code with its equation: :data:`CODES` and ``docs/rules.md``.

>>> import govinfo
>>> govinfo.validate(govinfo.examples.linping_education_2023())
[]
"""

from __future__ import annotations

from ..errors import ValidationError
from .engine import is_valid, validate
from .findings import CODES, CodeSpec, Finding, Suspect, Validator, format_findings, rules_markdown
from .locations import Location
from .series import validate_series

__all__ = [
    "CODES",
    "CodeSpec",
    "Finding",
    "Location",
    "Suspect",
    "ValidationError",
    "Validator",
    "format_findings",
    "is_valid",
    "rules_markdown",
    "validate",
    "validate_series",
]
