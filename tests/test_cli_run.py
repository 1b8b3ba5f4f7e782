"""`vnparty run`, README's main command: bundled corpus → records → archive → overview → searches."""
import json
import sqlite3

from vnparty_nlp.corpus import SEED_ARTICLES, corpus_dir


def test_vnparty_run_builds_records_archive_and_overview(tmp_path, vnparty):
    done = vnparty("run", "--no-progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    n_articles = len(list(corpus_dir().glob("*.txt")))
    assert len(records) == n_articles >= 50
    titles = {r["title"] for r in records}
    assert {"Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở",
            "Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở"} <= titles
    # every dev article keeps its source page
    urls = [r["url"] for r in records if r["source"] and not any(s in r["source"] for s in SEED_ARTICLES)]
    assert len(urls) == n_articles - 2 and all(u.startswith("http") for u in urls)
    with sqlite3.connect(tmp_path / "vnparty-archive.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == n_articles
    out = done.stdout
    assert f"{n_articles} articles; facts: documents" in out
    assert "by province: " in out and "by doc_type: chỉ thị" in out
    assert "Most cited documents:" in out and "35-CT/TW" in out
    assert "Shortcomings: " in out and f" of {n_articles} articles" in out
    assert "search cites=35-CT/TW: " in out and "What to try next:" in out
    hits = int(out.split("search 'dai hoi diem': ")[1].split(" ")[0])
    assert hits >= 10  # the seeds and the dev articles about pilot congresses, with or without accents
    # running it again updates the archive in place instead of duplicating the articles
    again = vnparty("run", "--no-progress", cwd=tmp_path)
    assert again.returncode == 0 and f"0 added, 0 updated, {n_articles} unchanged" in again.stdout


def test_vnparty_run_on_a_missing_corpus_says_so(tmp_path, vnparty):
    done = vnparty("run", "--no-progress", "--corpus", "nosuch", cwd=tmp_path)
    assert done.returncode == 2
    assert "no corpus directory at nosuch" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "empty").mkdir()
    done = vnparty("run", "--no-progress", "--corpus", "empty", cwd=tmp_path)
    assert done.returncode == 2 and "no articles (*.txt) in empty" in done.stderr
