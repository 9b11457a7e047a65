"""Decoding published reports: GBK pages and text files, BOMs, CRLF, stale declarations."""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo
from govinfo.encoding import declared_charset, decode

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def linping() -> govinfo.Report:
    return govinfo.examples.linping_education_2023()


def gbk_page(report: govinfo.Report) -> bytes:
    html = govinfo.render_html(report)
    assert '<meta charset="utf-8">' in html
    return html.replace('<meta charset="utf-8">', '<meta charset="gbk">').encode("gbk")


def test_a_gbk_html_copy_parses_to_the_same_report_as_its_utf8_original(
    linping: govinfo.Report, tmp_path: Path
) -> None:
    html = govinfo.render_html(linping)
    original = tmp_path / "临平区教育局.html"
    original.write_bytes(html.encode("utf-8"))
    copy = tmp_path / "临平区教育局-gbk.html"
    copy.write_bytes(gbk_page(linping))
    with pytest.raises(UnicodeDecodeError):
        copy.read_bytes().decode("utf-8")  # really not UTF-8
    assert govinfo.parse(copy) == govinfo.parse(original) == linping
    assert govinfo.parse(copy.read_bytes()) == linping
    via_batch = govinfo.read_file(copy)
    assert via_batch.encoding == "gb18030"
    assert via_batch.layout == "html"
    assert via_batch.report == linping


def test_a_gb2312_declaration_in_an_http_equiv_meta(linping: govinfo.Report) -> None:
    html = govinfo.render_html(linping).replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">'
    )
    text, encoding = decode(html.encode("gbk"))
    assert encoding == "gb18030"
    assert govinfo.parse(text) == linping


def test_gbk_text_with_no_declaration(tmp_path: Path) -> None:
    source = (DATA / "linping-education-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "临平.txt"
    path.write_bytes(source.encode("gb18030"))
    result = govinfo.read_file(path)
    assert result.encoding == "gb18030"
    assert result.report == govinfo.examples.linping_education_2023()


def test_bom_and_crlf_in_text_markdown_and_json(linping: govinfo.Report, tmp_path: Path) -> None:
    renderings = {
        "a.txt": govinfo.render_text(linping),
        "a.md": govinfo.render_markdown(linping),
        "a.json": linping.to_json(indent=2),
        "a.html": govinfo.render_html(linping),
    }
    for name, text in renderings.items():
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
        result = govinfo.read_file(path)
        assert result.error is None, (name, result.error)
        assert result.encoding == "utf-8-sig", name
        assert result.report == linping, name


def test_utf16_with_a_bom(linping: govinfo.Report, tmp_path: Path) -> None:
    path = tmp_path / "utf16.md"
    path.write_bytes(govinfo.render_markdown(linping).encode("utf-16"))  # writes a BOM
    result = govinfo.read_file(path)
    assert result.encoding == "utf-16"
    assert result.report == linping


def test_utf8_bytes_under_a_stale_gbk_declaration_read_as_utf8() -> None:
    # A page re-saved as UTF-8 that kept its old <meta charset=gbk>: strict UTF-8 wins.
    data = '<meta charset="gbk"><p>一、总体情况</p>'.encode()
    assert decode(data) == ('<meta charset="gbk"><p>一、总体情况</p>', "utf-8")


def test_gbk_bytes_under_a_wrong_utf8_declaration_read_as_gb18030() -> None:
    data = '<meta charset="utf-8"><p>一、总体情况</p>'.encode("gbk")
    assert decode(data) == ('<meta charset="utf-8"><p>一、总体情况</p>', "gb18030")


def test_big5_pages_are_read_by_their_declaration() -> None:
    # Traditional-Chinese mirrors (D23). Without the declaration GB18030 would be tried.
    page = '<meta charset="big5"><p>一、總體情況</p>'
    assert decode(page.encode("big5")) == (page, "big5")


def test_a_character_outside_gb2312_in_a_page_declared_gb2312() -> None:
    # 镕 is in GBK but not in GB2312: read as GB18030, it still decodes.
    page = '<meta charset="gb2312"><p>朱镕基</p>'
    assert decode(page.encode("gbk")) == (page, "gb18030")


def test_undecodable_bytes_are_replaced_and_said_so() -> None:
    text, encoding = decode(b"\xff\xfe\xfd abc \x80")
    # \xff\xfe is a UTF-16 LE BOM: decoded as UTF-16 and the odd byte replaced.
    assert encoding.startswith("utf-16")
    text, encoding = decode(b"abc \x80\xff")
    assert encoding == "utf-8 (lossy)"
    assert text == "abc \ufffd\ufffd"


def test_declared_charset_looks_only_at_the_first_kilobyte() -> None:
    assert declared_charset(b"<meta charset=gbk>") == "gb18030"
    assert declared_charset(b'<?xml version="1.0" encoding="GBK"?><p/>') == "gb18030"
    assert declared_charset(b" " * 1100 + b"<meta charset=big5>") is None
    assert declared_charset(b"<meta charset=no-such-codec>") is None
    assert declared_charset(b"<p>charset=gbk</p>") is None  # not in a meta tag


def test_decode_takes_bytes_only() -> None:
    with pytest.raises(TypeError, match="bytes"):
        decode("文本")  # type: ignore[arg-type]
