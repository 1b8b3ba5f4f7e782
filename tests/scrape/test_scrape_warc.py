"""Raw pages kept as WARC during a crawl, and WARC files read back as articles and records."""
from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from pathlib import Path

import pytest
from scrape_support import EXPECTED, SiteServer, crawl_killed_after

from vnparty_nlp.cli import main
from vnparty_nlp.scrape import crawl
from vnparty_nlp.scrape.fetch import FetchConfig
from vnparty_nlp.scrape.warc import WarcWriter, iter_warc, iter_warc_articles

ROOT = Path(__file__).resolve().parents[2]
PORTAL = "/portal/chinh-tri/"
STARTS = ["/tapchi/Home/Dang-bo-dia-phuong.aspx", "/portal/chinh-tri/"]
SITE_ARTICLES = sorted(p for p in EXPECTED if p.startswith(("/tapchi/", "/portal/")))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def warcs(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.warc.gz"))


def test_crawl_keeps_every_response_and_the_warc_gives_the_same_articles(server: SiteServer, tmp_path: Path,
                                                                          config: FetchConfig) -> None:
    out, state, wdir = tmp_path / "a.jsonl", tmp_path / "s.sqlite", tmp_path / "warc"
    report = crawl([server.url(s) for s in STARTS], out, state, config=config, progress=False, warc_dir=wdir,
                   warc_max_bytes=20_000)
    files = warcs(wdir)
    assert len(files) > 1  # rotated by size
    pages = [p for f in files for p in iter_warc(f)]
    assert len(pages) == report.fetched  # every fetched response, listings included
    crawled = read_jsonl(out)
    assert sorted(a["canonical_url"].removeprefix(server.base) for a in crawled) == SITE_ARTICLES
    again = [a.to_dict() for a in iter_warc_articles(files, progress=False)]
    assert sorted(again, key=lambda a: a["url"]) == sorted(crawled, key=lambda a: a["url"])
    # a pointer opens its record: the offset starts the gzip member of that very response
    first = crawled[0]
    with open(wdir / first["warc_file"], "rb") as fh:
        fh.seek(first["warc_offset"])
        head = gzip.GzipFile(fileobj=fh).read(2000).decode("utf-8", "replace")
    assert "WARC-Type: response" in head and f"WARC-Target-URI: {first['url']}" in head


def test_extract_warc_gives_the_records_of_the_live_crawl(server: SiteServer, tmp_path: Path) -> None:
    out, records, wdir, again = tmp_path / "a.jsonl", tmp_path / "r.jsonl", tmp_path / "warc", tmp_path / "r2.jsonl"
    assert main(["crawl", server.url(PORTAL), "--out", str(out), "--records", str(records), "--warc", str(wdir),
                 "--delay", "0", "--timeout", "5", "--no-progress"]) == 0
    argv = ["extract", "--no-progress", "-o", str(again)]
    for f in warcs(wdir):
        argv += ["--warc", str(f)]
    assert main(argv) == 0
    live, offline = read_jsonl(records), read_jsonl(again)
    assert len(live) >= 3
    assert sorted(live, key=lambda r: r["url"]) == sorted(offline, key=lambda r: r["url"])
    assert all(r["source"].startswith("vnparty-") and ".warc.gz#" in r["source"] for r in offline)
    # filters: a URL pattern and a host that is not in the file
    assert main([*argv[:3], str(tmp_path / "one.jsonl"), "--warc", str(warcs(wdir)[0]),
                 r"--url-pattern=-1421\.html$"]) == 0
    assert [r["url"].rsplit("/", 1)[1] for r in read_jsonl(tmp_path / "one.jsonl")] == [
        "huyen-uy-ninh-giang-co-pho-bi-thu-thuong-truc-moi-1421.html"]
    assert main([*argv[:3], str(tmp_path / "none.jsonl"), "--warc", str(warcs(wdir)[0]),
                 "--host", "example.org"]) == 1


def test_a_truncated_last_record_is_detected_and_skipped(server: SiteServer, tmp_path: Path, config: FetchConfig,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    from vnparty_nlp.scrape import Fetcher

    wdir = tmp_path / "warc"
    with Fetcher(config) as fetcher, WarcWriter(wdir) as writer:
        pointers = [writer.write_page(fetcher.fetch(server.url(p))) for p in SITE_ARTICLES[:3]]
    path = wdir / pointers[0].file
    data = path.read_bytes()
    for cut in (pointers[2].offset + 200, pointers[2].offset + (len(data) - pointers[2].offset) // 2, len(data) - 30):
        broken = tmp_path / f"cut-{cut}.warc.gz"
        broken.write_bytes(data[:cut])
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            pages = list(iter_warc(broken))
        assert [p.pointer.offset for p in pages] == [pointers[0].offset, pointers[1].offset]
        assert "skipped" in caplog.text
    assert [p.pointer.offset for p in iter_warc(path)] == [p.offset for p in pointers]


def test_a_foreign_warc_with_gzip_bodies_is_read(tmp_path: Path) -> None:
    """Common Crawl keeps bodies as sent (Content-Encoding: gzip): they are decoded, other hosts filtered."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = ("<html><head><title>Tin bài</title></head><body><h1>Đảng bộ xã Tân Hòa tổng kết năm 2015</h1>"
            "<p>" + "Đảng bộ xã đã lãnh đạo hoàn thành các chỉ tiêu kinh tế, xã hội đề ra. " * 6 + "</p>"
            "<p>" + "Công tác xây dựng Đảng được chú trọng, chất lượng sinh hoạt chi bộ nâng lên. " * 6 + "</p>"
            "</body></html>").encode()
    path = tmp_path / "cc.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url in ("http://tanhoa.example.vn/tin/1.html", "http://other.example.com/a.html"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(gzip.compress(html)),
                                                          http_headers=headers))
    arts = list(iter_warc_articles([path], hosts=["tanhoa.example.vn"], progress=False))
    assert [a.title for a in arts] == ["Đảng bộ xã Tân Hòa tổng kết năm 2015"]
    assert arts[0].warc_file == "cc.warc.gz" and arts[0].warc_offset == 0


@pytest.mark.slow
def test_sigkill_mid_crawl_leaves_readable_warcs_and_resumes(server: SiteServer, tmp_path: Path) -> None:
    out, state, wdir = tmp_path / "out.jsonl", tmp_path / "state.sqlite", tmp_path / "warc"
    args = [*(server.url(s) for s in STARTS), "--out", str(out),
            "--state", str(state), "--delay", "0", "--timeout", "5", "--backoff", "0.05", "--no-progress",
            "--warc", str(wdir)]
    done = crawl_killed_after(server, args, SITE_ARTICLES, ROOT)
    assert done.returncode == 0, done.stderr
    lines = read_jsonl(out)
    assert Counter(a["canonical_url"].removeprefix(server.base) for a in lines) == Counter(SITE_ARTICLES)
    for path in SITE_ARTICLES:
        assert server.completed_200(path) == 1, path
    files = warcs(wdir)
    assert len(files) >= 2  # the resumed run never appends to the killed run's file
    pages = [p for f in files for p in iter_warc(f)]
    kept = {p.url.removeprefix(server.base) for p in pages}
    assert set(SITE_ARTICLES) <= kept
    for a in lines:  # every article points to a readable record of its own page
        assert any(p.pointer.file == a["warc_file"] and p.pointer.offset == a["warc_offset"] for p in pages)
