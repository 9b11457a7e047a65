"""Properties of the interchange format over generated reports."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from govinfo import GovinfoError, Report
from govinfo.testing.strategies import reports


@given(reports())
def test_dict_round_trip(report: Report) -> None:
    assert Report.from_dict(report.to_dict()) == report


@given(reports())
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
    # walk to a random object inside the dict and replace one of its values with junk
    node: Any = d
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and data.draw(st.booleans()):
            node = child
            continue
        node[key] = data.draw(json_values)
        break
    try:
        Report.from_dict(d)
    except GovinfoError as e:
        for code, path, message in e.problems():
            assert code
            assert path.startswith("$")
            assert message
