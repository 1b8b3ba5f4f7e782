"""What README's commands leave in the working directory is ignored by git."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LEFTOVERS = ("records.jsonl", "articles.jsonl", "articles.jsonl.state.sqlite", "articles.jsonl.records.jsonl",
             "vnparty-archive.sqlite", "vnparty-archive.sqlite-wal", "vnparty-archive.sqlite.tantivy/meta.json",
             "out/records.jsonl", "build/lib/x.py", "dist/vnparty_nlp-0.1.0-py3-none-any.whl")


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_readme_leftovers_are_ignored():
    done = subprocess.run(["git", "check-ignore", "--no-index", *LEFTOVERS], cwd=ROOT, capture_output=True, text=True)
    assert sorted(done.stdout.split()) == sorted(LEFTOVERS)
