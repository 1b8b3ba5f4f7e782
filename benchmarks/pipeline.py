"""Throughput of the core pipeline against underthesea's word_tokenize alone, in one process.

    python benchmarks/pipeline.py [--articles 200] [--repeat 3]

Prints articles per second (each article's best of ``--repeat`` interleaved timings) for (a) ``underthesea.word_tokenize`` alone, (b) the full pipeline with
tokenization (``analyze(text, tokenize=True)``), (c) extraction with tokenization off (``analyze(text)``),
and the ratios b/a and c/a, and (c) in MB of UTF-8 text per second; then the hostile-input table of
``hostile_extractors.py`` (``--no-hostile`` to skip it). Goals: the full pipeline at >= 0.8 of tokenize-alone
throughput, extraction >= 2 MB/s on one core, hostile 1 MB inputs <= 12x their 100 KB time.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_articles(n: int, seed: int = 7) -> list[str]:
    """Seed articles plus recombinations of their paragraphs (same genre, same length range)."""
    from vnparty_nlp import analyze
    from vnparty_nlp.corpus import SEED_ARTICLES, corpus_dir

    seeds = [(corpus_dir() / f"{name}.txt").read_text(encoding="utf-8") for name in SEED_ARTICLES]
    bodies = [analyze(t).text for t in seeds]
    paragraphs = [p for body in bodies for p in body.split("\n") if len(p) > 80]
    rng = random.Random(seed)
    out = list(bodies)
    while len(out) < n:
        k = rng.randint(3, 8)
        out.append("\n".join(rng.sample(paragraphs, min(k, len(paragraphs)))))
    return out[:n]


def rates(fns: dict[str, Callable[[str], object]], texts: list[str], repeat: int) -> dict[str, float]:
    """Articles per second for each function: every article is timed with every function in turn, and
    its best of ``repeat`` rounds is kept, so that a change in the machine's load affects all alike."""
    best = {name: [float("inf")] * len(texts) for name in fns}
    for _ in range(repeat):
        for i, text in enumerate(texts):
            for name, fn in fns.items():
                t0 = time.perf_counter()
                fn(text)
                best[name][i] = min(best[name][i], time.perf_counter() - t0)
    return {name: len(texts) / sum(times) for name, times in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hostile", action=argparse.BooleanOptionalAction, default=True,
                        help="also time hostile 100 KB and 1 MB inputs (benchmarks/hostile_extractors.py)")
    parser.add_argument("--hostile-repeat", type=int, default=3)
    args = parser.parse_args()

    from underthesea import word_tokenize

    from vnparty_nlp import analyze

    texts = make_articles(args.articles)
    chars = statistics.mean(len(t) for t in texts)
    for t in texts[:3]:  # warm up models and regex caches
        word_tokenize(t)
        analyze(t, tokenize=True)

    measured = rates({"tokenize": word_tokenize, "full": lambda t: analyze(t, tokenize=True), "extract": analyze},
                     texts, args.repeat)
    baseline, full, extract_only = measured["tokenize"], measured["full"], measured["extract"]

    tracemalloc.start()
    for t in texts[:50]:
        analyze(t, tokenize=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"{len(texts)} articles, mean {chars:,.0f} characters, best of {args.repeat}")
    print(f"{'underthesea word_tokenize alone':<40}{baseline:>10.1f} articles/s   1.00")
    print(f"{'full pipeline (tokenize=True)':<40}{full:>10.1f} articles/s   {full / baseline:.2f}  (goal >= 0.80)")
    print(f"{'extraction only (tokenize=False)':<40}{extract_only:>10.1f} articles/s   {extract_only / baseline:.2f}")
    print(f"per article: tokenize {1000 / baseline:.1f} ms, full {1000 / full:.1f} ms, "
          f"extraction {1000 / extract_only:.1f} ms; peak traced memory over 50 analyses {peak / 1e6:.1f} MB")
    utf8 = statistics.mean(len(t.encode("utf-8")) for t in texts)
    print(f"extraction only: {extract_only * utf8 / 1e6:.2f} MB/s of UTF-8 text "
          f"({extract_only * chars / 1e6:.2f} M characters/s; goal >= 2 MB/s on one core)")
    if args.hostile:
        print()
        from hostile_extractors import report  # beside this script

        report(repeat=args.hostile_repeat)


if __name__ == "__main__":
    main()
