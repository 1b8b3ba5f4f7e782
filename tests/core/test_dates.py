"""Dates, ranges, months, years and terms, with the year taken from context when missing."""
import unicodedata

import pytest

from vnparty_nlp import analyze


def dates(text, **meta):
    return [(d.value, d.end, d.kind) for d in analyze(text, **meta).dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị diễn ra ngày 30-5-2019.", ("2019-05-30", None, "date")),
        ("Ngày 21/5/2020, Tỉnh ủy họp.", ("2020-05-21", None, "date")),
        ("Ngày 07/07/2019 Thành ủy ban hành kế hoạch.", ("2019-07-07", None, "date")),
        ("Văn bản ký ngày 14 tháng 8 năm 2019.", ("2019-08-14", None, "date")),
        ("Từ ngày 6-1-2020 đến ngày 15-5-2020, toàn tỉnh tổ chức đại hội.", ("2020-01-06", "2020-05-15", "range")),
        ("Đại hội diễn ra từ ngày 25-1 đến 2-2-2021.", ("2021-01-25", "2021-02-02", "range")),
        ("Đại hội tổ chức vào ngày 11 và 12/3/2020.", ("2020-03-11", "2020-03-12", "range")),
        ("Các đảng bộ tổ chức đại hội trong tháng 4 và tháng 5/2020.", ("2020-04", "2020-05", "range")),
        ("Đại hội dự kiến diễn ra trong tháng 8/2020.", ("2020-08", None, "month")),
        ("Nhiệm vụ nhiệm kỳ 2020 - 2025 được xác định rõ.", ("2020", "2025", "term")),
        ("Kế hoạch giai đoạn 2021-2025 đã được phê duyệt.", ("2021", "2025", "period")),
        ("Kết quả quý I/2020 khả quan.", ("2020-01", "2020-03", "quarter")),
        ("Trong 6 tháng đầu năm 2020, kết nạp 120 đảng viên.", ("2020-01", "2020-06", "period")),
        ("Năm 2019, toàn tỉnh kết nạp 1.200 đảng viên.", ("2019", None, "year")),
    ],
)
def test_date_forms(text, expected):
    assert expected in dates(text)


def test_year_from_the_same_sentence():
    assert dates("Đảng bộ A họp ngày 6/3, Đảng bộ B họp ngày 11/3/2020.")[0] == ("2020-03-06", None, "date")


def test_year_from_publication_when_sentence_has_none():
    assert dates("Sáng 11.4, Huyện ủy Yên Thế tổ chức hội nghị.", published="2021-04-12") == [
        ("2021-04-11", None, "date")]


def test_no_year_anywhere_gives_month_day_only():
    assert dates("Chiều ngày 20/5, Ban Thường vụ họp.") == [("--05-20", None, "date")]


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định 30/2020/NĐ-CP về công tác văn thư.",
        "Có 25/25 đảng bộ, chi bộ cơ sở tổ chức thành công; 14/14 đảng ủy trực thuộc hoàn thành.",
        "Liên hệ số điện thoại 0215.3826.455 hoặc 0912 345 678.",
        "Đại hội lần thứ XIII của Đảng.",
        "Hội nghị Trung ương 4 khóa XII.",
        "Ngày 31/2/2020 không tồn tại.",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_nfd_gives_same_values_and_offsets_into_nfd_text():
    nfc = "Từ ngày 6-1-2020 đến ngày 15-5-2020, Đảng bộ tỉnh Điện Biên hoàn thành đại hội điểm."
    nfd = unicodedata.normalize("NFD", nfc)
    a, b = analyze(nfc).dates, analyze(nfd).dates
    assert [(d.value, d.end) for d in a] == [(d.value, d.end) for d in b]
    for d in b:
        assert nfd[d.start:d.stop] == d.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sáng nay (11/4), Tỉnh ủy họp.", "2020-04-11"), ("Chiều thứ Hai, 20/4/2020, hội nghị khai mạc.", "2020-04-20")],
)
def test_weekday_and_today_dates(text, expected):
    assert [d[0] for d in dates(text, published="2020-04-12")] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Chín tháng đầu năm 2021, huyện Bảo Lâm thu ngân sách đạt 80% dự toán.", ("2021-01", "2021-09", "period")),
    ("Trong 11 tháng năm 2023, toàn tỉnh kết nạp 1.450 đảng viên.", ("2023-01", "2023-11", "period")),
    ("Nhiệm vụ 3 tháng cuối năm 2019 rất nặng nề.", ("2019-10", "2019-12", "period")),
    ("Kết quả quý III-2022 của Đảng bộ Khối Doanh nghiệp.", ("2022-07", "2022-09", "quarter")),
    ("Đề án xây dựng Đảng (2011- 2020) được tổng kết.", ("2011", "2020", "period")),
    ("Từ 15/3/2018 đến tháng 9/2018, đoàn kiểm tra làm việc tại 12 xã.", ("2018-03-15", "2018-09", "range")),
    ("Cập nhật 2024-03-05 08:15:00.0 bởi quản trị.", ("2024-03-05", None, "date")),
    ("Từ đầu 2016 đến nay, chi bộ kết nạp 9 đảng viên.", ("2016", None, "year")),
])
def test_periods_quarters_spans_and_timestamps(text, expected):
    assert expected in dates(text)


