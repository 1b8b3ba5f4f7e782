"""The console script on bad or surprising input: a clear message and exit code, never a traceback."""
from __future__ import annotations

import json
import shutil

from vnparty_nlp import __version__
from vnparty_nlp.corpus import SEED_ARTICLES, corpus_dir


def _copy_seeds(folder):
    folder.mkdir()
    for name in SEED_ARTICLES:
        for suffix in (".txt", ".meta.json"):
            shutil.copyfile(corpus_dir() / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_version(tmp_path, vnparty):
    done = vnparty("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"vnparty {__version__}"


def test_index_without_inputs_is_an_error(tmp_path, vnparty):
    done = vnparty("index", "--no-progress", cwd=tmp_path)
    assert done.returncode == 2 and "no input: give article .txt files" in done.stderr
    assert not (tmp_path / "vnparty-archive.sqlite").exists()
    done = vnparty("index", "--accelerator", "--no-progress", cwd=tmp_path)  # rebuild the index of nothing
    assert done.returncode == 2 and "no archive at vnparty-archive.sqlite" in done.stderr
    assert not (tmp_path / "vnparty-archive.sqlite").exists()


def test_index_a_missing_file_says_so(tmp_path, vnparty):
    done = vnparty("index", "nosuch.txt", "--no-progress", cwd=tmp_path)
    assert done.returncode == 2 and "no such file or directory: nosuch.txt" in done.stderr
    assert "Traceback" not in done.stderr


def test_index_a_directory_and_a_glob_with_sidecars(tmp_path, vnparty):
    folder = _copy_seeds(tmp_path / "articles")
    done = vnparty("index", "articles", "--no-progress", "--no-accelerator", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout and "2 articles" in done.stdout
    every_file = sorted(str(p.relative_to(tmp_path)) for p in folder.iterdir())  # what `articles/*` expands to
    done = vnparty("index", *every_file, "--no-progress", "--no-accelerator", cwd=tmp_path)
    assert done.returncode == 0 and "2 unchanged; 2 articles" in done.stdout
    (tmp_path / "empty").mkdir()
    done = vnparty("index", "empty", "--no-progress", cwd=tmp_path)
    assert done.returncode == 2 and "empty: a directory without articles (*.txt)" in done.stderr


def test_index_exits_1_when_an_input_fails(tmp_path, vnparty):
    folder = _copy_seeds(tmp_path / "articles")
    (folder / "broken.txt").mkdir()  # matches *.txt but cannot be read
    done = vnparty("index", "articles", "--no-progress", "--no-accelerator", cwd=tmp_path)
    assert done.returncode == 1
    assert "2 added" in done.stdout and "1 input(s) could not be indexed" in done.stderr


def test_extract_skips_metadata_sidecars(tmp_path, vnparty):
    folder = _copy_seeds(tmp_path / "articles")
    every_file = sorted(str(p.relative_to(tmp_path)) for p in folder.iterdir())
    done = vnparty("extract", *every_file, "--no-progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source"] for r in records] == [f"articles/{name}.txt" for name in SEED_ARTICLES]
    done = vnparty("extract", *(f for f in every_file if f.endswith(".meta.json")), cwd=tmp_path)
    assert done.returncode == 2 and "only .meta.json sidecars" in done.stderr
