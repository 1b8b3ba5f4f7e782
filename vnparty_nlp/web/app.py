"""The Starlette application: routes, one read-only Archive per worker thread, errors as pages or JSON."""
from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from vnparty_nlp.archive import Archive, QueryError
from vnparty_nlp.archive.engine import is_url, safe_location
from vnparty_nlp.archive.keys import parse_citation
from vnparty_nlp.web.params import LIMITS, Limits, RequestError, SearchParams
from vnparty_nlp.web.render import (
    CLOSE,
    KIND_LABELS,
    OPEN,
    bars,
    fact_views,
    highlight_facts,
    snippet_html,
    web_url,
)

log = logging.getLogger(__name__)

#: no scripts at all, styles only inline, forms and links to this server; sources open in a new page
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
FACET_NAMES = ("province", "year", "site", "document")
#: the filter a click on a facet's value adds (a year narrows the publication dates instead)
FACET_FILTERS = {"province": "province", "site": "site", "document": "cites", "has": "has"}
#: where ``vnparty serve --workers N`` tells each worker process which archive to open
ARCHIVE_ENV = "VNPARTY_SERVE_ARCHIVE"
SNIPPET_CHARS = 240
#: facets of a search count its newest this many matches (the total is always exact): bounded work per page
FACET_SAMPLE = 2000


class ArchivePool:
    """One read-only :class:`Archive` per thread (sqlite3 connections are not shared between threads)."""

    def __init__(self, location: str | Path) -> None:
        self.location = location if is_url(str(location)) else Path(location)
        with self._open():  # fail now, at start-up, if the archive is missing or of another schema
            pass
        self._local = threading.local()

    def _open(self) -> Archive:
        return Archive(self.location, readonly=True)  # each engine refuses writes on a read-only archive

    def get(self) -> Archive:
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = self._local.archive = self._open()
        return archive


class SummaryCache:
    """Counts and facets of recent searches, per archive generation: they scan every match, the page of
    hits does not, and a reader paging or toggling a filter asks for the same ones again."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Any, dict[str, Any]] = OrderedDict()
        self._pending: dict[Any, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The cached value, else ``make()``; readers asking for the same key meanwhile wait for it."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key at a time
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = make()
            with self._lock:
                self._items[key] = value
                self._pending.pop(key, None)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value


def facet_bars(params: SearchParams, by: str, rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """A facet's rows, each linking to the search with its value added as a filter, or removed when it is one."""
    if by == "year":
        return bars(rows, link=params.year_toggled, on=params.has_year)
    name = FACET_FILTERS[by]
    chosen = params.filters.get(name) or []
    # a value not chosen yet is one more pair after the search's own (one URL encoding per facet, not per value)
    base = params.url(page=None)
    joint = "&" if "?" in base else "?"

    def link(value: str) -> str:
        return params.toggled(name, value) if value in chosen else f"{base}{joint}{urlencode({name: value})}"

    return bars(rows, link=link, on=lambda value: value in chosen)


def _key(params: SearchParams, archive: Archive) -> tuple[Any, ...]:
    filters = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.filters.items()))
    return archive.generation, params.q, params.exact, filters


