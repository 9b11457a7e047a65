"""Reading scanned reports by OCR (the ``ocr`` extra): the development PDFs made image-only here.

The two real PDFs of ``tests/data`` are rendered with PDFium at 150 and 300 dpi and saved by
Pillow as PDFs of images (no text layer), plus a copy turned by 0.8° and a noisy copy. Each is
read and every cell of sections 三 and 四 is compared with ``tests/data/*.tables.json`` (written
by hand from the published PDFs): a cell is either right or named (by its path) in a
diagnostic; none may be silently wrong. OCR is slow, so only the pages holding the tables are
rendered and the year and edition are given.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from govinfo import ParseError
from govinfo.readers import ParseResult, parse_document
from govinfo.readers.cells import Diagnostic, SourceLocation
from govinfo.readers.normalize import read_value
from govinfo.readers.ocr import UNSURE, check_identities, is_image, ocr_available

DATA = Path(__file__).parent / "data"
#: The pages that hold the tables, and the expected values.
DOCS = {
    "huaian": (DATA / "huaian-government-2024.pdf", (3, 4, 5)),
    "hongze": (DATA / "hongze-government-2023.pdf", (2, 3, 4)),
}

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="the ocr extra (rapidocr) is not installed")


def _images(path: Path, pages: tuple[int, ...], dpi: int) -> list[Any]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(path)
    try:
        return [doc[n - 1].render(scale=dpi / 72).to_pil().convert("L") for n in pages]
    finally:
        doc.close()


def _turned(image: Any) -> Any:
    from PIL import Image

    return image.rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _noisy(image: Any) -> Any:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(20)
    pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, 28, (image.height, image.width))
    specks = rng.random((image.height, image.width))
    pixels[specks < 0.004] = 0
    pixels[specks > 0.996] = 255
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _image_pdf(images: list[Any], dpi: int) -> bytes:
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buf.getvalue()


def _leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{path}.{k}")
    else:
        yield path, value


def _score(result: ParseResult, expected: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(right, named in a diagnostic, silently wrong cells) over sections 三 and 四."""
    assert result.report is not None
    got = dict(_leaves({k: result.report.to_dict()[k] for k in ("requests", "appeals")}, "$"))
    want = dict(_leaves({k: expected[k] for k in ("requests", "appeals")}, "$"))
    named = {d.path for d in result.diagnostics if d.path}
    # A cell left out (None) of a section the result says it could not read in full is reported.
    partial = {f"$.{s}" for s in ("requests", "appeals") if result.section(s).status != "read"}
    right = flagged = 0
    wrong = []
    for path, value in want.items():
        if got.get(path) == value:
            right += 1
        elif any(path == n or path.startswith(n + ".") for n in named) or (
            got.get(path) is None and any(path.startswith(p + ".") for p in partial)
        ):
            flagged += 1
        else:
            wrong.append(f"{path}: {value} read as {got.get(path)}")
    return right, flagged, wrong


VARIANTS = [
    ("huaian", 150, ""),
    ("huaian", 300, ""),
    ("hongze", 150, "turned"),
    ("hongze", 300, "noisy"),
]


@needs_ocr
@pytest.mark.parametrize(
    ("name", "dpi", "damage"), VARIANTS, ids=[f"{n}-{d}{'-' + x if x else ''}" for n, d, x in VARIANTS]
)
def test_scanned_pdf_cells_are_right_or_named(name: str, dpi: int, damage: str) -> None:
    path, pages = DOCS[name]
    expected = json.loads(path.with_suffix("").with_suffix(".tables.json").read_text("utf-8"))
    images = _images(path, pages, dpi)
    if damage == "turned":
        images = [_turned(i) for i in images]
    elif damage == "noisy":
        images = [_noisy(i) for i in images]
    result = parse_document(_image_pdf(images, dpi), edition=expected["edition"], year=expected["year"])
    right, flagged, wrong = _score(result, expected)
    total = right + flagged + len(wrong)
    print(
        f"OCR {name} {dpi} dpi {damage or 'clean'}: {right}/{total} right ({right / total:.0%}),",
        f"{flagged} named",
    )
    assert wrong == []
    # Nearly every cell is read (all of them when measured): naming every cell would pass above.
    assert right / total >= 0.9
    assert {d.location.page for d in result.diagnostics if d.code == "ocr_page"} == set(
        range(1, len(pages) + 1)
    )
    unsure = [d for d in result.diagnostics if d.code == "ocr_unsure"]
    assert all(d.location.page is not None and "pt" in d.message for d in unsure)


