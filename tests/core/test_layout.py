"""Headline, dateline and byline of plain-text pages as portals, party newspapers and corpora save them.

Every text here is written for these tests (other provinces, other sites' chrome); each test names the
class of page it stands for, so a rule that only fits one page would fail the others.
"""
import pytest

from vnparty_nlp import analyze
from vnparty_nlp.text import parse_layout, parse_timestamp

LEAD = ("Sáng 14/3, Ban Thường vụ Huyện ủy Hướng Hóa tổ chức hội nghị sơ kết công tác xây dựng Đảng quý I, "
        "đánh giá kết quả thực hiện nhiệm vụ và triển khai nhiệm vụ trọng tâm quý II năm 2021.")
BODY = ("Trong quý I, toàn Đảng bộ huyện đã kết nạp 47 đảng viên mới, đạt 31% chỉ tiêu năm; công tác kiểm tra, "
        "giám sát được thực hiện đúng kế hoạch, không để phát sinh điểm nóng.")
END = ("Hội nghị thống nhất các giải pháp nâng cao chất lượng sinh hoạt chi bộ và tạo nguồn phát triển đảng "
       "viên trong thanh niên, đoàn viên ở các thôn, bản vùng sâu, vùng xa./.")


def page(*lines: str) -> str:
    return "\n".join(lines)


# ------------------------------------------------------------------ datelines are never the headline


@pytest.mark.parametrize("dateline, iso", [
    ("Cập nhật lúc 08:15, Thứ Sáu, 19/03/2021 (GMT+7)", "2021-03-19"),
    ("Cập nhật, 14:20, Chủ Nhật, 21/03/2021 (GMT+7)", "2021-03-21"),
    ("2021-03-19 16:05:00.0", "2021-03-19"),
    ("Đăng ngày 19/03/2021", "2021-03-19"),
    ("Ngày đưa:  19/03/2021 10:41:07 AM In bài", "2021-03-19"),
    ("  • 19.3.2021 - 07:50", "2021-03-19"),
    ("THỨ SÁU, 19/03/2021 21:04:33", "2021-03-19"),
    ("Ngày 19 tháng 3 năm 2021 lúc 9 giờ 30", "2021-03-19"),
    ("Cập nhật ngày: 19/03/2021 06:12:40", "2021-03-19"),
])
def test_dateline_under_the_headline_in_every_common_form(dateline, iso):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", dateline, LEAD, BODY, END))
    assert layout.title == "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"
    assert layout.published[:10] == iso


def test_a_timestamp_line_is_not_a_dateline_when_it_carries_a_sentence():
    assert parse_timestamp("Ngày 19/03/2021, Huyện ủy Hướng Hóa tổ chức hội nghị") is None
    assert parse_timestamp("Hôm nay: Thứ Sáu, 19/03/2021") is None
    assert parse_timestamp("Thứ Bảy, ngày 20 tháng 3 năm 2021") == "2021-03-20"


# ------------------------------------------------------------------ the page header's date and the article's


def test_header_date_without_time_above_the_headline_is_today_not_the_article():
    text = page("Thứ Hai, ngày 12 tháng 6 năm 2023", "Báo cáo tổng kết công tác xây dựng Đảng nhiệm kỳ 1996 - 2000",
                LEAD, BODY)
    layout = parse_layout(text)
    assert layout.title == "Báo cáo tổng kết công tác xây dựng Đảng nhiệm kỳ 1996 - 2000"
    assert layout.published is None


def test_two_dates_the_one_under_the_headline_is_the_articles():
    text = page("Thứ Tư, ngày 07/06/2023 05:12 AM (GMT+7)", "", "Sóc Trăng kết nạp 1.240 đảng viên trong năm 2016", "",
                "undefined Thứ Năm, ngày 05/01/2017 10:31 AM (GMT+7)", LEAD, BODY)
    layout = parse_layout(text)
    assert layout.title == "Sóc Trăng kết nạp 1.240 đảng viên trong năm 2016"
    assert layout.published == "2017-01-05T10:31"


