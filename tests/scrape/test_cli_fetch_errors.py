"""`vnparty fetch` and `vnparty crawl` offline or with a mistyped URL: say what happened, never
"disallowed by robots.txt" when no robots.txt could be read at all."""
from __future__ import annotations

import socket

import pytest


@pytest.fixture()
def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_fetch_connection_refused(tmp_path, vnparty, closed_port):
    done = vnparty("fetch", f"http://127.0.0.1:{closed_port}/bai-viet", "--delay", "0", "--timeout", "5",
                   cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "connection refused" in done.stderr and "disallowed by robots.txt" not in done.stderr
    assert "Traceback" not in done.stderr


def test_fetch_without_robots_connection_refused(tmp_path, vnparty, closed_port):
    done = vnparty("fetch", f"http://127.0.0.1:{closed_port}/", "--no-robots", "--delay", "0", cwd=tmp_path,
                   timeout=120)
    assert done.returncode == 1 and "connection refused" in done.stderr
    assert "HTTPConnectionPool" not in done.stderr  # words, not the exception chain


def test_fetch_dns_failure(tmp_path, vnparty):
    done = vnparty("fetch", "http://tinh-uy.invalid/tin-tuc", "--delay", "0", "--timeout", "5", cwd=tmp_path,
                   timeout=120)
    assert done.returncode == 1
    assert "DNS failure" in done.stderr and "disallowed by robots.txt" not in done.stderr


@pytest.mark.parametrize("url", ["baodienbienphu.com.vn/tin-tuc", "htp://x.vn/", "dai hoi"])
def test_fetch_not_a_url(tmp_path, vnparty, url):
    done = vnparty("fetch", url, cwd=tmp_path)
    assert done.returncode == 2 and "is not a URL (expected http://… or https://…)" in done.stderr


def test_crawl_not_a_url_and_refused(tmp_path, vnparty, closed_port):
    done = vnparty("crawl", "baodienbienphu.com.vn", "--out", "a.jsonl", "--no-progress", cwd=tmp_path)
    assert done.returncode == 2 and "not a URL: 'baodienbienphu.com.vn'" in done.stderr
    start = f"http://127.0.0.1:{closed_port}/chinh-tri/"
    done = vnparty("crawl", start, "--out", "a.jsonl", "--delay", "0", "--no-progress", cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "failed 1: connection 1" in done.stderr and f"{start}: connection refused" in done.stderr
    assert "robots 1" not in done.stderr
