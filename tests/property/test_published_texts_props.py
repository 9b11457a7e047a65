"""published_texts(): every noisy text parses back to exactly the report it is paired with."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.testing import assert_reports_equal
from govinfo.testing.strategies import PUBLISHED_DEVIATIONS, PublishedText, published_texts

LINPING = govinfo.examples.linping_education_2023()
# The Linping report with blank cells in 三 and 四, so that D3 has cells to fill.
SAMPLE = attrs.evolve(
    LINPING,
    requests=LINPING.requests.replace("carried_over", "research", None).replace(
        "carried_over", "other", None
    ),
    appeals=LINPING.appeals.replace("review", "other", None),
)
CLEAN = govinfo.render_text(SAMPLE)


@given(published_texts())
def test_every_published_text_parses_to_its_report(published: PublishedText) -> None:
    assert published.deviations
    assert_reports_equal(published.report, govinfo.parse(published.text), msg=", ".join(published.deviations))


@given(published_texts(reports=st.just(SAMPLE)))
def test_the_noise_leaves_the_numbers_alone(published: PublishedText) -> None:
    # only D24 changes the report, and only its text: every cell is as stated
    assert published.report.requests == SAMPLE.requests
    assert published.report.appeals == SAMPLE.appeals
    assert published.report.proactive == SAMPLE.proactive


CHECKS: dict[str, Callable[[str], bool]] = {
    "D24": lambda text: "（" not in text and "(三)不予公开" in text,
    "D8": lambda text: text.count("\n") > CLEAN.count("\n"),
    "D9": lambda text: text.count("\n") == CLEAN.count("\n"),  # a space, not a new line
    "D15": lambda text: text.count("\n") == CLEAN.count("\n"),
    "D25": lambda text: "\u00a0" in text,
    "D3": lambda text: any(f" {f} |" in text for f in ("/", "-", "—", "－", "无")),
    "D14": lambda text: "| 规范性文件 " in text,
    "D18": lambda text: any(f"、{a}\n" in text for s in SAMPLE.edition_spec.sections for a in s.aliases),
    "chrome": lambda text: text.startswith(("当前位置", "【字体", "分享到", "索引号")),
    "trailing-spaces": lambda text: any(line != line.rstrip() for line in text.split("\n")),
    "crlf": lambda text: text.count("\r\n") == CLEAN.count("\n"),
}


def test_every_deviation_is_checked() -> None:
    assert set(CHECKS) == set(PUBLISHED_DEVIATIONS)


@pytest.mark.parametrize("deviation", PUBLISHED_DEVIATIONS)
@settings(max_examples=10)
@given(data=st.data())
def test_each_deviation_is_made_and_read(deviation: str, data: st.DataObject) -> None:
    published = data.draw(published_texts(reports=st.just(SAMPLE), deviations=[deviation]))
    assert published.deviations == (deviation,)
    assert published.text != CLEAN
    assert CHECKS[deviation](published.text)
    assert_reports_equal(published.report, govinfo.parse(published.text))
