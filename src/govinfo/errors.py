"""govinfo's exceptions: one root, a stable ``code`` and a ``path`` on each.

Every error govinfo raises is a :class:`GovinfoError`, itself a :class:`ValueError`. When a
piece of input has several problems, they are collected and raised at once as an
:class:`InvalidReportError`, an :class:`ExceptionGroup` whose members each name one problem.

>>> from govinfo import Report, GovinfoError
>>> try:
...     Report.from_dict({"format_version": 1, "edition": "2021", "agency": 7, "year": "2023"})
... except GovinfoError as e:
...     for code, path, message in e.problems():
...         print(code, path)
wrong_type $.agency
wrong_type $.year
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import ExceptionGroup  # type: ignore[import-not-found,unused-ignore]

__all__ = [
    "GovinfoError",
    "IncompleteReportError",
    "InvalidReportError",
    "ParseError",
    "Problem",
    "RenderError",
    "ValidationError",
    "describe",
]

#: A problem flattened: (code, path, message).
Problem = tuple[str, str, str]

#: The most characters of a value a message quotes.
QUOTE_CHARS = 60


def describe(value: object) -> str:
    """A short description of any value for a message: never long, never recursive, never raises.

    Huge integers are described by their size (``str()`` of one has a digit limit), long text is
    cut, containers are named with their length (a value nested 1000 deep has no ``repr``).

    >>> describe(10**5000)
    'an integer of 5001 digits'
    >>> describe("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100 characters)"
    >>> v = 0
    >>> for _ in range(1000):
    ...     v = [v]
    >>> describe(v), describe(None), describe(12)
    ('a list of 1 item', 'None', '12')
    """
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 100:
            size = int(value.bit_length() * 0.30102999566398120) + 1  # an upper bound, then exact
            if abs(value) < 10 ** (size - 1):
                size -= 1
            return f"an integer of {size} digits"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        if len(value) > QUOTE_CHARS:
            return f"{value[:QUOTE_CHARS]!r}…' ({len(value)} characters)".replace("'…'", "…'", 1)
        return repr(value)
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        n = len(value)
        return f"a {type(value).__name__} of {n} item{'s' if n != 1 else ''}"
    return f"a {type(value).__name__}"


class GovinfoError(ValueError):
    """The root of every error govinfo raises.

    ``code`` is stable API (see the error catalogue in the docs); ``path`` says where: a JSON
    path such as ``$.requests.new_received.total`` or, for text input, ``line 12, column 3``.

    >>> e = GovinfoError("money is a decimal string", code="wrong_type", path="$.proactive.fees.amount")
    >>> e.code, e.path, isinstance(e, ValueError)
    ('wrong_type', '$.proactive.fees.amount', True)
    >>> print(e)
    $.proactive.fees.amount: money is a decimal string [wrong_type]
    """

    #: The stable, documented code of this kind of error.
    code: str = "govinfo_error"
    #: The message used when none is given.
    default_message: str = "govinfo could not handle this input"

    path: str | None

    def __init__(self, message: str | None = None, *, code: str | None = None, path: str | None = None):
        super().__init__(message or self.default_message)
        if code is not None:
            self.code = code
        self.path = path

    @property
    def message(self) -> str:
        return str(self.args[0])

    @property
    def message_zh(self) -> str:
        """The error in Chinese (:mod:`govinfo.messages_zh`): what the code means; the English
        :attr:`message` when the code has no Chinese wording."""
        from .messages_zh import message_zh

        return message_zh(self.code, self.message) or self.message

    def problems(self) -> list[Problem]:
        """This error as a list of ``(code, path, message)``."""
        return [(self.code, self.path or "$", self.message)]

    def __str__(self) -> str:
        if self.path:
            return f"{self.path}: {self.args[0]} [{self.code}]"
        return f"{self.args[0]} [{self.code}]"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args[0], self.code, self.path))


def _rebuild(cls: type[GovinfoError], message: str, code: str, path: str | None) -> GovinfoError:
    return cls(message, code=code, path=path)


class ParseError(GovinfoError):
    """A published report could not be read: a table could not be placed, or no report was found.

    The message says which table (or section) and why; ``path`` is the JSON path of the
    table (``$.requests``) or the input location. govinfo never fills in made-up zeros
    instead of raising this.

    >>> import govinfo
    >>> try:
    ...     govinfo.parse("a shopping list, not a report")
    ... except ParseError as e:
    ...     print(e.code)
    not_a_report
    """

    code = "parse_error"
    default_message = "the report could not be read"


class RenderError(GovinfoError):
    """A report could not be rendered as asked.

    Codes: ``unknown_locale`` (the ``locale`` argument names no locale Babel knows).

    >>> import govinfo
    >>> try:
    ...     govinfo.render_text(govinfo.examples.linping_education_2023(), locale="xx")
    ... except RenderError as e:
    ...     print(e.code)
    unknown_locale
    """

    code = "render_error"
    default_message = "the report could not be rendered"


class InvalidReportError(ExceptionGroup, GovinfoError):  # type: ignore[misc,unused-ignore]
    """Every problem found in one piece of input, raised at once.

    Each member of :attr:`exceptions` is a :class:`GovinfoError` with its own code and path;
    :meth:`problems` flattens them to ``(code, path, message)``.

    >>> from govinfo import Report
    >>> try:
    ...     Report.from_dict({"edition": "2021", "agency": "某局", "year": -5, "extra": 1})
    ... except InvalidReportError as e:
    ...     print(len(e.exceptions), isinstance(e, ValueError))
    ...     for code, path, message in e.problems():
    ...         print(code, path, message)
    2 True
    unknown_key $.extra unknown key 'extra'
    bad_year $.year year must have four digits, not -5
    """

    code = "invalid_report"
    default_message = "the report is not valid"

    def __new__(cls, message: str, errors: Sequence[GovinfoError]) -> InvalidReportError:
        return super().__new__(cls, message, list(errors))  # type: ignore[no-any-return,unused-ignore]

    def __init__(self, message: str, errors: Sequence[GovinfoError]):
        ExceptionGroup.__init__(self, message, list(errors))
        self.path = None

    @property
    def errors(self) -> tuple[GovinfoError, ...]:
        return tuple(e for e in self.exceptions if isinstance(e, GovinfoError))

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for e in self.errors:
            out.extend(e.problems())
        return out

    def derive(self, excs: Sequence[Exception]) -> InvalidReportError:  # type: ignore[override,unused-ignore]
        return InvalidReportError(self.message, [e for e in excs if isinstance(e, GovinfoError)])

    def __str__(self) -> str:
        lines = [f"{self.message} ({len(self.exceptions)} problem{'s' if len(self.exceptions) > 1 else ''}):"]
        lines += [f"  {path}: {message} [{code}]" for code, path, message in self.problems()]
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, list(self.errors)))

    @classmethod
    def collect(cls, errors: Sequence[GovinfoError], what: str = "the report is not valid") -> None:
        """Raise one error holding ``errors``, if there are any."""
        if errors:
            raise cls(what, errors)


class ValidationError(InvalidReportError):
    """A report breaks hard rules: every error finding of :func:`govinfo.validate`, raised at once.

    Raised by :meth:`govinfo.Report.check` and ``validate(report, strict=True)``. Each member of
    :attr:`exceptions` is a :class:`GovinfoError` with the finding's code, path and English
    message; :attr:`findings` holds the :class:`~govinfo.Finding` values themselves.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> bad = attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3))
    >>> try:
    ...     bad.check()
    ... except ValidationError as e:
    ...     print(e.code, [(f.code, f.path) for f in e.findings])
    validation_failed [('E4-appeal-total', '$.appeals.review.total')]
    """

    code = "validation_failed"
    default_message = "the report breaks the accounting identities"

    findings: tuple[Any, ...]

    def __new__(
        cls, message: str, errors: Sequence[GovinfoError], findings: Sequence[Any] = ()
    ) -> ValidationError:
        return super().__new__(cls, message, errors)  # type: ignore[return-value,unused-ignore]

    def __init__(self, message: str, errors: Sequence[GovinfoError], findings: Sequence[Any] = ()):
        super().__init__(message, errors)
        self.findings = tuple(findings)

    @classmethod
    def of(cls, findings: Sequence[Any]) -> ValidationError:
        """The error for these findings (each has ``code``, ``path`` and ``message_en``)."""
        n = len(findings)
        return cls(
            f"the report breaks {n} rule{'s' if n != 1 else ''}",
            [GovinfoError(f.message_en, code=f.code, path=f.path) for f in findings],
            findings,
        )

    def derive(self, excs: Sequence[Exception]) -> ValidationError:  # type: ignore[override,unused-ignore]
        errors = [e for e in excs if isinstance(e, GovinfoError)]
        keep = {(e.code, e.path) for e in errors}
        return ValidationError(self.message, errors, [f for f in self.findings if (f.code, f.path) in keep])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, list(self.errors), self.findings))


class IncompleteReportError(InvalidReportError, ParseError):  # type: ignore[misc,unused-ignore]
    """:func:`govinfo.parse` read only part of a report: each member names one section (or the
    year) that was not read in full, with its code and path.

    Member codes: ``no_year`` (``$.year``: no place in the input states it; pass ``year=``),
    ``section_not_found``, ``table_not_placed`` and ``partly_read`` (``$.<section>``).
    Nothing read is lost: :attr:`result` is the whole :class:`~govinfo.ParseResult`, every cell
    that could be placed included (:func:`govinfo.parse_document` returns it directly).

    >>> import govinfo
    >>> text = govinfo.render_text(govinfo.examples.linping_education_2023())
    >>> try:
    ...     govinfo.parse(text[: text.index("四、")])
    ... except IncompleteReportError as e:
    ...     print(e.code, [code for code, path, message in e.problems()][:2])
    ...     print(e.result.report.requests["new_received", "total"])
    incomplete_report ['partly_read', 'section_not_found']
    12
    """

    code = "incomplete_report"
    default_message = "only part of the report could be read"
    result: Any = None

    def __new__(
        cls, message: str, errors: Sequence[GovinfoError], result: Any = None
    ) -> IncompleteReportError:
        return super().__new__(cls, message, list(errors))  # type: ignore[no-any-return,unused-ignore]

    def __init__(self, message: str, errors: Sequence[GovinfoError], result: Any = None):
        super().__init__(message, errors)
        self.result = result

    def derive(self, excs: Sequence[Exception]) -> IncompleteReportError:  # type: ignore[override,unused-ignore]
        return IncompleteReportError(
            self.message, [e for e in excs if isinstance(e, GovinfoError)], self.result
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, list(self.errors)))
