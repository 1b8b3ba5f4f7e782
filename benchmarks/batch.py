"""Batch analysis: articles/s with analyze_many(processes=1|2) and on Dask with 1 and 2 workers, same articles.

    python benchmarks/batch.py                  # 1,000 generated articles
    python benchmarks/batch.py --articles 200   # a quick run
    python benchmarks/batch.py --no-tokenize    # extraction only (no underthesea): overheads dominate

Each Dask cluster is a LocalCluster of worker processes (one thread each), started and warmed up
(underthesea loaded, one partition analyzed) before the clock starts, as a long-running cluster
would be; the process pool of ``analyze_many(processes=2)`` is timed from its start, as a call pays it.
Every run's records are compared with the first's: the same records in the same order.
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks.synth when run as a script
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # the figures, not the cluster's INFO lines

from benchmarks.synth import generate  # noqa: E402
from vnparty_nlp.pipeline import analyze_many  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--partition", type=int, default=25, help="articles per Dask partition")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration (the median counts)")
    parser.add_argument("--tokenize", action=argparse.BooleanOptionalAction, default=True,
                        help="the full pipeline with underthesea word tokens (default), or extraction only")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)
    from distributed import Client, LocalCluster

    items = [(a.text, {**a.analyze_kwargs, "source": f"synth-{i}", "tokenize": args.tokenize})
             for i, a in enumerate(generate(args.articles, seed=9))]
    chars = sum(len(t) for t, _ in items)
    print(f"{len(items):,} generated articles, {chars / len(items):,.0f} characters on average, "
          f"{'full pipeline (underthesea tokens)' if args.tokenize else 'extraction only'}")
    analyze_many(items[:5], progress=False)  # underthesea loaded in this process before the clock starts
    rates: dict[str, float] = {}
    reference = None

    def timed(label: str, **kwargs: object) -> None:
        """``--repeat`` runs; the median rate is the figure (a shared VM's runs of a few seconds vary by 20%)."""
        nonlocal reference
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            found = list(analyze_many(items, progress=False, **kwargs))
            elapsed = time.perf_counter() - t
            records = [r.to_dict() for r in found]  # the check costs time too: after the clock stops
            reference = reference or records
            assert records == reference, f"{label}: records differ from the first run's"
            runs.append(len(records) / elapsed)
        rates[label] = statistics.median(runs)
        print(f"{label:28s} {rates[label]:8.1f} articles/s  (median of {', '.join(f'{r:.1f}' for r in runs)})")

    timed("analyze_many processes=1", processes=1)
    timed("analyze_many processes=2", processes=2)
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            list(analyze_many(items[:args.partition * workers], scheduler=client, partition_size=args.partition,
                              progress=False))  # warm: workers started, underthesea loaded
            timed(f"Dask {workers} worker{'s' if workers > 1 else ''}", scheduler=client,
                  partition_size=args.partition)
    print(f"Dask 2 workers / 1 worker:   {rates['Dask 2 workers'] / rates['Dask 1 worker']:.2f}x")
    print(f"processes=2 / processes=1:   {rates['analyze_many processes=2'] / rates['analyze_many processes=1']:.2f}x")
    print(f"Dask 1 worker / processes=1: {rates['Dask 1 worker'] / rates['analyze_many processes=1']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
