"""Shared fixtures: the bundled seed articles."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vnparty_nlp.corpus import SEED_ARTICLES as SEEDS
from vnparty_nlp.corpus import corpus_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = corpus_dir()


def run_vnparty(*args: str, cwd: Path, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """The ``vnparty`` console script (as a user types it) in a subprocess, this checkout first on the path."""
    script = shutil.which("vnparty", path=str(Path(sys.executable).parent)) or shutil.which("vnparty")
    assert script, "the vnparty console script is not installed (pip install -e .)"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([script, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, **kwargs)


@pytest.fixture(scope="session")
def vnparty():
    """``vnparty(*args, cwd=...)``: run the console script, get the ``CompletedProcess``."""
    return run_vnparty


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {name: (CORPUS / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}


@pytest.fixture(scope="session")
def seed_records(seed_texts):
    from vnparty_nlp import analyze

    return {name: analyze(text, source=name) for name, text in seed_texts.items()}


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server (Debian's postgresql), stopped at the end of the session.

    Skipped only outside CI when PostgreSQL or psycopg is missing; in CI (.ci/run installs both) a
    missing server is a failure.
    """
    import os

    from benchmarks.pgserver import PgServer, pg_bin

    try:
        import psycopg  # noqa: F401
    except ImportError:
        psycopg = None
    if (pg_bin() is None or psycopg is None) and not os.environ.get("CI"):
        pytest.skip("PostgreSQL or psycopg not installed (apt-get install postgresql postgresql-contrib; "
                    "pip install 'psycopg[binary]')")
    server = PgServer()
    yield server
    server.stop()
