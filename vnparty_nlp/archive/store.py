"""``Archive``: analyzed articles and their facts in one SQLite file, searchable and filterable.

SQLite in WAL mode is the source of truth: readers in other processes search while one process
writes, and an ingest killed at any moment leaves every committed article whole (each batch is one
transaction). An article is identified by its canonical URL or, without one, by its text's hash;
adding it again updates it in place. A record whose canonical URL is stored with another text *and*
another title is a different article (sites that point every page's ``rel=canonical`` at their home
page): it is kept apart, identified by its text, with a warning and ``AddReport.collisions``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.query import ParsedQuery, QueryError, parse_query
from vnparty_nlp.archive.schema import FACT_TABLES, SCHEMA_VERSION, dd_words, migrate
from vnparty_nlp.archive.snippets import make_snippet
from vnparty_nlp.extract import REGISTRY
from vnparty_nlp.extract.documents import DocumentRef
from vnparty_nlp.records import METADATA_FIELDS, Record

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

DEFAULT_DB = "vnparty-archive.sqlite"
#: bm25 weights of (title_f, text_f, title_x, text_x): a word in the title counts five times
BM25_WEIGHTS = (5.0, 1.0, 5.0, 1.0)
#: how many of the newest matches bm25 ranks (see :meth:`Archive.search`)
RANK_WINDOW = 500

FILTER_NAMES = frozenset({
    "cites", "doc_type", "province", "organization", "site", "has", "published_from", "published_to",
    "mentions_from", "mentions_to", "ids", "implements",
})


@dataclass(frozen=True)
class Hit:
    """One search result; ``score`` is bm25 (lower is better, as SQLite gives it) or None without a query."""

    id: int
    title: str | None
    snippet: str
    score: float | None
    published: str | None = None
    province: str | None = None
    url: str | None = None
    source: str | None = None


class SearchResults(list[Hit]):
    """Hits, best first, with how they were ranked; ``.frame()`` for notebooks."""

    def __init__(self, hits: Iterable[Hit], *, query: str | None, fts: str | None, exhaustive: bool,
                 engine: str = "sqlite", total: int | None = None) -> None:
        super().__init__(hits)
        self.query = query
        self.fts = fts  # the FTS5 expression the query became
        self.exhaustive = exhaustive  # False when bm25 ranked only the newest RANK_WINDOW matches
        self.engine = engine  # "fts5", "tantivy", or "sqlite" (no query)
        self.total = total  # matches in all, when the engine counts them

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        columns = [f.name for f in dataclasses.fields(Hit)]
        return pd.DataFrame([dataclasses.asdict(h) for h in self], columns=columns)


@dataclass
class AddReport:
    """What an ingest did: new articles, updated ones, unchanged ones, and the ids of all of them."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[int] = field(default_factory=list)
    #: articles that shared a stored article's canonical URL but not its text and title (kept apart)
    collisions: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


ArticleInput = Record | Mapping[str, Any]


@dataclass
class _Item:
    """An article as ingest sees it: metadata, text, facts as dicts (cheaper than Fact objects)."""

    meta: dict[str, Any]
    text: str
    facts: dict[str, list[dict[str, Any]]]
    sentences: list[list[int]]
    extra: dict[str, Any]


def _fact_dict(fact: Any) -> dict[str, Any]:
    d = dict(fact.__dict__)  # frozen dataclasses without slots: every field is here
    d["span"] = list(d["span"])
    return d


def _as_item(item: ArticleInput) -> _Item:
    """A Record or record dict as an :class:`_Item`; non-Record keys of a dict (``province``) kept as extra."""
    if isinstance(item, Record):
        meta = {name: getattr(item, name) for name in METADATA_FIELDS}
        facts = {kind: [_fact_dict(f) for f in fs] for kind, fs in item.facts.items()}
        return _Item(meta, item.text, facts, [list(s.bounds) for s in item.sentences], {})
    if isinstance(item, Mapping):
        if not isinstance(item.get("text"), str):
            raise TypeError("a record dict needs its 'text'")
        meta = {name: item.get(name) for name in METADATA_FIELDS}
        facts = {kind: [dict(f) for f in item.get(kind) or []] for kind in REGISTRY}
        known = set(METADATA_FIELDS) | {"text", "sentences", "tokens", "id"} | set(REGISTRY)
        for kind, value in item.items():  # facts of extractors not registered here
            if kind not in known and isinstance(value, list) and value and isinstance(value[0], dict) and "span" in value[0]:
                facts[kind] = [dict(f) for f in value]
                known.add(kind)
        extra = {k: v for k, v in item.items() if k not in known and v is not None}
        sentences = [list(x["span"]) for x in item.get("sentences") or []]
        return _Item(meta, item["text"], facts, sentences, extra)
    raise TypeError(f"Archive.add takes Records or record dicts, not {type(item).__name__}")


