"""The interchange format (``docs/interchange.md``, both editions) as msgspec Structs.

The same constraints as :mod:`pydantic_model` and govinfo: strict non-negative integer counts
or null (``net_change`` signed), money a decimal string (never a float) turned into a
``Decimal``, units ``"元"``/``"万元"``/null, unknown fields forbidden, both editions as a union
tagged by ``edition``. msgspec unions cannot hold two object types, so a 2021 report's （六）,
which is either three rows or one undivided row, is decoded in a second step (as pydantic's
smart union does by trying each). Omitted totals default to null instead of being derived.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct
from msgspec.structs import force_setattr

Count = Annotated[int, Meta(ge=0)] | None
Signed = int | None
MoneyText = Annotated[str, Meta(pattern=r"^[0-9]{1,30}(\.[0-9]{1,30})?$")] | None
Unit = Literal["元", "万元"] | None


class Model(Struct, forbid_unknown_fields=True, frozen=True):
    pass


class Subsection(Model, frozen=True):
    title: str
    paragraphs: tuple[str, ...] = ()


class Narrative(Model, frozen=True):
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Subsection, ...] = ()


def _money(obj: Struct) -> None:
    # Decoded as a checked decimal string, then held as a Decimal like govinfo and pydantic.
    amount = getattr(obj, "amount", None)
    if amount is not None:
        force_setattr(obj, "amount", Decimal(amount))


# --- 二 ---------------------------------------------------------------------------------------


class Documents2021(Model, frozen=True):
    issued: Count
    repealed: Count
    in_force: Count


class Decisions(Model, frozen=True):
    decisions: Count


class Fees2021(Model, frozen=True):
    amount: MoneyText

    def __post_init__(self) -> None:
        _money(self)


class Proactive2021(Model, frozen=True):
    rules: Documents2021
    normative_documents: Documents2021
    licensing: Decisions
    penalties: Decisions
    coercion: Decisions
    fees: Fees2021


class Documents2019(Model, frozen=True):
    new_made: Count
    new_published: Count
    total_published: Count


class Items2019(Model, frozen=True):
    items_last_year: Count
    net_change: Signed
    decisions: Count


class Fees2019(Model, frozen=True):
    items_last_year: Count
    net_change: Signed


class Procurement2019(Model, frozen=True):
    projects: Count
    amount: MoneyText
    unit: Unit

    def __post_init__(self) -> None:
        _money(self)


class Proactive2019(Model, frozen=True):
    rules: Documents2019
    normative_documents: Documents2019
    licensing: Items2019
    other_services: Items2019
    penalties: Items2019
    coercion: Items2019
    fees: Fees2019
    procurement: Procurement2019


# --- 三 ---------------------------------------------------------------------------------------


class Row(Model, frozen=True):
    natural_person: Count
    commercial: Count
    research: Count
    public_interest: Count
    legal_services: Count
    other: Count
    total: Count = None


class Withheld(Model, frozen=True):
    state_secret: Row
    prohibited_by_law: Row
    security_stability: Row
    third_party: Row
    internal_affairs: Row
    process_information: Row
    enforcement_files: Row
    query_matters: Row


class Unable(Model, frozen=True):
    not_held: Row
    needs_creation: Row
    still_unclear: Row


class NotProcessed(Model, frozen=True):
    complaint: Row
    duplicate: Row
    publication: Row
    excessive: Row
    confirmation: Row


class OtherDivided(Model, frozen=True):
    no_correction: Row
    unpaid_fee: Row
    other: Row


_ROW = msgspec.json.Decoder(Row)
_OTHER_DIVIDED = msgspec.json.Decoder(OtherDivided)


class Results2021(Model, frozen=True):
    granted: Row
    partially_granted: Row
    withheld: Withheld
    unable: Unable
    not_processed: NotProcessed
    other: msgspec.Raw
    total: Row | None = None

    def __post_init__(self) -> None:
        try:
            other: OtherDivided | Row = _OTHER_DIVIDED.decode(self.other)
        except msgspec.ValidationError:
            other = _ROW.decode(self.other)
        force_setattr(self, "other", other)


class Results2019(Model, frozen=True):
    granted: Row
    partially_granted: Row
    withheld: Withheld
    unable: Unable
    not_processed: NotProcessed
    other: Row
    total: Row | None = None


class Requests2021(Model, frozen=True):
    new_received: Row
    carried_over: Row
    results: Results2021
    carried_forward: Row


class Requests2019(Model, frozen=True):
    new_received: Row
    carried_over: Row
    results: Results2019
    carried_forward: Row


# --- 四 ---------------------------------------------------------------------------------------


class AppealRow(Model, frozen=True):
    upheld: Count
    corrected: Count
    other: Count
    pending: Count
    total: Count = None


class Appeals(Model, frozen=True):
    review: AppealRow
    litigation_direct: AppealRow
    litigation_after_review: AppealRow


# --- the report -----------------------------------------------------------------------------


class Report2021(Model, frozen=True, tag_field="edition", tag="2021"):
    agency: str
    year: Annotated[int, Meta(ge=1000, le=9999)]
    format_version: Literal[1] = 1
    title: str | None = None
    published: dt.date | None = None
    preamble: tuple[str, ...] = ()
    overview: Narrative = Narrative()
    proactive: Proactive2021 | None = None
    requests: Requests2021 | None = None
    appeals: Appeals | None = None
    problems: Narrative = Narrative()
    other_matters: Narrative = Narrative()


class Report2019(Model, frozen=True, tag_field="edition", tag="2019"):
    agency: str
    year: Annotated[int, Meta(ge=1000, le=9999)]
    format_version: Literal[1] = 1
    title: str | None = None
    published: dt.date | None = None
    preamble: tuple[str, ...] = ()
    overview: Narrative = Narrative()
    proactive: Proactive2019 | None = None
    requests: Requests2019 | None = None
    appeals: Appeals | None = None
    problems: Narrative = Narrative()
    other_matters: Narrative = Narrative()


#: Reads either edition, chosen by the ``edition`` key.
DECODER = msgspec.json.Decoder(Report2021 | Report2019)


#: Writes a decoded report back to interchange JSON (a Decimal as its decimal string).
ENCODER = msgspec.json.Encoder(decimal_format="string")
