"""Article URLs from sitemaps and feeds, filtered by date, URL pattern and host before anything is fetched.

Discovery starts from a site (its robots.txt ``Sitemap:`` lines), a sitemap, a sitemap index, or a
feed (NukeViet ``/rss/``, WordPress ``/feed/``, DNN RSS, Atom).  Sitemaps may be gzipped.  An entry
whose date (``lastmod``, ``news:publication_date``, ``pubDate``, ``published``/``updated``) falls
outside ``since``/``until`` is dropped unfetched; a child sitemap whose ``lastmod`` is before
``since`` is not even opened (nothing in it changed later).  Entries without a date are kept: the
page itself will tell.
"""
from __future__ import annotations

import dataclasses
import email.utils
import gzip
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from vnparty_nlp.lang.calendar import parse_date
from vnparty_nlp.scrape.fetch import Fetcher, FetchError
from vnparty_nlp.scrape.urls import host_of, normalize_url, resolve

log = logging.getLogger(__name__)

__all__ = ["Discovered", "DiscoveryFilter", "discover", "parse_sitemap", "parse_feed"]

#: content types a sitemap or feed is served with
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/x-gzip",
             "application/gzip", "application/octet-stream", "application/x-rss+xml", "text/plain")
_FEED_HINT = re.compile(r"(?i)(/rss|/feed|/atom|\.rss$|rss\.xml|feed\.xml|atom\.xml|format=rss)")
_SITEMAP_HINT = re.compile(r"(?i)(sitemap|\.xml(\.gz)?$)")


@dataclass(frozen=True)
class Discovered:
    """An article URL, the date its sitemap or feed gives (ISO, or None) and where it was found."""

    url: str
    date: str | None
    source: str


@dataclass(frozen=True)
class DiscoveryFilter:
    """Which discovered URLs are worth fetching: dates (ISO, inclusive), a URL regex, hosts."""

    since: str | None = None
    until: str | None = None
    url_pattern: str | None = None
    hosts: frozenset[str] | None = None

    def date_ok(self, iso: str | None) -> bool:
        if iso is None:
            return True
        day = iso[:10]
        return not (self.since and day < self.since[:10]) and not (self.until and day > self.until[:10])

    def accepts(self, item: Discovered) -> bool:
        if not self.date_ok(item.date):
            return False
        if self.url_pattern and not re.search(self.url_pattern, item.url):
            return False
        if self.hosts is not None:
            host = host_of(item.url)
            return any(host == h or host.endswith("." + h) for h in self.hosts)
        return True


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_root(content: bytes) -> etree._Element | None:
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError) as exc:
            log.warning("a gzipped sitemap that does not decompress (%s): skipped", exc)
            return None
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content.strip(), parser)
    except etree.XMLSyntaxError:
        return None


def _child_text(el: etree._Element, *names: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return None


def _date(value: str | None) -> str | None:
    """ISO from a W3C datetime (sitemaps, Atom) or an RFC 822 date (RSS)."""
    if not value:
        return None
    iso = parse_date(value)
    if iso:
        return iso
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parse_date(stamp.isoformat())


def parse_sitemap(content: bytes, base: str) -> tuple[list[Discovered], list[Discovered]] | None:
    """(child sitemaps, page URLs) of a sitemap or sitemap index; None if it is not one."""
    root = _xml_root(content)
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return None
    children: list[Discovered] = []
    pages: list[Discovered] = []
    kind = _local(root.tag)
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(entry, "loc")
        url = resolve(base, loc) if loc else None
        if not url:
            continue
        date = _date(_child_text(entry, "publication_date") or _child_text(entry, "lastmod"))
        (children if kind == "sitemapindex" else pages).append(Discovered(url, date, base))
    return children, pages


def parse_feed(content: bytes, base: str) -> list[Discovered] | None:
    """Items of an RSS 2.0/1.0 or Atom feed; None if it is not a feed."""
    root = _xml_root(content)
    if root is None or _local(root.tag) not in ("rss", "feed", "rdf"):
        return None
    out: list[Discovered] = []
    for item in root.iter():
        name = _local(item.tag)
        if name not in ("item", "entry"):
            continue
        link = None
        for child in item:
            if _local(child.tag) == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    link = href
                elif (child.text or "").strip():
                    link = child.text.strip()
                if link:
                    break
        if link is None:
            link = _child_text(item, "guid")
        url = resolve(base, link) if link else None
        if url:
            out.append(Discovered(url, _date(_child_text(item, "pubdate", "published", "date", "updated")), base))
    return out


def discover(starts: Iterable[str], fetcher: Fetcher, filt: DiscoveryFilter | None = None, *,
             max_documents: int = 10_000) -> Iterator[Discovered]:
    """Article URLs from the starts' sitemaps and feeds, filtered, each once.

    A start that is a sitemap or feed is read directly; any other start adds its host's robots.txt
    ``Sitemap:`` lines.  Fetch errors are logged and skipped: one dead sitemap does not end discovery.
    """
    filt = filt or DiscoveryFilter()
    xml_fetcher = Fetcher(dataclasses.replace(fetcher.config, accept_types=(*fetcher.config.accept_types, *XML_TYPES)),
                          session=fetcher.session)
    queue: list[str] = []
    for start in starts:
        url = normalize_url(start)
        if _SITEMAP_HINT.search(url) or _FEED_HINT.search(url):
            queue.append(url)
        else:
            sitemaps = xml_fetcher.robots_sitemaps(url)
            if not sitemaps:
                log.warning("%s: robots.txt names no sitemap; give a sitemap or feed URL", url)
            queue.extend(sitemaps)
    seen_docs: set[str] = set()
    seen_urls: set[str] = set()
    while queue and len(seen_docs) < max_documents:
        doc = queue.pop(0)
        if doc in seen_docs:
            continue
        seen_docs.add(doc)
        try:
            page = xml_fetcher.fetch(doc)
        except FetchError as exc:
            log.warning("%s: sitemap/feed not fetched (%s): skipped", doc, exc)
            continue
        base = page.final_url
        parsed = parse_sitemap(page.content, base)
        if parsed is not None:
            children, pages = parsed
            for child in children:
                if filt.since and child.date and child.date[:10] < filt.since[:10]:
                    log.info("%s: last modified %s, before --since: not opened", child.url, child.date)
                    continue
                queue.append(child.url)
            items = pages
        else:
            items = parse_feed(page.content, base)
            if items is None:
                log.warning("%s: neither a sitemap nor a feed: skipped", doc)
                continue
        for item in items:
            url = normalize_url(item.url)
            if url in seen_urls or not filt.accepts(item):
                continue
            seen_urls.add(url)
            yield Discovered(url, item.date, doc)
