"""The archive's relation table (schema v3) and the ``implements=`` filter."""
from __future__ import annotations

import sqlite3

import pytest

from vnparty_nlp.archive import Archive
from vnparty_nlp.archive.schema import MIGRATIONS
from vnparty_nlp.pipeline import analyze

TEXTS = {
    "dien-bien": ("Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị; Kế hoạch số 79-KH/TU ngày "
                  "14-8-2019 của BCH Tỉnh ủy Điện Biên, Tỉnh ủy Điện Biên đã chủ động triển khai.", "2020-05-21"),
    "nghe-an": ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy Nghệ An ban "
                "hành Kế hoạch số 301-KH/TU ngày 5/7/2024.", "2024-09-01"),
    "ha-giang": ("Căn cứ Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ, UBND tỉnh Hà Giang đã "
                 "ban hành Kế hoạch số 245/KH-UBND ngày 20/9/2016.", "2017-01-05"),
    "no-relation": ("Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị có nhiều điểm mới.", "2019-07-01"),
}


def _records() -> list[dict]:
    return [{**analyze(text, source=name, published=day, url=f"https://example.vn/{name}").to_dict()}
            for name, (text, day) in TEXTS.items()]


@pytest.fixture()
def archive(tmp_path):
    with Archive(tmp_path / "a.sqlite") as arch:
        arch.add(_records())
        yield arch


def _sources(archive: Archive, **filters) -> set[str]:
    return {archive.get(i).source for i in archive.ids(**filters)}


def test_relations_are_rows_and_the_filter_tells_reused_numbers_apart(archive):
    rows = archive.con.execute("SELECT source_key, target_key, target_id FROM implements").fetchall()
    assert ("79-KH/TU", "35-CT/TW", "35-CT/TW@2019-05-30") in [tuple(r) for r in rows]
    assert _sources(archive, implements="35-CT/TW") == {"dien-bien", "nghe-an"}
    assert _sources(archive, implements="35-CT/TW@2019-05-30") == {"dien-bien"}
    assert _sources(archive, implements="Chỉ thị 35") == {"dien-bien", "nghe-an"}
    assert _sources(archive, implements=["1600/QĐ-TTg", "35-CT/TW@2024-06-14"]) == {"ha-giang", "nghe-an"}
    assert _sources(archive, implements="35-CT/TW", cites="35-CT/TW", published_to="2021") == {"dien-bien"}
    assert _sources(archive, implements="999-KL/TW") == set()
    with pytest.raises(ValueError, match="not a document citation"):
        archive.ids(implements="không có")
    assert archive.get(archive.ids(implements="79-KH/TU")[0]).implements  # facts still round-trip


def test_the_table_follows_updates_and_removals(archive):
    [article_id] = archive.ids(implements="1600/QĐ-TTg")
    changed = analyze("Căn cứ Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ, UBND tỉnh Hà Giang "
                      "đã ban hành Kế hoạch số 246/KH-UBND ngày 21/9/2016.", source="ha-giang", published="2017-01-05",
                      url="https://example.vn/ha-giang")
    archive.add([changed.to_dict()])
    keys = {r[0] for r in archive.con.execute("SELECT source_key FROM implements WHERE article_id = ?", (article_id,))}
    assert keys == {"246/KH-UBND"}
    archive.remove(article_id)
    assert not archive.con.execute("SELECT count(*) FROM implements WHERE article_id = ?", (article_id,)).fetchone()[0]
    assert archive.ids(implements="1600/QĐ-TTg") == []


def test_migration_copies_the_relations_of_an_older_archive(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        migration(con)
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    with Archive(path) as arch:  # opens at v3 (nothing to copy yet); store rows, then undo v3 to fake an old file
        arch.add(_records()[:1])
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER implements_add")
    con.execute("DROP TRIGGER implements_remove")
    con.execute("DROP TABLE implements")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    with Archive(path) as arch:
        stored = arch.con.execute("SELECT count(*) FROM other_facts WHERE kind = 'implements'").fetchone()[0]
        assert arch.con.execute("SELECT count(*) FROM implements").fetchone()[0] == stored == 2
        assert len(arch.ids(implements="35-CT/TW@2019-05-30")) == 1
