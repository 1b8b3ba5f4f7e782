"""``vnparty index``, ``vnparty search`` and ``vnparty stats``: the archive from the shell.

This module sits at the CLI level (it may run the pipeline); ``cli.py`` registers the commands with
:func:`add_archive_commands`. Each command is a function usable from Python too.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from vnparty_nlp.archive.query import QueryError
from vnparty_nlp.archive.store import DEFAULT_DB, Archive

log = logging.getLogger("vnparty.archive")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                log.error("%s:%d: not JSON (%s): skipped", path, n, err)
                continue
            if isinstance(data, dict) and isinstance(data.get("text"), str):
                yield data
            else:
                log.error("%s:%d: not a record (no text): skipped", path, n)


def _analyzed(paths: Sequence[Path], jobs: int, progress: bool) -> Iterator[dict[str, Any]]:
    """Article files through the pipeline, as record dicts with the sidecar's ``province``."""
    from vnparty_nlp.corpus import ANALYZE_KEYS, read_article, read_metadata
    from vnparty_nlp.pipeline import analyze_many

    provinces: dict[str, Any] = {}

    def inputs() -> Iterator[tuple[str, dict[str, Any]]]:
        for path in paths:
            try:
                text = read_article(path)
                meta = read_metadata(path)
            except (OSError, UnicodeDecodeError, ValueError) as err:
                log.error("%s: skipped: %s", path, err)
                continue
            provinces[str(path)] = meta.get("province")
            yield text, {"source": str(path), **{k: meta[k] for k in ANALYZE_KEYS if meta.get(k)}}

    for record in analyze_many(inputs(), processes=jobs, progress=progress, total=len(paths)):
        yield {**record.to_dict(), "province": provinces.get(record.source or "")}


