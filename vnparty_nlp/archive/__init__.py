"""A searchable archive of analyzed articles: SQLite (WAL) with FTS5, fact tables, filters and facets.

    from vnparty_nlp.archive import Archive
    with Archive("vnparty-archive.sqlite") as archive:
        archive.add(records)
        archive.search("dai hoi diem", province="Điện Biên", cites="35-CT/TW")
        archive.facts("shortcomings", published_from="2020-01", published_to="2020-06")

Layering: this package reads records, extract and text; nothing below it imports it.
"""
from vnparty_nlp.archive.query import QueryError, parse_query
from vnparty_nlp.archive.schema import SCHEMA_VERSION, SchemaError
from vnparty_nlp.archive.store import DEFAULT_DB, AddReport, Archive, Hit, SearchResults

__all__ = [
    "Archive", "Hit", "SearchResults", "AddReport", "QueryError", "SchemaError", "parse_query",
    "DEFAULT_DB", "SCHEMA_VERSION",
]
