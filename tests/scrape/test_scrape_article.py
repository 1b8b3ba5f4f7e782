"""Article extraction on the fixture sites, fetched from the local server like real pages."""
from __future__ import annotations

import re

import pytest
from scrape_support import EXPECTED, SITES, SiteServer

from vnparty_nlp.scrape import Article, Fetcher, parse_article
from vnparty_nlp.scrape.blocks import normalize_ws

DIEN_BIEN = "/tapchi/Home/Dang-bo-dia-phuong/2020/13123/Dien-Bien-Hoan-thanh-chi-dao-dai-hoi-diem-cap-co-so.aspx"
NINH_GIANG = "/portal/chinh-tri/nhung-kinh-nghiem-rut-ra-tu-dai-hoi-diem-dang-bo-co-so-1436.html"

FURNITURE = [
    "Ý KIẾN BẠN ĐỌC", "Họ và tên", "Mã bảo vệ", "Ý kiến của bạn", "Bài cùng chuyên mục", "Các bài liên quan",
    "Quay lại", "Xem tiếp", "GIỚI THIỆU TẠP CHÍ IN", "VIDEO CLIPS", "VĂN BẢN MỚI", "BỘ PHẬN MỘT CỬA",
    "LIÊN KẾT WEBSITE", "Truyền thanh", "Tra cứu tạp chí in", "Trang chủ", "Bản quyền", "Số 5 - 2022",
]


def seed_body(name: str, start: int, stop_prefix: str) -> list[str]:
    """The body paragraphs of a seed text: from line ``start`` to the byline/credit line."""
    lines = (SITES / "seeds" / name).read_text("utf-8").split("\n")
    end = next(i for i, ln in enumerate(lines) if ln.strip().startswith(stop_prefix))
    return [normalize_ws(ln) for ln in lines[start:end] if ln.strip()]


def get(fetcher: Fetcher, server: SiteServer, path: str) -> Article:
    page = fetcher.fetch(server.url(path))
    return parse_article(page.text, page.final_url)


def test_dien_bien_seed(server: SiteServer, fetcher: Fetcher) -> None:
    art = get(fetcher, server, DIEN_BIEN)
    assert art.title == "Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở"
    assert art.published == "2020-05-21T17:30"
    assert art.author == "Phong Lâm"
    assert art.section == "Thực hiện Nghị quyết Đại hội XIII"
    assert art.layout == "party-magazine"
    assert [normalize_ws(p) for p in art.paragraphs] == seed_body("dien-bien-dai-hoi-diem-2020.txt", 3, "Phong Lâm")
    assert art.text == "\n\n".join(art.paragraphs)
    assert art.canonical_url == server.url(DIEN_BIEN)
    assert art.site == "127.0.0.1"


def test_ninh_giang_seed(server: SiteServer, fetcher: Fetcher) -> None:
    art = get(fetcher, server, NINH_GIANG)
    assert art.title == "Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở"
    assert art.author is None
    assert art.credit == "T/h: Đài phát thanh huyện."
    assert art.published is None  # the page prints no date; the related links' dates are not it
    assert [normalize_ws(p) for p in art.paragraphs] == seed_body("ninh-giang-dai-hoi-diem-2020.txt", 2, "T/h:")


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_every_fixture_article(server: SiteServer, fetcher: Fetcher, path: str) -> None:
    want = EXPECTED[path]
    art = get(fetcher, server, path)
    got = [normalize_ws(p) for p in art.paragraphs]
    expected = [normalize_ws(p) for p in want["paragraphs"]]
    if want.get("partial"):  # a page cut in the middle: what arrived is kept
        assert got[: len(expected)] == expected and len(got) == len(expected) + 1
    else:
        assert got == expected
    assert (art.title, art.published, art.author, art.layout) == (
        want["title"], want["published"], want["author"], want["layout"])
    text = art.text + " " + (art.title or "")
    for junk in FURNITURE:
        assert junk not in text, junk
    assert not re.search(r"\(\d{2}/\d{2}/\d{4}\)$", art.text)  # no dated related links


def test_encodings_give_the_same_nfc_text(server: SiteServer, fetcher: Fetcher) -> None:
    arts = {name: get(fetcher, server, f"/legacy/{name}.html") for name in ("cp1258", "tcvn3", "vni", "nfd")}
    texts = {a.text for a in arts.values()}
    titles = {a.title for a in arts.values()}
    assert len(texts) == 1 and len(titles) == 1
    import unicodedata
    assert unicodedata.is_normalized("NFC", texts.pop())
    assert {a.published for a in arts.values()} == {"2020-05-21T17:30"}


def test_malformed_html_does_not_break_extraction() -> None:
    for html in ("", "<html><body><p>", "<div><p>Đoạn một<div><p>Đoạn hai", "\x00garbage<<<>>>"):
        art = parse_article(html, "http://example.gov.vn/a.html")
        assert isinstance(art.paragraphs, list)


def test_to_dict_round_trip(server: SiteServer, fetcher: Fetcher) -> None:
    art = get(fetcher, server, DIEN_BIEN)
    data = art.to_dict()
    assert set(data) >= {"url", "canonical_url", "site", "title", "published", "author", "paragraphs", "text"}
    assert Article.from_dict(data) == art


def test_fetch_command_prints_json(server: SiteServer, capsys, caplog) -> None:
    import json

    from vnparty_nlp.scrape.commands import fetch_command
    from vnparty_nlp.scrape.fetch import FetchConfig

    rc = fetch_command(server.url(DIEN_BIEN), 0.0, config=FetchConfig(delay=0.0))
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["author"] == "Phong Lâm" and data["published"] == "2020-05-21T17:30"
    assert fetch_command(server.url("/faults/report.pdf"), 0.0, config=FetchConfig(delay=0.0)) == 1
    assert "not a web page" in caplog.text
