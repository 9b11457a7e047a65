"""Fuzzing in the test suite: extreme values, odd text and damaged reports give only GovinfoError,
and whatever is accepted round-trips, validates and renders (issue 15).

The default profile keeps these short for CI; ``nox -s nightly`` runs them with many more
examples (the ``nightly`` Hypothesis profile).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import govinfo
from corrupt import replace_one_value
from govinfo import GovinfoError, Report
from govinfo.testing.strategies import reports

LINPING = (Path(__file__).parent.parent / "data" / "linping-education-2023.txt").read_text(encoding="utf-8")

#: Integers at and beyond every limit: the count limit, 64-bit edges, digit-limit sized.
EXTREME_INTS = (
    st.sampled_from([10**15 - 1, 10**15, 2**53 + 1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1])
    | st.integers(4300, 5001).map(lambda n: 10**n)
    | st.integers(4300, 5001).map(lambda n: -(10**n))
)
#: Text with surrogates, bidi controls, format characters and CJK.
ODD_TEXT = st.text(
    st.characters(categories=["Cs", "Cf", "Cc", "Lo", "Nd", "Zs"]) | st.sampled_from("\u202e\u2066\ud800"),
    max_size=12,
)


def nested(depth: int) -> Any:
    v: Any = 0
    for _ in range(depth):
        v = [v]
    return v


LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | EXTREME_INTS
    | st.floats()
    | st.decimals(allow_nan=True)
    | ODD_TEXT
    | st.builds(nested, st.integers(200, 1500))
)
VALUES = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(ODD_TEXT, children, max_size=3),
    max_leaves=8,
)


def _accepted(d: dict[str, Any]) -> None:
    try:
        report = Report.from_dict(d)
    except GovinfoError:
        return
    # Accepted: it round-trips, validates and renders.
    assert Report.from_json(report.to_json()) == report
    assert Report.from_dict(report.to_dict()) == report
    govinfo.validate(report)
    for render in (govinfo.render_text, govinfo.render_markdown, govinfo.render_html):
        render(report).encode("utf-8")


@given(reports(), st.data())
def test_one_value_anywhere_replaced_by_an_extreme_one(report: Report, data: st.DataObject) -> None:
    d = report.to_dict()
    replace_one_value(d, data, VALUES)
    _accepted(d)


@given(VALUES, st.text(max_size=200), st.integers(1, 200_000))
def test_from_dict_and_from_json_on_any_value(value: object, text: str, depth: int) -> None:
    with contextlib.suppress(GovinfoError):
        Report.from_dict(value)  # type: ignore[arg-type]
    for junk in (text, "[" * depth, '{"a":' * depth, "9" * min(depth, 20_000)):
        with contextlib.suppress(GovinfoError):
            Report.from_json(junk)


@given(
    st.integers(0, len(LINPING) - 1),
    st.from_regex(r"\A[+\-]{0,2}[0-9]{1,25}(?:[.,][0-9]{1,6}){0,3}(?:万元|元)?\Z"),
)
def test_any_number_written_into_a_real_report(at: int, number: str) -> None:
    """A number of any size or shape put anywhere: read exactly, or a diagnostic, never a crash."""
    start = LINPING.rfind("\n", 0, at) + 1
    end = LINPING.find("\n", at)
    line = LINPING[start:end]
    if not line.startswith("\t"):
        return
    text = LINPING[:start] + "\t" + number + LINPING[end:]
    result = govinfo.parse_document(text)
    assert result.report is not None
