from __future__ import annotations

from vnparty_nlp import analyze
from vnparty_nlp.analysis import citation_table, citing_articles, most_cited
from vnparty_nlp.analysis.citations import CITATION_COLUMNS


def test_citation_table_has_one_row_per_citation(three_records):
    table = citation_table(three_records)
    assert list(table.columns) == CITATION_COLUMNS
    assert len(table) == 7
    row = table.iloc[0]
    assert (row.source, row.key, row.type, row.number, row.code, row.issuer, row.date) == (
        "a.txt", "35-CT/TW", "chỉ thị", "35", "CT/TW", "Bộ Chính trị", "2019-05-30")
    assert set(table["key"]) == {"35-CT/TW", "26-HD/BTCTW", "1234/QĐ-UBND", "điều lệ"}
    assert len(citation_table(three_records, coded_only=True)) == 6


def test_most_cited_counts_articles_then_mentions(three_records):
    ranked = most_cited(three_records)
    assert list(ranked["key"]) == ["35-CT/TW", "1234/QĐ-UBND", "26-HD/BTCTW"]  # ties by key
    top = ranked.iloc[0]
    assert (top.articles, top.citations, top.date, top.issuer) == (3, 4, "2019-05-30", "Bộ Chính trị")
    assert "điều lệ" not in set(ranked["key"])  # uncoded: ambiguous, left out by default
    assert "điều lệ" in set(most_cited(three_records, coded_only=False)["key"])
    assert len(most_cited(three_records, n=1)) == 1


def test_most_cited_takes_a_table_and_handles_nothing(three_records):
    assert most_cited(citation_table(three_records)).iloc[0]["articles"] == 3
    assert most_cited([]).empty


def test_citing_articles(three_records):
    assert citing_articles(three_records, "35-CT/TW") == ["a.txt", "b.txt", "c.txt"]
    assert citing_articles(three_records, "26-HD/BTCTW") == ["a.txt"]


def test_citations_from_analyzed_text():
    text = ("Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị và Kế hoạch số 12-KH/HU ngày "
            "5-9-2019 của Huyện ủy, các chi bộ đã tổ chức đại hội.")
    table = citation_table([analyze(text, source="t.txt")])
    assert list(table["key"]) == ["35-CT/TW", "12-KH/HU"]
    assert list(table["date"]) == ["2019-05-30", "2019-09-05"]
    for row in table.itertuples():
        assert text[row.start:row.stop] == row.text


def test_highlight_html_marks_every_fact_once():
    from vnparty_nlp.analysis.highlight import highlight_html

    record = analyze("Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị, <b> 25/25 chi bộ đã đại hội.",
                     source="h.txt")
    page = highlight_html(record)
    assert "Chỉ thị số 35-CT/TW<sub>documents</sub></mark>" in page
    assert "&lt;b&gt;" in page and "<b>" not in page  # the article's text is escaped
    only_dates = highlight_html(record, kinds=["dates"])
    assert only_dates.count("<mark") == 1 + len(record.dates)  # legend + each date
