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


def _warc_of_pages(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """A WARC of HTML article pages (url, title, text), as a crawler or Common Crawl keeps them."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, title, text in pages:
            body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
            page = f"<html><head><title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO((page + "</body></html>").encode()), http_headers=headers))


def test_cli_extract_reads_jsonl_and_warc_inputs_on_the_cluster(client, tmp_path, items):
    """JSONL files of articles and WARC files go to the workers in partitions like text files do."""
    jsonl = tmp_path / "articles.jsonl"
    lines = [json.dumps({"text": text, "title": f"Bài {i}", "url": f"https://tinhuy.example.vn/tin/{i}.html"},
                        ensure_ascii=False) for i, (text, _) in enumerate(items[:7])]
    lines.insert(3, '{"text": "Đảng bộ xã')  # a line cut short by a crash
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    warc = tmp_path / "crawl.warc.gz"
    _warc_of_pages(warc, [(f"https://huyenuy.example.vn/tin-tuc/{i}.html", f"Tin số {i}", text)
                          for i, (text, _) in enumerate(items[20:23])])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    address = client.scheduler.address

    def extract(*argv: str) -> tuple[int, list[dict]]:
        out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.jsonl"
        done = subprocess.run([sys.executable, "-m", "vnparty_nlp.cli", "extract", "--no-progress", *argv,
                               "-o", str(out)], env=env, capture_output=True, text=True, timeout=300)
        return done.returncode, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    code, here = extract(str(jsonl))
    assert code == 1  # the broken line is reported; the others are analyzed
    assert [r["title"] for r in here] == [f"Bài {i}" for i in range(7)]
    assert here[3]["source"] == f"{jsonl}:5" and here[0]["url"] == "https://tinhuy.example.vn/tin/0.html"
    assert extract(str(jsonl), "--scheduler", address) == (1, here)
    code, pages = extract("--warc", str(warc))
    assert code == 0 and [r["title"] for r in pages] == ["Tin số 0", "Tin số 1", "Tin số 2"]
    assert all(r["source"].startswith("crawl.warc.gz#") for r in pages)
    assert extract("--warc", str(warc), "--scheduler", address) == (0, pages)
