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
        ("Hỗ trợ 1,5 tỷ đồng xây nhà văn hóa.", (1500000000, None, "đồng")),
        ("Thu hút 2.000 lượt người tham gia.", (2000, None, "lượt người")),
        ('Có 126 chi bộ đạt "4 tốt", tăng 9 chi bộ so với năm trước.', (126, None, "chi bộ")),
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
        # emulation slogans name a standard, not a number of things
        'Phấn đấu xây dựng chi bộ "4 tốt", đảng viên gương mẫu.',
        "Cán bộ thực hiện phương châm “3 cùng” với nhân dân ở bản Sín Thầu.",
        "Hưởng ứng phong trào “3 an toàn”, “5 không 3 sạch” ở khu dân cư.",
        "Phát động thi đua “2 nhất”, “3 xây, 3 chống” trong toàn Đảng bộ.",
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


def _counts(text):
    from vnparty_nlp import analyze
    return [(c.value, c.total, c.unit) for c in analyze(text).counts]


def test_money_and_multipliers_are_decoded_exactly():
    text = ("Năm 2021, huyện Tuần Giáo thu ngân sách đạt 185,088 tỷ đồng, lũy kế ước đạt 1.653,522 tỷ đồng; "
            "hỗ trợ hơn 2 triệu người lao động và 350 triệu đồng cho quỹ vì người nghèo.")
    found = _counts(text)
    assert (185088000000, None, "đồng") in found and (1653522000000, None, "đồng") in found
    assert (2000000, None, "người lao động") in found or (2000000, None, "người") in found
    assert (350000000, None, "đồng") in found
    from vnparty_nlp import analyze
    quals = {c.value: c.qualifier for c in analyze(text).counts}
    assert quals[2000000] == "hơn" and quals[1653522000000] == "ước đạt"


def test_label_before_number_takes_the_unit_the_context_implies():
    text = ("Năm 2023, Ủy ban Kiểm tra Tỉnh ủy Sóc Trăng thi hành kỷ luật 41 đảng viên (khiển trách 25, cảnh cáo 11, "
            "khai trừ 5) và 4 tổ chức đảng (Khiển trách 3, cảnh cáo 1).")
    found = _counts(text)
    assert {(25, None, "đảng viên"), (11, None, "đảng viên"), (5, None, "đảng viên"),
            (3, None, "tổ chức đảng"), (1, None, "tổ chức đảng")} <= set(found)


def test_breakdown_of_violations_by_kind():
    text = ("Các vi phạm chủ yếu: thiếu trách nhiệm: 9 (30%); đất đai, tài nguyên: 7 (23,3%); "
            "tài chính, ngân sách: 6 (20%).")
    found = _counts(text)
    assert {(9, None, "vi phạm"), (7, None, "vi phạm"), (6, None, "vi phạm")} <= set(found)


def test_part_of_a_whole_glued_units_ranges_and_designations():
    found = _counts("Có 14 trong tổng số 16 đảng bộ cơ sở hoàn thành; toàn tỉnh có 2.817tổ chức đảng; "
                    "mỗi xã chọn 2-3 chi bộ làm điểm. Chi bộ 9 đảng bộ xã Hòa Bình tổ chức đại hội; Đoàn Kiểm tra số 14 làm việc.")
    assert (14, 16, "đảng bộ cơ sở") in found
    assert (2817, None, "tổ chức đảng") in found
    assert (2, None, "chi bộ") in found
    assert all(v not in (9,) for v, _, _ in found) and all(v != 14 or t == 16 for v, t, _ in found)


def test_parts_and_totals_whose_unit_the_sentence_implies():
    text = ("Năm 2022, Đảng bộ tỉnh Lạng Sơn kết nạp 1.412 đảng viên, trong đó có 610 là nữ, 1.005 là người dân tộc "
            "thiểu số. Đến nay, tổng số đảng viên toàn tỉnh là 58.233. Có 12 là số liệu ước tính.")
    found = _counts(text)
    assert {(610, None, "đảng viên"), (1005, None, "đảng viên"), (58233, None, "đảng viên")} <= set(found)
    assert all(v != 12 for v, _, _ in found)  # no count before it in its sentence: no unit to imply


