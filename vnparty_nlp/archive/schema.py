"""The archive's SQLite schema, its version (``PRAGMA user_version``) and the migrations between versions.

Version 3 makes the archive searchable by other tools as they are (Datasette's ``?_search=``,
sqlite-utils' ``table.search()``, the sqlite3 shell): ``articles_fts`` is an external-content FTS5
table that names its content table (``content="articles"``), over two virtual generated columns of
``articles`` (title and text with ``đ`` spelled ``d``; no storage) and ``dd_words`` (the distinct words
spelled with ``đ``, lower case). Its tokenizer (``remove_diacritics 2``) folds every other accent, so
``dai hoi`` and ``đại hội`` both find ``Đại hội``; triggers keep it in step with ``articles`` whoever
writes. The library's own search keeps using ``fts`` (accent-sensitive when the query has accents).
The view ``schema_doc`` explains every table and the columns whose meaning is not obvious.

Facts live in one real table per fact type, with their spans and the normalized keys the filters
compare on, so that questions are SQL with indexes, not JSON scans. The full-text index is a
contentless FTS5 table over two copies of title and text: a folded one (``đại hội`` → ``dai hoi``)
and an exact one. Contentless, because the text is already in ``articles``: a third copy would only
grow the file. The price is that deleting a row needs the indexed values again, which
:func:`~vnparty_nlp.archive.keys.fold_text` recomputes deterministically (``FOLD_VERSION``).
"""
from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata
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
    statement = ""
    for piece in script.split(";\n"):
        statement += piece + ";\n"
        if sqlite3.complete_statement(statement):  # a trigger's body holds ";\n" too
            if statement.strip(" \n;"):
                con.execute(statement)
            statement = ""
    if statement.strip(" \n;"):
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


#: ``d`` for ``đ`` and its look-alikes (remove_diacritics 2 folds every other Vietnamese accent, not ``đ``)
_D_FOLD = [("đ", "d"), ("Đ", "D"), ("Ð", "D"), ("ð", "d"), ("Ɖ", "D")]


def _d_folded(column: str) -> str:
    sql = column
    for char, base in _D_FOLD:
        sql = f"replace({sql}, '{char}', '{base}')"
    return sql


SEARCH_COLUMNS = f"""
ALTER TABLE articles ADD COLUMN dd_words TEXT;
ALTER TABLE articles ADD COLUMN search_title TEXT GENERATED ALWAYS AS ({_d_folded("title")}) VIRTUAL;
ALTER TABLE articles ADD COLUMN search_text TEXT GENERATED ALWAYS AS ({_d_folded("text")}) VIRTUAL;
"""

SEARCH_INDEX = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    search_title, search_text, dd_words,
    content="articles", content_rowid="id", tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, search_title, search_text, dd_words)
    VALUES (new.id, new.search_title, new.search_text, new.dd_words);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, search_title, search_text, dd_words)
    VALUES ('delete', old.id, old.search_title, old.search_text, old.dd_words);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text, dd_words ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, search_title, search_text, dd_words)
    VALUES ('delete', old.id, old.search_title, old.search_text, old.dd_words);
    INSERT INTO articles_fts(rowid, search_title, search_text, dd_words)
    VALUES (new.id, new.search_title, new.search_text, new.dd_words);
