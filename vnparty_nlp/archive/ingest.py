"""Ingest preparation every engine shares: a Record or record dict becomes the rows of one article.

Everything here runs without a database (so in worker processes): canonical URL, hashes, province,
fact rows with their normalized keys. An engine only assigns ids and writes the rows
(:meth:`~vnparty_nlp.archive.engine.Engine.write_batch`).
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.schema import FACT_TABLES, dd_words
from vnparty_nlp.extract import REGISTRY
from vnparty_nlp.extract.documents import DocumentRef
from vnparty_nlp.records import METADATA_FIELDS, Record

log = logging.getLogger(__name__)

ArticleInput = Record | Mapping[str, Any]


@dataclass
class Item:
    """An article as ingest sees it: metadata, text, facts as dicts (cheaper than Fact objects)."""

    meta: dict[str, Any]
    text: str
    facts: dict[str, list[dict[str, Any]]]
    sentences: list[list[int]]
    extra: dict[str, Any]


def fact_dict(fact: Any) -> dict[str, Any]:
    d = dict(fact.__dict__)  # frozen dataclasses without slots: every field is here
    d["span"] = list(d["span"])
    return d


def as_item(item: ArticleInput) -> Item:
    """A Record or record dict as an :class:`Item`; non-Record keys of a dict (``province``) kept as extra."""
    if isinstance(item, Record):
        meta = {name: getattr(item, name) for name in METADATA_FIELDS}
        facts = {kind: [fact_dict(f) for f in fs] for kind, fs in item.facts.items()}
        return Item(meta, item.text, facts, [list(s.bounds) for s in item.sentences], {})
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
        return Item(meta, item["text"], facts, sentences, extra)
    raise TypeError(f"Archive.add takes Records or record dicts, not {type(item).__name__}")


#: An article's rows, computed without the database (so in any process): all but its id. A plain tuple
#: (workers send thousands; a tuple unpickles faster than a dataclass): canonical URL, content hash,
#: record hash, ARTICLE_COLUMNS after canonical_url, fact rows per kind (after article_id),
#: other_facts rows (after article_id), (title_f, text_f, title_x, text_x).
Prepared = tuple[str | None, str, str, tuple[Any, ...], dict[str, list[tuple[Any, ...]]], list[tuple[Any, ...]],
                  tuple[str, str, str, str]]


def prepare(item: Item) -> Prepared:
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
                vals = tuple(map(sql_value, vals))
            rows.append((span[0], span[1], f["text"], *vals, *derived(kind, f)))
        facts[kind] = rows
    return canon, chash, rhash, values, facts, other, (title_f, text_f, title_e, text_e)


def prepare_all(items: list[ArticleInput]) -> list[Prepared]:
    """A batch read and prepared in a worker process (:meth:`Archive.add` with ``processes``)."""
    return [prepare(as_item(item)) for item in items]


#: ``json.dumps(..., ensure_ascii=False, default=str)`` without building an encoder per call (same text)
_FINGERPRINT = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)
#: Fact fields per fact table, in column order
_FIELD_NAMES = {kind: tuple(name for _, _, name in t.fields) for kind, t in FACT_TABLES.items()}
#: types SQLite binds as they are (a bool as 0/1, as ``sql_value`` makes it); others become JSON
_SQL_TYPES = frozenset({str, int, float, bool, type(None)})


def prepared_batches(records: Iterable[ArticleInput], batch_size: int,
                      processes: int) -> Iterator[list[Prepared]]:
    """The input in batches of prepared articles, in order; prepared here or in worker processes.

    At most two batches per worker are in flight, so a long generator is not read ahead into memory.
    """
    if processes <= 1:
        batch: list[Prepared] = []
        for item in records:
            batch.append(prepare(as_item(item)))
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
    in_flight: deque[Future[list[Prepared]]] = deque()
    try:
        it = iter(records)
        while chunk := list(islice(it, batch_size)):
            in_flight.append(pool.submit(prepare_all, chunk))
            if len(in_flight) >= 2 * processes:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def collides(row: Any, canon: str | None, chash: str, title: str | None) -> bool:
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

ARTICLE_COLUMNS = (
    "canonical_url", "content_hash", "record_hash", "url", "source", "site", "title", "published", "published_day",
    "author", "credit", "province", "province_source", "text", "sentences", "extra", "dd_words",
)


# --- helpers -------------------------------------------------------------------------------------

def sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def fact_value(value: Any, typ: str, kind: str, name: str) -> Any:
    if value is None:
        return None
    if kind == "congresses" and name == "pilot":
        return bool(value)
    if kind == "documents" and name == "plenum":
        return json.loads(value)
    if typ == "REAL" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def derived(kind: str, f: dict[str, Any]) -> list[Any]:
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

