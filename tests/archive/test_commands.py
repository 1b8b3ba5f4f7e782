"""CLI commands (called as functions and through argparse), exports, stats and similar()."""
from __future__ import annotations

import argparse
import csv
import io
import json

import pytest

from vnparty_nlp.archive import Archive
from vnparty_nlp.archive.commands import add_archive_commands, index_command, search_command, stats_command
from vnparty_nlp.archive.similar import SimilarityIndex
from vnparty_nlp.corpus import SEED_ARTICLES, corpus_dir

SEED_FILES = [corpus_dir() / f"{name}.txt" for name in SEED_ARTICLES]


def test_index_seeds_and_search(tmp_path):
    db = tmp_path / "cli.sqlite"
    totals = index_command(SEED_FILES, db)
    assert totals["added"] == 2 and totals["articles"] == 2 and totals["failed"] == 0
    assert index_command(SEED_FILES, db)["unchanged"] == 2
    out = io.StringIO()
    assert search_command("dai hoi diem", db, out=out) == 2
    assert "[đại] [hội] [điểm]" in out.getvalue().lower()
    out = io.StringIO()
    assert search_command(None, db, cites=["35/CT-TW"], fmt="jsonl", out=out) == 1
    hit = json.loads(out.getvalue())
    assert hit["province"] == "Điện Biên"
    out = io.StringIO()
    stats = stats_command(db, out=out)
    assert stats["articles"] == 2 and "35-CT/TW" in out.getvalue()


def test_index_files_and_jsonl(tmp_path, synth_records):
    db = tmp_path / "cli.sqlite"
    assert index_command(SEED_FILES[:1], db)["added"] == 1
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in synth_records[:20]) + "\nnot json\n",
                     encoding="utf-8")
    totals = index_command([jsonl], db)
    assert totals["added"] == 20 and totals["articles"] == 21 and totals["failed"] == 1  # the "not json" line
    with pytest.raises(FileNotFoundError):
        index_command([tmp_path / "missing.txt"], db)
    with pytest.raises(ValueError, match="no input"):
        index_command([], db)


def test_index_with_only_accelerator_rebuilds_the_tantivy_index(tmp_path):
    pytest.importorskip("tantivy")
    db = tmp_path / "cli.sqlite"
    index_command(SEED_FILES, db, accelerator=False)
    with Archive(db, readonly=True) as archive:
        assert archive.search("dai hoi").engine == "fts5"
    assert index_command([], db, accelerator=True)["articles"] == 2
    with Archive(db, readonly=True) as archive:
        assert archive.search("dai hoi").engine == "tantivy"
    with pytest.raises(FileNotFoundError):
        index_command([], tmp_path / "none.sqlite", accelerator=True)
    assert not (tmp_path / "none.sqlite").exists()


def test_index_a_directory_skips_sidecars(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SEED_FILES:
        for part in (path, path.with_suffix(".meta.json")):
            (folder / part.name).write_bytes(part.read_bytes())
    db = tmp_path / "dir.sqlite"
    totals = index_command([folder], db)
    assert totals["added"] == 2 and totals["failed"] == 0
    sidecars = sorted(folder.glob("*.meta.json"))
    totals = index_command([*sorted(folder.glob("*.txt")), *sidecars], db)  # what a shell glob * gives
    assert totals["unchanged"] == 2 and totals["articles"] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="without articles"):
        index_command([empty], db)


def test_argparse_registration(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="vnparty")
    sub = parser.add_subparsers(dest="command", required=True)
    add_archive_commands(sub)
    db = str(tmp_path / "p.sqlite")
    args = parser.parse_args(["index", *map(str, SEED_FILES), "--db", db, "--no-progress"])
    assert args.func(args) == 0
    args = parser.parse_args(["search", "so", "du", "--db", db, "--province", "dien bien", "--cites", "35-CT/TW"])
    assert args.func(args) == 0
    assert "Điện Biên" in capsys.readouterr().out
    args = parser.parse_args(["search", "AND", "AND", "--db", db])
    assert args.func(args) == 2  # a clear error message, not a traceback
    args = parser.parse_args(["stats", "--db", db, "--format", "json"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 2
    args = parser.parse_args(["search", "x", "--db", str(tmp_path / "none.sqlite")])
    assert args.func(args) == 2


def test_exports(archive, tmp_path, synth_articles):
    n = archive.export_jsonl(tmp_path / "out.jsonl", province="Lào Cai")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == sum(a.truth.province == "Lào Cai" for a in synth_articles)
    first = json.loads(lines[0])
    assert first["province"] == "Lào Cai" and first["text"] and "documents" in first
    n = archive.export_csv(tmp_path / "facts.csv", kind="documents", cites="35-CT/TW")
    with open(tmp_path / "facts.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n and {r["code_key"] for r in rows} == {"CTTW"}
    assert archive.export_csv(tmp_path / "articles.csv") == len(archive)


def test_stats(archive, synth_articles):
    stats = archive.stats()
    assert stats["articles"] == len(synth_articles) + 2
    assert stats["facts"]["shortcomings"] >= sum(len(a.truth.shortcomings) for a in synth_articles)
    assert stats["schema_version"] >= 1 and stats["bytes"] > 0


def test_similar(tmp_path, corpus_records, synth_records):
    with Archive(tmp_path / "sim.sqlite") as archive:
        ids = archive.add(corpus_records + synth_records[:30]).ids
        related = archive.similar(ids[0], n=5)
        assert list(related.columns) == ["id", "title", "published", "province", "similarity"]
        assert ids[0] not in set(related["id"]) and len(related) == 5
        assert list(related["similarity"]) == sorted(related["similarity"], reverse=True)
        assert SimilarityIndex.cache_path(archive).exists()
        generation = archive.generation
        # a text finds the article it came from first
        assert archive.similar(synth_records[3]["text"], n=1)["id"].iloc[0] == ids[5]
        archive.add(synth_records[30:32])
        assert archive.generation > generation
        rebuilt = archive.similar(ids[0], n=50)
        assert set(ids[-2:]) <= set(rebuilt["id"]) | {ids[0]}


def test_province_guess_ignores_the_leader_named_hcm():
    from vnparty_nlp.archive.keys import infer_province

    text = ("Gắn việc kiểm điểm với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. "
            "Huyện ủy Ninh Giang chỉ đạo các đảng bộ cơ sở.")
    assert infer_province(None, text) is None
    assert infer_province(None, "Thành ủy TP. Hồ Chí Minh họp tại Thành phố Hồ Chí Minh.") == "TP. Hồ Chí Minh"
