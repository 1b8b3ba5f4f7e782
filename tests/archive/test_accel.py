"""The optional tantivy accelerator finds exactly what FTS5 finds, and is ignored when stale."""
from __future__ import annotations

import pytest

from vnparty_nlp.archive import Archive

pytest.importorskip("tantivy")

QUERIES = [
    ("dai hoi diem", {}), ("đại hội điểm", {}), ('"so du bau"', {}), ('"chi bo co so"', {}), ("tuyen*", {}),
    ("hộ*", {}), ('"so du" -"khanh tiet"', {}), ('"so du" OR "lung tung"', {}), ("35-CT/TW", {}), ("dai hội", {}),
    ("dai hoi", {"province": "dien bien"}), ("dai hoi", {"cites": "35/CT-TW"}), ("dai hoi", {"cites": "Chỉ thị 45"}),
    ("dai hoi", {"doc_type": "kết luận"}), ("dai hoi", {"cites": "Điều lệ Đảng"}), ("van kien", {"cites": "điều lệ"}),
    ("dai hoi", {"doc_type": "điều lệ"}), ("dai hoi", {"published_from": "2020-01", "published_to": "2020-06"}),
    ("van kien", {"has": "shortcomings", "province": ["Lào Cai", "Nghệ An"]}),
    ("dai hoi", {"organization": "huyen uy dai tu"}), ("dai hoi", {"mentions_from": "2019-05", "mentions_to": "2019-05"}),
    ("dai hoi", {"site": "Cổng thông tin tỉnh (thử)"}),
]


@pytest.fixture(scope="module")
def accelerated(tmp_path_factory, corpus_records, synth_records):
    path = tmp_path_factory.mktemp("accel") / "a.sqlite"
    with Archive(path) as archive:
        archive.add(corpus_records + synth_records)
        archive.build_accelerator()
    return path


@pytest.mark.parametrize("query, filters", QUERIES)
def test_same_matches_as_fts5(accelerated, query, filters):
    with Archive(accelerated, readonly=True) as fast, Archive(accelerated, readonly=True, accelerator=False) as fts:
        got = fast.search(query, limit=10_000, **filters)
        want = fts.search(query, limit=10_000, exhaustive=True, **filters)
        assert got.engine == "tantivy" and want.engine == "fts5"
        assert {h.id for h in got} == {h.id for h in want}
        assert got.total == len(want)
        scores = [h.score for h in got]
        assert scores == sorted(scores)  # lower is better, as with FTS5
        assert all(h.snippet for h in got[:5])


def test_stale_accelerator_is_not_used(tmp_path, corpus_records, synth_records):
    with Archive(tmp_path / "a.sqlite") as archive:
        archive.add(corpus_records)
        archive.build_accelerator()
        assert archive.search("dai hoi").engine == "tantivy"
        archive.add(synth_records[:3])
        stale = archive.search("dai hoi", limit=100)
        assert stale.engine == "fts5" and len(stale) == 5  # the new articles are found
        archive.build_accelerator()
        fresh = archive.search("dai hoi", limit=100)
        assert fresh.engine == "tantivy" and len(fresh) == 5
    with Archive(tmp_path / "a.sqlite", readonly=True) as reader:  # another process sees the same index
        assert reader.search("dai hoi").engine == "tantivy"


@pytest.mark.parametrize("filters", [q[1] for q in QUERIES if q[1]])
def test_filters_without_query(accelerated, filters):
    with Archive(accelerated, readonly=True) as fast, Archive(accelerated, readonly=True, accelerator=False) as sql:
        got = fast.search(None, limit=10_000, **filters)
        want = sql.search(None, limit=10_000, **filters)
        assert got.engine == "tantivy" and want.engine == "sqlite"
        assert {h.id for h in got} == {h.id for h in want}
        days = [h.published[:10] for h in got if h.published]
        assert days == sorted(days, reverse=True)


def test_limit_zero_counts(accelerated):
    with Archive(accelerated, readonly=True) as fast:
        results = fast.search("dai hoi", limit=0)
        assert list(results) == [] and results.total and results.total > 0


@pytest.mark.parametrize("query, filters", QUERIES[:3] + [q for q in QUERIES if q[1]] + [(None, {})])
def test_summary_counts_every_match_as_sql_does(accelerated, query, filters):
    """Facets from tantivy's aggregation: the same totals and counts as SQL's, for every facet."""
    with Archive(accelerated, readonly=True) as fast, Archive(accelerated, readonly=True, accelerator=False) as sql:
        got = fast.summary(query, limit=50, **filters)
        want = sql.summary(query, limit=50, **filters)
        assert got["total"] == want["total"] == sql.count(query, **filters)
        assert got["sampled"] is False
        for facet in ("province", "year", "site", "has"):
            assert got[facet] == want[facet], facet
        # documents: the same counts per group; a label may be another spelling of the same document
        assert sorted(n for _, n in got["document"]) == sorted(n for _, n in want["document"])


def test_summary_document_facet_names_a_document_and_counts_its_articles(accelerated):
    with Archive(accelerated, readonly=True) as fast:
        facet = dict(fast.summary("dai hoi", limit=100)["document"])
        assert facet, "the corpus cites documents"
        for label, n in list(facet.items())[:5]:
            assert fast.count("dai hoi", cites=label) >= n > 0


def test_summary_of_nothing(accelerated):
    with Archive(accelerated, readonly=True) as fast:
        found = fast.summary("xyzzyquux khongcotu")
        assert found["total"] == 0 and not any(found[f] for f in ("province", "year", "site", "document", "has"))