def test_year_less_periods_take_the_year_of_their_context_but_not_of_a_comparison():
    text = ("Ngày 12/7/2021, Huyện ủy Tam Nông sơ kết 6 tháng đầu năm; kết quả quý II tăng 3% so với cùng kỳ năm 2020. "
            "Nhiệm vụ 6 tháng cuối năm được triển khai.")
    found = dates(text)
    assert ("2021-01", "2021-06", "period") in found and ("2021-04", "2021-06", "quarter") in found
    assert ("2021-07", "2021-12", "period") in found


def test_a_month_at_the_end_of_a_sentence_takes_the_year_the_article_gives():
    text = ("Chi bộ thôn Nà Sản đánh giá kết quả thực hiện nhiệm vụ trong tháng 9. "
            "Đồng thời triển khai nhiệm vụ tháng 10/2023 cho từng đảng viên.")
    assert ("2023-09", None, "month") in dates(text)


def test_a_month_given_as_the_publication_date_gives_the_year_of_year_less_dates():
    assert dates("Chiều 14/2, Đảng ủy phường Hòa Khánh tổ chức hội nghị.", published="2023-02") == [
        ("2023-02-14", None, "date")]


def test_a_year_less_day_is_dated_by_the_publication_not_by_a_year_later_in_its_sentence():
    """The year of what a meeting reviews ("kiểm điểm ... năm 2023", "thu nhập năm 2019") is not when it met."""
    text = ("Ngày 18 và 19/01, Ban Thường vụ Thành ủy Hội An tổ chức hội nghị kiểm điểm tập thể, cá nhân năm 2023.")
    assert dates(text, published="2024-01-20")[0] == ("2024-01-18", "2024-01-19", "range")
    text = "Sáng 18/4, Đảng bộ xã Ea Kly tổ chức đại hội; thu nhập bình quân năm 2019 đạt 42 triệu đồng."
    assert dates(text, published="2020-04-19")[0] == ("2020-04-18", None, "date")
    # a full date in the sentence still gives the year, and so does a year that opens the sentence
    assert dates("Đảng bộ A họp ngày 6/3, Đảng bộ B họp ngày 11/3/2019.", published="2020-04-19")[0] == (
        "2019-03-06", None, "date")
    assert ("2019-05-12", None, "date") in dates("Năm 2019, ngày 12/5 huyện tổ chức hội thi.", published="2020-04-19")


def test_a_year_less_date_months_after_the_publication_is_last_years():
    found = dates("Ngày 28/12, Huyện ủy Mường Tè tổng kết công tác năm. Ngày 5/1, Đảng ủy xã Ka Lăng họp.",
                  published="2024-01-08")
    assert found == [("2023-12-28", None, "date"), ("2024-01-05", None, "date")]
    assert dates("Trong quý IV, Ủy ban Kiểm tra kiểm tra 7 tổ chức đảng.", published="2024-01-10") == [
        ("2023-10", "2023-12", "quarter")]
    assert dates("Trong quý IV, Ủy ban Kiểm tra kiểm tra 7 tổ chức đảng.", published="2023-10-10") == [
        ("2023-10", "2023-12", "quarter")]
    # a plan a few months ahead stays this year's; so does the second half of the year
    assert dates("Đại hội Đảng bộ xã Phong Thổ dự kiến tổ chức vào tháng 10.", published="2024-05-14") == [
        ("2024-10", None, "month")]
    assert dates("Nhiệm vụ 6 tháng cuối năm được Huyện ủy Bảo Lạc thông qua.", published="2024-01-22") == [
        ("2024-07", "2024-12", "period")]


def test_two_days_in_parentheses_and_month_spans_without_a_year():
    found = dates("Trong 2 ngày (24 - 25/4), Đảng bộ xã Ea Tiêu tổ chức đại hội.", published="2025-04-26")
    assert found == [("2025-04-24", "2025-04-25", "range")]
    assert dates("Đại hội diễn ra trong hai ngày (7-8/5/2020) tại hội trường huyện.") == [
        ("2020-05-07", "2020-05-08", "range")]
    assert dates("Từ tháng 6 đến tháng 9, mưa lũ gây thiệt hại 12,5 tỷ đồng.", published="2022-10-20") == [
        ("2022-06", "2022-09", "range")]
    assert dates("Từ tháng 3 - tháng 5, các chi bộ tổ chức sinh hoạt chuyên đề.", published="2023-06-02") == [
        ("2023-03", "2023-05", "range")]
    assert dates("Kết quả đạt (18 - 20/25) chỉ tiêu.") == []
    analyzed = analyze("Trong 2 ngày (24 - 25/4), Đảng bộ xã tổ chức đại hội.", published="2025-04-26")
    assert [c.text for c in analyzed.counts] == []


def test_a_year_less_month_before_a_comma():
    assert dates("Đến hết tháng 9, Tỉnh đoàn giới thiệu 420 đoàn viên ưu tú.", published="2023-10-06") == [
        ("2023-09", None, "month")]
    assert dates("Trong tháng 11, Huyện ủy kiểm tra 5 chi bộ.", published="2021-12-01") == [("2021-11", None, "month")]
    assert dates("Trong tháng 4, 5 và 6, huyện kiểm tra 12 chi bộ.", published="2021-07-01") == []
