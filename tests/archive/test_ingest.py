"""Ingest: idempotent updates, round trips, schema version, a SIGKILL mid-ingest, readers during a write."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnparty_nlp.archive import SCHEMA_VERSION, Archive, SchemaError
from vnparty_nlp.archive.schema import FACT_TABLES
from vnparty_nlp.extract import REGISTRY
from vnparty_nlp.pipeline import analyze
from vnparty_nlp.records import Record

from .workers import bench_records

WORKERS = Path(__file__).with_name("workers.py")
ROOT = Path(__file__).resolve().parents[2]


def fact_counts(con: sqlite3.Connection, article_id: int) -> dict[str, int]:
    return {kind: con.execute(f"SELECT count(*) FROM {t.table} WHERE article_id = ?", (article_id,)).fetchone()[0]
            for kind, t in FACT_TABLES.items()}


def test_round_trip(tmp_path, corpus_records):
    with Archive(tmp_path / "a.sqlite") as archive:
        report = archive.add(corpus_records)
        for article_id, original in zip(report.ids, corpus_records, strict=True):
            record = archive.get(article_id)
            assert isinstance(record, Record)
            data = record.to_dict()
            for key in ("text", "title", "published", "source", "author", "credit", *REGISTRY):
                assert data[key] == original[key], key
            assert archive.info(article_id)["province"] == original["province"]
        with pytest.raises(KeyError):
            archive.get(999)


def test_records_and_dicts_and_schema(tmp_path, corpus_records):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        record = Record.from_dict(corpus_records[0])
        assert archive.add(record).added == 1
        assert archive.add(corpus_records[0]).unchanged == 1  # the same article as a dict
        con = archive.con
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(SchemaError, match="newer"):
        Archive(path)


def test_reingest_is_idempotent(tmp_path, corpus_records, synth_records):
    records = corpus_records + synth_records[:50]
    with Archive(tmp_path / "a.sqlite") as archive:
        first = archive.add(records)
        assert first.added == len(records)
        before = archive.stats()
        again = archive.add(records)
        assert again.unchanged == len(records) and again.ids == first.ids
        assert archive.stats()["facts"] == before["facts"] and len(archive) == len(records)

        # same URL, new text and facts: updated in place, old words gone from the index
        target = dict(synth_records[0])
        new = analyze(target["text"] + "\nHạn chế: công tác chuẩn bị chưa chu đáo; quy hoạch zzyzx còn chậm.\n",
                      title=target["title"] + " (cập nhật)", published=target["published"], url=target["url"])
        changed = {**new.to_dict(), "province": target["province"], "source": target["source"]}
        report = archive.add(changed)
        assert report.updated == 1 and len(archive) == len(records)
        article_id = report.ids[0]
        assert article_id == first.ids[len(corpus_records)]
        assert fact_counts(archive.con, article_id)["shortcomings"] == len(new.shortcomings)
        assert {h.id for h in archive.search("zzyzx")} == {article_id}
        assert archive.get(article_id).title.endswith("(cập nhật)")

        # same text under another URL: the same article
        mirror = {**corpus_records[1], "url": "https://mirror.example.vn/bai.html"}
        report = archive.add(mirror)
        assert report.added == 0 and len(archive) == len(records)
        # URLs spelled differently are one page
        a = {**synth_records[1]}
        b = {**a, "url": a["url"].replace("https://", "HTTP://WWW.") + "#comments", "title": "Khác"}
        assert archive.add(b).updated == 1 and len(archive) == len(records)
        # the same article twice in one batch
        twin = {**synth_records[60]}
        report = archive.add([twin, {**twin, "title": "Lần hai"}])
        assert report.added == 1 and report.updated == 1
        assert archive.get(report.ids[0]).title == "Lần hai"
        assert archive.con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert archive.con.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 0)") is not None


def test_remove(tmp_path, synth_records):
    with Archive(tmp_path / "a.sqlite") as archive:
        ids = archive.add(synth_records[:5]).ids
        assert archive.remove(ids[0]) and not archive.remove(ids[0])
        assert len(archive) == 4 and ids[0] not in {h.id for h in archive.search("dai hoi", limit=50)}
        assert archive.con.execute("SELECT count(*) FROM documents WHERE article_id = ?", (ids[0],)).fetchone()[0] == 0


@pytest.mark.slow
def test_sigkill_during_ingest_leaves_whole_articles(tmp_path):
    db = tmp_path / "killed.sqlite"
    n, seed = 3000, 5
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.archive.workers", "write", str(db), str(n), str(seed), "25"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    seen = 0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
                seen = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if seen >= 200:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < seen < n, "the writer finished before it could be killed"

    records = {r["source"]: r for r in bench_records(n, seed)}
    with Archive(db) as archive:
        con = archive.con
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 0)")
        stored = con.execute("SELECT id, source FROM articles").fetchall()
        assert 0 < len(stored) < n and len(stored) % 25 == 0  # whole batches only
        for article_id, source in stored:
            original = records[source]
            want = {kind: len(original.get(kind) or []) for kind in FACT_TABLES}
            assert fact_counts(con, article_id) == want, source
        for kind, t in FACT_TABLES.items():
            orphans = con.execute(f"SELECT count(*) FROM {t.table} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans.fetchone()[0] == 0, kind
        # every stored article is in the index: its closing line is unique to it
        for article_id, source in stored[:: max(1, len(stored) // 50)]:
            closing = records[source]["text"].rstrip().rsplit("\n", 1)[-1]
            numbers = [w for w in closing.split() if w.isdigit()]
            hits = archive.search(f'"{numbers[0]} đại biểu" "{numbers[1]} đảng viên"', limit=5)
            assert article_id in {h.id for h in hits}
        # and the ingest can simply be run again
        report = archive.add(list(records.values()), batch_size=500)
        assert report.unchanged == len(stored) and len(archive) == n


@pytest.mark.slow
def test_readers_search_while_a_writer_writes(tmp_path, corpus_records):
    db = tmp_path / "busy.sqlite"
    with Archive(db) as archive:
        archive.add(corpus_records)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-m", "tests.archive.workers", "write", str(db), "1500", "3", "20"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    readers = [subprocess.Popen([sys.executable, "-m", "tests.archive.workers", "read", str(db), "4"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [json.loads(r.communicate(timeout=60)[0].strip().splitlines()[-1]) for r in readers]
    writer.communicate(timeout=120)
    assert writer.returncode == 0
    for out in outputs:
        assert out["errors"] == []
        assert out["searches"] > 5
        assert out["counts"] == sorted(out["counts"])  # a reader never sees a write undone
    with Archive(db, readonly=True) as archive:
        assert len(archive) == 1502
        assert max(max(o["counts"]) for o in outputs) <= archive.count("dai hoi")


def table_contents(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table but the timestamps, in id order."""
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'fts%'"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in ("added_at", "updated_at")]
        out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1").fetchall()
    return out


