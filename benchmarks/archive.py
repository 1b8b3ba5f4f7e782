"""Benchmark of the archive: ingest rate, size per article and search latency at 10K and 100K articles.

    python benchmarks/archive.py                 # 10,000 and 100,000 articles
    python benchmarks/archive.py --sizes 2000    # a quick run
    python benchmarks/archive.py --engine sqlite postgres --sizes 100000   # both engines, side by side

``--engine postgres`` starts a throw-away PostgreSQL server (fsync on, as a real one) in a temporary
directory (Debian's ``postgresql``; see :mod:`benchmarks.pgserver`).

Records are made cheaply: a pool of generated articles is analyzed once (the real ``analyze()``),
then varied without NLP (:func:`benchmarks.synth.vary`), so ingest is measured without
NLP. Goals: search p50 < 10 ms and p95 < 50 ms at 100K; ingest >= 2,000 articles/s.
"""
from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks.synth when run as a script

from benchmarks.synth import analyze_all, generate, vary  # noqa: E402
from vnparty_nlp.archive import AddReport, Archive  # noqa: E402
from vnparty_nlp.archive.accel import Accelerator  # noqa: E402
from vnparty_nlp.archive.accel import available as accel_available  # noqa: E402

log = logging.getLogger("bench.archive")

QUERIES: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "folded": [("dai hoi diem", {}), ("so du", {}), ("Dang bo", {}), ("cong tac tuyen truyen", {}),
               ("lung tung", {}), ("Lung Cu", {}), ("khanh tiet", {}), ("van kien", {})],
    "exact": [("đại hội điểm", {}), ("số dư", {}), ("tuyên truyền", {}), ("lúng túng", {}),
              ("Lũng Cú", {}), ("văn kiện", {})],
    "phrase": [('"số dư bầu"', {}), ('"dai hoi diem"', {}), ('"chi bo co so"', {}), ('"trang tri khanh tiet"', {}),
               ('"ban chấp hành khóa mới"', {})],
    "prefix+bool": [("tuyen* -lung", {}), ("(so du) OR (van kien)", {}), ("khanh* AND tiet", {})],
    "filtered": [("dai hoi", {"province": "Điện Biên"}), ("so du", {"cites": "35-CT/TW"}),
                 ("tuyen truyen", {"published_from": "2020-01", "published_to": "2020-06"}),
                 ("van kien", {"province": "Lào Cai", "has": "shortcomings"}),
                 ("dai hoi diem", {"cites": "Chỉ thị 45"}), ("", {"cites": "79-KH/TU", "province": "Nghệ An"})],
}


def build(path: Path | str, n: int, pool: list[dict[str, Any]], batch: int, processes: int = 1,
          tools_index: bool = True) -> dict[str, float]:
    """Ingest ``n`` varied articles; ``tools_index=False`` drops the triggers that keep ``articles_fts``
    (the index other tools search) in step, to measure what that index costs."""
    archive = Archive(path)
    if not tools_index:
        for trigger in ("insert", "delete", "update"):
            archive.con.execute(f"DROP TRIGGER articles_fts_{trigger}")
    records = vary(pool, n, seed=n)
    elapsed, added = 0.0, 0
    while True:  # generate a chunk, then time only its ingest
        chunk = list(islice(records, 10_000))
        if not chunk:
            break
        t0 = time.perf_counter()
        added += archive.add(chunk, batch_size=batch, processes=processes).added
        elapsed += time.perf_counter() - t0
    report = AddReport(added=added)
    t1 = time.perf_counter()
    archive.optimize()
    optimize_s = time.perf_counter() - t1
    if archive.can_accelerate:  # SQLite: the WAL into the file before it is measured
        archive.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stats = archive.stats()
    archive.close()
    return {"articles": report.added, "ingest_s": elapsed, "rate": report.added / elapsed, "optimize_s": optimize_s,
            "bytes_per_article": stats["bytes_per_article"], "mb": stats["bytes"] / 1e6}