class Archive:
    """A searchable archive in one SQLite file. ``Archive(path)`` creates or opens (and migrates) it.

    ``readonly=True`` opens an existing archive for searching only (several processes may).
    ``accelerator``: ``None`` (default) ranks queries with the tantivy index beside the database when
    it exists and is current (see :mod:`vnparty_nlp.archive.accel`), else with FTS5; ``False`` always
    uses FTS5.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, timeout: float = 30.0,
                 accelerator: bool | None = None) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.use_accelerator = accelerator is not False
        self._accel: Any = None
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
        self._similar: Any = None

    # --- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @property
    def generation(self) -> int:
        """Bumped by every write transaction: caches built from the archive (similar()) compare it."""
        return int(self._meta("generation") or 0)

    def _check_fold_version(self) -> None:
        found = self._meta("fold_version")
        if found is None:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('fold_version', ?)", (str(keys.FOLD_VERSION),))
        elif int(found) != keys.FOLD_VERSION:
            log.warning("search folding changed (version %s → %s): rebuilding the full-text index",
                        found, keys.FOLD_VERSION)
            self.rebuild_index()

    def rebuild_index(self) -> None:
        """Re-index every article's title and text (after a change of folding, or to compact)."""
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute("INSERT INTO fts(fts) VALUES ('delete-all')")
            for row in con.execute("SELECT id, title, text FROM articles").fetchall():
                con.execute("INSERT INTO fts(rowid, title_f, text_f, title_x, text_x) VALUES (?,?,?,?,?)",
                            (row["id"], *_index_values(row["title"], row["text"])))  # noqa: E501
            con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('fold_version', ?)", (str(keys.FOLD_VERSION),))
            self._bump(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def optimize(self) -> None:
        """Merge the full-text index into one segment: faster queries after a large ingest."""
        self.con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        self.con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.con.execute("PRAGMA optimize")

    @staticmethod
    def _bump(con: sqlite3.Connection) -> None:
        con.execute("INSERT INTO meta VALUES ('generation', 1) "
                    "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    # --- ingest ---------------------------------------------------------------------------------
    def add(
        self,
        records: ArticleInput | Iterable[ArticleInput],
        *,
        batch_size: int = 500,
        progress: bool = False,
        total: int | None = None,
        processes: int = 1,
    ) -> AddReport:
        """Store articles (Records or record dicts); an article already stored is updated in place.

        Each batch of ``batch_size`` articles is one transaction: an interruption loses at most the
        batch in progress, never part of an article. A dict may carry ``province`` (else it is guessed
        from the title and text). ``processes`` > 1: worker processes prepare the batches (normalize,
        fold, hash, build rows) while this process writes them; the database ends up the same.
        """
        from tqdm import tqdm

        if self.readonly:
            raise PermissionError("archive opened readonly")
        if isinstance(records, Record | Mapping):
            records = [records]
        report = AddReport()
        bar = tqdm(total=total, unit="article", desc="index", disable=not progress)
        try:
            for batch in _prepared_batches(records, batch_size, processes):
                self._write_batch(batch, report)
                bar.update(len(batch))
        finally:
            bar.close()
        if report.added + report.updated:
            self._similar = None
        log.info("archive %s: %d added, %d updated, %d unchanged", self.path, report.added, report.updated,
                 report.unchanged)
        if report.collisions:
            log.warning("archive %s: %d article(s) shared a canonical URL with a different article and were "
                        "kept apart", self.path, report.collisions)
        return report

    def _write_batch(self, batch: list[_Prepared], report: AddReport) -> None:
        """One transaction: look every article up, then insert rows table by table (``executemany``)."""
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            writer = _BatchWriter(con)
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
        """Delete one article, its facts and its index entry; False if there was none."""
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            row = con.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                con.execute("ROLLBACK")
                return False
            con.execute("INSERT INTO fts(fts, rowid, title_f, text_f, title_x, text_x) VALUES ('delete', ?,?,?,?,?)",
                        (article_id, *_index_values(row["title"], row["text"])))
            con.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # facts cascade
            self._bump(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._similar = None
        return True

    # --- reading --------------------------------------------------------------------------------
    def get(self, article_id: int) -> Record:
        """The stored article as a Record, facts included (``KeyError`` if there is none)."""
        con = self.con
        row = con.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id} in {self.path}")
        data: dict[str, Any] = {name: row[name] for name in METADATA_FIELDS}
        data["text"] = row["text"]
        text = row["text"]
        for kind, t in FACT_TABLES.items():
            cols = ", ".join(["start", "stop", "text"] + [c for c, _, _ in t.fields])
            facts = []
            for f in con.execute(f"SELECT {cols} FROM {t.table} WHERE article_id = ? ORDER BY id", (article_id,)):
                d = {"text": f["text"], "span": [f["start"], f["stop"]]}
                for c, typ, name in t.fields:
                    d[name] = _from_sql(f[c], typ, kind, name)
                facts.append(d)
            data[kind] = facts
        for f in con.execute("SELECT kind, start, stop, text, data FROM other_facts WHERE article_id = ? ORDER BY id",
                             (article_id,)):
            data.setdefault(f["kind"], []).append({"text": f["text"], "span": [f["start"], f["stop"]],
                                                   **json.loads(f["data"] or "{}")})
        if row["sentences"]:
            data["sentences"] = [{"text": text[a:b], "span": [a, b]} for a, b in json.loads(row["sentences"])]
        record = Record.from_dict(data)
        for kind in data:
            if kind not in REGISTRY and kind not in METADATA_FIELDS and kind not in ("text", "sentences"):
                log.debug("article %d: facts of unregistered extractor %r not restored", article_id, kind)
        return record

    def info(self, article_id: int) -> dict[str, Any]:
        """The archive's own fields of an article (id, province, hashes, timestamps)."""
        row = self.con.execute(
            "SELECT id, canonical_url, content_hash, url, source, site, title, published, province, province_source, "
            "extra, added_at, updated_at FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id} in {self.path}")
        out = dict(row)
        out["extra"] = json.loads(out["extra"]) if out["extra"] else {}
        return out

    def ids(self, **filters: Any) -> list[int]:
        """Ids of the articles that pass the filters, oldest first."""
        where, params = _filters_sql(filters)
        return [r[0] for r in self.con.execute(f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id", params)]

    # --- search ---------------------------------------------------------------------------------
    def search(
        self,
        query: str | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
        exact: bool | None = None,
        exhaustive: bool = False,
        frame: bool = False,
        highlight: tuple[str, str] = ("[", "]"),
        snippet_chars: int = 200,
        order: str = "relevance",
        **filters: Any,
    ) -> SearchResults | pd.DataFrame:
        """Articles matching ``query`` and the filters, best bm25 first, with highlighted snippets.

        ``exact=None`` (default) matches a word typed with accents exactly and one typed without them
        against the folded text; ``True``/``False`` force one or the other for every word. Without a
        query, the filtered articles come newest first. Filters: see :func:`filters_sql`. A malformed
        query raises :class:`QueryError`.

        Ranking: with a current tantivy accelerator (``build_accelerator()``), tantivy's BM25 over
        every match (``results.engine == "tantivy"``, ``results.total`` = all matches). Otherwise
        FTS5's bm25 over the newest :data:`RANK_WINDOW` matches (all of them when fewer match, or with
        ``exhaustive=True``), because FTS5 rescans each term's whole doclist per query to score, which
        costs 30-100 ms at 100,000 articles; ``results.exhaustive`` says whether the window cut.
        ``order="date"``: every match, newest first (FTS5, no score), for readers who browse by time.
        """
        if order not in ("relevance", "date"):
            raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
        unknown = set(filters) - FILTER_NAMES
        if unknown:
            raise TypeError(f"unknown search filter(s) {sorted(unknown)}; known: {sorted(FILTER_NAMES)}")
        limit, offset = _count_arg("limit", limit), _count_arg("offset", offset)
        where, params = _filters_sql(filters)
        con = self.con
        parsed: ParsedQuery | None = None
        complete = True
        rows: Sequence[Any] = []
        engine, total = "sqlite", None
        accel = self.accelerator() if self.use_accelerator else None
        if (query is None or not str(query).strip()) and accel is not None and filters:
            rows, total = self._accelerated(accel, None, filters, limit, offset)
            engine = "tantivy"
        elif query is None or not str(query).strip():
            rows = con.execute(
                f"SELECT a.id, NULL AS score FROM articles a WHERE {where} "
                "ORDER BY a.published_day DESC, a.id DESC LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
        if query is not None and str(query).strip():
            parsed = parse_query(query, exact=exact)
            if order == "date":
                rows = con.execute(
                    f"SELECT a.id, NULL AS score FROM fts f CROSS JOIN articles a ON a.id = f.rowid "
                    f"WHERE fts MATCH ? AND {where} ORDER BY a.published_day DESC, a.id DESC LIMIT ? OFFSET ?",
                    (parsed.fts, *params, limit, offset)).fetchall()
                engine = "fts5"
            elif accel is not None:
                rows, total = self._accelerated(accel, parsed, filters, limit, offset)
                engine = "tantivy"
            else:
                rows, complete = self._ranked(parsed, where, params, limit, offset, exhaustive)
                engine = "fts5"
        hits = self._hits(rows, parsed, highlight, snippet_chars)
        results = SearchResults(hits, query=query, fts=parsed.fts if parsed else None, exhaustive=complete,
                                engine=engine, total=total)
        return results.frame() if frame else results

    # --- accelerator ----------------------------------------------------------------------------
    def accelerator(self) -> Any:
        """The tantivy index if it is usable and mirrors the current archive, else None."""
        if not self.use_accelerator:
            return None
        generation = self.generation
        if self._accel is None or self._accel.generation != generation:
            from vnparty_nlp.archive.accel import Accelerator

            self._accel = Accelerator.open(self)
        if self._accel is not None and self._accel.generation != generation:
            log.debug("accelerator at generation %d, archive at %d: using FTS5", self._accel.generation, generation)
            return None
        return self._accel

    def build_accelerator(self, progress: bool = False) -> Any:
        """(Re)build the tantivy index from the archive (needs ``pip install tantivy``)."""
        from vnparty_nlp.archive.accel import Accelerator, available

        if not available():
            raise RuntimeError("the accelerator needs tantivy: pip install tantivy")
        self._accel = Accelerator.build(self, progress=progress)
        return self._accel

    def _accelerated(self, accel: Any, parsed: ParsedQuery | None, filters: Mapping[str, Any], limit: int,
                     offset: int) -> tuple[list[dict[str, Any]], int]:
        from vnparty_nlp.archive.accel import PUSHED_DOWN

        rest = {k: v for k, v in filters.items() if k not in PUSHED_DOWN and v is not None}
        sql_ids = self.ids(**rest) if rest else None
        found, total = accel.search(parsed.tree if parsed else None, filters, sql_ids, max(limit, 1), offset)
        return [{"id": article_id, "score": score} for article_id, score in found[:limit]], total

    def _ranked(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int,
                exhaustive: bool) -> tuple[list[sqlite3.Row], bool]:
        con = self.con
        filtered = where != "1"
        source = "fts f CROSS JOIN articles a ON a.id = f.rowid" if filtered else "fts f"
        cond = f" AND {where}" if filtered else ""
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        try:
            cutoff = None
            if not exhaustive:
                row = con.execute(f"SELECT f.rowid FROM {source} WHERE fts MATCH ?{cond} "
                                  "ORDER BY f.rowid DESC LIMIT 1 OFFSET ?",
                                  (parsed.fts, *params, RANK_WINDOW - 1)).fetchone()
                cutoff = row[0] if row else None
            window = " AND f.rowid >= ?" if cutoff is not None else ""
            args = [parsed.fts, *([cutoff] if cutoff is not None else []), *params, limit, offset]
            rows = con.execute(
                f"SELECT f.rowid AS id, bm25(fts, {weights}) AS score FROM {source} "
                f"WHERE fts MATCH ?{window}{cond} ORDER BY score LIMIT ? OFFSET ?", args).fetchall()
        except sqlite3.OperationalError as err:  # pragma: no cover - the parser emits valid syntax
            log.error("FTS5 rejected %r (from %r): %s", parsed.fts, parsed.text, err)
            raise QueryError(f"cannot search for {parsed.text!r}: {err}") from None
        return rows, cutoff is None

    def _hits(self, rows: Sequence[Any], parsed: ParsedQuery | None, highlight: tuple[str, str],
              snippet_chars: int) -> list[Hit]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        found = {
            r["id"]: r for r in self.con.execute(
                f"SELECT id, title, text, published, province, url, source FROM articles "
                f"WHERE id IN ({', '.join('?' * len(ids))})", ids)
        }
        hits = []
        for r in rows:
            a = found.get(r["id"])
            if a is None:  # deleted between the two statements
                continue
            snippet = make_snippet(a["text"], parsed.terms if parsed else [], width=snippet_chars, marks=highlight)
            hits.append(Hit(a["id"], a["title"], snippet, r["score"], a["published"], a["province"], a["url"],
                            a["source"]))
        return hits

    def count(self, query: str | None = None, *, exact: bool | None = None, **filters: Any) -> int:
        """How many articles match (exact count; scans every match, so slower than search)."""
        where, params = _filters_sql(filters)
        if query is None or not query.strip():
            return self.con.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
        parsed = parse_query(query, exact=exact)
        return self.con.execute(
            f"SELECT count(*) FROM fts f CROSS JOIN articles a ON a.id = f.rowid WHERE fts MATCH ? AND {where}",
            (parsed.fts, *params)).fetchone()[0]

    # --- facts and facets -----------------------------------------------------------------------
    def facts(self, kind: str, *, query: str | None = None, exact: bool | None = None, **filters: Any) -> pd.DataFrame:
        """One row per fact of ``kind`` in the articles passing the filters (and matching ``query``).

        Columns as :func:`vnparty_nlp.records.facts_frame` names them (``article_id``, ``article_title``,
        ``published``, ``province``, ``source``, ``fact_type``, ``text``, ``start``, ``stop``, the
        fact's own fields: a date's ``value``, ``end``, ``kind``), then the archive's ``*_key`` columns.

        With ``cites`` and ``kind="documents"`` only the matching citations are returned; with
        ``mentions_from/to`` and ``kind="dates"`` only the dates in that range.
        """
        import pandas as pd

        t = FACT_TABLES.get(kind)
        if t is None:
            raise ValueError(f"unknown fact kind {kind!r}; known: {list(FACT_TABLES)}")
        unknown = set(filters) - FILTER_NAMES
        if unknown:
            raise TypeError(f"unknown filter(s) {sorted(unknown)}; known: {sorted(FILTER_NAMES)}")
        where, params = _filters_sql(filters)
        extra_where = ""
        extra_params: list[Any] = []
        if kind == "documents" and filters.get("cites"):
            extra_where, extra_params = _cites_sql(filters["cites"], "f")
            extra_where = " AND " + extra_where
        if kind == "dates" and (filters.get("mentions_from") or filters.get("mentions_to")):
            lo, hi = _range(filters.get("mentions_from"), filters.get("mentions_to"))
            extra_where = " AND f.date_hi >= ? AND f.date_lo <= ?"
            extra_params = [lo, hi]
        if query:
            parsed = parse_query(query, exact=exact)
            extra_where += " AND a.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            extra_params.append(parsed.fts)
        value_cols = [c for c, _, _ in t.fields] + [c for c, _ in t.derived]
        sql = (
            f"SELECT a.id AS article_id, a.title AS article_title, a.published, a.province, a.source, "
            f"'{kind}' AS fact_type, f.text, f.start, f.stop, "
            f"{', '.join('f.' + c for c in value_cols)} FROM {t.table} f JOIN articles a ON a.id = f.article_id "
            f"WHERE {where}{extra_where} ORDER BY a.id, f.start"
        )
        frame = pd.read_sql_query(sql, self.con, params=[*params, *extra_params])
        if kind == "congresses" and not frame.empty:
            frame["pilot"] = frame["pilot"].astype(bool)
        return frame.rename(columns={"end_value": "end"})

    def facet(self, by: str, *, query: str | None = None, exact: bool | None = None, limit: int | None = None,
              **filters: Any) -> pd.DataFrame:
        """Articles per value of ``by``: ``province``, ``year``, ``month``, ``site``, ``document``, ``doc_type``.

        ``document`` counts articles per cited document (its researcher's key, ``35-CT/TW``) and the
        number of citations; the most cited first.
        """
        import pandas as pd

        where, params = _filters_sql(filters)
        if query:
            where += " AND a.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
            params.append(parse_query(query, exact=exact).fts)
        lim = f" LIMIT {int(limit)}" if limit else ""
        simple = {"province": "a.province", "year": "substr(a.published_day, 1, 4)",
                  "month": "substr(a.published_day, 1, 7)", "site": "a.site"}
        if by in simple:
            sql = (f"SELECT {simple[by]} AS {by}, count(*) AS articles FROM articles a WHERE {where} "
                   f"GROUP BY 1 ORDER BY articles DESC, 1{lim}")
        elif by == "doc_type":
            sql = (f"SELECT d.type AS doc_type, count(DISTINCT d.article_id) AS articles, count(*) AS citations "
                   f"FROM documents d JOIN articles a ON a.id = d.article_id WHERE {where} AND d.type IS NOT NULL "
                   f"GROUP BY d.type ORDER BY articles DESC, citations DESC, 1{lim}")
        elif by == "document":
            # one document however spelled: coded ones by number and code, others by type and number
            sql = (
                "WITH c AS (SELECT d.article_id, d.doc_key, CASE WHEN d.code_key IS NOT NULL "
                "THEN d.number_key || '|' || d.code_key ELSE coalesce(d.type_key, '') || '|' || coalesce(d.number_key, '') "
                f"END AS k FROM documents d JOIN articles a ON a.id = d.article_id WHERE {where}), "
                "labels AS (SELECT k, doc_key, row_number() OVER (PARTITION BY k ORDER BY count(*) DESC, doc_key) AS r "
                "FROM c GROUP BY k, doc_key) "
                "SELECT l.doc_key AS document, count(DISTINCT c.article_id) AS articles, count(*) AS citations, "
                "group_concat(DISTINCT c.doc_key) AS spellings "
                f"FROM c JOIN labels l ON l.k = c.k AND l.r = 1 GROUP BY c.k ORDER BY articles DESC, citations DESC, 1{lim}"
            )
        else:
            raise ValueError(f"cannot facet by {by!r}: province, year, month, site, document or doc_type")
        return pd.read_sql_query(sql, self.con, params=params)

    def summary(self, query: str | None = None, *, exact: bool | None = None, limit: int = 12,
                sample: int | None = None, **filters: Any) -> dict[str, Any]:
        """The total and the facets of a search in one statement: ``{"total": n, "province": [(value,
        articles), ...], "year": ..., "site": ..., "document": ..., "has": [(kind, articles), ...]}``.

        The same figures as :meth:`count` and :meth:`facet` (``limit`` rows per facet, most articles
        first), but the full-text matches are found once and shared by every facet (a search page
        would otherwise scan them a dozen times). Values without a province, date or site are left out.
        ``sample``: facets of the newest ``sample`` matches only (``"sampled": True`` when that cut);
        ``total`` stays exact. A bound for servers: at 100,000 articles a common word matches them all.
        """
        where, params = _filters_sql(filters)
        if query is not None and str(query).strip():
            source = "fts f CROSS JOIN articles a ON a.id = f.rowid WHERE fts MATCH ? AND "
            params = [parse_query(query, exact=exact).fts, *params]
        else:
            source = "articles a WHERE "
        lim = int(limit)
        doc_group = ("CASE WHEN d.code_key IS NOT NULL THEN d.number_key || '|' || d.code_key "
                     "ELSE coalesce(d.type_key, '') || '|' || coalesce(d.number_key, '') END")
        parts = [
            "SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM m",
            *(f"SELECT * FROM (SELECT '{name}', {col}, count(*) AS n FROM m WHERE {col} IS NOT NULL "
              f"GROUP BY 2 ORDER BY n DESC, 2 LIMIT {lim})"
              for name, col in (("province", "province"), ("year", "year"), ("site", "site"))),
            # documents however spelled (group k), labelled below by their commonest key, as facet("document")
            f"SELECT 'document', {doc_group}, count(DISTINCT d.article_id) FROM documents d JOIN m ON m.id = d.article_id "
            "GROUP BY 2",
            f"SELECT 'spelling', {doc_group} || char(31) || d.doc_key, count(*) FROM documents d "
            "JOIN m ON m.id = d.article_id WHERE d.doc_key IS NOT NULL GROUP BY 2",
            *(f"SELECT 'has', '{kind}', count(*) FROM m WHERE EXISTS (SELECT 1 FROM {t.table} x "
              "WHERE x.article_id = m.id)" for kind, t in FACT_TABLES.items()),
        ]
        # newest first straight from the index (FTS5 walks rowids backwards and stops): no sort of all matches
        order_col = "f.rowid" if source.startswith("fts") else "a.id"
        cut = f" ORDER BY {order_col} DESC LIMIT {int(sample)}" if sample else ""
        sql = (f"WITH m AS MATERIALIZED (SELECT a.id, a.province, substr(a.published_day, 1, 4) AS year, a.site "
               f"FROM {source}{where}{cut}) " + " UNION ALL ".join(parts))
        out: dict[str, Any] = {"total": 0, "province": [], "year": [], "site": [], "document": [], "has": [],
                               "sampled": False}
        spellings: dict[str, list[tuple[int, str]]] = {}
        for facet, value, n in self.con.execute(sql, params):
            if facet == "total":
                out["total"] = n
            elif facet == "spelling":
                k, _, key = value.partition("\x1f")
                spellings.setdefault(k, []).append((-n, key))
            elif n and value is not None:
                out[facet].append((value, n))
        labelled = [(min(spellings[k])[1], n) for k, n in out["document"] if k in spellings]
        out["document"] = sorted(labelled, key=lambda r: (-r[1], r[0]))[:lim]
        if sample and out["total"] >= sample:
            out["total"] = self.count(query, exact=exact, **filters)
            out["sampled"] = out["total"] > sample
        return out

    def top_documents(self, n: int = 20, **filters: Any) -> pd.DataFrame:
        """The most cited documents: ``document`` (``35-CT/TW``), ``articles``, ``citations``."""
        return self.facet("document", limit=n, **filters)

    def shortcomings_by(self, by: str | Sequence[str] = ("year", "province"), **filters: Any) -> pd.DataFrame:
        """Shortcomings (facts) and articles that list them, per ``year``, ``province`` or both."""
        import pandas as pd

        groups = [by] if isinstance(by, str) else list(by)
        exprs = {"year": "substr(a.published_day, 1, 4)", "province": "a.province", "month": "substr(a.published_day, 1, 7)"}
        bad = [g for g in groups if g not in exprs]
        if bad:
            raise ValueError(f"cannot group shortcomings by {bad}: year, month or province")
        where, params = _filters_sql(filters)
        select = ", ".join(f"{exprs[g]} AS {g}" for g in groups)
        group = ", ".join(str(i + 1) for i in range(len(groups)))
        sql = (f"SELECT {select}, count(*) AS shortcomings, count(DISTINCT s.article_id) AS articles "
               f"FROM shortcomings s JOIN articles a ON a.id = s.article_id WHERE {where} "
               f"GROUP BY {group} ORDER BY {group}")
        return pd.read_sql_query(sql, self.con, params=params)

    def party_units(self, by: str | Sequence[str] = ("province",), **filters: Any) -> pd.DataFrame:
        """Counts of party units (đảng bộ, chi bộ, tổ chức cơ sở đảng, đảng viên) per ``by``.

        ``mentions`` counts the facts, ``articles`` the articles, ``max`` the largest figure given
        (articles repeat totals, so summing them would double count).
        """
        import pandas as pd

        groups = [by] if isinstance(by, str) else list(by)
        exprs = {"year": "substr(a.published_day, 1, 4)", "province": "a.province", "unit": "c.party_unit"}
        bad = [g for g in groups if g not in exprs]
        if bad:
            raise ValueError(f"cannot group party units by {bad}: year, province or unit")
        where, params = _filters_sql(filters)
        outer = [g for g in groups if g != "unit"]
        select = "".join(f"{exprs[g]} AS {g}, " for g in outer)
        group = ", ".join(str(i + 1) for i in range(len(outer) + 1))
        sql = (f"SELECT {select}c.party_unit AS unit, count(*) AS mentions, count(DISTINCT c.article_id) AS articles, "
               f"max(c.value) AS max, sum(c.value) AS sum FROM counts c JOIN articles a ON a.id = c.article_id "
               f"WHERE {where} AND c.party_unit IS NOT NULL GROUP BY {group} ORDER BY {group}")
        return pd.read_sql_query(sql, self.con, params=params)

    def stats(self) -> dict[str, Any]:
        """Sizes: articles, facts per kind, provinces, published range, file size, schema version."""
        con = self.con
        out: dict[str, Any] = {"path": str(self.path), "schema_version": con.execute("PRAGMA user_version").fetchone()[0]}
        out["articles"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        out["facts"] = {kind: con.execute(f"SELECT count(*) FROM {t.table}").fetchone()[0]
                        for kind, t in FACT_TABLES.items()}
        other = con.execute("SELECT kind, count(*) FROM other_facts GROUP BY kind").fetchall()
        out["facts"].update({r[0]: r[1] for r in other})
        out["provinces"] = con.execute("SELECT count(DISTINCT province) FROM articles").fetchone()[0]
        lo, hi = con.execute("SELECT min(published_day), max(published_day) FROM articles").fetchone()
        out["published"] = [lo, hi]
        out["without_published"] = con.execute("SELECT count(*) FROM articles WHERE published_day IS NULL").fetchone()[0]
        size = sum(p.stat().st_size for p in (self.path, Path(str(self.path) + "-wal")) if p.exists())
        out["bytes"] = size
        out["bytes_per_article"] = round(size / out["articles"]) if out["articles"] else None
        out["generation"] = self.generation
        return out

    # --- similar --------------------------------------------------------------------------------
    def similar(self, article: int | Record | str, n: int = 10, **options: Any) -> pd.DataFrame:
        """Articles most like ``article`` (an id, a Record or a text) by TF-IDF over underthesea words.

        The matrix is built on first use and cached beside the database until the archive changes.
        """
        from vnparty_nlp.archive.similar import SimilarityIndex

        if self._similar is None or self._similar.generation != self.generation:
            self._similar = SimilarityIndex.load_or_build(self, **options)
        return self._similar.query(self, article, n)

    # --- export ---------------------------------------------------------------------------------
    def iter_records(self, **filters: Any) -> Iterator[tuple[int, Record]]:
        for article_id in self.ids(**filters):
            yield article_id, self.get(article_id)

    def export_jsonl(self, path: str | Path, **filters: Any) -> int:
        """Write the records (SCHEMA.md form plus ``id`` and ``province``), one JSON per line."""
        n = 0
        with open(path, "w", encoding="utf-8") as out:
            for article_id, record in self.iter_records(**filters):
                info = self.info(article_id)
                data = {"id": article_id, "province": info["province"], **info["extra"], **record.to_dict()}
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
                n += 1
        return n

    def export_csv(self, path: str | Path, kind: str | None = None, **filters: Any) -> int:
        """Write articles' metadata (``kind=None``) or the facts of one kind as CSV; return rows."""
        import pandas as pd

        if kind:
            frame = self.facts(kind, **filters)
        else:
            where, params = _filters_sql(filters)
            frame = pd.read_sql_query(
                "SELECT a.id, a.url, a.source, a.site, a.title, a.published, a.author, a.credit, a.province, "
                f"length(a.text) AS chars FROM articles a WHERE {where} ORDER BY a.id", self.con, params=params)
        frame.to_csv(path, index=False)
        return len(frame)


#: An article's rows, computed without the database (so in any process): all but its id. A plain tuple
#: (workers send thousands; a tuple unpickles faster than a dataclass): canonical URL, content hash,
#: record hash, ARTICLE_COLUMNS after canonical_url, fact rows per kind (after article_id),
#: other_facts rows (after article_id), (title_f, text_f, title_x, text_x).
_Prepared = tuple[str | None, str, str, tuple[Any, ...], dict[str, list[tuple[Any, ...]]], list[tuple[Any, ...]],
                  tuple[str, str, str, str]]


def _prepare(item: _Item) -> _Prepared:
    """Everything about an article that does not need the database: keys, hashes, index forms, rows."""
    meta, text = item.meta, item.text
    canon = keys.canonical_url(meta["url"])
    _, title_f, title_e, _ = keys.index_forms(meta["title"] or "")
    _, text_f, text_e, chash = keys.index_forms(text)  # chash = keys.content_hash(text)
    extra = dict(item.extra)
    province = keys.province_name(extra.pop("province", None)) if extra.get("province") else None
    province_source = "metadata" if province else None
    if province is None:
        province = keys.infer_province(meta["title"], text)
        province_source = "inferred" if province else None
    fingerprint = _FINGERPRINT.encode([meta, province, extra, item.facts, item.sentences])
    rhash = hashlib.sha256((chash + fingerprint).encode("utf-8")).hexdigest()
    published = meta["published"]
    values = (
        chash, rhash, meta["url"], meta["source"], meta["site"], meta["title"], published,
        keys.date_bounds(published)[0] if published else None, meta["author"], meta["credit"], province,
        province_source, text, json.dumps(item.sentences) if item.sentences else None,
        json.dumps(extra, ensure_ascii=False, default=str) if extra else None, dd_words(meta["title"], text),
    )
    facts: dict[str, list[tuple[Any, ...]]] = {}
    other: list[tuple[Any, ...]] = []
    for kind, fs in item.facts.items():
        if not fs:
            continue
        if kind not in FACT_TABLES:
            other += [(kind, f["span"][0], f["span"][1], f["text"],
                       json.dumps({k: v for k, v in f.items() if k not in ("text", "span")},
                                  ensure_ascii=False, default=str)) for f in fs]
            continue
        names = _FIELD_NAMES[kind]
        rows: list[tuple[Any, ...]] = []
        for f in fs:
            span = f["span"]
            vals = tuple(map(f.get, names))
            if not _SQL_TYPES.issuperset(map(type, vals)):
                vals = tuple(map(_sql_value, vals))
            rows.append((span[0], span[1], f["text"], *vals, *_derived(kind, f)))
        facts[kind] = rows
    return canon, chash, rhash, values, facts, other, (title_f, text_f, title_e, text_e)


def _prepare_all(items: list[ArticleInput]) -> list[_Prepared]:
    """A batch read and prepared in a worker process (:meth:`Archive.add` with ``processes``)."""
    return [_prepare(_as_item(item)) for item in items]


#: ``json.dumps(..., ensure_ascii=False, default=str)`` without building an encoder per call (same text)
_FINGERPRINT = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)
#: Fact fields per fact table, in column order
_FIELD_NAMES = {kind: tuple(name for _, _, name in t.fields) for kind, t in FACT_TABLES.items()}
#: types SQLite binds as they are (a bool as 0/1, as ``_sql_value`` makes it); others become JSON
_SQL_TYPES = frozenset({str, int, float, bool, type(None)})


def _prepared_batches(records: Iterable[ArticleInput], batch_size: int,
                      processes: int) -> Iterator[list[_Prepared]]:
    """The input in batches of prepared articles, in order; prepared here or in worker processes.

    At most two batches per worker are in flight, so a long generator is not read ahead into memory.
    """
    if processes <= 1:
        batch: list[_Prepared] = []
        for item in records:
            batch.append(_prepare(_as_item(item)))
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method))
    in_flight: deque[Future[list[_Prepared]]] = deque()
    try:
        it = iter(records)
        while chunk := list(islice(it, batch_size)):
            in_flight.append(pool.submit(_prepare_all, chunk))
            if len(in_flight) >= 2 * processes:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collides(row: Any, canon: str | None, chash: str, title: str | None) -> bool:
    """Whether a stored row found by canonical URL is a *different* article, not an earlier version.

    A corrected article keeps (most of) its headline; a different text under a headline that shares
    less than :data:`SAME_HEADLINE` of its words is another article that shares the canonical URL.
    Without a title on either side there is no evidence, and the article is updated as before.
    """
    if row is None or not canon or row["canonical_url"] != canon or row["content_hash"] == chash:
        return False
    old, new = set(keys.fold_key(row["title"]).split()), set(keys.fold_key(title).split())
    if not old or not new:
        return False
    return len(old & new) / min(len(old), len(new)) < SAME_HEADLINE


#: share of the shorter headline's words two versions of one article have in common, at least
SAME_HEADLINE = 0.6


class _BatchWriter:
    """Rows of one batch, queued per table and written with one ``executemany`` each at ``flush``.

    Ids of new articles are assigned here (the batch holds the write lock), so facts and index rows
    can be queued before their article is written. An article seen twice in one batch flushes the
    queue first, so the second sighting finds the first in the database and updates it.
    """

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
        self.articles: list[tuple[Any, ...]] = []
        self.facts: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in FACT_TABLES}
        self.other: list[tuple[Any, ...]] = []
        self.fts: list[tuple[Any, ...]] = []
        self.pending: set[str] = set()  # canonical URLs and hashes queued in this batch
        self.touched: set[str] = set()  # canonical URLs and hashes written or rewritten in this batch
        self.by_canon: dict[str, sqlite3.Row] = {}
        self.by_hash: dict[str, sqlite3.Row] = {}
        self.changed = False
        self.collisions = 0

    def look_up(self, batch: Sequence[_Prepared]) -> None:
        """The stored rows of a batch's canonical URLs and content hashes: two queries per batch."""
        canons = list({p[0] for p in batch if p[0]})
        hashes = list({p[1] for p in batch})
        cols = "id, record_hash, canonical_url, content_hash, title"
        for i in range(0, len(canons), 500):
            part = canons[i:i + 500]
            for row in self.con.execute(f"SELECT {cols} FROM articles WHERE canonical_url IN "
                                        f"({', '.join('?' * len(part))})", part):
                self.by_canon[row[2]] = row
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            for row in self.con.execute(f"SELECT {cols} FROM articles WHERE content_hash IN "
                                        f"({', '.join('?' * len(part))}) ORDER BY id DESC", part):
                self.by_hash[row[3]] = row  # the lowest id last: it stays

    def _find(self, canon: str | None, chash: str, fresh: bool) -> Any:
        """The stored article of this URL, else of this text (``fresh``: ask the database, not the look-up)."""
        con = self.con
        cols = "id, record_hash, canonical_url, content_hash, title"
        row = None
        if canon:
            row = (con.execute(f"SELECT {cols} FROM articles WHERE canonical_url = ?", (canon,)).fetchone()
                   if fresh else self.by_canon.get(canon))
        if row is None:
            row = (con.execute(f"SELECT {cols} FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
                               (chash,)).fetchone() if fresh else self.by_hash.get(chash))
        return row

    def upsert(self, prep: _Prepared) -> tuple[str, int]:
        con = self.con
        canon, chash, rhash, prep_values, prep_facts, prep_other, prep_fts = prep
        if (canon and canon in self.pending) or chash in self.pending:
            self.flush()
        # an article whose URL or text an earlier one of this batch wrote (or rewrote) is looked up
        # afresh: the batch's look-up shows the database before the batch
        row = self._find(canon, chash, fresh=bool((canon and canon in self.touched) or chash in self.touched))
        if _collides(row, canon, chash, prep_values[5]):
            # another article already holds this canonical URL (a portal pointing every page at its home
            # page): this one is kept apart, identified by its text like an article without a URL
            log.warning("%s: article %d (%r) has this canonical URL with another text and title; %r is "
                        "stored as a separate article, identified by its text", canon, row["id"], row["title"],
                        prep_values[5])
            self.collisions += 1
            canon = None
            row = self._find(None, chash, fresh=chash in self.touched)
        if row is not None and canon and row["canonical_url"] and row["canonical_url"] != canon:  # by its text
            log.debug("%s has the text of article %d (%s): updating that one", canon, row["id"],
                      row["canonical_url"])
            canon = row["canonical_url"]
        if row is not None and row["record_hash"] == rhash:
            return "unchanged", row["id"]
        values = (canon, *prep_values)
        if row is None:
            article_id = self.next_id
            self.next_id += 1
            self.articles.append((article_id, *values))
            outcome = "added"
        else:
            article_id = row["id"]
            old = con.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
            con.execute("INSERT INTO fts(fts, rowid, title_f, text_f, title_x, text_x) VALUES ('delete', ?,?,?,?,?)",
                        (article_id, *_index_values(old["title"], old["text"])))
            for t in FACT_TABLES.values():
                con.execute(f"DELETE FROM {t.table} WHERE article_id = ?", (article_id,))
            con.execute("DELETE FROM other_facts WHERE article_id = ?", (article_id,))
            sets = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS)
            con.execute(f"UPDATE articles SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                        "WHERE id = ?", (*values, article_id))
            outcome = "updated"
            if row["canonical_url"]:  # the old URL and text no longer lead here as the look-up says
                self.touched.add(row["canonical_url"])
            self.touched.add(row["content_hash"])
        for kind, rows in prep_facts.items():
            self.facts[kind] += [(article_id, *r) for r in rows]
        self.other += [(article_id, *r) for r in prep_other]
        self.fts.append((article_id, *prep_fts))
        if canon:
            self.pending.add(canon)
            self.touched.add(canon)
        self.pending.add(chash)
        self.touched.add(chash)
        self.changed = True
        return outcome, article_id

    def flush(self) -> None:
        con = self.con
        if self.articles:
            cols = ", ".join(("id",) + ARTICLE_COLUMNS)
            con.executemany(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})",
                            self.articles)
        for kind, rows in self.facts.items():
            if rows:
                t = FACT_TABLES[kind]
                cols = ["article_id", "start", "stop", "text"] + [c for c, _, _ in t.fields] + [c for c, _ in t.derived]
                con.executemany(f"INSERT INTO {t.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                rows)
                rows.clear()
        if self.other:
            con.executemany("INSERT INTO other_facts (article_id, kind, start, stop, text, data) VALUES (?,?,?,?,?,?)",
                            self.other)
        if self.fts:
            con.executemany("INSERT INTO fts(rowid, title_f, text_f, title_x, text_x) VALUES (?,?,?,?,?)", self.fts)
        self.articles, self.other, self.fts = [], [], []
        self.pending.clear()


ARTICLE_COLUMNS = (
    "canonical_url", "content_hash", "record_hash", "url", "source", "site", "title", "published", "published_day",
    "author", "credit", "province", "province_source", "text", "sentences", "extra", "dd_words",
)


# --- helpers -------------------------------------------------------------------------------------

def _index_values(title: str | None, text: str) -> tuple[str, str, str, str]:
    """(title_f, text_f, title_x, text_x): what the full-text index sees of an article."""
    _, title_f, title_e, _ = keys.index_forms(title or "")
    _, text_f, text_e, _ = keys.index_forms(text)
    return title_f, text_f, title_e, text_e


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _from_sql(value: Any, typ: str, kind: str, name: str) -> Any:
    if value is None:
        return None
    if kind == "congresses" and name == "pilot":
        return bool(value)
    if kind == "documents" and name == "plenum":
        return json.loads(value)
    if typ == "REAL" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _derived(kind: str, f: dict[str, Any]) -> list[Any]:
    if kind == "documents":
        return list(_document_keys(f.get("type"), f.get("number"), f.get("code")))
    if kind == "dates":
        return list(_date_bounds(f.get("value"), f.get("end")))
    if kind == "counts":
        return [_party_unit(f.get("unit"))]
    if kind == "people":
        return [_fold_key(f.get("name"))]
    if kind == "organizations":
        return [_fold_key(f["text"])]
    return []


@lru_cache(maxsize=65536)
def _document_keys(doc_type: str | None, number: str | None, code: str | None) -> tuple[Any, ...]:
    key = DocumentRef.key.fget(SimpleNamespace(type=doc_type, number=number, code=code))  # type: ignore[attr-defined]
    return key, keys.type_key(doc_type), keys.number_key(number), keys.code_key(code)


_date_bounds = lru_cache(maxsize=65536)(keys.date_bounds)
_party_unit = lru_cache(maxsize=65536)(keys.party_unit)
_fold_key = lru_cache(maxsize=65536)(keys.fold_key)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | bytes | int | float | dt.date | Mapping) or not isinstance(value, Iterable):
        return [value]
    return list(value)


