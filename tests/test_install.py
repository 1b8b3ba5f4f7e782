"""A normal (non-editable) install: the wheel alone must carry everything `vnparty run` needs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=600, **kwargs)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.slow
def test_wheel_installs_and_runs_from_anywhere(tmp_path):
    # build from a copy of the sources, so the build leaves nothing behind in the checkout
    sources = tmp_path / "src"
    shutil.copytree(ROOT, sources, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".venv", "out", "*.sqlite*", "notebooks"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(sources)],
         cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("vnparty_nlp-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    corpus = [n for n in names if n.startswith("vnparty_nlp/data/corpus/")]
    assert sum(n.endswith(".txt") for n in corpus) >= 52 and sum(n.endswith(".meta.json") for n in corpus) >= 52
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names)
    assert not any("synth" in n for n in names) and not any(n.startswith(("tests/", "benchmarks/")) for n in names)

    # a fresh venv that sees the heavy dependencies already installed, but gets the package from the wheel
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)])
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VNPARTY_CORPUS")}
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], env=env)
    where = tmp_path / "elsewhere"
    where.mkdir()
    found = _run([str(python), "-c", "import vnparty_nlp; print(vnparty_nlp.__file__)"], cwd=where, env=env)
    assert Path(found.stdout.strip()).is_relative_to(venv), found.stdout  # not the checkout, not an editable install

    done = _run([str(bindir / "vnparty"), "run", "--no-progress"], cwd=where, env=env)
    assert "52 article(s)" in done.stdout and "52 added" in done.stdout
    assert (where / "vnparty-archive.sqlite").exists() and (where / "out" / "records.jsonl").exists()
    assert "search 'dai hoi diem': " in done.stdout and "Most cited documents:" in done.stdout
    version = _run([str(bindir / "vnparty"), "--version"], cwd=where, env=env)
    assert version.stdout.startswith("vnparty ")
