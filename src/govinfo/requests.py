"""三: the applicant-by-outcome request matrix."""

from __future__ import annotations

import attrs

from .catalogue import EDITIONS, TableSpec
from .errors import GovinfoError
from .table import RowView, Table

__all__ = ["RequestTable"]


def _layouts() -> frozenset[TableSpec]:
    return frozenset(spec for e in EDITIONS.values() for spec in e.requests)


_LAYOUTS = _layouts()


def _is_request_layout(inst: object, attribute: object, spec: TableSpec) -> None:
    if spec not in _LAYOUTS:
        raise GovinfoError(
            f"{spec.key}/{spec.variant} is not a request-table layout of any edition",
            code="wrong_shape",
            path="$.requests",
        )


@attrs.frozen(kw_only=True)
class RequestTable(Table):
    """Section 三: rows (outcomes) × seven applicant columns (自然人 … 其他, 总计).

    Build one from cells keyed by (row key, column key), or from the interchange dict through
    :meth:`govinfo.Report.from_dict`. The stated 总计 cells are kept as stated; the
    ``computed_*`` methods give the sums next to them.

    >>> from govinfo.catalogue import get_edition
    >>> layout = get_edition("2021").requests[0]
    >>> t = RequestTable.from_cells(layout, {("new_received", "natural_person"): 12})
    >>> t["new_received", "natural_person"], t.row("new_received").computed_total
    (12, 12)
    >>> t.row("new_received").total is None   # not stated
    True
    """

    spec: TableSpec = attrs.field(validator=_is_request_layout)

    @property
    def other_divided(self) -> bool:
        """True when （六）其他处理 has its three sub-rows (the official 2021 layout)."""
        return self.spec.find("results.other", "total") is None

    def result_rows(self) -> list[RowView]:
        """The outcome leaf rows: every row under 三、本年度办理结果 except （七）总计."""
        total = self.spec.row("results.total")
        return [self.row(r.key) for r in self.spec.summed_rows(total.key)]

    def computed_results(self, column: str) -> int | None:
        """The sum of the outcome leaves in one column; what （七）总计 should state (E3)."""
        values = [r[column] for r in self.result_rows()]
        ints = [v for v in values if type(v) is int]
        return sum(ints) if ints else None
