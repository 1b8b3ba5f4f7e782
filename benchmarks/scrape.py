"""Benchmark article extraction on the fixture pages: speed and body-text F1 against the known texts.

    python benchmarks/scrape.py [--repeat 20]

Compares vnparty_nlp.scrape.parse_article (with site profiles, and generic-only), trafilatura
(``pip install .[bench]``) and BeautifulSoup ``get_text()`` as a floor.  All get the same decoded
(NFC) HTML so decoding is not measured; outputs are NFC-normalized before scoring.  F1 is word-level
(multiset of lower-cased words) between the extracted body and the expected body paragraphs,
averaged over pages.
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


def load_pages() -> list[tuple[str, str, str]]:
    expected = json.loads((SITES / "expected.json").read_text("utf-8"))
    pages = []
    for path, want in expected.items():
        if want.get("partial"):
            continue
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
    out["bs4 get_text (floor)"] = lambda html, url: BeautifulSoup(html, "lxml").get_text("\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20, help="passes over the pages for the timing")
    args = ap.parse_args()
    pages = load_pages()
    results = {}
    for name, fn in extractors().items():
        scores = [f1(fn(html, url), want) for url, html, want in pages]
        start = time.perf_counter()
        for _ in range(args.repeat):
            for url, html, _want in pages:
                fn(html, url)
        elapsed = time.perf_counter() - start
        pps = args.repeat * len(pages) / elapsed
        n = len(scores)
        results[name] = (sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n,
                         sum(s[2] for s in scores) / n, pps, min(s[2] for s in scores))
    base_f1, base_pps = results["parse_article"][2], results["parse_article"][3]
    print(f"{len(pages)} fixture pages (2 seeds, 8 more articles in 2 layouts, 4 legacy-encoded), "
          f"{args.repeat} timing passes")
    print(f"{'extractor':30s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'min F1':>7s} {'pages/s':>8s} "
          f"{'F1 ratio':>9s} {'speed ratio':>11s}")
    for name, (p, r, f, pps, fmin) in results.items():
        print(f"{name:30s} {p:9.3f} {r:7.3f} {f:6.3f} {fmin:7.3f} {pps:8.1f} {f / base_f1:9.2f} "
              f"{pps / base_pps:11.2f}")
    print("ratios are relative to parse_article (F1 ratio < 1 = worse; speed ratio > 1 = faster)")


if __name__ == "__main__":
    main()
