"""``Archive``: analyzed articles and their facts, searchable and filterable, on the engine its location names.

``Archive("x.sqlite")`` is one SQLite file (the embedded default, :mod:`~vnparty_nlp.archive.engine_sqlite`);
``Archive("postgresql://...")`` a PostgreSQL database (:mod:`~vnparty_nlp.archive.engine_postgres`). The
API, the query language, the filters and the results are the same on both: this module parses
queries, checks filters, prepares articles (:mod:`~vnparty_nlp.archive.ingest`) and assembles
results; the engine (:class:`~vnparty_nlp.archive.engine.Engine`) stores, matches and counts.

An article is identified by its canonical URL or, without one, by its text's hash; adding it again
updates it in place. A record whose canonical URL is stored with another text *and* another title is
a different article (sites that point every page's ``rel=canonical`` at their home page): it is kept
apart, identified by its text, with a warning and ``AddReport.collisions``.
"""
from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive.engine import Engine, open_engine
from vnparty_nlp.archive.ingest import ArticleInput, prepared_batches
from vnparty_nlp.archive.query import ParsedQuery, QueryError, parse_query  # noqa: F401 (QueryError: API)
from vnparty_nlp.archive.schema import FACT_TABLES
from vnparty_nlp.archive.snippets import make_snippet
from vnparty_nlp.archive.values import (  # noqa: F401 (MAX_FILTER_VALUES: API)
    FILTER_NAMES,
    MAX_FILTER_VALUES,
    check_filter_names,
    count_arg,
)
from vnparty_nlp.records import Record

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

DEFAULT_DB = "vnparty-archive.sqlite"
#: how many of the newest matches FTS5's bm25 ranks (see :meth:`Archive.search`)
RANK_WINDOW = 500

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


