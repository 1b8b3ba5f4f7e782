"""vnparty_nlp.scrape: URLs → clean articles.  The lowest layer: it imports nothing else from vnparty_nlp.

- :func:`fetch` / :class:`Fetcher`: polite, bounded HTTP (robots.txt, per-host delay, retries, size cap).
- :func:`decode_bytes`: any Vietnamese encoding (UTF-8, Windows-1258, TCVN3, VNI) → NFC text.
- :func:`parse_article`: HTML → :class:`Article` (site profiles + a generic extractor; no furniture).
- :func:`crawl`: listings → articles as JSONL, resumable after any interruption, with a :class:`CrawlReport`.
- :func:`discover`: article URLs from robots.txt sitemaps, sitemap indexes, sitemaps and feeds, filtered.
- :class:`WarcWriter` / :func:`iter_warc` / :func:`iter_warc_articles`: raw pages kept as WARC and read back.
"""
from __future__ import annotations

from vnparty_nlp.scrape.article import Article, parse_article
from vnparty_nlp.scrape.crawl import CrawlReport, crawl
from vnparty_nlp.scrape.dates import parse_date
from vnparty_nlp.scrape.discovery import Discovered, DiscoveryFilter, discover
from vnparty_nlp.scrape.encoding import NotTextError, decode_bytes
from vnparty_nlp.scrape.fetch import (
    USER_AGENT,
    ConnectionFailed,
    FetchConfig,
    Fetcher,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    Page,
    RedirectError,
    RobotsDisallowed,
    TooLarge,
    UnsupportedContent,
    fetch,
)
from vnparty_nlp.scrape.profiles import PROFILES, SiteProfile, register
from vnparty_nlp.scrape.warc import WarcPage, WarcPointer, WarcWriter, iter_warc, iter_warc_articles

__all__ = [
    "Article", "parse_article", "CrawlReport", "crawl", "parse_date", "NotTextError", "decode_bytes",
    "USER_AGENT", "FetchConfig", "Fetcher", "Page", "fetch", "FetchError", "ConnectionFailed", "FetchTimeout",
    "HTTPStatusError", "InvalidURL", "RedirectError", "RobotsDisallowed", "TooLarge", "UnsupportedContent",
    "PROFILES", "SiteProfile", "register", "Discovered", "DiscoveryFilter", "discover", "WarcWriter", "WarcPage",
    "WarcPointer", "iter_warc", "iter_warc_articles",
]
