"""Polite, bounded HTTP fetching: one page in, one :class:`Page` (or a typed :class:`FetchError`) out.

Small government servers are slow and fragile, so the fetcher is deliberately gentle: one session,
an honest User-Agent, ``robots.txt`` obeyed, a per-host delay, retries with backoff that honour
``Retry-After``.  And it is defensive, because a crawl must survive any page: timeouts, a size cap
enforced while streaming, content-type checks before the body is read, a redirect-loop guard.
Conditional requests (ETag / Last-Modified) let a re-crawl skip pages that have not changed.
Every response has an overall deadline (``FetchConfig.deadline``) besides the per-read timeout, so a
server that drips its headers or body a byte at a time cannot hold the crawl.
"""
from __future__ import annotations

import email.utils
import logging
import re
import sys
import time
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

import requests
import urllib3

from vnparty_nlp.scrape.deadline import Deadline, DeadlineAdapter
from vnparty_nlp.scrape.encoding import decode_bytes, sniff_binary
from vnparty_nlp.scrape.robots import RobotsRules
from vnparty_nlp.scrape.urls import normalize_url, resolve

log = logging.getLogger(__name__)

__all__ = [
    "USER_AGENT",
    "FetchConfig",
    "Page",
    "Fetcher",
    "fetch",
    "FetchError",
    "RobotsDisallowed",
    "TooLarge",
    "UnsupportedContent",
    "HTTPStatusError",
    "RedirectError",
    "FetchTimeout",
    "ConnectionFailed",
    "InvalidURL",
]


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("vnparty_nlp")
    except PackageNotFoundError:
        # not installed (running from a checkout): the parent package is loaded anyway
        return getattr(sys.modules.get("vnparty_nlp"), "__version__", "0")


USER_AGENT = f"vnparty_nlp/{_version()} (+research crawler)"
#: the token robots.txt rules are matched against
ROBOTS_AGENT = "vnparty_nlp"
_REDIRECTS = (301, 302, 303, 307, 308)
#: robots.txt beyond this many bytes is ignored (RFC 9309 asks parsers to read at least 500 KiB)
ROBOTS_MAX_BYTES = 512 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


# --- errors -------------------------------------------------------------------------------------

class FetchError(Exception):
    """A page that could not be fetched; ``reason`` is a short stable code for crawl reports."""

    reason = "error"

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.status = status


class RobotsDisallowed(FetchError):
    reason = "robots"


class TooLarge(FetchError):
    reason = "too_large"


class UnsupportedContent(FetchError):
    """Not a web page (a PDF, an image...): reported and skipped, never parsed as HTML."""

    reason = "content_type"


class HTTPStatusError(FetchError):
    reason = "http_status"


class RedirectError(FetchError):
    reason = "redirect"


class FetchTimeout(FetchError):
    reason = "timeout"


class ConnectionFailed(FetchError):
    reason = "connection"


class InvalidURL(FetchError):
    """Not a fetchable URL (an invalid port, a broken IPv6 host)."""

    reason = "invalid_url"


# --- data -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FetchConfig:
    """Fetcher limits.  Tests shrink ``delay``, ``timeout`` and ``backoff``; crawls should not."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: total seconds for one response, headers and body (retries and redirects each get their own)
    deadline: float = 90.0
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_redirects: int = 10
    delay: float = 1.0
    max_crawl_delay: float = 30.0
    obey_robots: bool = True
    accept_types: tuple[str, ...] = (*_HTML_TYPES, "text/plain")


@dataclass
class Page:
    """One fetched page.  ``status`` 304 means "not modified since the ETag/date we sent" (no body)."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    redirects: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def is_html(self) -> bool:
        return self.content_type in _HTML_TYPES

    @cached_property
    def text(self) -> str:
        """The body as NFC text (raises :class:`~vnparty_nlp.scrape.encoding.NotTextError`)."""
        return decode_bytes(self.content, self.charset)


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if _DIGITS.fullmatch(value):
        return float(value)  # a 400-digit number is inf: the caller caps it
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError, OSError):  # year 99999999999, a day 0...
        log.debug("ignoring an unusable Retry-After %r", value[:100])
        return None


_DIGITS = re.compile(r"[0-9]+")


def _close(resp: requests.Response) -> None:
    """Close a response and stop the deadline that watched it (its connection may serve another)."""
    deadline = getattr(resp, "deadline", None)
    if deadline is not None:
        deadline.cancel()
    resp.close()


# --- fetcher --------------------------------------------------------------------------------------

