"""The archive as other tools open it: Datasette's ?_search=, sqlite-utils' table.search(), plain SQL.

The archive is the one `vnparty run` builds from the bundled corpus; queries are typed with and without
accents, and the rows found are checked against the article texts themselves.
"""
from __future__ import annotations

import asyncio
import re
import sqlite3
import unicodedata

import pytest

from vnparty_nlp.archive import Archive
from vnparty_nlp.archive.keys import fold_text

datasette_app = pytest.importorskip("datasette.app")
sqlite_utils = pytest.importorskip("sqlite_utils")


@pytest.fixture(scope="module")
def run_archive(tmp_path_factory, vnparty):
    where = tmp_path_factory.mktemp("run")
    done = vnparty("run", "--no-progress", cwd=where)
    assert done.returncode == 0, done.stderr
    return where / "vnparty-archive.sqlite"


def _fold_keeping_dd(text: str) -> str:
    """Lower case without accents, but ``đ`` kept: what ``đại`` must meet (``dài`` is another word)."""
    text = unicodedata.normalize("NFC", text).lower().replace("ð", "đ").replace("đ", "\x01")
    return fold_text(text).replace("\x01", "đ")


def _containing(path, *words: str) -> set[int]:
    """Ids of the articles whose title or text holds every word: accents ignored, but a word typed
    with ``đ`` must be spelled with ``đ``; case ignored. Computed from the texts, not the index."""
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT id, coalesce(title, '') || ' ' || text FROM articles").fetchall()
    found = set()
    for rowid, text in rows:
        words_in = set(re.findall(r"\w+", _fold_keeping_dd(text)))
        folded_in = {w.replace("đ", "d") for w in words_in}
        if all(_fold_keeping_dd(w) in (words_in if "đ" in w.lower() else folded_in) for w in words):
            found.add(rowid)
    return found


def _datasette_search(path, query: str) -> list[dict]:
    async def get() -> list[dict]:
        ds = datasette_app.Datasette([str(path)])
        response = await ds.client.get(f"/{path.stem}/articles.json",
                                       params={"_search": query, "_shape": "array", "_size": "max"})
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


@pytest.mark.parametrize("query", ["dai hoi diem", "đại hội điểm", "ket nap dang vien", "kết nạp đảng viên"])
def test_datasette_search_finds_the_articles(run_archive, query):
    rows = _datasette_search(run_archive, query)
    want = _containing(run_archive, *query.split())
    assert len(want) >= 5  # many articles hold these words, so an ignored ?_search= (all 52 rows) fails
    assert {r["id"] for r in rows} == want
    assert all("text" in r and r["title"] for r in rows)


def test_accented_and_unaccented_queries_agree(run_archive):
    # Ð (U+00D0) in one article: the folded and the accented query still find the same ones
    assert {r["id"] for r in _datasette_search(run_archive, "dang bo")} == \
        {r["id"] for r in _datasette_search(run_archive, "Đảng bộ")}


def test_sqlite_utils_search(run_archive):
    db = sqlite_utils.Database(run_archive)
    table = db["articles"]
    assert table.detect_fts() == "articles_fts"
    for query in ("dien bien", "Điện Biên"):
        ids = {row["id"] for row in table.search(query, columns=["id", "title"])}
        assert ids == _containing(run_archive, *query.split()) and len(ids) >= 2
    first = next(iter(table.search("so du bau cu", columns=["title"])))
    assert first["title"] in {"Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở",
                              "Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở"}


def test_plain_sql_snippets_and_integrity(run_archive):
    with sqlite3.connect(run_archive) as con:
        con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        snippet = con.execute(
            "SELECT snippet(articles_fts, 1, '[', ']', '…', 8) FROM articles_fts WHERE articles_fts MATCH '\"so du\"' "
            "ORDER BY rank LIMIT 1").fetchone()[0]
        assert "[số dư]" in snippet.lower()  # the text as written, đ aside
        doc = dict(con.execute("SELECT column_name, meaning FROM schema_doc WHERE table_name = '*facts*'"))
        assert {"start", "stop", "*_key"} <= doc.keys() and "substr(articles.text" in doc["stop"]
        assert con.execute("SELECT meaning FROM schema_doc WHERE column_name = 'how'").fetchone()[0].startswith("how")


def test_index_follows_updates_and_removals(tmp_path, seed_records):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        ids = archive.add([r.to_dict() for r in seed_records.values()]).ids
        db = sqlite_utils.Database(path)
        assert len(list(db["articles"].search("dien bien"))) == 1
        archive.remove(ids[0])  # Điện Biên
        assert list(db["articles"].search("dien bien")) == []
        changed = {**seed_records["ninh-giang-dai-hoi-diem-2020"].to_dict(), "title": "Đổi tên: Điện Biên"}
        assert archive.add([changed]).updated == 1
        assert [r["id"] for r in db["articles"].search("Điện Biên")] == [ids[1]]
        with sqlite3.connect(path) as con:
            con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_an_older_archive_becomes_searchable_by_other_tools(tmp_path, seed_records):
    from vnparty_nlp.archive import schema

    new = tmp_path / "v2.sqlite"
    with Archive(new) as archive:
        archive.add([r.to_dict() for r in seed_records.values()])
    old = tmp_path / "v1.sqlite"
    with sqlite3.connect(old) as con:  # what version 1 wrote: its schema, the same articles
        schema._v1(con)
        con.execute("PRAGMA user_version = 1")
        con.execute("ATTACH DATABASE ? AS v2", (str(new),))
        columns = ", ".join(c for c in ("id", "canonical_url", "content_hash", "record_hash", "url", "source", "site",
                                        "title", "published", "published_day", "text"))
        con.execute(f"INSERT INTO articles ({columns}) SELECT {columns} FROM v2.articles")
    with Archive(old) as archive:
        assert archive.con.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 4
        archive.rebuild_index()
        assert len(archive.search("dai hoi diem")) == 2
    db = sqlite_utils.Database(old)
    assert len(list(db["articles"].search("đại hội điểm"))) == 2
    assert len(list(db["articles"].search("Điện Biên"))) == 1
