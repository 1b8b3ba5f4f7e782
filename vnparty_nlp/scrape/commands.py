"""Entry points for ``vnparty fetch`` and ``vnparty crawl`` (wired into the main CLI by vnparty_nlp.cli).

Intended argparse options::

    vnparty fetch URL [--delay 1.0] [--timeout 30] [--no-robots] [--html]
        fetch_command(url, delay, timeout=..., obey_robots=..., include_html=...)
        prints one article as JSON (Article.to_dict()) to stdout.

    vnparty crawl START_URL [START_URL ...] --out articles.jsonl [--state crawl.sqlite]
                  [--max-pages 500] [--max-depth 3] [--delay 1.0] [--domain example.gov.vn ...]
                  [--timeout 30] [--no-progress] [--warc DIR [--warc-max-mb 1024]]
                  [--discover SITE|SITEMAP|FEED ...] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                  [--url-pattern REGEX]
        crawl_command(start_urls, out_path, state_path, max_pages, max_depth, delay, on_article=...)
        appends articles to --out (JSONL), keeps the resumable state in --state (default:
        <out>.state.sqlite), prints the summary to stderr.  Re-run the same command to resume.

Exit codes: 0 success; 1 the page/crawl produced nothing usable; 2 bad arguments.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vnparty_nlp.scrape.article import Article, parse_article
from vnparty_nlp.scrape.crawl import crawl
from vnparty_nlp.scrape.dates import parse_date
from vnparty_nlp.scrape.discovery import DiscoveryFilter
from vnparty_nlp.scrape.encoding import NotTextError
from vnparty_nlp.scrape.fetch import FetchConfig, Fetcher, FetchError, describe_failure, describe_message

log = logging.getLogger(__name__)

__all__ = ["fetch_command", "crawl_command", "default_state_path"]


def default_state_path(out_path: str | Path) -> Path:
    """Where the crawl state lives when no --state is given: beside the output."""
    out = Path(out_path)
    return out.with_name(out.name + ".state.sqlite")


def is_web_url(url: str) -> bool:
    """An ``http``/``https`` URL with a host: what ``fetch`` and ``crawl`` can start from."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch_command(url: str, delay: float = 1.0, *, timeout: float = 30.0, obey_robots: bool = True,
                  include_html: bool = False, config: FetchConfig | None = None) -> int:
    """Fetch one URL, print its article as JSON on stdout; errors go to stderr with exit code 1."""
    if not is_web_url(url):
        log.error("vnparty fetch: %r is not a URL (expected http://… or https://…)", url)
        return 2
    cfg = config or FetchConfig(delay=delay, read_timeout=timeout, obey_robots=obey_robots)
    with Fetcher(cfg) as fetcher:
        try:
            page = fetcher.fetch(url)
            article = parse_article(page.text, page.final_url)
        except FetchError as exc:
            log.error("vnparty fetch: %s: %s", exc.url, describe_failure(exc))
            return 1
        except NotTextError as exc:
            log.error("vnparty fetch: %s", exc)
            return 1
    data = article.to_dict()
    if include_html:
        data["html"] = page.text
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0 if article.paragraphs else 1


def crawl_command(start_urls: Sequence[str], out_path: str | Path, state_path: str | Path | None = None,
                  max_pages: int = 500, max_depth: int = 3, delay: float = 1.0,
                  on_article: Callable[[Article], Any] | None = None, *,
                  allowed_domains: Iterable[str] | None = None, timeout: float = 30.0,
                  progress: bool = True, config: FetchConfig | None = None,
                  warc_dir: str | Path | None = None, warc_max_bytes: int = 1024**3,
                  discover_from: Sequence[str] = (), since: str | None = None, until: str | None = None,
                  url_pattern: str | None = None) -> int:
    """Run (or resume) a crawl; print the summary to stderr.  Exit 0 if anything was written or all done."""
    if not start_urls and not discover_from:
        log.error("vnparty crawl: no start URL (give listing pages, or --discover a site, sitemap or feed)")
        return 2
    bad = [u for u in start_urls if not is_web_url(u)]
    if bad:
        log.error("vnparty crawl: not a URL: %s (expected http://… or https://…)", ", ".join(map(repr, bad)))
        return 2
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and parse_date(value) is None:
            log.error("vnparty crawl: %s %r is not a date (use YYYY-MM-DD)", name, value)
            return 2
    if url_pattern is not None:
        try:
            re.compile(url_pattern)
        except re.error as exc:
            log.error("vnparty crawl: --url-pattern %r is not a regular expression: %s", url_pattern, exc)
            return 2
    filt = DiscoveryFilter(since=parse_date(since) if since else None, until=parse_date(until) if until else None,
                           url_pattern=url_pattern)
    cfg = config or FetchConfig(delay=delay, read_timeout=timeout)
    try:
        report = crawl(
            start_urls, out_path, state_path or default_state_path(out_path), max_pages=max_pages,
            max_depth=max_depth, allowed_domains=allowed_domains, config=cfg, on_article=on_article,
            progress=progress, warc_dir=warc_dir, warc_max_bytes=warc_max_bytes,
            discover_from=discover_from, discovery_filter=filt,
        )
    except KeyboardInterrupt:
        log.error("vnparty crawl: interrupted; run the same command again to resume")
        return 130
    sys.stderr.write(report.summary() + "\n")
    if not (report.articles or report.fetched or report.not_modified):
        for url, reason, message in report.problems[:5]:  # nothing came: say why, not only how many
            sys.stderr.write(f"  {url}: {describe_message(message.removeprefix(url + ': ')) or reason}\n")
    return 0 if report.articles or report.fetched or report.not_modified else 1


def add_discovery_options(parser: Any) -> None:
    """The crawl options both command lines share (``vnparty crawl`` and ``python -m vnparty_nlp.scrape
    crawl``): where raw pages are kept and where article URLs are discovered, with their filters."""
    parser.add_argument("--warc", type=Path, metavar="DIR", help="keep every fetched response in WARC files here")
    parser.add_argument("--warc-max-mb", type=float, default=1024.0, help="start a new WARC file past this size")
    parser.add_argument("--discover", action="append", default=[], metavar="URL",
                        help="a site (its robots.txt sitemaps), sitemap or feed to take article URLs from")
    parser.add_argument("--since", help="only articles a sitemap or feed dates on or after this day")
    parser.add_argument("--until", help="only articles a sitemap or feed dates on or before this day")
    parser.add_argument("--url-pattern", help="only article URLs matching this regular expression")