class Archive:
    """A searchable archive. ``Archive(location)`` creates or opens (and migrates) it.

    ``location``: a file path (SQLite) or a ``postgresql://`` URL (PostgreSQL; needs ``pip install
    vnparty_nlp[postgres]``). ``readonly=True`` opens an existing archive for searching only (several
    processes may). ``accelerator``: ``None`` (default) ranks queries with the tantivy index beside a
    SQLite database when it exists and is current (see :mod:`vnparty_nlp.archive.accel`), else with
    the engine's own index; ``False`` always uses the engine's own index.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, timeout: float = 30.0,
                 accelerator: bool | None = None) -> None:
        self.engine: Engine = open_engine(path, readonly=readonly, timeout=timeout)
        self.path = self.engine.location
        self.readonly = readonly
        self.use_accelerator = accelerator is not False
        self._accel: Any = None
        self._accel_seen: tuple[int, int | None] | None = None
        self._similar: Any = None

    @property
    def con(self) -> Any:
        """The engine's DB-API connection (sqlite3 or psycopg), for SQL of your own."""
        return self.engine.con  # type: ignore[attr-defined]

    # --- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.engine)

    @property
    def generation(self) -> int:
        """Bumped by every write transaction: caches built from the archive (similar()) compare it."""
        return self.engine.generation

    def rebuild_index(self) -> None:
        """Re-index every article's title and text (after a change of folding, or to compact)."""
        self.engine.rebuild_index()

    def optimize(self) -> None:
        """Merge the full-text index: faster queries after a large ingest."""
        self.engine.optimize()

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
            for batch in prepared_batches(records, batch_size, processes):
                self.engine.write_batch(batch, report)
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

    def remove(self, article_id: int) -> bool:
        """Delete one article, its facts and its index entry; False if there was none."""
        removed = self.engine.remove(article_id)
        if removed:
            self._similar = None
        return removed

    # --- reading --------------------------------------------------------------------------------
    def get(self, article_id: int) -> Record:
        """The stored article as a Record, facts included (``KeyError`` if there is none)."""
        record = self.engine.get(article_id)
        if record is None:
            raise KeyError(f"no article {article_id} in {self.path}")
        return record

    def info(self, article_id: int) -> dict[str, Any]:
        """The archive's own fields of an article (id, province, hashes, timestamps)."""
        found = self.engine.info(article_id)
        if found is None:
            raise KeyError(f"no article {article_id} in {self.path}")
        return found

    def ids(self, **filters: Any) -> list[int]:
        """Ids of the articles that pass the filters, oldest first."""
        return self.engine.ids(filters)

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
        """Articles matching ``query`` and the filters, best first, with highlighted snippets.

        ``exact=None`` (default) matches a word typed with accents exactly and one typed without them
        against the folded text; ``True``/``False`` force one or the other for every word. Without a
        query, the filtered articles come newest first. Filters: see :func:`~vnparty_nlp.archive.sqlbase.filters_sql`.
        A malformed query raises :class:`QueryError`.

        Ranking: with a current tantivy accelerator (``build_accelerator()``), tantivy's BM25 over
        every match (``results.engine == "tantivy"``, ``results.total`` = all matches). On SQLite
        otherwise FTS5's bm25 over the newest :data:`RANK_WINDOW` matches (all of them when fewer
        match, or with ``exhaustive=True``), because FTS5 rescans each term's whole doclist per query
        to score; ``results.exhaustive`` says whether the window cut. On PostgreSQL ``ts_rank`` over
        the same window (``results.engine == "postgres"``).
        ``order="date"``: every match, newest first (no score), for readers who browse by time.
        """
        if order not in ("relevance", "date"):
            raise ValueError(f"order must be 'relevance' or 'date', not {order!r}")
        check_filter_names(filters, "search filter")
        limit, offset = count_arg("limit", limit), count_arg("offset", offset)
        where, params = self.engine.where(filters)
        engine = self.engine
        parsed: ParsedQuery | None = None
        complete = True
        rows: Sequence[Any] = []
        used, total = "sqlite", None
        accel = self.accelerator() if self.use_accelerator else None
        if (query is None or not str(query).strip()) and accel is not None and filters:
            rows, total = self._accelerated(accel, None, filters, limit, offset)
            used = "tantivy"
        elif query is None or not str(query).strip():
            rows = engine.browse(where, params, limit, offset)
        if query is not None and str(query).strip():
            parsed = parse_query(query, exact=exact)
            if order == "date":
                rows = engine.by_date(parsed, where, params, limit, offset)
                used = engine.name
            elif accel is not None:
                rows, total = self._accelerated(accel, parsed, filters, limit, offset)
                used = "tantivy"
            else:
                rows, complete = engine.ranked(parsed, where, params, limit, offset, exhaustive, RANK_WINDOW)
                used = engine.name
        hits = self._hits(rows, parsed, highlight, snippet_chars)
        results = SearchResults(hits, query=query, fts=parsed.fts if parsed else None, exhaustive=complete,
                                engine=used, total=total)
        return results.frame() if frame else results

    # --- accelerator ----------------------------------------------------------------------------
    @property
    def can_accelerate(self) -> bool:
        """Whether this archive's engine can have a tantivy index beside it (a SQLite file)."""
        return self.engine.sidecar(".tantivy") is not None

    def accelerator(self) -> Any:
        """The tantivy index if it is usable and mirrors the current archive, else None."""
        if not self.use_accelerator or not self.can_accelerate:
            return None
        generation = self.generation
        if self._accel is None or self._accel.generation != generation:
            from vnparty_nlp.archive.accel import Accelerator

            # an index found unusable (missing, stale, of another version) is looked at again only
            # when the archive or the index changed: not once per search, with a warning each time
            seen = (generation, Accelerator.stamp(self))
            if self._accel_seen != seen:
                self._accel, self._accel_seen = Accelerator.open(self), seen
        if self._accel is not None and self._accel.generation != generation:
            log.debug("accelerator at generation %d, archive at %d: not using it", self._accel.generation,
                      generation)
            return None
        return self._accel

    def build_accelerator(self, progress: bool = False) -> Any:
        """(Re)build the tantivy index from the archive (needs ``pip install tantivy``)."""
        from vnparty_nlp.archive.accel import Accelerator, available

        if not available():
            raise RuntimeError("the accelerator needs tantivy: pip install tantivy")
        if not self.can_accelerate:
            raise RuntimeError(f"the tantivy accelerator is for SQLite archives; {self.path} ranks with its own index")
        self._accel = Accelerator.build(self, progress=progress)
        return self._accel

    def _accelerated(self, accel: Any, parsed: ParsedQuery | None, filters: Mapping[str, Any], limit: int,
                     offset: int) -> tuple[list[dict[str, Any]], int]:
        found, total = accel.search(parsed.tree if parsed else None, filters, self._sql_ids(filters), max(limit, 1),
                                    offset)
        return [{"id": article_id, "score": score} for article_id, score in found[:limit]], total

    def _sql_ids(self, filters: Mapping[str, Any]) -> list[int] | None:
        """Ids passing the filters the accelerator does not index (None: it indexes them all)."""
        from vnparty_nlp.archive.accel import PUSHED_DOWN

        rest = {k: v for k, v in filters.items() if k not in PUSHED_DOWN and v is not None}
        return self.ids(**rest) if rest else None

    def _hits(self, rows: Sequence[Any], parsed: ParsedQuery | None, highlight: tuple[str, str],
              snippet_chars: int) -> list[Hit]:
        if not rows:
            return []
        found = self.engine.briefs([r["id"] for r in rows])
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
        parsed = parse_query(query, exact=exact) if query is not None and query.strip() else None
        return self.engine.count(parsed, filters)

    # --- facts and facets -----------------------------------------------------------------------
    def facts(self, kind: str, *, query: str | None = None, exact: bool | None = None, **filters: Any) -> pd.DataFrame:
        """One row per fact of ``kind`` in the articles passing the filters (and matching ``query``).

        Columns as :func:`vnparty_nlp.records.facts_frame` names them (``article_id``, ``article_title``,
        ``published``, ``province``, ``source``, ``fact_type``, ``text``, ``start``, ``stop``, the
        fact's own fields: a date's ``value``, ``end``, ``kind``), then the archive's ``*_key`` columns.

        With ``cites`` and ``kind="documents"`` only the matching citations are returned; with
        ``mentions_from/to`` and ``kind="dates"`` only the dates in that range.
        """
        if kind not in FACT_TABLES:
            raise ValueError(f"unknown fact kind {kind!r}; known: {list(FACT_TABLES)}")
        check_filter_names(filters)
        parsed = parse_query(query, exact=exact) if query else None
        return self.engine.facts(kind, parsed, filters)

    def facet(self, by: str, *, query: str | None = None, exact: bool | None = None, limit: int | None = None,
              **filters: Any) -> pd.DataFrame:
        """Articles per value of ``by``: ``province``, ``year``, ``month``, ``site``, ``document``, ``doc_type``.

        ``document`` counts articles per cited document (its researcher's key, ``35-CT/TW``) and the
        number of citations; the most cited first.
        """
        parsed = parse_query(query, exact=exact) if query else None
        return self.engine.facet(by, parsed, limit, filters)

    def summary(self, query: str | None = None, *, exact: bool | None = None, limit: int = 12,
                sample: int | None = None, **filters: Any) -> dict[str, Any]:
        """The total and the facets of a search in one statement: ``{"total": n, "province": [(value,
        articles), ...], "year": ..., "site": ..., "document": ..., "has": [(kind, articles), ...]}``.

        The same figures as :meth:`count` and :meth:`facet` (``limit`` rows per facet, most articles
        first), but the full-text matches are found once and shared by every facet (a search page
        would otherwise scan them a dozen times). Values without a province, date or site are left out.
        ``sample``: a bound for servers (at 100,000 articles a common word matches them all); ``total``
        stays exact and ``"sampled": True`` says when it cut. In SQL every facet counts the newest
        ``sample`` matches only. With a current tantivy accelerator every facet counts every match but
        cited documents, which count the matches of the newest years holding at least ``sample`` of
        them (``"document_since"``: the first of those years, ``"document_matches"``: how many).
        """
        check_filter_names(filters, "summary filter")
        parsed = parse_query(query, exact=exact) if query is not None and str(query).strip() else None
        accel = self.accelerator() if self.use_accelerator else None
        if accel is not None:
            sql_ids = self._sql_ids(filters)
            found: dict[str, Any] = accel.summary(parsed.tree if parsed else None, filters, sql_ids, limit, sample)
            return found
        return self.engine.summary(parsed, limit, sample, filters)

    def top_documents(self, n: int = 20, **filters: Any) -> pd.DataFrame:
        """The most cited documents: ``document`` (``35-CT/TW``), ``articles``, ``citations``."""
        return self.facet("document", limit=n, **filters)

    def shortcomings_by(self, by: str | Sequence[str] = ("year", "province"), **filters: Any) -> pd.DataFrame:
        """Shortcomings (facts) and articles that list them, per ``year``, ``province`` or both."""
        return self.engine.shortcomings_by([by] if isinstance(by, str) else list(by), filters)

    def party_units(self, by: str | Sequence[str] = ("province",), **filters: Any) -> pd.DataFrame:
        """Counts of party units (đảng bộ, chi bộ, tổ chức cơ sở đảng, đảng viên) per ``by``.

        ``mentions`` counts the facts, ``articles`` the articles, ``max`` the largest figure given
        (articles repeat totals, so summing them would double count).
        """
        return self.engine.party_units([by] if isinstance(by, str) else list(by), filters)

    def stats(self) -> dict[str, Any]:
        """Sizes: articles, facts per kind, provinces, published range, bytes, schema version."""
        engine = self.engine
        out: dict[str, Any] = {"path": str(self.path), "schema_version": engine.schema_version()}
        out.update(engine.counts())
        size = engine.size_bytes()
        out["bytes"] = size
        out["bytes_per_article"] = round(size / out["articles"]) if out["articles"] else None
        out["generation"] = self.generation
        return out

    # --- similar --------------------------------------------------------------------------------
    def similar(self, article: int | Record | str, n: int = 10, **options: Any) -> pd.DataFrame:
        """Articles most like ``article`` (an id, a Record or a text) by TF-IDF over underthesea words.

        The matrix is built on first use and cached (beside a SQLite database) until the archive changes.
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
        frame = self.facts(kind, **filters) if kind else self.engine.articles_frame(filters)
        frame.to_csv(path, index=False)
        return len(frame)
