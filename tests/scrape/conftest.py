"""Fixtures for the scrape tests (the server itself is in scrape_support.py, importable by tests)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scrape_support import SiteServer, serving  # noqa: E402

from vnparty_nlp.scrape.fetch import FetchConfig, Fetcher  # noqa: E402


@pytest.fixture(scope="session")
def site_server() -> Iterator[SiteServer]:
    with serving(SiteServer()) as srv:
        yield srv


@pytest.fixture
def server(site_server: SiteServer) -> SiteServer:
    site_server.reset()
    return site_server


@pytest.fixture
def config() -> FetchConfig:
    """Fast settings for tests: no politeness delay, short timeouts and backoff."""
    return FetchConfig(delay=0.0, connect_timeout=2.0, read_timeout=2.0, retries=2, backoff=0.05,
                       max_retry_after=5.0)


@pytest.fixture
def fetcher(config: FetchConfig) -> Iterator[Fetcher]:
    with Fetcher(config) as f:
        yield f
