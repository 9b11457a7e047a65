"""Properties of the interchange format over generated reports."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corrupt import replace_one_value
from govinfo import GovinfoError, InvalidReportError, Report
from govinfo.testing import assert_reports_equal
from govinfo.testing.strategies import DICT_ERROR_CODES, BrokenDict, broken_dicts, reports

# consistent reports, and reports with blanks and arbitrary (type-valid) cells
any_reports = reports() | reports(consistent=False, blanks=True)


@given(any_reports)
def test_dict_round_trip(report: Report) -> None:
    d = report.to_dict()
    assert_reports_equal(report, Report.from_dict(d))
    # and the dict itself comes back: money keeps its stated places ("0.50" stays "0.50")
    assert Report.from_dict(d).to_dict() == d


@given(any_reports)
def test_json_round_trip(report: Report) -> None:
    text = report.to_json()
    assert Report.from_json(text) == report
    assert json.loads(text) == report.to_dict()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(reports(), st.data())
def test_any_single_corruption_gives_only_govinfo_errors(report: Report, data: st.DataObject) -> None:
    d = report.to_dict()
    replace_one_value(d, data, json_values)
    try:
        Report.from_dict(d)
    except GovinfoError as e:
        for code, path, message in e.problems():
            assert code
            assert path.startswith("$")
            assert message


# --- broken dicts: each names exactly its one problem ------------------------------------------


def problems_of(broken: BrokenDict) -> list[list[tuple[str, str]]]:
    """The (code, path) problems of the dict, through from_dict and through its JSON text."""
    with pytest.raises(InvalidReportError) as from_dict:
        Report.from_dict(broken.data)
    with pytest.raises(InvalidReportError) as from_json:
        Report.from_json(json.dumps(broken.data))
    return [[(code, path) for code, path, _ in e.value.problems()] for e in (from_dict, from_json)]


@given(broken_dicts())
def test_every_broken_dict_names_exactly_its_problem(broken: BrokenDict) -> None:
    assert problems_of(broken) == [[(broken.code, broken.path)]] * 2


@pytest.mark.parametrize("code", DICT_ERROR_CODES)
@settings(max_examples=10)
@given(data=st.data())
def test_each_error_code_is_generated_and_named(code: str, data: st.DataObject) -> None:
    broken = data.draw(broken_dicts(codes=[code]))
    assert broken.code == code
    assert problems_of(broken) == [[(code, broken.path)]] * 2


def test_error_codes_are_those_of_the_interchange_document() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "interchange.md").read_text(encoding="utf-8")
    codes_section = doc[doc.index("## Error codes") :]
    table = [line.split("`")[1] for line in codes_section.splitlines() if line.startswith("| `")]
    # every code from_dict gives is documented; the rest belong to from_json or construction
    assert set(DICT_ERROR_CODES) <= set(table)
    assert set(table) - set(DICT_ERROR_CODES) == {"bad_json", "wrong_shape", "edition_mismatch"}


def _without_totals(node: Any) -> Any:
    """The dict with every ``total`` key removed (a producer may omit them all)."""
    if isinstance(node, dict):
        return {k: _without_totals(v) for k, v in node.items() if k != "total"}
    return node


@given(reports())
def test_omitted_totals_are_derived_as_a_consistent_report_states_them(report: Report) -> None:
    d = report.to_dict()
    for table in ("requests", "appeals"):
        d[table] = _without_totals(d[table])
    assert "total" not in json.dumps(d["requests"]) + json.dumps(d["appeals"])
    assert_reports_equal(report, Report.from_dict(d))
