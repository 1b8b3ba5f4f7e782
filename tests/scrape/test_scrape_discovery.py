"""Discovery on the local server: robots.txt → sitemap index → sitemaps (one gzipped) → articles; a feed;
date, URL and host filters applied before any article is fetched; RFC 9309 wildcards in robots.txt."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from scrape_support import EXPECTED, LAYOUT_EXPECTED, SiteServer, crawl_killed_after

from vnparty_nlp.scrape import Fetcher, crawl
from vnparty_nlp.scrape.discovery import DiscoveryFilter, discover, parse_feed
from vnparty_nlp.scrape.fetch import FetchConfig

ROOT = Path(__file__).resolve().parents[2]
SITE_ARTICLES = sorted(p for p in EXPECTED if p.startswith(("/tapchi/", "/portal/")))


def paths(server: SiteServer, urls: list[str]) -> list[str]:
    return sorted(u.removeprefix(server.base) for u in urls)


def test_robots_sitemap_index_and_gzip_sitemap(server: SiteServer, fetcher: Fetcher) -> None:
    found = list(discover([server.url("/")], fetcher))
    assert paths(server, [d.url for d in found]) == sorted([*SITE_ARTICLES, "/legacy/cp1258.html"])
    dated = {d.url.removeprefix(server.base): d.date for d in found}
    assert dated["/portal/chinh-tri/huyen-uy-ninh-giang-co-pho-bi-thu-thuong-truc-moi-1421.html"] == "2020-03-09T09:20"
    assert server.hits_for("/sitemaps/tapchi.xml.gz") == 1
    assert all(server.hits_for(p) == 0 for p in SITE_ARTICLES)  # discovery fetches no article


def test_since_skips_old_sitemaps_and_urls_unfetched(server: SiteServer, fetcher: Fetcher) -> None:
    found = list(discover([server.url("/")], fetcher, DiscoveryFilter(since="2020-03-06")))
    want = sorted(p for p in SITE_ARTICLES if (EXPECTED[p]["published"] or "2020-03-01") >= "2020-03-06")
    assert paths(server, [d.url for d in found]) == want
    assert server.hits_for("/sitemaps/old.xml") == 0  # its lastmod is before --since: never opened


def test_feed_with_until_and_url_pattern(server: SiteServer, fetcher: Fetcher) -> None:
    found = list(discover([server.url("/feed/")], fetcher, DiscoveryFilter(until="2016-12-31", url_pattern=r"\.html?$")))
    want = sorted(p for p, w in LAYOUT_EXPECTED.items() if w["published"][:10] <= "2016-12-31"
                  and p.endswith((".html", ".htm")))
    assert paths(server, [d.url for d in found]) == want and want
    assert {d.date for d in found} >= {"2015-04-08T08:11"}


def test_atom_feed_is_read() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
    <entry><title>A</title><link rel="alternate" href="/tin/a.html"/><published>2021-09-14T03:05:00Z</published></entry>
    <entry><title>B</title><link href="http://x.vn/tin/b.html"/><updated>2021-09-15T10:00:00+07:00</updated></entry></feed>"""
    items = parse_feed(atom, "http://x.vn/atom.xml")
    assert [(i.url, i.date) for i in items] == [("http://x.vn/tin/a.html", "2021-09-14T10:05"),
                                               ("http://x.vn/tin/b.html", "2021-09-15T10:00")]


def test_robots_wildcards_per_rfc_9309(server: SiteServer, fetcher: Fetcher) -> None:
    assert not fetcher.allowed(server.url("/portal/chinh-tri/a-1419.html?print=1"))
    assert fetcher.allowed(server.url("/portal/chinh-tri/a-1419.html"))
    assert not fetcher.allowed(server.url("/private/secret.html"))


def test_crawl_from_discovery_fetches_only_what_passes(server: SiteServer, tmp_path: Path,
                                                       config: FetchConfig) -> None:
    out, state = tmp_path / "a.jsonl", tmp_path / "s.sqlite"
    filt = DiscoveryFilter(since="2020-03-06", url_pattern="/portal/")
    report = crawl([], out, state, config=config, progress=False, discover_from=[server.url("/")],
                   discovery_filter=filt)
    got = sorted(json.loads(line)["canonical_url"].removeprefix(server.base) for line in out.read_text().splitlines())
    want = sorted(p for p in SITE_ARTICLES if p.startswith("/portal/")
                  and (EXPECTED[p]["published"] or "2020-03-01") >= "2020-03-06")
    assert got == want and report.articles == len(want)
    for p in SITE_ARTICLES:
        if p not in want:
            assert server.hits_for(p) == 0, p  # filtered before fetching


@pytest.mark.slow
def test_discovery_crawl_killed_and_resumed(server: SiteServer, tmp_path: Path) -> None:
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    args = ["--discover", server.url("/"), "--out", str(out),
            "--state", str(state), "--delay", "0", "--timeout", "5", "--backoff", "0.05", "--no-progress",
            "--url-pattern", "/(portal|tapchi)/"]
    done = crawl_killed_after(server, args, SITE_ARTICLES, ROOT)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert Counter(a["canonical_url"].removeprefix(server.base) for a in lines) == Counter(SITE_ARTICLES)
    for p in SITE_ARTICLES:
        assert server.completed_200(p) == 1, p
    assert server.hits_for("/sitemaps/index.xml") == 1  # the resumed run did not discover again
