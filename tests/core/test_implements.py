"""Implementation relations from the genre's phrasing, on the seeds and on sentences from many kinds of issuer."""
import pytest

from vnparty_nlp import analyze
from vnparty_nlp.corpus import iter_corpus


def relations(text, published=None):
    return {(f.source or f"[{f.body}]", f.relation, f.target, f.target_status, f.target_id)
            for f in analyze(text, published=published).implements}


def test_dien_bien_chain_is_resolved_to_the_2019_directive():
    article = next(a for a in iter_corpus() if a.path.stem == "dien-bien-dai-hoi-diem-2020")
    record = analyze(article.text, **article.analyze_kwargs)
    by_source = {(f.source, f.target): f for f in record.implements}
    assert by_source[("79-KH/TU", "35-CT/TW")].target_id == "35-CT/TW@2019-05-30"
    assert by_source[("79-KH/TU", "26-HD/BTCTW")].target_id == "26-HD/BTCTW@2019-10-18"
    plan = by_source[("79-KH/TU", "35-CT/TW")]
    assert plan.source_id == "79-KH/TU@Điện Biên@2019-08-14" and plan.province == "Điện Biên"
    assert plan.body == "BCH Tỉnh ủy Điện Biên" and plan.cue == "Thực hiện"
    assert record.text[plan.start:plan.stop] == plan.text and "Kế hoạch số 79-KH/TU" in plan.text
    assert by_source[(None, "79-KH/TU")].body == "Tỉnh ủy Điện Biên"
    assert not any(f.target_id == "35-CT/TW@2024-06-14" for f in record.implements)


@pytest.mark.parametrize("text, published, expected", [
    ("Căn cứ Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ, UBND tỉnh Hà Giang đã ban hành "
     "Kế hoạch số 245/KH-UBND ngày 20/9/2016 về xây dựng nông thôn mới.", "2017-01-05",
     ("245/KH-UBND", "based_on", "1600/QĐ-TTg", "resolved", "1600/QĐ-TTg@2016-08-16")),
    ("Ngày 12/7/2019, Ban Thường vụ Tỉnh ủy Lai Châu ban hành Kế hoạch số 120-KH/TU để triển khai thực hiện "
     "Chỉ thị số 35-CT/TW của Bộ Chính trị.", "2019-08-01",
     ("120-KH/TU", "implements", "35-CT/TW", "resolved", "35-CT/TW@2019-05-30")),
    ("Cụ thể hóa Nghị quyết Trung ương 4 (khóa XII), Huyện ủy Quế Sơn ban hành Chương trình hành động số "
     "12-CTr/HU ngày 5/1/2017.", None, ("12-CTr/HU", "implements", "04-NQ/TW", "resolved", "04-NQ/TW@2016-10-30")),
    ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội "
     "đại biểu toàn quốc lần thứ XIV của Đảng, Ban Thường vụ Tỉnh ủy Nghệ An ban hành Kế hoạch số 301-KH/TU ngày "
     "5/7/2024.", "2024-09-01", ("301-KH/TU", "implements", "35-CT/TW", "resolved", "35-CT/TW@2024-06-14")),
    ("Kế hoạch số 25-KH/TU ngày 30/11/2016 của Ban Thường vụ Tỉnh ủy Yên Bái thực hiện Kết luận số 100-KL/TW "
     "ngày 18/8/2014 của Ban Bí thư.", None, ("25-KH/TU", "implements", "100-KL/TW", "dated", "100-KL/TW@2014-08-18")),
    ("Quán triệt Chỉ thị 35- CT/ TW của Bộ Chính trị và Kế hoạch số 45-KH/HU ngày 3/9/2019 của Huyện ủy Mường Chà, "
     "Đảng ủy xã Sa Lông đã tổ chức đại hội điểm.", "2020-03-10",
     ("45-KH/HU", "applies", "35-CT/TW", "resolved", "35-CT/TW@2019-05-30")),
    ("Theo tinh thần Quy định 213-QĐ/TW của Bộ Chính trị, Đảng ủy phường Tân Lập đã chỉ đạo các chi bộ.", "2020-06-01",
     ("[Đảng ủy phường Tân Lập]", "applies", "213-QĐ/TW", "resolved", "213-QĐ/TW@2020-01-02")),
    ("Căn cứ quy định 102, quy định 07 của Bộ chính trị về xử lý kỷ luật, UBKT Huyện ủy Nghĩa Hành quyết định "
     "kiểm điểm 07 đảng viên.", "2019-05-15",
     ("[UBKT Huyện ủy Nghĩa Hành]", "based_on", "07-QĐi/TW", "resolved", "07-QĐi/TW@2018-08-28")),
    ("Trên cơ sở Thông tư số 08/2019/TT-BNV của Bộ Nội vụ, Sở Nội vụ tỉnh Sóc Trăng đã tham mưu xây dựng đề án.",
     None, ("[Sở Nội vụ tỉnh Sóc Trăng]", "based_on", "08/2019/TT-BNV", "unresolved", None)),
])
def test_relations_in_sentences_of_the_genre(text, published, expected):
    assert expected in relations(text, published)


