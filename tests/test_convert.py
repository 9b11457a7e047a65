"""The interchange format: round trips, derived totals and every kind of broken dict."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govinfo import GovinfoError, InvalidReportError, Report
from govinfo.convert import dumps, make_converter
from govinfo.examples import linping_education_2023

DATA = Path(__file__).parent / "data"
LINPING = json.loads((DATA / "linping-education-2023.json").read_text(encoding="utf-8"))
TABLES = sorted(DATA.glob("*.tables.json"))


def test_example_to_dict_equals_the_shipped_json() -> None:
    assert linping_education_2023().to_dict() == LINPING


def test_example_round_trips() -> None:
    r = linping_education_2023()
    assert Report.from_dict(r.to_dict()) == r
    assert Report.from_json(r.to_json()) == r
    assert Report.from_json(r.to_json(indent=2).encode()) == r


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_corpus_tables_round_trip(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    r = Report.from_dict(data)
    assert Report.from_dict(r.to_dict()) == r
    assert Report.from_json(r.to_json()) == r
    # what the file states is what the report holds
    assert r.to_dict()["requests"] == data["requests"]
    assert r.to_dict()["appeals"] == data["appeals"]


def test_undivided_other_in_a_2021_report_round_trips() -> None:
    r = Report.from_json((DATA / "hongze-government-2023.tables.json").read_text(encoding="utf-8"))
    assert r.edition == "2021"
    assert not r.requests.other_divided
    assert r.to_dict()["requests"]["results"]["other"] == {
        "natural_person": 0, "commercial": 0, "research": 0, "public_interest": 0,
        "legal_services": 0, "other": 0, "total": 0,
    }  # fmt: skip
    # Hongze's wrong 总计 of 行政复议 is kept as stated (10 + 1 + 0 + 0 stated as 0).
    assert r.appeals["review", "total"] == 0
    assert r.appeals.row("review").computed_total == 11


def test_2019_edition_round_trips_with_signed_and_money() -> None:
    d = copy.deepcopy(LINPING)
    d["edition"] = "2019"
    d["requests"]["results"]["other"] = dict.fromkeys(LINPING["requests"]["new_received"], 0)
    d["proactive"] = {
        "rules": {"new_made": 0, "new_published": 0, "total_published": 3},
        "normative_documents": {"new_made": 2, "new_published": 2, "total_published": 40},
        "licensing": {"items_last_year": 120, "net_change": -8, "decisions": 955},
        "other_services": {"items_last_year": 3, "net_change": 22, "decisions": 1},
        "penalties": {"items_last_year": 10, "net_change": None, "decisions": 0},
        "coercion": {"items_last_year": 2, "net_change": 0, "decisions": None},
        "fees": {"items_last_year": 1, "net_change": 0},
        "procurement": {"projects": 4, "amount": "103.3879", "unit": "万元"},
    }
    r = Report.from_dict(d)
    assert r.proactive["licensing", "net_change"] == -8
    assert r.proactive["procurement", "amount"] == Decimal("103.3879")
    assert r.to_dict() == d
    assert Report.from_json(r.to_json()) == r


def test_money_keeps_its_stated_precision() -> None:
    d = copy.deepcopy(LINPING)
    d["proactive"]["fees"]["amount"] = "0.50"
    assert Report.from_dict(d).to_dict()["proactive"]["fees"]["amount"] == "0.50"


def test_omitted_totals_are_derived() -> None:
    d = copy.deepcopy(LINPING)
    for row in (d["new_received"] for d in [d["requests"]]):
        del row["total"]
    del d["requests"]["results"]["total"]
    del d["requests"]["results"]["granted"]["total"]
    for group in d["appeals"].values():
        del group["total"]
    d["appeals"]["review"].update(upheld=2, corrected=1)
    r = Report.from_dict(d)
    assert r.requests["new_received", "total"] == 12
    assert r.requests["results.granted", "total"] == 11
    # （七）总计 = 11 granted + 1 not held (Linping's published table)
    assert r.requests["results.total", "natural_person"] == 12
    assert r.requests["results.total", "total"] == 12
    assert r.appeals["review", "total"] == 3


def test_derived_total_of_blank_row_is_blank() -> None:
    d = copy.deepcopy(LINPING)
    d["requests"]["carried_over"] = {k: None for k in LINPING["requests"]["carried_over"] if k != "total"}
    assert Report.from_dict(d).requests["carried_over", "total"] is None


def test_tables_only_dict_loads_with_unstated_sections() -> None:
    r = Report.from_json((DATA / "huaian-government-2024.tables.json").read_text(encoding="utf-8"))
    assert r.overview.is_empty
    assert r.proactive.is_blank()
    assert r.requests.other_divided


# --- broken dicts: each kind of mistake, with every (code, path) it must name ---------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            d = d[key]
        d[last] = value

    return apply


def _del(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            d = d[key]
        del d[last]

    return apply


def _both(*fs: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def apply(d: dict[str, Any]) -> None:
        for f in fs:
            f(d)

    return apply


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], list[tuple[str, str]]]] = [
    ("unknown top key", _set("color", "red"), [("unknown_key", "$.color")]),
    ("missing edition", _del("edition"), [("missing_key", "$.edition")]),
    ("missing agency", _del("agency"), [("missing_key", "$.agency")]),
    ("missing year", _del("year"), [("missing_key", "$.year")]),
    ("edition as int", _set("edition", 2021), [("bad_edition", "$.edition")]),
    ("unknown edition", _set("edition", "2020"), [("bad_edition", "$.edition")]),
    ("format_version 2", _set("format_version", 2), [("bad_format_version", "$.format_version")]),
    ("format_version true", _set("format_version", True), [("bad_format_version", "$.format_version")]),
    ("agency number", _set("agency", 42), [("wrong_type", "$.agency")]),
    ("year string", _set("year", "2023"), [("wrong_type", "$.year")]),
    ("year bool", _set("year", True), [("wrong_type", "$.year")]),
    ("year float", _set("year", 2023.0), [("wrong_type", "$.year")]),
    ("year two digits", _set("year", 23), [("bad_year", "$.year")]),
    ("title number", _set("title", 1), [("wrong_type", "$.title")]),
    ("published not a date", _set("published", "2024-02-30"), [("bad_date", "$.published")]),
    ("published wrong form", _set("published", "2024/01/20"), [("bad_date", "$.published")]),
    ("preamble string", _set("preamble", "依据条例"), [("wrong_type", "$.preamble")]),
    ("preamble item", _set("preamble", ["ok", 3]), [("wrong_type", "$.preamble[1]")]),
    ("overview list", _set("overview", []), [("wrong_type", "$.overview")]),
    ("overview unknown key", _set("overview.heading", "x"), [("unknown_key", "$.overview.heading")]),
    (
        "subsection without title",
        _set("overview.subsections", [{"paragraphs": []}]),
        [("missing_key", "$.overview.subsections[0].title")],
    ),
    (
        "subsection title number",
        _set("problems.subsections", [{"title": 1, "paragraphs": ["a"]}]),
        [("wrong_type", "$.problems.subsections[0].title")],
    ),
    (
        "paragraph number",
        _set("other_matters.paragraphs", ["a", None]),
        [("wrong_type", "$.other_matters.paragraphs[1]")],
    ),
    (
        "negative count",
        _set("requests.results.withheld.state_secret.natural_person", -1),
        [("negative_count", "$.requests.results.withheld.state_secret.natural_person")],
    ),
    (
        "count as string",
        _set("requests.new_received.commercial", "0"),
        [("wrong_type", "$.requests.new_received.commercial")],
    ),
    (
        "count as float",
        _set("appeals.review.upheld", 1.0),
        [("wrong_type", "$.appeals.review.upheld")],
    ),
    (
        "count as bool",
        _set("appeals.litigation_direct.pending", False),
        [("wrong_type", "$.appeals.litigation_direct.pending")],
    ),
    (
        "missing cell",
        _del("requests.carried_forward.research"),
        [("missing_key", "$.requests.carried_forward.research")],
    ),
    (
        "missing row",
        _del("requests.results.unable.not_held"),
        [("missing_key", "$.requests.results.unable.not_held")],
    ),
    (
        "unknown column",
        _set("requests.new_received.legal_persons", 0),
        [("unknown_key", "$.requests.new_received.legal_persons")],
    ),
    (
        "row not an object",
        _set("requests.results.granted", [11, 0, 0, 0, 0, 0, 11]),
        [("wrong_type", "$.requests.results.granted")],
    ),
    (
        "money as float",
        _set("proactive.fees.amount", 11615.0),
        [("money_not_string", "$.proactive.fees.amount")],
    ),
    (
        "money as int",
        _set("proactive.fees.amount", 11615),
        [("money_not_string", "$.proactive.fees.amount")],
    ),
    ("money negative", _set("proactive.fees.amount", "-3"), [("negative_money", "$.proactive.fees.amount")]),
    (
        "money with unit",
        _set("proactive.fees.amount", "11615万元"),
        [("bad_money", "$.proactive.fees.amount")],
    ),
    ("money exponent", _set("proactive.fees.amount", "1e3"), [("bad_money", "$.proactive.fees.amount")]),
    (
        "2019 key in a 2021 report",
        _set("proactive.other_services", {"items_last_year": 0, "net_change": 0, "decisions": 0}),
        [("other_edition_key", "$.proactive.other_services")],
    ),
    (
        "2019 column in a 2021 report",
        _set("proactive.licensing.items_last_year", 3),
        [("other_edition_key", "$.proactive.licensing.items_last_year")],
    ),
    (
        "negative net change where only 2019 allows it",
        _set("proactive.normative_documents.issued", -2),
        [("negative_count", "$.proactive.normative_documents.issued")],
    ),
    (
        "2021 divided other in a 2019 report",
        _set("edition", "2019"),
        # the divided （六） of the Linping dict does not fit the 2019 layout, nor does its 二
        [
            ("other_edition_key", "$.proactive.rules.issued"),
            ("other_edition_key", "$.proactive.rules.repealed"),
            ("other_edition_key", "$.proactive.rules.in_force"),
        ],
    ),
    (
        "several problems at once",
        _both(
            _set("agency", None),
            _set("appeals.review.total", -5),
            _set("requests.results.other.unpaid_fee.total", "3"),
        ),
        [
            ("wrong_type", "$.agency"),
            ("wrong_type", "$.requests.results.other.unpaid_fee.total"),
            ("negative_count", "$.appeals.review.total"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "mutate", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_dicts_name_every_problem(
    name: str, mutate: Callable[[dict[str, Any]], None], expected: list[tuple[str, str]]
) -> None:
    d = copy.deepcopy(LINPING)
    mutate(d)
    with pytest.raises(InvalidReportError) as info:
        Report.from_dict(d)
    found = [(code, path) for code, path, _ in info.value.problems()]
    for item in expected:
        assert item in found, f"{item} not in {found}"
    if name != "2021 divided other in a 2019 report":
        assert sorted(found) == sorted(expected)
    assert isinstance(info.value, ValueError)
    assert all(isinstance(e, GovinfoError) for e in info.value.exceptions)


def test_at_least_thirty_kinds_of_broken_dict() -> None:
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("junk", [None, [], "report", 3, 2.5, True, b"{}", {"edition": {}}, {1: 2}])
def test_junk_gives_a_govinfo_error(junk: Any) -> None:
    with pytest.raises(GovinfoError):
        Report.from_dict(junk)


@pytest.mark.parametrize("text", ["", "{", "[1,2", "null", '{"edition": "2021"', b"\xff\xfe"])
def test_bad_json_gives_a_govinfo_error(text: str | bytes) -> None:
    with pytest.raises(GovinfoError) as info:
        Report.from_json(text)
    assert info.value.code in {"bad_json", "invalid_report"}


def test_errors_pickle() -> None:
    import pickle

    d = copy.deepcopy(LINPING)
    d["year"] = "x"
    with pytest.raises(InvalidReportError) as info:
        Report.from_dict(d)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems() == info.value.problems()


def test_own_converter_structures_reports() -> None:
    conv = make_converter()
    r = linping_education_2023()
    assert conv.structure(conv.unstructure(r), Report) == r


def test_json_text_is_compact_utf8_and_stable() -> None:
    text = dumps(linping_education_2023())
    assert "杭州市临平区教育局" in text
    assert json.loads(text) == LINPING
