"""The interchange reader's fast path agrees with its careful path.

Loading a report tries a fast path first (rows copied whole, counts checked once by the
table's constructor, narratives built without a second check) and falls back to the careful
reader, which names every problem, for anything unusual. The fast path must never accept what
the careful reader rejects, and must build exactly what it builds.
"""

from __future__ import annotations

import copy
import json
import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo import AppealTable, GovinfoError, Proactive, Report, RequestTable
from govinfo import convert as c
from govinfo.catalogue import EDITIONS, TableSpec
from govinfo.examples import linping_education_2023
from govinfo.narrative import Narrative, Subsection, checked_narrative, checked_subsection
from govinfo.table import MAX_COUNT, Table, all_counts
from govinfo.testing.strategies import broken_dicts, reports

_CLASSES: dict[str, type[Table]] = {"proactive": Proactive, "requests": RequestTable, "appeals": AppealTable}


def _layouts(edition: str, key: str) -> tuple[TableSpec, ...]:
    ed = EDITIONS[edition]
    return {"proactive": (ed.proactive,), "requests": ed.requests, "appeals": (ed.appeals,)}[key]


def _careful(obj: object, spec: TableSpec) -> tuple[Table | None, list[tuple[str, str]]]:
    problems = c._Problems()
    cells = c._read_table(obj, spec, problems)
    found = [(e.code, e.path or "") for e in problems.errors]
    return (None if found else _CLASSES[spec.key](spec=spec, cells=tuple(cells))), found


def _agrees(data: dict[str, Any]) -> None:
    """Wherever the fast path builds a table or narrative, the careful one builds the same."""
    edition = data.get("edition")
    for key in ("proactive", "requests", "appeals"):
        if key not in data or not isinstance(edition, str) or edition not in EDITIONS:
            continue
        for spec in _layouts(edition, key):
            fast = c._clean_table(_CLASSES[key], data[key], spec)
            if fast is not None:
                assert _careful(data[key], spec) == (fast, [])
    for key in ("overview", "problems", "other_matters"):
        if key in data:
            fast_n = c._clean_narrative(data[key])
            if fast_n is not None:
                problems = c._Problems()
                assert c._read_narrative(data[key], f"$.{key}", problems) == fast_n
                assert problems.errors == []


@given(reports(blanks=True))
def test_fast_path_builds_what_the_careful_path_builds(report: Report) -> None:
    data = report.to_dict()
    _agrees(data)
    for key in ("proactive", "requests", "appeals"):
        assert c._clean_table(_CLASSES[key], data[key], getattr(report, key).spec) == getattr(report, key)
    assert c._clean_narrative(data["overview"]) == report.overview
    # orjson writes the compact text when it is installed: byte for byte what json writes.
    assert report.to_json() == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@given(broken_dicts())
def test_fast_path_never_accepts_a_broken_dict(broken: Any) -> None:
    _agrees(broken.data)
    with pytest.raises(GovinfoError) as e:
        Report.from_dict(broken.data)
    assert [p[:2] for p in e.value.problems()] == [(broken.code, broken.path)]


_JUNK: list[object] = [None, -1, 1.0, 0.0, "1", True, False, [], {}, "-1", 1.5, "x", "元", 10**30]


@given(st.data())
def test_fast_path_agrees_on_junk_in_any_place(data: st.DataObject) -> None:
    d = linping_education_2023().to_dict()
    paths = []

    def walk(obj: Any, path: tuple[Any, ...]) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                paths.append((*path, k))
                walk(v, (*path, k))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                paths.append((*path, i))
                walk(v, (*path, i))

    walk(d, ())
    path = data.draw(st.sampled_from([p for p in paths if len(p) > 1]))
    broken = copy.deepcopy(d)
    parent = broken
    for k in path[:-1]:
        parent = parent[k]
    if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(st.sampled_from(_JUNK), label="junk")
    _agrees(broken)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("requests", "new_received", "total"), None),  # omitted: derived by the careful path
        (("requests", "new_received", "extra"), 1),
        (("requests", "new_received", "natural_person"), True),
        (("requests", "new_received", "natural_person"), 1.0),
        (("requests", "new_received", "natural_person"), -1),
        (("requests", "results", "other"), {}),
        (("appeals", "review", "upheld"), "3"),
        (("proactive", "fees", "amount"), 11615.0),
        (("proactive", "fees", "amount"), "-1"),
    ],
)
def test_fast_path_leaves_each_problem_to_the_careful_path(where: tuple[str, ...], value: Any) -> None:
    d = linping_education_2023().to_dict()
    obj = d
    for key in where[:-1]:
        obj = obj[key]
    if value is None:
        del obj[where[-1]]
    else:
        obj[where[-1]] = value
    spec = getattr(linping_education_2023(), where[0]).spec
    assert c._clean_table(_CLASSES[where[0]], d[where[0]], spec) is None