_FILTER_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso(value: Any) -> str:
    """A date filter as ISO text of its precision; anything but a real year, month or day is an error."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    m = _FILTER_DATE.fullmatch(text)
    try:
        if m is None:
            raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date ({err}): write 2020, 2020-06 or 2020-06-30") from None
    return text


def _range(lo: Any, hi: Any) -> tuple[str, str]:
    """A range of any precision as inclusive days: (2020, 2020-06) → 2020-01-01..2020-06-30."""
    lo_day = keys.date_bounds(_iso(lo))[0] if lo else "0000-01-01"
    hi_day = keys.date_bounds(_iso(hi))[1] if hi else "9999-12-31"
    return lo_day or "0000-01-01", hi_day or "9999-12-31"


def _cites_sql(values: Any, alias: str) -> tuple[str, list[Any]]:
    """SQL on a documents row ``alias`` true when it cites any of ``values`` (any spelling)."""
    parts, params = [], []
    for value in _as_list(values):
        key = keys.parse_citation(str(value))
        if key.code:
            # 35-CT/TW: that code, or a citation without a code of the same type and number (Chỉ thị 35)
            parts.append(f"({alias}.number_key = ? AND ({alias}.code_key = ? OR ({alias}.code_key IS NULL "
                         f"AND {alias}.type_key IS ?)))")
            params += [key.number, key.code, key.type]
        else:
            parts.append(f"({alias}.number_key = ? AND {alias}.type_key = ?)")
            params += [key.number, key.type]
    return "(" + " OR ".join(parts) + ")", params


def _filters_sql(filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The WHERE clause on ``articles a`` for the search/facts filters.

    - ``cites``: a document or list of documents, any spelling (``35-CT/TW``, ``35/CT-TW``, ``Chỉ thị 35``);
      a coded value also matches uncoded citations of the same type and number.
    - ``doc_type``: cites some document of this type (``chỉ thị``, ``chi thi``).
    - ``province``: one or more provinces, any spelling (``Dien Bien``).
    - ``organization``: an organization fact containing these words (folded: ``huyen uy``).
    - ``site``: the publishing site, exactly.
    - ``has``: the article has facts of these kinds (``shortcomings``).
    - ``published_from`` / ``published_to``: publication date range, any precision, inclusive.
    - ``mentions_from`` / ``mentions_to``: the article mentions a date in this range (its date facts).
    - ``ids``: only these article ids.
    - ``implements``: reports a relation implementing (applying, based on) this document: ``35-CT/TW`` (any
      document of that number), ``35-CT/TW@2019-05-30`` (that one), ``Chỉ thị 35``.
    """
    unknown = set(filters) - FILTER_NAMES
    if unknown:
        raise TypeError(f"unknown filter(s) {sorted(unknown)}; known: {sorted(FILTER_NAMES)}")
    _check_filter_values(filters)
    where: list[str] = []
    params: list[Any] = []
    if filters.get("cites"):
        cond, p = _cites_sql(filters["cites"], "d")
        where.append(f"a.id IN (SELECT d.article_id FROM documents d WHERE {cond})")
        params += p
    if filters.get("doc_type"):
        types = [keys.type_key(v) for v in _as_list(filters["doc_type"])]
        where.append(f"a.id IN (SELECT d.article_id FROM documents d WHERE d.type_key IN ({', '.join('?' * len(types))}))")
        params += types
    if filters.get("province"):
        names = []
        for v in _as_list(filters["province"]):
            name = keys.province_name(v)
            if name is None:
                raise ValueError(f"unknown province {v!r}")
            names.append(name)
        where.append(f"a.province IN ({', '.join('?' * len(names))})")
        params += names
    if filters.get("organization"):
        ors = []
        for v in _as_list(filters["organization"]):
            pattern = "%" + keys.fold_key(v).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ors.append("o.org_key LIKE ? ESCAPE '\\'")
            params.append(pattern)
        where.append(f"a.id IN (SELECT o.article_id FROM organizations o WHERE {' OR '.join(ors)})")
    if filters.get("site"):
        sites = _as_list(filters["site"])
        where.append(f"a.site IN ({', '.join('?' * len(sites))})")
        params += sites
    for kind in _as_list(filters.get("has")):
        t = FACT_TABLES.get(kind)
        if t is None:
            raise ValueError(f"unknown fact kind {kind!r}; known: {list(FACT_TABLES)}")
        # correlated: an index probe per candidate, where IN would materialize every id of the table
        where.append(f"EXISTS (SELECT 1 FROM {t.table} x WHERE x.article_id = a.id)")
    if filters.get("published_from") or filters.get("published_to"):
        lo, hi = _range(filters.get("published_from"), filters.get("published_to"))
        where.append("a.published_day BETWEEN ? AND ?")
        params += [lo, hi]
    if filters.get("mentions_from") or filters.get("mentions_to"):
        lo, hi = _range(filters.get("mentions_from"), filters.get("mentions_to"))
        where.append("a.id IN (SELECT t.article_id FROM dates t WHERE t.date_hi >= ? AND t.date_lo <= ?)")
        params += [lo, hi]
    if filters.get("implements"):
        cond, p = _implements_sql(filters["implements"])
        where.append(f"a.id IN (SELECT r.article_id FROM implements r WHERE {cond})")
        params += p
    if filters.get("ids") is not None:
        ids = _article_ids(filters["ids"])
        # one JSON parameter, not one per id: any number of ids, no SQLite variable limit
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    return (" AND ".join(where) or "1"), params


