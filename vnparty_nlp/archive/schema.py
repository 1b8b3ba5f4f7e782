"""The archive's SQLite schema, its version (``PRAGMA user_version``) and the migrations between versions.

Facts live in one real table per fact type, with their spans and the normalized keys the filters
compare on, so that questions are SQL with indexes, not JSON scans. The full-text index is a
contentless FTS5 table over two copies of title and text: a folded one (``đại hội`` → ``dai hoi``)
and an exact one. Contentless, because the text is already in ``articles``: a third copy would only
grow the file. The price is that deleting a row needs the indexed values again, which
:func:`~vnparty_nlp.archive.keys.fold_text` recomputes deterministically (``FOLD_VERSION``).
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FactTable:
    """How one fact type is stored: its table, value columns (= the Fact's fields) and derived keys."""

    kind: str
    table: str
    fields: tuple[tuple[str, str, str], ...]  # (column, SQL type, Fact field)
    derived: tuple[tuple[str, str], ...] = ()  # (column, SQL type) computed at ingest
    indexes: tuple[str, ...] = ()


FACT_TABLES: dict[str, FactTable] = {
    t.kind: t
    for t in (
        FactTable(
            "documents", "documents",
            (("type", "TEXT", "type"), ("number", "TEXT", "number"), ("code", "TEXT", "code"),
             ("date", "TEXT", "date"), ("issuer", "TEXT", "issuer"), ("issuer_source", "TEXT", "issuer_source"),
             ("plenum", "TEXT", "plenum"), ("term", "TEXT", "term")),
            (("doc_key", "TEXT"), ("type_key", "TEXT"), ("number_key", "TEXT"), ("code_key", "TEXT")),
            ("number_key, code_key", "type_key", "doc_key"),
        ),
        FactTable(
            "dates", "dates",
            (("value", "TEXT", "value"), ("end_value", "TEXT", "end"), ("kind", "TEXT", "kind")),
            (("date_lo", "TEXT"), ("date_hi", "TEXT")),
            ("date_lo, date_hi",),
        ),
        FactTable(
            "counts", "counts",
            (("value", "REAL", "value"), ("total", "REAL", "total"), ("unit", "TEXT", "unit"),
             ("qualifier", "TEXT", "qualifier"), ("value_max", "REAL", "value_max")),
            (("party_unit", "TEXT"),),
            ("party_unit",),
        ),
        FactTable("shortcomings", "shortcomings", (("how", "TEXT", "how"),)),
        FactTable("people", "people", (("name", "TEXT", "name"), ("title", "TEXT", "title")),
                  (("name_key", "TEXT"),), ("name_key",)),
        FactTable("organizations", "organizations", (("head", "TEXT", "head"),), (("org_key", "TEXT"),)),
        FactTable(
            "congresses", "congresses",
            (("organization", "TEXT", "organization"), ("number", "INTEGER", "number"),
             ("term_start", "INTEGER", "term_start"), ("term_end", "INTEGER", "term_end"),
             ("pilot", "INTEGER", "pilot")),
        ),
    )
}

ARTICLES = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    canonical_url TEXT UNIQUE,
    content_hash TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    url TEXT, source TEXT, site TEXT, title TEXT,
    published TEXT, published_day TEXT,
    author TEXT, credit TEXT,
    province TEXT, province_source TEXT,
    text TEXT NOT NULL,
    sentences TEXT,
    extra TEXT,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published_day);
