"""Benchmark of `vnparty serve`: 20 concurrent clients on 127.0.0.1 against the search page and the JSON API.

    python benchmarks/serve.py                      # 100,000 generated articles, 30 s per scenario
    python benchmarks/serve.py --articles 10000 --seconds 10
    python benchmarks/serve.py --db existing.sqlite # reuse an archive built before

The archive is built like benchmarks/archive.py builds it (a pool of generated articles analyzed
once, then varied without NLP), the server is the CLI (`vnparty serve`, one uvicorn process), the
clients are threads with keep-alive connections in this process. Scenarios, each for ``--seconds``:
  - search page, repeated word queries: the word queries of benchmarks/archive.py, pages 1-3
    (counts and facets come from the server's cache after the first visit of a query);
  - search page, distinct queries: random pairs of words (folded or accented), a province filter on
    a third of them: mostly first visits, so counts and facets are computed;
  - JSON API, distinct queries: /api/search with the same mix (hits and snippets, no facets).
Goal (issue 10): p95 <= 100 ms for word queries, zero errors.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from itertools import islice
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vnparty_nlp.archive import Archive  # noqa: E402

try:  # synth may live in benchmarks/ on later branches
    from vnparty_nlp.archive.synth import PROVINCE_NAMES, analyze_all, generate, vary
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import PROVINCE_NAMES, analyze_all, generate, vary  # type: ignore[no-redef]

REPEATED = ["dai hoi diem", "so du", "Dang bo", "cong tac tuyen truyen", "lung tung", "Lung Cu", "khanh tiet",
            "van kien", "đại hội điểm", "số dư", "tuyên truyền", "lúng túng", "Lũng Cú", "văn kiện"]
WORDS = ["dai", "hoi", "diem", "so", "du", "dang", "bo", "cong", "tac", "tuyen", "truyen", "van", "kien", "chi",
         "nhan", "su", "cap", "uy", "bau", "khanh", "tiet", "lung", "tung", "ke", "hoach", "chuan", "bi",
         "đại", "hội", "điểm", "số", "dư", "đảng", "công", "tác", "văn", "kiện", "nhân", "sự", "cấp", "ủy", "bầu"]


def build(path: Path, n: int, pool_size: int, processes: int) -> None:
    t = time.perf_counter()
    pool = analyze_all(generate(pool_size, seed=7))
    print(f"pool: {len(pool)} articles analyzed in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    with Archive(path) as archive:
        records = vary(pool, n, seed=n)
        while chunk := list(islice(records, 10_000)):
            archive.add(chunk, processes=processes)
        archive.optimize()
        archive.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"archive: {n:,} articles built in {time.perf_counter() - t:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "vnparty_nlp.cli", "serve", str(db), "--port", str(port),
                             "--workers", str(workers)], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5):
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def wait_idle(port: int, limit_s: float = 120) -> None:
    """Until a trivial request answers within 50 ms (or ``limit_s`` passed)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=30):
                pass
        except OSError:
            pass
        if time.perf_counter() - t < 0.05:
            return
        time.sleep(1)


def distinct_query(rng: random.Random) -> list[tuple[str, str]]:
    params = [("q", " ".join(rng.sample(WORDS, 2)))]
    if rng.random() < 1 / 3:
        params.append(("province", rng.choice(PROVINCE_NAMES)))
    return params


def repeated_query(rng: random.Random) -> list[tuple[str, str]]:
    return [("q", rng.choice(REPEATED)), ("page", str(rng.randint(1, 3)))]


def run(port: int, path: str, make, clients: int, seconds: float) -> dict[str, float]:
    """``clients`` threads, each with one keep-alive connection, asking for ``path?make()`` for ``seconds``."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            url = f"{path}?{urlencode(make(rng))}"
            t = time.perf_counter()
            try:
                con.request("GET", url)
                r = con.getresponse()
                r.read()
                if r.status != 200:
                    with lock:
                        errors.append(f"{r.status} {url}")
            except (OSError, http.client.HTTPException) as err:
                with lock:
                    errors.append(f"{type(err).__name__} {url}")
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - t)
        con.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - t0
    client_cpu = time.process_time() - cpu0
    ms = sorted(x * 1000 for x in latencies)
    if errors:
        print(f"  first errors: {errors[:3]}")
    return {"requests": len(ms), "rps": len(ms) / elapsed, "p50": statistics.median(ms),
            "p95": ms[int(0.95 * (len(ms) - 1))], "errors": len(errors),
            "client_cpu": client_cpu / elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="an existing archive (else one is generated in a temporary dir)")
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    parser.add_argument("--pool", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="server processes (vnparty serve --workers)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--accelerator", action=argparse.BooleanOptionalAction, default=False,
                        help="build the tantivy index too (the server uses it when it is current)")
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory()
    db = args.db or args.keep or Path(tmp.name) / "serve.sqlite"
    if not db.exists():
        build(db, args.articles, args.pool, args.processes)
    with Archive(db, accelerator=args.accelerator or None) as archive:
        n = len(archive)
        if args.accelerator and archive.accelerator() is None:
            t = time.perf_counter()
            archive.build_accelerator()
            print(f"tantivy index built in {time.perf_counter() - t:.0f} s")
        engine = archive.search("dai hoi", limit=1).engine
    proc, port = start_server(db, args.workers)
    try:
        print(f"{n:,} articles, search engine {engine}, {args.workers} server process(es), {args.clients} clients, "
              f"{args.seconds:.0f} s per scenario, "
              f"{os.cpu_count()} CPUs (server and clients share them)")
        print(f"{'scenario':44} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
              f"{'client CPU':>10}")
        scenarios = [
            ("JSON API /api/search, distinct word queries", "/api/search", distinct_query),
            ("search page, repeated word queries", "/search", repeated_query),
            ("search page, distinct word queries", "/search", distinct_query),
        ]
        for label, path, make in scenarios:
            wait_idle(port)  # requests the clients gave up on may still run in the server
            r = run(port, path, make, args.clients, args.seconds)
            print(f"{label:44} {r['requests']:>9,} {r['rps']:>7.1f} {r['p50']:>7.1f} {r['p95']:>7.1f} "
                  f"{r['errors']:>6} {r['client_cpu']:>9.0%}", flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