class Fetcher:
    """Fetches pages politely; keep one per crawl (it holds the session, robots cache and host clock)."""

    def __init__(self, config: FetchConfig | None = None, session: requests.Session | None = None) -> None:
        self.config = config or FetchConfig()
        self.session = session or requests.Session()
        for prefix in ("http://", "https://"):
            self.session.mount(prefix, DeadlineAdapter())
        self.session.headers.update({
            "User-Agent": self.config.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1",
            "Accept-Language": "vi,en;q=0.5",
        })
        self._robots: dict[str, RobotsRules | None] = {}
        self._last_request: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # politeness ----------------------------------------------------------------------------------

    def _throttle(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = self._host_delay.get(host, self.config.delay)
        last = self._last_request.get(host)
        if last is not None:
            wait = delay - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _robots_for(self, url: str) -> RobotsRules | None:
        """The parsed robots.txt of the URL's host; None means "everything allowed"."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key in self._robots:
            return self._robots[key]
        parser: RobotsRules | None = RobotsRules(key + "/robots.txt")
        assert parser is not None
        try:
            target: str | None = key + "/robots.txt"
            for _ in range(5):  # RFC 9309: follow at least five redirects
                assert target is not None
                resp = self._request(target, {}, retries=1)
                try:
                    location = resp.headers.get("Location")
                    if resp.status_code in _REDIRECTS and location:
                        target = resolve(target, location)
                        if target is None:
                            break
                        continue
                    body = self._read_body(target, resp, truncate=True) if resp.status_code == 200 else b""
                finally:
                    _close(resp)
                break
            if resp.status_code == 200:
                parser.parse(body.decode("utf-8", "replace").splitlines())
                crawl_delay = parser.crawl_delay(self.config.user_agent)
                if crawl_delay:
                    self._host_delay[parts.netloc] = min(
                        max(float(crawl_delay), self.config.delay), self.config.max_crawl_delay
                    )
            elif 300 <= resp.status_code < 500:
                parser = None  # RFC 9309: robots.txt "unavailable" -> no restrictions
            else:
                parser.disallow_all = True
        except FetchError as exc:
            # RFC 9309: "unreachable" -> assume everything is disallowed (for this run)
            log.warning("robots.txt of %s unreachable (%s): not crawling that host", key, describe_failure(exc))
            parser = RobotsRules(key + "/robots.txt")
            parser.disallow_all = True
            parser.unreachable = exc  # type: ignore[attr-defined]  # fetch() reports this, not "disallowed"
        self._robots[key] = parser
        return parser

    def robots_sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` URLs of the host's robots.txt (discovery starts there)."""
        parser = self._robots_for(url)
        return parser.sitemaps if parser is not None else []

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch the URL (always True if robots are not obeyed)."""
        if not self.config.obey_robots:
            return True
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(self.config.user_agent, url)

    # requests ------------------------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], *, retries: int | None = None) -> requests.Response:
        """One GET (no redirects followed), retried on connection errors, timeouts, 5xx and 429."""
        cfg = self.config
        attempts = (cfg.retries if retries is None else retries) + 1
        error: FetchError | None = None
        for attempt in range(attempts):
            self._throttle(url)
            wait = cfg.backoff * (2 ** attempt)
            deadline = Deadline(cfg.deadline)
            try:
                with deadline.active():
                    resp = self.session.get(
                        url, headers=headers, stream=True, allow_redirects=False,
                        timeout=(cfg.connect_timeout, cfg.read_timeout),
                    )
            except requests.RequestException as exc:
                deadline.cancel()
                if deadline.fired:  # a server that drips will drip again: no retry
                    raise FetchTimeout(url, f"no complete headers within the {cfg.deadline:g} s deadline") from None
                if isinstance(exc, requests.Timeout):
                    error = FetchTimeout(url, f"timed out ({exc.__class__.__name__})")
                else:
                    error = ConnectionFailed(url, f"{exc.__class__.__name__}: {exc}")
            except (ValueError, UnicodeError) as exc:  # a host name IDNA cannot encode, a bad port
                deadline.cancel()
                raise InvalidURL(url, f"not a usable URL ({exc})") from None
            else:
                resp.deadline = deadline  # type: ignore[attr-defined]
                deadline.watch_response(resp.raw)
                if resp.status_code != 429 and resp.status_code < 500:
                    return resp
                error = HTTPStatusError(url, f"HTTP {resp.status_code}", status=resp.status_code)
                after = _retry_after(resp.headers.get("Retry-After"))
                if after is not None:
                    wait = min(after, cfg.max_retry_after)
                _close(resp)
            if attempt + 1 < attempts:
                log.info("%s (attempt %d/%d); retrying in %.1fs", error, attempt + 1, attempts, wait)
                time.sleep(wait)
        assert error is not None
        raise error

    def _read_body(self, url: str, resp: requests.Response, *, truncate: bool = False) -> bytes:
        """Stream the body, aborting as soon as it passes the size cap (``truncate``: keep the first
        :data:`ROBOTS_MAX_BYTES` instead) or the response's deadline."""
        limit = ROBOTS_MAX_BYTES if truncate else self.config.max_bytes
        declared = resp.headers.get("Content-Length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise TooLarge(url, f"Content-Length {int(declared)} > cap {limit}")
        deadline: Deadline | None = getattr(resp, "deadline", None)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > limit:
                    if truncate:
                        chunks.append(chunk[:len(chunk) - (size - limit)])
                        break
                    raise TooLarge(url, f"body passed the cap of {limit} bytes")
                chunks.append(chunk)
                if deadline is not None and deadline.expired:
                    raise FetchTimeout(url, f"body not complete within the {deadline.seconds:g} s deadline")
        except FetchError:
            raise
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            if deadline is not None and deadline.fired:
                raise FetchTimeout(url, f"body not complete within the {deadline.seconds:g} s deadline") from None
            if isinstance(exc, requests.exceptions.ConnectionError) and "timed out" in str(exc).lower():
                raise FetchTimeout(url, "timed out while reading the body") from exc
            raise ConnectionFailed(url, f"connection broken while reading the body: {exc}") from exc
        if deadline is not None and deadline.fired:  # a shut-down socket may look like a short body
            raise FetchTimeout(url, f"body not complete within the {deadline.seconds:g} s deadline")
        return b"".join(chunks)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET a page, following redirects; raises a :class:`FetchError` subclass on any failure.

        With ``etag``/``last_modified`` (from an earlier fetch) the request is conditional and an
        unchanged page comes back as a :class:`Page` with status 304 and no body.
        """
        start = time.monotonic()
        try:
            url = normalize_url(url)
        except ValueError as exc:
            raise InvalidURL(url, f"not a usable URL ({exc})") from None
        current = url
        seen = [url]
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        while True:
            if not self.allowed(current):
                parts = urlsplit(current)
                unreachable = getattr(self._robots.get(f"{parts.scheme}://{parts.netloc}"), "unreachable", None)
                if unreachable is not None:  # the host did not answer at all: say so, not "disallowed"
                    raise unreachable.__class__(current, describe_failure(unreachable) + " (while reading robots.txt)")
                raise RobotsDisallowed(current, "disallowed by robots.txt")
            resp = self._request(current, headers)
            if resp.status_code in _REDIRECTS and resp.headers.get("Location"):
                target = resolve(current, resp.headers["Location"])
                _close(resp)
                if target is None:
                    raise RedirectError(current, f"redirect to an unusable location {resp.headers['Location']!r}")
                if target in seen:
                    raise RedirectError(url, "redirect loop: " + " -> ".join([*seen, target]))
                if len(seen) > self.config.max_redirects:
                    raise RedirectError(url, f"more than {self.config.max_redirects} redirects")
                seen.append(target)
                current = target
                headers = {}  # validators belong to the URL they were issued for
                continue
            break
        try:
            return self._finish(url, current, resp, seen, start)
        finally:
            _close(resp)

    def _finish(self, url: str, final: str, resp: requests.Response, seen: list[str], start: float) -> Page:
        hdrs = {k.lower(): v for k, v in resp.headers.items()}
        mime, charset = _parse_content_type(resp.headers.get("Content-Type"))
        if resp.status_code == 304:
            return Page(url, final, 304, mime, charset, b"", hdrs, seen[1:], time.monotonic() - start)
        if resp.status_code >= 400 or resp.status_code < 200:
            raise HTTPStatusError(final, f"HTTP {resp.status_code}", status=resp.status_code)
        if mime and mime not in self.config.accept_types:
            raise UnsupportedContent(final, f"content type {mime!r} is not a web page")
        content = self._read_body(final, resp)
        kind = sniff_binary(content)
        if kind and not (kind == "gzip data" and mime in self.config.accept_types):  # a sitemap.xml.gz asked for
            raise UnsupportedContent(final, f"body is {kind} (declared {mime or 'no type'})")
        return Page(url, final, resp.status_code, mime or "text/html", charset, content, hdrs, seen[1:],
                    time.monotonic() - start)


_default: Fetcher | None = None


def fetch(url: str, *, fetcher: Fetcher | None = None, **kwargs: str | None) -> Page:
    """Fetch one page with a shared default :class:`Fetcher` (or the one given)."""
    global _default
    if fetcher is None:
        if _default is None:
            _default = Fetcher()
        fetcher = _default
    return fetcher.fetch(url, **kwargs)


#: (text in a requests/urllib3 error, what happened in words); first match wins
_FAILURES = (
    (("MissingSchema", "InvalidSchema", "InvalidURL", "No connection adapters"),
     "not a URL (expected http://… or https://…)"),
    (("Name or service not known", "nodename nor servname", "Temporary failure in name resolution",
      "NameResolutionError", "getaddrinfo failed", "No address associated", "Failed to resolve"),
     "DNS failure: the host name was not found (no network, or a mistyped host?)"),
    (("Connection refused",), "connection refused (nothing listens at that host and port)"),
    (("Network is unreachable",), "network unreachable (no network?)"),
    (("Connection reset",), "connection reset by the server"),
    (("CERTIFICATE_VERIFY_FAILED", "SSLError"), "TLS/SSL error (certificate not accepted)"),
)


def describe_failure(error: FetchError) -> str:
    """What went wrong, in words (``connection refused``, ``DNS failure``, ``not a URL``) instead of the
    library's exception chain; other errors keep their own message."""
    message = str(error).removeprefix(f"{error.url}: ")
    if isinstance(error, FetchTimeout):
        return f"timed out ({message})"
    return describe_message(message)


def describe_message(message: str) -> str:
    """:func:`describe_failure` for an error message kept as text (a crawl report's)."""
    for needles, words in _FAILURES:
        if any(n in message for n in needles):
            return words
    return message