def _implements_sql(values: Any) -> tuple[str, list[Any]]:
    """Relations whose target is one of ``values``: its registry ids, or the key as the extractor writes it."""
    from vnparty_nlp.extract.registry import default_registry, parse_citation

    registry = default_registry()
    ids: set[str] = set()
    targets: set[str] = set()
    for value in _as_list(values):
        value = str(value).strip()
        if "@" in value:
            ids.add(value)
            continue
        ref = parse_citation(value)
        if ref is None:
            raise ValueError(f"implements={value!r} is not a document citation (35-CT/TW, Chỉ thị 35)")
        targets.add(ref.key)
        entries = registry.lookup(ref.key) if ref.code else list(registry.resolve(ref).candidates)
        ids |= {e.id for e in entries}
        targets |= {e.key for e in entries}
    ids_sql = ", ".join("?" * len(ids)) or "NULL"
    return (f"(r.target_id IN ({ids_sql}) OR r.target_key IN ({', '.join('?' * len(targets)) or 'NULL'}))",
            [*sorted(ids), *sorted(targets)])


#: filters whose values become one OR term each in SQL (SQLite caps an expression's depth near 1000)
_OR_FILTERS = ("cites", "organization", "doc_type", "province", "site", "has", "implements")
#: the most values such a filter takes
MAX_FILTER_VALUES = 200
#: the largest integer SQLite stores (ids, limits and offsets beyond it are clamped or match nothing)
_SQL_INT_MAX = 2**63 - 1


