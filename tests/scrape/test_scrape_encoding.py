"""decode_bytes: every encoding Vietnamese pages come in ends as the same NFC text."""
from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

import pytest

from vnparty_nlp.scrape.encoding import NotTextError, decode_bytes, decode_document, fix_legacy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "sites"))
from make_sites import cp1258_encode, tcvn3_encode, vni_encode  # noqa: E402

TEXT = ("Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị, Đảng bộ tỉnh Điện Biên có 40.809 "
        "đảng viên; Ủy ban nhân dân, Mường Toong, khuyết điểm, nghiêng, thuở, ưu tiên, Ông Ấn.")
LOWER = TEXT.lower()  # TCVN3 has no codes for upper-case toned letters


def test_utf8_and_nfd_give_nfc() -> None:
    assert decode_bytes(TEXT.encode()) == TEXT
    nfd = unicodedata.normalize("NFD", TEXT).encode()
    assert decode_bytes(nfd) == TEXT
    assert unicodedata.is_normalized("NFC", decode_bytes(nfd))


@pytest.mark.parametrize("declared", [None, "windows-1258", "cp1258", "iso-8859-1", "utf-8"])
def test_windows_1258_is_recomposed(declared: str | None) -> None:
    data = cp1258_encode(TEXT)
    assert b"\xd2" in data or b"\xcc" in data  # really decomposed tone marks
    assert decode_bytes(data, declared) == TEXT


@pytest.mark.parametrize("declared", [None, "iso-8859-1", "windows-1252", "tcvn3"])
def test_tcvn3(declared: str | None) -> None:
    assert decode_bytes(tcvn3_encode(LOWER), declared) == LOWER
    assert decode_document(tcvn3_encode(LOWER), declared).legacy == "tcvn3"


@pytest.mark.parametrize("declared", [None, "iso-8859-1", "vni"])
def test_vni(declared: str | None) -> None:
    assert decode_bytes(vni_encode(TEXT), declared) == TEXT
    assert decode_document(vni_encode(TEXT), declared).legacy == "vni"


def test_examples_from_the_literature() -> None:
    assert decode_bytes("Uû ban nh©n d©n".encode("cp1252")) == "uỷ ban nhân dân".capitalize().replace("U", "U")
    assert decode_bytes("Xin chaøo caùc baïn".encode("cp1252")) == "Xin chào các bạn"


def test_legacy_text_inside_a_unicode_page() -> None:
    """A UTF-8 template around a body pasted from a TCVN3 document: only the body is converted."""
    page = "<title>Cổng thông tin điện tử</title>\n<p>" + tcvn3_encode(LOWER).decode("cp1252") + "</p>\n© 2020"
    text = decode_bytes(page.encode("utf-8"))
    assert "Cổng thông tin điện tử" in text
    assert LOWER in text
    assert text.endswith("© 2020")


def test_genuine_text_is_not_converted() -> None:
    for sample in (TEXT, "© 2020 Bản quyền thuộc Tạp chí", "café résumé © 2020 naïve"):
        assert fix_legacy(sample)[0] == sample


def test_icelandic_eth_is_folded() -> None:
    assert decode_bytes("Ðảng bộ".encode()) == "Đảng bộ"


def test_meta_charset_is_read() -> None:
    html = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>' \
        + cp1258_encode("<p>" + TEXT + "</p>") + b"</html>"
    assert TEXT in decode_bytes(html)


@pytest.mark.parametrize("data", [
    os.urandom(4096),
    bytes(range(128, 256)) * 40,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"PK\x03\x04\x14\x00\x06\x00",
])
def test_binary_raises_not_text(data: bytes) -> None:
    with pytest.raises(NotTextError):
        decode_bytes(data)
    assert issubclass(NotTextError, ValueError)


def test_empty_and_ascii() -> None:
    assert decode_bytes(b"") == ""
    assert decode_bytes(b"Plain ASCII 35-CT/TW") == "Plain ASCII 35-CT/TW"


@pytest.mark.parametrize("declared", [None, "utf-8", "iso-8859-1"])
def test_utf8_with_a_few_bad_bytes_keeps_its_text(declared: str | None, caplog: pytest.LogCaptureFixture) -> None:
    """One corrupt byte is one U+FFFD and a log line, never a whole article read as cp1252/VNI."""
    data = TEXT.encode() + b"\xff"
    cut = TEXT.encode()[:40] + b"\xe1\xbb" + TEXT.encode()[40:]  # a truncated three-byte sequence inside
    with caplog.at_level("WARNING", logger="vnparty_nlp.scrape.encoding"):
        assert decode_bytes(data, declared) == TEXT + "\ufffd"
        decoded = decode_document(cut, declared)
    assert decoded.encoding == "utf-8" and decoded.legacy is None
    assert decoded.text.replace("\ufffd", "") == TEXT
    assert "invalid sequence" in caplog.text


def test_legacy_bytes_are_not_taken_for_damaged_utf8() -> None:
    assert decode_document(cp1258_encode(TEXT), None).encoding == "cp1258"
    assert decode_bytes(tcvn3_encode(LOWER), None) == LOWER
