"""Two hand-made articles as messy as real pages: breadcrumbs, ALL-CAPS titles, labelled timestamps,
hard line breaks, stray spaces in codes, dates without years, comma lists, related-links furniture."""
from pathlib import Path

import pytest

from vnparty_nlp import analyze

GENRE = Path(__file__).resolve().parent.parent / "fixtures" / "genre"


@pytest.fixture(scope="module")
def muong_la():
    return analyze((GENRE / "muong-la-dai-hoi-diem.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tan_lap():
    return analyze((GENRE / "tan-lap-dai-hoi.txt").read_text(encoding="utf-8"))


def test_layout_skips_breadcrumb_and_reads_labelled_timestamp(muong_la):
    assert muong_la.title == "HUYỆN UỶ MƯỜNG LA TỔNG KẾT ĐẠI HỘI ĐIỂM CẤP CƠ SỞ"
    assert muong_la.published == "2020-04-25T13:15"
    assert muong_la.author == "Minh Thu"
    assert "Tin liên quan" not in muong_la.text


def test_dates_without_year_take_the_report_year_not_the_citation_year(muong_la):
    values = {(d.text, d.value, d.end) for d in muong_la.dates}
    assert ("Sáng 24.4", "2020-04-24", None) in values
    assert ("từ ngày 6 đến ngày 18/3", "2020-03-06", "2020-03-18") in values
    assert not any(v.startswith("2020-01-12") for _, v, _ in values)  # a related link's date


def test_stray_space_code_and_issuer(muong_la):
    keys = {(d.key, d.issuer) for d in muong_la.documents}
    assert keys == {("35-CT/TW", "Bộ Chính trị"), ("120-KH/TU", "Ban Thường vụ Tỉnh ủy Sơn La")}


def test_comma_list_and_all_caps_person(muong_la):
    assert [s.text for s in muong_la.shortcomings] == [
        "công tác chuẩn bị văn kiện ở 1 đơn vị còn chậm", "chất lượng thảo luận chưa cao",
        "việc bố trí thời gian đại hội chưa hợp lý"]
    assert [(p.normalized_name, p.title) for p in muong_la.people] == [("Lò Minh Hùng", "Phó Bí thư Thường trực Huyện ủy")]


def test_prose_shortcomings_stop_at_causes(tan_lap):
    assert [s.text for s in tan_lap.shortcomings] == [
        "Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao, nội dung còn đơn điệu",
        "Công tác phát triển đảng viên trong đồng bào dân tộc thiểu số còn gặp khó khăn"]


def test_people_counts_and_congress_subject(tan_lap):
    assert [p.name for p in tan_lap.people][:2] == ["Nguyễn Văn Lợi", "Trần Tuệ Hiền"]
    counts = {(c.value, c.total, c.unit) for c in tan_lap.counts}
    assert {(15, 17, "chỉ tiêu"), (45, None, "đảng viên mới"), (1, None, "đại biểu dự khuyết")} <= counts
    first = tan_lap.congresses[0]
    assert (first.organization, first.number, first.term_start) == ("Đảng bộ xã Tân Lập", 16, 2020)


def test_plus_bullets_weekday_dateline_and_chained_titles():
    record = analyze((GENRE / "yen-bai-kiem-tra.txt").read_text(encoding="utf-8"))
    assert record.published == "2020-05-21T17:30"
    assert record.title.startswith("UỶ BAN KIỂM TRA TỈNH ỦY YÊN BÁI")
    assert [s.text for s in record.shortcomings] == [
        "Việc lập hồ sơ kết nạp đảng viên ở một số chi bộ chưa đúng quy trình",
        "Một số chi bộ chưa thực hiện nghiêm chế độ sinh hoạt định kỳ",
        "Công tác thu, nộp đảng phí còn chậm"]
    assert [(p.name, p.title) for p in record.people] == [
        ("Đỗ Đức Duy", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh")]
    assert {(d.type, d.number, d.code) for d in record.documents} == {("quy định", "30", "QĐ/TW"), ("chỉ thị", "35", None)}
    assert {"UỶ BAN KIỂM TRA TỈNH ỦY YÊN BÁI", "Thường trực Tỉnh ủy", "Đảng ủy Khối Doanh nghiệp tỉnh"} <= {
        o.text for o in record.organizations}
    assert ("ngày 15/6", "2020-06-15") in {(d.text, d.value) for d in record.dates}


def test_nfd_copy_of_a_fixture_gives_the_same_facts(muong_la):
    import unicodedata

    nfd = unicodedata.normalize("NFD", (GENRE / "muong-la-dai-hoi-diem.txt").read_text(encoding="utf-8"))
    record = analyze(nfd)
    assert [d.value for d in record.dates] == [d.value for d in muong_la.dates]
    assert [(c.value, unicodedata.normalize("NFC", c.unit)) for c in record.counts] == [
        (c.value, c.unit) for c in muong_la.counts]
    assert all(nfd[f.start:f.stop] == f.text for f in record.all_facts())