def test_timestamp_with_a_time_above_the_headline_is_the_articles():
    layout = parse_layout(page("16:40, 02/11/2022", "Phú Yên: Kỷ luật 12 đảng viên vi phạm trong 10 tháng", LEAD, BODY))
    assert (layout.title, layout.published) == ("Phú Yên: Kỷ luật 12 đảng viên vi phạm trong 10 tháng",
                                                "2022-11-02T16:40")


def test_headline_repeated_with_its_timestamp_in_brackets():
    title = "Kiểm tra việc thực hiện Quy định 08 tại Đảng ủy xã Yên Thịnh"
    text = page("THƯ VIỆN VIDEO", "Skip portletPortlet Menu", "", title, "", f"{title} (05/10/2021 09:12 AM)", "",
                LEAD, BODY)
    layout = parse_layout(text)
    assert (layout.title, layout.published) == (title, "2021-10-05T09:12")


# ------------------------------------------------------------------ portal chrome, CMS residue, kickers


def test_portal_chrome_above_a_headline_that_ends_with_a_full_stop():
    text = page("Số lượt truy cập", "1.204.567", "EmailPrintAa", "Tin tức - Sự kiện",
                "Huyện ủy Bảo Lạc sơ kết 6 tháng công tác kiểm tra.", LEAD, BODY)
    assert parse_layout(text).title == "Huyện ủy Bảo Lạc sơ kết 6 tháng công tác kiểm tra."


def test_cms_null_before_the_headline_is_not_part_of_it_and_the_span_points_at_the_headline():
    text = page("null Đảng bộ phường Vĩnh Quang tổ chức đại hội điểm nhiệm kỳ 2025 - 2030", "content:", "   " + LEAD, BODY)
    layout = parse_layout(text)
    assert layout.title == "Đảng bộ phường Vĩnh Quang tổ chức đại hội điểm nhiệm kỳ 2025 - 2030"
    assert text[layout.title_span[0]:layout.title_span[1]] == layout.title


def test_kicker_place_name_above_the_headline():
    text = page("Giồng Riềng", "Các chi bộ ấp hoàn thành đại hội trước thời hạn", "Cập nhật ngày: 02/06/2022 05:40:11",
                LEAD, BODY)
    layout = parse_layout(text)
    assert (layout.title, layout.published[:10]) == ("Các chi bộ ấp hoàn thành đại hội trước thời hạn", "2022-06-02")


def test_headline_ending_in_a_noun_that_is_also_a_reference_word():
    for title in ("Quảng Trị: đảng viên vi phạm chủ yếu về chính sách dân số",
                  "Đảng ủy Khối sơ kết công tác kiểm tra 9 tháng đầu năm"):
        assert parse_layout(page(title, LEAD, BODY)).title == title


# ------------------------------------------------------------------ excerpts without a headline


def test_photo_caption_first_is_not_a_headline():
    assert parse_layout(page("Toàn cảnh hội nghị sơ kết", LEAD, BODY)).title is None
    assert parse_layout(page("Đồng chí Bí thư Huyện ủy trao Huy hiệu Đảng cho đảng viên (Ảnh: Minh Hoàng)",
                             LEAD, BODY)).title is None


def test_listing_snippet_with_hard_line_breaks_has_no_headline():
    text = page("Căn cứ Kế hoạch số", "86-KH/HU, ngày 14/02/2022 của Ban Thường vụ Huyện ủy về tổ chức đại hội chi bộ,",
                "Đảng ủy xã Tân Phước đã chỉ đạo 12 chi bộ trực thuộc hoàn thành đại hội trong tháng 4.")
    assert parse_layout(text).title is None


def test_passage_that_opens_with_the_lead_has_no_headline():
    text = page("Chiều 9/9, Đảng ủy xã Mỹ Hòa tổ chức hội nghị sơ kết (mở rộng).", BODY, END)
    assert parse_layout(text).title is None
    assert parse_layout(page("(KG) - Ngày 9/9, Đảng ủy xã Mỹ Hòa tổ chức hội nghị sơ kết", BODY)).title is None