def test_fast_path_reads_money_as_decimal() -> None:
    d = linping_education_2023().to_dict()
    table = c._clean_table(Proactive, d["proactive"], EDITIONS["2021"].proactive)
    assert table is not None
    assert table["fees", "amount"] == Decimal("11615")


@pytest.mark.parametrize(
    "narrative",
    [
        {"paragraphs": ["a", 1]},
        {"paragraphs": "ab"},
        {"subsections": [{"title": "t"}]},  # no "paragraphs": careful path (which allows it)
        {"subsections": [{"title": 1, "paragraphs": []}]},
        {"subsections": [{"title": "t", "paragraphs": [], "x": 1}]},
        {"paragraphs": [], "x": []},
        [],
    ],
)
def test_unusual_narratives_take_the_careful_path(narrative: object) -> None:
    assert c._clean_narrative(narrative) is None


def test_checked_constructors_build_what_init_builds() -> None:
    assert [f.name for f in attrs.fields(Subsection)] == ["title", "paragraphs"]
    assert [f.name for f in attrs.fields(Narrative)] == ["paragraphs", "subsections"]
    sub = checked_subsection("主动公开情况", ("公开74条。",))
    assert sub == Subsection(title="主动公开情况", paragraphs=("公开74条。",))
    assert hash(sub) == hash(Subsection(title="主动公开情况", paragraphs=("公开74条。",)))
    n = checked_narrative(("总体良好。",), (sub,))
    assert n == Narrative.of("总体良好。", subsections={"主动公开情况": ["公开74条。"]})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        n.paragraphs = ()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [([], True), ([0, 1, None], True), ((None,) * 3, True), ([0, -1], False), ([1, True], False),
     ([1, 1.0], False), ([1, "1"], False), ([Decimal(1)], False), (iter([2, None]), True)],
)  # fmt: skip
def test_all_counts(cells: Any, expected: bool) -> None:
    assert all_counts(cells) is expected


@pytest.mark.parametrize("text", ['\x00\x1f"\\\n\t\u2028\u2029\ufeff\x7f😀', "\ud800 lone surrogate"])
def test_to_json_writes_any_text_as_json_does(text: str) -> None:
    r = attrs.evolve(linping_education_2023(), agency=text)
    assert r.to_json() == json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":"))


def test_counts_are_bounded_so_every_json_library_round_trips_them() -> None:
    r = linping_education_2023()
    with pytest.raises(GovinfoError) as info:
        r.requests.replace("new_received", "natural_person", 2**70)
    assert "too_large" in str(info.value)
    big = attrs.evolve(r, requests=r.requests.replace("new_received", "natural_person", MAX_COUNT))
    assert f'"natural_person":{MAX_COUNT},' in big.to_json()
    assert Report.from_dict(json.loads(big.to_json())) == big
    assert Report.from_json(big.to_json()) == big


def test_without_orjson_the_standard_library_reads_and_writes_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    r = linping_education_2023()
    with_orjson = r.to_json()
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson now raises ImportError
    c._orjson.cache_clear()
    try:
        assert c._orjson() is None
        assert r.to_json() == with_orjson
        assert Report.from_json(with_orjson) == r
        with pytest.raises(GovinfoError, match="bad_json"):
            Report.from_json("{")
    finally:
        monkeypatch.undo()
        c._orjson.cache_clear()
    assert c._orjson() is not None
