"""The official format as data: one catalogue per edition.

>>> from govinfo.catalogue import get_edition
>>> ed = get_edition("2021")
>>> ed.requests[0].cell("results.withheld.state_secret", "natural_person").label
'（三）不予公开 · 1.属于国家秘密 / 自然人'
>>> [s.label for s in ed.sections][:2]
['总体情况', '主动公开政府信息情况']
>>> get_edition("2020")
Traceback (most recent call last):
...
KeyError: "no edition '2020'; known: '2021', '2019'"

Adding an edition means adding a module like :mod:`govinfo.catalogue.edition_2021` and
listing it in :data:`EDITIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import common, edition_2019, edition_2021
from .spec import (
    MONEY_UNITS,
    CellKind,
    CellSpec,
    ColumnSpec,
    Edition,
    GridSpec,
    GroupSpec,
    RowSpec,
    SectionSpec,
    TableSpec,
    object_tree,
)

__all__ = [
    "EDITIONS",
    "MONEY_UNITS",
    "CellKind",
    "CellSpec",
    "ColumnSpec",
    "Edition",
    "GridSpec",
    "GroupSpec",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "common",
    "get_edition",
    "object_tree",
]

#: Every edition govinfo knows, by interchange key, newest first.
EDITIONS: Mapping[str, Edition] = MappingProxyType(
    {e.key: e for e in (edition_2021.EDITION, edition_2019.EDITION)}
)


def get_edition(key: str) -> Edition:
    """The edition with this interchange key (``"2021"`` or ``"2019"``).

    >>> get_edition("2021").title_en
    'Format of the Annual Report on Government Information Disclosure of the PRC'
    >>> try:
    ...     get_edition("2020")
    ... except KeyError as e:
    ...     print(e)
    "no edition '2020'; known: '2021', '2019'"
    """
    try:
        return EDITIONS[key]
    except (KeyError, TypeError):
        known = ", ".join(repr(k) for k in EDITIONS)
        raise KeyError(f"no edition {key!r}; known: {known}") from None
