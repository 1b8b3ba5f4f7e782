"""Optional tantivy index beside the SQLite archive, for ranked search at 100,000 articles and more.

FTS5's ``bm25()`` computes each term's document frequency by scanning the term's whole doclist on
every query, so a query of common words costs time in proportion to the archive (40-100 ms at 100K
articles here). Tantivy keeps those statistics and ranks with block-max WAND, a few ms whatever the
size. SQLite stays the source of truth: this index is derived from it (same folded and ASCII-encoded
exact forms), records the archive generation it was built from, and :class:`Archive` only uses it
while that generation is current; otherwise search silently falls back to FTS5. Build it with
``archive.build_accelerator()`` (``vnparty index`` does when tantivy is installed).

Filters on province, publication date, cited documents, document type, fact kinds and site are
indexed here too; the others (organization, mentions, ids) become an id set computed in SQLite.
The facet fields (province, year, site, cited document, fact kinds) are also columnar ("fast"), so the
total and the facets of a search (:meth:`Accelerator.summary`) come from one aggregation over every
match, not from a sample of SQL rows.
"""
from __future__ import annotations

import json
import logging
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.query import And, Node, Or, Term
from vnparty_nlp.archive.schema import FACT_TABLES
from vnparty_nlp.archive.sqlbase import DOCUMENT_GROUP
from vnparty_nlp.archive.values import as_list, day_range, index_values

if TYPE_CHECKING:
    from vnparty_nlp.archive.store import Archive

log = logging.getLogger(__name__)

INDEX_VERSION = 5
#: a title is indexed this many times in front of its text: its words weigh more in BM25 (as a field
#: boost would), at no cost per query (a title field queried beside the text took 40% of the time)
TITLE_REPEAT = 3
PUSHED_DOWN = frozenset({"province", "published_from", "published_to", "cites", "doc_type", "has", "site"})


def available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def _schema() -> Any:
    import tantivy

    b = tantivy.SchemaBuilder()
    b.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in ("text_f", "text_x"):  # folded and exact words of the title and the text
        b.add_text_field(name, stored=False, tokenizer_name="default", index_option="position")
    for name in ("doc", "dtype", "has"):  # filters
        b.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    for name in FACET_FIELDS.values():  # filters and facets
        b.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic", fast=True)
    b.add_integer_field("day", stored=False, indexed=True, fast=True)
    b.add_unsigned_field("kinds", stored=False, indexed=False, fast=True)  # bit i: has FACT_KINDS[i]
    return b.build()


#: summary facet → tantivy field (``document`` holds the document group of :data:`DOCUMENT_GROUP`); the
#: ``has`` facet is counted on ``kinds``, one bit per fact kind: a single-valued column aggregates
#: ~20x faster than the multi-valued ``has`` (at most 2^kinds distinct values, a few dozen in practice)
FACET_FIELDS = {"province": "province", "year": "year", "site": "site", "document": "docgroup"}
FACT_KINDS = tuple(FACT_TABLES)
#: terms each segment reports before the facets are merged: above any province/year/site count, so
#: those are exact; a document group outside every segment's top 1,000 could be under-counted
SEGMENT_TERMS = 1000


def _day(iso: str | None) -> int | None:
    return int(iso.replace("-", "")) if iso else None


def _doc_terms(doc_type: str | None, number: str | None, code: str | None) -> list[str]:
    t, n, c = keys.type_key(doc_type), keys.number_key(number), keys.code_key(code)
    out = []
    if n and c:
        out.append(f"c|{n}|{c}")
    if n and t:
        out.append(f"t|{t}|{n}")
        if not c:
            out.append(f"u|{t}|{n}")
    if t and not n:  # Điều lệ Đảng
        out.append(f"n|{t}")
    return out


