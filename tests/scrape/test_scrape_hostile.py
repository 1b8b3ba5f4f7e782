"""Hostile servers and links (issue 13): none of them may stop a crawl or hold it for long.

A raw socket server on 127.0.0.1 drips headers or bodies a byte at a time, sends absurd
``Retry-After`` dates and links with invalid ports; every case must end in a typed
:class:`FetchError` (or a skipped link with a log line), within the configured deadline.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrape_support import serving

from vnparty_nlp.scrape import (
    FetchConfig,
    Fetcher,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    RedirectError,
    crawl,
)
from vnparty_nlp.scrape.blocks import element_lines
from vnparty_nlp.scrape.urls import normalize_url, resolve

ARTICLE = ("<html><head><meta charset='utf-8'><title>Hội nghị Tỉnh ủy</title></head><body>"
           "<div class='content'><h1>Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5</h1>"
           "<p>Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị quán triệt Nghị quyết Đại hội đại biểu "
           "Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020-2025.</p>"
           "<p>Hội nghị được tổ chức trực tuyến tới 164 điểm cầu với hơn 9.000 đại biểu tham dự.</p>"
           "</div></body></html>").encode()
DRIP = 0.15  # seconds between bytes: each read is quick, the whole response is not


class _Hostile(socketserver.BaseRequestHandler):
    server: _HostileServer

    def handle(self) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1].decode()
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
        try:
            if path == "/robots.txt" and self.server.drip_robots:
                self._drip(head + b"Content-Type: text/plain\r\n\r\nUser-agent: *\nDisallow: /private/\n" * 20)
            elif path == "/robots.txt":
                self.request.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif path == "/drip-headers.html":
                self._drip(head + b"X-Padding: " + b"a" * 200 + b"\r\n\r\n" + ARTICLE)
            elif path == "/drip-body.html":
                self.request.sendall(head + f"Content-Length: {len(ARTICLE)}\r\n\r\n".encode())
                self._drip(ARTICLE)
            elif path == "/drip-short.html":
                body = "<p>Tỉnh ủy</p>".encode()
                self.request.sendall(head + f"Content-Length: {len(body)}\r\n\r\n".encode())
                self._drip(body, 0.05)
            elif path == "/drip-body-no-length.html":
                self.request.sendall(head + b"\r\n")
                self._drip(ARTICLE)
            elif path == "/retry-after.html":
                self.request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: Mon, 01 Jan 99999999999 "
                                     b"00:00:00 GMT\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif path == "/bad-redirect.html":
                self.request.sendall(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:99999/x.html\r\n"
                                     b"Content-Length: 0\r\nConnection: close\r\n\r\n")
            elif path == "/listing.html":
                links = ('<a href="http://127.0.0.1:99999/a.html">cổng sai</a>'
                         '<a href="http://[::1/b.html">IPv6 hỏng</a>'
                         '<a href="/tin-tuc/hoi-nghi-tinh-uy.html">Hội nghị Tỉnh ủy</a>')
                body = f"<html><body><ul><li>{links}</li></ul></body></html>".encode()
                self.request.sendall(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            elif path == "/tin-tuc/hoi-nghi-tinh-uy.html":
                self.request.sendall(head + f"Content-Length: {len(ARTICLE)}\r\n\r\n".encode() + ARTICLE)
            else:
                self.request.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass  # the client gave up: exactly what the deadline is for

    def _drip(self, data: bytes, pause: float = DRIP) -> None:
        for i in range(len(data)):
            self.request.sendall(data[i:i + 1])
            time.sleep(pause)


class _HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Hostile)
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.drip_robots = False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture
def hostile() -> Iterator[_HostileServer]:
    with serving(_HostileServer()) as srv:
        yield srv


@pytest.fixture
def quick() -> FetchConfig:
    """Per-read timeouts the drip never trips (a byte every 0.15 s); a one-second deadline."""
    return FetchConfig(delay=0.0, connect_timeout=2.0, read_timeout=2.0, retries=1, backoff=0.05,
                       max_retry_after=5.0, deadline=1.0)


@pytest.mark.parametrize("path", ["/drip-headers.html", "/drip-body.html", "/drip-body-no-length.html"])
def test_a_dripping_response_ends_at_the_deadline(hostile: _HostileServer, quick: FetchConfig, path: str) -> None:
    with Fetcher(quick) as f:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="deadline"):
            f.fetch(hostile.url(path))
        took = time.monotonic() - started
    # not retried (a dripping server drips again) and nowhere near the ~90 s the drip would take
    assert hostile.hits[path] == 1
    assert took < 10 * quick.deadline


def test_the_deadline_is_configurable(hostile: _HostileServer, quick: FetchConfig) -> None:
    """A slow body that ends within the deadline is a page; the same body past a shorter one is not."""
    with Fetcher(dataclasses.replace(quick, deadline=0.3)) as f, pytest.raises(FetchTimeout):
        f.fetch(hostile.url("/drip-short.html"))
    with Fetcher(dataclasses.replace(quick, deadline=30.0)) as f:
        page = f.fetch(hostile.url("/drip-short.html"))
    assert page.text == "<p>Tỉnh ủy</p>"


def test_dripping_robots_txt_is_a_fetch_error_cached_for_the_host(hostile: _HostileServer, quick: FetchConfig,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    hostile.drip_robots = True
    with Fetcher(dataclasses.replace(quick, retries=0)) as f, caplog.at_level(logging.WARNING):
        # what happened (a timeout while reading robots.txt), not "disallowed by robots.txt"
        with pytest.raises(FetchTimeout, match=r"timed out .*\(while reading robots.txt\)"):
            f.fetch(hostile.url("/tin-tuc/hoi-nghi-tinh-uy.html"))
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="while reading robots.txt"):
            f.fetch(hostile.url("/listing.html"))
        assert time.monotonic() - started < quick.deadline  # the verdict was cached, not fetched again
    assert hostile.hits["/robots.txt"] == 1
    assert "robots.txt" in caplog.text and "timed out" in caplog.text


def test_an_absurd_retry_after_date_is_ignored(hostile: _HostileServer, quick: FetchConfig) -> None:
    with Fetcher(quick) as f, pytest.raises(HTTPStatusError) as err:
        f.fetch(hostile.url("/retry-after.html"))
    assert err.value.status == 503 and hostile.hits["/retry-after.html"] == 2


def test_a_redirect_to_an_invalid_port_is_a_redirect_error(hostile: _HostileServer, quick: FetchConfig) -> None:
    with Fetcher(quick) as f, pytest.raises(RedirectError, match="unusable location"):
        f.fetch(hostile.url("/bad-redirect.html"))


def test_fetching_an_invalid_url_is_a_fetch_error(quick: FetchConfig) -> None:
    with Fetcher(quick) as f, pytest.raises(InvalidURL):
        f.fetch("http://a.vn:99999/")


@pytest.mark.parametrize("href", ["http://a.vn:99999/", "http://[::1/x.html", "//a.vn:port/x", "http://[zz::1]/"])
def test_links_that_are_not_urls_are_skipped_with_a_log_line(href: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="vnparty_nlp.scrape.urls"):
        assert resolve("http://a.vn/", href) is None
    assert "skipping the link" in caplog.text


def test_a_crawl_skips_links_with_invalid_ports_and_finishes(hostile: _HostileServer, quick: FetchConfig,
                                                             tmp_path: Path) -> None:
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    for _ in range(2):  # and a second run (a resume of the finished crawl) does not die either
        report = crawl([hostile.url("/listing.html")], out, state, config=quick, progress=False)
        assert not report.failed
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["title"] for r in rows] == ["Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5"]


@pytest.mark.parametrize(("url", "same"), [
    ("http://a.vn/tim-kiem?q=%E0%E1", "http://a.vn/tim-kiem?q=%E0%E1"),  # not UTF-8: kept as sent
    ("http://a.vn/Home/?123", "http://a.vn/Home/?123"),  # a bare key stays bare
    ("http://a.vn/tin?q=%C4%90%E1%BA%A3ng+b%E1%BB%99&utm_source=zalo&id=7", "http://a.vn/tin?q=%C4%90%E1%BA%A3ng+b%E1%BB%99&id=7"),
    ("http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"),
    ("http://bientap:mk@A.VN:80/a", "http://bientap:mk@a.vn/a"),
])
def test_normalization_does_not_change_what_is_fetched(url: str, same: str) -> None:
    assert normalize_url(url) == same


def test_hundreds_of_unclosed_nested_tables_are_read(quick: FetchConfig) -> None:
    from vnparty_nlp.scrape.article import parse_html

    html = ("<html><body>" + "<table><tr><td>" * 400 + "<p>Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị.</p>"
            + "<br>Đoạn thứ hai." + "</body></html>")
    lines = [line.text for line in element_lines(parse_html(html))]
    assert lines == ["Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị.", "Đoạn thứ hai."]
