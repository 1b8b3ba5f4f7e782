"""Processes the concurrency and crash tests start: a writer that ingests, a reader that searches."""
from __future__ import annotations

import json
import sys
import time

from benchmarks.synth import analyze_all, generate, vary
from vnparty_nlp.archive import Archive


def bench_records(n: int, seed: int) -> list[dict]:
    return list(vary(analyze_all(generate(40, seed=seed)), n, seed=seed, target_chars=1500))


def write(db: str, n: int, seed: int, batch: int) -> None:
    records = bench_records(n, seed)
    with Archive(db) as archive:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        archive.add(records, batch_size=batch)


def read(db: str, seconds: float) -> None:
    counts, errors, searches = [], [], 0
    deadline = time.monotonic() + seconds
    with Archive(db, readonly=True) as archive:
        while time.monotonic() < deadline:
            try:
                hits = archive.search("dai hoi", limit=5)
                n = archive.count("dai hoi")
                archive.search("so du", province="Điện Biên", limit=5)
                counts.append(n)
                searches += 1
                assert len(hits) <= 5
            except Exception as err:  # noqa: BLE001 - reported to the test
                errors.append(f"{type(err).__name__}: {err}")
    sys.stdout.write(json.dumps({"counts": counts, "errors": errors, "searches": searches}) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        read(sys.argv[2], float(sys.argv[3]))
