"""Narrative sections (一、五、六): paragraphs and titled subsections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .errors import GovinfoError

__all__ = ["Narrative", "Subsection"]


def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _sub_tuple(items: Iterable[Subsection]) -> tuple[Subsection, ...]:
    return tuple(items)


def _texts(inst: Any, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for i, p in enumerate(value):
        if not isinstance(p, str):
            raise GovinfoError(
                f"a paragraph must be a string, not {type(p).__name__}",
                code="wrong_type",
                path=f"{attribute.name}[{i}]",
            )


def _str(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise GovinfoError(
            f"must be a string, not {type(value).__name__}", code="wrong_type", path=attribute.name
        )


@attrs.frozen(kw_only=True)
class Subsection:
    """A titled subsection, e.g. ``（一）主动公开情况``; the title is stored without its numeral.

    >>> Subsection(title="主动公开情况", paragraphs=("全年主动公开信息74条。",))
    Subsection(title='主动公开情况', paragraphs=('全年主动公开信息74条。',))
    """

    title: str = attrs.field(validator=_str)
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_texts)


def _subsections(inst: Any, attribute: attrs.Attribute[Any], value: tuple[Subsection, ...]) -> None:
    for i, s in enumerate(value):
        if not isinstance(s, Subsection):
            raise GovinfoError(
                f"a subsection must be a Subsection, not {type(s).__name__}",
                code="wrong_type",
                path=f"subsections[{i}]",
            )


@attrs.frozen(kw_only=True)
class Narrative:
    """A prose section: paragraphs before the first subsection, then the subsections.

    >>> n = Narrative.of("总体良好。", subsections={"主动公开情况": ["公开74条。"]})
    >>> n.subsections[0].title, n.is_empty
    ('主动公开情况', False)
    >>> Narrative().is_empty
    True
    """

    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_texts)
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(), converter=_sub_tuple, validator=_subsections
    )

    @classmethod
    def of(cls, *paragraphs: str, subsections: dict[str, Iterable[str]] | None = None) -> Narrative:
        """Build a narrative from paragraphs and a ``{title: paragraphs}`` mapping."""
        subs = tuple(Subsection(title=t, paragraphs=tuple(ps)) for t, ps in (subsections or {}).items())
        return cls(paragraphs=paragraphs, subsections=subs)

    @property
    def is_empty(self) -> bool:
        """True when the section states nothing."""
        return not self.paragraphs and not self.subsections

    def all_paragraphs(self) -> tuple[str, ...]:
        """Every paragraph, including those of subsections, in order."""
        out = list(self.paragraphs)
        for s in self.subsections:
            out.extend(s.paragraphs)
        return tuple(out)


# --- construction from values already checked -------------------------------------------------
# The interchange reader checks every value of a narrative on its way in; building through
# ``__init__`` would check them all again (the validators above), which is a good part of the
# cost of loading a report. These two build the same frozen instances without the second check.
# They take exactly the fields of the classes (tests/test_convert_fastpath.py keeps them so).

_new = object.__new__
_set = object.__setattr__


def checked_subsection(title: str, paragraphs: tuple[str, ...]) -> Subsection:
    """``Subsection(title=title, paragraphs=paragraphs)`` for a str and a tuple of str."""
    sub = _new(Subsection)
    _set(sub, "title", title)
    _set(sub, "paragraphs", paragraphs)
    return sub


def checked_narrative(paragraphs: tuple[str, ...], subsections: tuple[Subsection, ...]) -> Narrative:
    """``Narrative(paragraphs=..., subsections=...)`` for a tuple of str and one of Subsection."""
    narrative = _new(Narrative)
    _set(narrative, "paragraphs", paragraphs)
    _set(narrative, "subsections", subsections)
    return narrative
