"""``validate`` and ``is_valid``: every single-report rule, run together.

>>> import govinfo
>>> report = govinfo.examples.linping_education_2023()
>>> govinfo.validate(report), govinfo.is_valid(report)
([], True)
>>> d = report.to_dict()
>>> d["appeals"]["review"]["upheld"] = -1
>>> [(f.code, f.path) for f in govinfo.validate(d)]
[('S5-negative', '$.appeals.review.upheld')]
>>> govinfo.is_valid(d), govinfo.is_valid("junk"), govinfo.is_valid(None)
(False, False, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..catalogue import EDITIONS
from ..errors import GovinfoError, ValidationError
from ..report import Report
from .findings import Finding, Validator, sort_findings
from .locations import cell_location, section_index
from .rules import RULES, CellValues, Identity, identities_hold, identity_findings, s5_finding

__all__ = ["is_valid", "validate"]

#: Converter problem codes that are S5 when they are about one cell.
_S5_PROBLEMS = frozenset({"negative_count", "negative_money", "wrong_type", "bad_money", "money_not_string"})


def _thaw(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return {k: _thaw(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_thaw(v) for v in obj]
    return obj


def _cell_paths(data: Mapping[str, Any]) -> frozenset[str]:
    key = data.get("edition")
    edition = EDITIONS.get(key) if isinstance(key, str) else None
    if edition is None:
        return frozenset()
    specs = (edition.proactive, *edition.requests, edition.appeals)
    return frozenset(".".join(("$", s.key, *c.path)) for s in specs for c in s.cells)


def _read(data: Report | Mapping[str, Any]) -> tuple[Report, list[Finding], frozenset[str]]:
    """The report, the S5 findings of a dict's bad cells, and their paths."""
    if isinstance(data, Report):
        return data, [], frozenset()
    if not isinstance(data, Mapping):
        raise GovinfoError(
            f"can only validate a Report or an interchange dict, not {type(data).__name__}",
            code="wrong_type",
            path="$",
        )
    try:
        return Report.from_dict(data), [], frozenset()
    except GovinfoError as error:
        problems = error.problems()
        cells = _cell_paths(data)
        if not problems or any(code not in _S5_PROBLEMS or path not in cells for code, path, _ in problems):
            raise
    patched = _thaw(data)
    values = {}
    for _, path, _ in problems:
        *parents, last = path.split(".")[1:]
        node = patched
        for key in parents:
            node = node[key]
        values[path] = node[last]
        node[last] = None
    report = Report.from_dict(patched)
    edition = report.edition_spec
    found = []
    for code, path, _ in problems:
        key = path.split(".")[1]
        spec = getattr(report, key).spec
        cell = next(c for c in spec.cells if ".".join(("$", key, *c.path)) == path)
        where = cell_location(edition, spec, cell)
        found.append(s5_finding(report, where, code, values[path], (section_index(edition, key), cell.index)))
    return report, found, frozenset(values)


def _split(rules: tuple[Validator, ...]) -> tuple[tuple[Identity, ...], tuple[Validator, ...]]:
    """The identities among ``rules``, and the rules to run one by one after them.

    The identities are evaluated together. S5 is not run: it finds nothing in a Report (its
    constructor checked every cell), and a dict's bad cells are read by :func:`_read`.
    """
    identities = tuple(r for r in rules if isinstance(r, Identity))
    return identities, tuple(r for r in rules if not isinstance(r, (Identity, CellValues)))


_DEFAULT = _split(RULES)


def validate(
    report: Report | Mapping[str, Any], *, strict: bool = False, rules: Sequence[Validator] | None = None
) -> list[Finding]:
    """Every finding of the single-report rules, in table order, without duplicates.

    ``report`` is a :class:`~govinfo.Report` or an interchange dict; a dict whose only problems
    are cells that are not non-negative numbers gives S5 findings for them (the rest is then
    checked with those cells blank); any other problem of a dict is raised as usual.

    ``rules`` picks rules (default: :data:`govinfo.validation.rules.RULES`). The identities among
    them are evaluated together, so a wrong cell is located across all of them.

    With ``strict=True``, error findings raise one :class:`~govinfo.ValidationError` holding them
    all; warnings and infos are returned as usual.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> bad = attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3))
    >>> [f.code for f in govinfo.validate(bad)]
    ['E4-appeal-total']
    >>> try:
    ...     govinfo.validate(bad, strict=True)
    ... except govinfo.ValidationError as e:
    ...     print(e.code, [f.path for f in e.findings])
    validation_failed ['$.appeals.review.total']
    """
    report, found, skip = _read(report)
    identities, others = _DEFAULT if rules is None else _split(tuple(rules))
    if not identities_hold(report, identities):
        found += identity_findings(report, [eq for r in identities for eq in r.equations(report)])
    for rule in others:
        more = rule(report)
        if more:
            found += [f for f in more if f.path not in skip] if skip else more
    if not found:
        return []
    findings = sort_findings(found)
    if strict:
        errors = [f for f in findings if f.is_error]
        if errors:
            raise ValidationError.of(errors)
    return findings


def is_valid(report: object) -> bool:
    """True when ``report`` is a report (or interchange dict) with no error finding; never raises.

    Warnings (soft rules, blanks) do not make a report invalid.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> is_valid(r), is_valid(r.to_dict()), is_valid("not a report")
    (True, True, False)
    >>> is_valid(attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3)))
    False
    """
    try:
        return not any(f.is_error for f in validate(report))  # type: ignore[arg-type]
    except Exception:
        return False
