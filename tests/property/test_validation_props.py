"""Properties of validation over generated reports."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.table import Table
from govinfo.testing.strategies import broken_dicts, faulty_reports, reports


@given(reports())
def test_a_consistent_report_validates_clean(report: Report) -> None:
    findings = govinfo.validate(report)
    assert [f for f in findings if f.severity != "info"] == []
    assert govinfo.is_valid(report)
    # the only infos a complete generated report can have: a narrative with no text
    assert all(f.code == "B-section-not-stated" for f in findings)


@given(reports(blanks=True))
def test_blank_zeros_break_no_identity(report: Report) -> None:
    # consistent reports with some zero cells left blank: blank = 0 keeps every identity
    findings = govinfo.validate(report)
    assert [f for f in findings if f.severity == "error"] == []
    assert {f.code for f in findings} <= {
        "B-blank-cell",
        "B-blank-row",
        "B-blank-column",
        "B-section-not-stated",
    }


@given(reports(), st.sampled_from(["requests", "appeals"]), st.data())
def test_one_changed_cell_is_found_and_named(report: Report, key: str, data: st.DataObject) -> None:
    table: Table = getattr(report, key)
    cell = data.draw(st.sampled_from(table.spec.cells))
    value = table.cells[cell.index]
    assert type(value) is int
    delta = data.draw(st.integers(-value, 1000).filter(lambda d: d != 0))
    changed: dict[str, Any] = {key: table.replace(cell.row.key, cell.column.key, value + delta)}
    bad = attrs.evolve(report, **changed)
    path = ".".join(("$", key, *cell.path))

    errors = [f for f in govinfo.validate(bad) if f.severity == "error"]
    assert errors
    assert not govinfo.is_valid(bad)
    for f in errors:
        if key == "requests":
            # in 三 every cell is in two or three identities that no other cell shares
            assert f.suspect is not None
            assert f.suspect.path == path
            assert (f.suspect.stated, f.suspect.suggested) == (value + delta, value)
        else:
            # in 四 each cell is in one identity: the cell is among the candidates, and is the
            # suspect whenever it is the only one
            assert path in [c.path for c in f.candidates]
            if f.suspect is not None:
                assert f.suspect.path == path


@given(faulty_reports())
def test_each_injected_fault_gives_its_code(faulty: Any) -> None:
    findings = govinfo.validate(faulty.report)
    assert faulty.code in {f.code for f in findings}, faulty.fault
    located = [f for f in findings if f.code == faulty.code]
    if faulty.code.startswith("E"):
        # the faulted cell is the suspect, or (in 四) one of the candidates
        for f in located:
            assert faulty.path in [c.path for c in f.candidates] or (
                f.suspect and f.suspect.path == faulty.path
            )
    elif faulty.code.startswith(("B-", "S2", "S4", "S6")):
        assert faulty.path in [f.path for f in located]


@given(faulty_reports())
def test_every_message_names_its_place_in_official_labels(faulty: Any) -> None:
    for f in govinfo.validate(faulty.report):
        assert f.label in f.message_zh
        assert f.label in f.message_en
        assert f.label_en in f.message_en
        if " / " in f.label:  # a cell: row labels / column label
            row, column = f.label.rsplit(" / ", 1)
            assert row
            assert column
        if f.suspect is not None:
            assert f.suspect.label in f.message_zh or f.suspect.path == f.path
        # Chinese in the Chinese message, and an English sentence in the English one
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message_zh)
        assert any(word in f.message_en for word in ("states", "says", "not stated", "negative"))


@given(faulty_reports(codes=["E1-column-balance", "E2-row-total", "E3-results-total", "E4-appeal-total"]))
def test_check_raises_with_every_error(faulty: Any) -> None:
    errors = [f for f in govinfo.validate(faulty.report) if f.severity == "error"]
    with pytest.raises(govinfo.ValidationError) as info:
        faulty.report.check()
    assert list(info.value.findings) == errors
    assert [p[:2] for p in info.value.problems()] == [(f.code, f.path) for f in errors]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_is_valid_never_raises_on_junk(junk: object) -> None:
    assert govinfo.is_valid(junk) is False


@given(broken_dicts())
def test_a_broken_dict_is_never_valid(broken: Any) -> None:
    assert govinfo.is_valid(broken.data) is False


@given(reports(), st.data())
def test_series_of_consistent_years_where_each_carries_over(report: Report, data: st.DataObject) -> None:
    # next year's 上年结转 made equal to this year's 结转下年度: S1 is quiet
    nxt = data.draw(reports(editions=[report.edition]))
    table = nxt.requests
    for c in table.spec.grids[0].columns:
        table = table.replace("carried_over", c.key, report.requests["carried_forward", c.key])
    nxt = attrs.evolve(nxt, year=report.year + 1, requests=table)
    assert [f for f in govinfo.validate_series([nxt, report]) if f.code == "S1-carry-over"] == []


# --- the quick paths (performance) agree with the plain reading -------------------------------

#: Pieces of prose: words, counts written every way, full-width and compatibility characters.
_PIECES = (
    "全年", "受理", "收到", "依", "申请", "申", "请", "公开", "行政复议", "其中", "予以公开", "的",
    "部分公开", "本机关不掌握相关政府信息", "不予公开", "文件", "件", "12", "3", "１２", "０", "⑪",
    "\u2474", "，", ",", "：", "；", "。", "！", "？", "\ufe54", " ", "\u3000", "\u00a0", "\n",
    "\u0301", "\uf9e4", "\U0001f238", "收到申请１２件", "受理申请\u3000３\u3000件", "申请０件",
    "予以公开的⑪件", "不予公开 2 件", "申请\u24607件", "收到申请¹件", "申请𝟗件",
)  # fmt: skip
_PROSE = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(st.lists(_PROSE, min_size=1, max_size=4))
def test_stated_counts_are_those_of_a_plain_reading(paragraphs: list[str]) -> None:
    # The plain reading: normalise every paragraph whole (NFKC, no whitespace), split it into
    # sentences and clauses, and match the two patterns in each clause (validation/prose.py).
    import re
    import unicodedata

    from govinfo.validation import prose

    report = attrs.evolve(
        govinfo.examples.linping_education_2023(), overview=govinfo.Narrative.of(*paragraphs)
    )
    keywords = prose.outcome_keywords(report.requests.spec)
    outcome = re.compile("({})(?:的|为|共)?([0-9]+)件".format("|".join(re.escape(k) for k, _, _ in keywords)))
    received = re.compile("(?:受理|收到|新收|接收|收悉)[^0-9]{0,24}?([0-9]+)件")
    appeal_words = {r.label for r in report.edition_spec.appeals.rows}
    appeal_words |= {g.label for r in report.edition_spec.appeals.rows for g in r.groups}
    expected = []
    for i, paragraph in enumerate(paragraphs):
        text = "".join(unicodedata.normalize("NFKC", paragraph).split())
        for sentence in re.split(r"[。；;！!？?\n]", text):
            if "申请" not in sentence:
                continue
            for clause in re.split(r"[，,：:]", sentence):
                if "申请" in clause and not any(w in clause for w in appeal_words):
                    expected += [("received", int(m[1]), m[0], i) for m in received.finditer(clause)]
                kinds = {k: key for k, key, _ in keywords}
                expected += [(kinds[m[1]], int(m[2]), m[0], i) for m in outcome.finditer(clause)]
    got = [(c.kind, c.number, c.text, c.paragraph) for c in prose.stated_counts(report)]
    assert got == expected


@given(st.one_of(reports(consistent=False, blanks=True), faulty_reports().map(lambda f: f.report)))
def test_the_quick_identity_test_agrees_with_the_full_evaluation(report: Report) -> None:
    from govinfo.validation import rules

    equations = [eq for rule in rules.IDENTITIES for eq in rule.equations(report)]
    assert rules.identities_hold(report, rules.IDENTITIES) == (
        rules.identity_findings(report, equations) == []
    )
