"""The same archive on SQLite and on PostgreSQL: one API, one query language, the same answers.

Each PostgreSQL test gets a fresh database on a throw-away server (``pg_server``); the equivalence
test builds the 300 generated articles and the two seed articles on both engines and compares what
researchers see: counts of many queries, filters, facets, summaries, stored records.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vnparty_nlp.archive import Archive, QueryError
from vnparty_nlp.cli import main as cli_main

QUERIES = [
    "dai hoi", "đại hội", "Đại Hội", "dang bo", "đảng bộ", "dảng bộ", "chi bo -dang", "ket nap OR khai tru",
    '"dai hoi diem"', "nhiem*", '"35-CT/TW"', "35-CT/TW", "(tinh uy OR huyen uy) bi thu", "Điện Biên",
    "dien bien", "so du", "sơ dư", "xây dựng đảng", "hạn chế", "han che -khuyet",
]
FILTERS: list[dict[str, Any]] = [
    {"province": "Điện Biên"}, {"province": ["dien bien", "Hà Nội"]}, {"cites": "35-CT/TW"},
    {"cites": ["Chỉ thị 35", "35/CT-TW"]}, {"doc_type": "chi thi"}, {"has": ["shortcomings", "people"]},
    {"published_from": "2020-03", "published_to": 2020}, {"mentions_from": "2019-05-30", "mentions_to": "2020"},
    {"organization": "huyen uy"}, {"implements": "35-CT/TW"}, {"ids": [1, 2, 3, 10**20]},
    {"site": "dienbien.dcs.vn"},
]


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_server, corpus_records, synth_records) -> dict[str, Archive]:
    """The same records added to a SQLite file and a PostgreSQL database, the same way."""
    url = pg_server.create_database("equivalence")
    out = {}
    for name, location in (("sqlite", str(tmp_path_factory.mktemp("eq") / "a.sqlite")), ("postgres", url)):
        archive = Archive(location, accelerator=False)
        archive.add(corpus_records)
        archive.add(synth_records, batch_size=64)
        out[name] = archive
    yield out
    for archive in out.values():
        archive.close()


def test_engines_match_the_same_articles_for_every_query(both):
    sqlite, pg = both["sqlite"], both["postgres"]
    assert len(pg) == len(sqlite) > 300
    for query in QUERIES:
        expected = sqlite.count(query)
        assert pg.count(query) == expected, query
        top = {h.id for h in sqlite.search(query, limit=1000, exhaustive=True)}
        assert {h.id for h in pg.search(query, limit=1000, exhaustive=True)} == top, query
    assert sqlite.count("dai hoi") > sqlite.count("đại hội dảng") >= 0
    assert pg.search("đại hội").engine == "postgres"


def test_engines_agree_on_filters_facets_and_summaries(both):
    sqlite, pg = both["sqlite"], both["postgres"]
    for filters in FILTERS:
        assert pg.ids(**filters) == sqlite.ids(**filters), filters
        assert pg.count("dai hoi", **filters) == sqlite.count("dai hoi", **filters), filters
    assert any(sqlite.ids(**f) for f in FILTERS[2:4])  # the citation filters select something
    for by in ("province", "year", "month", "site", "doc_type", "document"):
        a = sqlite.facet(by, limit=8).fillna("").to_dict("records")
        b = pg.facet(by, limit=8).fillna("").to_dict("records")
        assert b == a, by
    for query in (None, "dai hoi", "Điện Biên"):
        assert pg.summary(query, limit=5) == sqlite.summary(query, limit=5), query
    assert pg.summary("dai hoi", sample=50)["sampled"] == sqlite.summary("dai hoi", sample=50)["sampled"]
    assert (pg.shortcomings_by().to_dict("records") == sqlite.shortcomings_by().to_dict("records"))
    for kind in ("documents", "dates", "counts", "congresses"):
        a, b = sqlite.facts(kind, province="Điện Biên"), pg.facts(kind, province="Điện Biên")
        assert list(b.columns) == list(a.columns)
        assert _cells(b) == _cells(a), kind


def _cells(frame) -> list[list[Any]]:
    """A frame's values with every missing value as None (engines differ in None vs NaN)."""
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def test_engines_store_the_same_records_and_export_them_alike(both, tmp_path):
    sqlite, pg = both["sqlite"], both["postgres"]
    for article_id in (1, 2, 150, len(sqlite)):
        assert pg.get(article_id).to_dict() == sqlite.get(article_id).to_dict()
    n = pg.export_jsonl(tmp_path / "pg.jsonl", province="Điện Biên")
    assert n == sqlite.export_jsonl(tmp_path / "sq.jsonl", province="Điện Biên") > 0
    assert (tmp_path / "pg.jsonl").read_text(encoding="utf-8") == (tmp_path / "sq.jsonl").read_text(encoding="utf-8")
    assert pg.export_csv(tmp_path / "pg.csv", kind="documents") == sqlite.export_csv(tmp_path / "s.csv", kind="documents")
    similar = pg.similar(1, n=3)
    assert list(similar["id"]) == list(sqlite.similar(1, n=3)["id"])


