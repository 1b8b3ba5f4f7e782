"""Crawls of the fixture sites: listings → articles, faults reported, nothing lost, nothing twice."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from scrape_support import EXPECTED, SiteServer

from vnparty_nlp.scrape import Article, FetchConfig, crawl
from vnparty_nlp.scrape.blocks import normalize_ws
from vnparty_nlp.scrape.commands import crawl_command

MAGAZINE = "/tapchi/Home/Dang-bo-dia-phuong.aspx"
PORTAL = "/portal/chinh-tri/"
SITE_ARTICLES = sorted(p for p in EXPECTED if p.startswith(("/tapchi/", "/portal/")))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def run(server: SiteServer, tmp_path: Path, config: FetchConfig, starts: list[str], **kw) -> tuple:
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    report = crawl([server.url(s) for s in starts], out, state, config=config, progress=False, **kw)
    return report, (read_jsonl(out) if out.exists() else [])


def test_crawl_two_sites_with_pagination(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    seen: list[Article] = []
    report, rows = run(server, tmp_path, config, [MAGAZINE, PORTAL], on_article=seen.append)
    urls = sorted(r["canonical_url"].removeprefix(server.base) for r in rows)
    assert urls == SITE_ARTICLES  # page 2 of each listing reached; each article once
    assert report.articles == len(SITE_ARTICLES) == len(seen)
    assert report.listings == 4 and not report.failed
    for row in rows:
        want = EXPECTED[row["canonical_url"].removeprefix(server.base)]
        assert [normalize_ws(p) for p in row["paragraphs"]] == [normalize_ws(p) for p in want["paragraphs"]]
        assert (row["title"], row["published"], row["author"]) == (want["title"], want["published"], want["author"])
    for path in SITE_ARTICLES:
        assert server.completed_200(path) == 1
    # the magazine's "top news" link (?utm_source=home) is the same article: not fetched again
    assert "duplicate_url" not in report.skipped


def test_faults_are_reported_and_the_crawl_goes_on(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    server.hang_seconds = 1.0
    cfg = dataclasses.replace(config, read_timeout=0.3, retries=1)
    report, rows = run(server, tmp_path, cfg, ["/faults/"], max_depth=1)
    titles = {r["title"] for r in rows}
    assert titles == {
        "Thanh Hóa tổng kết công tác xây dựng Đảng năm 2020",  # 500, then 200
        "Lào Cai triển khai Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI",  # 429 + Retry-After, then 200
        "Xã Hồng Đức tổ chức Đại hội Đảng bộ lần thứ XXIV",  # page cut in the middle
    }
    reasons = {path.removeprefix(server.base): reason for path, reason, _ in report.problems}
    assert reasons == {
        "/faults/hang.html": "timeout",
        "/faults/loop-a.html": "redirect",
        "/faults/huge.html": "too_large",
        "/faults/huge-declared.html": "too_large",
        "/faults/report.pdf": "content_type",
        "/faults/disguised.html": "content_type",
        "/faults/gone.html": "http_status",
        "/faults/down.html": "http_status",
        "/private/secret.html": "robots",
    }
    assert report.failed["timeout"] == 1 and report.skipped["robots"] == 1
    # the listing links to itself three ways (plain, ?utm_source, #top): fetched once
    assert server.hits_for("/faults/") == 1
    summary = report.summary()
    assert "timeout 1" in summary and "robots 1" in summary


def test_duplicate_content_at_other_urls(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    """The legacy index links the same article in four encodings: one is kept, three are duplicates."""
    report, rows = run(server, tmp_path, config, ["/legacy/"])
    assert len(rows) == 1 and rows[0]["title"].startswith("Bắc Giang")
    assert report.skipped["duplicate_content"] == 3


def test_limits(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    report, rows = run(server, tmp_path, config, [MAGAZINE], max_pages=3)
    assert report.fetched == 3 and report.pending > 0 and len(rows) == 2
    # running again continues where the limit stopped it
    report2, rows2 = run(server, tmp_path, config, [MAGAZINE], max_pages=100)
    assert report2.resumed and len(rows2) == 5
    report3, rows3 = run(server, tmp_path / "d0", config, [MAGAZINE], max_depth=0)
    assert rows3 == [] and report3.fetched == 2  # the listing and its page 2, no articles


def test_recrawl_uses_conditional_requests(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    run(server, tmp_path, config, [PORTAL])
    server.reset()
    report, rows = run(server, tmp_path, config, [PORTAL])
    assert report.recrawl and len(rows) == 5  # nothing new written
    assert report.not_modified == 7 and report.fetched == 0
    assert all(e.status == 304 for e in server.log if e.path != "/robots.txt")


def test_interrupted_in_process_resumes(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    """Ctrl-C (KeyboardInterrupt) mid-crawl; the rerun finishes without refetching or duplicating."""
    count = 0

    def stop_after_three(article: Article) -> None:
        nonlocal count
        count += 1
        if count == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(server, tmp_path, config, [MAGAZINE, PORTAL], on_article=stop_after_three)
    report, rows = run(server, tmp_path, config, [MAGAZINE, PORTAL])
    assert report.resumed
    assert sorted(r["canonical_url"].removeprefix(server.base) for r in rows) == SITE_ARTICLES
    assert all(server.completed_200(p) == 1 for p in SITE_ARTICLES)


def test_half_written_line_is_dropped(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    run(server, tmp_path, config, [PORTAL], max_pages=3)
    out = tmp_path / "out.jsonl"
    with out.open("ab") as fh:
        fh.write(b'{"url": "http://cut.example/in-the-mid')  # a write killed half-way
    report, rows = run(server, tmp_path, config, [PORTAL])
    assert len(rows) == 5 and len({r["canonical_url"] for r in rows}) == 5


def test_callback_errors_do_not_stop_the_crawl(server: SiteServer, tmp_path: Path, config: FetchConfig) -> None:
    def boom(article: Article) -> None:
        raise ValueError("analysis failed")

    report, rows = run(server, tmp_path, config, [PORTAL], on_article=boom)
    assert len(rows) == 5 and report.callback_errors == 5


def test_crawl_command(server: SiteServer, tmp_path: Path, config: FetchConfig, capsys) -> None:
    out = tmp_path / "cmd.jsonl"
    rc = crawl_command([server.url(PORTAL)], out, None, 50, 3, 0.0, config=config, progress=False)
    assert rc == 0 and len(read_jsonl(out)) == 5
    assert (tmp_path / "cmd.jsonl.state.sqlite").exists()
    assert "5 articles written" in capsys.readouterr().err