def test_corpus_date_prefix_gives_the_month_and_no_headline():
    text = " date 2023-11 Lễ kết nạp đảng viên tại Chi bộ Công ty May Tiền Tiến. (Ảnh: Hồng Nhung)\n" + BODY
    layout = parse_layout(text)
    assert (layout.title, layout.published) == (None, "2023-11")
    record = analyze(" date 2019-04 " + LEAD + "\n" + BODY)
    assert record.published == "2019-04" and record.title is None


# ------------------------------------------------------------------ bylines


@pytest.mark.parametrize("byline, author", [
    ("HOÀNG ANH TUẤN", "HOÀNG ANH TUẤN"),
    ("Y Bhin Niê", "Y Bhin Niê"),  # a Tây Nguyên name opens with a one-letter word
    ("Thu Hà – Văn Khánh", "Thu Hà, Văn Khánh"),
    ("T.LĨNH - V.ANH", "T.LĨNH, V.ANH"),
    ("Bài và ảnh: Ngọc Diệp", "Ngọc Diệp"),
    ("Tin, ảnh: Lê Hòa", "Lê Hòa"),
    ("PV", "PV"),
    ("Nhóm PV", "Nhóm PV"),
    ("( Ban Tuyên giáo Huyện ủy thực hiện )", "Ban Tuyên giáo Huyện ủy"),
    ("Cổng TTĐT huyện Đắk Mil", "Cổng TTĐT huyện Đắk Mil"),
    ("Xuân Thủy (Trung tâm Văn hóa - Thông tin huyện)", "Xuân Thủy"),
    ("Đinh Văn Tuấn Ban Tổ chức Huyện ủy Mù Cang Chải", "Đinh Văn Tuấn"),
    ("BAN BIÊN TẬP", "BAN BIÊN TẬP"),
    ("Văn Bảy - Đài TT-TH Phù Mỹ", "Văn Bảy"),
    ("Bá Thăng - Văn Lâm - Quang Dũng", "Bá Thăng, Văn Lâm, Quang Dũng"),
])
def test_byline_at_the_bottom(byline, author):
    assert parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, byline)).author == author


def test_byline_above_the_units_line_copyright_and_a_cms_error():
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, "Mạnh Cường", "(UBKT Huyện ủy Hướng Hóa)",
                "Bản quyền © 2016 Báo điện tử Đảng bộ tỉnh", "An error occurred while processing your request.")
    assert parse_layout(text).author == "Mạnh Cường"


def test_byline_above_the_sites_reader_forms_is_found_once_they_are_cut():
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, "Kim Thoa", "", "< Trở về trang trước",
                "Gửi bình luận của bạn", "Họ tên", "Thông tin bạn đọc", "Đóng Lưu thông tin")
    layout = parse_layout(text)
    assert layout.author == "Kim Thoa"
    assert text[:layout.end].endswith("Kim Thoa")


def test_top_byline_with_a_prefix():
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", "Bài và ảnh: Đức Minh", LEAD, BODY, END)
    assert parse_layout(text).author == "Đức Minh"


@pytest.mark.parametrize("last_line", [
    "KẾT QUẢ ĐẠT ĐƯỢC",  # a section heading in capitals, the excerpt cut after it
    "HẠN CHẾ",
    "Đóng Lưu",  # buttons
    "A A",  # font-size buttons
    "Tại Quảng Trị, công tác phát triển đảng viên trong",  # a truncated sentence
    "Nguyễn Văn Hùng cho biết thêm",
    "Theo kế hoạch, đại hội",
])
def test_never_a_byline(last_line):
    assert parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, last_line)).author is None


@pytest.mark.parametrize("credit", ["Theo Báo Quảng Trị", "Theo baoquangtri.vn"])
def test_source_credit_is_a_credit_not_an_author(credit):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, credit))
    assert (layout.author, layout.credit) == (None, credit)


def test_a_photo_credit_is_not_the_author_but_the_byline_above_it_is():
    title = "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"
    assert parse_layout(page(title, LEAD, BODY, END, "Ảnh: Hữu Thắng")).author is None
    assert parse_layout(page(title, LEAD, BODY, END, "Thanh Lê", "Ảnh: Hữu Thắng")).author == "Thanh Lê"


