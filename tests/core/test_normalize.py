"""Matching form and offsets: NFD, old tone placement, look-alike Đ, odd spaces."""
import unicodedata

import pytest

from vnparty_nlp.text import Doc, fold_diacritics, fold_tone_placement, match_key, normalize
from vnparty_nlp.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("thuỷ lợi", "thủy lợi"), ("khoá XI", "khóa XI"), ("UỶ BAN", "ỦY BAN"),
     ("Thanh Hoá", "Thanh Hóa"), ("loè loẹt", "lòe loẹt")],
)
def test_old_tone_placement_is_folded(old, new):
    assert fold_tone_placement(old) == new


@pytest.mark.parametrize("word", ["hoàn thành", "Huỳnh", "quý", "Quý I", "khuyến khích", "thuyết"])
def test_closed_syllables_and_qu_keep_their_marks(word):
    assert fold_tone_placement(word) == word


def test_nfd_text_matches_like_nfc_and_maps_offsets_back():
    nfc = "Tỉnh ủy Điện Biên ban hành Kế hoạch số 79-KH/TU"
    nfd = unicodedata.normalize("NFD", nfc)
    assert len(nfd) > len(nfc)
    norm = normalize(nfd)
    assert norm.norm == nfc
    start = nfc.index("Kế hoạch")
    s, e = norm.offsets.to_source(start, len(nfc))
    assert unicodedata.normalize("NFC", nfd[s:e]) == "Kế hoạch số 79-KH/TU"
    assert e == len(nfd)


def test_lookalike_eth_nbsp_dashes_and_zero_width_are_folded():
    text = "Ðảng\u00a0bộ tỉnh\u200b Lào Cai nhiệm kỳ 2020–2025"
    doc = Doc(text)
    assert doc.norm == "Đảng bộ tỉnh Lào Cai nhiệm kỳ 2020-2025"
    i = doc.norm.index("Lào")
    s, e = doc.source_span(i, i + len("Lào Cai"))
    assert text[s:e] == "Lào Cai"


def test_crlf_is_one_line_break_and_offsets_stay():
    text = "Dòng một.\r\nDòng hai.\rDòng ba."
    norm = normalize(text).norm
    assert len(norm) == len(text) and norm.count("\n") == 2 and "\n\n" not in norm
    assert [norm[s:e] for s, e in split_sentences(norm)] == ["Dòng một.", "Dòng hai.", "Dòng ba."]


def test_fold_diacritics_folds_d_bar():
    assert fold_diacritics("Đảng bộ đại hội điểm") == "Dang bo dai hoi diem"


def test_match_key_equates_spellings():
    assert match_key("UỶ BAN  Kiểm tra") == match_key("Ủy ban kiểm tra")