def _check_filter_values(filters: Mapping[str, Any]) -> None:
    """Reject filter values SQLite cannot take, with the filter's name, before any SQL is built."""
    for name, value in filters.items():
        if value is None or name == "ids":
            continue
        values = _as_list(value) if not isinstance(value, Mapping) else [value]
        if name in _OR_FILTERS and len(values) > MAX_FILTER_VALUES:
            raise ValueError(f"{name}: {len(values)} values, at most {MAX_FILTER_VALUES}; split the request")
        for v in values:
            if name in ("province", "organization", "site", "doc_type", "has") and not isinstance(v, str):
                raise ValueError(f"{name}: {v!r} is not text")
            if isinstance(v, str) and _SURROGATE.search(v):
                raise ValueError(f"{name}: {v!r} has an unpaired surrogate (not valid Unicode text)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _article_ids(value: Any) -> list[int]:
    """The ``ids`` filter as integers; ids no SQLite row can have (2**70) match nothing."""
    ids = []
    for i in _as_list(value):
        if isinstance(i, bool) or not isinstance(i, int | str):
            raise ValueError(f"ids: {i!r} is not an article id")
        try:
            number = int(i)
        except ValueError:
            raise ValueError(f"ids: {i!r} is not an article id") from None
        if 0 < number <= _SQL_INT_MAX:
            ids.append(number)
    return ids


def _count_arg(name: str, value: Any) -> int:
    """``limit``/``offset`` as an int SQLite and tantivy take: >= 0, clamped to what any archive holds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number >= 0, not {value!r}")
    if value < 0:
        raise ValueError("limit and offset must be >= 0")
    return min(value, _SQL_INT_MAX)


filters_sql = _filters_sql
