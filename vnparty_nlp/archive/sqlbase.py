"""What every SQL engine of the archive shares: filters as SQL, facts, facets and summaries as SQL.

The SQL here is written once, with ``?`` placeholders, in the common part of SQLite's and
PostgreSQL's dialects; the few spellings that differ (a list of ids as one parameter, NULL-safe
equality, string aggregation) come from the engine's :class:`Dialect`. Full-text matching differs
entirely and stays in each engine (:meth:`SqlEngine.match_from`, :meth:`SqlEngine.match_cond`).
"""
from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.ingest import Prepared, collides, fact_value
from vnparty_nlp.archive.query import ParsedQuery
from vnparty_nlp.archive.schema import FACT_TABLES
from vnparty_nlp.archive.values import (
    article_ids,
    as_list,
    check_filter_names,
    check_filter_values,
    day_range,
)
from vnparty_nlp.extract import REGISTRY
from vnparty_nlp.records import METADATA_FIELDS, Record

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dialect:
    """The spellings in which two SQL engines differ, for the shared SQL of this module."""

    #: an expression that is always true (an empty WHERE)
    true: str = "1"
    #: NULL-safe equality (``a IS ?`` in SQLite)
    null_eq: str = "IS"
    #: after an ascending ORDER BY term: NULLs first (SQLite's order; PostgreSQL puts them last)
    nulls_first: str = ""
    #: a character that separates fields inside one text value
    unit_separator: str = "char(31)"

    def ids_in(self, column: str, ids: list[int]) -> tuple[str, Any]:
        """``column`` is one of ``ids``, as one parameter (no limit on the number of ids)."""
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(ids)

    def distinct_list(self, expr: str) -> str:
        """The distinct values of ``expr`` in a group, comma-separated."""
        return f"group_concat(DISTINCT {expr})"


#: facets over columns of ``articles a``: the description every SQL engine compiles
ARTICLE_FACETS = {"province": "a.province", "year": "substr(a.published_day, 1, 4)",
                  "month": "substr(a.published_day, 1, 7)", "site": "a.site"}
#: one document however spelled: coded ones by number and code, others by type and number
DOCUMENT_GROUP = ("CASE WHEN d.code_key IS NOT NULL THEN d.number_key || '|' || d.code_key "
                  "ELSE coalesce(d.type_key, '') || '|' || coalesce(d.number_key, '') END")
#: the columns a search result needs of an article
BRIEF_COLUMNS = "id, title, text, published, province, url, source"


def cites_sql(values: Any, alias: str, null_eq: str = "IS") -> tuple[str, list[Any]]:
    """SQL on a documents row ``alias`` true when it cites any of ``values`` (any spelling)."""
    parts, params = [], []
    for value in as_list(values):
        key = keys.parse_citation(str(value))
        if key.code:
            # 35-CT/TW: that code, or a citation without a code of the same type and number (Chỉ thị 35)
            parts.append(f"({alias}.number_key = ? AND ({alias}.code_key = ? OR ({alias}.code_key IS NULL "
                         f"AND {alias}.type_key {null_eq} ?)))")
            params += [key.number, key.code, key.type]
        elif key.number is None:  # Điều lệ Đảng: the citations of that type without a number
            parts.append(f"({alias}.number_key IS NULL AND {alias}.type_key = ?)")
            params.append(key.type)
        else:
            parts.append(f"({alias}.number_key = ? AND {alias}.type_key = ?)")
            params += [key.number, key.type]
    return "(" + " OR ".join(parts) + ")", params


