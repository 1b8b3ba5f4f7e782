"""Metadata and body on ten CMS layouts (make_layouts.py), fetched from the local server like real pages.

Each page carries the furniture real ones do: a "today" date and a banner in the header, dated
related links and documents, copyright years and licence dates, furniture longer than the body; some
are typed in TCVN3 or VNI or served in NFD.  Title, date and author must be right on every one.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from scrape_support import LAYOUT_EXPECTED, SITES, SiteServer

from vnparty_nlp.scrape import Article, Fetcher, parse_article

WORD = re.compile(r"\w+")
FURNITURE = ["Trang chủ", "VĂN BẢN MỚI", "LIÊN KẾT WEBSITE", "Lượt truy cập", "Bản quyền", "Giấy phép",
             "Thăm dò ý kiến", "Hội nghị sơ kết công tác tuyên giáo", "Kế hoạch số 45-KH/HU", "02/12/2026"]


def word_f1(got: str, want: str) -> float:
    g = Counter(WORD.findall(unicodedata.normalize("NFC", got).lower()))
    w = Counter(WORD.findall(unicodedata.normalize("NFC", want).lower()))
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * p * r / (p + r)


def get(fetcher: Fetcher, server: SiteServer, path: str) -> Article:
    page = fetcher.fetch(server.url(path))
    return parse_article(page.text, page.final_url)


def test_the_fixtures_are_as_messy_as_real_pages() -> None:
    """Furniture two to four times the body (or more), on at least eight layouts."""
    assert len({w["layout"] for w in LAYOUT_EXPECTED.values()}) >= 8
    for path, want in LAYOUT_EXPECTED.items():
        if want["layout"] == "print":
            continue  # a print view is the article with a thin header and footer
        page = (SITES / path.lstrip("/")).read_bytes()
        text = re.sub(rb"<script.*?</script>|<[^>]+>", b" ", page, flags=re.S)
        body = sum(len(p.encode()) for p in want["paragraphs"])
        assert len(text) > 2 * body, want["layout"]


@pytest.mark.parametrize("path", sorted(LAYOUT_EXPECTED), ids=lambda p: LAYOUT_EXPECTED[p]["layout"])
def test_metadata_and_body_on_every_layout(server: SiteServer, fetcher: Fetcher, path: str) -> None:
    want = LAYOUT_EXPECTED[path]
    art = get(fetcher, server, path)
    assert art.title == want["title"]
    assert art.published == want["published"], art.metadata_sources
    assert art.author == want["author"], art.metadata_sources
    assert word_f1(art.text, "\n".join(want["paragraphs"])) >= 0.95
    assert art.language == "vi"
    assert unicodedata.is_normalized("NFC", art.text + (art.title or ""))
    for junk in FURNITURE:
        assert junk not in art.text, junk
    if want["tags"]:
        assert art.tags == want["tags"]
    if want["lead"]:
        assert art.lead == want["lead"]


def test_structured_data_fields(server: SiteServer, fetcher: Fetcher) -> None:
    """WordPress JSON-LD: UTC times to Vietnam time, modified, section, tags, canonical, language."""
    path = next(p for p, w in LAYOUT_EXPECTED.items() if w["layout"] == "wordpress")
    art = get(fetcher, server, path)
    assert art.published == "2019-03-26T15:40" and art.modified == "2019-03-27T09:15"
    assert art.section == "Tin địa phương"
    assert art.canonical_url == "https://hoian.example.vn/doi-thoai-thanh-nien/"
    assert art.metadata_sources["published"] == "structured"


def test_visible_datelines_beat_header_dates(server: SiteServer, fetcher: Fetcher) -> None:
    """Pages without structured dates: the dateline after the title, never the header's "today" (2026)."""
    for layout in ("nukeviet", "liferay", "webforms", "magazine", "vni", "district", "frontpage", "print"):
        path = next(p for p, w in LAYOUT_EXPECTED.items() if w["layout"] == layout)
        art = get(fetcher, server, path)
        assert art.metadata_sources["published"].startswith("dateline"), layout
        assert not art.published.startswith("2026"), layout


def test_top_and_closing_bylines_leave_the_body(server: SiteServer, fetcher: Fetcher) -> None:
    by_layout = {w["layout"]: p for p, w in LAYOUT_EXPECTED.items()}
    magazine = get(fetcher, server, by_layout["magazine"])
    assert magazine.author == "Đinh Văn Toàn" and "PGS" not in magazine.text and "Học viện Chính trị" not in magazine.text
    nukeviet = get(fetcher, server, by_layout["nukeviet"])
    assert "HOÀNG MINH TUẤN" not in nukeviet.text
    district = get(fetcher, server, by_layout["district"])
    assert "Trung tâm VH-TT" not in district.text
