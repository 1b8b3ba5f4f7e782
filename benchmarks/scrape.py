"""Benchmark article extraction on the fixture pages: body F1, metadata accuracy, and speed reading a WARC.

    python benchmarks/scrape.py [--repeat 20] [--warc-pages 1000]

Compares vnparty_nlp.scrape.parse_article (with site profiles, and generic-only), trafilatura
(``pip install .[bench]``) and BeautifulSoup ``get_text()`` as a floor.  All get the same decoded
(NFC) HTML so decoding is not measured; outputs are NFC-normalized before scoring.  F1 is word-level
(multiset of lower-cased words) between the extracted body and the expected body paragraphs,
averaged over pages.  Metadata accuracy is exact title, published (date, and time where the page
prints one) and author, against trafilatura's metadata and htmldate's date on the same pages.  The
WARC section writes the fixture pages (each under many URLs) to a WARC of ``--warc-pages`` records,
then times reading it with warcio alone, through parse_article, and through trafilatura, in one run.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from vnparty_nlp.scrape import decode_bytes, parse_article  # noqa: E402

SITES = ROOT / "tests" / "fixtures" / "sites"
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(unicodedata.normalize("NFC", text).lower()))


def f1(got: str, want: str) -> tuple[float, float, float]:
    g, w = words(got), words(want)
    overlap = sum((g & w).values())
    p = overlap / sum(g.values()) if g else 0.0
    r = overlap / sum(w.values()) if w else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def expected_pages() -> dict[str, dict]:
    expected = json.loads((SITES / "expected.json").read_text("utf-8"))
    expected.update(json.loads((SITES / "layouts" / "expected.json").read_text("utf-8")))
    return {p: w for p, w in expected.items() if not w.get("partial")}


def load_pages() -> list[tuple[str, str, str]]:
    pages = []
    for path, want in expected_pages().items():
        html = decode_bytes((SITES / path.lstrip("/")).read_bytes())
        pages.append((f"http://127.0.0.1{path}", html, "\n".join(want["paragraphs"])))
    return pages


def extractors() -> dict[str, Callable[[str, str], str]]:
    out: dict[str, Callable[[str, str], str]] = {
        "parse_article": lambda html, url: parse_article(html, url).text,
        "parse_article (generic only)": lambda html, url: parse_article(html, url, use_profiles=False).text,
    }
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed (pip install .[bench]): skipped", file=sys.stderr)
    else:
        out["trafilatura"] = lambda html, url: trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_precision=False) or ""

        def with_metadata(html: str, url: str) -> str:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                              include_tables=True)
            return (doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", None)) or "" if doc else ""

        # parse_article also reads title, date and author: the fair speed comparison
        out["trafilatura (with metadata)"] = with_metadata
    out["bs4 get_text (floor)"] = lambda html, url: BeautifulSoup(html, "lxml").get_text("\n")
    return out


def metadata_readers() -> dict[str, Callable[[str, str], tuple[str | None, str | None, str | None]]]:
    """(title, published, author) per extractor; htmldate gives only the date."""
    def ours(html: str, url: str) -> tuple[str | None, str | None, str | None]:
        a = parse_article(html, url)
        return a.title, a.published, a.author

    out: dict[str, Callable[[str, str], tuple[str | None, str | None, str | None]]] = {"parse_article": ours}
    try:
        import trafilatura
        from htmldate import find_date
    except ImportError:
        return out

    def traf(html: str, url: str) -> tuple[str | None, str | None, str | None]:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return None, None, None
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        return get("title"), get("date"), get("author")

    out["trafilatura"] = traf
    out["htmldate (date only)"] = lambda html, url: (None, find_date(html, url=url, original_date=True), None)
    return out


def date_right(got: str | None, want: str | None) -> bool:
    """Right if equal; a reader that never gives times is right on the date alone."""
    if want is None:
        return got is None
    return got is not None and (got == want or (len(got) == 10 and got == want[:10]))


def metadata_table(pages: list[tuple[str, str, str]]) -> None:
    expected = {f"http://127.0.0.1{p}": w for p, w in expected_pages().items()}
    print(f"\nmetadata on {len(pages)} pages (exact title; date right with its time where printed; author)")
    print(f"{'reader':24s} {'title':>7s} {'date':>7s} {'date(day)':>9s} {'author':>7s}")
    for name, fn in metadata_readers().items():
        t = d = dd = a = 0
        for url, html, _ in pages:
            want = expected[url]
            title, date, author = fn(html, url)
            t += title == want["title"]
            d += date_right(date, want["published"])
            dd += (date or "")[:10] == (want["published"] or "")[:10]
            a += author == want["author"]
        n = len(pages)
        date_only = name.startswith("htmldate")
        title_cell, author_cell = (f"{'-':>7s}", f"{'-':>7s}") if date_only else (f"{t:3d}/{n:<3d}", f"{a:3d}/{n:<3d}")
        print(f"{name:24s} {title_cell} {d:3d}/{n:<3d} {dd:5d}/{n:<3d} {author_cell}")


def warc_section(pages: list[tuple[str, str, str]], n_records: int) -> None:
    """Write a WARC of ``n_records`` responses (the fixture pages under distinct URLs) and time readers on it."""
    import io
    import tempfile

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from vnparty_nlp.scrape.warc import iter_warc

    raw = [(url, (SITES / url.removeprefix("http://127.0.0.1").lstrip("/")).read_bytes()) for url, _, _ in pages]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for i in range(n_records):
                url, body = raw[i % len(raw)]
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"{url}?copy={i}", "response",
                                                              payload=io.BytesIO(body), http_headers=headers))
        size = path.stat().st_size
        readers: dict[str, Callable[[str, str], object]] = {
            "warcio + decode only": lambda html, url: None,
            "warcio + parse_article": lambda html, url: parse_article(html, url),
        }
        try:
            import trafilatura
        except ImportError:
            pass
        else:
            readers["warcio + trafilatura"] = lambda html, url: trafilatura.bare_extraction(
                html, url=url, with_metadata=True)
        print(f"\nWARC of {n_records} records ({size / 1e6:.1f} MB gzipped; the {len(raw)} pages repeated), "
              "read with warcio, pages interleaved across pipelines")
        print(f"{'pipeline':26s} {'pages/s':>8s} {'ratio':>6s}")
        # one pass over the WARC: reading and decoding timed once, then each page through every reader in turn
        spent = dict.fromkeys(readers, 0.0)
        n = 0
        pages_iter = iter_warc(path)
        while True:
            start = time.perf_counter()
            page = next(pages_iter, None)
            if page is None:
                break
            html = page.text
            read = time.perf_counter() - start
            n += 1
            for name, fn in readers.items():
                start = time.perf_counter()
                fn(html, page.url)
                spent[name] += read + time.perf_counter() - start
        speeds = {name: n / t for name, t in spent.items()}
        base = speeds["warcio + parse_article"]
        for name, pps in speeds.items():
            print(f"{name:26s} {pps:8.1f} {pps / base:6.2f}")
        print("ratio: pages/s relative to warcio + parse_article (> 1 = faster)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20, help="passes over the pages for the timing")
    ap.add_argument("--warc-pages", type=int, default=1000, help="records in the WARC timing (0: skip)")
    args = ap.parse_args()
    pages = load_pages()
    results = {}
    readers = extractors()
    # interleaved (each page through every extractor in turn) so load from other processes hits all alike
    spent = dict.fromkeys(readers, 0.0)
    for _ in range(args.repeat):
        for url, html, _want in pages:
            for name, fn in readers.items():
                start = time.perf_counter()
                fn(html, url)
                spent[name] += time.perf_counter() - start
    for name, fn in readers.items():
        scores = [f1(fn(html, url), want) for url, html, want in pages]
        pps = args.repeat * len(pages) / spent[name]
        n = len(scores)
        results[name] = (sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n,
                         sum(s[2] for s in scores) / n, pps, min(s[2] for s in scores))
    base_f1, base_pps = results["parse_article"][2], results["parse_article"][3]
    print(f"{len(pages)} fixture pages (2 seeds, 8 more articles in 2 layouts, 4 legacy-encoded, 10 CMS layouts), "
          f"{args.repeat} timing passes")
    print(f"{'extractor':30s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'min F1':>7s} {'pages/s':>8s} "
          f"{'F1 ratio':>9s} {'speed ratio':>11s}")
    for name, (p, r, f, pps, fmin) in results.items():
        print(f"{name:30s} {p:9.3f} {r:7.3f} {f:6.3f} {fmin:7.3f} {pps:8.1f} {f / base_f1:9.2f} "
              f"{pps / base_pps:11.2f}")
    print("ratios are relative to parse_article (F1 ratio < 1 = worse; speed ratio > 1 = faster)")
    metadata_table(pages)
    if args.warc_pages:
        warc_section(pages, args.warc_pages)


if __name__ == "__main__":
    main()
