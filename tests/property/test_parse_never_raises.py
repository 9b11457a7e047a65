"""The parsers raise nothing but GovinfoError, whatever text or bytes they are given."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import govinfo

LINPING = (Path(__file__).parent.parent / "data" / "linping-education-2023.txt").read_text(encoding="utf-8")
PIECES = st.sampled_from(
    ["一、总体情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
     "\t", "\n", "|", "||", "<td>", "<tr>", "<table>", "</table>", "0", "12", "--253", "/", "·",
     "（七）总计", "自然人", "总计", "本年制发件数", "2023年度政府信息公开工作年度报告", "1.属于国家秘密"]
)  # fmt: skip


def _parse(source: str | bytes) -> None:
    with contextlib.suppress(govinfo.GovinfoError):
        govinfo.parse_document(source)


@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _parse(text)


@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _parse(data)


@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))
def test_report_like_junk(text: str) -> None:
    _parse(text)


@given(st.integers(0, len(LINPING) - 1), st.integers(1, 400), st.text(max_size=20))
def test_damaged_linping(at: int, length: int, insert: str) -> None:
    """A real report with a piece cut out and something else put in."""
    _parse(LINPING[:at] + insert + LINPING[at + length :])
