"""The report: six sections in the layout of one edition."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import attrs

from .appeals import AppealTable
from .catalogue import EDITIONS, Edition, common
from .errors import GovinfoError, InvalidReportError, describe
from .narrative import Narrative, _str_tuple
from .proactive import Proactive
from .requests import RequestTable

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .validation import Finding

__all__ = ["Report"]


def _edition(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or value not in EDITIONS:
        raise GovinfoError(
            f"edition must be one of {', '.join(map(repr, EDITIONS))}, not {describe(value)}",
            code="bad_edition",
            path="$.edition",
        )


def _type(kind: type | tuple[type, ...], what: str, *, optional: bool = False) -> Any:
    def check(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind) or isinstance(value, bool):
            raise GovinfoError(
                f"{attribute.name} must be {what}, not {type(value).__name__}",
                code="wrong_type",
                path=f"$.{attribute.name}",
            )

    return check


def _year(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    _type(int, "an integer")(inst, attribute, value)
    if not 1000 <= value <= 9999:  # type: ignore[operator]
        raise GovinfoError(
            f"year must have four digits, not {describe(value)}", code="bad_year", path="$.year"
        )


def _paragraphs(inst: Any, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for i, p in enumerate(value):
        if not isinstance(p, str):
            raise GovinfoError(
                f"a paragraph must be a string, not {type(p).__name__}",
                code="wrong_type",
                path=f"$.{attribute.name}[{i}]",
            )


@attrs.frozen(kw_only=True)
class Report:
    """One 政府信息公开工作年度报告, holding exactly what it states.

    Construction checks types, non-negative counts and that every table has the shape of
    the report's edition. It does not check the accounting identities (勾稽关系): a report
    whose 总计 is wrong still loads, and :func:`govinfo.validate` says where it is wrong.

    Sections not given are "not stated": empty narratives, tables with every cell ``None``.

    >>> from govinfo import Report
    >>> r = Report(edition="2021", agency="某县教育局", year=2023)
    >>> r.title_or_default
    '某县教育局2023年度政府信息公开工作年度报告'
    >>> r.requests["new_received", "total"] is None
    True
    >>> import attrs
    >>> try:
    ...     r.agency = "x"
    ... except attrs.exceptions.FrozenInstanceError:
    ...     print("frozen")
    frozen
    """

    edition: str = attrs.field(validator=_edition)
    agency: str = attrs.field(validator=_type(str, "a string"))
    year: int = attrs.field(validator=_year)
    title: str | None = attrs.field(default=None, validator=_type(str, "a string or None", optional=True))
    published: _dt.date | None = attrs.field(
        default=None, validator=_type(_dt.date, "a date or None", optional=True)
    )
    preamble: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_paragraphs)
    overview: Narrative = attrs.field(factory=Narrative, validator=_type(Narrative, "a Narrative"))
    proactive: Proactive = attrs.field(
        default=attrs.Factory(lambda self: Proactive.empty(self.edition_spec.proactive), takes_self=True),
        validator=_type(Proactive, "a Proactive table"),
    )
    requests: RequestTable = attrs.field(
        default=attrs.Factory(
            lambda self: RequestTable.empty(self.edition_spec.requests[0]), takes_self=True
        ),
        validator=_type(RequestTable, "a RequestTable"),
    )
    appeals: AppealTable = attrs.field(
        default=attrs.Factory(lambda self: AppealTable.empty(self.edition_spec.appeals), takes_self=True),
        validator=_type(AppealTable, "an AppealTable"),
    )
    problems: Narrative = attrs.field(factory=Narrative, validator=_type(Narrative, "a Narrative"))
    other_matters: Narrative = attrs.field(factory=Narrative, validator=_type(Narrative, "a Narrative"))

    def __attrs_post_init__(self) -> None:
        edition = self.edition_spec
        errors = []
        if self.proactive.spec is not edition.proactive:
            errors.append(
                GovinfoError(
                    f"section 二 has the {self.proactive.spec.variant} layout; "
                    f"an edition-{edition.key} report needs the {edition.proactive.variant} one",
                    code="edition_mismatch",
                    path="$.proactive",
                )
            )
        if self.requests.spec not in edition.requests:
            errors.append(
                GovinfoError(
                    f"the request table's {self.requests.spec.variant} layout is not one the "
                    f"{edition.key} edition admits",
                    code="edition_mismatch",
                    path="$.requests",
                )
            )
        if self.appeals.spec is not edition.appeals:
            errors.append(
                GovinfoError(
                    "section 四 has another edition's layout", code="edition_mismatch", path="$.appeals"
                )
            )
        InvalidReportError.collect(errors, "the report's tables do not match its edition")

    # --- conveniences ------------------------------------------------------------------

    @property
    def edition_spec(self) -> Edition:
        """The catalogue of this report's edition."""
        try:
            return EDITIONS[self.edition]
        except (KeyError, TypeError):
            # reached from a default factory, before the edition's validator has run
            _edition(self, attrs.fields(Report).edition, self.edition)
            raise  # pragma: no cover - _edition always raises here

    @property
    def default_title(self) -> str:
        """The title the format gives this agency and year."""
        return common.TITLE_TEMPLATE.format(agency=self.agency, year=self.year)

    @property
    def title_or_default(self) -> str:
        """The stated title, or the default one."""
        return self.title if self.title is not None else self.default_title

    def sections(self) -> tuple[tuple[str, Narrative | Proactive | RequestTable | AppealTable], ...]:
        """``(section key, content)`` for the six sections, in official order."""
        return tuple((s.key, getattr(self, s.key)) for s in self.edition_spec.sections)

    # --- validation --------------------------------------------------------------------

    def check(self) -> list[Finding]:
        """Raise :class:`~govinfo.ValidationError` holding every error finding, if there is any.

        Returns the other findings (warnings, infos) of :func:`govinfo.validate`.

        >>> import govinfo
        >>> govinfo.examples.linping_education_2023().check()
        []
        """
        from .validation import validate

        return validate(self, strict=True)

    # --- interchange -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """Build a report from its interchange dict (``docs/interchange.md``).

        Every problem is reported at once in one :class:`~govinfo.errors.InvalidReportError`.
        """
        from .convert import converter

        return converter().structure(data, Report)

    def to_dict(self) -> dict[str, Any]:
        """The interchange dict; ``Report.from_dict(r.to_dict()) == r``."""
        from .convert import unstructure_report

        return unstructure_report(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """Build a report from interchange JSON text."""
        from .convert import loads

        return loads(text)

    def to_json(self, *, indent: int | None = None) -> str:
        """The interchange JSON text (UTF-8, Chinese kept as written)."""
        from .convert import dumps

        return dumps(self, indent=indent)