def test_grades_of_the_yearly_review_before_their_count():
    """Review results list each grade then its count; the count takes the body counted before it."""
    text = ("Năm 2023, 312 đảng viên của Đảng bộ xã Ia Pa được đánh giá: hoàn thành xuất sắc nhiệm vụ 41, "
            "hoàn thành tốt nhiệm vụ 250, hoàn thành nhiệm vụ 19, không hoàn thành nhiệm vụ 2.")
    assert [(c.value, c.unit) for c in analyze(text).counts] == [
        (312, "đảng viên"), (41, "đảng viên"), (250, "đảng viên"), (19, "đảng viên"), (2, "đảng viên")]
    text = "Kết quả phân loại 28 chi bộ: Trong sạch, vững mạnh 09 chiếm 32%; Hoàn thành tốt nhiệm vụ 17; yếu kém 02."
    assert [(c.text, c.value, c.unit) for c in analyze(text).counts if c.unit != "%"] == [
        ("28 chi bộ", 28, "chi bộ"), ("Trong sạch, vững mạnh 09", 9, "chi bộ"),
        ("Hoàn thành tốt nhiệm vụ 17", 17, "chi bộ"), ("yếu kém 02", 2, "chi bộ")]
    # a year, a duration or a grade with no counted body before it is not a count
    assert counts("Đảng bộ hoàn thành nhiệm vụ 2023 với nhiều kết quả nổi bật.") == []
    assert counts("Chi bộ được xếp loại hoàn thành tốt nhiệm vụ 3 năm liền.") == []
    assert counts("Xếp loại hoàn thành xuất sắc nhiệm vụ 12.") == []


def test_bare_ratios_take_the_unit_their_sentence_gives():
    text = ("Số chi bộ được xếp loại hoàn thành tốt nhiệm vụ là 96/104, chiếm 92,3%. "
            "Kết nạp đảng viên vượt chỉ tiêu ở các xã Hợp Thanh 12/10, Tân Lập 9/8 đảng viên.")
    got = [(c.text, c.value, c.total, c.unit) for c in analyze(text).counts]
    assert ("96/104", 96, 104, "chi bộ") in got
    assert ("12/10", 12, 10, "đảng viên") not in got  # no unit before it in its sentence: no guess
    text = ("Năm 2023, 45 chi bộ tổ chức sinh hoạt chuyên đề, trong đó có các chi bộ khối trường học 14/14 và "
            "khối doanh nghiệp 7/11.")
    got = [(c.text, c.value, c.total, c.unit) for c in analyze(text).counts]
    assert got == [("45 chi bộ", 45, None, "chi bộ"), ("14/14", 14, 14, "chi bộ"), ("7/11", 7, 11, "chi bộ")]


def test_a_plenum_number_is_not_a_count():
    text = "Nghị quyết số 21-NQ/TW của Hội nghị Trung ương 4 khóa XIII và Hội nghị Trung ương 8 khóa XI."
    assert [c.text for c in analyze(text).counts] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nội dung vi phạm chủ yếu: vi phạm chính sách dân số: 21; tham nhũng, cố ý làm trái: 9; "
         "vi phạm khác: 4.", {(21, "vi phạm chính sách dân số: 21"), (9, "tham nhũng, cố ý làm trái: 9"),
                              (4, "vi phạm khác: 4")}),
        ("Các vi phạm tập trung ở:\n- nguyên tắc tập trung dân chủ: 7;\n- quản lý đất đai: 3;\n- đạo đức, lối sống: 5.",
         {(7, "nguyên tắc tập trung dân chủ: 7"), (3, "quản lý đất đai: 3"), (5, "đạo đức, lối sống: 5")}),
    ],
)
def test_breakdown_of_violations_without_percentages(text, expected):
    found = {(c.value, c.text) for c in analyze(text).counts if c.unit == "vi phạm"}
    assert expected <= found


def test_a_lone_label_and_number_is_not_a_breakdown():
    found = analyze("Đảng viên vi phạm bị xử lý kỷ luật; số phòng họp: 12.").counts
    assert all(c.unit != "vi phạm" for c in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cơ quan điều tra khởi tố 7 vụ/18 bị can về tội tham nhũng.", {(7, None, "vụ"), (18, None, "bị can")}),
        ("Tòa án đã xét xử 5 vụ án/ 11 bị cáo; truy tố 4 vụ/9 bị can.",
         {(5, None, "vụ án"), (11, None, "bị cáo"), (4, None, "vụ"), (9, None, "bị can")}),
    ],
)
def test_two_counts_joined_by_a_slash(text, expected):
    assert expected <= set(counts(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chi bộ trao 15 giấy chứng nhận và 9 huy hiệu Đảng.", {(15, None, "giấy chứng nhận"), (9, None, "huy hiệu")}),
        ("Huyện tặng 40 giấy khen, 6 bằng khen; nhân dân góp 250 ngày công, hiến 3.400 m2 đất.",
         {(40, None, "giấy khen"), (6, None, "bằng khen"), (250, None, "ngày công"), (3400, None, "m2")}),
        ("Ban Tổ chức hướng dẫn 9/9 huyện ủy, thành ủy, đảng ủy trực thuộc.", {(9, 9, "huyện ủy, thành ủy, đảng ủy trực thuộc")}),
        ("Đến nay 37/40 xã, phường, thị trấn có chi bộ thôn.", {(37, 40, "xã, phường, thị trấn")}),
    ],
)
def test_units_of_awards_labour_land_and_committees(text, expected):
    assert expected <= set(counts(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("Thu ngân sách nhà nước đạt 1.960 tỷ đồng.", 1960000000000), ("Xã xây dựng nông thôn mới theo lộ trình, mỗi bước đạt 3 tiêu chí.", 3)],
)
def test_a_qualifier_is_a_whole_word(text, value):
    found = [c for c in analyze(text).counts if c.value == value]
    assert found and found[0].qualifier is None and found[0].text[0].isdigit()


