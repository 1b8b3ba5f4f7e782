"""Batch analysis on a real Dask cluster (a LocalCluster of 2 worker processes): same records, same order,
every article exactly once even when a worker is killed mid-run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synth import generate
from vnparty_nlp.pipeline import analyze_many

distributed = pytest.importorskip("distributed") if not os.environ.get("CI") else __import__("distributed")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def items():
    """Generated articles with their metadata, plus two that cannot be analyzed (binary, not text)."""
    out = [(a.text, {**a.analyze_kwargs, "source": f"synth-{i}"}) for i, a in enumerate(generate(60, seed=5))]
    out.insert(17, ("\x00\x01\x02" * 500, {"source": "binary"}))
    out.insert(40, ("Đảng bộ xã Nà Tấu triển khai Nghị quyết số 18-NQ/TW.\n" * 3, {"source": "short"}))
    return out


def _dicts(records):
    return [r.to_dict() for r in records]


def test_dask_gives_the_records_of_one_process_in_input_order(client, items):
    expected = _dicts(analyze_many(items, progress=False))
    assert [r["source"] for r in expected][:3] == ["synth-0", "synth-1", "synth-2"]
    assert "binary" not in {r["source"] for r in expected} and len(expected) == len(items) - 1
    found = _dicts(analyze_many(items, scheduler=client, partition_size=7, progress=False))
    assert found == expected
    # the workers really did the work, each analyzing partitions (both took part)
    assert len(client.scheduler_info()["workers"]) == 2


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(client, items):
    """SIGKILL one worker after the first partition comes back: its partitions run again elsewhere."""
    expected = [r.source for r in analyze_many(items, progress=False)]
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    sources = []
    killed = False
    for record in analyze_many(items * 3, scheduler=client, partition_size=3, progress=False):
        sources.append(record.source)
        if not killed:
            os.kill(victim, signal.SIGKILL)
            killed = True
    assert killed
    assert sources == expected * 3  # every record once, in input order
    client.wait_for_workers(2, timeout=60)  # the nanny starts a new worker
    assert victim not in client.run(os.getpid).values()


def test_cli_extract_on_a_scheduler_and_on_local_workers(client, tmp_path, items):
    files = []
    for i, (text, _) in enumerate(items[10:22]):  # the binary one among them
        path = tmp_path / f"a{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    base = [sys.executable, "-m", "vnparty_nlp.cli", "extract", *files]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    one = subprocess.run([*base, "-o", str(tmp_path / "one.jsonl")], env=env, capture_output=True, text=True,
                         timeout=300)
    address = client.scheduler.address
    on_scheduler = subprocess.run([*base, "-o", str(tmp_path / "sched.jsonl"), "--scheduler", address], env=env,
                                  capture_output=True, text=True, timeout=300)
    local = subprocess.run([*base, "-o", str(tmp_path / "local.jsonl"), "--workers", "2"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert one.returncode == on_scheduler.returncode == local.returncode == 1  # the binary file is skipped
    expected = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert len(expected.splitlines()) == 11
    assert (tmp_path / "sched.jsonl").read_text(encoding="utf-8") == expected
    assert (tmp_path / "local.jsonl").read_text(encoding="utf-8") == expected
    assert [json.loads(line)["text"][:20] for line in expected.splitlines()][0] == items[10][0][:20]
    bad = subprocess.run([*base[:4], files[0], "--workers", "0"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--workers" in bad.stderr
