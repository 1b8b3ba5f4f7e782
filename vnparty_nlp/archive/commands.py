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

from vnparty_nlp.archive.engine import is_url, location_arg
from vnparty_nlp.archive.query import QueryError
from vnparty_nlp.archive.store import DEFAULT_DB, Archive

log = logging.getLogger("vnparty.archive")


def _read_jsonl(path: Path, failures: list[str] | None = None) -> Iterator[dict[str, Any]]:
    failures = failures if failures is not None else []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                log.error("%s:%d: not JSON (%s): skipped", path, n, err)
                failures.append(f"{path}:{n}")
                continue
            if isinstance(data, dict) and isinstance(data.get("text"), str):
                yield data
            else:
                log.error("%s:%d: not a record (no text): skipped", path, n)
                failures.append(f"{path}:{n}")


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


def index_inputs(paths_or_jsonl: Sequence[str | Path]) -> tuple[list[Path], list[Path]]:
    """Article files and records JSONL files among the inputs; a directory stands for its ``*.txt``.

    ``.meta.json`` sidecars are metadata of the article beside them, never articles: they are skipped.
    Raises ``ValueError`` for no input at all and ``FileNotFoundError`` for missing ones.
    """
    from vnparty_nlp.corpus import is_metadata_file

    if not paths_or_jsonl:
        raise ValueError("no input: give article .txt files, a directory of them, or records .jsonl files")
    articles: list[Path] = []
    jsonl: list[Path] = []
    for path in map(Path, paths_or_jsonl):
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {path}")
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise ValueError(f"{path}: a directory without articles (*.txt)")
            articles += found
        elif path.suffix in (".jsonl", ".ndjson"):
            jsonl.append(path)
        elif is_metadata_file(path):
            log.info("%s: metadata sidecar, not an article: skipped", path)
        else:
            articles.append(path)
    if not articles and not jsonl:
        raise ValueError("no article among the inputs (only .meta.json sidecars)")
    return articles, jsonl


def index_command(paths_or_jsonl: Sequence[str | Path], db: str | Path = DEFAULT_DB, *, jobs: int = 1,
                  progress: bool = False, batch_size: int = 100, accelerator: bool | None = None) -> dict[str, int]:
    """Index article files (analyzed here; a directory: its ``*.txt``) and records JSONL files.

    Returns the counts ``added``, ``updated``, ``unchanged``, ``failed`` (inputs skipped with an error
    logged) and ``articles`` (in the archive afterwards). ``accelerator``: rebuild the tantivy index
    afterwards (``None``: when tantivy is installed and the archive changed or has none).
    """
    if not paths_or_jsonl and accelerator:  # only (re)build the tantivy index of an existing archive
        if not is_url(str(db)) and not Path(db).exists():
            raise FileNotFoundError(f"no archive at {db}")
        articles, jsonl = [], []
    else:
        articles, jsonl = index_inputs(paths_or_jsonl)
    totals = {"added": 0, "updated": 0, "unchanged": 0}
    failures: list[str] = []
    with Archive(db) as archive:
        for path in jsonl:
            report = archive.add(_read_jsonl(path, failures), batch_size=batch_size, progress=progress, processes=jobs)
            for k in totals:
                totals[k] += getattr(report, k)
        seen = sum(totals.values())
        if articles:
            report = archive.add(_analyzed(articles, jobs, progress), batch_size=batch_size, progress=False)
            for k in totals:
                totals[k] += getattr(report, k)
        totals["failed"] = len(failures) + len(articles) - (sum(totals.values()) - seen)
        totals["articles"] = len(archive)
        from vnparty_nlp.archive.accel import available

        if not archive.can_accelerate:
            if accelerator:
                log.warning("%s ranks with its own index: no tantivy accelerator built", db)
        elif accelerator or (accelerator is None and available() and archive.accelerator() is None):
            archive.build_accelerator(progress=progress)
    return totals


def search_command(query: str | None, db: str | Path = DEFAULT_DB, *, limit: int = 10, exact: bool | None = None,
                   fmt: str = "text", out: TextIO | None = None, **filters: Any) -> int:
    """Print the hits of ``query`` with the filters; return how many were printed."""
    out = out or sys.stdout
    filters = {k: v for k, v in filters.items() if v not in (None, [], "")}
    with Archive(db, readonly=True) as archive:
        hits = archive.search(query, limit=limit, exact=exact, **filters)
    if fmt == "text":
        if not hits:
            out.write(f"no matches for {query!r}\n" if query else "no articles pass these filters\n")
        elif query:
            of = f" of {hits.total:,}" if hits.total is not None else ""
            out.write(f"{len(hits)} best match(es){of} for {query!r}, best first; [score] is the BM25 relevance "
                      "(lower, more negative, is a better match)\n\n")
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