@needs_ocr
def test_png_of_a_page_is_read_by_content() -> None:
    """A PNG of the page holding section 四 of Huai'an 2024 (detected by content, not by name)."""
    (image,) = _images(DOCS["huaian"][0], (5,), 150)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    result = parse_document(buf.getvalue(), edition="2021", year=2024)
    appeals = {
        "review": (72, 64, 178, 37, 351),
        "litigation_direct": (13, 4, 8, 1, 26),
        "litigation_after_review": (12, 1, 1, 6, 20),
    }
    named = {d.path for d in result.diagnostics if d.path}
    assert result.report is not None
    right = 0
    for row, values in appeals.items():
        for column, value in zip(("upheld", "corrected", "other", "pending", "total"), values):
            got = result.report.appeals[row, column]
            assert got == value or f"$.appeals.{row}.{column}" in named, (row, column, got)
            right += got == value
    assert right >= 8


def test_unsure_mark_is_never_a_number() -> None:
    assert read_value(UNSURE + "17").kind == "unreadable"
    assert read_value(UNSURE + "17").value is None
    assert read_value("17").value == 17


def test_image_signatures() -> None:
    assert is_image(b"\x89PNG\r\n\x1a\n\x00")
    assert is_image(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    assert not is_image(b"%PDF-1.7")
    assert not is_image("一、总体情况".encode())


def _blank_scan() -> bytes:
    from PIL import Image

    return _image_pdf([Image.new("L", (300, 400), 255)], 72)


def test_scan_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    with pytest.raises(ParseError) as info:
        govinfo.parse(_blank_scan())
    assert info.value.code == "missing_extra"
    assert "govinfo-cn[ocr]" in info.value.message


def test_image_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.setitem(sys.modules, "rapidocr", None)
    buf = io.BytesIO()
    Image.new("L", (60, 80), 255).save(buf, "PNG")
    with pytest.raises(ParseError) as info:
        govinfo.parse(buf.getvalue())
    assert info.value.code == "missing_extra"
    assert "govinfo-cn[ocr]" in info.value.message


@needs_ocr
def test_blank_scan_says_ocr_found_nothing() -> None:
    with pytest.raises(ParseError) as info:
        govinfo.parse(_blank_scan())
    assert info.value.code == "pdf_no_text"
    assert "OCR found no text" in info.value.message


def test_damaged_image() -> None:
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    with pytest.raises(ParseError) as info:
        govinfo.parse(data)
    assert info.value.code == ("image_damaged" if ocr_available() else "missing_extra")


# --- the identities check what OCR read (on the text-layer reading, so no OCR is needed) ------

NEW_TOTAL = "$.requests.new_received.total"


def _with_unsure(raw: str) -> ParseResult:
    """Huai'an 2024 as read from its text layer, with 三's 新收 总计 (3119) left unsure by OCR."""
    result = parse_document(DOCS["huaian"][0])
    assert result.report is not None
    report = result.report
    unsure = Diagnostic(
        code="unreadable_number", message="", location=SourceLocation(page=3), raw=raw, path=NEW_TOTAL
    )
    requests = report.requests.replace("new_received", "total", None)
    return attrs.evolve(
        result, report=attrs.evolve(report, requests=requests), diagnostics=(*result.diagnostics, unsure)
    )


def test_identity_confirms_one_of_the_readings() -> None:
    checked = check_identities(_with_unsure(UNSURE + "3119/3179"))
    assert checked.report is not None
    assert checked.report.requests["new_received", "total"] == 3119
    (confirmed,) = [d for d in checked.diagnostics if d.code == "ocr_confirmed"]
    assert confirmed.path == NEW_TOTAL
    assert not [d for d in checked.diagnostics if d.code == "unreadable_number" and d.path == NEW_TOTAL]


def test_identity_never_picks_a_value_no_reading_gave() -> None:
    checked = check_identities(_with_unsure(UNSURE + "3179/3178"))
    assert checked.report is not None
    assert checked.report.requests["new_received", "total"] is None
    assert [d.path for d in checked.diagnostics if d.code == "unreadable_number"] == [NEW_TOTAL]
    assert not [d for d in checked.diagnostics if d.code == "ocr_confirmed"]


def test_broken_identity_names_the_suspect() -> None:
    result = parse_document(DOCS["huaian"][0])
    assert result.report is not None
    misread = result.report.requests.replace("new_received", "natural_person", 3007)  # 3001 in the PDF
    checked = check_identities(attrs.evolve(result, report=attrs.evolve(result.report, requests=misread)))
    suspects = {d.path for d in checked.diagnostics if d.code == "ocr_suspect"}
    assert "$.requests.new_received.natural_person" in suspects
    (summary,) = [d for d in checked.diagnostics if d.code == "ocr_identities"]
    assert "do not" in summary.message


@needs_ocr
def test_huge_image_is_refused_before_decoding() -> None:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0))  # 400 million pixels
    data = b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    with pytest.raises(ParseError) as info:
        govinfo.parse(data)
    assert info.value.code == "image_too_large"