# ------------------------------------------------------------------ line endings


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_and_crlf_line_endings_cut_the_furniture_and_keep_offsets(newline):
    lines = ["Hướng Hóa sơ kết công tác xây dựng Đảng quý I", "Cập nhật: 15/03/2021 09:20", LEAD, BODY, END,
             "Minh Nhật", "Tin liên quan", "Huyện ủy Đakrông tổng kết năm 2020 (05/01/2021)", "Bình luận"]
    text = newline.join(lines)
    layout = parse_layout(text)
    assert text[:layout.end].endswith("Minh Nhật")
    assert (layout.title, layout.published, layout.author) == (lines[0], "2021-03-15T09:20", "Minh Nhật")
    assert text[layout.title_span[0]:layout.title_span[1]] == lines[0]
    record = analyze(text)
    assert "Tin liên quan" not in record.text and text.startswith(record.text)
    assert not any(d.value.startswith("2021-01-05") for d in record.dates)
    assert all(text[f.start:f.stop] == f.text for f in record.all_facts())


def test_numeric_date_above_the_headline_is_the_articles_when_no_other_date_follows():
    layout = parse_layout(page("Thứ Ba, 09/08/2022", "Chi bộ bản Nà Tấu tổ chức đại hội nhiệm kỳ 2022 - 2025", LEAD, BODY))
    assert (layout.title, layout.published) == ("Chi bộ bản Nà Tấu tổ chức đại hội nhiệm kỳ 2022 - 2025", "2022-08-09")


def test_section_words_that_also_open_headlines():
    for title in ("Giới thiệu 54 đồng chí ứng cử", "Trong 6 tháng, kỷ luật 40 đảng viên", "Chính trị - Xã hội Cao Bằng năm 2021",
                  "Nan giải bài toán phát triển đảng viên ở vùng giáo"):
        assert parse_layout(page("Tin tức", title, LEAD, BODY)).title == title


def test_byline_in_capitals_under_the_headline():
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", "15/03/2021 09:20", "NGỌC ANH", LEAD, BODY, END)
    assert parse_layout(text).author == "NGỌC ANH"


@pytest.mark.parametrize("last_line", ["Đoàn công tác thăm hỏi gia đình chính sách", "Hội nghị kết thúc"])
def test_a_caption_under_the_last_paragraph_is_not_an_organisation_byline(last_line):
    assert parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, last_line)).author is None


def test_decomposed_unicode_page_reads_the_same():
    import unicodedata

    text = page("Lấp Vò", "Kết nạp đảng viên trong đồng bào dân tộc thiểu số", "Cập nhật ngày: 02/06/2022 05:40:11",
                LEAD, BODY, END, "Mỹ Hạnh – Tạ Nhật", "Gửi bình luận của bạn")
    nfc, nfd = parse_layout(text), parse_layout(unicodedata.normalize("NFD", text))
    assert (nfd.published, nfd.author, nfd.end) == (nfc.published, nfc.author, len(unicodedata.normalize("NFD", text[:nfc.end])))
    assert unicodedata.normalize("NFC", nfd.title) == nfc.title == "Kết nạp đảng viên trong đồng bào dân tộc thiểu số"


@pytest.mark.parametrize("banner", ["CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN BẢO LÂM", "ĐẢNG BỘ TỈNH CAO BẰNG",
                                    "Trang thông tin điện tử Đảng bộ xã Hòa Thắng"])
def test_the_sites_banner_above_the_headline(banner):
    title = "Báo cáo kết quả công tác kiểm tra, giám sát năm 2022"
    assert parse_layout(page(banner, "Trang chủ > Tin tức", title, LEAD, BODY)).title == title


def test_a_headline_in_capitals_that_opens_with_a_unit_is_still_the_headline():
    title = "ĐẢNG BỘ XÃ HÒA THẮNG TỔ CHỨC ĐẠI HỘI ĐIỂM CHI BỘ NHIỆM KỲ 2022 - 2025"
    assert parse_layout(page(title, LEAD, BODY)).title == title