def test_parallel_ingest_gives_the_same_database(tmp_path, corpus_records, synth_records):
    records = corpus_records + synth_records[:120] + [{**synth_records[0], "title": "Lần hai"}]  # a twin too
    with Archive(tmp_path / "serial.sqlite") as serial, Archive(tmp_path / "parallel.sqlite") as parallel:
        one = serial.add(records, batch_size=16)
        two = parallel.add(records, batch_size=16, processes=2)
        assert (one.added, one.updated, one.ids) == (two.added, two.updated, two.ids)
        assert table_contents(serial.con) == table_contents(parallel.con)
        for query in ("dai hoi", '"số dư"', "tuyen*", "Dang bo -lung"):
            assert [(h.id, h.score) for h in serial.search(query, limit=50)] == \
                   [(h.id, h.score) for h in parallel.search(query, limit=50)]
        parallel.con.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 0)")
        again = parallel.add(records, batch_size=16, processes=2)
        assert again == serial.add(records, batch_size=16)  # the twin is updated back and forth in both
        assert again.unchanged == len(records) - 2
        assert table_contents(serial.con) == table_contents(parallel.con)


def test_parallel_ingest_raises_on_bad_input_after_the_good_batches(tmp_path, synth_records):
    with Archive(tmp_path / "a.sqlite") as archive:
        with pytest.raises(TypeError):
            archive.add([*synth_records[:20], 42], batch_size=10, processes=2)
        assert len(archive) == 20