def filters_sql(filters: Mapping[str, Any], dialect: Dialect) -> tuple[str, list[Any]]:
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
    check_filter_names(filters)
    check_filter_values(filters)
    where: list[str] = []
    params: list[Any] = []
    if filters.get("cites"):
        cond, p = cites_sql(filters["cites"], "d", dialect.null_eq)
        where.append(f"a.id IN (SELECT d.article_id FROM documents d WHERE {cond})")
        params += p
    if filters.get("doc_type"):
        types = [keys.type_key(v) for v in as_list(filters["doc_type"])]
        where.append(f"a.id IN (SELECT d.article_id FROM documents d WHERE d.type_key IN ({', '.join('?' * len(types))}))")
        params += types
    if filters.get("province"):
        names = []
        for v in as_list(filters["province"]):
            name = keys.province_name(v)
            if name is None:
                raise ValueError(f"unknown province {v!r}")
            names.append(name)
        where.append(f"a.province IN ({', '.join('?' * len(names))})")
        params += names
    if filters.get("organization"):
        ors = []
        for v in as_list(filters["organization"]):
            pattern = "%" + keys.fold_key(v).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ors.append("o.org_key LIKE ? ESCAPE '\\'")
            params.append(pattern)
        where.append(f"a.id IN (SELECT o.article_id FROM organizations o WHERE {' OR '.join(ors)})")
    if filters.get("site"):
        sites = as_list(filters["site"])
        where.append(f"a.site IN ({', '.join('?' * len(sites))})")
        params += sites
    for kind in as_list(filters.get("has")):
        t = FACT_TABLES.get(kind)
        if t is None:
            raise ValueError(f"unknown fact kind {kind!r}; known: {list(FACT_TABLES)}")
        # correlated: an index probe per candidate, where IN would materialize every id of the table
        where.append(f"EXISTS (SELECT 1 FROM {t.table} x WHERE x.article_id = a.id)")
    if filters.get("published_from") or filters.get("published_to"):
        lo, hi = day_range(filters.get("published_from"), filters.get("published_to"))
        where.append("a.published_day BETWEEN ? AND ?")
        params += [lo, hi]
    if filters.get("mentions_from") or filters.get("mentions_to"):
        lo, hi = day_range(filters.get("mentions_from"), filters.get("mentions_to"))
        where.append("a.id IN (SELECT t.article_id FROM dates t WHERE t.date_hi >= ? AND t.date_lo <= ?)")
        params += [lo, hi]
    if filters.get("implements"):
        cond, p = implements_sql(filters["implements"])
        where.append(f"a.id IN (SELECT r.article_id FROM implements r WHERE {cond})")
        params += p
    if filters.get("ids") is not None:
        cond, param = dialect.ids_in("a.id", article_ids(filters["ids"]))
        where.append(cond)
        params.append(param)
    return (" AND ".join(where) or dialect.true), params


def implements_sql(values: Any) -> tuple[str, list[Any]]:
    """Relations whose target is one of ``values``: its registry ids, or the key as the extractor writes it."""
    from vnparty_nlp.extract.registry import default_registry, parse_citation

    registry = default_registry()
    ids: set[str] = set()
    targets: set[str] = set()
    for value in as_list(values):
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



