"""二: the proactive-disclosure tables keyed to 《条例》 Art. 20."""

from __future__ import annotations

import attrs

from .catalogue import EDITIONS, Edition, TableSpec
from .errors import GovinfoError
from .table import Table

__all__ = ["Proactive"]

_EDITION_OF = {e.proactive: e for e in EDITIONS.values()}


def _is_proactive_layout(inst: object, attribute: object, spec: TableSpec) -> None:
    if spec not in _EDITION_OF:
        raise GovinfoError(
            f"{spec.key}/{spec.variant} is not a section-二 layout", code="wrong_shape", path="$.proactive"
        )


@attrs.frozen(kw_only=True)
class Proactive(Table):
    """Section 二 of either edition: counts, the 2019 signed net changes, and money as Decimal.

    >>> from decimal import Decimal
    >>> from govinfo.catalogue import get_edition
    >>> p = Proactive.from_cells(get_edition("2021").proactive, {("fees", "amount"): Decimal("11615")})
    >>> p["fees", "amount"], p.edition.key
    (Decimal('11615'), '2021')
    >>> from govinfo import GovinfoError
    >>> try:
    ...     Proactive.from_cells(get_edition("2021").proactive, {("fees", "amount"): -1.5})
    ... except GovinfoError as e:
    ...     print(e)
    invalid cells in the proactive table (1 problem):
      $.proactive.fees.amount: money must be a Decimal, not float [wrong_type]
    """

    spec: TableSpec = attrs.field(validator=_is_proactive_layout)

    @property
    def edition(self) -> Edition:
        """The edition whose section 二 this is."""
        return _EDITION_OF[self.spec]