def create_app(archive_path: str | Path, *, limits: Limits = LIMITS) -> Starlette:
    """The web application over the archive at ``archive_path`` (a SQLite file or a ``postgresql://``
    URL), opened read-only."""
    pool = ArchivePool(archive_path)
    #: where the archive is (a file path, a database URL with its password): never shown in a message
    hidden = ([str(archive_path), safe_location(archive_path)] if is_url(str(archive_path))
              else [str(Path(archive_path).resolve()), str(archive_path)])
    cache = SummaryCache()
    env = Environment(loader=PackageLoader("vnparty_nlp.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(kind_labels=KIND_LABELS, doc_url=lambda key: "/documents/" + quote(str(key), safe="/"),
                       limits=limits)
    env.filters["snippet"] = snippet_html
    env.filters["web_url"] = web_url

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status, headers=SECURITY_HEADERS)

    def summary(archive: Archive, params: SearchParams) -> dict[str, Any]:
        """Total matches and the facets of a search (cached)."""
        def make() -> dict[str, Any]:
            found = archive.summary(params.q or None, exact=params.exact, limit=12, sample=FACET_SAMPLE,
                                    **params.filters)
            has = set(params.filters.get("has", []))
            facets = {by: [(str(v), int(n)) for v, n in found[by]] for by in FACET_NAMES}
            facets["has"] = [(kind, n) for kind, n in found["has"] if kind not in has]
            return {"total": found["total"], "facets": facets, "sampled": found["sampled"],
                    "document_since": found.get("document_since"), "document_matches": found.get("document_matches")}
        return cache.get(_key(params, archive), make)

    def run_search(params: SearchParams, archive: Archive, snippet_chars: int = SNIPPET_CHARS) -> Any:
        return archive.search(params.q or None, limit=params.limit, offset=params.offset,
                              highlight=(OPEN, CLOSE), snippet_chars=snippet_chars, **params.search_kwargs())

    # --- pages ----------------------------------------------------------------------------------
    def home(request: Request) -> Response:
        return RedirectResponse("/search" + (f"?{request.url.query}" if request.url.query else ""), status_code=307)

    def search_page(request: Request) -> Response:
        params = SearchParams.from_query(request.query_params, limits=limits)
        archive = pool.get()
        results = run_search(params, archive)
        info = summary(archive, params)
        total = info["total"]
        pages = max(1, -(-total // params.limit))
        facets = {by: facet_bars(params, by, rows) for by, rows in info["facets"].items()}
        return page("search.html", params=params, results=results, total=total, pages=pages, facets=facets,
                    out_of_range=params.page > pages and total > 0, articles=None if params.q else len(archive), sampled=info["sampled"],
                    facet_sample=FACET_SAMPLE, document_since=info["document_since"],
                    document_matches=info["document_matches"])

    def article_page(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        archive = pool.get()
        record = archive.get(article_id)
        info = archive.info(article_id)
        facts = fact_views(record.facts, record.text)
        counts = {kind: sum(f.kind == kind for f in facts) for kind in KIND_LABELS}
        return page("article.html", record=record, info=info, facts=facts, counts=counts,
                    text_html=highlight_facts(record.text, facts))

    def document_page(request: Request) -> Response:
        data = document_data(request)
        params = data["params"]
        pages = max(1, -(-data["articles"] // params.limit))
        charts = {"by_time": bars(data["by_time"]),
                  "by_province": bars(data["by_province"], link=lambda p: SearchParams(
                      filters={"cites": [data["key"]], "province": [p]}).url())}
        return page("document.html", **{**data, **charts}, pages=pages)

    def document_data(request: Request) -> dict[str, Any]:
        key = request.path_params["key"].strip()
        if not key or len(key) > limits.value_chars:
            raise RequestError(f"a document is written like 35-CT/TW (at most {limits.value_chars} characters)")
        parse_citation(key)  # ValueError with a fix for what cannot be a document
        params = SearchParams.from_query(request.query_params, limits=limits)
        params = SearchParams(filters={"cites": [key]}, limit=params.limit, offset=params.offset, order="date")
        archive = pool.get()
        cited = archive.facts("documents", cites=key)  # only the citations of this document
        labels = cited["doc_key"].dropna().value_counts()
        label = str(labels.index[0]) if len(labels) else key
        total = archive.count(cites=key)
        citations = len(cited)
        spellings = list(dict.fromkeys(cited["text"].map(lambda t: " ".join(str(t).split()))))[:12]
        months = archive.facet("month", cites=key)
        months = months[months["month"].notna()].sort_values("month")
        if months["month"].str[:4].nunique() > 3:  # many years: a bar per year reads better
            years = archive.facet("year", cites=key)
            time_rows = [(str(y), int(n)) for y, n in zip(years["year"], years["articles"], strict=True) if y]
            time_rows.sort()
            time_unit = "year"
        else:
            time_rows = [(str(m), int(n)) for m, n in zip(months["month"], months["articles"], strict=True)]
            time_unit = "month"
        provinces = archive.facet("province", cites=key)
        province_rows = [(str(p), int(n)) for p, n in zip(provinces["province"], provinces["articles"], strict=True)
                         if p]
        hits = run_search(params, archive)
        return {"key": key, "document": label, "articles": total, "citations": citations, "spellings": spellings,
                "by_time": time_rows, "time_unit": time_unit, "by_province": province_rows, "hits": hits,
                "params": params}

    # --- exports --------------------------------------------------------------------------------
    def export_params(request: Request, cap: int) -> SearchParams:
        return SearchParams.from_query(request.query_params, paged=False, limits=limits, max_limit=cap)

    def export_csv(request: Request) -> Response:
        params = export_params(request, limits.export_rows)
        archive = pool.get()
        results = run_search(params, archive, snippet_chars=200)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["id", "title", "published", "province", "url", "source", "score", "snippet"])
        for h in results:
            snippet = h.snippet.replace(OPEN, "[").replace(CLOSE, "]")
            writer.writerow([h.id, h.title, h.published, h.province, h.url, h.source, h.score, snippet])
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="vnparty-search.csv"',
                                 "X-Content-Type-Options": "nosniff"})

    def export_jsonl(request: Request) -> Response:
        params = export_params(request, limits.export_records)
        archive = pool.get()
        ids = [h.id for h in run_search(params, archive, snippet_chars=0)]

        def lines() -> Iterator[str]:
            local = pool.get()  # the streaming body may run on another thread
            for article_id in ids:
                try:
                    record, info = local.get(article_id), local.info(article_id)
                except KeyError:
                    continue
                yield json.dumps({"id": article_id, "province": info["province"], **record.to_dict()},
                                 ensure_ascii=False) + "\n"

        return StreamingResponse(lines(), media_type="application/x-ndjson; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="vnparty-search.jsonl"',
                                          "X-Content-Type-Options": "nosniff"})

    # --- JSON API -------------------------------------------------------------------------------
    def api_search(request: Request) -> Response:
        params = SearchParams.from_query(request.query_params, paged=False, limits=limits)
        archive = pool.get()
        results = run_search(params, archive)
        body: dict[str, Any] = {
            "query": params.q or None, "exact": params.exact, "order": params.order, "filters": params.filters,
            "limit": params.limit, "offset": params.offset, "engine": results.engine, "fts": results.fts,
            "exhaustive": results.exhaustive, "total": results.total,
            "hits": [{"id": h.id, "title": h.title, "snippet": h.snippet.replace(OPEN, "[").replace(CLOSE, "]"),
                      "score": h.score, "published": h.published, "province": h.province, "url": h.url,
                      "source": h.source} for h in results],
        }
        if request.query_params.get("facets", "").lower() in ("1", "true", "yes"):
            info = summary(archive, params)
            body["facets_sampled"] = info["sampled"]
            if info["document_since"]:
                body["document_facet"] = {"since": info["document_since"], "matches": info["document_matches"]}
            body["total"], body["facets"] = info["total"], {k: [{"value": v, "articles": n} for v, n in rows]
                                                            for k, rows in info["facets"].items()}
        return JSONResponse(body)

    def api_article(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        archive = pool.get()
        record = archive.get(article_id)
        info = archive.info(article_id)
        return JSONResponse({"id": article_id, "province": info["province"], **record.to_dict()})

    def api_facet(request: Request) -> Response:
        by = request.query_params.get("by", "")
        if by not in ("province", "year", "month", "site", "document", "doc_type"):
            raise RequestError("by must be one of province, year, month, site, document, doc_type")
        params = SearchParams.from_query(request.query_params, paged=False, limits=limits)
        limit = _int_param(request, "limit", 100, 1000)
        frame = pool.get().facet(by, query=params.q or None, exact=params.exact, limit=limit, **params.filters)
        return JSONResponse({"by": by, "rows": json.loads(frame.to_json(orient="records", force_ascii=False))})

    def api_document(request: Request) -> Response:
        data = document_data(request)
        hits = [{"id": h.id, "title": h.title, "published": h.published, "province": h.province, "url": h.url}
                for h in data.pop("hits")]
        data.pop("params")
        return JSONResponse({**data, "hits": hits})

    def api_stats(request: Request) -> Response:
        stats = pool.get().stats()
        stats.pop("path", None)  # the server's file system is nobody's business
        return JSONResponse(stats)

    # --- errors ---------------------------------------------------------------------------------
    def guarded(handler: Callable[[Request], Response], *,
                inline: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """Run a sync handler, in the thread pool unless ``inline``; user errors become 400/404, the rest a
        logged 500. Inline: bounded requests of a few ms (searches, one article) run one after the other
        on the event loop; the GIL would serialize them anyway, and first come is served first (a thread
        per request shares the core among all of them, so each waits for all: p95 twice p50)."""
        from starlette.concurrency import run_in_threadpool

        async def endpoint(request: Request) -> Response:
            try:
                if inline:
                    return handler(request)
                return await run_in_threadpool(handler, request)
            except (RequestError, QueryError, ValueError) as err:
                return error(request, 400, "Cannot do this search", str(err))
            except KeyError as err:
                return error(request, 404, "Not found", str(err.args[0]) if err.args else "no such item")
            except sqlite3.OperationalError as err:
                log.warning("%s %s: %s", request.method, request.url.path, err)
                return error(request, 503, "The archive is busy", "try again in a moment")
        return endpoint

    def error(request: Request, status: int, title: str, message: str) -> Response:
        for secret in hidden:
            message = message.replace(secret, "the archive")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"status": status, "title": title, "message": message}},
                                status_code=status)
        return page("error.html", status=status, status_code=status, title=title, message=message)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        title = "Not found" if status == 404 else "Method not allowed" if status == 405 else "Error"
        detail = exc.detail if isinstance(exc, HTTPException) else "error"
        return error(request, status, title, f"{request.url.path}: {detail}")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error(request, 500, "Something went wrong", "the server could not answer this request; "
                     "it has been logged")

    routes = [
        Route("/", home),
        Route("/search", guarded(search_page, inline=True)),
        Route("/articles/{article_id:int}", guarded(article_page, inline=True)),
        Route("/documents/{key:path}", guarded(document_page)),
        Route("/export.csv", guarded(export_csv)),
        Route("/export.jsonl", guarded(export_jsonl)),
        Route("/api/search", guarded(api_search, inline=True)),
        Route("/api/articles/{article_id:int}", guarded(api_article, inline=True)),
        Route("/api/facets", guarded(api_facet)),
        Route("/api/documents/{key:path}", guarded(api_document)),
        Route("/api/stats", guarded(api_stats)),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error})
    app.state.pool = pool
    return app


def _int_param(request: Request, name: str, default: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise RequestError(f"{name} must be a whole number, not {raw[:40]!r}") from None
    if not 0 <= value <= hi:
        raise RequestError(f"{name} must be between 0 and {hi:,}, not {value:,}")
    return value


def app_from_env() -> Starlette:
    """The app over the archive named by ``$VNPARTY_SERVE_ARCHIVE`` (uvicorn's factory for worker processes)."""
    import os

    return create_app(os.environ[ARCHIVE_ENV])
