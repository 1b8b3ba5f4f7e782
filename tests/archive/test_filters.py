"""Filters and facets against counts computed from the generator's own choices (its Truth), never
from the archive. The two corpus articles are known by hand: Điện Biên (2020-05-21) cites 35-CT/TW,
26-HD/BTCTW, 79-KH/TU and 03-HD/TW; Ninh Giang (Hải Dương, no date) cites Chỉ thị 05.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from benchmarks.synth import SITES
from vnparty_nlp.archive import Archive


@pytest.fixture()
def archive(engine_archive):
    """Every test here runs on SQLite and on PostgreSQL (the same records, the same ids)."""
    return engine_archive


CORPUS_CITES = {0: {"35-CT/TW", "26-HD/BTCTW", "79-KH/TU", "03-HD/TW"}, 1: set()}


@pytest.fixture(scope="module")
def ids_of(by_source, synth_articles, corpus_records):
    synth = {i: by_source[a.meta["source"]] for i, a in enumerate(synth_articles)}
    corpus = {i: by_source[r["source"]] for i, r in enumerate(corpus_records)}
    return synth, corpus


def result(archive: Archive, **filters: Any) -> set[int]:
    return {h.id for h in archive.search(None, limit=100_000, **filters)}


def synth_where(synth_articles, synth_ids, test) -> set[int]:
    return {synth_ids[i] for i, a in enumerate(synth_articles) if test(a.truth)}


@pytest.mark.parametrize("spelling", ["35-CT/TW", "35/CT-TW", "35- CT/ TW", "Chỉ thị 35", "chi thi 35",
                                      "Chỉ thị số 35-CT/TW"])
def test_cites_any_spelling(archive, synth_articles, ids_of, spelling):
    synth_ids, corpus_ids = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: "35-CT/TW" in t.cites) | {corpus_ids[0]}
    assert want and result(archive, cites=spelling) == want
    assert archive.count(cites=spelling) == len(want)


@pytest.mark.parametrize("key", ["45-CT/TW", "26-HD/BTCTW", "79-KH/TU", "21-NQ/TW", "79-KL/TW", "205-QĐ/TW"])
def test_cites_each_document(archive, synth_articles, ids_of, key):
    synth_ids, corpus_ids = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: key in t.cites)
    want |= {corpus_ids[i] for i, keys in CORPUS_CITES.items() if key in keys}
    assert result(archive, cites=key) == want  # 79-KH/TU is not 79-KL/TW


def test_cites_several_and_combined_with_search(archive, synth_articles, ids_of):
    synth_ids, corpus_ids = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: {"45-CT/TW", "21-NQ/TW"} & set(t.cites))
    assert result(archive, cites=["45-CT/TW", "21-NQ/TW"]) == want
    # "so du" planted only in shortcomings lists ("số dư bầu BCH còn thấp"), and in the Điện Biên article
    want = synth_where(synth_articles, synth_ids,
                       lambda t: "35-CT/TW" in t.cites and "số dư bầu BCH còn thấp" in t.shortcomings)
    want |= {corpus_ids[0]}
    got = {h.id for h in archive.search('"so du bau"', cites="35-CT/TW", limit=1000)}
    assert got == want


def test_doc_type(archive, synth_articles, ids_of):
    synth_ids, _ = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: "79-KL/TW" in t.cites)
    assert result(archive, doc_type="kết luận") == want
    assert result(archive, doc_type="ket luan") == want


@pytest.mark.parametrize("spelling", ["Thái Nguyên", "thai nguyen", "THÁI NGUYÊN"])
def test_province(archive, synth_articles, ids_of, spelling):
    synth_ids, _ = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: t.province == "Thái Nguyên")
    assert result(archive, province=spelling) == want


def test_province_of_corpus_from_metadata(archive, ids_of):
    _, corpus_ids = ids_of
    assert corpus_ids[1] in result(archive, province="Hải Dương")
    assert corpus_ids[0] in result(archive, province="Điện Biên")


def test_unknown_province_is_an_error(archive):
    with pytest.raises(ValueError, match="unknown province"):
        archive.search(None, province="Atlantis")


def test_published_range(archive, synth_articles, ids_of):
    synth_ids, corpus_ids = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: "2020-01-01" <= t.published <= "2020-06-30")
    want |= {corpus_ids[0]}  # 2020-05-21
    assert result(archive, published_from="2020-01", published_to="2020-06") == want
    assert result(archive, published_from="2020-01-01", published_to="2020-06-30") == want
    want_2021 = synth_where(synth_articles, synth_ids, lambda t: t.published.startswith("2021"))
    assert result(archive, published_from=2021, published_to=2021) == want_2021


def test_mentions_range(archive, synth_articles, ids_of):
    synth_ids, corpus_ids = ids_of
    # May 2019: only 35-CT/TW's date (30-5-2019) is planted in it; Điện Biên mentions 30-5-2019 and 15-5-2019
    want = synth_where(synth_articles, synth_ids, lambda t: any(d.startswith("2019-05") for d in t.dates))
    want |= {corpus_ids[0]}
    assert result(archive, mentions_from="2019-05", mentions_to="2019-05") == want


def test_organization(archive, synth_articles, ids_of):
    synth_ids, _ = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: t.district == "Đại Từ")
    assert result(archive, organization="Huyện ủy Đại Từ") == want
    assert result(archive, organization="huyen uy dai tu") == want


def test_has_shortcomings(archive, synth_articles, ids_of):
    synth_ids, corpus_ids = ids_of
    want = synth_where(synth_articles, synth_ids, lambda t: bool(t.shortcomings)) | set(corpus_ids.values())
    assert result(archive, has="shortcomings") == want


def test_facts_frame(archive, synth_articles):
    frame = archive.facts("shortcomings", site=list(SITES))
    assert len(frame) == sum(len(a.truth.shortcomings) for a in synth_articles)
    assert {"article_id", "article_title", "published", "province", "fact_type", "text", "start", "stop"} \
        <= set(frame.columns)
    assert set(frame["fact_type"]) == {"shortcomings"} and set(frame["how"]) <= {"list", "prose", "cue"}
    docs = archive.facts("documents", cites="35-CT/TW", site=list(SITES))
    assert len(docs) == sum("35-CT/TW" in a.truth.cites for a in synth_articles)
    assert set(docs["code_key"]) == {"CTTW"}
    half = archive.facts("shortcomings", published_from="2020-01", published_to="2020-06", organization="huyen uy",
                         site=list(SITES))
    assert len(half) == sum(len(a.truth.shortcomings) for a in synth_articles
                            if "2020-01-01" <= a.truth.published <= "2020-06-30")
    searched = archive.facts("shortcomings", query='"so du"', province="Điện Biên")
    assert len(searched) >= 1 and set(searched["province"]) == {"Điện Biên"}


def test_top_documents(archive, synth_articles):
    top = archive.top_documents(20, site=list(SITES))
    counts = Counter(k for a in synth_articles for k in a.truth.cites)
    got = dict(zip(top["document"], top["articles"], strict=True))
    assert got == dict(counts)  # every spelling of 35-CT/TW counted as one document
    assert list(top["articles"]) == sorted(top["articles"], reverse=True)


def test_shortcomings_per_year_and_province(archive, synth_articles):
    frame = archive.shortcomings_by(("year", "province"), site=list(SITES))
    want: Counter[tuple[str, str]] = Counter()
    for a in synth_articles:
        want[(a.truth.published[:4], a.truth.province)] += len(a.truth.shortcomings)
    got = {(r.year, r.province): r.shortcomings for r in frame.itertuples()}
    assert got == {k: v for k, v in want.items() if v}
    per_year = archive.shortcomings_by("year", site=list(SITES))
    assert dict(zip(per_year["year"], per_year["shortcomings"], strict=True)) == {
        y: sum(v for (yy, _), v in want.items() if yy == y) for y in {y for y, _ in want} if any(
            v for (yy, _), v in want.items() if yy == y)}


def test_party_units_per_province(archive, synth_articles):
    frame = archive.party_units("province", site=list(SITES))
    for unit in ("tổ chức cơ sở đảng", "đảng bộ cơ sở", "chi bộ cơ sở", "đảng bộ trực thuộc"):
        rows = frame[frame["unit"] == unit]
        got = {r.province: (r.mentions, r.max) for r in rows.itertuples()}
        want = {}
        for p in {a.truth.province for a in synth_articles}:
            values = [a.truth.units[unit] for a in synth_articles if a.truth.province == p and a.truth.units]
            if values:
                want[p] = (len(values), max(values))
        assert got == want, unit


def test_facets(archive, synth_articles):
    provinces = archive.facet("province", site=list(SITES))
    assert dict(zip(provinces["province"], provinces["articles"], strict=True)) == Counter(
        a.truth.province for a in synth_articles)
    years = archive.facet("year", site=list(SITES))
    assert dict(zip(years["year"], years["articles"], strict=True)) == Counter(a.truth.published[:4] for a in synth_articles)
    with pytest.raises(ValueError):
        archive.facet("colour")


def test_unknown_filter_is_an_error(archive):
    with pytest.raises(TypeError, match="unknown"):
        archive.search("dai hoi", provinec="Điện Biên")
    with pytest.raises(ValueError, match="not a date"):
        archive.search(None, published_from="last spring")
    with pytest.raises(ValueError, match="document"):
        archive.search(None, cites="hello")