@pytest.mark.parametrize("byline, author", [
    ("Tin: Thu Phương; Ảnh: Quang Hùng", "Thu Phương"),
    ("Bài: Minh Châu - Ảnh: Hữu Vi", "Minh Châu"),
    ("Tin, ảnh: K'Thuận", "K'Thuận"),
    ("H'HEN NIÊ", "H'HEN NIÊ"),
])
def test_byline_with_a_photo_credit_after_it_or_a_name_joined_by_an_apostrophe(byline, author):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", "Thứ Tư, 13/03/2024 | 10:25",
                               LEAD, BODY, END, byline))
    assert layout.author == author


@pytest.mark.parametrize("dateline, iso", [
    ("Quỳnh Nhai (Sơn La), ngày 20/10/2022", "2022-10-20"),
    ("Hà Nội, ngày 5 tháng 3 năm 2023", "2023-03-05"),
])
def test_a_dateline_that_opens_with_its_place(dateline, iso):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", dateline, LEAD, BODY, END))
    assert layout.published == iso
    assert parse_timestamp("Huyện ủy họp, ngày 20/10/2022") is None


@pytest.mark.parametrize("dateline, iso", [
    ("Xây dựng Đảng | 19/03/2021 07:30", "2021-03-19T07:30"),
    ("Tin tức » Chính trị » Thứ Sáu, 19/3/2021", "2021-03-19"),
    ("Hoạt động của Đảng bộ > 19-03-2021 16:05", "2021-03-19T16:05"),
    ("Đăng ngày: 19/03/2021 | Người đăng: Quản trị viên", "2021-03-19"),
    ("Thứ Sáu, 19/3/2021 | Tác giả: BBT | In bài", "2021-03-19"),
])
def test_a_section_label_and_the_dateline_on_one_line(dateline, iso):
    for lines in ((dateline, "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"),
                  ("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", dateline)):
        layout = parse_layout(page(*lines, LEAD, BODY, END))
        assert layout.title == "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"
        assert layout.published == iso


@pytest.mark.parametrize("footer", [
    ("© 2023 Huyện ủy Hướng Hóa. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",),
    ("Bản quyền thuộc Ban Tuyên giáo Tỉnh ủy Quảng Trị",
     "Giấy phép số 15/GP-TTĐT ngày 12/4/2019 của Sở Thông tin và Truyền thông",
     "Trưởng Ban biên tập: Trần Văn Khải, Phó Trưởng Ban Tuyên giáo Tỉnh ủy"),
])
def test_a_footer_after_the_byline_is_furniture(footer):
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, "Minh Hòa", *footer)
    result = analyze(text)
    assert result.author == "Minh Hòa"
    assert parse_layout(text).end == text.index(footer[0]) - 1
    footer_at = text.index(footer[0])
    assert not [f for kind in ("dates", "counts", "documents", "people", "organizations") for f in result.facts[kind]
                if f.start >= footer_at]


@pytest.mark.parametrize("byline, credit", [
    ("Ban Tuyên giáo Huyện ủy Hướng Hóa", "Theo Báo Quảng Trị"),
    ("Trung tâm VH-TT&TT huyện Hướng Hóa", "Nguồn: Cổng TTĐT tỉnh Quảng Trị"),
])
def test_a_unit_signing_above_a_source_credit_is_the_author(byline, credit):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, byline, credit))
    assert (layout.author, layout.credit) == (byline, credit)


@pytest.mark.parametrize("banner", ["ĐẢNG BỘ TỈNH QUẢNG TRỊ", "Cổng thông tin điện tử Huyện ủy Hướng Hóa"])
def test_the_portals_banner_above_the_headline_gives_no_organization(banner):
    text = page(banner, "Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END)
    result = analyze(text)
    assert result.title == "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"
    assert not [o.text for o in result.organizations if o.start < len(banner)]
    assert [o for o in result.organizations if o.text.startswith("Ban Thường vụ")]


@pytest.mark.parametrize("tail, author", [
    (("Tác giả bài viết: Thanh Hương", "Nguồn tin: Huyện ủy Hướng Hóa"), "Thanh Hương"),
    (("Bài viết: Lê Minh - Ban Tuyên giáo Huyện ủy Hướng Hóa",), "Lê Minh"),
    (("Tin bài: Hoàng Anh",), "Hoàng Anh"),
])
def test_the_author_field_of_a_portal_cms(tail, author):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, *tail))
    assert layout.author == author