def measure(path: Path | str, rounds: int, accelerator: bool, expect: str = "fts5") -> dict[str, dict[str, float]]:
    archive = Archive(path, readonly=True, accelerator=accelerator)
    engine = archive.search("dai hoi", limit=1).engine
    assert engine == ("tantivy" if accelerator else expect), engine
    for q, f in [q for qs in QUERIES.values() for q in qs]:  # warm the page cache
        archive.search(q, **f)
    out = {}
    rng = random.Random(0)
    for category, queries in QUERIES.items():
        times = []
        for _ in range(rounds):
            q, f = rng.choice(queries)
            t = time.perf_counter()
            archive.search(q, limit=10, **f)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[category] = {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))],
                         "max": times[-1]}
    times = []  # a search page's total and facets: Archive.summary over the folded and filtered queries
    for _ in range(rounds):
        q, f = rng.choice(QUERIES["folded"] + QUERIES["filtered"])
        t = time.perf_counter()
        archive.summary(q, sample=2000, **f)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    out["summary"] = {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))], "max": times[-1]}
    per_query = {}
    for category, queries in QUERIES.items():
        for q, f in queries:
            ts = []
            for _ in range(5):
                t = time.perf_counter()
                archive.search(q, limit=10, **f)
                ts.append((time.perf_counter() - t) * 1000)
            per_query[f"{category}: {q} {f or ''}"] = statistics.median(ts)
    archive.close()
    out["_per_query"] = per_query  # type: ignore[assignment]
    return out


def report(results: dict[str, Any], label: str, per_query_wanted: bool) -> None:
    per_query = results.pop("_per_query")
    print(f"   -- {label}")
    for category, r in results.items():
        print(f"   {category:12s} p50 {r['p50']:7.2f} ms   p95 {r['p95']:7.2f} ms   max {r['max']:7.2f} ms")
    if per_query_wanted:
        for q, ms in per_query.items():
            print(f"      {ms:7.2f} ms  {q}")


def bench_postgres(args: argparse.Namespace, server: Any, n: int, pool: list[dict[str, Any]]) -> None:
    url = server.create_database(f"bench_{n}")
    b = build(url, n, pool, args.batch, args.processes)
    print(f"\n== PostgreSQL, {n:,} articles: ingest {b['rate']:,.0f} articles/s ({b['ingest_s']:.1f} s, without NLP), "
          f"VACUUM ANALYZE {b['optimize_s']:.1f} s, {b['mb']:.0f} MB = {b['bytes_per_article']:,} bytes/article")
    report(measure(url, args.rounds, False, expect="postgres"),
           "PostgreSQL (GIN + ts_rank over the newest 500 matches)", args.per_query)


def bench_sqlite(args: argparse.Namespace, directory: Path, n: int, pool: list[dict[str, Any]]) -> None:
    path = directory / f"bench-{n}.sqlite"
    if not (args.existing and path.exists()):
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
        b = build(path, n, pool, args.batch, args.processes)
        print(f"\n== SQLite, {n:,} articles: ingest {b['rate']:,.0f} articles/s ({b['ingest_s']:.1f} s, without NLP), "
              f"optimize {b['optimize_s']:.1f} s, {b['mb']:.0f} MB = {b['bytes_per_article']:,} bytes/article")
        if args.tools_index_cost:
            bare = directory / f"bench-{n}-without-articles-fts.sqlite"
            w = build(bare, n, pool, args.batch, args.processes, tools_index=False)
            print(f"   without articles_fts: ingest {w['rate']:,.0f} articles/s, {w['bytes_per_article']:,} "
                  f"bytes/article; with it: {b['rate'] / w['rate']:.2f}x the rate, "
                  f"{b['bytes_per_article'] / w['bytes_per_article']:.2f}x the size")
            for f in (bare, Path(f"{bare}-wal"), Path(f"{bare}-shm")):
                f.unlink(missing_ok=True)
    else:
        print(f"\n== SQLite, {n:,} articles (existing {path})")
    engines = [False]
    if args.accelerator or (args.accelerator is None and accel_available()):
        with Archive(path) as archive:
            if archive.accelerator() is None:
                t = time.perf_counter()
                archive.build_accelerator()
                size = sum(f.stat().st_size for f in Accelerator.path_for(archive).rglob("*") if f.is_file())
                print(f"   tantivy index built in {time.perf_counter() - t:.1f} s, {size / 1e6:.0f} MB")
        engines.append(True)
    for accelerator in engines:
        report(measure(path, args.rounds, accelerator),
               "tantivy accelerator" if accelerator else "SQLite FTS5 (bm25 over the newest 500 matches)",
               args.per_query)


