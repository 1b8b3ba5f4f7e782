"""Document references across codes, spellings and provinces."""
import pytest

from vnparty_nlp import analyze


def docs(text, **meta):
    return [(d.type, d.number, d.code) for d in analyze(text, **meta).documents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quán triệt Chỉ thị số 35-CT/TW của Bộ Chính trị.", ("chỉ thị", "35", "CT/TW")),
        ("Thực hiện Chỉ thị số 35- CT/TW về đại hội.", ("chỉ thị", "35", "CT/TW")),
        ("Thực hiện Chỉ thị số 35-CT/ TW về đại hội.", ("chỉ thị", "35", "CT/TW")),
        ("Theo Chỉ thị số: 45-CT/TW ngày 14/4/2025.", ("chỉ thị", "45", "CT/TW")),
        ("Thực hiện Quy định số 190-QĐ/TW về bầu cử.", ("quy định", "190", "QĐ/TW")),
        ("Tổng kết Kết luận số 79-KL/TW của Bộ Chính trị.", ("kết luận", "79", "KL/TW")),
        ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 về tổ chức cơ sở đảng.", ("nghị quyết", "21", "NQ/TW")),
        ("Nghị quyết số 05-NQ/TU của Tỉnh ủy Thái Nguyên.", ("nghị quyết", "05", "NQ/TU")),
        ("Hướng dẫn số 12-HD/BTGTW của Ban Tuyên giáo Trung ương.", ("hướng dẫn", "12", "HD/BTGTW")),
        ("Quyết định số 3917-QĐ/ĐUK ngày 20/3/2020.", ("quyết định", "3917", "QĐ/ĐUK")),
        ("Chương trình số 05-Ctr/ĐUK của Đảng ủy Khối.", ("chương trình", "05", "Ctr/ĐUK")),
        ("Công văn 858CV/ĐUK gửi các chi bộ.", ("công văn", "858", "CV/ĐUK")),
        ("Quyết định số 1234/QĐ-UBND của UBND tỉnh Nghệ An.", ("quyết định", "1234", "QĐ-UBND")),
        ("Nghị định 30/2020/NĐ-CP về công tác văn thư.", ("nghị định", "30", "2020/NĐ-CP")),
        ("Thông tư số 01/2011/TT-BNV hướng dẫn thể thức.", ("thông tư", "01", "2011/TT-BNV")),
        ("CHỈ THỊ SỐ 35-CT/TW VỀ ĐẠI HỘI ĐẢNG BỘ CÁC CẤP", ("chỉ thị", "35", "CT/TW")),
        ("Kế hoạch số 155, ngày 07/7/2019 của Thành ủy Hà Nội.", ("kế hoạch", "155", None)),
        ("Chỉ thị 05 của Bộ Chính trị về học tập và làm theo tư tưởng Hồ Chí Minh.", ("chỉ thị", "05", None)),
    ],
)
def test_citation_forms(text, expected):
    assert expected in docs(text)


def test_code_without_type_word_takes_type_from_code():
    assert docs("Các chi bộ tiếp tục thực hiện 35-CT/TW và 26-HD/BTCTW.") == [
        ("chỉ thị", "35", "CT/TW"), ("hướng dẫn", "26", "HD/BTCTW")]


def test_plenum_and_named_documents():
    found = docs("Gắn với Nghị quyết Trung ương 4 (khóa XII), Điều lệ Đảng và Nghị quyết Đại hội XIII.")
    assert ("nghị quyết", "12", None) not in found
    assert ("nghị quyết", "4", None) in found
    assert ("điều lệ", None, None) in found
    assert ("nghị quyết", None, None) in found


def test_generic_lowercase_words_are_not_documents():
    assert docs("Thực hiện kế hoạch của tỉnh, các cấp ủy chỉ đạo theo đúng quy định và hướng dẫn.") == []


def test_date_and_issuer_of_a_citation():
    record = analyze("Thực hiện Chỉ thị số 35-CT/TW, ngày 30-5-2019 của Bộ Chính trị về đại hội đảng bộ các cấp.")
    (d,) = record.documents
    assert (d.date, d.issuer, d.issuer_source) == ("2019-05-30", "Bộ Chính trị", "text")
    assert d.text == "Chỉ thị số 35-CT/TW"
    assert d.key == "35-CT/TW"


def test_issuer_from_code_when_text_names_none():
    (d,) = analyze("Triển khai Hướng dẫn số 02-HD/UBKTTW đến các chi bộ.").documents
    assert (d.issuer, d.issuer_source) == ("Ủy ban Kiểm tra Trung ương", "code")