def test_citations_that_must_not_resolve():
    unknown = relations("Thực hiện Kết luận số 999-KL/TW của Ban Bí thư, các cấp ủy đã tổ chức quán triệt.", "2023-01-01")
    assert {(r[2], r[3], r[4]) for r in unknown} == {("999-KL/TW", "unresolved", None)}
    ambiguous = relations("Thực hiện Chỉ thị số 35 của Bộ Chính trị, Thành ủy Cần Thơ đã ban hành Kế hoạch số 88-KH/THU.")
    assert {(r[0], r[2], r[3], r[4]) for r in ambiguous} == {("88-KH/THU", "chỉ thị 35", "ambiguous", None)}
    assert relations("Thực hiện Hướng dẫn 01-HD/TW của Ban Bí thư, chi bộ đã kiểm điểm.").pop()[3] == "ambiguous"
    too_early = relations("Thực hiện Chỉ thị 35-CT/TW của Bộ Chính trị, tỉnh đã tổ chức hội nghị.", "2018-03-01")
    assert too_early.pop()[3] == "unresolved"


def test_no_relation_without_the_phrasing_or_without_a_numbered_document():
    assert not relations("Đồng chí Bí thư phát biểu tại hội nghị về tình hình kinh tế - xã hội của tỉnh năm 2019.")
    assert not relations("Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị có nhiều điểm mới.")
    assert not relations("Thực hiện kế hoạch của tỉnh, 14/14 đảng ủy trực thuộc đã xây dựng kế hoạch.")
    assert not relations("Các chi bộ tổ chức đại hội theo đúng quy định của Điều lệ Đảng.")


def test_a_document_issued_by_the_sentence_cannot_implement_a_later_one():
    got = relations("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU ngày 2/1/2015 để thực hiện Kết luận số "
                    "21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương.")
    assert not any(r[0] == "12-KH/TU" for r in got)


def test_hard_line_break_before_the_number_and_spans_index_the_text():
    text = ("Thực hiện Chỉ thị số\n35-CT/TW, ngày 30/5/2019 của Bộ Chính trị; Kế hoạch số 154-KH/TU, ngày 07/10/2019 "
            "của Ban Chấp hành Đảng bộ tỉnh Tây Ninh, các chi bộ đã tổ chức đại hội.")
    record = analyze(text, published="2020-03-01")
    got = {(f.source, f.target_id) for f in record.implements}
    assert ("154-KH/TU", "35-CT/TW@2019-05-30") in got
    for f in record.implements:
        assert record.text[f.start:f.stop] == f.text
    assert all(isinstance(d, dict) and d["span"] for d in record.to_dict()["implements"])


def test_run_on_text_gives_one_relation_per_citation_with_short_evidence():
    unit = ("Thực hiện Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị; Kế hoạch số 79-KH/TU của Tỉnh ủy Điện "
            "Biên, Tỉnh ủy Điện Biên đã triển khai, ")
    record = analyze(unit * 400 + "các chi bộ đã tổ chức đại hội.", published="2020-01-01")
    pairs = [f for f in record.implements if f.source == "79-KH/TU"]
    assert len(pairs) == 400 and {f.target_id for f in pairs} == {"35-CT/TW@2019-05-30"}
    assert max(len(f.text) for f in record.implements) < 400  # a clause, not the 50 KB "sentence"
    assert all(record.text[f.start:f.stop] == f.text for f in record.implements)
