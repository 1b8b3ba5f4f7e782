"""`vnparty crawl --records`: crawled articles go through the core pipeline, and none is left without
its record even when the crawl stopped between writing an article and analyzing it."""
from __future__ import annotations

import json
from pathlib import Path

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
