"""The SQLite engine: one file in WAL mode, FTS5 for full text (the embedded default).

SQLite in WAL mode is the source of truth: readers in other processes search while one process
writes, and an ingest killed at any moment leaves every committed article whole (each batch is one
transaction). The library's own index ``fts`` is contentless over a folded and an exact copy of
title and text; ``articles_fts`` (schema v4) is the index other tools search.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.ingest import ARTICLE_COLUMNS, Prepared
from vnparty_nlp.archive.query import ParsedQuery, QueryError
from vnparty_nlp.archive.schema import SCHEMA_VERSION, migrate
from vnparty_nlp.archive.sqlbase import BatchWriter, SqlEngine
from vnparty_nlp.archive.values import index_values

if TYPE_CHECKING:
    import pandas as pd

    from vnparty_nlp.archive.store import AddReport

log = logging.getLogger(__name__)

#: bm25 weights of (title_f, text_f, title_x, text_x): a word in the title counts five times
BM25_WEIGHTS = (5.0, 1.0, 5.0, 1.0)


class SqliteEngine(SqlEngine):
    """An archive in one SQLite file; ``location`` is its path."""

    name = "fts5"

    @staticmethod
    def claims(location: str | Path) -> bool:
        """Any path that is not a URL of another engine (the default engine)."""
        return True

    def __init__(self, location: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.location = self.path = Path(location)
        self.readonly = readonly
        if self.path.is_dir():
            raise IsADirectoryError(f"{self.path} is a directory, not an archive")
        try:
            if readonly:
                if not self.path.exists():
                    raise FileNotFoundError(f"no archive at {self.path}")
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.con = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                           check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.con = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None,
                                           check_same_thread=False)
            self.con.row_factory = sqlite3.Row
            con = self.con
            con.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA cache_size = -65536")
            con.execute("PRAGMA mmap_size = 268435456")
            con.execute("PRAGMA temp_store = MEMORY")
            if readonly:
                con.execute("PRAGMA query_only = ON")  # belt and braces: the URI already says mode=ro
                version = con.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    raise RuntimeError(f"archive {self.path} has schema {version}, this library reads {SCHEMA_VERSION}; "
                                       "open it once without readonly to migrate")
            else:
                if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")
                migrate(con)
                self._check_fold_version()
        except sqlite3.DatabaseError as err:  # a file that is not SQLite, or not openable
            if getattr(self, "con", None) is not None:
                self.con.close()
            raise sqlite3.DatabaseError(f"{self.path} is not a usable archive: {err}") from None

    # --- plumbing -------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.con.execute(sql, params).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Any]:
        return self.con.execute(sql, params)

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        import pandas as pd

        return pd.read_sql_query(sql, self.con, params=list(params))

    def sidecar(self, suffix: str) -> Path | None:
        """A file beside the database for caches built from it (the tantivy index, the TF-IDF matrix)."""
        return Path(str(self.path) + suffix)

    @property
    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def schema_version(self) -> int:
        return self.con.execute("PRAGMA user_version").fetchone()[0]

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in (self.path, Path(str(self.path) + "-wal")) if p.exists())

    @staticmethod
    def _bump(con: sqlite3.Connection) -> None:
        con.execute("INSERT INTO meta VALUES ('generation', 1) "
                    "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def _check_fold_version(self) -> None:
        found = self.meta("fold_version")
        if found is None:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('fold_version', ?)", (str(keys.FOLD_VERSION),))
        elif int(found) != keys.FOLD_VERSION:
            log.warning("search folding changed (version %s → %s): rebuilding the full-text index",
                        found, keys.FOLD_VERSION)
            self.rebuild_index()

    def rebuild_index(self) -> None:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            for row in con.execute("SELECT id, title, text FROM articles").fetchall():
                con.execute("INSERT INTO fts(rowid, title_f, text_f, title_x, text_x) VALUES (?,?,?,?,?)",
                            (row["id"], *index_values(row["title"], row["text"])))
            con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('fold_version', ?)", (str(keys.FOLD_VERSION),))
            self._bump(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def optimize(self) -> None:
        self.con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        self.con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.con.execute("PRAGMA optimize")

    # --- writing --------------------------------------------------------------------------------
    def write_batch(self, batch: list[Prepared], report: AddReport) -> None:
        """One transaction: look every article up, then insert rows table by table (``executemany``)."""
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            writer = BatchWriter(self)
            writer.look_up(batch)
            for prep in batch:
                outcome, article_id = writer.upsert(prep)
                setattr(report, outcome, getattr(report, outcome) + 1)
                report.ids.append(article_id)
            writer.flush()
            report.collisions += writer.collisions
            if writer.changed:
                self._bump(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def remove(self, article_id: int) -> bool:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            row = con.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                con.execute("ROLLBACK")
                return False
            con.execute("INSERT INTO fts(fts, rowid, title_f, text_f, title_x, text_x) VALUES ('delete', ?,?,?,?,?)",
                        (article_id, *index_values(row["title"], row["text"])))
            con.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # facts cascade
            self._bump(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, params)

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.con.executemany(sql, rows)

    def insert_articles(self, rows: list[tuple[Any, ...]]) -> None:
        cols = ", ".join(("id",) + ARTICLE_COLUMNS)
        self.con.executemany(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})",
                             rows)

    def update_article(self, article_id: int, values: tuple[Any, ...]) -> None:
        sets = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS)
        self.con.execute(f"UPDATE articles SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                         "WHERE id = ?", (*values, article_id))

    def unindex(self, article_id: int) -> None:
        """The contentless ``fts`` forgets a row only when told its indexed values again."""
        old = self.con.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        self.con.execute("INSERT INTO fts(fts, rowid, title_f, text_f, title_x, text_x) VALUES ('delete', ?,?,?,?,?)",
                         (article_id, *index_values(old["title"], old["text"])))

    def index(self, rows: list[tuple[Any, ...]]) -> None:
        self.con.executemany("INSERT INTO fts(rowid, title_f, text_f, title_x, text_x) VALUES (?,?,?,?,?)", rows)

    # --- full text ------------------------------------------------------------------------------
    def match_from(self, parsed: ParsedQuery | None) -> tuple[str, list[Any], str]:
        if parsed is None:
            return "articles a WHERE ", [], "a.id"
        return "fts f CROSS JOIN articles a ON a.id = f.rowid WHERE fts MATCH ? AND ", [parsed.fts], "f.rowid"

    def match_cond(self, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        return "a.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [parsed.fts]

    def ranked(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int,
               exhaustive: bool, window: int) -> tuple[list[Any], bool]:
        """Best bm25 first among the newest ``window`` matches (all with ``exhaustive``); whether all were ranked.

        FTS5 rescans each term's whole doclist per query to score, which costs 30-100 ms at 100,000
        articles: the window bounds that.
        """
        con = self.con
        filtered = where != self.dialect.true
        source = "fts f CROSS JOIN articles a ON a.id = f.rowid" if filtered else "fts f"
        cond = f" AND {where}" if filtered else ""
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        try:
            cutoff = None
            if not exhaustive:
                row = con.execute(f"SELECT f.rowid FROM {source} WHERE fts MATCH ?{cond} "
                                  "ORDER BY f.rowid DESC LIMIT 1 OFFSET ?",
                                  (parsed.fts, *params, window - 1)).fetchone()
                cutoff = row[0] if row else None
            clause = " AND f.rowid >= ?" if cutoff is not None else ""
            args = [parsed.fts, *([cutoff] if cutoff is not None else []), *params, limit, offset]
            rows = con.execute(
                f"SELECT f.rowid AS id, bm25(fts, {weights}) AS score FROM {source} "
                f"WHERE fts MATCH ?{clause}{cond} ORDER BY score LIMIT ? OFFSET ?", args).fetchall()
        except sqlite3.OperationalError as err:  # pragma: no cover - the parser emits valid syntax
            log.error("FTS5 rejected %r (from %r): %s", parsed.fts, parsed.text, err)
            raise QueryError(f"cannot search for {parsed.text!r}: {err}") from None
        return rows, cutoff is None
