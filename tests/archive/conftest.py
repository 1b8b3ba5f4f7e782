"""Session fixtures: the two seed articles of the corpus and a few hundred generated articles, analyzed once, in one archive."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.synth import SynthArticle, analyze_all, generate
from vnparty_nlp.archive import Archive
from vnparty_nlp.corpus import SEED_ARTICLES, iter_corpus
from vnparty_nlp.pipeline import analyze

N_SYNTH = 300
SEED = 11


@pytest.fixture(scope="session")
def synth_articles() -> list[SynthArticle]:
    return generate(N_SYNTH, seed=SEED)


@pytest.fixture(scope="session")
def synth_records(synth_articles: list[SynthArticle]) -> list[dict[str, Any]]:
    return analyze_all(synth_articles)


@pytest.fixture(scope="session")
def corpus_records() -> list[dict[str, Any]]:
    out = []
    for article in (a for a in iter_corpus() if a.path.stem in SEED_ARTICLES):
        record = analyze(article.text, **article.analyze_kwargs)
        out.append({**record.to_dict(), "province": article.meta.get("province")})
    return out


@pytest.fixture(scope="session")
def archive_path(tmp_path_factory: pytest.TempPathFactory, corpus_records: list[dict[str, Any]],
                 synth_records: list[dict[str, Any]]) -> Path:
    path = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    with Archive(path) as archive:
        archive.add(corpus_records)
        archive.add(synth_records, batch_size=64)
    return path


@pytest.fixture()
def archive(archive_path: Path) -> Archive:
    """The shared archive, read-only: tests that write build their own."""
    with Archive(archive_path, readonly=True) as a:
        yield a


@pytest.fixture(scope="session")
def by_source(archive_path: Path) -> dict[str, int]:
    """Article id of each input, by its ``source``."""
    with Archive(archive_path, readonly=True) as a:
        return {r[0]: r[1] for r in a.con.execute("SELECT source, id FROM articles")}


@pytest.fixture(params=["sqlite", "postgres"])
def new_archive_location(request, tmp_path):
    """An empty archive's location on each engine (a file; a fresh PostgreSQL database)."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.sqlite")
    server = request.getfixturevalue("pg_server")
    return server.create_database(f"t_{abs(hash(request.node.nodeid)) % 10**12}")


@pytest.fixture(scope="session")
def pg_archive_url(pg_server, corpus_records: list[dict[str, Any]], synth_records: list[dict[str, Any]]) -> str:
    """The shared archive's records, added the same way to a PostgreSQL database (same ids)."""
    url = pg_server.create_database("shared")
    with Archive(url) as archive:
        archive.add(corpus_records)
        archive.add(synth_records, batch_size=64)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def engine_archive(request, archive_path: Path) -> Archive:
    """The shared archive, read-only, on each engine: for the tests whose behaviour is the engines' common API."""
    location = archive_path if request.param == "sqlite" else request.getfixturevalue("pg_archive_url")
    with Archive(location, readonly=True) as a:
        yield a
