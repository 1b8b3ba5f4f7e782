"""Which article cites which party or state document, and which documents a collection cites most.

A report's citations show what it answers to: the congress directive (``35-CT/TW``), the
organization department's guidance (``26-HD/BTCTW``), the province's own plan (``79-KH/TU``). One row
per citation keeps the article's metadata beside the document's, so a researcher can filter, group and
join with pandas rather than walk records.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

CITATION_COLUMNS = ["source", "title", "published", "key", "type", "number", "code", "issuer", "date",
                    "text", "start", "stop"]


def document_key(fact: object) -> str:
    """``35-CT/TW`` for a coded document, else its type and number (``chỉ thị 05``, ``điều lệ``)."""
    key = getattr(fact, "key", None)
    if isinstance(key, str) and key:
        return key
    return " ".join(str(x) for x in (getattr(fact, "type", None), getattr(fact, "number", None)) if x)


def citation_table(records: Iterable[Record], coded_only: bool = False) -> pd.DataFrame:
    """One row per document citation: the citing article (source, title, published) and the document
    (key, type, number, code, issuer, date as ISO text) with the citation's text and offsets.

    ``coded_only`` keeps documents cited with a number and code, which identify one document; ``Điều lệ
    Đảng`` or ``Chỉ thị 05`` are ambiguous across terms and issuers.
    """
    rows = []
    for record in records:
        for fact in record.facts.get("documents", []):
            code = getattr(fact, "code", None)
            if coded_only and not code:
                continue
            rows.append({
                "source": record.source, "title": record.title, "published": record.published,
                "key": document_key(fact), "type": getattr(fact, "type", None),
                "number": getattr(fact, "number", None), "code": code,
                "issuer": getattr(fact, "issuer", None), "date": getattr(fact, "date", None),
                "text": fact.text, "start": fact.start, "stop": fact.stop,
            })
    return pd.DataFrame(rows, columns=CITATION_COLUMNS)


def _first(values: pd.Series) -> object:
    """The most frequent non-empty value (ties: the first seen), or None."""
    values = values.dropna()
    values = values[values.astype(str) != ""]
    if values.empty:
        return None
    return values.value_counts(sort=True).index[0]


def most_cited(records: Iterable[Record] | pd.DataFrame, n: int | None = 10, coded_only: bool = True) -> pd.DataFrame:
    """Documents ranked by how many articles cite them (then by citations in all).

    Columns: key, type, issuer, date (the most frequent values the citations give), articles (distinct
    sources), citations (mentions). Counting articles rather than mentions keeps one long report that
    repeats a directive from outweighing a collection. Takes records or a :func:`citation_table`.
    """
    table = records if isinstance(records, pd.DataFrame) else citation_table(records, coded_only=coded_only)
    if coded_only and not table.empty:
        table = table[table["code"].notna() & (table["code"].astype(str) != "")]
    columns = ["key", "type", "issuer", "date", "articles", "citations"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    sources = table["source"].fillna(table["title"]).fillna("")
    grouped = table.assign(_src=sources).groupby("key", sort=False)
    out = pd.DataFrame({
        "type": grouped["type"].agg(_first),
        "issuer": grouped["issuer"].agg(_first),
        "date": grouped["date"].agg(_first),
        "articles": grouped["_src"].nunique(),
        "citations": grouped.size(),
    }).reset_index()
    out = out.sort_values(["articles", "citations", "key"], ascending=[False, False, True], kind="stable")
    out = out.reset_index(drop=True)[columns]
    return out.head(n) if n else out


def citing_articles(records: Iterable[Record], key: str) -> list[str | None]:
    """Sources of the articles that cite the document ``key`` (``35-CT/TW``), in input order."""
    seen: list[str | None] = []
    for record in records:
        if any(document_key(f) == key for f in record.facts.get("documents", [])) and record.source not in seen:
            seen.append(record.source)
    return seen
