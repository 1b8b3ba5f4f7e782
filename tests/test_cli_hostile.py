"""The console script on hostile files and paths (issue 13): a clear message and an exit code, never a traceback."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnparty_nlp.cli import main
from vnparty_nlp.corpus import corpus_dir

CORPUS = corpus_dir()
ARTICLE = CORPUS / "dien-bien-dai-hoi-diem-2020.txt"
OTHER = CORPUS / "ninh-giang-dai-hoi-diem-2020.txt"


def _copy(src: Path, dst: Path, meta: bytes | None) -> Path:
    dst.write_bytes(src.read_bytes())
    if meta is not None:
        dst.with_suffix(".meta.json").write_bytes(meta)
    return dst


@pytest.mark.parametrize("meta", ['{"title": "Điện Biên'.encode(), b"\xff\xfe\x00{}", b"[1, 2]", None])
def test_a_bad_sidecar_skips_its_file_and_the_run_goes_on(tmp_path, caplog, meta):
    bad = _copy(ARTICLE, tmp_path / "a-bad.txt", meta)
    if meta is None:  # a directory where the sidecar should be
        bad.with_suffix(".meta.json").mkdir()
    good = _copy(OTHER, tmp_path / "b-good.txt", None)
    out = tmp_path / "records.jsonl"
    assert main(["extract", str(bad), str(good), "-o", str(out), "--no-progress"]) == 1
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["source"] for r in records] == [str(good)]
    assert "a-bad.txt: skipped" in caplog.text and "meta.json" in caplog.text

    db = tmp_path / "a.sqlite"
    assert main(["index", str(bad), str(good), "--db", str(db), "--no-progress", "--no-accelerator"]) == 1  # like extract: an input was skipped
    from vnparty_nlp.archive import Archive

    with Archive(db, readonly=True) as archive:
        assert [archive.info(i)["source"] for i in archive.ids()] == [str(good)]


def test_output_into_a_missing_directory(tmp_path, caplog):
    assert main(["extract", str(ARTICLE), "-o", str(tmp_path / "nodir" / "x.jsonl"), "--no-progress"]) == 2
    assert "No such file or directory" in caplog.text and "nodir" in caplog.text


def test_index_with_a_missing_input(tmp_path, caplog):
    db = tmp_path / "a.sqlite"
    assert main(["index", str(ARTICLE), str(tmp_path / "missing.txt"), "--db", str(db), "--no-progress"]) == 2
    assert "no such file" in caplog.text and "missing.txt" in caplog.text


@pytest.mark.parametrize("kind", ["directory", "text file"])
@pytest.mark.parametrize("command", ["index", "search", "stats"])
def test_db_that_is_not_an_archive(tmp_path, caplog, kind, command):
    db = tmp_path / "db"
    if kind == "directory":
        db.mkdir()
    else:
        db.write_text("Đây không phải là cơ sở dữ liệu.\n" * 200, encoding="utf-8")
    argv = {"index": ["index", str(ARTICLE), "--no-progress"], "search": ["search", "đại hội"],
            "stats": ["stats"]}[command]
    assert main([*argv, "--db", str(db)]) == 2
    assert str(db) in caplog.text and ("directory" in caplog.text or "not a usable archive" in caplog.text)


@pytest.mark.parametrize("bad", ["2020-13-45", "2020-02-30", "2020-06-30garbage", "20200101"])
def test_search_with_a_bad_date(tmp_path, caplog, bad):
    db = tmp_path / "a.sqlite"
    assert main(["index", str(ARTICLE), "--db", str(db), "--no-progress", "--no-accelerator"]) == 0
    assert main(["search", "đại hội", "--db", str(db), "--published-to", bad]) == 2
    assert "is not a date" in caplog.text


@pytest.mark.slow
def test_json_output_cut_by_sigint_is_still_json(tmp_path):
    files = []
    for i in range(400):  # enough that the run cannot end before the signal, even on a loaded machine
        files.append(_copy(ARTICLE if i % 2 else OTHER, tmp_path / f"bai-{i:03d}.txt", None))
    out = tmp_path / "records.json"
    # a shell runs background jobs with SIGINT ignored and children inherit that: give the child the default
    proc = subprocess.Popen([sys.executable, "-m", "vnparty_nlp.cli", "extract", "--format", "json", "-o", str(out),
                             "--no-progress", *map(str, files)], stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    records = json.loads(out.read_text("utf-8"))
    assert 1 <= len(records) < len(files)
    assert all(r["text"] for r in records)


def test_analyze_rejects_unpaired_surrogates_in_text_and_repairs_metadata(tmp_path, caplog):
    from vnparty_nlp import InputError, analyze
    from vnparty_nlp.archive import Archive

    text = ARTICLE.read_text("utf-8")
    broken = text[:200] + "\udc8d" + text[200:]  # what surrogateescape leaves of one bad byte
    with pytest.raises(InputError, match="surrogate.*character 201"):
        analyze(broken)
    with caplog.at_level("WARNING"):
        record = analyze(text, title="Điện Biên: đại hội điểm \ud83d", author="Phong L\udce2m")
    assert record.title == "Điện Biên: đại hội điểm \ufffd" and record.author == "Phong L\ufffdm"
    assert "unpaired surrogates" in caplog.text
    with Archive(tmp_path / "a.sqlite") as archive:  # and the record can be stored
        assert archive.add(record).added == 1
