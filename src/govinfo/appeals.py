"""四: administrative reviews and lawsuits, 3 groups × 5 outcome columns."""

from __future__ import annotations

import attrs

from .catalogue import EDITIONS, TableSpec
from .errors import GovinfoError
from .table import Table

__all__ = ["AppealTable"]

_LAYOUTS = frozenset(e.appeals for e in EDITIONS.values())


def _is_appeal_layout(inst: object, attribute: object, spec: TableSpec) -> None:
    if spec not in _LAYOUTS:
        raise GovinfoError(
            f"{spec.key}/{spec.variant} is not an appeal-table layout", code="wrong_shape", path="$.appeals"
        )


@attrs.frozen(kw_only=True)
class AppealTable(Table):
    """Section 四: 行政复议, 未经复议直接起诉 and 复议后起诉, each with 结果维持 … 总计.

    >>> from govinfo.catalogue import get_edition
    >>> t = AppealTable.from_cells(
    ...     get_edition("2021").appeals, {("review", "upheld"): 10, ("review", "total"): 0}
    ... )
    >>> t.row("review").total, t.row("review").computed_total
    (0, 10)
    """

    spec: TableSpec = attrs.field(validator=_is_appeal_layout)
