"""Raw pages kept as WARC, and any WARC read back as pages: provenance a study can show later.

:class:`WarcWriter` appends every fetched response (status line, headers and body) to gzipped WARC
files, one gzip member per record, flushed as written, rotated when a file passes ``max_bytes``; a new
run never appends to an old file, so a file a killed crawl left with a cut last record stays readable.
:func:`iter_warc` reads any WARC (ours, Common Crawl, CC-NEWS) as a stream of :class:`WarcPage`, filtered
by host and URL pattern; a record cut short (its payload digest does not match, or the gzip stream
ends inside it) is logged and skipped, never returned half.  Each page knows its (file, offset), which
:func:`iter_warc_articles` copies onto the :class:`~vnparty_nlp.scrape.article.Article`.

The body is stored as the fetcher received it after undoing ``Content-Encoding`` (gzip/deflate), so
the stored headers drop ``Content-Encoding`` and ``Transfer-Encoding`` and give the true length.
"""
from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnparty_nlp.scrape.article import Article, is_article_page, parse_article
from vnparty_nlp.scrape.encoding import NotTextError, decode_bytes
from vnparty_nlp.scrape.fetch import Page
from vnparty_nlp.scrape.profiles import profile_by_name
from vnparty_nlp.scrape.urls import host_of

log = logging.getLogger(__name__)

__all__ = ["WarcPointer", "WarcWriter", "WarcPage", "iter_warc", "iter_warc_articles"]

_HTML = re.compile(r"(?i)^\s*(text/html|application/xhtml\+xml)")
_DROP_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_REASONS = {200: "OK", 203: "Non-Authoritative Information", 304: "Not Modified"}


@dataclass(frozen=True)
class WarcPointer:
    """Where a record sits: the WARC file's name and the byte offset of its (gzip member) start."""

    file: str
    offset: int

    def __str__(self) -> str:
        return f"{self.file}#{self.offset}"


class WarcWriter:
    """Rotating gzipped WARC output in ``directory``: ``PREFIX-YYYYmmddHHMMSS-NNNNN.warc.gz``."""

    def __init__(self, directory: str | Path, *, prefix: str = "vnparty", max_bytes: int = 1024**3) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix, self.max_bytes = prefix, max_bytes
        self._stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        self._serial = 0
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self.files: list[Path] = []

    def _open(self) -> None:
        while True:
            self._serial += 1
            path = self.directory / f"{self.prefix}-{self._stamp}-{self._serial:05d}.warc.gz"
            if not path.exists():  # never append to a file an earlier (maybe killed) run left
                break
        self._fh = open(path, "xb")  # noqa: SIM115 - closed in close()/rotation
        self._writer = WARCWriter(self._fh, gzip=True)
        self.files.append(path)
        info = self._writer.create_warcinfo_record(path.name, {"software": "vnparty_nlp", "format": "WARC/1.0"})
        self._writer.write_record(info)
        self._fh.flush()

    def write_page(self, page: Page) -> WarcPointer:
        """Append the response of one fetched page; returns where it went."""
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self.close()
            self._open()
        assert self._fh is not None and self._writer is not None
        headers = [(k.title(), v) for k, v in page.headers.items() if k.lower() not in _DROP_HEADERS]
        headers.append(("Content-Length", str(len(page.content))))
        status = f"{page.status} {_REASONS.get(page.status, 'OK')}"
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(page.final_url, "response", payload=io.BytesIO(page.content),
                                                 http_headers=http)
        offset = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()
        return WarcPointer(self.files[-1].name, offset)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = self._writer = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class WarcPage:
    """One HTTP response read from a WARC."""

    url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    pointer: WarcPointer
    date: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return decode_bytes(self.content, self.charset)


def _digest_ok(record_digest: str | None, payload: bytes) -> bool:
    if not record_digest or ":" not in record_digest:
        return True
    algo, _, want = record_digest.partition(":")
    if algo.lower() != "sha1":
        return True
    got = base64.b32encode(hashlib.sha1(payload).digest()).decode()
    return got == want.strip().upper() or hashlib.sha1(payload).hexdigest() == want.strip().lower()


