"""Hostile queries, filters and records (issue 13): a documented error or the right answer, never a raw one."""
from __future__ import annotations

import logging
import sys

import pytest

from vnparty_nlp.archive import Archive, QueryError
from vnparty_nlp.archive.store import MAX_FILTER_VALUES
from vnparty_nlp.pipeline import analyze
from vnparty_nlp.scrape.article import parse_article


@pytest.fixture(scope="module")
def accelerated(tmp_path_factory, corpus_records):
    path = tmp_path_factory.mktemp("accel13") / "a.sqlite"
    with Archive(path) as archive:
        archive.add(corpus_records)
        archive.build_accelerator()
    return path


@pytest.mark.parametrize("bad", ["2020-13-45", "2020-02-30", "2020-06-30garbage", 20200101, "20200101",
                                 "2020-6", "0000", True, 2020.5])
@pytest.mark.parametrize("name", ["published_from", "published_to", "mentions_from"])
def test_bad_dates_are_rejected(archive, name, bad):
    with pytest.raises(ValueError, match="is not a date"):
        archive.search(**{name: bad})


def test_good_dates_of_every_precision(archive):
    year = set(archive.ids(published_from=2020, published_to="2020"))
    days = set(archive.ids(published_from="2020-01-01", published_to="2020-12-31"))
    assert year == days and year
    assert set(archive.ids(published_from="2020-02", published_to="2020-02-29")) <= year


def test_deeply_nested_parentheses_are_a_query_error(archive):
    query = "(" * 400 + "đảng" + ")" * 400
    assert len(query) == 804
    with pytest.raises(QueryError, match="nests groups"):
        archive.search(query)
    assert archive.search("((đại hội) OR (hội nghị)) -điểm")  # reasonable nesting still works


@pytest.mark.parametrize("filters", [
    {"province": 123}, {"province": ["Điện Biên", 4.5]}, {"site": 7}, {"has": [None, 3]},
    {"ids": ["mười"]}, {"ids": [1.5]}, {"organization": "huyện ủy \ud800"}, {"cites": "35-CT/TW\udcff"},
])
def test_bad_filter_values_are_value_errors(archive, filters):
    with pytest.raises(ValueError):
        archive.search("đại hội", **filters)


def test_a_lone_surrogate_in_a_query_is_a_query_error(archive):
    with pytest.raises(QueryError, match="surrogate"):
        archive.search('"đại hội \udc80"')


def test_huge_ids_and_limits_match_nothing_or_everything(archive):
    assert archive.search(ids=[2**70]) == []
    assert archive.ids(ids=[2**70, -1]) == []
    everything = archive.search(limit=2**70)
    assert len(everything) == len(archive)
    assert archive.search("đảng", offset=2**70) == []
    with pytest.raises(ValueError, match="limit"):
        archive.search("đảng", limit="10")


def test_many_ids_in_one_filter(archive):
    ids = list(range(1, 50_001))  # past SQLite's variable limit
    assert archive.ids(ids=ids) == archive.ids()


@pytest.mark.parametrize("name", ["cites", "organization"])
def test_too_many_filter_values_is_a_clear_error(archive, name):
    values = [f"{i}-CT/TW" for i in range(600)] if name == "cites" else [f"đảng ủy xã {i}" for i in range(600)]
    with pytest.raises(ValueError, match=f"at most {MAX_FILTER_VALUES}"):
        archive.search("đại hội", **{name: values})
    ok = archive.search(**{name: values[:MAX_FILTER_VALUES]})
    assert isinstance(ok, list)


@pytest.mark.parametrize(("limit", "offset"), [(sys.maxsize, 0), (10**11, 0), (5, 2**62), (2**70, 2**70)])
def test_the_accelerator_clamps_limit_and_offset(accelerated, limit, offset):
    with Archive(accelerated, readonly=True) as archive:
        results = archive.search("đảng", limit=limit, offset=offset)
        assert results.engine == "tantivy"
        assert len(results) == (0 if offset else results.total)
        assert len(archive.search(province="Điện Biên", limit=limit, offset=offset)) <= len(archive)


def _record(title: str, text: str, url: str) -> dict:
    return analyze(text, title=title, url=url, published="2020-10-13").to_dict()


def test_distinct_articles_sharing_a_canonical_url_are_kept_apart(tmp_path, caplog):
    home = "https://tinhuy.example.vn/"
    first = _record("Lào Cai triển khai Nghị quyết Đại hội Đảng bộ tỉnh",
                    "Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị quán triệt Nghị quyết Đại hội.", home)
    second = _record("Điện Biên tổng kết công tác kiểm tra, giám sát",
                     "Ngày 25/12/2020, Ủy ban Kiểm tra Tỉnh ủy Điện Biên tổng kết công tác năm 2020.", home)
    corrected = _record("Lào Cai triển khai Nghị quyết Đại hội Đảng bộ tỉnh (cập nhật)",
                        "Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị quán triệt, triển khai Nghị quyết.", home)
    with Archive(tmp_path / "a.sqlite") as archive, caplog.at_level(logging.WARNING):
        report = archive.add([first, second])
        assert (report.added, report.updated, report.collisions) == (2, 0, 1)
        assert "separate article" in caplog.text
        again = archive.add([first, second])  # idempotent: the kept-apart one is found by its text
        assert (again.unchanged, again.added) == (2, 0) and again.ids == report.ids
        fixed = archive.add(corrected)  # a correction (same headline) still updates in place
        assert fixed.updated == 1 and fixed.ids == report.ids[:1]
        assert sorted(archive.get(i).title for i in archive.ids()) == sorted([corrected["title"], second["title"]])


def test_a_canonical_link_to_the_home_page_is_not_the_article_address():
    html = ("<html><head><link rel='canonical' href='https://tinhuy.example.vn/'><title>Hội nghị</title></head>"
            "<body><div class='content'><h1>Hội nghị Tỉnh ủy</h1><p>Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức "
            "hội nghị quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI.</p></div></body></html>")
    article = parse_article(html, "https://tinhuy.example.vn/tin-tuc/hoi-nghi-tinh-uy-1440.html")
    assert article.canonical_url == "https://tinhuy.example.vn/tin-tuc/hoi-nghi-tinh-uy-1440.html"
    moved = html.replace("href='https://tinhuy.example.vn/'", "href='https://tinhuy.example.vn/bai/1440.html'")
    assert parse_article(moved, "https://tinhuy.example.vn/x?id=1440").canonical_url.endswith("/bai/1440.html")