class Accelerator:
    """A tantivy index in ``DB.tantivy/`` mirroring one archive generation."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self.directory = directory
        meta = json.loads((directory / "vnparty.json").read_text(encoding="utf-8"))
        if meta.get("version") != INDEX_VERSION or meta.get("fold_version") != keys.FOLD_VERSION:
            raise ValueError(f"accelerator {directory} is from another version: rebuild it")
        self.generation = int(meta["generation"])
        self.document_labels: dict[str, str] = meta.get("document_labels", {})
        self.index = tantivy.Index.open(str(directory))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    @staticmethod
    def path_for(archive: Archive) -> Path:
        path = archive.engine.sidecar(".tantivy")
        if path is None:
            raise ValueError(f"{archive.path}: the tantivy accelerator is for file archives")
        return path

    @classmethod
    def stamp(cls, archive: Archive) -> int | None:
        """When the index beside ``archive`` was last written (None: there is none)."""
        try:
            return (cls.path_for(archive) / "vnparty.json").stat().st_mtime_ns
        except OSError:
            return None

    @classmethod
    def open(cls, archive: Archive) -> Accelerator | None:
        directory = cls.path_for(archive)
        if not (directory / "vnparty.json").exists() or not available():
            return None
        try:
            return cls(directory)
        except (ValueError, OSError) as err:
            log.warning("accelerator %s unusable (%s): searching with FTS5", directory, err)
            return None

    @classmethod
    def build(cls, archive: Archive, progress: bool = False) -> Accelerator:
        """Index every article of ``archive`` into a fresh directory, then swap it in."""
        import tantivy
        from tqdm import tqdm

        engine = archive.engine
        generation = archive.generation
        final = cls.path_for(archive)
        tmp = final.with_name(final.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        schema = _schema()
        index = tantivy.Index(schema, path=str(tmp))
        writer = index.writer(heap_size=256_000_000)
        docs: dict[int, list[str]] = defaultdict(list)
        groups: dict[int, set[str]] = defaultdict(set)
        spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for article_id, doc_type, number, code, doc_key, group in engine.rows(
                f"SELECT article_id, type, number, code, doc_key, {DOCUMENT_GROUP} FROM documents d"):
            docs[article_id] += _doc_terms(doc_type, number, code)
            if doc_key is not None and group is not None:  # as Archive.summary: a group is labelled by a key
                groups[article_id].add(group)
                spellings[group][doc_key] += 1
        labels = {g: min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0] for g, counted in spellings.items()}
        has: dict[int, list[str]] = defaultdict(list)
        for kind, t in FACT_TABLES.items():
            for (article_id,) in engine.rows(f"SELECT DISTINCT article_id FROM {t.table}"):
                has[article_id].append(kind)
        total = engine.rows("SELECT count(*) FROM articles")[0][0]
        rows = engine.stream("SELECT id, title, text, province, published_day, site FROM articles")
        for row in tqdm(rows, total=total, desc="tantivy", unit="article", disable=not progress):
            article_id, title, text, province, day, site = row
            title_f, text_f, title_x, text_x = index_values(title, text)
            doc = tantivy.Document()
            doc.add_unsigned("id", article_id)
            # the title as values of their own, before the text (tantivy leaves a position gap between
            # values, so no phrase runs from the title into the text): one posting list per word
            for field, title_words, text_words in (("text_f", title_f, text_f), ("text_x", title_x, text_x)):
                for value in (title_words,) * TITLE_REPEAT + (text_words,):
                    doc.add_text(field, value)
            if province:
                doc.add_text("province", province)
            if site:
                doc.add_text("site", site)
            if day:
                doc.add_integer("day", _day(day))
                doc.add_text("year", day[:4])
            for group in groups.get(article_id, ()):
                doc.add_text("docgroup", group)
            for term in dict.fromkeys(docs.get(article_id, ())):
                doc.add_text("doc", term)
                if term.startswith(("t|", "n|")):
                    doc.add_text("dtype", term.split("|")[1])
            for kind in has.get(article_id, ()):
                doc.add_text("has", kind)
            doc.add_unsigned("kinds", sum(1 << FACT_KINDS.index(kind) for kind in has.get(article_id, ())))
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        (tmp / "vnparty.json").write_text(json.dumps({"version": INDEX_VERSION, "generation": generation,
                                                      "fold_version": keys.FOLD_VERSION, "articles": total,
                                                      "document_labels": labels}, ensure_ascii=False),
                                          encoding="utf-8")
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        log.info("accelerator %s: %d articles, generation %d", final, total, generation)
        return cls(final)

    # --- queries --------------------------------------------------------------------------------
    def _term_query(self, term: Term, field: str) -> Any:
        from tantivy import Query

        words = [keys.encode_exact(w, exact=True) for w in term.words] if term.exact else list(term.words)
        words = [w.lower() for w in words]
        if term.prefix:
            return Query.phrase_prefix_query(self.schema, field, words)
        if len(words) == 1:
            return Query.term_query(self.schema, field, words[0], index_option="freq")
        return Query.phrase_query(self.schema, field, words)

    def _match_query(self, node: Node) -> Any:
        """Each term in the text fields, which hold the title as well."""
        from tantivy import Occur, Query

        if isinstance(node, Term):
            return self._term_query(node, "text_x" if node.exact else "text_f")
        if isinstance(node, Or):
            return Query.boolean_query([(Occur.Should, self._match_query(n)) for n in node.items])
        assert isinstance(node, And)
        return Query.boolean_query([(Occur.Must, self._match_query(n)) for n in node.items]
                                   + [(Occur.MustNot, self._match_query(n)) for n in node.negated])

    def _filter_queries(self, filters: Mapping[str, Any], sql_ids: Iterable[int] | None) -> list[Any]:
        from tantivy import FieldType, Occur, Query

        s = self.schema
        out = []
        if filters.get("province"):
            names = [keys.province_name(v) for v in as_list(filters["province"])]
            if None in names:
                raise ValueError(f"unknown province in {filters['province']!r}")
            out.append(Query.term_set_query(s, "province", names))
        if filters.get("site"):
            out.append(Query.term_set_query(s, "site", as_list(filters["site"])))
        if filters.get("published_from") or filters.get("published_to"):
            lo, hi = day_range(filters.get("published_from"), filters.get("published_to"))
            out.append(Query.range_query(s, "day", FieldType.Integer, max(_day(lo) or 0, 0), _day(hi)))
        if filters.get("cites"):
            terms = []
            for value in as_list(filters["cites"]):
                key = keys.parse_citation(str(value))
                if key.code:
                    terms += [f"c|{key.number}|{key.code}"] + ([f"u|{key.type}|{key.number}"] if key.type else [])
                elif key.number is None:
                    terms.append(f"n|{key.type}")
                else:
                    terms.append(f"t|{key.type}|{key.number}")
            out.append(Query.term_set_query(s, "doc", terms))
        if filters.get("doc_type"):
            out.append(Query.term_set_query(s, "dtype", [keys.type_key(v) for v in as_list(filters["doc_type"])]))
        for kind in as_list(filters.get("has")):
            if kind not in FACT_TABLES:
                raise ValueError(f"unknown fact kind {kind!r}; known: {list(FACT_TABLES)}")
            out.append(Query.term_query(s, "has", kind, index_option="basic"))
        if sql_ids is not None:
            out.append(Query.term_set_query(s, "id", list(sql_ids)))
        return [(Occur.Must, q) for q in out]

    def search(self, tree: Node | None, filters: Mapping[str, Any], sql_ids: Iterable[int] | None, limit: int,
               offset: int) -> tuple[list[tuple[int, float | None]], int]:
        """(article id, score) best first, lower score better (as with FTS5's bm25), and the match count.

        Without a query (``tree=None``): the filtered articles, newest first, without scores.
        """
        from tantivy import Order

        # tantivy allocates ``limit`` slots and panics on sizes past usize: never ask for more than it holds
        docs = max(int(self.searcher.num_docs), 1)
        limit, offset = max(min(limit, docs), 1), min(offset, docs)
        query = self._query(tree, filters, sql_ids)
        if tree is None:
            result = self.searcher.search(query, limit=limit, offset=offset, count=True, order_by_field="day",
                                          order=Order.Desc)
            return [(i, None) for i in self._ids(result.hits)], result.count
        result = self.searcher.search(query, limit=limit, offset=offset, count=True)
        return [(i, -score) for i, (score, _) in zip(self._ids(result.hits), result.hits, strict=True)], result.count

    def _ids(self, hits: list[tuple[Any, Any]]) -> list[int]:
        """Article ids of hits from the ``id`` column (no stored document is read and decompressed)."""
        addresses = [address for _, address in hits]
        if hasattr(self.searcher, "fast_field_values"):  # tantivy-py >= 0.25
            return [int(i) for i in self.searcher.fast_field_values("id", addresses)]
        return [self.searcher.doc(address)["id"][0] for address in addresses]

    def _query(self, tree: Node | None, filters: Mapping[str, Any], sql_ids: Iterable[int] | None) -> Any:
        from tantivy import Occur, Query

        text = self._match_query(tree) if tree is not None else Query.all_query()
        return Query.boolean_query([(Occur.Must, text), *self._filter_queries(filters, sql_ids)])

    def summary(self, tree: Node | None, filters: Mapping[str, Any], sql_ids: Iterable[int] | None,
                limit: int, sample: int | None = None) -> dict[str, Any]:
        """The total and the facets of every match, in the shape of :meth:`Archive.summary`.

        One tantivy aggregation over the columnar facet fields, in a few ms where SQL would join every
        match to its facts. A document is labelled by its commonest key in the archive (SQL labels it
        by its commonest among the matches). Cited documents are the one multi-valued column, and
        aggregating it costs 2/3 of the whole at 100K matches: with ``sample``, when more than
        ``sample`` articles match, they are counted over the matches of the newest years that hold at
        least ``sample`` of them (``document_since``: the first such year; ``document_matches``: how
        many); every other facet and the total still count every match.
        """
        query = self._query(tree, filters, sql_ids)
        aggs: dict[str, Any] = {name: _terms(field, ALL_YEARS if sample and name == "year" else limit)
                                for name, field in FACET_FIELDS.items() if not (sample and name == "document")}
        aggs["kinds"] = {"terms": {"field": "kinds", "size": 1 << len(FACT_KINDS)}}  # every mask: every match
        found = self.searcher.aggregate(query, aggs)
        total = sum(int(bucket["doc_count"]) for bucket in found["kinds"]["buckets"])
        out: dict[str, Any] = {"total": total, "sampled": False, "document_since": None, "document_matches": total}
        if sample:
            since, covered = _newest_years(found["year"]["buckets"], sample) if total > sample else (None, total)
            if since is not None:
                query = self._since(query, since)
                out.update(sampled=True, document_since=str(since), document_matches=covered)
            document = {"document": _terms(FACET_FIELDS["document"], limit)}
            found["document"] = self.searcher.aggregate(query, document)["document"]
        for name in FACET_FIELDS:
            rows = [(b["key"], int(b["doc_count"])) for b in found[name]["buckets"] if b["doc_count"]]
            if name == "document":
                rows = [(self.document_labels[k], n) for k, n in rows if k in self.document_labels]
            out[name] = sorted(rows, key=lambda r: (-r[1], r[0]))[:max(int(limit), 1)]
        has = dict.fromkeys(FACT_KINDS, 0)  # fact kinds in their registry order, as SQL gives them
        for bucket in found["kinds"]["buckets"]:
            mask = int(bucket["key"])
            for i, kind in enumerate(FACT_KINDS):
                if mask >> i & 1:
                    has[kind] += int(bucket["doc_count"])
        out["has"] = [(kind, n) for kind, n in has.items() if n]
        return out

    def _since(self, query: Any, year: int) -> Any:
        from tantivy import FieldType, Occur, Query

        return Query.boolean_query([(Occur.Must, query), (Occur.Must, Query.range_query(
            self.schema, "day", FieldType.Integer, year * 10_000 + 101, 99_991_231))])


#: more years than an archive spans: the year facet then lists them all (to find the newest ones)
ALL_YEARS = 1000


def _terms(field: str, size: int) -> dict[str, Any]:
    return {"terms": {"field": field, "size": max(int(size), 1), "segment_size": SEGMENT_TERMS}}


def _newest_years(buckets: list[dict[str, Any]], sample: int) -> tuple[int | None, int]:
    """The first of the newest years that hold at least ``sample`` matches, and how many they hold
    (None when all the years together hold fewer: then every match counts)."""
    covered = 0
    for year, n in sorted(((int(b["key"]), int(b["doc_count"])) for b in buckets), reverse=True):
        covered += n
        if covered >= sample:
            return year, covered
    return None, covered