def test_add_is_an_idempotent_upsert_on_each_engine(new_archive_location, corpus_records):
    corpus_records = [dict(r, url=f"https://dangbo.example.vn/bai-{i}.html?utm_source=x") for i, r in enumerate(corpus_records)]
    with Archive(new_archive_location) as archive:
        first = archive.add(corpus_records)
        assert (first.added, first.updated) == (2, 0)
        again = archive.add(corpus_records)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
        # a corrected version under the same URL replaces the stored one
        at = 0
        corrected = dict(corpus_records[at], text=corpus_records[at]["text"] + "\nĐính chính: số liệu đã được cập nhật.")
        report = archive.add(corrected)
        assert (report.added, report.updated) == (0, 1) and report.ids == [first.ids[at]]
        assert len(archive) == 2
        assert archive.count('"dinh chinh"') == 1 and archive.count("đính chính") == 1
        generation = archive.generation
        assert archive.remove(first.ids[1 - at]) and not archive.remove(first.ids[1 - at])
        assert archive.generation > generation and len(archive) == 1
        assert archive.count("dai hoi") == 1


def test_query_language_and_accent_rule_on_each_engine(new_archive_location):
    records = [
        {"text": "Đảng bộ huyện Mường Chà tổ chức đại hội điểm theo Chỉ thị số 35-CT/TW.", "title": "Đại hội điểm",
         "url": "https://dienbien.dcs.vn/a"},
        {"text": "Dang bo xa viet khong dau, dai hoi nhiem ky moi.", "title": "Khong dau",
         "url": "https://dienbien.dcs.vn/b"},
        {"text": "Chi bộ thôn Nà Pen kết nạp đảng viên mới.", "title": "Kết nạp", "url": "https://dienbien.dcs.vn/c"},
    ]
    with Archive(new_archive_location) as archive:
        ids = archive.add(records).ids
        found = {q: sorted(h.id for h in archive.search(q)) for q in (
            "dai hoi", "đại hội", "\"dang bo\"", "đảng bộ", '"35-CT/TW"', "nhiem*", "dai hoi -diem", "ket nap OR khong",
            "đảng")}
    assert found["dai hoi"] == [ids[0], ids[1]]  # folded: both spellings, đ as d
    assert found["đại hội"] == [ids[0]]  # accents typed: exact
    assert found['"dang bo"'] == [ids[0], ids[1]] and found["đảng bộ"] == [ids[0], ids[2]]
    assert found['"35-CT/TW"'] == [ids[0]]
    assert found["nhiem*"] == [ids[1]]
    assert found["dai hoi -diem"] == [ids[1]]
    assert found["ket nap OR khong"] == [ids[1], ids[2]]
    assert found["đảng"] == [ids[0], ids[2]]
    with Archive(new_archive_location) as archive, pytest.raises(QueryError):
        archive.search('"unclosed')


def test_cli_indexes_and_searches_a_postgresql_archive(pg_server, tmp_path, corpus_records, capsys):
    url = pg_server.create_database("cli")
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records), encoding="utf-8")
    assert cli_main(["index", str(jsonl), "--db", url]) == 0
    assert "2 added" in capsys.readouterr().out
    assert cli_main(["search", "dai hoi diem", "--db", url, "--province", "Điện Biên", "--format", "jsonl"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert len(hits) == 1 and hits[0]["province"] == "Điện Biên"
    assert cli_main(["stats", "--db", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2
    assert cli_main(["search", "x", "--db", pg_server.url("no_such_db")]) == 2


def test_concurrent_writers_lose_and_duplicate_nothing(pg_server, tmp_path, synth_records, corpus_records):
    """Three processes add overlapping halves of the same records at once: every article once, whole."""
    url = pg_server.create_database("concurrent")
    records = corpus_records + synth_records[:120]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    n = len(records)
    shares = [(0, n * 2 // 3), (n // 3, n), (0, n)]  # every record is added by two or three writers
    procs = [subprocess.Popen([sys.executable, "-m", "tests.archive.pg_writer", url, str(path), str(a), str(b)],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2]) for a, b in shares]
    reports = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(r["added"] for r in reports) == n
    with Archive(url, readonly=True) as archive:
        assert len(archive) == n
        rows = archive.engine.rows("SELECT count(DISTINCT content_hash), count(DISTINCT canonical_url), "
                                   "count(canonical_url), max(id) FROM articles")
        assert tuple(rows[0]) == (n, n - sum(1 for r in records if not r.get("url")), n - sum(
            1 for r in records if not r.get("url")), n)
        assert archive.generation >= 1
    with Archive(url) as archive:  # the stored records are the inputs: a fourth pass changes nothing
        again = archive.add(records)
        assert (again.added, again.updated, again.unchanged) == (0, 0, n)
