"""Snippets quote the article with its accents and mark whole words only, however the query was typed."""
from __future__ import annotations

from vnparty_nlp.archive.query import parse_query
from vnparty_nlp.archive.snippets import make_snippet

TEXT = ("Sáng 12/3, Đảng bộ xã Nậm Pồ tổ chức Đại hội điểm nhiệm kỳ 2020-2025. Tiểu ban Văn kiện "
        "trình bày dự thảo; công tác chuẩn bị nhân sự được thực hiện chặt chẽ. Nhiều đại biểu góp ý.")


def marked(query: str, text: str = TEXT) -> list[str]:
    snippet = make_snippet(text, parse_query(query).terms, width=400, marks=("<", ">"))
    return [part.split(">")[0] for part in snippet.split("<")[1:]]


def test_folded_query_marks_the_accented_words():
    assert marked('"dai hoi diem"') == ["Đại hội điểm"]
    assert marked('"DAI HOI"') == ["Đại hội"]
    assert marked("dai bieu nhan su") == ["Đại", "nhân", "sự", "đại", "biểu"]  # every word, each marked


def test_exact_query_marks_only_the_same_accents():
    assert marked('"đại hội"') == ["Đại hội"]
    assert marked('"dải hội"') == []


def test_no_match_inside_a_word_and_a_later_term_is_still_found():
    text = "Thông tin: xđại hội không phải đại hội; hội nghị bàn việc cấp ủy."
    assert marked('"dai hoi"', text) == ["đại hội"]
    # "xđại hội" starts inside a word: the search resumes and still finds "hội" of it, a word of its own
    assert marked('"dai hoi" OR hoi', text)[:2] == ["hội", "đại hội"]


def test_prefix_and_case_changing_letters_keep_offsets():
    text = "İstanbul đưa tin: tuyên truyền và tuyển chọn cán bộ"  # İ lower-cases to two characters
    assert marked("tuyen*", text) == ["tuyên", "tuyển"]


LONG = ("Thực hiện Kế hoạch của Ban Thường vụ Huyện ủy, các chi bộ trực thuộc tổ chức sinh hoạt chuyên đề. " * 12
        + "Cuối buổi, đồng chí Bí thư Đảng ủy xã Tả Van biểu dương những cánh đồng mẫu lớn và cán bộ trẻ.")


def test_a_match_past_the_first_scan_is_found():
    assert len(LONG) > 1100
    assert marked("ta van", LONG) == ["Tả", "Van"]
    assert marked('"can bo tre"', LONG) == ["cán bộ trẻ"]


def test_a_match_in_the_first_scan_wins_and_no_word_is_cut_at_its_end():
    from vnparty_nlp.archive import snippets

    # the first scan ends inside "cánh": its first letters, "cán", must not be taken for the word "cán"
    text = LONG
    old = snippets.FIRST_SCAN
    snippets.FIRST_SCAN = text.index("cánh") + 3
    try:
        snippet = make_snippet(text, parse_query("can").terms, width=400, marks=("<", ">"))
        assert "<cán> bộ" in snippet and "<cán>h" not in snippet  # only the real word, further on
        assert marked("chuyen de", text)[:2] == ["chuyên", "đề"]  # near the start: no whole-text scan needed
    finally:
        snippets.FIRST_SCAN = old