END
"""

#: (table, column or '', meaning): what ``schema_doc`` shows
SCHEMA_DOC: tuple[tuple[str, str, str], ...] = (
    ("articles", "", "one row per article; id is the rowid every fact table and articles_fts point to"),
    ("articles", "canonical_url", "the URL without tracking parameters and fragments: two records with it are one article"),
    ("articles", "content_hash", "hash of the text; the same text under another URL updates that article"),
    ("articles", "record_hash", "hash of the whole record: unchanged records are skipped on re-ingest"),
    ("articles", "published", "publication date or date-time as the page gives it (ISO)"),
    ("articles", "published_day", "published as YYYY-MM-DD, for sorting and year/month facets"),
    ("articles", "province", "the article's province, from the record's metadata or guessed from the text"),
    ("articles", "province_source", "'metadata' or 'inferred': where province came from"),
    ("articles", "sentences", "JSON list of [start, stop] offsets of the sentences in text"),
    ("articles", "extra", "JSON object of the record's other metadata"),
    ("articles", "dd_words", "distinct lower-case words spelled with đ (for articles_fts: an accented query keeps đ)"),
    ("articles", "search_title", "title with đ spelled d (virtual, not stored): indexed by articles_fts"),
    ("articles", "search_text", "text with đ spelled d (virtual, not stored): indexed by articles_fts"),
    ("articles_fts", "", "full-text index of articles for any tool: "
                         "SELECT * FROM articles WHERE id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'dai hoi'); "
                         "accents optional; Datasette ?_search= and sqlite-utils table.search() use it"),
    ("fts", "", "the library's contentless index (folded and ASCII-encoded exact copies); query it through vnparty"),
    ("*facts*", "start", "offset of the fact's first character in articles.text (Python str index)"),
    ("*facts*", "stop", "offset just after its last character: text = substr(articles.text, start + 1, stop - start)"),
    ("*facts*", "text", "the fact as written in the article"),
    ("*facts*", "*_key", "normalized key that filters compare on: folded, lower case, spellings unified "
                         "(doc_key '35-CT/TW' for '35/CT-TW', name_key 'nguyen van a')"),
    ("documents", "", "cited documents: type, number, code, date, issuer; a row per citation"),
    ("documents", "issuer_source", "where issuer came from: 'text' (after the number) or 'code' (implied by it)"),
    ("documents", "plenum", "a plenum resolution's plenums (JSON list), with term: 'Nghị quyết Trung ương 4 (khóa XI)'"),
    ("dates", "", "dates mentioned; value and end_value are ISO, kind is date/range/month/year/term"),
    ("dates", "date_lo", "first day the date can mean (2020 → 2020-01-01): range filters compare on it"),
    ("dates", "date_hi", "last day the date can mean (2020 → 2020-12-31)"),
    ("counts", "", "numbers with their unit: value (of total, for 25/25), unit"),
    ("counts", "qualifier", "a word that bounds the value ('hơn' = more than), or NULL"),
    ("counts", "value_max", "the upper bound of a range ('1-2 chi bộ': value 1, value_max 2)"),
    ("counts", "party_unit", "the unit as a party unit (chi bộ, đảng bộ, đảng viên, ...) when it is one"),
    ("shortcomings", "", "each shortcoming listed in the article"),
    ("shortcomings", "how", "how it was found: 'list' (an item of an announced list), 'prose' (a clause in a "
                            "passage the article frames as failings), 'cue' (a clause whose predicate states a failing)"),
    ("people", "", "people named with their title"),
    ("organizations", "head", "the organization's head word (đảng bộ, huyện ủy, ...)"),
    ("congresses", "", "party congresses: organization, number, term_start..term_end, pilot (1 = đại hội điểm)"),
    ("other_facts", "", "facts of extractors without a table of their own: kind, offsets, JSON data"),
    ("implements", "", "implementation relations (from other_facts kind 'implements'): which document or body "
                       "implements, applies or is based on which (source_key -> target_key), resolved identities"),
    ("meta", "", "archive bookkeeping: fold_version, generation"),
)


def _schema_doc_view() -> str:
    rows = ",\n    ".join("({})".format(", ".join("'" + v.replace("'", "''") + "'" for v in row)) for row in SCHEMA_DOC)
    return ("CREATE VIEW IF NOT EXISTS schema_doc (table_name, column_name, meaning) AS\n"
            f"SELECT column1, column2, column3 FROM (VALUES\n    {rows}\n)")


def dd_words(*texts: str | None) -> str | None:
    """The distinct words spelled with ``đ`` in ``texts``, lower case (``articles.dd_words``)."""
    found: dict[str, None] = {}
    for text in texts:
        if not text or not any(c in text for c, _ in _D_FOLD):
            continue
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # look-alikes (Ð, ð, Ɖ) as đ, since queries are typed with đ; split first: a regex over the
        # whole text costs ten times more
        for alike, dd in _AS_DD:
            if alike in text:
                text = text.replace(alike, dd)
        candidates = dict.fromkeys(w for w in text.lower().split() if "đ" in w)
        for candidate in candidates:
            found.update(dict.fromkeys(_DD_WORD.findall(candidate)))
    return " ".join(found) or None


_AS_DD = (("Ð", "Đ"), ("ð", "đ"), ("Ɖ", "Đ"))
_DD_WORD = re.compile(r"\w*đ\w*")


def _v4(con: sqlite3.Connection) -> None:
    """The index other tools search (``articles_fts``) and the ``schema_doc`` view."""
    if "dd_words" not in {row[1] for row in con.execute("PRAGMA table_xinfo(articles)")}:
        _script(con, SEARCH_COLUMNS)  # (a file migrated halfway by hand already has them)
    rows = con.execute("SELECT id, title, text FROM articles").fetchall()
    con.executemany("UPDATE articles SET dd_words = ? WHERE id = ?",
                    [(dd_words(title, text), rowid) for rowid, title, text in rows])
    # the triggers come after: an update trigger would 'delete' rows the new index never held
    _script(con, SEARCH_INDEX)
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    _script(con, _schema_doc_view())


#: migration N brings a database from version N-1 to N; append, never edit
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
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
