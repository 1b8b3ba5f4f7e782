"""`vnparty crawl --records`: crawled articles go through the core pipeline, and none is left without
its record even when the crawl stopped between writing an article and analyzing it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrape_support import SiteServer

from vnparty_nlp.cli import main

PORTAL = "/portal/chinh-tri/"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_crawl_writes_records_and_reconciles_missing_ones(server: SiteServer, tmp_path: Path) -> None:
    out, records = tmp_path / "articles.jsonl", tmp_path / "records.jsonl"
    argv = ["crawl", server.url(PORTAL), "--out", str(out), "--records", str(records), "--delay", "0",
            "--timeout", "5", "--no-progress"]
    assert main(argv) == 0
    articles, recs = read_jsonl(out), read_jsonl(records)
    assert len(articles) >= 3 and len(recs) == len(articles)
    seed = next(r for r in recs if r["title"] == "Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở")
    assert {"ngày 11 và 12/3/2020", "tháng 4 và tháng 5/2020"} <= {d["text"] for d in seed["dates"]}
    assert "Các bài liên quan" not in seed["text"]
    for r in recs:
        for kind in ("documents", "dates", "counts"):
            for f in r[kind]:
                assert r["text"][f["span"][0]:f["span"][1]] == f["text"]

    # a record lost to a crash: the next run analyzes that article again, and only that one
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs[:-1]), encoding="utf-8")
    assert main(argv) == 0
    again = read_jsonl(records)
    assert sorted(r["url"] for r in again) == sorted(r["url"] for r in recs)


def test_crawl_into_the_archive(server: SiteServer, tmp_path: Path) -> None:
    from vnparty_nlp.archive import Archive

    out, db = tmp_path / "articles.jsonl", tmp_path / "archive.sqlite"
    argv = ["crawl", server.url(PORTAL), "--out", str(out), "--db", str(db), "--delay", "0", "--timeout", "5",
            "--no-progress"]
    assert main(argv) == 0
    n = len(read_jsonl(out))
    with Archive(db) as archive:
        assert len(archive) == n
        assert len(archive.search('"đại hội điểm"')) >= 1
    assert main(argv) == 0  # a re-crawl: nothing duplicated
    with Archive(db) as archive:
        assert len(archive) == n


def _crawl_argv(server: SiteServer, out: Path, records: Path) -> list[str]:
    return ["crawl", server.url(PORTAL), "--out", str(out), "--records", str(records), "--delay", "0",
            "--timeout", "5", "--no-progress"]


def test_a_kill_after_writing_an_article_but_before_confirming_it_leaves_no_duplicate_record(
        server: SiteServer, tmp_path: Path) -> None:
    import sqlite3

    out, records = tmp_path / "articles.jsonl", tmp_path / "records.jsonl"
    argv = _crawl_argv(server, out, records)
    assert main(argv) == 0
    lines = out.read_bytes().splitlines(keepends=True)
    last = json.loads(lines[-1])
    # the state of a crawl killed after the last article's fsync, before mark_emitted and its record
    state = out.with_name(out.name + ".state.sqlite")
    with sqlite3.connect(state) as con:
        con.execute("UPDATE articles SET emitted = 0 WHERE canonical_url = ?", (last["canonical_url"],))
        con.execute("UPDATE meta SET value = ? WHERE key = 'out_offset'", (str(sum(map(len, lines[:-1]))),))
        con.execute("UPDATE meta SET value = 'running' WHERE key = 'status'")
    recs = read_jsonl(records)
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs
                               if r["url"] != last["canonical_url"]), encoding="utf-8")
    assert main(argv) == 0
    urls = [r["url"] for r in read_jsonl(records)]
    assert sorted(urls) == sorted(set(urls)) == sorted(r["url"] for r in recs)
    assert [json.loads(line)["canonical_url"] for line in out.read_bytes().splitlines()].count(
        last["canonical_url"]) == 1


@pytest.mark.parametrize("db", [False, True])
def test_a_half_written_last_article_line_does_not_stop_the_resume(server: SiteServer, tmp_path: Path,
                                                                   db: bool) -> None:
    out, records = tmp_path / "articles.jsonl", tmp_path / "records.jsonl"
    argv = _crawl_argv(server, out, records)
    if db:
        argv += ["--db", str(tmp_path / "archive.sqlite")]
    assert main(argv) == 0
    n = len(read_jsonl(out))
    with open(out, "ab") as f:  # a kill in the middle of writing the next article
        f.write('{"url": "http://127.0.0.1/bai-moi.html", "title": "Hội nghị Tỉnh ủy lần thứ'.encode())
    assert main(argv) == 0
    assert len(read_jsonl(out)) == n  # the crawl cut the unconfirmed line
    assert len(read_jsonl(records)) == n