class SqlEngine(ABC):
    """The archive's reading side in shared SQL; a subclass connects, writes and matches full text.

    A row from :meth:`rows` is read by column name or position.
    """

    name = "sql"
    dialect = Dialect()
    location: Any
    readonly: bool

    # --- what a subclass provides ---------------------------------------------------------------
    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one statement with ``?`` placeholders; its rows."""

    @abstractmethod
    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run one statement; its rows as a DataFrame."""

    @abstractmethod
    def match_from(self, parsed: ParsedQuery | None) -> tuple[str, list[Any], str]:
        """(``FROM ... WHERE <match> AND `` over ``articles a``, its parameters, the newest-first column)."""

    @abstractmethod
    def match_cond(self, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        """A condition on ``articles a``: the article matches the query."""

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Any]:
        """Rows of a large result, read as they are consumed where the engine can."""
        return self.rows(sql, params)

    # --- writing (the steps of :class:`BatchWriter`) ------------------------------------------------
    @abstractmethod
    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement that returns no rows."""

    @abstractmethod
    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Append rows to a table (an engine may load them in bulk)."""
        self.run_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)

    @abstractmethod
    def insert_articles(self, rows: list[tuple[Any, ...]]) -> None:
        """New articles: (id, *ARTICLE_COLUMNS values) each; the engine indexes what it indexes on insert."""

    @abstractmethod
    def update_article(self, article_id: int, values: tuple[Any, ...]) -> None:
        """Rewrite a stored article's ARTICLE_COLUMNS and its updated_at."""

    @abstractmethod
    def unindex(self, article_id: int) -> None:
        """Before an article is rewritten: drop it from an index kept apart from its row."""

    @abstractmethod
    def index(self, rows: list[tuple[Any, ...]]) -> None:
        """After a batch: (id, title_f, text_f, title_x, text_x) of its new and rewritten articles."""

    # --- shared reading -------------------------------------------------------------------------
    def where(self, filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
        return filters_sql(filters, self.dialect)

    def __len__(self) -> int:
        return self.rows("SELECT count(*) FROM articles")[0][0]

    def meta(self, key: str) -> str | None:
        found = self.rows("SELECT value FROM meta WHERE key = ?", (key,))
        return found[0][0] if found else None

    def get(self, article_id: int) -> Record | None:
        found = self.rows("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not found:
            return None
        row = found[0]
        data: dict[str, Any] = {name: row[name] for name in METADATA_FIELDS}
        data["text"] = text = row["text"]
        for kind, t in FACT_TABLES.items():
            cols = ", ".join(["start", "stop", "text"] + [c for c, _, _ in t.fields])
            facts = []
            for f in self.rows(f"SELECT {cols} FROM {t.table} WHERE article_id = ? ORDER BY id", (article_id,)):
                d = {"text": f["text"], "span": [f["start"], f["stop"]]}
                for c, typ, name in t.fields:
                    d[name] = fact_value(f[c], typ, kind, name)
                facts.append(d)
            data[kind] = facts
        for f in self.rows("SELECT kind, start, stop, text, data FROM other_facts WHERE article_id = ? ORDER BY id",
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

    def info(self, article_id: int) -> dict[str, Any] | None:
        found = self.rows(
            "SELECT id, canonical_url, content_hash, url, source, site, title, published, province, province_source, "
            "extra, added_at, updated_at FROM articles WHERE id = ?", (article_id,))
        if not found:
            return None
        out = dict(zip(found[0].keys(), tuple(found[0]), strict=True))
        out["extra"] = json.loads(out["extra"]) if out["extra"] else {}
        return out

    def ids(self, filters: Mapping[str, Any]) -> list[int]:
        where, params = self.where(filters)
        return [r[0] for r in self.rows(f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id", params)]

    def browse(self, where: str, params: list[Any], limit: int, offset: int) -> list[Any]:
        """The filtered articles, newest first, without a score."""
        return self.rows(f"SELECT a.id, NULL AS score FROM articles a WHERE {where} "
                         "ORDER BY a.published_day DESC, a.id DESC LIMIT ? OFFSET ?", (*params, limit, offset))

    def by_date(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int) -> list[Any]:
        """Every match, newest first, without a score."""
        source, match_params, _ = self.match_from(parsed)
        return self.rows(f"SELECT a.id, NULL AS score FROM {source}{where} "
                         "ORDER BY a.published_day DESC, a.id DESC LIMIT ? OFFSET ?",
                         (*match_params, *params, limit, offset))

    def briefs(self, ids: list[int]) -> dict[int, Any]:
        """The articles of ``ids`` (those that still exist) with what a search hit shows."""
        return {r["id"]: r for r in self.rows(f"SELECT {BRIEF_COLUMNS} FROM articles "
                                               f"WHERE id IN ({', '.join('?' * len(ids))})", ids)}

    def count(self, parsed: ParsedQuery | None, filters: Mapping[str, Any]) -> int:
        where, params = self.where(filters)
        if parsed is None:
            return self.rows(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0]
        source, match_params, _ = self.match_from(parsed)
        return self.rows(f"SELECT count(*) FROM {source}{where}", (*match_params, *params))[0][0]

    def facts(self, kind: str, parsed: ParsedQuery | None, filters: Mapping[str, Any]) -> pd.DataFrame:
        t = FACT_TABLES[kind]
        where, params = self.where(filters)
        extra_where = ""
        extra_params: list[Any] = []
        if kind == "documents" and filters.get("cites"):
            extra_where, extra_params = cites_sql(filters["cites"], "f", self.dialect.null_eq)
            extra_where = " AND " + extra_where
        if kind == "dates" and (filters.get("mentions_from") or filters.get("mentions_to")):
            lo, hi = day_range(filters.get("mentions_from"), filters.get("mentions_to"))
            extra_where = " AND f.date_hi >= ? AND f.date_lo <= ?"
            extra_params = [lo, hi]
        if parsed is not None:
            cond, match_params = self.match_cond(parsed)
            extra_where += f" AND {cond}"
            extra_params += match_params
        value_cols = [c for c, _, _ in t.fields] + [c for c, _ in t.derived]
        sql = (
            f"SELECT a.id AS article_id, a.title AS article_title, a.published, a.province, a.source, "
            f"'{kind}' AS fact_type, f.text, f.start, f.stop, "
            f"{', '.join('f.' + c for c in value_cols)} FROM {t.table} f JOIN articles a ON a.id = f.article_id "
            f"WHERE {where}{extra_where} ORDER BY a.id, f.start"
        )
        frame = self.frame(sql, [*params, *extra_params])
        if kind == "congresses" and not frame.empty:
            frame["pilot"] = frame["pilot"].astype(bool)
        return frame.rename(columns={"end_value": "end"})

    def facet(self, by: str, parsed: ParsedQuery | None, limit: int | None, filters: Mapping[str, Any]) -> pd.DataFrame:
        where, params = self.where(filters)
        if parsed is not None:
            cond, match_params = self.match_cond(parsed)
            where += f" AND {cond}"
            params += match_params
        lim = f" LIMIT {int(limit)}" if limit else ""
        if by in ARTICLE_FACETS:
            sql = (f"SELECT {ARTICLE_FACETS[by]} AS {by}, count(*) AS articles FROM articles a WHERE {where} "
                   f"GROUP BY 1 ORDER BY articles DESC, 1{lim}")
        elif by == "doc_type":
            sql = (f"SELECT d.type AS doc_type, count(DISTINCT d.article_id) AS articles, count(*) AS citations "
                   f"FROM documents d JOIN articles a ON a.id = d.article_id WHERE {where} AND d.type IS NOT NULL "
                   f"GROUP BY d.type ORDER BY articles DESC, citations DESC, 1{lim}")
        elif by == "document":
            sql = (
                f"WITH c AS (SELECT d.article_id, d.doc_key, {DOCUMENT_GROUP} "
                f"AS k FROM documents d JOIN articles a ON a.id = d.article_id WHERE {where}), "
                "labels AS (SELECT k, doc_key, row_number() OVER (PARTITION BY k ORDER BY count(*) DESC, doc_key) AS r "
                "FROM c GROUP BY k, doc_key) "
                "SELECT l.doc_key AS document, count(DISTINCT c.article_id) AS articles, count(*) AS citations, "
                f"{self.dialect.distinct_list('c.doc_key')} AS spellings "
                f"FROM c JOIN labels l ON l.k = c.k AND l.r = 1 GROUP BY c.k, l.doc_key "
                f"ORDER BY articles DESC, citations DESC, 1{lim}"
            )
        else:
            raise ValueError(f"cannot facet by {by!r}: province, year, month, site, document or doc_type")
        return self.frame(sql, params)

    def summary(self, parsed: ParsedQuery | None, limit: int, sample: int | None,
                filters: Mapping[str, Any]) -> dict[str, Any]:
        where, params = self.where(filters)
        source, match_params, order_col = self.match_from(parsed)
        params = [*match_params, *params]
        lim = int(limit)
        parts = [
            "SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM m",
            *(f"SELECT * FROM (SELECT '{name}', {col}, count(*) AS n FROM m WHERE {col} IS NOT NULL "
              f"GROUP BY 2 ORDER BY n DESC, 2 LIMIT {lim}) AS {name}_facet"
              for name, col in (("province", "province"), ("year", "year"), ("site", "site"))),
            # documents however spelled (group k), labelled below by their commonest key, as facet("document")
            f"SELECT 'document', {DOCUMENT_GROUP}, count(DISTINCT d.article_id) FROM documents d "
            "JOIN m ON m.id = d.article_id GROUP BY 2",
            f"SELECT 'spelling', {DOCUMENT_GROUP} || {self.dialect.unit_separator} || d.doc_key, count(*) "
            "FROM documents d JOIN m ON m.id = d.article_id WHERE d.doc_key IS NOT NULL GROUP BY 2",
            *(f"SELECT 'has', '{kind}', count(*) FROM m WHERE EXISTS (SELECT 1 FROM {t.table} x "
              "WHERE x.article_id = m.id)" for kind, t in FACT_TABLES.items()),
        ]
        # newest first straight from the index (FTS5 walks rowids backwards and stops): no sort of all matches
        cut = f" ORDER BY {order_col} DESC LIMIT {int(sample)}" if sample else ""
        sql = (f"WITH m AS MATERIALIZED (SELECT a.id, a.province, substr(a.published_day, 1, 4) AS year, a.site "
               f"FROM {source}{where}{cut}) " + " UNION ALL ".join(parts))
        out: dict[str, Any] = {"total": 0, "province": [], "year": [], "site": [], "document": [], "has": [],
                               "sampled": False, "document_since": None}
        spellings: dict[str, list[tuple[int, str]]] = {}
        for facet, value, n in self.rows(sql, params):
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
            out["total"] = self.count(parsed, filters)
            out["sampled"] = out["total"] > sample
        out["document_matches"] = min(out["total"], sample) if sample else out["total"]
        return out

    def shortcomings_by(self, groups: list[str], filters: Mapping[str, Any]) -> pd.DataFrame:
        exprs = {"year": ARTICLE_FACETS["year"], "province": "a.province", "month": ARTICLE_FACETS["month"]}
        bad = [g for g in groups if g not in exprs]
        if bad:
            raise ValueError(f"cannot group shortcomings by {bad}: year, month or province")
        where, params = self.where(filters)
        select = ", ".join(f"{exprs[g]} AS {g}" for g in groups)
        group = ", ".join(str(i + 1) for i in range(len(groups)))
        order = ", ".join(f"{i + 1}{self.dialect.nulls_first}" for i in range(len(groups)))
        sql = (f"SELECT {select}, count(*) AS shortcomings, count(DISTINCT s.article_id) AS articles "
               f"FROM shortcomings s JOIN articles a ON a.id = s.article_id WHERE {where} "
               f"GROUP BY {group} ORDER BY {order}")
        return self.frame(sql, params)

    def party_units(self, groups: list[str], filters: Mapping[str, Any]) -> pd.DataFrame:
        exprs = {"year": ARTICLE_FACETS["year"], "province": "a.province", "unit": "c.party_unit"}
        bad = [g for g in groups if g not in exprs]
        if bad:
            raise ValueError(f"cannot group party units by {bad}: year, province or unit")
        where, params = self.where(filters)
        outer = [g for g in groups if g != "unit"]
        select = "".join(f"{exprs[g]} AS {g}, " for g in outer)
        group = ", ".join(str(i + 1) for i in range(len(outer) + 1))
        order = ", ".join(f"{i + 1}{self.dialect.nulls_first}" for i in range(len(outer) + 1))
        sql = (f"SELECT {select}c.party_unit AS unit, count(*) AS mentions, count(DISTINCT c.article_id) AS articles, "
               f"max(c.value) AS max, sum(c.value) AS sum FROM counts c JOIN articles a ON a.id = c.article_id "
               f"WHERE {where} AND c.party_unit IS NOT NULL GROUP BY {group} ORDER BY {order}")
        return self.frame(sql, params)

    def articles_frame(self, filters: Mapping[str, Any]) -> pd.DataFrame:
        where, params = self.where(filters)
        return self.frame(
            "SELECT a.id, a.url, a.source, a.site, a.title, a.published, a.author, a.credit, a.province, "
            f"length(a.text) AS chars FROM articles a WHERE {where} ORDER BY a.id", params)

    def counts(self) -> dict[str, Any]:
        """Sizes every engine reports the same way (:meth:`Archive.stats`)."""
        out: dict[str, Any] = {"articles": len(self)}
        out["facts"] = {kind: self.rows(f"SELECT count(*) FROM {t.table}")[0][0] for kind, t in FACT_TABLES.items()}
        out["facts"].update({r[0]: r[1] for r in self.rows("SELECT kind, count(*) FROM other_facts GROUP BY kind")})
        out["provinces"] = self.rows("SELECT count(DISTINCT province) FROM articles")[0][0]
        lo, hi = self.rows("SELECT min(published_day), max(published_day) FROM articles")[0]
        out["published"] = [lo, hi]
        out["without_published"] = self.rows("SELECT count(*) FROM articles WHERE published_day IS NULL")[0][0]
        return out

    def similar_rows(self) -> list[Any]:
        """(id, title and text) of every article, oldest first: what the similarity index reads."""
        return self.rows("SELECT id, coalesce(title, '') || '\n' || text FROM articles ORDER BY id")


class BatchWriter:
    """Rows of one batch, queued per table and written with one ``executemany`` each at ``flush``.

    Ids of new articles are assigned here (the batch holds the write lock), so facts and index rows
    can be queued before their article is written. An article seen twice in one batch flushes the
    queue first, so the second sighting finds the first in the database and updates it.
    """

    def __init__(self, engine: SqlEngine) -> None:
        self.engine = engine
        self.next_id = engine.rows("SELECT coalesce(max(id), 0) + 1 FROM articles")[0][0]
        self.articles: list[tuple[Any, ...]] = []
        self.facts: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in FACT_TABLES}
        self.other: list[tuple[Any, ...]] = []
        self.fts: list[tuple[Any, ...]] = []
        self.pending: set[str] = set()  # canonical URLs and hashes queued in this batch
        self.touched: set[str] = set()  # canonical URLs and hashes written or rewritten in this batch
        self.by_canon: dict[str, Any] = {}
        self.by_hash: dict[str, Any] = {}
        self.changed = False
        self.collisions = 0

    def look_up(self, batch: Sequence[Prepared]) -> None:
        """The stored rows of a batch's canonical URLs and content hashes: two queries per batch."""
        canons = list({p[0] for p in batch if p[0]})
        hashes = list({p[1] for p in batch})
        cols = "id, record_hash, canonical_url, content_hash, title"
        for i in range(0, len(canons), 500):
            part = canons[i:i + 500]
            for row in self.engine.rows(f"SELECT {cols} FROM articles WHERE canonical_url IN "
                                        f"({', '.join('?' * len(part))})", part):
                self.by_canon[row[2]] = row
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            for row in self.engine.rows(f"SELECT {cols} FROM articles WHERE content_hash IN "
                                        f"({', '.join('?' * len(part))}) ORDER BY id DESC", part):
                self.by_hash[row[3]] = row  # the lowest id last: it stays

    def _find(self, canon: str | None, chash: str, fresh: bool) -> Any:
        """The stored article of this URL, else of this text (``fresh``: ask the database, not the look-up)."""
        rows = self.engine.rows
        cols = "id, record_hash, canonical_url, content_hash, title"
        row = None
        if canon:
            row = (next(iter(rows(f"SELECT {cols} FROM articles WHERE canonical_url = ?", (canon,))), None)
                   if fresh else self.by_canon.get(canon))
        if row is None:
            row = (next(iter(rows(f"SELECT {cols} FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
                                         (chash,))), None) if fresh else self.by_hash.get(chash))
        return row

    def upsert(self, prep: Prepared) -> tuple[str, int]:
        canon, chash, rhash, prep_values, prep_facts, prep_other, prep_fts = prep
        if (canon and canon in self.pending) or chash in self.pending:
            self.flush()
        # an article whose URL or text an earlier one of this batch wrote (or rewrote) is looked up
        # afresh: the batch's look-up shows the database before the batch
        row = self._find(canon, chash, fresh=bool((canon and canon in self.touched) or chash in self.touched))
        if collides(row, canon, chash, prep_values[5]):
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
            engine = self.engine
            engine.unindex(article_id)
            for t in FACT_TABLES.values():
                engine.run(f"DELETE FROM {t.table} WHERE article_id = ?", (article_id,))
            engine.run("DELETE FROM other_facts WHERE article_id = ?", (article_id,))
            engine.update_article(article_id, values)
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
        engine = self.engine
        if self.articles:
            engine.insert_articles(self.articles)
        for kind, rows in self.facts.items():
            if rows:
                t = FACT_TABLES[kind]
                cols = ["article_id", "start", "stop", "text"] + [c for c, _, _ in t.fields] + [c for c, _ in t.derived]
                engine.insert_rows(t.table, cols, rows)
                rows.clear()
        if self.other:
            engine.insert_rows("other_facts", ["article_id", "kind", "start", "stop", "text", "data"], self.other)
        if self.fts:
            engine.index(self.fts)
        self.articles, self.other, self.fts = [], [], []
        self.pending.clear()
