"""`vnparty run`, README's main command: bundled corpus → records → archive → searches."""
import json
import sqlite3
import subprocess
import sys


def test_vnparty_run_builds_records_and_archive(tmp_path):
    done = subprocess.run([sys.executable, "-m", "vnparty_nlp.cli", "run", "--no-progress"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["title"] for r in records} == {"Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở",
                                             "Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở"}
    with sqlite3.connect(tmp_path / "vnparty-archive.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "search 'dai hoi diem': 2 hit(s)" in done.stdout
    assert "search cites=35-CT/TW: 1 hit(s)" in done.stdout
    # running it again updates the archive in place instead of duplicating the articles
    again = subprocess.run([sys.executable, "-m", "vnparty_nlp.cli", "run", "--no-progress"], cwd=tmp_path,
                           capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert "0 added" in again.stdout