@pytest.mark.parametrize(
    ("text", "designation"),
    [
        ("Chi bộ khu vực 3 phường Nghĩa Đô có 64 đảng viên.", 3),
        ("Đảng bộ khu vực 2 xã Tân Hòa và Chi bộ tổ dân phố 5 phường Bắc Hà tổ chức đại hội.", 5),
        ("Khu vực 4 thị trấn Phong Điền có 33 đảng viên.", 4),
    ],
)
def test_a_numbered_area_is_a_designation(text, designation):
    assert all(v != designation for v, _, _ in counts(text))


def test_communes_in_an_area_are_counted():
    assert (3, None, "xã") in counts("Đầu tư đường giao thông trong khu vực 3 xã biên giới.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong 21.480 đảng viên được xếp loại, có 3.105 đảng viên hoàn thành xuất sắc nhiệm vụ; 16.920 hoàn thành "
         "tốt nhiệm vụ; 1.302 hoàn thành nhiệm vụ và 153 không hoàn thành nhiệm vụ.",
         {(16920, None, "đảng viên"), (1302, None, "đảng viên"), (153, None, "đảng viên")}),
        ("Năm 2022, có 412 tổ chức đảng được đánh giá: 64 hoàn thành xuất sắc nhiệm vụ, 301 hoàn thành tốt nhiệm vụ.",
         {(64, None, "tổ chức đảng"), (301, None, "tổ chức đảng")}),
    ],
)
def test_a_count_followed_by_its_grade_counts_what_was_graded(text, expected):
    found = set(counts(text))
    assert expected <= found
    assert all(u != "hoàn thành" for _, _, u in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong năm, số đảng viên bị xóa tên 27, cho ra khỏi Đảng 8.", {(27, None, "đảng viên"), (8, None, "đảng viên")}),
        ("Đã xoá tên 14 và cho ra khỏi Đảng 3 trường hợp đảng viên.", {(14, None, "đảng viên")}),
    ],
)
def test_members_struck_off_the_rolls_are_counted(text, expected):
    assert expected <= set(counts(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dự toán chi năm 2023 là 86 tỷ đồng; đến nay đã giải ngân hơn 61,5 tỷ, đạt 71,5%.", (61500000000, "hơn")),
        ("Tổng thu đảng phí đạt 2,4 tỷ đồng, trong đó trích giữ lại ở cơ sở 850 triệu và nộp cấp trên 1,55 tỷ.",
         (850000000, None)),
    ],
)
def test_an_amount_without_its_currency_after_amounts_in_dong(text, expected):
    found = {(c.value, c.qualifier) for c in analyze(text).counts if c.unit == "đồng"}
    assert expected in found


def test_an_amount_without_a_currency_and_no_money_before_is_not_money():
    assert all(c.unit != "đồng" for c in analyze("Dân số toàn tỉnh khoảng 1,2 triệu, trong đó nữ chiếm 50,2%.").counts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đại hội bầu Chi ủy gồm 3 đồng chí, đồng chí Lý Văn Sáng trúng cử Bí thư.", (3, None, "đồng chí")),
        ("Kiểm tra 12 chi bộ, chi bộ nào cũng có sổ ghi biên bản.", (12, None, "chi bộ")),
    ],
)
def test_a_unit_list_ends_before_a_repeated_unit(text, expected):
    assert expected in counts(text)


@pytest.mark.parametrize("text", [
    "Trong đợt 2/9 Huyện ủy Can Lộc trao Huy hiệu Đảng cho 24 đảng viên.",
    "Nhân dịp Quốc khánh 2/9 Đảng ủy xã trao Huy hiệu Đảng cho 24 đảng viên.",
])
def test_a_holiday_or_round_named_by_its_date_is_not_a_ratio(text):
    assert counts(text) == [(24, None, "đảng viên")]
