"""A searchable archive of analyzed articles: fact tables, full text, filters and facets, on SQLite or PostgreSQL.

    from vnparty_nlp.archive import Archive
    with Archive("vnparty-archive.sqlite") as archive:
        archive.add(records)
        archive.search("dai hoi diem", province="Điện Biên", cites="35-CT/TW")
        archive.facts("shortcomings", published_from="2020-01", published_to="2020-06")
    Archive("postgresql://user@host/vnparty")   # the same API on PostgreSQL (pip install 'vnparty_nlp[postgres]')

Layering: this package reads records, extract and text; nothing below it imports it.
"""
from vnparty_nlp.archive.query import QueryError, parse_query
from vnparty_nlp.archive.schema import SCHEMA_VERSION, SchemaError
from vnparty_nlp.archive.store import DEFAULT_DB, AddReport, Archive, Hit, SearchResults

__all__ = [
    "Archive", "Hit", "SearchResults", "AddReport", "QueryError", "SchemaError", "parse_query",
    "DEFAULT_DB", "SCHEMA_VERSION",
]