def test_full_word_date_and_line_break_inside_citation():
    (d,) = analyze("Căn cứ Quyết định số 212-QĐ/ĐUK\nngày 14 tháng 8 năm 2019 của Đảng ủy Khối.").documents
    assert (d.code, d.date) == ("QĐ/ĐUK", "2019-08-14")
    assert d.issuer == "Đảng ủy Khối"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997 về thể thức văn bản.",
         ("Quyết định của Bộ Chính trị số 31-QĐ/TW", "quyết định", "31", "QĐ/TW", "1997-10-01", "Bộ Chính trị")),
        ("Luật Bầu cử đại biểu Quốc hội và đại biểu HĐND số 85/2015/QH13 quy định rõ.",
         ("Luật Bầu cử đại biểu Quốc hội và đại biểu HĐND số 85/2015/QH13", "luật", "85", "2015/QH13", None, None)),
        ("Nghị quyết Hội nghị lần thứ 5 BCH TW khóa XIII về đất đai.",
         ("Nghị quyết Hội nghị lần thứ 5 BCH TW khóa XIII", "nghị quyết", "5", None, None, "Trung ương")),
        ("Nghị quyết Số 01 - NQ/ĐUK của Đảng ủy Khối.",
         ("Nghị quyết Số 01 - NQ/ĐUK", "nghị quyết", "01", "NQ/ĐUK", None, "Đảng ủy Khối")),
        ("Thông tri số 25/TT-MTTW-BTT của Mặt trận Tổ quốc.",
         ("Thông tri số 25/TT-MTTW-BTT", "thông tri", "25", "TT-MTTW-BTT", None, "Mặt trận Tổ quốc")),
    ],
)
def test_older_word_orders_named_laws_and_plenums(text, expected):
    (d,) = analyze(text).documents
    assert (d.text, d.type, d.number, d.code, d.date, d.issuer) == expected


def _refs(text):
    from vnparty_nlp import analyze
    return [(d.type, d.number, d.code, d.issuer) for d in analyze(text).documents]


def test_codes_written_with_dots_lower_case_or_spaced_dashes():
    found = _refs("Thực hiện Quyết định số 2145/QĐ.TTg của Thủ tướng Chính phủ và chỉ thị số 12 – CT/TU của "
                  "Tỉnh ủy Phú Yên, Ban Thường vụ ban hành Qđi số 04-Qđi/HU.")
    assert ("quyết định", "2145", "QĐ-TTg", "Thủ tướng Chính phủ") in found
    assert ("chỉ thị", "12", "CT/TU", "Tỉnh ủy Phú Yên") in found


def test_lower_case_citations_without_so_share_the_issuer_named_after_the_list():
    found = _refs("Căn cứ quy định 109, quy định 30 của Ban Chấp hành Trung ương, Ủy ban Kiểm tra đã kết luận.")
    assert ("quy định", "109", None, "Ban Chấp hành Trung ương") in found
    assert ("quy định", "30", None, "Ban Chấp hành Trung ương") in found
    assert _refs("Theo quy định 3 tháng một lần, chi bộ sinh hoạt chuyên đề.") == []


def test_a_word_between_the_type_and_so_and_plenum_lists():
    from vnparty_nlp import analyze
    assert ("quyết định", "118", None, "Huyện ủy") in _refs("Huyện ủy ra Quyết định chuẩn y số 118 ngày 2/3/2021.")
    plenum = analyze("Quán triệt Nghị quyết Trung ương 5, 6 (khóa XIII) đến cán bộ, đảng viên.").documents[0]
    assert (plenum.plenum, plenum.term) == (["5", "6"], "XIII")


def test_issuers_end_where_the_body_ends_and_citations_survive_a_hard_line_break():
    from vnparty_nlp import analyze
    record = analyze("Thực hiện Chỉ thị số\n35-CT/TW ngày 30-5-2019 của Ban Bí thư, Huyện ủy Tủa Chùa ban hành kế hoạch.\n"
                     "Căn cứ Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức Trung ương\nMột số chi bộ chưa triển khai.")
    assert [(d.number, d.code, d.issuer) for d in record.documents] == [
        ("35", "CT/TW", "Ban Bí thư"), ("12", "HD/BTCTW", "Ban Tổ chức Trung ương")]


def test_numbers_grouped_in_thousands_stay_whole():
    """Provincial committees number their letters past 1,000 and write them grouped: ``1.234-CV/TU``."""
    assert docs("Theo Công văn số 1.234-CV/TU ngày 3-8-2021, các huyện ủy báo cáo trước ngày 15/8.") == [
        ("công văn", "1234", "CV/TU")]
    assert docs("Ban Thường vụ ban hành 2.150-QĐ/HU về kiện toàn Ban Chỉ đạo.") == [("quyết định", "2150", "QĐ/HU")]
    found = analyze("Thực hiện Quyết định số 1.017-QĐ/TU, toàn tỉnh có 1.500 đảng viên.")
    assert [d.text for d in found.documents] == ["Quyết định số 1.017-QĐ/TU"]
    assert [(c.value, c.unit) for c in found.counts] == [(1500, "đảng viên")]


