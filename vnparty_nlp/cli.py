"""``vnparty``: the library's pipeline from the shell. Each command is a thin layer over the Python API."""
from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from vnparty_nlp import __version__
from vnparty_nlp.corpus import ANALYZE_KEYS, read_article, read_metadata
from vnparty_nlp.pipeline import InputError, analyze_many
from vnparty_nlp.records import Record
from vnparty_nlp.scrape.commands import add_discovery_options

log = logging.getLogger("vnparty")


@dataclass
class _Tally:
    """What the inputs held: articles read, and the inputs (files or JSONL lines) that could not be read."""

    read: int = 0
    failures: list[str] = field(default_factory=list)


def _inputs(paths: Sequence[Path], tally: _Tally) -> Iterator[tuple[str, dict[str, Any]]]:
    """Articles of text files (with their sidecars) and of JSONL files (one article per line)."""
    for path in paths:
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_inputs(path, tally)
            continue
        try:
            text = read_article(path)
            meta = read_metadata(path)
        except (OSError, UnicodeDecodeError, ValueError) as err:
            log.error("%s: skipped: %s", path, err)
            tally.failures.append(str(path))
            continue
        tally.read += 1
        yield text, {"source": str(path), **{k: meta[k] for k in ANALYZE_KEYS if meta.get(k)}}


def _jsonl_inputs(path: Path, tally: _Tally) -> Iterator[tuple[str, dict[str, Any]]]:
    """One article per line: ``text`` and the metadata keys (``vnparty crawl --out`` writes such files).

    A scraped article (it has ``paragraphs``) keeps its text as it is; a bad line is logged and counted.
    """
    try:
        fh = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as err:
        log.error("%s: skipped: %s", path, err)
        tally.failures.append(str(path))
        return
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                data, why = None, f"not JSON ({err.msg})"
            else:
                why = "no 'text' string" if not isinstance(data, dict) or not isinstance(data.get("text"), str) else ""
            if why:
                log.error("%s:%d: skipped: %s", path, n, why)
                tally.failures.append(f"{path}:{n}")
                continue
            meta = {k: data[k] for k in ANALYZE_KEYS if isinstance(data.get(k), str) and data[k]}
            if isinstance(data.get("canonical_url"), str) and data["canonical_url"]:
                meta["url"] = data["canonical_url"]
            meta["source"] = data["source"] if isinstance(data.get("source"), str) else f"{path}:{n}"
            if "paragraphs" in data:
                meta["cut_furniture"] = False
            tally.read += 1
            yield data["text"], meta


def write_records(records: Iterator[Record], out: TextIO, fmt: str, segments: bool = False) -> int:
    """Write records as JSONL or one JSON array; an interrupted array is still closed (valid JSON)."""
    n = 0
    if fmt == "json":
        out.write("[\n")
    try:
        for record in records:
            line = record.to_json(segments=segments)
            if fmt == "json":
                out.write(("" if n == 0 else ",\n") + line)
            else:
                out.write(line + "\n")
            out.flush()
            n += 1
    finally:
        if fmt == "json":
            out.write("\n]\n")
            out.flush()
    return n


def cmd_extract(args: argparse.Namespace) -> int:
    if args.classifier:  # the shortcoming classifier's second opinion on prose (vnparty_nlp.analysis)
        from vnparty_nlp.analysis.classifier import classifier_enabled

        with classifier_enabled():
            return _extract(args)
    return _extract(args)


