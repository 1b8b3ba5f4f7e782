"""`vnparty serve` on a PostgreSQL archive: the same pages, read-only, and the URL's password never shown."""
from __future__ import annotations

import re

import pytest

from vnparty_nlp.archive import Archive

from .conftest import HOSTILE_TEXT


@pytest.fixture(scope="module")
def pg_client(pg_server, web_archive):
    """The web archive's records copied into a PostgreSQL database, and the app over its URL."""
    from starlette.testclient import TestClient

    from vnparty_nlp.web import create_app

    url = pg_server.create_database("web")
    with Archive(web_archive, readonly=True) as source, Archive(url) as target:
        target.add([{**record.to_dict(), "province": source.info(i)["province"]} for i, record in source.iter_records()])
    with TestClient(create_app(url), raise_server_exceptions=True) as client:
        yield client, url


def test_search_facets_and_pages_on_postgres(pg_client):
    client, _ = pg_client
    page = client.get("/search", params={"q": "dai hoi diem"})
    assert page.status_code == 200 and re.search(r'id="count"><strong>2</strong> articles', page.text)
    assert "<mark>đại hội điểm</mark>" in page.text.lower() or "<mark>đại</mark>" in page.text.lower()
    link = re.search(r'href="(/search\?[^"]*province=[^"]*)"', page.text).group(1).replace("&amp;", "&")
    narrowed = client.get(link)
    assert re.search(r'id="count"><strong>1</strong> article\b', narrowed.text)
    hit = client.get("/api/search", params={"q": "xss"}).json()["hits"][0]
    article = client.get(f"/articles/{hit['id']}").text
    assert "&lt;script&gt;" in article and "<script" not in article
    assert article.count("<mark") == article.count("</mark>") > 0
    assert client.get("/api/documents/35/CT-TW").json()["document"] == "35-CT/TW"
    rows = client.get("/export.csv", params={"q": "dai hoi diem"}).text.splitlines()
    assert len(rows) == 3 and rows[0].startswith("id,title")
    assert HOSTILE_TEXT.split()[0] in client.get(f"/api/articles/{hit['id']}").json()["text"]


def test_postgres_archive_is_read_only_and_its_url_stays_private(pg_client):
    import psycopg

    client, url = pg_client
    archive = client.app.state.pool.get()
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        archive.con.execute("DELETE FROM articles")
    missing = client.get("/api/articles/987654")
    assert missing.status_code == 404
    stats = client.get("/api/stats")
    for response in (missing, stats, client.get("/search", params={"q": '"so du'})):
        assert url not in response.text and "postgresql://" not in response.text
