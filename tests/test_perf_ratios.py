"""Performance checks that hold on any machine: ratios of times, never a time.

Only one thing here is robust to a shared, noisy CI machine: how the cost of reading grows with
the size of the input. Reading 100 times more text must cost about 100 times more (less, while
fixed costs dominate), never 10,000 times (quadratic). The bound allows three times the linear
ratio, so noise cannot fail it and only a super-linear regression can. ``nox -s bench``
measures everything else (docs/performance.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import orjson

from govinfo import Report
from govinfo.examples import example_json

SMALL, LARGE = 10_000, 1_000_000
#: Three times the linear ratio: far below what a quadratic step would cost (10,000×).
BOUND = 3 * LARGE / SMALL
LINPING_TEXT = Path(__file__).parent / "data" / "linping-education-2023.txt"


def _padding(nbytes: int) -> list[str]:
    """Real paragraphs (the example's own prose), repeated to ``nbytes`` bytes of UTF-8."""
    report = Report.from_json(example_json("linping-education-2023"))
    pool = [p for n in (report.overview, report.problems, report.other_matters) for p in n.all_paragraphs()]
    out: list[str] = []
    total = 0
    while total < nbytes:
        out.append(pool[len(out) % len(pool)])
        total += len(out[-1].encode()) + 1
    return out


def _json_of_size(size: int) -> bytes:
    data = orjson.loads(example_json("linping-education-2023"))
    data["overview"]["paragraphs"] += _padding(size - len(orjson.dumps(data)))
    return orjson.dumps(data)


def _text_of_size(size: int) -> str:
    """The published Linping text with paragraphs added to its section 一."""
    text = LINPING_TEXT.read_text(encoding="utf-8")
    first = Report.from_json(example_json("linping-education-2023")).overview.paragraphs[0]
    at = text.index(first) + len(first)
    return text[:at] + "\n" + "\n".join(_padding(size - len(text.encode()))) + text[at:]


def _ratio(fn: Callable[[object], object], small: object, large: object, repeat: int = 3) -> float:
    """Best time on the large input over best time on the small one, timed alternately."""
    best_small = best_large = float("inf")
    for _ in range(repeat):
        for arg, is_large in ((small, False), (large, True)):
            start = time.perf_counter()
            n = 1 if is_large else 20
            for _ in range(n):
                fn(arg)
            elapsed = (time.perf_counter() - start) / n
            if is_large:
                best_large = min(best_large, elapsed)
            else:
                best_small = min(best_small, elapsed)
    return best_large / best_small


def test_inputs_have_the_sizes_they_claim() -> None:
    for size in (SMALL, LARGE):
        assert size <= len(_json_of_size(size)) < size * 1.1
        assert size <= len(_text_of_size(size).encode()) < size * 1.1


def test_from_json_grows_linearly_with_its_input() -> None:
    small, large = _json_of_size(SMALL), _json_of_size(LARGE)
    assert len(Report.from_json(large).overview.paragraphs) > 100 * len(
        Report.from_json(small).overview.paragraphs
    )
    assert _ratio(Report.from_json, small, large) <= BOUND  # type: ignore[arg-type]


def test_parse_grows_linearly_with_its_input() -> None:
    from govinfo import parse as parse_text

    parse = cast("Callable[[object], Report]", parse_text)
    small, large = _text_of_size(SMALL), _text_of_size(LARGE)
    assert parse(large).requests == parse(small).requests
    assert _ratio(parse, small, large) <= BOUND
