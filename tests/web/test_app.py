"""The web app through Starlette's TestClient: pages, exports, the JSON API, and hostile input."""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html.parser import HTMLParser

import pytest

from vnparty_nlp.archive import Archive
from vnparty_nlp.web.params import LIMITS


def marks(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<mark>(.*?)</mark>", html)]


class TagCounter(HTMLParser):
    """Every start tag of a page, to check nothing from an article became markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> TagCounter:
    p = TagCounter()
    p.feed(html)
    return p


# --- search ---------------------------------------------------------------------------------------

def test_search_without_accents_highlights_the_accented_words(client):
    r = client.get("/search", params={"q": "dai hoi diem"})
    assert r.status_code == 200
    words = {w.lower() for w in marks(r.text)}
    assert {"đại", "hội", "điểm"} <= words
    assert "Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở" in r.text
    assert re.search(r'id="count"><strong>2</strong> articles', r.text)


def test_accented_word_matches_exactly(client):
    folded = client.get("/api/search", params={"q": "so du"}).json()
    exact = client.get("/api/search", params={"q": "số dư"}).json()
    wrong = client.get("/api/search", params={"q": "sỡ dư"}).json()
    assert {h["id"] for h in exact["hits"]} <= {h["id"] for h in folded["hits"]}
    assert exact["hits"] and not wrong["hits"]


def test_province_facet_links_narrow_the_search(client, ids):
    page = client.get("/search", params={"q": "dai hoi"}).text
    link = re.search(r'<div class="facet" data-facet="province">.*?<a href="([^"]+)"[^>]*>Hải Dương \((\d+)\)',
                     page, re.S)
    assert link, "no Hải Dương facet"
    href = link.group(1).replace("&amp;", "&")
    assert "province=" in href
    narrowed = client.get(href)
    assert narrowed.status_code == 200
    assert f'href="/articles/{ids["ninh-giang"]}"' in narrowed.text
    assert f'href="/articles/{ids["dien-bien"]}"' not in narrowed.text
    assert re.search(rf'<strong>{link.group(2)}</strong> article', narrowed.text)
    # the active facet links back to the wider search
    assert "Hải Dương (1) ✕" in narrowed.text


def test_sort_by_date_and_paging(client, ids):
    r = client.get("/api/search", params={"q": "dang", "order": "date"}).json()
    dates = [h["published"] or "" for h in r["hits"]]
    assert dates == sorted(dates, reverse=True)
    first = client.get("/search", params={"q": "dang", "per_page": 1}).text
    second = client.get("/search", params={"q": "dang", "per_page": 1, "page": 2}).text
    ids1 = re.findall(r'href="/articles/(\d+)"', first)
    ids2 = re.findall(r'href="/articles/(\d+)"', second)
    assert len(ids1) == len(ids2) == 1 and ids1 != ids2
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_api_mirrors_the_python_api(client, web_archive):
    r = client.get("/api/search", params=[("q", "dai hoi"), ("province", "dien bien"), ("cites", "35/CT-TW"),
                                          ("limit", "5")]).json()
    with Archive(web_archive, readonly=True) as archive:
        expected = archive.search("dai hoi", province="dien bien", cites="35/CT-TW", limit=5)
    assert [h["id"] for h in r["hits"]] == [h.id for h in expected]
    assert r["filters"] == {"province": ["dien bien"], "cites": ["35/CT-TW"]}
    facets = client.get("/api/search", params={"q": "dai hoi", "facets": "1"}).json()["facets"]
    assert {row["value"] for row in facets["province"]} >= {"Điện Biên", "Hải Dương"}
    assert client.get("/api/facets", params={"by": "document"}).json()["rows"][0]["articles"] >= 1


# --- article and document pages -------------------------------------------------------------------

def test_article_page_marks_each_fact_at_its_span(client, ids, web_archive):
    article_id = ids["dien-bien"]
    html = client.get(f"/articles/{article_id}").text
    with Archive(web_archive, readonly=True) as archive:
        record = archive.get(article_id)
    doc = next(f for f in record.facts["documents"] if "35-CT/TW" in f.text)
    # the mark that opens at this fact holds exactly its words (facts inside it are marked within)
    opened = re.search(r'<mark class="fact kind-documents"[^>]*>((?:(?!</mark>).)*35-CT/TW(?:(?!</mark>).)*)</mark>',
                       html)
    assert opened and re.sub(r"<[^>]+>", "", opened.group(1)) == doc.text
    assert html.count("<mark") == html.count("</mark>") >= len(list(record.all_facts()))
    assert "35-CT/TW" in html and "normalized values" in html
    assert 'href="/documents/35-CT/TW"' in html


def test_document_page_any_spelling(client, ids):
    a = client.get("/documents/35-CT/TW")
    b = client.get("/documents/35/CT-TW")
    assert a.status_code == b.status_code == 200
    for page in (a.text, b.text):
        assert f'href="/articles/{ids["dien-bien"]}"' in page
        assert re.search(r'id="by-province">.*Điện Biên', page, re.S)
    data = client.get("/api/documents/Chỉ thị 35").json()
    assert data["document"] == "35-CT/TW" and data["articles"] >= 1 and data["by_time"]
    assert client.get("/documents/no-such-thing").status_code == 400


# --- exports --------------------------------------------------------------------------------------

def test_csv_export_has_every_match(client):
    api = client.get("/api/search", params={"q": "dai hoi diem", "facets": "1"}).json()
    r = client.get("/export.csv", params={"q": "dai hoi diem"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == api["total"]
    assert {int(row["id"]) for row in rows} == {h["id"] for h in api["hits"]}
    assert any("[đại]" in row["snippet"].lower() for row in rows)


def test_jsonl_export_holds_whole_records(client, ids):
    r = client.get("/export.jsonl", params=[("cites", "35-CT/TW"), ("cites", "45-CT/TW")])
    records = [json.loads(line) for line in r.text.splitlines()]
    assert {rec["id"] for rec in records} == {ids["dien-bien"], ids["hostile"]}
    for rec in records:
        for f in rec["documents"]:
            assert rec["text"][f["span"][0]:f["span"][1]] == f["text"]


# --- hostile input ---------------------------------------------------------------------------------

def test_ten_thousand_character_query_is_refused_clearly(client):
    q = "đại hội " * 1250
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400
    assert f"{len(q.strip()):,} characters long; at most {LIMITS.query_chars}" in r.text
    api = client.get("/api/search", params={"q": q})
    assert api.status_code == 400 and "at most" in api.json()["error"]["message"]


@pytest.mark.parametrize("q", ['"số dư bầu', 'dai (hoi', "AND AND", "text:dai", "NEAR(dai hoi)", "-", '"'])
def test_malformed_queries_get_a_message_not_a_traceback(client, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400
    assert 'id="error"' in r.text and "Traceback" not in r.text
    assert client.get("/api/search", params={"q": q}).json()["error"]["status"] == 400


def test_script_in_query_is_shown_as_text(client):
    q = '<script>alert("q")</script> dai'
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200
    assert "<script" not in r.text
    assert "&lt;script&gt;" in r.text
    assert "script" not in parsed(r.text).tags
    assert r.headers["content-security-policy"].startswith("default-src 'none'")


def test_script_in_article_is_shown_as_text(client, ids):
    r = client.get(f"/articles/{ids['hostile']}")
    assert r.status_code == 200
    p = parsed(r.text)
    assert "script" not in p.tags and "b" not in p.tags
    text = "".join(p.text)
    assert "<script>alert('xss')</script>" in text and "<b>in đậm</b>" in text
    assert "<script>alert('title')</script> Bài thử </title>" in text
    assert "javascript:" not in r.text  # the source URL is not a link
    # facts after the markup are still marked at their words
    assert re.search(r'kind-documents[^>]*>Chỉ thị số 45-CT/TW</mark>', r.text)
    hits = client.get("/search", params={"q": "tin nhan la"}).text
    assert "<script" not in hits and "&lt;script&gt;" in hits


@pytest.mark.parametrize("params", [
    {"province": "' OR 1=1 --"},
    {"cites": "1; DROP TABLE articles"},
    {"has": "articles; --"},
    {"published_from": "2020' OR '1'='1"},
])
def test_sql_looking_filters_are_refused(client, params):
    r = client.get("/search", params=params)
    assert r.status_code == 400 and 'id="error"' in r.text


@pytest.mark.parametrize("params", [{"site": "x' OR '1'='1"}, {"organization": "%' OR 1=1 --"},
                                    {"organization": "%_%"}])
def test_sql_looking_values_match_nothing(client, web_archive, params):
    r = client.get("/api/search", params=params)
    assert r.status_code == 200 and r.json()["hits"] == []
    with Archive(web_archive, readonly=True) as archive:
        assert len(archive) == 3


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1e9", "99999999999999999999", str(LIMITS.max_offset + 2)])
def test_bad_page_numbers(client, page):
    r = client.get("/search", params={"q": "dai", "page": page})
    assert r.status_code == 400 and "page must be" in r.text


def test_page_past_the_last_says_so(client):
    r = client.get("/search", params={"q": "dai hoi", "page": "40"})
    assert r.status_code == 200
    assert "There is no page 40" in r.text and "Go to the last page" in r.text
    assert client.get("/api/search", params={"q": "dai", "offset": "5000"}).json()["hits"] == []


@pytest.mark.parametrize("params", [{"per_page": "1000"}, {"exact": "maybe"}, {"order": "random()"},
                                    {"province": ["x"] * 21}, {"cites": "3" * 101},
                                    {"published_from": ["2020", "2021"]}, {"q": "dai\x00hoi"}])
def test_other_bounds(client, params):
    r = client.get("/search", params=params)
    assert r.status_code == 400 and 'id="error"' in r.text


def test_missing_things_and_methods(client):
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/api/articles/999999").json()["error"]["status"] == 404
    assert client.get("/etc/passwd").status_code == 404
    assert client.post("/search").status_code == 405
    assert client.get("/api/limit", params={"limit": "5000"}).status_code == 404
    assert client.get("/api/search", params={"limit": "5000"}).status_code == 400


def test_connection_is_read_only(client):
    archive = client.app.state.pool.get()
    with pytest.raises(sqlite3.OperationalError):
        archive.con.execute("DELETE FROM articles")
    assert client.get("/api/stats").json()["articles"] == 3
    assert "path" not in client.get("/api/stats").json()


def test_exports_are_bounded(client):
    r = client.get("/export.csv", params={"limit": str(LIMITS.export_rows + 1)})
    assert r.status_code == 400
    one = client.get("/export.csv", params={"q": "dai", "limit": "1"}).text
    assert len(list(csv.DictReader(io.StringIO(one)))) == 1


@pytest.mark.parametrize("query, filters", [("dai hoi", {}), (None, {}), ("so du", {"province": "Hai Duong"}),
                                            ('"số dư"', {"cites": "35-CT/TW"})])
def test_summary_agrees_with_count_and_facet(web_archive, query, filters):
    with Archive(web_archive, readonly=True) as archive:
        found = archive.summary(query, **filters)
        assert found["total"] == archive.count(query, **filters)
        for by in ("province", "year", "site", "document"):
            frame = archive.facet(by, query=query, limit=12, **filters)
            assert found[by] == [(v, n) for v, n in zip(frame[by], frame["articles"], strict=True) if isinstance(v, str)]
        for kind, n in found["has"]:
            assert n == archive.count(query, has=kind, **filters)



def test_summary_sample_counts_the_newest_matches_and_keeps_the_total(web_archive):
    with Archive(web_archive, readonly=True) as archive:
        whole = archive.summary("dai hoi")
        cut = archive.summary("dai hoi", sample=1)
        newest_match = max(h.id for h in archive.search("dai hoi"))
        assert whole["total"] == cut["total"] == archive.count("dai hoi") == 2
        assert cut["sampled"] and not whole["sampled"]
        assert cut["province"] == [(archive.info(newest_match)["province"], 1)] == [("Hải Dương", 1)]


def test_serve_says_how_to_build_the_tantivy_index_of_a_large_archive(web_archive, monkeypatch, caplog):
    import logging

    from vnparty_nlp.web import server

    with Archive(web_archive, readonly=True) as archive, caplog.at_level(logging.WARNING, "vnparty.web"):
        server._hint_accelerator(archive, web_archive)  # 3 articles: FTS5 is fast enough, nothing said
        assert "tantivy" not in caplog.text
        monkeypatch.setattr(server, "ACCELERATE_FROM", 3)
        server._hint_accelerator(archive, web_archive)
    assert f"vnparty index --accelerator --db {web_archive}" in caplog.text


def test_a_large_search_says_which_matches_its_cited_documents_count(tmp_path, monkeypatch):
    """With the tantivy index, the page's cited-document facet counts the newest years holding at least
    FACET_SAMPLE matches, and says so; the JSON API gives the same bound."""
    pytest.importorskip("tantivy")
    from starlette.testclient import TestClient

    from benchmarks.synth import analyze_all, generate
    from vnparty_nlp.web import app as web_app

    path = tmp_path / "big.sqlite"
    with Archive(path) as archive:
        archive.add(analyze_all(generate(60, seed=5, start="2019-01-01", days=1100)))
        archive.build_accelerator()
        total = archive.count("dai hoi")
        years = dict(archive.summary("dai hoi")["year"])
    monkeypatch.setattr(web_app, "FACET_SAMPLE", 10)
    since = max(y for y in years if sum(n for z, n in years.items() if z >= y) >= 10)
    covered = sum(n for y, n in years.items() if y >= since)
    assert total > covered >= 10
    with TestClient(web_app.create_app(path)) as c:
        page = c.get("/search", params={"q": "dai hoi"}).text
        assert f"Cited documents count the {covered:,} matches from {since} on." in page
        body = c.get("/api/search", params={"q": "dai hoi", "facets": "1"}).json()
        assert body["total"] == total and body["document_facet"] == {"since": since, "matches": covered}


def _facet_links(page: str, facet: str) -> dict[str, tuple[str, bool]]:
    """A facet's values: (href, in force) by label."""
    import html

    block = re.search(rf'data-facet="{facet}">(.*?)</ul>', page, re.S)
    assert block, f"no {facet} facet"
    rows = re.findall(r'<li class="(on)?"><a href="([^"]+)" title="(?:remove|only) ([^"]+)">', block.group(1))
    return {html.unescape(label): (html.unescape(href), bool(on)) for on, href, label in rows}


@pytest.mark.parametrize("facet, filters", [("year", lambda v: {"published_from": v, "published_to": v}),
                                            ("document", lambda v: {"cites": v}),
                                            ("province", lambda v: {"province": v})])
def test_every_facet_value_narrows_the_search_and_a_second_click_widens_it(client, web_archive, facet, filters):
    page = client.get("/search").text
    links = _facet_links(page, facet)
    assert links
    value, (href, on) = next(iter(links.items()))
    assert not on
    narrowed = client.get(href).text
    with Archive(web_archive, readonly=True) as archive:
        want = archive.count(**filters(value))
        assert want < len(archive)  # the click must narrow: every facet here splits the three articles
    assert re.search(r'id="count"><strong>([\d,]+)', narrowed).group(1) == f"{want:,}"
    back, on = _facet_links(narrowed, facet)[value]
    assert on and client.get(back).text.count('class="hit"') == len(_all_hits(client))


def _all_hits(client) -> list[str]:
    return re.findall(r'class="hit"', client.get("/search").text)
