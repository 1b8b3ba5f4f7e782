"""Dates in the pages' own formats, bylines, URL normalization."""
from __future__ import annotations

import pytest

from vnparty_nlp.scrape.byline import split_byline
from vnparty_nlp.scrape.dates import parse_date
from vnparty_nlp.scrape.urls import normalize_url, resolve


@pytest.mark.parametrize(("text", "iso"), [
    ("17:30' 21/5/2020", "2020-05-21T17:30"),
    ("Thứ Năm, 21/05/2020 17:30", "2020-05-21T17:30"),
    ("Thứ Năm, 21/05/2020 17:30 (GMT+7)", "2020-05-21T17:30"),
    ("(09/03/2020)", "2020-03-09"),
    ("13:15 - 25/12/2020", "2020-12-25T13:15"),
    ("13/10/2020, 20:57", "2020-10-13T20:57"),
    ("2020-05-21T17:30:00+07:00", "2020-05-21T17:30"),
    ("Cập nhật ngày 21 tháng 5 năm 2020", "2020-05-21"),
    ("nhiệm kỳ 2020-2025", None),
    ("31/02/2020", None),
    ("", None),
])
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(("line", "author", "credit"), [
    ("Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên", "Phong Lâm", None),
    ("T/h: Đài phát thanh huyện.", None, "T/h: Đài phát thanh huyện."),
    ("Theo Báo Quảng Ninh", None, "Theo Báo Quảng Ninh"),
    ("Thu Hà (Ban Tuyên giáo Tỉnh ủy Nghệ An)", "Thu Hà", None),
    ("PHẠM HÙNG", "Phạm Hùng", None),
    ("Nguyễn Thị Lan", "Nguyễn Thị Lan", None),
    ("Bài và ảnh: Minh Tuấn", "Minh Tuấn", None),
])
def test_bylines(line: str, author: str | None, credit: str | None) -> None:
    paras, by = split_byline(["Đoạn văn bản.", line])
    assert paras == ["Đoạn văn bản."]
    assert (by.author, by.credit) == (author, credit)


def test_byline_on_two_lines() -> None:
    paras, by = split_byline(["Đoạn văn bản.", "Phong Lâm", "Ban Tổ chức Tỉnh ủy Điện Biên"])
    assert paras == ["Đoạn văn bản."] and by.author == "Phong Lâm"


@pytest.mark.parametrize("line", [
    "Đại hội điểm Đảng bộ xã Mường Toong (Mường Nhé) lần thứ XXI nhiệm kỳ 2020-2025.",
    "Theo kế hoạch, đại hội sẽ diễn ra vào tháng 8.",
    "Huyện Ninh Giang tổ chức Hội nghị",
])
def test_body_lines_are_not_bylines(line: str) -> None:
    paras, by = split_byline(["Đoạn văn bản.", line])
    assert paras[-1] == line and by.author is None and by.credit is None


def test_urls() -> None:
    assert normalize_url("HTTP://Example.GOV.vn:80/a?utm_source=x&id=3#top") == "http://example.gov.vn/a?id=3"
    assert resolve("http://h/x/y.html", "../z.html") == "http://h/z.html"
    assert resolve("http://h/", "javascript:history.back()") is None
    assert resolve("http://h/", "#top") is None


# --- language knowledge and metadata pieces -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("Thứ Tư, 08/04/2015, 08:11", "2015-04-08T08:11"),
    ("thứ tư - 08/04/2015 08:11", "2015-04-08T08:11"),
    ("Cập nhật: 08/04/2015 08:11 (GMT+7)", "2015-04-08T08:11"),
    ("ngày 8 tháng 4 năm 2015", "2015-04-08"),
    ("Ngày 08 tháng Tư năm 2015", "2015-04-08"),
    ("08:11 sáng thứ tư, 8/4/2015", "2015-04-08T08:11"),
    ("2015-04-08T01:11:00Z", "2015-04-08T08:11"),
    ("2015-04-08T08:11:00+07:00", "2015-04-08T08:11"),
    ("2015-04-07T21:11:00-04:00", "2015-04-08T08:11"),
])
def test_lang_dateline_forms(text: str, iso: str) -> None:
    from vnparty_nlp.lang import parse_date as lang_parse_date
    assert lang_parse_date(text) == iso


def test_dateline_rest_tells_datelines_from_prose() -> None:
    from vnparty_nlp.lang import dateline_rest
    assert dateline_rest("Thứ Tư, 08/04/2015, 08:11 (GMT+7)") == ""
    assert dateline_rest("Ngày 8/4/2015, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết công tác").count(" ") > 5


def test_furniture_dates_are_never_published() -> None:
    """Header "today", copyright years, licence dates and dated related links give no date."""
    from vnparty_nlp.scrape import parse_article
    html = ("<html><body><div id='header'>Thứ Tư, ngày 02/12/2026</div><p>Hôm nay: 02/12/2026</p>"
            "<h1>Huyện Tân Yên tổng kết công tác dân vận năm 2015</h1>"
            "<div class='content'><p>" + "Công tác dân vận của huyện đạt nhiều kết quả, nhân dân đồng thuận. " * 5
            + "</p></div><ul><li><a href='#'>Tin cũ một</a> (03/04/2015)</li><li><a href='#'>Tin cũ hai</a> "
            "(01/04/2015)</li></ul><div>© Bản quyền 2012 - 2026. Giấy phép số 27/GP ngày 15/3/2012</div></body></html>")
    art = parse_article(html, "http://example.vn/a.html")
    assert art.title == "Huyện Tân Yên tổng kết công tác dân vận năm 2015"
    assert art.published is None


def test_top_byline_needs_evidence() -> None:
    from vnparty_nlp.scrape.byline import split_top_byline
    paras = ["TS. LÊ THỊ HOA", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "Đoạn thứ nhất của bài viết."]
    assert split_top_byline(paras) == (["Đoạn thứ nhất của bài viết."], "Lê Thị Hoa")
    plain = ["Hà Nội", "Đoạn thứ nhất."]
    assert split_top_byline(plain) == (plain, None)
    assert split_byline(["Đoạn văn.", "Nguyễn Văn Thành"])[1].author == "Nguyễn Văn Thành"