def test_a_scanned_page_among_text_pages_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Huai'an 2024 with a blank scanned page added: read from its text, the scan named."""
    import pypdfium2
    from PIL import Image

    monkeypatch.setitem(sys.modules, "rapidocr", None)
    doc = pypdfium2.PdfDocument(DOCS["huaian"][0])
    scan = pypdfium2.PdfDocument(_image_pdf([Image.new("L", (595, 842), 255)], 72))
    doc.import_pages(scan)
    buf = io.BytesIO()
    doc.save(buf)
    result = parse_document(buf.getvalue())
    assert result.report is not None
    assert result.report.requests["new_received", "total"] == 3119
    assert [(d.code, d.location.page) for d in result.diagnostics if d.code.startswith("ocr_")] == [
        ("ocr_unavailable", 7)
    ]


def test_each_scanned_page_advances_the_page_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command's bar of scanned pages: PAGE_PROGRESS is called after each page, (done, total).
    # OCR itself is replaced by an empty page here (the reading is tested above): only the wiring.
    from govinfo.readers import ocr
    from govinfo.readers.pdflayout import PageContent

    def blank(image: object, *, page: int, scale: float) -> tuple[PageContent, list[object]]:
        return PageContent(number=page, width=595.0, height=842.0, glyphs=()), []

    monkeypatch.setattr(ocr, "page_content", blank)
    from PIL import Image

    data = _image_pdf([Image.new("L", (300, 400), 255), Image.new("L", (300, 400), 255)], 72)
    pages = [PageContent(number=n, width=595.0, height=842.0, glyphs=(), images=1) for n in (1, 2)]
    seen: list[tuple[int, int]] = []
    token = ocr.PAGE_PROGRESS.set(lambda done, total: seen.append((done, total)))
    try:
        ocr.recognise_pages(data, pages, [1, 2])
    finally:
        ocr.PAGE_PROGRESS.reset(token)
    assert seen == [(1, 2), (2, 2)]
    ocr.recognise_pages(data, pages, [1, 2])  # unset: nothing is called
    assert seen == [(1, 2), (2, 2)]
