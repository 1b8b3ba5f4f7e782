"""From an article's text to a :class:`Record`: layout, normalization, extraction.

``analyze`` is the one entry point; ``analyze_many`` runs it over a collection with a progress bar and,
because underthesea keeps its model in a module-level variable, parallelizes with processes.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from vnparty_nlp.extract import run_extractors
from vnparty_nlp.records import Record
from vnparty_nlp.text import Doc, parse_layout

log = logging.getLogger(__name__)

#: articles are a few thousand characters; beyond this the input is not one article
MAX_CHARS = 2_000_000
#: share of control characters above which a text is treated as binary, not text
MAX_CONTROL_SHARE = 0.01


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufff0-\uffff]")
#: code points no UTF-8 file or database can store (Python strs from ``surrogateescape`` or bad JSON)
_SURROGATES = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """The input cannot be analyzed as an article (binary, far too large, not a string)."""


def check_text(text: object) -> str:
    """Reject what is not an article, with a message that says why."""
    if isinstance(text, bytes | bytearray):
        raise InputError("analyze() takes str; decode bytes first (vnparty_nlp.scrape.decode_bytes reads any "
                         "Vietnamese encoding)")
    if not isinstance(text, str):
        raise InputError(f"analyze() takes str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"text of {len(text):,} characters is larger than one article "
                         f"(limit {MAX_CHARS:,}); split it first")
    bad = _SURROGATES.search(text)
    if bad:
        n = len(_SURROGATES.findall(text))
        raise InputError(f"text has {n} unpaired surrogate(s), the first at character {bad.start() + 1}: not "
                         "valid Unicode; decode the bytes with errors='replace' (or vnparty_nlp.scrape.decode_bytes)")
    sample = text[:20_000]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(f"text looks binary ({controls} control characters in the first {len(sample):,})")
    return text


_PARTIAL_DATE = re.compile(r"((?:19|20)\d{2})(?:-(0[1-9]|1[0-2]))?")


def _published_date(published: str | None) -> dt.date | None:
    """The publication date for year inference; a month or a year alone (``2024-08``) gives its first day."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        partial = _PARTIAL_DATE.fullmatch(published.strip())
        if partial:
            return dt.date(int(partial.group(1)), int(partial.group(2) or 1), 1)
        log.warning("published %r is not an ISO date; ignored for year inference", published)
        return None


def _valid_metadata(name: str, value: str | None) -> str | None:
    """Metadata with unpaired surrogates replaced by U+FFFD (logged): the record must stay writable."""
    if isinstance(value, str) and _SURROGATES.search(value):
        log.warning("%s %r has unpaired surrogates: replaced with U+FFFD", name, value)
        return _SURROGATES.sub("\ufffd", value)
    return value


def analyze(
    text: str,
    *,
    source: str | None = None,
    url: str | None = None,
    site: str | None = None,
    title: str | None = None,
    published: str | None = None,
    author: str | None = None,
    credit: str | None = None,
    extractors: Iterable[str] | None = None,
    tokenize: bool = False,
    cut_furniture: bool = True,
) -> Record:
    """Analyze one article.

    Metadata not given is read from the text's own layout (title lines, dateline, byline). The page
    furniture after the article is cut off (``cut_furniture``), so the record's ``text`` is a prefix of
    the input and every span indexes both. ``tokenize`` adds underthesea word tokens to the record's
    sentences' Doc (``record.tokens``); extraction itself does not need them.
    """
    text = check_text(text)
    source, url, site, title, published, author, credit = (
        _valid_metadata(name, value) for name, value in (
            ("source", source), ("url", url), ("site", site), ("title", title), ("published", published),
            ("author", author), ("credit", credit)))
    layout = parse_layout(text)
    body = text[: layout.end] if cut_furniture else text
    published = published or layout.published
    record = Record(
        text=body, source=source, url=url, site=site, title=title or layout.title, published=published,
        author=author or layout.author, credit=credit or layout.credit,
    )
    if not body.strip():
        log.warning("%s: empty text, no facts", source or "article")
        return record
    doc = Doc(body, published=_published_date(published))
    facts = run_extractors(doc, extractors)
    if layout.boxes and cut_furniture:  # links boxes inside the body: their dates are not the article's
        facts = {k: [f for f in v if not any(s <= f.start < e for s, e in layout.boxes)] for k, v in facts.items()}
    record.facts = facts
    record.sentences = doc.sentences
    if tokenize:
        record.tokens = doc.tokens
    return record


def _analyze_item(item: tuple[str, Mapping[str, Any]]) -> Record | InputError:
    """One article of a batch; a failure becomes a value, so one bad article cannot end the batch."""
    text, meta = item
    try:
        return analyze(text, **meta)
    except InputError as err:
        return err
    except Exception as err:  # noqa: BLE001 - a bug on one odd article must not lose the others
        log.exception("analysis of %s failed", meta.get("source") or "an article")
        return InputError(f"analysis failed: {type(err).__name__}: {err}")


def analyze_many(
    articles: Iterable[str | tuple[str, Mapping[str, Any]]],
    *,
    processes: int | None = 1,
    progress: bool = True,
    total: int | None = None,
    scheduler: Any = None,
    partition_size: int | None = None,
    **options: Any,
) -> Iterator[Record]:
    """Analyze many articles, in input order, with a progress bar.

    Items are texts or ``(text, metadata)`` pairs. An article that cannot be analyzed is logged and
    skipped; the others go on. ``processes=None`` uses every core. ``scheduler``: run on a Dask
    cluster instead (``"tcp://host:8786"``, or a number of local worker processes; see
    :mod:`vnparty_nlp.cluster`), in partitions of ``partition_size`` articles.
    """
    from tqdm import tqdm

    items = ((a, dict(options)) if isinstance(a, str) else (a[0], {**options, **a[1]}) for a in articles)
    workers = os.cpu_count() or 1 if processes is None else max(1, processes)
    bar = tqdm(total=total, unit="article", desc="analyze", disable=not progress)
    try:
        if scheduler is not None:
            from vnparty_nlp.cluster import PARTITION_SIZE, analyze_on_dask

            results = analyze_on_dask(items, scheduler, partition_size=partition_size or PARTITION_SIZE, bar=bar)
            yield from _report(results, None)
        elif workers == 1:
            results = map(_analyze_item, items)
            yield from _report(results, bar)
        else:
            with ProcessPoolExecutor(workers) as pool:
                yield from _report(pool.map(_analyze_item, items, chunksize=4), bar)
    finally:
        bar.close()


def _report(results: Iterable[Record | InputError], bar: Any) -> Iterator[Record]:
    for n, result in enumerate(results):
        if bar is not None:
            bar.update(1)
        if isinstance(result, InputError):
            log.warning("article %d skipped: %s", n, result)
            continue
        yield result
