"""Sentences and underthesea tokens keep codes, numbers and offsets whole."""
import pytest

from vnparty_nlp.text import Doc
from vnparty_nlp.text.sentences import split_sentences
from vnparty_nlp.text.tokens import PARTY_LEXICON, align_tokens, word_spans


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentence_split_keeps_codes_numbers_and_abbreviations():
    text = ("Sáng 11.4, tại TP. Hồ Chí Minh, Thành ủy tổng kết Chỉ thị 35-CT/TW. Toàn Đảng bộ có 2.500 chi bộ, "
            "chiếm 4,1% tổng số. PGS.TS. Nguyễn Văn A phát biểu! Hội nghị kết thúc lúc 11.30.")
    assert sentences(text) == [
        "Sáng 11.4, tại TP. Hồ Chí Minh, Thành ủy tổng kết Chỉ thị 35-CT/TW.",
        "Toàn Đảng bộ có 2.500 chi bộ, chiếm 4,1% tổng số.",
        "PGS.TS. Nguyễn Văn A phát biểu!",
        "Hội nghị kết thúc lúc 11.30.",
    ]


def test_hard_wrapped_lines_join_but_title_lines_do_not():
    text = ("BAN TỔ CHỨC TỈNH ỦY LÀO CAI\nTổng kết công tác năm 2020\n"
            "Năm 2020, Ban Tổ chức Tỉnh ủy đã tham mưu ban hành nhiều văn bản quan trọng về\n"
            "công tác cán bộ; tổ chức thành công đại hội đảng bộ các cấp.\nKết quả được đánh giá cao.")
    assert sentences(text) == [
        "BAN TỔ CHỨC TỈNH ỦY LÀO CAI",
        "Tổng kết công tác năm 2020",
        "Năm 2020, Ban Tổ chức Tỉnh ủy đã tham mưu ban hành nhiều văn bản quan trọng về\n"
        "công tác cán bộ; tổ chức thành công đại hội đảng bộ các cấp.",
        "Kết quả được đánh giá cao.",
    ]


def test_semicolon_lists_stay_in_one_sentence():
    text = "Còn một số hạn chế, như: tuyên truyền chưa sâu; số dư thấp; nhân sự chưa kỹ. Sau đó rút kinh nghiệm."
    assert len(split_sentences(text)) == 2


def test_lexicon_fixes_cap_tien_before_after():
    import json
    import subprocess
    import sys

    text = "về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII"
    # underthesea keeps the last fixed_words in a module global, so "before" needs a fresh process
    code = f"import json; from underthesea import word_tokenize; print(json.dumps(word_tokenize({text!r})))"
    before = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert "cấp tiến" in before  # underthesea's mistake, without the lexicon
    after = [text[s:e] for s, e in word_spans(text, PARTY_LEXICON)]
    assert "cấp tiến" not in after
    assert "tiến tới" in after


def test_document_codes_and_numbers_are_one_token():
    text = "Thực hiện Chỉ thị số 35-CT/TW, Quyết định số 1234/QĐ-UBND, có 2.500 chi bộ, chiếm 4,1% và 35- CT/ TW."
    tokens = [text[s:e] for s, e in word_spans(text)]
    for whole in ("35-CT/TW", "1234/QĐ-UBND", "2.500", "4,1%", "35- CT/ TW"):
        assert whole in tokens


def test_tokens_are_offsets_into_nfd_source():
    import unicodedata

    text = unicodedata.normalize("NFD", "Ban Thường vụ Huyện uỷ chỉ đạo công tác hoà giải ở cơ sở")
    doc = Doc(text)
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
    words = [unicodedata.normalize("NFC", t.text) for t in doc.tokens]
    assert "hoà giải" in words  # the source's spelling, though underthesea saw "hòa giải"
    assert "".join(words).replace(" ", "") == unicodedata.normalize("NFC", text).replace(" ", "")


def test_align_survives_rewritten_characters():
    text = "Ðảng bộ thuỷ lợi"
    spans = align_tokens(text, ["Đảng bộ", "thủy lợi"])
    assert [text[s:e] for s, e in spans] == ["Ðảng bộ", "thuỷ lợi"]


@pytest.mark.parametrize("text", ["", "   \n ", "...", "2020"])
def test_degenerate_texts(text):
    doc = Doc(text)
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)


def test_bullet_lines_without_punctuation_stay_apart():
    text = ("Những tồn tại cần khắc phục trong thời gian tới của các chi bộ trực thuộc Đảng bộ xã Tân Lập gồm\n"
            "- Chất lượng sinh hoạt chi bộ ở nhiều nơi chưa cao, nội dung sinh hoạt còn đơn điệu và hình thức\n"
            "- Công tác phát triển đảng viên còn chậm\n"
            "a) Việc thu nộp đảng phí chưa kịp thời")
    assert len(sentences(text)) == 4
