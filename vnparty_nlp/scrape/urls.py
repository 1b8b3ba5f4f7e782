"""URL normalization: one spelling per page, so de-duplication and the crawl state agree."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["normalize_url", "host_of", "same_site", "resolve"]

_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "zarsrc", "_ga")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters.

    Query parameters keep their order (CMS article ids live there: ``?ItemID=123``) but lose
    analytics noise; an empty path becomes ``/``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(_TRACKING_PREFIXES)],
        doseq=True,
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
    url = urljoin(base, href)
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return normalize_url(url)