def overview_lines(archive: Archive, *, top: int = 8) -> list[str]:
    """What a collection holds at a glance: facets, the most cited documents and the shortcomings."""
    stats = archive.stats()
    facts = stats["facts"]
    lines = [f"{stats['articles']} articles; facts: " + ", ".join(f"{k} {v:,}" for k, v in facts.items() if v)]
    for by in ("province", "year", "doc_type"):
        facet = archive.facet(by)
        unknown = int(facet.loc[facet[by].isna(), "articles"].sum())
        facet = facet[facet[by].notna()]
        if facet.empty:
            continue
        more = [f"{len(facet) - top} more"] * (len(facet) > top) + [f"{unknown} unknown"] * bool(unknown)
        lines.append(f"by {by}: " + ", ".join(f"{getattr(r, by)} ({r.articles})" for r in facet.head(top).itertuples())
                     + (f" (+ {', '.join(more)})" if more else ""))
    cited = archive.top_documents(top)
    if not cited.empty:
        lines += ["", "Most cited documents:", *("  " + line for line in cited[["document", "articles", "citations"]]
                                                   .to_string(index=False).splitlines())]
    shortcomings = archive.facts("shortcomings")
    if not shortcomings.empty:
        articles = shortcomings["article_id"].nunique()
        by_how = shortcomings["how"].value_counts()
        lines += ["", f"Shortcomings: {len(shortcomings)} in {articles} of {stats['articles']} articles ("
                  + ", ".join(f"{n} {how}" for how, n in by_how.items()) + ")"]
        by_year = archive.shortcomings_by("year")
        by_year = by_year[by_year["year"].notna()]
        if not by_year.empty:
            lines.append("  per year: " + ", ".join(f"{r.year} ({r.shortcomings})" for r in by_year.itertuples()))
        most = shortcomings.groupby(["article_id", "article_title"]).size().sort_values(ascending=False).head(3)
        lines.append("  most listed in: " + "; ".join(f"{title} ({n})" for (_, title), n in most.items()))
        for text in shortcomings.drop_duplicates("text").head(3)["text"]:
            lines.append(f"  e.g. {text[:110]}")
    return lines


# --- argparse --------------------------------------------------------------------------------------

def _cmd_index(args: argparse.Namespace) -> int:
    try:
        totals = index_command(args.inputs, args.db, jobs=args.jobs, progress=args.progress,
                               accelerator=args.accelerator)
    except (FileNotFoundError, ConnectionError, ValueError) as err:
        log.error("%s", err)
        return 2
    sys.stdout.write(f"{args.db}: {totals['added']} added, {totals['updated']} updated, "
                     f"{totals['unchanged']} unchanged; {totals['articles']} articles\n")
    if totals["failed"]:
        log.error("%d input(s) could not be indexed (see the errors above)", totals["failed"])
        return 1
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
    except ConnectionError as err:
        log.error("%s", err)
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
    except ConnectionError as err:
        log.error("%s", err)
        return 2
    return 0


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def add_archive_commands(subparsers: Any) -> None:
    """Register ``index``, ``search`` and ``stats`` on ``parser.add_subparsers()``."""
    db_help = ("archive database: a SQLite file (in the current directory unless a path is given) "
               "or a PostgreSQL URL (postgresql://user@host/db)")
    progress_help = "show progress bars (default: when standard error is a terminal)"

    p = subparsers.add_parser(
        "index", help="add articles (files, directories, records JSONL) to the archive",
        description="Add articles to the archive: text files are analyzed first (their NAME.meta.json sidecars give "
                    "the metadata), records JSONL (from vnparty extract or crawl) go in as they are. Adding an "
                    "article again updates it instead of duplicating it. Exit 1 when an input could not be "
                    "indexed, 2 when there is nothing to index.",
        epilog=_examples("vnparty index articles/", "vnparty index a.txt b.txt --db mine.sqlite",
                         "vnparty index --accelerator --db big.sqlite   # (re)build the tantivy index for fast search",
                         "vnparty extract articles/*.txt -o records.jsonl && vnparty index records.jsonl"))
    p.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help="article .txt files (with NAME.meta.json beside them), directories of them, records .jsonl "
                        "(none, with --accelerator: rebuild the tantivy index only)")
    p.add_argument("--db", type=location_arg, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (analysis of files; ingest of JSONL)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=progress_help)
    p.add_argument("--accelerator", action=argparse.BooleanOptionalAction, default=None,
                   help="(re)build the tantivy index for fast ranked search (default: when tantivy is installed)")
    p.set_defaults(func=_cmd_index)

    p = subparsers.add_parser(
        "search", help="full-text search with fact filters",
        description="Search the archive's titles and texts. Words without accents match any accents (dai hoi = đại "
                    'hội); words with accents match exactly. "phrases", prefix*, AND, OR, NOT/-word, (). '
                    "Filters narrow by what the articles cite, where and when. Hits come best first with their "
                    "BM25 score (lower, more negative, is a better match) and a snippet with the matched words "
                    "[in brackets].",
        epilog=_examples('vnparty search "dai hoi diem"', 'vnparty search \'"số dư" bầu cử\' --province "Điện Biên"',
                         "vnparty search --cites 35-CT/TW --has shortcomings   # no words: filters only",
                         "vnparty search ket nap --published-from 2020 --format jsonl"))
    p.add_argument("query", nargs="*", help="the query (empty: the filtered articles, newest first)")
    p.add_argument("--db", type=location_arg, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("-n", "--limit", type=int, default=10, help="hits to print")
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
    p.add_argument("--format", choices=("text", "jsonl"), default="text", help="text for reading, jsonl for tools")
    p.set_defaults(func=_cmd_search)

    p = subparsers.add_parser(
        "stats", help="size and contents of the archive",
        description="How many articles and facts the archive holds, its dates, file size, most cited documents "
                    "and provinces.",
        epilog=_examples("vnparty stats", "vnparty stats --db mine.sqlite --format json"))
    p.add_argument("--db", type=location_arg, default=Path(DEFAULT_DB), help=db_help)
    p.add_argument("--format", choices=("text", "json"), default="text", help="text for reading, json for tools")
    p.set_defaults(func=_cmd_stats)