def test_the_number_belongs_to_the_nearest_type_word_before_it():
    """A named document or a programme title before a citation does not swallow it."""
    record = analyze("Kiểm tra việc thực hiện Điều 36 Điều lệ Đảng và Quy định số 37-QĐ/TW về những điều đảng viên "
                     "không được làm tại Ban Thường vụ Huyện ủy Ba Tơ.")
    assert [(d.text, d.type, d.number, d.code) for d in record.documents] == [
        ("Điều 36 Điều lệ Đảng", "điều lệ", None, None), ("Quy định số 37-QĐ/TW", "quy định", "37", "QĐ/TW")]
    record = analyze("Hội nghị thông qua Chương trình hành động thực hiện Kết luận số 54-KL/TU ngày 12/5/2023 của BTV "
                     "Tỉnh ủy Nam Định.")
    assert [(d.text, d.type, d.date, d.issuer) for d in record.documents] == [
        ("Kết luận số 54-KL/TU", "kết luận", "2023-05-12", "BTV Tỉnh ủy Nam Định")]
    (law,) = analyze("Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 quy định rõ.").documents
    assert (law.type, law.number, law.code) == ("luật", "80", "2015/QH13")
    (charter,) = analyze("Theo Điều 8 của Điều lệ Đảng, đảng viên phải sinh hoạt tại một chi bộ.").documents
    assert charter.text == "Điều 8 của Điều lệ Đảng"


def test_issuer_after_a_date_without_year_and_issuers_ending_in_a_level():
    found = _refs("Quyết định số 2136-QĐNS/TW ngày 20/5 của Bộ Chính trị về việc điều động cán bộ.")
    assert found == [("quyết định", "2136", "QĐNS/TW", "Bộ Chính trị")]
    found = _refs("Thực hiện Kế hoạch số 12-KH/TU ngày 3-4 của Ban Thường vụ Tỉnh ủy, huyện đã triển khai.")
    assert found == [("kế hoạch", "12", "KH/TU", "Ban Thường vụ Tỉnh ủy")]
    found = _refs("Theo Nghị quyết số 09-NQ/HU ngày 10-8-2021 của BCH Đảng bộ huyện, huyện phấn đấu giảm nghèo.")
    assert found == [("nghị quyết", "09", "NQ/HU", "BCH Đảng bộ huyện")]
    found = _refs("Căn cứ Quyết định số 1234/QĐ-UBND ngày 5/6/2020 của UBND tỉnh về việc thành lập ban chỉ đạo.")
    assert found == [("quyết định", "1234", "QĐ-UBND", "UBND tỉnh")]
    found = _refs("Theo Hướng dẫn số 12-HD/BTCTW, ngày 6/7/2018 của Ban Tổ chức Trung ương Một số vấn đề về sinh hoạt.")
    assert found == [("hướng dẫn", "12", "HD/BTCTW", "Ban Tổ chức Trung ương")]


def test_date_and_issuer_stated_before_the_document():
    (d,) = analyze("Ngày 01/12/2016, Ban Thường vụ Tỉnh ủy tiếp tục ban hành Công văn số 493 -CV/TU về việc "
                   "bổ sung nội dung sinh hoạt chi bộ.").documents
    assert (d.text, d.date, d.issuer, d.issuer_source) == ("Công văn số 493 -CV/TU", "2016-12-01",
                                                           "Ban Thường vụ Tỉnh ủy", "text")
    (d,) = analyze("Ngày 15 tháng 3 năm 2022, UBND tỉnh Lào Cai đã ban hành Quyết định số 512/QĐ-UBND về phê "
                   "duyệt đề án.").documents
    assert (d.date, d.issuer) == ("2022-03-15", "UBND tỉnh Lào Cai")
    (d,) = analyze("Ngày 6/8, Ban Thường vụ Huyện ủy Văn Yên đã ban hành Chỉ thị số 17 về công tác dân vận.").documents
    assert (d.date, d.issuer) == (None, "Ban Thường vụ Huyện ủy Văn Yên")
    (d,) = analyze("Ngày 2/3/2021, Huyện ủy tổ chức hội nghị triển khai Chỉ thị số 17 về công tác dân vận.").documents
    assert (d.date, d.issuer) == (None, None)


def test_a_plenum_resolution_of_several_terms_keeps_them_all():
    from vnparty_nlp import analyze
    docs = analyze("Chi bộ học tập Nghị quyết Trung ương 4 (khóa XI, XII) về xây dựng Đảng.").documents
    assert [(d.text, d.plenum, d.term) for d in docs] == [("Nghị quyết Trung ương 4 (khóa XI, XII)", ["4"], "XI, XII")]
    docs = analyze("Gắn với thực hiện Nghị quyết Trung ương 4 khóa XI và XII, đảng viên tự kiểm điểm.").documents
    assert [(d.text, d.term) for d in docs] == [("Nghị quyết Trung ương 4 khóa XI và XII", "XI và XII")]
