"""Normalisation, label matching and digit-run splitting (govinfo.readers.normalize/labels/runs)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo.catalogue import EDITIONS, get_edition
from govinfo.readers.labels import Vocabulary, bounded_distance
from govinfo.readers.normalize import TRADITIONAL, label_key, read_value
from govinfo.readers.runs import TooAmbiguous, splits


def _catalogue_chars() -> set[str]:
    chars: set[str] = set()
    for e in EDITIONS.values():
        chars.update(e.title)
        for s in e.sections:
            chars.update(s.label, *s.aliases)
        for t in (e.proactive, *e.requests, e.appeals):
            for g in t.grids:
                chars.update(g.caption, g.corner)
                for r in g.rows:
                    chars.update(r.full_label, *r.aliases)
                for c in g.columns:
                    chars.update(c.label, *c.aliases)
    return chars


def test_traditional_table_maps_onto_catalogue_characters() -> None:
    used = _catalogue_chars()
    extra = {
        "与",
        "产",
        "实",
        "征",
        "布",
        "号",
        "辞",
        "托",
        "讯",
        "页",
        "码",
        "网",
        "门",
        "统",
        "称",
        "亿",
        "负",
        # identity words and the ends of agency names (readers/identity.py)
        "将",
        "编",
        "镇",
        "乡",
        "县",
        "厅",
        "标",  # 標題, a page's title field
    }
    for trad, simp in TRADITIONAL.items():
        assert trad != simp
        assert simp in used or simp in extra, (trad, simp)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("社會公益組織", "社会公益组织"),
        ("法律服務機構", "法律服务机构"),
        ("結果維持", "结果维持"),
        ("結果糾正", "结果纠正"),
        ("尚未審結", "尚未审结"),
        ("行政復議", "行政复议"),
        ("未經復議直接起訴", "未经复议直接起诉"),
        ("（三）不予公開", "(三)不予公开"),
        ("1.屬於國家秘密", "1.属于国家秘密"),
        ("（四）無法提供", "(四)无法提供"),
        ("（五）不予處理", "(五)不予处理"),
        ("（七）總計", "(七)总计"),
        ("本年製發件數", "本年制发件数"),
        ("行政規範性檔案", "行政规范性文件"),
        ("行政事業性收費", "行政事业性收费"),
        ("政府集中採購", "政府集中采购"),
        ("申請人情況", "申请人情况"),
        ("四、結轉下年度繼續辦理", "四、结转下年度继续办理"),
    ],
)
def test_traditional_labels_fold_to_simplified(traditional: str, simplified: str) -> None:
    assert label_key(traditional) == simplified


@pytest.mark.parametrize(
    ("text", "key"),
    [("商业\n企业", "商业企业"), ("商业 企业", "商业企业"), ("商业\u3000企业", "商业企业"),
     ("（一）", "(一)"), ("危及“三安全一稳定”", "危及三安全一稳定"),
     ("第二十条  第(五)项", "第二十条第(五)项")],
)  # fmt: skip
def test_label_key_folds_width_space_and_quotes(text: str, key: str) -> None:
    assert label_key(text) == key


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("12", "number", 12, None),
        ("\u00a012", "number", 12, None),
        ("0\u00a0", "number", 0, None),
        ("1 2", "number", 12, None),
        ("11,615", "number", 11615, None),
        ("+3", "number", 3, None),
        ("-8", "number", -8, None),
        ("--253", "number", -253, None),
        ("103.3879万元", "number", Decimal("103.3879"), "万元"),
        ("251000元", "number", Decimal("251000"), "元"),
        ("", "blank", None, None),
        ("/", "blank", None, None),
        ("-", "blank", None, None),
        ("—", "blank", None, None),
        ("－", "blank", None, None),
        ("无", "blank", None, None),
        ("商业企业", "text", None, None),
        ("12a", "text", None, None),
    ],
)
def test_read_value(text: str, kind: str, value: object, unit: str | None) -> None:
    v = read_value(text)
    assert (v.kind, v.value, v.unit) == (kind, value, unit)


def test_odd_sign_is_flagged() -> None:
    assert read_value("--253").odd is not None
    assert read_value("-253").odd is None


def test_matcher_tiers() -> None:
    v = Vocabulary.of(*get_edition("2021").requests)
    assert v.match("自然人").how == "exact"  # type: ignore[union-attr]
    assert v.match("1、属于国家秘密").how == "numbering"  # type: ignore[union-attr]
    m = v.match("2.其他法律行政止公开")
    assert m is not None
    assert (m.how, m.distance) == ("fuzzy", 3)
    assert v.match("完全无关的一句话，说的是别的事情") is None
    two = Vocabulary.of(get_edition("2021").proactive)
    alias = two.match("规范性文件")
    assert alias is not None
    assert alias.how == "alias"


def test_bounded_distance() -> None:
    assert bounded_distance("abcd", "abcd", 1) == 0
    assert bounded_distance("abcd", "abed", 1) == 1
    assert bounded_distance("abcd", "xyzw", 2) == 3  # more than the bound
    assert bounded_distance("a" * 1000, "b" * 1000, 2) == 3


def test_splits_respect_spaces_and_leading_zeros() -> None:
    assert splits(["230", "000023"], 7) == [
        (2, 30, 0, 0, 0, 0, 23),
        (23, 0, 0, 0, 0, 0, 23),
        (230, 0, 0, 0, 0, 2, 3),
    ]
    assert splits(["00"], 2) == [(0, 0)]
    assert splits(["1", "2"], 1) == []
    with pytest.raises(TooAmbiguous):
        splits(["1" * 300], 7)


# --- the quick folding (performance) agrees with the plain one --------------------------------

#: Pieces of text: Traditional characters and words, quotes, spaces, full-width and
#: compatibility characters, combining marks.
_PIECES = (
    *"總體情況業務開檔案資訊文件信息“”「」\"' \t\n\u3000\u00a0，：；（）！？１２abc",
    *("\u0301", "\uf9e4", "\u2460", "\ufe54", "\u00a8", "\U0001f238", "一、", "檔案", "資訊"),
)


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_fast_key_and_fold_with_map_fold_as_nfkc_and_the_table_do(text: str) -> None:
    import unicodedata

    from govinfo.readers import normalize

    plain = normalize._words(unicodedata.normalize("NFKC", text).translate(normalize._TRANSLATE))
    assert normalize.fast_key(text) == plain
    folded, where = normalize.fold_with_map(text)
    assert folded == plain
    assert len(where) == len(folded)
    assert all(0 <= i < len(text) for i in where)


@pytest.mark.parametrize(
    "text",
    ["a\u0301", "\u00a8\u0301规章", "\u1100\u1161\u11a8规章", "A\u0327\u0301b", "a" + "\u0301" * 20_000],
)
def test_fold_with_map_composes_across_characters_as_nfkc_does(text: str) -> None:
    """A character and what composes with it (combining marks, a Hangul syllable's jamo) fold as
    one piece, as NFKC of the whole text does (Hypothesis found ``a`` + U+0301 folded apart)."""
    import unicodedata

    from govinfo.readers import normalize

    folded, where = normalize.fold_with_map(text)
    assert folded == normalize._words(unicodedata.normalize("NFKC", text).translate(normalize._TRANSLATE))
    assert len(where) == len(folded)
