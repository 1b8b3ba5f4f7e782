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
    assert [(p.name, p.title) for p in muong_la.people] == [("Lò Minh Hùng", "Phó Bí thư Thường trực Huyện ủy")]


def test_prose_shortcomings_stop_at_causes(tan_lap):
    assert [s.text for s in tan_lap.shortcomings] == [
        "Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao, nội dung còn đơn điệu.",
        "Công tác phát triển đảng viên trong đồng bào dân tộc thiểu số còn gặp khó khăn."]


def test_people_counts_and_congress_subject(tan_lap):
    assert [p.name for p in tan_lap.people][:2] == ["Nguyễn Văn Lợi", "Trần Tuệ Hiền"]
    counts = {(c.value, c.total, c.unit) for c in tan_lap.counts}
    assert {(15, 17, "chỉ tiêu"), (45, None, "đảng viên mới"), (1, None, "đại biểu dự khuyết")} <= counts
    first = tan_lap.congresses[0]
    assert (first.organization, first.number, first.term_start) == ("Đảng bộ xã Tân Lập", 16, 2020)