def index_command(paths_or_jsonl: Sequence[str | Path] = (), db: str | Path = DEFAULT_DB, *, jobs: int = 1,
                  progress: bool = False, batch_size: int = 100, accelerator: bool | None = None) -> dict[str, int]:
    """Index article files (analyzed here), records JSONL files, or with no paths the bundled corpus.

    ``accelerator``: rebuild the tantivy index afterwards (``None``: when tantivy is installed and the
    archive changed or has none).
    """
    paths = [Path(p) for p in paths_or_jsonl]
    jsonl = [p for p in paths if p.suffix in (".jsonl", ".ndjson")]
    articles = [p for p in paths if p not in jsonl]
    if not paths:
        from vnparty_nlp.corpus import corpus_dir

        articles = sorted(corpus_dir().glob("*.txt"))
        log.info("no input given: indexing the bundled corpus (%d articles)", len(articles))
    missing = [p for p in articles + jsonl if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file: {', '.join(map(str, missing))}")
    totals = {"added": 0, "updated": 0, "unchanged": 0}
    with Archive(db) as archive:
        for path in jsonl:
            report = archive.add(_read_jsonl(path), batch_size=batch_size, progress=progress, processes=jobs)
            for k in totals:
                totals[k] += getattr(report, k)
        if articles:
            report = archive.add(_analyzed(articles, jobs, progress), batch_size=batch_size, progress=False)
            for k in totals:
                totals[k] += getattr(report, k)
        totals["articles"] = len(archive)
        from vnparty_nlp.archive.accel import available

        stale = archive.accelerator() is None
        if accelerator or (accelerator is None and available() and stale):
            archive.build_accelerator(progress=progress)
    return totals


def search_command(query: str | None, db: str | Path = DEFAULT_DB, *, limit: int = 10, exact: bool | None = None,
                   fmt: str = "text", out: TextIO | None = None, **filters: Any) -> int:
    """Print the hits of ``query`` with the filters; return how many were printed."""
    out = out or sys.stdout
    filters = {k: v for k, v in filters.items() if v not in (None, [], "")}
    with Archive(db, readonly=True) as archive:
        hits = archive.search(query, limit=limit, exact=exact, **filters)
    for hit in hits:
        if fmt == "jsonl":
            out.write(json.dumps({"id": hit.id, "title": hit.title, "score": hit.score, "published": hit.published,
                                  "province": hit.province, "url": hit.url, "source": hit.source,
                                  "snippet": hit.snippet}, ensure_ascii=False) + "\n")
        else:
            score = f"{hit.score:.3f}" if hit.score is not None else "-"
            where = " · ".join(x for x in (hit.province, (hit.published or "")[:10], hit.url or hit.source) if x)
            out.write(f"#{hit.id}  {hit.title or '(no title)'}  [{score}]\n    {where}\n    {hit.snippet}\n\n")
    if fmt == "text" and not hits.exhaustive:
        out.write("(ranked among the newest matches only; --exhaustive ranks them all)\n")
    return len(hits)


def stats_command(db: str | Path = DEFAULT_DB, *, out: TextIO | None = None, fmt: str = "text") -> dict[str, Any]:
    """Print the archive's sizes and its most cited documents."""
    out = out or sys.stdout
    with Archive(db, readonly=True) as archive:
        stats = archive.stats()
        top = archive.top_documents(10)
        provinces = archive.facet("province", limit=10)
    if fmt == "json":
        out.write(json.dumps({**stats, "top_documents": top.to_dict("records"),
                              "provinces": provinces.to_dict("records")}, ensure_ascii=False, default=str) + "\n")
        return stats
    out.write(f"{stats['path']}: {stats['articles']:,} articles, schema v{stats['schema_version']}, "
              f"{stats['bytes'] / 1e6:.1f} MB\n")
    out.write(f"published {stats['published'][0]} .. {stats['published'][1]} "
              f"({stats['without_published']} without a date)\n")
    out.write("facts: " + ", ".join(f"{k} {v:,}" for k, v in stats["facts"].items()) + "\n")
    if not top.empty:
        out.write("most cited: " + ", ".join(f"{r.document} ({r.articles})" for r in top.itertuples()) + "\n")
    if not provinces.empty:
        out.write("provinces: " + ", ".join(f"{r.province} ({r.articles})" for r in provinces.itertuples()) + "\n")
    return stats


# --- argparse --------------------------------------------------------------------------------------

def _cmd_index(args: argparse.Namespace) -> int:
    totals = index_command(args.inputs, args.db, jobs=args.jobs, progress=args.progress, accelerator=args.accelerator)
    sys.stdout.write(f"{args.db}: {totals['added']} added, {totals['updated']} updated, "
                     f"{totals['unchanged']} unchanged; {totals['articles']} articles\n")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    exact = True if args.exact else False if args.folded else None
    try:
        search_command(
            " ".join(args.query) if args.query else None, args.db, limit=args.limit, exact=exact, fmt=args.format,
            cites=args.cites, doc_type=args.doc_type, province=args.province, organization=args.organization,
            has=args.has, published_from=args.published_from, published_to=args.published_to,
            mentions_from=args.mentions_from, mentions_to=args.mentions_to,
        )
    except QueryError as err:
        log.error("query: %s", err)
        return 2
    except FileNotFoundError as err:
        log.error("%s (run vnparty index first)", err)
        return 2
    except ValueError as err:
        log.error("%s", err)
        return 2
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    try:
        stats_command(args.db, fmt=args.format)
    except FileNotFoundError as err:
        log.error("%s (run vnparty index first)", err)
        return 2
    return 0


def add_archive_commands(subparsers: Any) -> None:
    """Register ``index``, ``search`` and ``stats`` on ``parser.add_subparsers()``."""
    db_help = f"archive database (default: {DEFAULT_DB} in the current directory)"

    p = subparsers.add_parser("index", help="add articles (files, records JSONL, or the bundled corpus) to the archive")
    p.add_argument("inputs", nargs="*", type=Path, help="article .txt files or records .jsonl; none: the bundled corpus")
    p.add_argument("--db", type=Path, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (analysis of files; ingest of JSONL)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty())
    p.add_argument("--accelerator", action=argparse.BooleanOptionalAction, default=None,
                   help="(re)build the tantivy index for fast ranked search (default: when tantivy is installed)")
    p.set_defaults(func=_cmd_index)

    p = subparsers.add_parser("search", help="full-text search with fact filters",
                              description="Words without accents match any accents (dai hoi = đại hội); words "
                                          'with accents match exactly. "phrases", prefix*, AND, OR, NOT/-word, ().')
    p.add_argument("query", nargs="*", help="the query (empty: the filtered articles, newest first)")
    p.add_argument("--db", type=Path, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("-n", "--limit", type=int, default=10)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--exact", action="store_true", help="every word matches its accents exactly")
    mode.add_argument("--folded", action="store_true", help="every word ignores accents")
    p.add_argument("--cites", action="append", help="cites this document (35-CT/TW, 'Chỉ thị 35'); repeatable")
    p.add_argument("--doc-type", help="cites a document of this type (chỉ thị, nghị quyết, ...)")
    p.add_argument("--province", action="append", help="article's province (any accents); repeatable")
    p.add_argument("--organization", help="an organization mentioned (words, any accents: 'huyen uy')")
    p.add_argument("--has", action="append", help="has facts of this kind (shortcomings, people, ...)")
    p.add_argument("--published-from", help="published on or after (2020, 2020-01, 2020-01-15)")
    p.add_argument("--published-to", help="published on or before")
    p.add_argument("--mentions-from", help="mentions a date on or after")
    p.add_argument("--mentions-to", help="mentions a date on or before")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.set_defaults(func=_cmd_search)

    p = subparsers.add_parser("stats", help="size and contents of the archive")
    p.add_argument("--db", type=Path, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_stats)