CREATE INDEX articles_province ON articles(province);
CREATE INDEX articles_site ON articles(site);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE other_facts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL, data TEXT
);
CREATE INDEX other_facts_article ON other_facts(article_id, kind);
"""

FTS = """
CREATE VIRTUAL TABLE fts USING fts5(
    title_f, text_f, title_x, text_x,
    content='', tokenize='unicode61 remove_diacritics 0'
);
"""


def fact_table_ddl(t: FactTable) -> str:
    cols = ", ".join(f"{c} {typ}" for c, typ, _ in t.fields)
    derived = "".join(f", {c} {typ}" for c, typ in t.derived)
    sql = (
        f"CREATE TABLE {t.table} (id INTEGER PRIMARY KEY, "
        f"article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
        f"start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL, {cols}{derived});\n"
        f"CREATE INDEX {t.table}_article ON {t.table}(article_id);\n"
    )
    for i, cols_ in enumerate(t.indexes):
        sql += f"CREATE INDEX {t.table}_k{i} ON {t.table}({cols_});\n"
    return sql


def _script(con: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would commit the migration's transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            con.execute(statement)


def _v1(con: sqlite3.Connection) -> None:
    _script(con, ARTICLES)
    for t in FACT_TABLES.values():
        _script(con, fact_table_ddl(t))
    _script(con, FTS)


def _v2(con: sqlite3.Connection) -> None:
    """Columns that later versions of the facts carry: a plenum resolution's plenums (JSON list) and term,
    a count's qualifier (``hơn``) and upper bound (``1-2 chi bộ``). A fresh database already has them."""
    for table, column, typ in (("documents", "plenum", "TEXT"), ("documents", "term", "TEXT"),
                               ("counts", "qualifier", "TEXT"), ("counts", "value_max", "REAL")):
        if column not in {row[1] for row in con.execute(f"PRAGMA table_info({table})")}:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {typ}")


#: columns of the relation table, and the JSON field of an ``implements`` fact each is filled from
IMPLEMENTS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("relation", "relation"), ("cue", "cue"), ("source_key", "source"), ("source_id", "source_id"),
    ("source_date", "source_date"), ("body", "body"), ("target_key", "target"), ("target_id", "target_id"),
    ("target_status", "target_status"), ("target_date", "target_date"), ("province", "province"),
)
_IMPLEMENTS_VALUES = ", ".join(f"json_extract({{data}}, '$.{name}')" for _, name in IMPLEMENTS_COLUMNS)
_IMPLEMENTS_COLS = ", ".join(c for c, _ in IMPLEMENTS_COLUMNS)


def _v3(con: sqlite3.Connection) -> None:
    """The implementation relations as a table (``implements`` facts: who implements which document), kept in
    step with their ``other_facts`` rows by triggers, so that ingest needs no change; existing rows are copied."""
    _script(con, f"""
CREATE TABLE implements (
    id INTEGER PRIMARY KEY,
    other_id INTEGER NOT NULL UNIQUE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,
    {", ".join(f"{c} {'INTEGER' if c.endswith('level') else 'TEXT'}" for c, _ in IMPLEMENTS_COLUMNS)}
);
CREATE INDEX implements_article ON implements(article_id);
CREATE INDEX implements_target ON implements(target_key);
CREATE INDEX implements_target_id ON implements(target_id);
CREATE INDEX implements_source_id ON implements(source_id);
""")
    # a trigger's body holds ";\n": one statement per execute, not through _script
    con.execute(f"""CREATE TRIGGER implements_add AFTER INSERT ON other_facts WHEN NEW.kind = 'implements' BEGIN
    INSERT INTO implements (other_id, article_id, start, stop, text, {_IMPLEMENTS_COLS})
    VALUES (NEW.id, NEW.article_id, NEW.start, NEW.stop, NEW.text, {_IMPLEMENTS_VALUES.format(data="NEW.data")});
END""")
    con.execute("""CREATE TRIGGER implements_remove AFTER DELETE ON other_facts WHEN OLD.kind = 'implements' BEGIN
    DELETE FROM implements WHERE other_id = OLD.id;
END""")
    con.execute(f"""INSERT INTO implements (other_id, article_id, start, stop, text, {_IMPLEMENTS_COLS})
    SELECT id, article_id, start, stop, text, {_IMPLEMENTS_VALUES.format(data="data")}
    FROM other_facts WHERE kind = 'implements'""")


#: migration N brings a database from version N-1 to N; append, never edit
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The database was written by a newer version of the library, or is not an archive."""


def migrate(con: sqlite3.Connection) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION` in one transaction; return the version found."""
    found = con.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise SchemaError(f"archive schema version {found} is newer than this library's {SCHEMA_VERSION}; "
                          "upgrade vnparty_nlp")
    if found == SCHEMA_VERSION:
        return found
    con.execute("BEGIN IMMEDIATE")
    try:
        found = con.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
        for version in range(found + 1, SCHEMA_VERSION + 1):
            log.info("migrating archive schema to version %d", version)
            MIGRATIONS[version - 1](con)
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return found
