"""The fetcher against a real server that misbehaves: each fault is a typed, reported error."""
from __future__ import annotations

import dataclasses
import time

import pytest
from scrape_support import SiteServer

from vnparty_nlp.scrape import (
    USER_AGENT,
    FetchConfig,
    Fetcher,
    FetchTimeout,
    HTTPStatusError,
    RedirectError,
    RobotsDisallowed,
    TooLarge,
    UnsupportedContent,
)

ARTICLE = "/portal/chinh-tri/huyen-uy-ninh-giang-co-pho-bi-thu-thuong-truc-moi-1421.html"


def test_user_agent_and_page_fields(server: SiteServer, fetcher: Fetcher) -> None:
    page = fetcher.fetch(server.url(ARTICLE))
    assert page.status == 200 and page.is_html and page.etag and page.last_modified
    assert "Huyện ủy Ninh Giang" in page.text
    assert USER_AGENT.startswith("vnparty_nlp/") and USER_AGENT.endswith("(+research crawler)")
    assert server.requests_for(ARTICLE)[-1].headers["User-Agent"] == USER_AGENT


def test_500_then_200_is_retried(server: SiteServer, fetcher: Fetcher) -> None:
    page = fetcher.fetch(server.url("/faults/flaky.html"))
    assert page.status == 200
    assert [e.status for e in server.requests_for("/faults/flaky.html")] == [500, 200]


def test_5xx_forever_fails_after_retries(server: SiteServer, config: FetchConfig) -> None:
    with Fetcher(dataclasses.replace(config, retries=1)) as f, pytest.raises(HTTPStatusError) as err:
        f.fetch(server.url("/faults/down.html"))
    assert err.value.status == 503 and err.value.reason == "http_status"
    assert server.hits_for("/faults/down.html") == 2


def test_429_honours_retry_after(server: SiteServer, fetcher: Fetcher) -> None:
    start = time.monotonic()
    page = fetcher.fetch(server.url("/faults/busy.html"))
    assert page.status == 200
    assert time.monotonic() - start >= 0.9  # Retry-After: 1, not the 0.05 s backoff
    assert [e.status for e in server.requests_for("/faults/busy.html")] == [429, 200]


def test_retry_after_is_capped(server: SiteServer, config: FetchConfig) -> None:
    with Fetcher(dataclasses.replace(config, max_retry_after=0.2)) as f:
        start = time.monotonic()
        assert f.fetch(server.url("/faults/busy.html")).status == 200
        assert time.monotonic() - start < 0.9


def test_timeout(server: SiteServer, config: FetchConfig) -> None:
    server.hang_seconds = 2.0
    with Fetcher(dataclasses.replace(config, read_timeout=0.3, retries=1)) as f:
        start = time.monotonic()
        with pytest.raises(FetchTimeout) as err:
            f.fetch(server.url("/faults/hang.html"))
    assert err.value.reason == "timeout"
    assert time.monotonic() - start < 1.5
    assert server.hits_for("/faults/hang.html") == 2  # one retry


def test_redirect_loop(server: SiteServer, fetcher: Fetcher) -> None:
    with pytest.raises(RedirectError, match="loop"):
        fetcher.fetch(server.url("/faults/loop-a.html"))
    assert len(server.requests_for("/faults/loop-a.html")) == 1


@pytest.mark.parametrize("path", ["/faults/huge.html", "/faults/huge-declared.html"])
def test_20_mb_page_is_cut_off(server: SiteServer, fetcher: Fetcher, path: str) -> None:
    start = time.monotonic()
    with pytest.raises(TooLarge):
        fetcher.fetch(server.url(path))
    assert time.monotonic() - start < 5


def test_pdf_is_not_parsed(server: SiteServer, fetcher: Fetcher) -> None:
    with pytest.raises(UnsupportedContent, match="application/pdf"):
        fetcher.fetch(server.url("/faults/report.pdf"))
    with pytest.raises(UnsupportedContent, match="PDF"):
        fetcher.fetch(server.url("/faults/disguised.html"))


def test_robots_txt_is_obeyed(server: SiteServer, fetcher: Fetcher) -> None:
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(server.url("/private/secret.html"))
    assert server.requests_for("/private/secret.html") == []
    assert len(server.requests_for("/robots.txt")) == 1
    fetcher.fetch(server.url(ARTICLE))
    assert len(server.requests_for("/robots.txt")) == 1  # cached per host


def test_404(server: SiteServer, fetcher: Fetcher) -> None:
    with pytest.raises(HTTPStatusError) as err:
        fetcher.fetch(server.url("/faults/gone.html"))
    assert err.value.status == 404
    assert len(server.requests_for("/faults/gone.html")) == 1  # 4xx is not retried


def test_conditional_request_gives_304(server: SiteServer, fetcher: Fetcher) -> None:
    first = fetcher.fetch(server.url(ARTICLE))
    again = fetcher.fetch(server.url(ARTICLE), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert server.requests_for(ARTICLE)[-1].headers["If-None-Match"] == first.etag


def test_per_host_delay(server: SiteServer, config: FetchConfig) -> None:
    with Fetcher(dataclasses.replace(config, delay=0.3)) as f:
        f.fetch(server.url(ARTICLE))  # also fetches robots.txt
        start = time.monotonic()
        f.fetch(server.url(ARTICLE))
        f.fetch(server.url(ARTICLE))
        assert time.monotonic() - start >= 0.55