def _extract(args: argparse.Namespace) -> int:
    if args.warc:
        return _extract_warc(args)
    if not args.files:
        log.error("vnparty extract: give article files, or --warc FILE.warc.gz")
        return 2

    from vnparty_nlp.corpus import is_metadata_file

    sidecars = [p for p in args.files if is_metadata_file(p)]
    if sidecars:  # `vnparty extract corpus/*` also matches the metadata beside each article
        log.info("skipped %d .meta.json sidecar(s): metadata of the article beside them", len(sidecars))
        args.files = [p for p in args.files if not is_metadata_file(p)]
        if not args.files:
            log.error("no article among the inputs (only .meta.json sidecars)")
            return 2
    if args.workers is not None and args.workers < 1:
        log.error("--workers must be at least 1")
        return 2
    tally = _Tally()
    total = None if any(p.suffix.lower() == ".jsonl" for p in args.files) else len(args.files)
    n = _analyze_to(args, _inputs(args.files, tally), total)
    if n is None:
        return 2
    skipped = tally.read + len(tally.failures) - n
    if skipped:
        log.warning("%d of %d input(s) could not be analyzed", skipped, tally.read + len(tally.failures))
    return 1 if skipped else 0


def _analyze_to(args: argparse.Namespace, items: Iterator[tuple[str, dict[str, Any]]], total: int | None) -> int | None:
    """Analyze ``items`` in this process, in ``--jobs`` processes or on Dask, and write the records;
    how many were written, None when the Dask cluster failed."""
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        records = analyze_many(items, processes=args.jobs, progress=args.progress, total=total,
                               tokenize=args.tokens, scheduler=args.scheduler or args.workers)
        return write_records(records, out, args.format, segments=args.tokens)
    except (OSError, RuntimeError) as err:
        if not (args.scheduler or args.workers):
            raise
        log.error("the Dask cluster failed: %s", err)  # (cannot reach the scheduler, dask not installed)
        return None
    finally:
        if out is not sys.stdout:
            out.close()


def _extract_warc(args: argparse.Namespace) -> int:
    """Articles read from WARC files (ours, Common Crawl, CC-NEWS) through parse_article and analyze."""
    from vnparty_nlp.scrape.warc import iter_warc_articles

    missing = [p for p in args.warc if not p.is_file()]
    if missing:
        log.error("vnparty extract: no such WARC file: %s", ", ".join(map(str, missing)))
        return 2
    articles = iter_warc_articles(args.warc, hosts=args.host or None, url_pattern=args.url_pattern,
                                  progress=args.progress)
    n = _analyze_to(args, (article_item(a) for a in articles), None)
    if n is None:
        return 2
    log.info("%d article(s) from %d WARC file(s)", n, len(args.warc))
    return 0 if n else 1


def article_item(article: Any) -> tuple[str, dict[str, Any]]:
    """A scraped article as ``(text, analyze options)`` (its furniture is already gone).

    The record's ``source`` is the WARC record the page was kept in (``FILE.warc.gz#OFFSET``) when
    there is one, so a fact can be traced to the exact bytes it came from; the canonical URL otherwise.
    """
    source = f"{article.warc_file}#{article.warc_offset}" if article.warc_file else article.canonical_url
    return article.text, {"source": source, "url": article.canonical_url, "site": article.site,
                          "title": article.title, "published": article.published, "author": article.author,
                          "credit": article.credit, "cut_furniture": False}


def analyze_article(article: Any) -> Record:
    """A scraped article through the core pipeline (see :func:`article_item`)."""
    from vnparty_nlp.pipeline import analyze

    text, options = article_item(article)
    return analyze(text, **options)


def cmd_fetch(args: argparse.Namespace) -> int:
    from vnparty_nlp.scrape.commands import fetch_command

    return fetch_command(args.url, args.delay, timeout=args.timeout, obey_robots=args.robots, include_html=args.html)


def reconcile_records(articles_path: Path, records_path: Path) -> int:
    """Analyze the crawled articles that have no record yet (a crawl killed between writing an article
    and analyzing it); returns how many were added. Records are keyed by URL."""
    from vnparty_nlp.scrape import Article

    if not articles_path.exists():
        return 0
    done = journalled_urls(records_path)
    added = 0
    with open(articles_path, encoding="utf-8") as f, open(records_path, "a", encoding="utf-8") as out:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                article = Article.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as err:
                # the last line of a killed crawl, not yet confirmed: the crawl cuts it and writes it again
                log.warning("%s:%d: not a whole article (%s): skipped", articles_path, n, err)
                continue
            if article.canonical_url not in done:
                out.write(analyze_article(article).to_json() + "\n")
                done.add(article.canonical_url)
                added += 1
    if added:
        log.info("analyzed %d crawled article(s) that had no record yet", added)
    return added


