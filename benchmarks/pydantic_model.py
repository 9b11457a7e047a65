"""The interchange format (``docs/interchange.md``, both editions) as a pydantic v2 model.

Written the way a careful pydantic user would write it, with the constraints govinfo enforces:
counts are strict non-negative integers or null (``net_change`` may be negative), money is a
decimal string (a float is rejected) turned into a ``Decimal``, a unit is ``"元"``, ``"万元"`` or
null, unknown keys are rejected everywhere, and the report is a union discriminated by edition.
A 2021 report's （六） may be three rows or one undivided row, as in govinfo.

Two things govinfo does are left out, which favours pydantic: omitted totals default to null
instead of being derived from the cells, and errors are pydantic's own, not govinfo's codes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    RootModel,
    StringConstraints,
)

_MONEY = re.compile(r"[0-9]{1,30}(?:\.[0-9]{1,30})?")

Count = Annotated[int, Field(strict=True, ge=0)] | None
Signed = Annotated[int, Field(strict=True)] | None
Money = (
    Annotated[
        str,
        StringConstraints(strict=True, pattern=_MONEY.pattern),
        AfterValidator(Decimal),
        PlainSerializer(lambda d: format(d, "f"), return_type=str),
    ]
    | None
)
Unit = Literal["元", "万元"] | None


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Subsection(Model):
    title: str
    paragraphs: tuple[str, ...] = ()


class Narrative(Model):
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Subsection, ...] = ()


# --- 二 ---------------------------------------------------------------------------------------


class Documents2021(Model):
    issued: Count
    repealed: Count
    in_force: Count


class Decisions(Model):
    decisions: Count


class Fees2021(Model):
    amount: Money


class Proactive2021(Model):
    rules: Documents2021
    normative_documents: Documents2021
    licensing: Decisions
    penalties: Decisions
    coercion: Decisions
    fees: Fees2021


class Documents2019(Model):
    new_made: Count
    new_published: Count
    total_published: Count


class Items2019(Model):
    items_last_year: Count
    net_change: Signed
    decisions: Count


class Fees2019(Model):
    items_last_year: Count
    net_change: Signed


class Procurement2019(Model):
    projects: Count
    amount: Money
    unit: Unit


class Proactive2019(Model):
    rules: Documents2019
    normative_documents: Documents2019
    licensing: Items2019
    other_services: Items2019
    penalties: Items2019
    coercion: Items2019
    fees: Fees2019
    procurement: Procurement2019


# --- 三 ---------------------------------------------------------------------------------------


class Row(Model):
    natural_person: Count
    commercial: Count
    research: Count
    public_interest: Count
    legal_services: Count
    other: Count
    total: Count = None


class Withheld(Model):
    state_secret: Row
    prohibited_by_law: Row
    security_stability: Row
    third_party: Row
    internal_affairs: Row
    process_information: Row
    enforcement_files: Row
    query_matters: Row


class Unable(Model):
    not_held: Row
    needs_creation: Row
    still_unclear: Row


class NotProcessed(Model):
    complaint: Row
    duplicate: Row
    publication: Row
    excessive: Row
    confirmation: Row


class OtherDivided(Model):
    no_correction: Row
    unpaid_fee: Row
    other: Row


class Results2021(Model):
    granted: Row
    partially_granted: Row
    withheld: Withheld
    unable: Unable
    not_processed: NotProcessed
    other: OtherDivided | Row
    total: Row | None = None


class Results2019(Results2021):
    other: Row


class Requests2021(Model):
    new_received: Row
    carried_over: Row
    results: Results2021
    carried_forward: Row


class Requests2019(Requests2021):
    results: Results2019


# --- 四 ---------------------------------------------------------------------------------------


class AppealRow(Model):
    upheld: Count
    corrected: Count
    other: Count
    pending: Count
    total: Count = None


class Appeals(Model):
    review: AppealRow
    litigation_direct: AppealRow
    litigation_after_review: AppealRow


# --- the report -----------------------------------------------------------------------------


class _Report(Model):
    format_version: Literal[1] = 1
    edition: str
    agency: str
    year: Annotated[int, Field(strict=True, ge=1000, le=9999)]
    title: str | None = None
    published: Annotated[dt.date, Field(strict=False)] | None = None
    preamble: tuple[str, ...] = ()
    overview: Narrative = Narrative()
    proactive: Proactive2021 | Proactive2019 | None = None
    requests: Requests2021 | Requests2019 | None = None
    appeals: Appeals | None = None
    problems: Narrative = Narrative()
    other_matters: Narrative = Narrative()


class Report2021(_Report):
    edition: Literal["2021"]
    proactive: Proactive2021 | None = None
    requests: Requests2021 | None = None


class Report2019(_Report):
    edition: Literal["2019"]
    proactive: Proactive2019 | None = None
    requests: Requests2019 | None = None


class Report(RootModel[Annotated[Report2021 | Report2019, Field(discriminator="edition")]]):
    """Either edition, chosen by the ``edition`` key: ``Report.model_validate_json(text).root``."""

    model_config = ConfigDict(frozen=True)
