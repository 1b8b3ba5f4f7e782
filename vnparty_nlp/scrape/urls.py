"""URL normalization: one spelling per page, so de-duplication and the crawl state agree.

Normalization never changes what a URL fetches: the query string keeps its bytes (percent escapes,
bare keys such as ``?123``) and only whole tracking parameters are dropped.  A link that is not a
URL at all (a port of 99999, a broken IPv6 literal) is skipped with a log line, never an exception
that would stop a crawl on every resume.
"""
from __future__ import annotations

import logging
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

log = logging.getLogger(__name__)

__all__ = ["normalize_url", "host_of", "same_site", "resolve"]

_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "zarsrc", "_ga")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters.

    Query parameters keep their order and their exact spelling (CMS article ids live there:
    ``?ItemID=123``) but lose analytics noise; an empty path becomes ``/``.  Raises ``ValueError``
    for a string that is not a URL (invalid port, broken IPv6 host).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port  # ValueError for a port outside 0-65535 or not a number
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    query = "&".join(
        pair for pair in parts.query.split("&")
        if pair and not unquote(pair.partition("=")[0]).lower().startswith(_TRACKING_PREFIXES)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The host name without ``www.`` (the ``site`` of an article)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, domains: frozenset[str] | set[str]) -> bool:
    """True if the URL's host is one of ``domains`` or a subdomain of one (``www.`` ignored)."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)


def resolve(base: str, href: str | None) -> str | None:
    """Absolute, normalized http(s) URL for a link, or None for mailto:, javascript:, empty links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        url = urljoin(base, href)
        if urlsplit(url).scheme not in ("http", "https"):
            return None
        return normalize_url(url)
    except ValueError as exc:
        log.info("skipping the link %r (from %s): not a usable URL (%s)", href[:200], base, exc)
        return None
