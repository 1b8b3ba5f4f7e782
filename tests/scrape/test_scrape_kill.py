"""A crawl killed with SIGKILL resumes and ends with every article exactly once, none fetched twice."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from scrape_support import EXPECTED, SiteServer

ROOT = Path(__file__).resolve().parents[2]
STARTS = ["/tapchi/Home/Dang-bo-dia-phuong.aspx", "/portal/chinh-tri/"]
SITE_ARTICLES = sorted(p for p in EXPECTED if p.startswith(("/tapchi/", "/portal/")))

pytestmark = pytest.mark.slow


def crawl_cmd(server: SiteServer, out: Path, state: Path) -> list[str]:
    return [sys.executable, "-m", "vnparty_nlp.scrape", "crawl", *(server.url(s) for s in STARTS),
            "--out", str(out), "--state", str(state), "--delay", "0", "--timeout", "5", "--backoff", "0.05",
            "--no-progress"]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def canonical_paths(out: Path, server: SiteServer) -> Counter[str]:
    lines = out.read_text("utf-8").splitlines() if out.exists() else []
    return Counter(json.loads(line)["canonical_url"].removeprefix(server.base) for line in lines)


def test_sigkill_mid_fetch_then_resume(server: SiteServer, tmp_path: Path) -> None:
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    server.slow = 0.3
    fourth_article = threading.Event()
    seen: list[str] = []

    def hook(path: str) -> None:
        if path in SITE_ARTICLES:
            seen.append(path)
            if len(seen) == 4:
                fourth_article.set()

    server.on_request = hook
    proc = subprocess.Popen(crawl_cmd(server, out, state), cwd=ROOT, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert fourth_article.wait(30), proc.stderr.read() if proc.poll() is not None else "no progress"
        os.kill(proc.pid, signal.SIGKILL)  # while the server is still "working" on article 4
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    before = canonical_paths(out, server)
    assert 1 <= sum(before.values()) <= 3  # killed mid-crawl, with some articles already written
    time.sleep(0.5)  # the server notices the dead client and logs the aborted response
    server.slow, server.on_request = 0.0, None

    done = subprocess.run(crawl_cmd(server, out, state), cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "resumed" in done.stderr
    after = canonical_paths(out, server)
    assert sorted(after) == SITE_ARTICLES and set(after.values()) == {1}
    for path in SITE_ARTICLES:
        assert server.completed_200(path) == 1, path  # no article downloaded twice


def test_repeated_random_kills_lose_nothing(server: SiteServer, tmp_path: Path) -> None:
    out, state = tmp_path / "out.jsonl", tmp_path / "state.sqlite"
    server.slow = 0.05
    rng = random.Random(20200521)
    for _ in range(3):
        proc = subprocess.Popen(crawl_cmd(server, out, state), cwd=ROOT, env=env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    server.slow = 0.0
    done = subprocess.run(crawl_cmd(server, out, state), cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    after = canonical_paths(out, server)
    assert sorted(after) == SITE_ARTICLES and set(after.values()) == {1}
    # every line is whole JSON (no torn write survived)
    assert all(line.endswith("}") for line in out.read_text("utf-8").splitlines())