def journalled_urls(records_path: Path) -> set[str]:
    """URLs that already have a record in the journal (a half-written last line is ignored)."""
    done: set[str] = set()
    if not records_path.exists():
        return done
    with open(records_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                url = json.loads(line).get("url") if line.strip() else None
            except (ValueError, AttributeError):
                continue
            if url:
                done.add(url)
    return done


def cmd_crawl(args: argparse.Namespace) -> int:
    """Crawl; with ``--records`` or ``--db``, analyze each article as it arrives.

    The records JSONL is the journal: articles a killed run left without a record are analyzed on the
    next run, and ``--db`` then (re)adds every journalled record to the archive, which is idempotent.
    """
    from vnparty_nlp.scrape.commands import crawl_command

    records_path = args.records or (args.out.with_name(args.out.name + ".records.jsonl") if args.db else None)
    if records_path:
        reconcile_records(args.out, records_path)
    done = journalled_urls(records_path) if records_path else set()
    records_out = open(records_path, "a", encoding="utf-8") if records_path else None  # noqa: SIM115

    def on_article(article: Any) -> None:
        # an article a killed run wrote but did not confirm is written again: its record may exist
        if records_out is not None and article.canonical_url not in done:
            records_out.write(analyze_article(article).to_json() + "\n")
            records_out.flush()
            done.add(article.canonical_url)

    try:
        status = crawl_command(
            args.start_urls, args.out, args.state, args.max_pages, args.max_depth, args.delay,
            on_article=on_article if records_out else None, allowed_domains=args.domain or None,
            timeout=args.timeout, progress=args.progress, warc_dir=args.warc,
            warc_max_bytes=int(args.warc_max_mb * 1024 * 1024), discover_from=args.discover, since=args.since,
            until=args.until, url_pattern=args.url_pattern,
        )
    finally:
        if records_out is not None:
            records_out.close()
    if records_path:
        reconcile_records(args.out, records_path)
    if args.db:
        from vnparty_nlp.archive import Archive

        with Archive(args.db) as archive, open(records_path, encoding="utf-8") as journal:
            report = archive.add(json.loads(line) for line in journal if line.strip())
        log.warning("archive %s: %d added, %d updated, %d unchanged", args.db, report.added, report.updated,
                    report.unchanged)
    return status


#: what `vnparty run` searches for, to show the archive at work: folded words and a cited directive
DEMO_SEARCHES: tuple[tuple[str | None, dict[str, Any]], ...] = (
    ("dai hoi diem", {}),
    ('"số dư"', {}),
    (None, {"cites": "35-CT/TW"}),
)


def cmd_run(args: argparse.Namespace) -> int:
    """The main job on the bundled corpus: analyze, write records, index into the archive, search."""
    from vnparty_nlp.archive import Archive
    from vnparty_nlp.archive.commands import overview_lines
    from vnparty_nlp.corpus import CorpusError, corpus_dir, iter_corpus

    try:
        articles = list(iter_corpus(args.corpus))
    except CorpusError as err:
        log.error("%s", err)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    records = list(analyze_many([(a.text, a.analyze_kwargs) for a in articles], progress=args.progress,
                                total=len(articles)))
    with open(args.out, "w", encoding="utf-8") as out:
        write_records(iter(records), out, "jsonl")
    with Archive(args.db) as archive:
        # the corpus metadata names some articles' province; the archive guesses the others from the text
        province = {str(a.path): a.meta.get("province") for a in articles}
        report = archive.add([{**r.to_dict(), "province": province.get(r.source or "")} for r in records],
                             progress=args.progress)
        lines = [f"{len(records)} article(s) from {args.corpus or corpus_dir()} → {args.out}; archive {args.db}: "
                 f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged", ""]
        lines += overview_lines(archive)
        for query, filters in DEMO_SEARCHES:
            hits = archive.search(query, limit=3, **filters)
            total = archive.count(query, **filters) if query else len(archive.ids(**filters))
            label = " ".join([repr(query)] * bool(query) + [f"{k}={v}" for k, v in filters.items()])
            lines.append(f"search {label}: {total} article(s) match" + (f"; the first {len(hits)}:" if hits else ""))
            lines += [f"  [{h.id}] {h.title} — {h.snippet[:120]}" for h in hits]
        lines += ["", "What to try next:",
                  f"  vnparty search \"ket nap dang vien\" --db {args.db}      # accents optional",
                  f"  vnparty search --cites 35-CT/TW --has shortcomings --db {args.db}",
                  f"  vnparty stats --db {args.db}",
                  f"  datasette {args.db}                # browse it; ?_search= works on articles",
                  "  vnparty extract my-article.txt    # your own text, one JSON record per file"]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _db_location(text: str) -> str | Path:
    """``--db``: a file path, or a server URL (``postgresql://...``) kept as text."""
    from vnparty_nlp.archive.engine import location_arg

    return location_arg(text)


def cmd_cascade(args: argparse.Namespace) -> int:
    """The implementers of a central document in an archive, with their delays; a plot per province."""
    from vnparty_nlp.analysis.cascade import CascadeError, cascade
    from vnparty_nlp.archive import Archive
    from vnparty_nlp.extract.registry import RegistryError, use_registry

    if not isinstance(args.db, str) and not Path(args.db).exists():
        raise InputError(f"no archive at {args.db}")
    try:
        registry = use_registry(args.registry) if args.registry else None
    except RegistryError as err:
        raise InputError(str(err)) from None
    with Archive(args.db) as archive:
        provinces: dict[int, str | None] = {}
        records = []
        with_relations = [row[0] for row in archive.con.execute("SELECT DISTINCT article_id FROM implements")]
        for article_id, record in archive.iter_records(ids=with_relations):
            if record.facts.get("implements"):
                records.append(record)
                provinces[id(record)] = archive.info(article_id)["province"]
    try:
        result = cascade(args.document, records, date=args.date, registry=registry,
                         province=lambda r: provinces.get(id(r)))
    except CascadeError as err:
        raise InputError(str(err)) from None
    frame = result.frame.drop(columns=["evidence"]) if not args.evidence else result.frame
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif args.format == "jsonl":
        for row in frame.to_dict(orient="records"):
            sys.stdout.write(json.dumps({k: (None if v != v else v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    else:
        roots = ", ".join(result.roots) or "no resolved citation"
        sys.stdout.write(f"{args.document}: {roots}; {len(frame)} relation(s), "
                         f"{frame['implementer'].nunique()} implementer(s), {len(result.unresolved)} unresolved\n")
        if len(frame):
            cols = ["depth", "province", "key", "date", "delay_days", "reported_delay_days", "implements"]
            sys.stdout.write(frame[cols].to_string(index=False) + "\n")
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from vnparty_nlp.analysis.plots import cascade_delays

        ax = cascade_delays(result.frame)
        ax.figure.savefig(args.plot, dpi=120)
        plt.close(ax.figure)
        log.info("plot written to %s", args.plot)
    return 0


class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Examples kept as written; "(default: X)" after each option that has a real default."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False) or isinstance(action.default, list):
            return action.help
        return super()._get_help_string(action)


class Parser(argparse.ArgumentParser):
    """Every (sub)command parser formats its help with :class:`HelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        description = kwargs.get("description")
        if description and "\n" not in description:  # one paragraph: wrap it (examples stay as written)
            kwargs["description"] = textwrap.fill(description, 100)
        super().__init__(*args, **kwargs)


DESCRIPTION = """\
Turn Vietnamese Communist Party news articles into structured, searchable records: facts (cited
documents, dates, counts, shortcomings, people, organizations, congresses) with the exact span of
the text they come from, in JSON and in a local SQLite archive with full-text search."""

EXAMPLES = """\
examples:
  vnparty run                                  # the whole path on the bundled corpus: start here
  vnparty extract article.txt > records.jsonl  # your own articles, one JSON record per file
  vnparty index articles/ && vnparty search "dai hoi diem" --cites 35-CT/TW
  vnparty COMMAND --help                       # each command's options and examples"""


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="vnparty", description=DESCRIPTION, epilog=EXAMPLES)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    parser.add_argument("--version", action="version", version=f"vnparty {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    progress_help = "show progress bars (default: when standard error is a terminal)"

    p = sub.add_parser(
        "run", help="the main job: bundled corpus → records → archive → overview and searches",
        description="Analyze the corpus bundled with the package (or --corpus DIR), write one record per article, "
                    "index them into a SQLite archive, print an overview (provinces, years, most cited "
                    "documents, shortcomings) and a few searches, and say what to try next. Running it again "
                    "updates the archive in place.",
        epilog=_examples("vnparty run", "vnparty run --corpus my-articles/ --db mine.sqlite --out out/mine.jsonl"))
    p.add_argument("--corpus", type=Path, metavar="DIR",
                   help="a directory of NAME.txt (+ NAME.meta.json) articles (default: the bundled corpus)")
    p.add_argument("--out", type=Path, default=Path("out/records.jsonl"), help="where the records go (JSONL)")
    p.add_argument("--db", type=_db_location, default=Path("vnparty-archive.sqlite"), help="the archive to build or update")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=progress_help)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "extract", help="analyze article files (or the pages of WARC files) and print one record each",
        description="Analyze article text files (any Vietnamese encoding: UTF-8, Windows-1258, TCVN3, VNI) and print "
                    "one JSON record per article, in input order: the text, its metadata (from NAME.meta.json "
                    "beside NAME.txt, else read from the text) and the facts with their spans. Sidecars given "
                    "as inputs are skipped. A .jsonl input holds one article per line (a 'text' and metadata, "
                    "as `vnparty crawl --out` writes). --warc reads the pages kept by `vnparty crawl --warc` "
                    "instead. -j, --workers and --scheduler analyze any of them in parallel. "
                    "Exit 1 when an input could not be analyzed.",
        epilog=_examples("vnparty extract article.txt", "vnparty extract articles/*.txt -o records.jsonl -j 2",
                         "vnparty extract article.txt --format json --tokens   # with sentences and word tokens",
                         "vnparty extract articles/*.txt -o records.jsonl --scheduler tcp://scheduler:8786",
                         "vnparty extract articles.jsonl --workers 2   # the articles `vnparty crawl` wrote",
                         "vnparty extract --warc crawl/warc/*.warc.gz --host baodienbienphu.com.vn -j 2"))
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="article text files (NAME.txt), or JSONL files of articles (a 'text' and metadata per line)")
    p.add_argument("--warc", type=Path, action="append", metavar="FILE.warc.gz",
                   help="read the pages of this WARC file (repeatable) through parse_article and analyze")
    p.add_argument("--host", action="append", help="with --warc: only pages of this host (repeatable)")
    p.add_argument("--url-pattern", help="with --warc: only URLs matching this regular expression")
    p.add_argument("--format", choices=("json", "jsonl"), default="jsonl",
                   help="jsonl: one record per line; json: one array")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (underthesea is not thread-safe)")
    cluster = p.add_mutually_exclusive_group()
    cluster.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="analyze on this Dask scheduler's workers (pip install 'vnparty_nlp[dask]')")
    cluster.add_argument("--workers", type=int, metavar="N",
                         help="analyze on a local Dask cluster of N worker processes")
    p.add_argument("--tokens", action="store_true", help="add sentences and underthesea tokens to each record")
    p.add_argument("--classifier", action="store_true",
                   help="add prose shortcomings found by the shortcoming-sentence classifier")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=progress_help)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "fetch", help="fetch one article page and print it as JSON",
        description="Fetch one web page politely (robots.txt, an honest User-Agent) and print the article found in "
                    "it as JSON: title, date, author, paragraphs, text. Exit 1 when the page could not be fetched "
                    "or holds no article; the message says why (connection refused, DNS failure, HTTP status, "
                    "robots.txt).",
        epilog=_examples("vnparty fetch https://xaydungdang.org.vn/dang-vien/lao-cai-ket-nap-1-783-dang-vien-3471",
                         "vnparty fetch URL --html > page.json   # with the page's HTML"))
    p.add_argument("url", help="an http:// or https:// URL")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server to answer")
    p.add_argument("--robots", action=argparse.BooleanOptionalAction, default=True, help="obey robots.txt")
    p.add_argument("--html", action="store_true", help="include the page's HTML")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser(
        "crawl", help="crawl listing pages to articles (resumable: run again to resume)",
        description="Follow listing pages from the start URLs to the articles they link to and write each article "
                    "as one JSON line. The crawl state is kept in SQLite: after Ctrl-C or a crash, the same "
                    "command resumes without fetching a page twice; on a finished crawl it re-crawls with "
                    "conditional requests. --records also analyzes each article; --db adds them to an archive.",
        epilog=_examples("vnparty crawl https://xaydungdang.org.vn/dang-vien --max-pages 50",
                         "vnparty crawl START_URL --out articles.jsonl --db vnparty-archive.sqlite",
                         "vnparty crawl --discover https://baodienbienphu.com.vn --since 2020-01-01 --warc warc/"))
    p.add_argument("start_urls", nargs="*", metavar="START_URL",
                   help="listing pages (http:// or https://); none with --discover")
    p.add_argument("--out", type=Path, default=Path("articles.jsonl"), help="articles, one JSON per line")
    p.add_argument("--records", type=Path, help="also analyze each article and append its record here")
    p.add_argument("--db", type=_db_location, help="and add the records to this archive (records journal: OUT.records.jsonl)")
    p.add_argument("--state", type=Path, help="crawl state (default: OUT.state.sqlite)")
    p.add_argument("--max-pages", type=int, default=500, help="pages to download in this run")
    p.add_argument("--max-depth", type=int, default=3, help="link hops from a start URL")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server to answer")
    p.add_argument("--domain", action="append", help="allowed domain, repeatable (default: the start URLs' hosts)")
    add_discovery_options(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help=progress_help)
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("cascade", help="who implemented a central document, and how many days later (from an archive)")
    p.add_argument("document", help="35-CT/TW, 35-CT/TW@2019-05-30 or 'Chỉ thị 35'")
    p.add_argument("--db", type=_db_location, default=Path("vnparty-archive.sqlite"), help="the archive to read")
    p.add_argument("--date", help="of a reused number, the document of this date (2019-05-30)")
    p.add_argument("--registry", action="append", type=Path, metavar="CSV",
                   help="your own registry entries, added to the bundled central documents (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    p.add_argument("--evidence", action="store_true", help="add the sentence of each relation")
    p.add_argument("--plot", type=Path, metavar="PNG", help="also draw the delays per province here")
    p.set_defaults(func=cmd_cascade)

    from vnparty_nlp.archive.commands import add_archive_commands

    add_archive_commands(sub)  # index, search, stats
    from vnparty_nlp.web.server import add_serve_command

    add_serve_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "progress", False) is None:
        args.progress = sys.stderr.isatty()
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except InputError as err:
        log.error("%s", err)
        return 2
    except OSError as err:  # an output directory that does not exist, a missing input file...
        log.error("%s", err)
        return 2
    except sqlite3.DatabaseError as err:  # --db at a directory or at a file that is not an archive
        log.error("%s", err)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "build_parser"]
