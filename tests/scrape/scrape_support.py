"""Support for the scrape tests: a real HTTP server on 127.0.0.1 serving the fixture sites, plus pages that misbehave on purpose.

Static pages come from ``tests/fixtures/sites`` (see ``make_sites.py``); fault routes live under
``/faults/``.  Every request is logged with whether its response was completely written, so tests
can check that no article was downloaded twice.  ``slow`` delays responses; before writing a
delayed response the handler checks that the client is still there (a killed crawler is not
counted as having received the page).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import json
import select
import socket
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
EXPECTED: dict[str, dict] = json.loads((SITES / "expected.json").read_text("utf-8"))
LAST_MODIFIED = "Thu, 21 May 2020 10:30:00 GMT"

ROBOTS = b"User-agent: *\nDisallow: /private/\nDisallow: /*?print=\n"

# content types the legacy pages are served with (old servers rarely say the truth)
LEGACY_TYPES = {
    "/legacy/cp1258.html": "text/html",
    "/legacy/tcvn3.html": "text/html; charset=ISO-8859-1",
    "/legacy/vni.html": "text/html",
    "/legacy/nfd.html": "text/html; charset=utf-8",
    "/layouts/frontpage/tin/hoinghi12.htm": "text/html",
    "/layouts/vni/tintuc/chitiet.asp": "text/html",
}
#: the CMS-layout pages (``make_layouts.py``) and what each must give
LAYOUT_EXPECTED: dict[str, dict] = json.loads((SITES / "layouts" / "expected.json").read_text("utf-8"))


def simple_article(title: str, paragraphs: list[str]) -> bytes:
    """A plain article page (unknown CMS: the generic extractor reads it)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div id="menu"><a href="/faults/">Trang chủ</a> | <a href="/faults/">Tin tức</a></div>'
            f'<div class="content"><h1>{title}</h1><div class="date">Thứ Năm, 21/05/2020 17:30</div>{body}</div>'
            f'<div class="footer">Bản quyền thuộc Cổng thông tin điện tử</div></body></html>').encode()


FAULT_ARTICLES = {
    "/faults/flaky.html": ("Thanh Hóa tổng kết công tác xây dựng Đảng năm 2020", [
        "Ngày 25/12/2020, Ban Thường vụ Tỉnh ủy Thanh Hóa tổ chức hội nghị tổng kết công tác xây dựng Đảng "
        "năm 2020, triển khai nhiệm vụ năm 2021.",
        "Năm 2020, toàn Đảng bộ kết nạp 5.120 đảng viên mới, đạt 102% kế hoạch; 98% tổ chức cơ sở đảng hoàn "
        "thành tốt nhiệm vụ.",
    ]),
    "/faults/busy.html": ("Lào Cai triển khai Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI", [
        "Sáng 13/10/2020, Tỉnh ủy Lào Cai tổ chức hội nghị quán triệt, triển khai Nghị quyết Đại hội đại biểu "
        "Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020-2025.",
        "Hội nghị được tổ chức trực tuyến tới 164 điểm cầu với hơn 9.000 đại biểu tham dự.",
    ]),
    "/private/secret.html": ("Tài liệu nội bộ", ["Trang này bị robots.txt chặn nên không được tải về."] * 3),
}


def _vn_time(iso: str) -> dt.datetime:
    """An ISO date (Vietnam time) as an aware datetime, for RSS pubDate."""
    stamp = dt.datetime.fromisoformat(iso if "T" in iso else iso + "T07:00")
    return stamp.replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))


