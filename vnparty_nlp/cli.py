"""``vnparty``: the library's pipeline from the shell. Each command is a thin layer over the Python API."""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from vnparty_nlp.corpus import ANALYZE_KEYS, read_metadata
from vnparty_nlp.pipeline import InputError, analyze_many
from vnparty_nlp.records import Record

log = logging.getLogger("vnparty")


def read_article(path: Path) -> str:
    """A local article file as text, whatever its encoding."""
    data = path.read_bytes()
    try:
        from vnparty_nlp.scrape.encoding import decode_bytes
    except ImportError:  # pragma: no cover - the scraper ships with the package
        return data.decode("utf-8-sig")
    return decode_bytes(data)


def _inputs(paths: Sequence[Path], failures: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in paths:
        try:
            text = read_article(path)
        except (OSError, UnicodeDecodeError, ValueError) as err:
            log.error("%s: skipped: %s", path, err)
            failures.append(str(path))
            continue
        meta = read_metadata(path)
        yield text, {"source": str(path), **{k: meta[k] for k in ANALYZE_KEYS if meta.get(k)}}


def write_records(records: Iterator[Record], out: TextIO, fmt: str, segments: bool = False) -> int:
    n = 0
    if fmt == "json":
        out.write("[\n")
    for record in records:
        line = record.to_json(segments=segments)
        if fmt == "json":
            out.write(("" if n == 0 else ",\n") + line)
        else:
            out.write(line + "\n")
        out.flush()
        n += 1
    if fmt == "json":
        out.write("\n]\n")
    return n


def cmd_extract(args: argparse.Namespace) -> int:
    failures: list[str] = []
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        records = analyze_many(
            _inputs(args.files, failures), processes=args.jobs, progress=args.progress, total=len(args.files),
            tokenize=args.tokens,
        )
        n = write_records(records, out, args.format, segments=args.tokens)
    finally:
        if out is not sys.stdout:
            out.close()
    skipped = len(args.files) - n
    if skipped:
        log.warning("%d of %d file(s) could not be analyzed", skipped, len(args.files))
    return 1 if skipped else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vnparty", description=__doc__)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="analyze article files and print one record per file")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--format", choices=("json", "jsonl"), default="jsonl")
    p.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (underthesea is not thread-safe)")
    p.add_argument("--tokens", action="store_true", help="add sentences and underthesea tokens to each record")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty())
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except InputError as err:
        log.error("%s", err)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "build_parser", "read_article"]
