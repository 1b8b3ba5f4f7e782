"""Full-text search: folded and exact matching, phrases, prefixes, booleans, snippets, ranking window.

Expected sets are computed in the test from the inputs' texts with regular expressions, not from the
archive.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from vnparty_nlp.archive import Archive, store
from vnparty_nlp.text import fold_diacritics, normalize


@pytest.fixture()
def archive(engine_archive):
    """Every test here runs on SQLite and on PostgreSQL (the same records, the same ids)."""
    return engine_archive


def folded(text: str) -> str:
    return fold_diacritics(unicodedata.normalize("NFC", text)).casefold()


def exact(text: str) -> str:
    return normalize(text).norm.casefold()


def full_text(record: dict[str, Any]) -> str:
    return (record.get("title") or "") + "\n" + record["text"]


def phrase_re(words: str, prefix: bool = False) -> re.Pattern[str]:
    body = r"\W+".join(re.escape(w) for w in words.split())
    return re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"))


def expected(records: list[dict[str, Any]], by_source: dict[str, int], test) -> set[int]:
    return {by_source[r["source"]] for r in records if test(full_text(r))}


@pytest.fixture(scope="module")
def records(corpus_records, synth_records) -> list[dict[str, Any]]:
    return corpus_records + synth_records


def ids(archive: Archive, query: str, **kw: Any) -> set[int]:
    return {h.id for h in archive.search(query, limit=10_000, exhaustive=True, **kw)}


def test_unaccented_query_finds_accented_text(archive, by_source, corpus_records):
    dien_bien = by_source[corpus_records[0]["source"]]
    hits = archive.search("dai hoi diem", limit=5)
    assert hits and hits.fts and "title_f" in hits.fts
    assert dien_bien in ids(archive, "dai hoi diem")
    assert dien_bien in ids(archive, "Dang bo")  # đ/Đ fold too, which FTS5 remove_diacritics does not do
    assert dien_bien in ids(archive, "DANG BO")


@pytest.mark.parametrize("query", ["so du", "dai hoi diem", "khanh tiet", "Lung Cu", "tuyen truyen", "Dang bo"])
def test_folded_matches_regex_over_folded_text(archive, by_source, records, query):
    words = query.casefold().split()
    want_and = expected(records, by_source, lambda t: all(phrase_re(w).search(folded(t)) for w in words))
    assert want_and
    assert ids(archive, query) == want_and
    assert archive.count(query) == len(want_and)


@pytest.mark.parametrize("query", ['"số dư"', '"đại hội điểm"', "lúng túng", '"Lũng Cú"', "hội"])
def test_accented_query_matches_exactly(archive, by_source, records, query):
    words = query.strip('"')
    if query.startswith('"'):
        want = expected(records, by_source, lambda t: bool(phrase_re(exact(words)).search(exact(t))))
    else:
        want = expected(records, by_source, lambda t: all(phrase_re(w).search(exact(t)) for w in exact(words).split()))
    got = ids(archive, query)
    assert got == want
    folded_hits = ids(archive, query, exact=False)
    assert got <= folded_hits


def test_exact_modes(archive, by_source, records):
    # "hội" exactly is not "hồi"/"hỏi"; folded, it is all of them
    assert ids(archive, "hồi", exact=True) == expected(records, by_source, lambda t: bool(phrase_re("hồi").search(exact(t))))
    assert ids(archive, "hoi", exact=False) == expected(records, by_source, lambda t: bool(phrase_re("hoi").search(folded(t))))
    # exact=True on an unaccented word wants the unaccented spelling
    assert ids(archive, "dai", exact=True) == expected(records, by_source, lambda t: bool(phrase_re("dai").search(exact(t))))
    # exact=False makes an accented query folded
    assert ids(archive, "đại hội điểm", exact=False) == ids(archive, "dai hoi diem")
    # old and new tone placement are one spelling
    assert ids(archive, "hoà") == ids(archive, "hòa")


def test_mixed_accents_per_word(archive, by_source, records):
    want = expected(records, by_source, lambda t: bool(phrase_re("dai").search(folded(t)))
                    and bool(phrase_re("hội").search(exact(t))))
    assert ids(archive, "dai hội") == want


def test_phrase_prefix_and_boolean(archive, by_source, records):
    assert ids(archive, '"chi bo co so"') == expected(records, by_source, lambda t: bool(phrase_re("chi bo co so").search(folded(t))))
    assert ids(archive, "tuyen*") == expected(records, by_source, lambda t: bool(phrase_re("tuyen", prefix=True).search(folded(t))))
    has = {w: expected(records, by_source, lambda t, w=w: bool(phrase_re(w).search(folded(t))))
           for w in ("so du", "khanh tiet", "van kien", "lung tung")}
    assert ids(archive, '"so du" OR "khanh tiet"') == has["so du"] | has["khanh tiet"]
    assert ids(archive, '"so du" -"khanh tiet"') == has["so du"] - has["khanh tiet"]
    assert ids(archive, '"so du" NOT "khanh tiet"') == has["so du"] - has["khanh tiet"]
    assert ids(archive, '"so du" AND ("van kien" OR "lung tung")') == has["so du"] & (has["van kien"] | has["lung tung"])
    assert ids(archive, "35-CT/TW") == expected(records, by_source, lambda t: bool(phrase_re("35 ct tw").search(folded(t))))


def test_snippets_quote_the_text_with_accents(archive):
    hits = archive.search('"so du bau"', limit=3, highlight=("<b>", "</b>"))
    assert hits
    for hit in hits:
        assert "<b>số dư bầu</b>" in hit.snippet.replace("<b>Số", "<b>số")
        assert len(hit.snippet) < 400
    # folded words highlight every accented form they matched
    snippet = archive.search("dai hoi", limit=1)[0].snippet
    assert re.search(r"\[[Đđ]ại\] \[hội\]", snippet)
    frame = archive.search("so du", limit=3, frame=True)
    assert list(frame.columns[:4]) == ["id", "title", "snippet", "score"]
    assert len(frame) == 3


def test_ranking_prefers_title_and_frequency(archive, by_source, corpus_records):
    hits = archive.search("Hoàn thành chỉ đạo", limit=3, exhaustive=True)
    assert hits[0].title == corpus_records[0]["title"]  # the words are in its title
    scores = [h.score for h in archive.search("so du", limit=20)]
    assert scores == sorted(scores)


def test_rank_window(archive, monkeypatch):
    monkeypatch.setattr(store, "RANK_WINDOW", 10)
    broad = archive.search("dai hoi", limit=5)
    assert not broad.exhaustive and len(broad) == 5
    assert archive.search("dai hoi", limit=5, exhaustive=True).exhaustive
    rare = archive.search('"Lung Cu"', limit=5)
    assert rare.exhaustive or archive.count('"Lung Cu"') >= 10


def test_query_without_words_lists_filtered_articles_newest_first(archive):
    hits = archive.search(None, province="Lào Cai", limit=1000)
    assert hits and all(h.province == "Lào Cai" and h.score is None for h in hits)
    days = [h.published[:10] for h in hits if h.published]
    assert days == sorted(days, reverse=True)