def iter_warc(path: str | Path, *, hosts: Iterable[str] | None = None, url_pattern: str | None = None,
              html_only: bool = True) -> Iterator[WarcPage]:
    """The HTTP responses in a WARC (gzipped or not), in file order, filtered by host and URL regex.

    A record whose payload does not match its digest or whose stream breaks (a file cut by a kill)
    is logged and skipped; reading a broken gzip stream stops at that point.
    """
    path = Path(path)
    wanted = {h.lower().removeprefix("www.") for h in hosts} if hosts else None
    pattern = re.compile(url_pattern) if url_pattern else None
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        offset = 0
        try:
            for record in it:
                offset = it.offset  # the start of this record (get_record_offset() would consume it)
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if wanted is not None and host_of(url) not in wanted and not any(
                        host_of(url).endswith("." + h) for h in wanted):
                    continue
                if pattern is not None and not pattern.search(url):
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if html_only and not _HTML.match(ctype or "text/html"):
                    continue
                payload = record.raw_stream.read()
                if not _digest_ok(record.rec_headers.get_header("WARC-Payload-Digest"), payload):
                    log.warning("%s: record at offset %d (%s) is truncated or corrupt: skipped", path.name, offset, url)
                    continue
                encoding = (record.http_headers.get_header("Content-Encoding") or "").lower()
                if encoding in ("gzip", "deflate", "br"):
                    payload = _undo_encoding(payload, encoding)
                    if payload is None:
                        log.warning("%s: record at offset %d: %s body does not decode: skipped", path.name, offset,
                                    encoding)
                        continue
                m = re.search(r"(?i)charset=[\"']?([\w.:-]+)", ctype)
                status = int(record.http_headers.get_statuscode() or 0)
                yield WarcPage(url=url, status=status, content_type=ctype.split(";")[0].strip().lower(),
                               charset=m.group(1) if m else None, content=payload,
                               pointer=WarcPointer(path.name, offset),
                               date=record.rec_headers.get_header("WARC-Date"),
                               headers={k.lower(): v for k, v in record.http_headers.headers})
        except Exception as exc:  # noqa: BLE001 - warcio raises many types on a cut stream
            log.warning("%s: unreadable from offset %d on (%s: %s): the rest of the file skipped",
                        path.name, offset, type(exc).__name__, exc)
            return
        size = path.stat().st_size
        if size - it.offset > 4:  # warcio stops quietly at a gzip member cut short
            log.warning("%s: truncated record at offset %d (%d bytes, a write cut by a kill?): skipped",
                        path.name, it.offset, size - it.offset)


def _undo_encoding(payload: bytes, encoding: str) -> bytes | None:
    import zlib

    try:
        if encoding == "gzip":
            return zlib.decompress(payload, 16 + zlib.MAX_WBITS)
        if encoding == "deflate":
            try:
                return zlib.decompress(payload)
            except zlib.error:
                return zlib.decompress(payload, -zlib.MAX_WBITS)
    except zlib.error:
        return None
    return None  # brotli: not supported without an extra dependency


def iter_warc_articles(paths: Iterable[str | Path], *, hosts: Iterable[str] | None = None,
                       url_pattern: str | None = None, progress: bool = True) -> Iterator[Article]:
    """Articles in WARC files: each 200 HTML response through :func:`parse_article`, once per URL and text.

    Pages that are not articles (listings, errors) are skipped by the crawler's own test, and the
    crawler's de-duplication is repeated (first by canonical URL, then by body hash), so a WARC of a
    crawl gives the crawl's articles; every article carries its WARC pointer.
    """
    seen: set[str] = set()
    hashes: set[str] = set()
    paths = [Path(p) for p in paths]
    total = sum(p.stat().st_size for p in paths if p.exists())
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="warc", disable=not progress)
    try:
        for path in paths:
            done = 0
            for page in iter_warc(path, hosts=hosts, url_pattern=url_pattern):
                bar.update(page.pointer.offset - done)
                done = page.pointer.offset
                if page.status != 200:
                    continue
                try:
                    text = page.text
                except NotTextError as exc:
                    log.info("%s: not text (%s): skipped", page.pointer, exc)
                    continue
                article = parse_article(text, page.url)
                prof = profile_by_name(article.metadata_sources.get("profile") or "")
                if not is_article_page(article, prof):
                    continue
                if article.canonical_url in seen or article.content_hash in hashes:
                    continue
                seen.add(article.canonical_url)
                hashes.add(article.content_hash)
                article.warc_file, article.warc_offset = page.pointer.file, page.pointer.offset
                yield article
            bar.update(max(0, path.stat().st_size - done))
    finally:
        bar.close()