def ingest_breakdown(directory: Path, pool: list[dict[str, Any]], n: int, batch: int) -> None:
    """Where one article's ingest time goes on SQLite: preparing its rows (Python, any process) and writing
    them (one writer), with and without ``articles_fts`` (the index other tools search)."""
    from vnparty_nlp.archive.ingest import as_item, prepare

    records = list(vary(pool, n, seed=n))
    t = time.perf_counter()
    prepared = [prepare(as_item(r)) for r in records]
    prep_ms = (time.perf_counter() - t) / n * 1000
    print(f"\n== ingest breakdown, {n:,} articles, one process: preparing rows {prep_ms:.3f} ms/article "
          f"({1000 / prep_ms:,.0f}/s)")
    for tools_index in (True, False):
        path = directory / f"breakdown-{tools_index}.sqlite"
        with Archive(path) as archive:
            if not tools_index:
                for trigger in ("insert", "delete", "update"):
                    archive.con.execute(f"DROP TRIGGER articles_fts_{trigger}")
            t = time.perf_counter()
            for i in range(0, n, batch):
                archive.engine.write_batch(prepared[i:i + batch], AddReport())
            write_ms = (time.perf_counter() - t) / n * 1000
        print(f"   writing them {'with' if tools_index else 'without'} articles_fts: {write_ms:.3f} ms/article "
              f"({1000 / write_ms:,.0f}/s); both in one process: {1000 / (prep_ms + write_ms):,.0f}/s")
        for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            f.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engine", nargs="+", choices=("sqlite", "postgres"), default=["sqlite"],
                        help="the engines to measure, one after the other on the same articles")
    parser.add_argument("--pool", type=int, default=300, help="analyzed articles to vary")
    parser.add_argument("--rounds", type=int, default=200, help="queries per category")
    parser.add_argument("--batch", type=int, default=500, help="articles per transaction")
    parser.add_argument("--processes", type=int, default=1, help="worker processes preparing rows (Archive.add)")
    parser.add_argument("--dir", type=Path, help="keep the databases here (default: a temporary directory)")
    parser.add_argument("--per-query", action="store_true", help="print each query's median")
    parser.add_argument("--accelerator", action=argparse.BooleanOptionalAction, default=None,
                        help="also measure with the tantivy index (default: when tantivy is installed)")
    parser.add_argument("--existing", action="store_true", help="reuse databases already in --dir")
    parser.add_argument("--ingest-breakdown", type=int, metavar="N",
                        help="first time preparing and writing N articles apart (SQLite), then the sizes")
    parser.add_argument("--tools-index-cost", action="store_true",
                        help="also ingest each size without articles_fts (Datasette's index) and print the ratio")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    t = time.perf_counter()
    pool = analyze_all(generate(args.pool, seed=7))
    print(f"pool: {len(pool)} articles analyzed in {time.perf_counter() - t:.1f} s")
    server = None
    if "postgres" in args.engine:
        from benchmarks.pgserver import PgServer

        server = PgServer(durable=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            directory = args.dir or Path(tmp)
            directory.mkdir(parents=True, exist_ok=True)
            if args.ingest_breakdown:
                ingest_breakdown(directory, pool, args.ingest_breakdown, args.batch)
            for n in args.sizes:
                for engine in args.engine:
                    if engine == "sqlite":
                        bench_sqlite(args, directory, n, pool)
                    else:
                        bench_postgres(args, server, n, pool)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