@dataclass
class LogEntry:
    path: str
    status: int
    completed: bool
    headers: dict[str, str] = field(default_factory=dict)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.log: list[LogEntry] = []
            self.hits: dict[str, int] = {}
            self.slow: float = 0.0
            self.on_request: Callable[[str], None] | None = None
            self.hang_seconds = 3.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def completed_200(self, path: str) -> int:
        with self.lock:
            return sum(1 for e in self.log if e.path == path and e.status == 200 and e.completed)

    def hits_for(self, path: str) -> int:
        with self.lock:
            return self.hits.get(path, 0)

    def requests_for(self, path: str) -> list[LogEntry]:
        with self.lock:
            return [e for e in self.log if e.path == path]


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence stderr
        pass

    # helpers ---------------------------------------------------------------------------------------

    def _record(self, status: int, completed: bool) -> LogEntry:
        """Log a response *before* it is written (so the client never sees an unlogged response)."""
        entry = LogEntry(self.path, status, completed, dict(self.headers.items()))
        with self.server.lock:
            self.server.log.append(entry)
        return entry

    def _client_gone(self) -> bool:
        """True if the client closed its end (a killed crawler) while we were "slow"."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              *, length: bool = True) -> None:
        entry = self._record(status, False)
        try:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
            self.wfile.flush()
        except OSError:
            return  # the client went away: the entry stays "not completed"
        entry.completed = True

    # routes ----------------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
            hits = self.server.hits[path]
            slow, hook = self.server.slow, self.server.on_request
        if hook is not None:
            hook(path)
        if slow and path != "/robots.txt":
            time.sleep(slow)
            if self._client_gone():
                self._record(0, False)
                self.close_connection = True
                return
        if path == "/robots.txt":
            body = ROBOTS + f"Sitemap: {self.server.base}/sitemaps/index.xml\n".encode()
            return self._send(200, body, {"Content-Type": "text/plain"})
        if path.startswith(("/sitemaps/", "/feed/")):
            return self._discovery(path)
        if path.startswith(("/faults/", "/private/")) and self._fault(path, hits):
            return
        self._static(path)

    def _static(self, path: str) -> None:
        file = SITES / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file() or ".." in path or file.suffix not in (".html", ".aspx", ".htm", ".asp"):
            return self._send(404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"})
        data = file.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag}, length=False)
        ctype = LEGACY_TYPES.get(path, "text/html; charset=utf-8")
        self._send(200, data, {"Content-Type": ctype, "ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _discovery(self, path: str) -> None:
        """A sitemap index → a plain sitemap, a gzipped one and an old one; an RSS feed of the layout pages."""
        base = self.server.base
        xml = {"Content-Type": "application/xml; charset=utf-8"}
        if path == "/sitemaps/index.xml":
            items = [("portal.xml", "2020-03-09"), ("tapchi.xml.gz", "2025-05-05T09:15:00+07:00"),
                     ("old.xml", "2012-01-01")]
            body = "".join(f"<sitemap><loc>{base}/sitemaps/{n}</loc><lastmod>{d}</lastmod></sitemap>" for n, d in items)
            return self._send(200, ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.'
                                    f'org/schemas/sitemap/0.9">{body}</sitemapindex>').encode(), xml)
        if path in ("/sitemaps/portal.xml", "/sitemaps/tapchi.xml.gz", "/sitemaps/old.xml"):
            prefix = {"/sitemaps/portal.xml": "/portal/", "/sitemaps/tapchi.xml.gz": "/tapchi/"}.get(path)
            rows = [(p, w["published"] or "2020-03-01") for p, w in EXPECTED.items() if prefix and p.startswith(prefix)]
            if prefix is None:
                rows = [("/legacy/cp1258.html", "2011-05-01")]
            tag = "news:publication_date" if prefix == "/tapchi/" else "lastmod"
            body = "".join(f"<url><loc>{base}{p}</loc><{tag}>{d}</{tag}></url>" for p, d in rows)
            data = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                    f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>').encode()
            if path.endswith(".gz"):
                return self._send(200, gzip.compress(data), {"Content-Type": "application/x-gzip"})
            return self._send(200, data, xml)
        if path == "/feed/":
            items = "".join(
                f"<item><title>{w['title']}</title><link>{base}{p}</link>"
                f"<pubDate>{email.utils.format_datetime(_vn_time(w['published']))}</pubDate></item>"
                for p, w in LAYOUT_EXPECTED.items())
            return self._send(200, f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin mới'
                                   f'</title>{items}</channel></rss>'.encode(), {"Content-Type": "application/rss+xml"})
        return self._send(404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"})

    def _fault(self, path: str, hits: int) -> bool:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/faults/":
            links = [
                "/faults/flaky.html", "/faults/busy.html", "/faults/hang.html", "/faults/loop-a.html",
                "/faults/huge.html", "/faults/huge-declared.html", "/faults/report.pdf", "/faults/disguised.html",
                "/faults/gone.html", "/faults/down.html", "/private/secret.html", "/faults/", "/faults/?utm_source=self",
                "/faults/#top", "/faults/xa-hong-duc-to-chuc-dai-hoi-dang-bo-1440.html",
            ]
            items = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
            self._send(200, f"<html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
                            f"<ul>{items}</ul></body></html>".encode(), html)
        elif path == "/faults/flaky.html":
            if hits == 1:
                self._send(500, b"<html><body>Server Error in '/' Application.</body></html>", html)
            else:
                self._send(200, simple_article(*FAULT_ARTICLES[path]), html)
        elif path == "/faults/busy.html":
            if hits == 1:
                self._send(429, b"Too Many Requests", {"Retry-After": "1", "Content-Type": "text/plain"})
            else:
                self._send(200, simple_article(*FAULT_ARTICLES[path]), html)
        elif path == "/faults/down.html":
            self._send(503, b"<html><body>Service Unavailable</body></html>", html)
        elif path == "/faults/hang.html":
            time.sleep(self.server.hang_seconds)
            self._send(200, simple_article("Muộn", ["Quá muộn."]), html)
        elif path == "/faults/loop-a.html":
            self._send(302, b"", {"Location": "/faults/loop-b.html"})
        elif path == "/faults/loop-b.html":
            self._send(302, b"", {"Location": "/faults/loop-a.html"})
        elif path in ("/faults/huge.html", "/faults/huge-declared.html"):
            self._huge(declared=path.endswith("declared.html"))
        elif path == "/faults/report.pdf":
            self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"0" * 2000,
                       {"Content-Type": "application/pdf"})
        elif path == "/faults/disguised.html":
            self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01binary" * 200, html)
        elif path == "/private/secret.html":
            self._send(200, simple_article(*FAULT_ARTICLES[path]), html)
        else:
            return False
        return True

    def _huge(self, *, declared: bool) -> None:
        """20 MB of HTML, streamed (the client must give up long before the end)."""
        size = 20 * 1024 * 1024
        chunk = b"<p>" + "Đảng bộ tỉnh ".encode() * 4000 + b"</p>\n"
        entry = self._record(200, False)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if declared:
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            sent = 0
            while sent < size:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            return
        entry.completed = True


def crawl_killed_after(server: SiteServer, args: list[str], articles: list[str], root: Path, after: int = 3):
    """Run ``python -m vnparty_nlp.scrape crawl ARGS`` against a slow ``server``, SIGKILL it once ``after`` of
    ``articles`` were requested, then run it again to the end; returns the second run's CompletedProcess."""
    import os
    import signal
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "vnparty_nlp.scrape", "crawl", *args]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server.slow = 0.3
    reached = threading.Event()
    seen: list[str] = []

    def hook(path: str) -> None:
        if path in articles:
            seen.append(path)
            if len(seen) == after:
                reached.set()

    server.on_request = hook
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert reached.wait(30), "no progress"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    time.sleep(0.5)
    server.slow, server.on_request = 0.0, None
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=60)


def serving(srv: socketserver.BaseServer):
    """Serve ``srv`` on a daemon thread for the length of a ``with`` block (the fixtures' generator body)."""
    from contextlib import contextmanager

    @contextmanager
    def run():
        thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield srv
        finally:
            srv.shutdown()
            srv.server_close()

    return run()
