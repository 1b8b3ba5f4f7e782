"""The crawl's memory: a small SQLite file (WAL) that is the source of truth for a resumable crawl.

It records every URL seen (pending / done / skipped / failed, with its ETag and Last-Modified),
every article kept (with its JSON, so an article fetched just before a crash is never fetched
again), whether that article has been written to the JSONL output, and how many bytes of output
are confirmed.  Every page is committed as one transaction, so ``kill -9`` at any moment leaves a
state that a restart can continue from.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CrawlState", "UrlRow"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,               -- seed / listing / article / page
    depth INTEGER NOT NULL,
    status TEXT NOT NULL,             -- pending / done / skipped / failed
    reason TEXT,
    generation INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    fetched_at REAL
);
CREATE INDEX IF NOT EXISTS urls_pending ON urls (status, seq);
CREATE TABLE IF NOT EXISTS articles (
    canonical_url TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    payload TEXT NOT NULL,            -- the article as JSON
    emitted INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_pending ON articles (emitted, seq);
CREATE TABLE IF NOT EXISTS links (      -- what each page linked to, to re-walk it after a 304
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    kind TEXT NOT NULL,
    depth INTEGER NOT NULL,
    PRIMARY KEY (src, dst)
);
"""


@dataclass(frozen=True)
class UrlRow:
    url: str
    kind: str
    depth: int
    status: str
    generation: int
    etag: str | None
    last_modified: str | None


class CrawlState:
    """Open (or create) a crawl state file.  Not thread-safe: one crawl per state file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # survives a killed process; fsync per checkpoint
        self.conn.executescript(_SCHEMA)
        self._in_tx = False

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside are committed together (or not at all)."""
        if self._in_tx:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._in_tx = False

    # meta ---------------------------------------------------------------------------------------

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: object) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))

    # urls ---------------------------------------------------------------------------------------

    def _next_seq(self, table: str) -> int:
        row = self.conn.execute(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}").fetchone()  # noqa: S608
        return int(row[0])

    def add_url(self, url: str, kind: str, depth: int, generation: int) -> bool:
        """Queue a URL; a URL finished in an earlier generation (a re-crawl) is queued again.

        Returns True if the URL is (newly) pending.
        """
        row = self.conn.execute("SELECT status, generation, depth FROM urls WHERE url = ?", (url,)).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT INTO urls (url, kind, depth, status, generation, seq) VALUES (?, ?, ?, 'pending', ?, ?)",
                (url, kind, depth, generation, self._next_seq("urls")),
            )
            return True
        status, gen, old_depth = row
        if gen < generation and status != "pending":
            self.conn.execute(
                "UPDATE urls SET status = 'pending', generation = ?, depth = ?, seq = ? WHERE url = ?",
                (generation, min(depth, old_depth), self._next_seq("urls"), url),
            )
            return True
        return False

    def next_pending(self) -> UrlRow | None:
        row = self.conn.execute(
            "SELECT url, kind, depth, status, generation, etag, last_modified FROM urls "
            "WHERE status = 'pending' ORDER BY seq LIMIT 1"
        ).fetchone()
        return UrlRow(*row) if row else None

    def mark(self, url: str, status: str, *, reason: str | None = None, kind: str | None = None,
             etag: str | None = None, last_modified: str | None = None, keep_validators: bool = False) -> None:
        """Record the outcome of a URL (inserting it if it was reached only through a redirect)."""
        exists = self.conn.execute("SELECT 1 FROM urls WHERE url = ?", (url,)).fetchone()
        if not exists:
            self.conn.execute(
                "INSERT INTO urls (url, kind, depth, status, generation, seq) VALUES (?, ?, 0, ?, "
                "(SELECT COALESCE(MAX(generation), 1) FROM urls), ?)",
                (url, kind or "page", status, self._next_seq("urls")),
            )
        if keep_validators:
            self.conn.execute(
                "UPDATE urls SET status = ?, reason = ?, kind = COALESCE(?, kind), fetched_at = ? WHERE url = ?",
                (status, reason, kind, time.time(), url),
            )
        else:
            self.conn.execute(
                "UPDATE urls SET status = ?, reason = ?, kind = COALESCE(?, kind), etag = ?, last_modified = ?, "
                "fetched_at = ? WHERE url = ?",
                (status, reason, kind, etag, last_modified, time.time(), url),
            )

    def add_link(self, src: str, dst: str, kind: str, depth: int) -> None:
        self.conn.execute("INSERT OR REPLACE INTO links (src, dst, kind, depth) VALUES (?, ?, ?, ?)",
                          (src, dst, kind, depth))

    def links_from(self, src: str) -> list[tuple[str, str, int]]:
        """(dst, kind, depth) of the links a page had when it was last downloaded."""
        return self.conn.execute("SELECT dst, kind, depth FROM links WHERE src = ?", (src,)).fetchall()

    def url_status(self, url: str) -> str | None:
        row = self.conn.execute("SELECT status FROM urls WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT status, COUNT(*) FROM urls GROUP BY status").fetchall())

    # articles ------------------------------------------------------------------------------------

    def article_hash(self, canonical_url: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM articles WHERE canonical_url = ?",
                                (canonical_url,)).fetchone()
        return row[0] if row else None

    def canonical_for_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute("SELECT canonical_url FROM articles WHERE content_hash = ? LIMIT 1",
                                (content_hash,)).fetchone()
        return row[0] if row else None

    def store_article(self, canonical_url: str, url: str, content_hash: str, payload: str) -> None:
        """Keep an article, not yet written out (``emitted = 0``); replaces an older version."""
        self.conn.execute(
            "INSERT OR REPLACE INTO articles (canonical_url, url, content_hash, payload, emitted, seq) "
            "VALUES (?, ?, ?, ?, 0, ?)",
            (canonical_url, url, content_hash, payload, self._next_seq("articles")),
        )

    def unemitted(self) -> list[tuple[str, str]]:
        """(canonical_url, payload) of kept articles not yet confirmed in the output, in order."""
        return self.conn.execute(
            "SELECT canonical_url, payload FROM articles WHERE emitted = 0 ORDER BY seq"
        ).fetchall()

    def mark_emitted(self, canonical_url: str, out_offset: int) -> None:
        """Confirm an article is in the output file, which is now ``out_offset`` bytes long."""
        with self.transaction():
            self.conn.execute("UPDATE articles SET emitted = 1 WHERE canonical_url = ?", (canonical_url,))
            self.set("out_offset", out_offset)

    def emitted_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles WHERE emitted = 1").fetchone()[0])