@pytest.fixture(scope="module")
def titled(tmp_path_factory):
    """Three articles: the words in the title only, in the text only, and a phrase across the two."""
    from vnparty_nlp import analyze

    docs = [
        ("Kiểm điểm tự phê bình ở Chi bộ thôn Nà Phầy",
         "Sáng 14/3, các đảng viên họp định kỳ, đánh giá việc thực hiện nghị quyết quý I."),
        ("Đảng ủy xã Mường Khương họp định kỳ",
         "Hội nghị dành thời gian kiểm điểm tự phê bình, làm rõ trách nhiệm người đứng đầu ở từng chi bộ."),
        ("Tổng kết công tác năm của Đảng bộ phường Tân Lập",
         "Kiểm điểm tự phê bình gắn với rà soát đảng viên được tiến hành ở 12 chi bộ trực thuộc."),
    ]
    path = tmp_path_factory.mktemp("titled") / "t.sqlite"
    with Archive(path) as archive:
        archive.add([analyze(text, title=title, url=f"https://example.vn/{i}").to_dict()
                     for i, (title, text) in enumerate(docs)])
        archive.build_accelerator()
    return path


@pytest.mark.parametrize("query", ["kiem diem tu phe binh", '"kiểm điểm tự phê bình"', "nà phầy", "phan tich"])
def test_title_words_match_and_rank_first(titled, query):
    """A word in the title alone matches (as in FTS5), and a title match outranks text matches."""
    with Archive(titled, readonly=True) as fast, Archive(titled, readonly=True, accelerator=False) as fts:
        got = fast.search(query, limit=10)
        want = fts.search(query, limit=10, exhaustive=True)
        assert got.engine == "tantivy"
        assert {h.id for h in got} == {h.id for h in want}
        if "phe binh" in query or "phê bình" in query:
            assert len(got) == 3 and got[0].title.startswith("Kiểm điểm tự phê bình")
        elif "phầy" in query:
            assert [h.title for h in got] == ["Kiểm điểm tự phê bình ở Chi bộ thôn Nà Phầy"]
        else:
            assert len(got) == 0


def test_no_phrase_across_title_and_text(titled):
    """The title's last word and the text's first are not a phrase ("... Tân Lập" + "Kiểm điểm")."""
    with Archive(titled, readonly=True) as fast, Archive(titled, readonly=True, accelerator=False) as fts:
        for query in ('"tan lap kiem diem"', '"Nà Phầy Sáng"', '"hop dinh ky hoi nghi"'):
            got, want = fast.search(query), fts.search(query, exhaustive=True)
            assert got.engine == "tantivy" and len(got) == len(want) == 0, query
        assert len(fast.search('"phuong tan lap"')) == 1  # a phrase inside the title still matches


def test_an_unusable_index_is_reported_once_and_used_again_once_rebuilt(tmp_path, corpus_records, caplog):
    import json
    import logging

    with Archive(tmp_path / "a.sqlite") as archive:
        archive.add(corpus_records)
        directory = archive.build_accelerator().directory
    meta = directory / "vnparty.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text(encoding="utf-8")), "version": 1}), encoding="utf-8")
    with Archive(tmp_path / "a.sqlite", readonly=True) as reader, caplog.at_level(logging.WARNING):
        engines = {reader.search("dai hoi").engine for _ in range(5)}
        assert engines == {"fts5"}
        assert sum("another version" in r.getMessage() for r in caplog.records) == 1
        with Archive(tmp_path / "a.sqlite") as writer:
            writer.build_accelerator()
        assert reader.search("dai hoi").engine == "tantivy"


@pytest.mark.parametrize("query, filters", [("dai hoi", {}), ("van kien", {"has": "shortcomings"}), (None, {})])
def test_a_sampled_summary_counts_cited_documents_over_the_newest_years(accelerated, query, filters):
    """With ``sample``, cited documents count the newest years holding at least ``sample`` matches;
    the total and every other facet still count every match."""
    with Archive(accelerated, readonly=True) as fast:
        whole = fast.summary(query, limit=50, **filters)
        assert whole["total"] > 20 and not whole["sampled"]
        cut = fast.summary(query, limit=50, sample=10, **filters)
        assert cut["sampled"] and cut["document_since"]
        for facet in ("total", "province", "year", "site", "has"):
            assert cut[facet] == whole[facet], facet
        since = int(cut["document_since"])
        years = {int(y): n for y, n in whole["year"]}
        assert cut["document_matches"] == sum(n for y, n in years.items() if y >= since) >= 10
        assert sum(n for y, n in years.items() if y > since) < 10  # the newest years, no more
        newest = fast.summary(query, limit=50, published_from=f"{since}-01-01", **filters)
        assert cut["document"] == newest["document"] and newest["total"] == cut["document_matches"]
        assert fast.summary(query, limit=50, sample=whole["total"], **filters) == {**whole, "sampled": False}


def test_a_document_without_a_number_is_a_filter_on_both_engines(accelerated):
    """``Điều lệ Đảng`` (and its facet label ``điều lệ``) filters the articles citing it without a number."""
    with Archive(accelerated, readonly=True) as fast, Archive(accelerated, readonly=True, accelerator=False) as sql:
        cited = set(sql.facts("documents", cites="Điều lệ Đảng")["article_id"])
        assert cited and all(t == "điều lệ" for t in sql.facts("documents", cites="điều lệ")["type"])
        for archive in (fast, sql):
            assert {h.id for h in archive.search(None, cites="Điều lệ Đảng", limit=1000)} == cited
            assert {h.id for h in archive.search(None, cites="dieu le", limit=1000)} == cited