@pytest.mark.parametrize("tail, author", [
    (("ThS. Nguyễn Thị Lan", "Trường Chính trị tỉnh Quảng Trị"), "ThS. Nguyễn Thị Lan"),
    (("HOÀNG MINH", "Ban Tuyên giáo Huyện ủy Hướng Hóa"), "HOÀNG MINH"),
    (("Ban Tuyên giáo Huyện ủy Hướng Hóa",), "Ban Tuyên giáo Huyện ủy Hướng Hóa"),
])
def test_a_signature_with_its_unit_on_the_line_below(tail, author):
    assert parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, *tail)).author == author


@pytest.mark.parametrize("counter", ["Số lượt xem: 1.023", "Số lần đọc: 87", "Lượt thích: 12"])
def test_a_view_counter_under_the_byline_is_neither_fact_nor_byline(counter):
    text = page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", LEAD, BODY, END, "Quàng Hương (TTVH huyện)", counter)
    result = analyze(text)
    assert result.author == "Quàng Hương"
    assert not [c for c in result.counts if c.start >= text.index(counter)]


@pytest.mark.parametrize("dateline, author", [
    ("Lê Hà | 19/03/2021 09:15", "Lê Hà"),
    ("Ngày: 19/03/2021 | Tác giả: Phạm Thu Hà", "Phạm Thu Hà"),
    ("Đăng ngày: 19/03/2021 | Người đăng: Admin", None),
    ("Xây dựng Đảng | 19/03/2021 07:30", None),
])
def test_the_author_on_the_datelines_line(dateline, author):
    layout = parse_layout(page("Hướng Hóa sơ kết công tác xây dựng Đảng quý I", dateline, LEAD, BODY, END))
    assert (layout.published[:10], layout.author) == ("2021-03-19", author)


@pytest.mark.parametrize("headline, title", [
    ("Hướng Hóa sơ kết công tác xây dựng Đảng quý I - Báo Quảng Trị điện tử",
     "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"),
    ("Hướng Hóa sơ kết công tác xây dựng Đảng quý I | Cổng thông tin điện tử tỉnh Quảng Trị",
     "Hướng Hóa sơ kết công tác xây dựng Đảng quý I"),
    ("Hướng Hóa sơ kết công tác xây dựng Đảng - Báo cáo kết quả quý I",
     "Hướng Hóa sơ kết công tác xây dựng Đảng - Báo cáo kết quả quý I"),
])
def test_the_sites_name_after_a_headline_is_not_the_headline(headline, title):
    assert parse_layout(page(headline, "19/03/2021 09:15", LEAD, BODY, END)).title == title


def test_a_sentence_with_a_stray_separator_at_the_top_is_the_article_not_a_breadcrumb():
    """Markup residue or a pipe in the first sentence does not make it the site's menu: its facts stay."""
    from vnparty_nlp import analyze

    first = analyze("Căn cứ Kế hoạch số 79-KH/TU của Tỉnh ủy, <b> 12/12 chi bộ đã tổ chức đại hội xong.\n")
    assert [d.text for d in first.facts["documents"]] == ["Kế hoạch số 79-KH/TU"]
    assert [(c.value, c.total) for c in first.facts["counts"]] == [(12, 12)]
    second = analyze("Đảng ủy xã Tả Phìn | thực hiện Chỉ thị số 05-CT/TW, kết nạp 7 đảng viên mới trong quý I.\n"
                     "Các chi bộ duy trì sinh hoạt đều đặn.\n")
    assert [d.text for d in second.facts["documents"]] == ["Chỉ thị số 05-CT/TW"]
    assert [c.value for c in second.facts["counts"]] == [7]
    # a breadcrumb is still the site's: no facts from it
    crumb = analyze("Trang chủ > Xây dựng Đảng > Kiểm tra 35 năm\nĐảng bộ xã Tả Phìn kết nạp 7 đảng viên\n"
                    "Sáng 5/3, Đảng ủy xã Tả Phìn tổ chức lễ kết nạp 7 đảng viên mới.\n")
    assert all(c.value != 35 for c in crumb.facts["counts"])
