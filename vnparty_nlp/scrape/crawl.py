"""Crawl listing pages (with pagination) to article pages and write the articles as JSONL.

Resumable by construction: the SQLite state (:mod:`~vnparty_nlp.scrape.state`) is the source of
truth.  For each page, one transaction records the outcome, the links found and the article (as
JSON, "not yet emitted"); only then is the article appended to the JSONL file, flushed and fsynced,
and marked emitted together with the new output length.  On restart the output is cut back to the
confirmed length (dropping a half-written line) and kept-but-unconfirmed articles are written from
the state, so a crawl stopped at any moment (Ctrl-C, ``kill -9``) ends with every article exactly
once and without fetching any article twice.  A crawl that finished is re-crawled as a new
"generation", with conditional requests so unchanged pages cost a 304.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bs4 import BeautifulSoup, Tag
from tqdm import tqdm

from vnparty_nlp.scrape.article import Article, choose_profile, is_article_page, parse_article, parse_html
from vnparty_nlp.scrape.discovery import DiscoveryFilter, discover
from vnparty_nlp.scrape.encoding import NotTextError
from vnparty_nlp.scrape.fetch import FetchConfig, Fetcher, FetchError
from vnparty_nlp.scrape.profiles import SiteProfile
from vnparty_nlp.scrape.state import CrawlState, UrlRow
from vnparty_nlp.scrape.urls import host_of, normalize_url, resolve, same_site
from vnparty_nlp.scrape.warc import WarcWriter

log = logging.getLogger(__name__)

__all__ = ["CrawlReport", "crawl", "SKIP_REASONS"]

#: reasons that are a decision (the page is not for us), not a failure
SKIP_REASONS = frozenset({
    "robots", "content_type", "duplicate_url", "duplicate_content", "not_article", "off_site", "unchanged",
})


@dataclass
class CrawlReport:
    """What one crawl run did.  ``problems`` lists every skipped or failed URL with its reason."""

    fetched: int = 0
    not_modified: int = 0
    articles: int = 0
    listings: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    callback_errors: int = 0
    resumed: bool = False
    recrawl: bool = False
    restored: int = 0
    pending: int = 0
    elapsed: float = 0.0

    def note(self, url: str, reason: str, message: str = "") -> None:
        (self.skipped if reason in SKIP_REASONS else self.failed)[reason] += 1
        self.problems.append((url, reason, message))

    def to_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched, "not_modified": self.not_modified, "articles": self.articles,
            "listings": self.listings, "skipped": dict(self.skipped), "failed": dict(self.failed),
            "problems": [list(p) for p in self.problems], "callback_errors": self.callback_errors,
            "resumed": self.resumed, "recrawl": self.recrawl, "restored": self.restored, "pending": self.pending,
            "elapsed": round(self.elapsed, 3),
        }

    def summary(self) -> str:
        def fmt(c: Counter[str]) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "none"
        lines = [
            f"crawl {'resumed' if self.resumed else 're-crawl' if self.recrawl else 'run'}: "
            f"{self.fetched} pages fetched, {self.not_modified} not modified, {self.articles} articles written"
            + (f" ({self.restored} restored from the state)" if self.restored else "")
            + f", {self.listings} listing pages, in {self.elapsed:.1f}s",
            f"skipped {sum(self.skipped.values())}: {fmt(self.skipped)}",
            f"failed {sum(self.failed.values())}: {fmt(self.failed)}",
        ]
        if self.pending:
            lines.append(f"{self.pending} URLs still pending (page limit reached): run again to continue")
        return "\n".join(lines)


# --- output ---------------------------------------------------------------------------------------------

class _Output:
    """The JSONL file, kept in step with the state: cut back to the confirmed length on open."""

    def __init__(self, path: Path, state: CrawlState) -> None:
        self.path = path
        self.state = state
        path.parent.mkdir(parents=True, exist_ok=True)
        confirmed = int(state.get("out_offset", "0") or 0)
        size = path.stat().st_size if path.exists() else 0
        if size > confirmed:
            log.warning("%s: dropping %d unconfirmed bytes after offset %d (interrupted write)",
                        path, size - confirmed, confirmed)
        elif size < confirmed:
            log.error("%s is shorter (%d bytes) than the state says (%d): was it edited? continuing at its end",
                      path, size, confirmed)
            confirmed = size
        self.fh: IO[bytes] = open(path, "r+b" if path.exists() else "w+b")  # noqa: SIM115
        self.fh.truncate(confirmed)
        self.fh.seek(confirmed)

    def write(self, payload: str) -> int:
        """Append one line, flush it to disk, return the new confirmed length."""
        self.fh.write(payload.encode("utf-8") + b"\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


# --- link discovery -------------------------------------------------------------------------------------

def _links(soup: BeautifulSoup, base: str, selectors: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for sel in selectors:
        for a in soup.select(sel):
            if isinstance(a, Tag):
                url = resolve(base, str(a.get("href") or ""))
                if url and url not in out:
                    out.append(url)
    return out


def _discover(soup: BeautifulSoup, base: str, prof: SiteProfile | None, is_article: bool
              ) -> tuple[list[str], list[str], list[str]]:
    """(article links, next-page links, other links) of a page."""
    if prof is not None:
        articles = _links(soup, base, prof.listing_links)
        pages = _links(soup, base, prof.next_page)
        if articles or pages or is_article:
            return articles, pages, []
    if is_article:
        return [], [], []
    # unknown layout: a listing is whatever links it has; depth keeps this bounded
    return [], [], _links(soup, base, ("a[href]",))


# --- the crawl ------------------------------------------------------------------------------------------

class _Crawler:
    def __init__(self, state: CrawlState, out: _Output, fetcher: Fetcher, domains: frozenset[str],
                 max_depth: int, on_article: Callable[[Article], Any] | None, report: CrawlReport,
                 bar: tqdm, warc: WarcWriter | None = None, url_pattern: str | None = None) -> None:
        self.state, self.out, self.fetcher, self.warc = state, out, fetcher, warc
        self.url_pattern = re.compile(url_pattern) if url_pattern else None
        self.domains, self.max_depth, self.on_article = domains, max_depth, on_article
        self.report, self.bar = report, bar
        self.generation = int(state.get("generation", "1") or 1)

    def emit_pending(self) -> int:
        """Write kept-but-unconfirmed articles to the output, oldest first."""
        n = 0
        for canonical, payload in self.state.unemitted():
            offset = self.out.write(payload)
            self.state.mark_emitted(canonical, offset)
            self.report.articles += 1
            n += 1
            if self.on_article is not None:
                try:
                    self.on_article(Article.from_dict(json.loads(payload)))
                except Exception:  # noqa: BLE001 - the upper layer's fault must not stop the crawl
                    self.report.callback_errors += 1
                    log.exception("on_article failed for %s", canonical)
        return n

    def _enqueue(self, src: str, urls: Iterable[str], kind: str, depth: int) -> None:
        for url in urls:
            if depth > self.max_depth:
                continue
            if not same_site(url, self.domains):
                continue
            if kind == "article" and self.url_pattern is not None and not self.url_pattern.search(url):
                continue
            self.state.add_link(src, url, kind, depth)
            self.state.add_url(url, kind, depth, self.generation)

    def process(self, row: UrlRow) -> None:
        url = row.url
        revisit = row.etag is not None or row.last_modified is not None
        try:
            page = self.fetcher.fetch(url, etag=row.etag, last_modified=row.last_modified)
        except FetchError as exc:
            reason = exc.reason
            with self.state.transaction():
                self.state.mark(url, "skipped" if reason in SKIP_REASONS else "failed", reason=reason)
            self.report.note(url, reason, str(exc))
            log.info("%s: %s", reason, exc)
            return
        if page.not_modified:
            self.report.not_modified += 1
            with self.state.transaction():
                # an unchanged listing still leads to its articles: re-walk the links it had
                for dst, kind, depth in self.state.links_from(url):
                    if depth <= self.max_depth:
                        self.state.add_url(dst, kind, depth, self.generation)
                self.state.mark(url, "done", reason="not_modified", keep_validators=True)
            return
        self.report.fetched += 1
        self.bar.update(1)
        pointer = self.warc.write_page(page) if self.warc is not None else None
        try:
            text = page.text
        except NotTextError as exc:
            with self.state.transaction():
                self.state.mark(url, "failed", reason="not_text")
            self.report.note(url, "not_text", str(exc))
            return
        final = normalize_url(page.final_url)
        soup = parse_html(text)
        prof = choose_profile(soup, final)
        article = parse_article(text, final, profile=prof)
        if pointer is not None:
            article.warc_file, article.warc_offset = pointer.file, pointer.offset
        is_article = is_article_page(article, prof)
        articles, pages, others = _discover(soup, final, prof, is_article)
        outcome = "article" if is_article else "listing" if (articles or pages or others) else "not_article"
        with self.state.transaction():
            self._enqueue(url, articles, "article", row.depth + 1)
            self._enqueue(url, pages, "listing", row.depth)  # pagination continues the same listing
            self._enqueue(url, others, "page", row.depth + 1)
            reason = None
            if is_article:
                reason = self._keep(article, revisit)
            validators = {"etag": page.etag, "last_modified": page.last_modified}
            kind = "article" if is_article else "listing"
            status = "skipped" if reason in SKIP_REASONS else "done"
            self.state.mark(url, status, reason=reason or (None if outcome != "not_article" else "not_article"),
                            kind=kind, **validators)
            if final != url:
                self.state.mark(final, status, reason=reason, kind=kind, **validators)
        if outcome == "listing":
            self.report.listings += 1
        elif outcome == "not_article":
            self.report.note(url, "not_article", "no article text and no links")
        if reason:
            self.report.note(url, reason, article.canonical_url)
        self.emit_pending()

    def _keep(self, article: Article, revisit: bool) -> str | None:
        """Store the article unless it is a duplicate; returns the skip reason, if any."""
        digest = article.content_hash
        known = self.state.article_hash(article.canonical_url)
        if known == digest:
            return "unchanged" if revisit else "duplicate_url"
        other = self.state.canonical_for_hash(digest)
        if other is not None and other != article.canonical_url:
            return "duplicate_content"
        self.state.store_article(article.canonical_url, article.url, digest, article.to_json())
        return None


def crawl(
    start_urls: Iterable[str],
    out_path: str | Path,
    state_path: str | Path,
    *,
    max_pages: int = 500,
    max_depth: int = 3,
    allowed_domains: Iterable[str] | None = None,
    delay: float | None = None,
    fetcher: Fetcher | None = None,
    config: FetchConfig | None = None,
    on_article: Callable[[Article], Any] | None = None,
    progress: bool = True,
    warc_dir: str | Path | None = None,
    warc_max_bytes: int = 1024**3,
    discover_from: Iterable[str] | None = None,
    discovery_filter: DiscoveryFilter | None = None,
) -> CrawlReport:
    """Crawl from listing pages to articles; append each new article to ``out_path`` as one JSON line.

    ``max_pages`` caps the pages downloaded in this run; ``max_depth`` the link hops from a start
    URL (following a "next page" link does not count as a hop).  ``allowed_domains`` defaults to the
    start URLs' hosts.  ``on_article(article)`` is called once per written article; its exceptions
    are logged and counted, never fatal.  Re-running with the same ``state_path`` resumes an
    interrupted crawl, or re-crawls a finished one with conditional requests.  With ``warc_dir``
    every fetched response is also kept in rotating WARC files there, and each article points to its
    record (``warc_file``, ``warc_offset``).  ``discover_from`` (sites, sitemaps, feeds) adds the article
    URLs of their sitemaps and feeds that pass ``discovery_filter`` (dates, URL pattern, hosts), before
    any article is fetched; a resumed run does not discover again.
    """
    started = time.monotonic()
    starts = [normalize_url(u) for u in start_urls]
    discovery_starts = [normalize_url(u) for u in discover_from or ()]
    domains = frozenset(d.lower().removeprefix("www.") for d in allowed_domains) if allowed_domains \
        else frozenset(host_of(u) for u in [*starts, *discovery_starts])
    state = CrawlState(state_path)
    report = CrawlReport()
    own_fetcher = fetcher is None
    if fetcher is None:
        cfg = config or FetchConfig()
        if delay is not None:
            cfg = dataclasses.replace(cfg, delay=delay)
        fetcher = Fetcher(cfg)
    out = _Output(Path(out_path), state)
    warc = WarcWriter(warc_dir, max_bytes=warc_max_bytes) if warc_dir is not None else None
    bar = tqdm(total=max_pages, unit="page", desc="crawl", disable=not progress, leave=False)
    try:
        status = state.get("status")
        generation = int(state.get("generation", "0") or 0)
        with state.transaction():
            if status == "finished":
                generation += 1
                report.recrawl = True
            elif status is None:
                generation = max(generation, 1)
            else:
                report.resumed = True
            state.set("generation", generation)
            state.set("status", "running")
            for url in starts:
                state.add_url(url, "seed", 0, generation)
        if discovery_starts and state.get("discovered") != str(generation):
            filt = discovery_filter or DiscoveryFilter()
            found = [d for d in discover(discovery_starts, fetcher, filt) if same_site(d.url, domains)]
            with state.transaction():
                for item in found:
                    state.add_url(item.url, "article", 0, generation)
                state.set("discovered", generation)
            log.info("discovery: %d article URL(s) from sitemaps and feeds", len(found))
        url_pattern = discovery_filter.url_pattern if discovery_filter else None
        crawler = _Crawler(state, out, fetcher, domains, max_depth, on_article, report, bar, warc, url_pattern)
        report.restored = crawler.emit_pending()
        while report.fetched < max_pages:
            row = state.next_pending()
            if row is None:
                break
            crawler.process(row)
            bar.set_postfix(articles=report.articles, failed=sum(report.failed.values()), refresh=False)
        pending = state.conn.execute("SELECT COUNT(*) FROM urls WHERE status = 'pending'").fetchone()[0]
        report.pending = int(pending)
        with state.transaction():
            state.set("status", "paused" if pending else "finished")
    finally:
        bar.close()
        out.close()
        if warc is not None:
            warc.close()
        state.close()
        if own_fetcher:
            fetcher.close()
    report.elapsed = time.monotonic() - started
    log.info("%s", report.summary())
    return report
