"""``python -m vnparty_nlp.scrape {fetch,crawl}``: the scraper alone, without the NLP pipeline."""
from __future__ import annotations

import argparse
import logging
import sys

from vnparty_nlp.scrape.commands import add_discovery_options, crawl_command, fetch_command
from vnparty_nlp.scrape.fetch import FetchConfig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m vnparty_nlp.scrape")
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fetch", help="fetch one article and print it as JSON")
    f.add_argument("url")
    c = sub.add_parser("crawl", help="crawl listing pages to articles (JSONL), resumable")
    c.add_argument("start_urls", nargs="*")
    c.add_argument("--out", required=True)
    c.add_argument("--state")
    c.add_argument("--max-pages", type=int, default=500)
    c.add_argument("--max-depth", type=int, default=3)
    c.add_argument("--domain", action="append", dest="domains")
    c.add_argument("--no-progress", action="store_true")
    add_discovery_options(c)
    for p in (f, c):
        p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host")
        p.add_argument("--timeout", type=float, default=30.0)
        p.add_argument("--retries", type=int, default=3)
        p.add_argument("--backoff", type=float, default=1.0)
        p.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    cfg = FetchConfig(delay=args.delay, read_timeout=args.timeout, retries=args.retries, backoff=args.backoff)
    if args.cmd == "fetch":
        return fetch_command(args.url, args.delay, config=cfg)
    return crawl_command(args.start_urls, args.out, args.state, args.max_pages, args.max_depth, args.delay,
                         allowed_domains=args.domains, progress=not args.no_progress, config=cfg,
                         warc_dir=args.warc, warc_max_bytes=int(args.warc_max_mb * 1024 * 1024),
                         discover_from=args.discover, since=args.since, until=args.until,
                         url_pattern=args.url_pattern)


if __name__ == "__main__":
    sys.exit(main())
