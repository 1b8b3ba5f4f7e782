"""Counts: numbers with what they count; dates, codes, phones and ranks are not counts."""
import pytest

from vnparty_nlp import analyze


def counts(text):
    return [(c.value, c.total, c.unit) for c in analyze(text).counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đảng bộ tỉnh có 617 TCCSĐ.", (617, None, "TCCSĐ")),
        ("Toàn tỉnh có 2.500 chi bộ trực thuộc.", (2500, None, "chi bộ trực thuộc")),
        ("Đảng bộ có 40.809 đảng viên.", (40809, None, "đảng viên")),
        ("Có 25/25 đảng bộ, chi bộ cơ sở hoàn thành đại hội.", (25, 25, "đảng bộ, chi bộ cơ sở")),
        ("Đã có 14/14 đảng ủy trực thuộc tỉnh xây dựng kế hoạch.", (14, 14, "đảng ủy trực thuộc tỉnh")),
        ("Chiếm 4,1% tổng số TCCSĐ.", (4.1, None, "%")),
        ("Số dư bình quân đạt 15,3% so với số cần bầu.", (15.3, None, "%")),
        ("Tham dự có 350 đại biểu chính thức.", (350, None, "đại biểu chính thức")),
        ("Kết nạp 1.234 đảng viên mới trong năm.", (1234, None, "đảng viên mới")),
        ("Chỉ đạo 25 chi, đảng bộ cơ sở tổ chức đại hội điểm.", (25, None, "chi, đảng bộ cơ sở")),
        ("Huyện Yên Thế có 21 xã, thị trấn.", (21, None, "xã, thị trấn")),
        ("Hỗ trợ 1,5 tỷ đồng xây nhà văn hóa.", (1.5, None, "tỷ đồng")),
        ("Thu hút 2.000 lượt người tham gia.", (2000, None, "lượt người")),
    ],
)
def test_count_forms(text, expected):
    assert expected in counts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị.",
        "Quyết định số 1234/QĐ-UBND và Nghị định 30/2020/NĐ-CP.",
        "Đại hội đại biểu lần thứ XIV nhiệm kỳ 2020-2025.",
        "Điện thoại: 0215.3826.455; fax 0215 3826 456.",
        "Năm 2020 là năm bản lề; Hội nghị lần thứ 14 Ban Chấp hành.",
        "Tạp chí số 5 - 2022, trang 12.",
        "Hai đảng bộ trên đã hoàn thành việc tổ chức Đại hội.",
    ],
)
def test_not_counts(text):
    assert counts(text) == []


def test_ratio_with_value_above_total_is_rejected():
    assert counts("Có 30/25 đảng bộ.") == []


def test_count_offsets_point_at_the_number():
    text = "Thực hiện kế hoạch, 14/14 đảng ủy trực thuộc tỉnh đã xây dựng kế hoạch chỉ đạo 25 TCCSĐ."
    record = analyze(text)
    for c in record.counts:
        assert text[c.start:c.stop] == c.text
    assert [c.text for c in record.counts] == ["14/14 đảng ủy trực thuộc tỉnh", "25 TCCSĐ"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm qua nâng cấp 45 tuyến đường giao thông.", (45, None, "tuyến đường")),
        ("Hội nghị tiếp thu 7 đề xuất của cơ sở.", (7, None, "đề xuất")),
        ("Toàn huyện có 12 HTX nông nghiệp.", (12, None, "HTX")),
    ],
)
def test_counts_of_nouns_outside_the_vocabulary(text, expected):
    assert expected in counts(text)


@pytest.mark.parametrize("text", ["Sau 3 năm thực hiện nghị quyết.", "Hội nghị kéo dài 45 phút.", "Lúc 8 giờ sáng."])
def test_durations_are_not_counts(text):
    assert counts(text) == []
