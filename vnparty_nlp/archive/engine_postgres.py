"""The PostgreSQL engine: an archive several processes and machines write and search at once.

``Archive("postgresql://user@host/db")`` (libpq URLs, Unix sockets with ``?host=/dir``). Needs
``pip install vnparty_nlp[postgres]`` (psycopg 3) and a server with the ``unaccent`` extension
(Debian: ``postgresql-contrib``). What differs from SQLite:

- Full text: two ``tsvector`` columns with GIN indexes. ``tsv_x`` holds the article's words as the
  query parser splits them (``\\w+``, accents kept), so ``18-NQ/TW`` is the phrase ``18 nq tw`` on both
  sides (PostgreSQL's own parser would keep ``nq/tw`` as one token); ``tsv_f`` is the same passed through
  the ``unaccent`` extension (Debian's rules fold ``đ`` to ``d``). Queries go through the text search
  configuration ``vnparty_unaccent`` (``simple`` + ``unaccent``) for folded terms and ``simple`` for exact
  ones. The title is weight A, the text D: a title word counts five times. Document codes are matched by
  their own columns (``documents.number_key``, ``code_key``).
- Ranking: ``ts_rank`` with those weights over the newest ``window`` matches (as FTS5's bm25).
- Writers: each batch is one transaction holding an advisory lock, so processes that add at the same
  time neither lose nor duplicate articles (the expensive preparation runs in parallel outside it);
  readers never wait (MVCC).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive import keys
from vnparty_nlp.archive.engine import safe_location
from vnparty_nlp.archive.ingest import ARTICLE_COLUMNS, Prepared
from vnparty_nlp.archive.query import And, Node, Or, ParsedQuery, Term
from vnparty_nlp.archive.schema import FACT_TABLES, IMPLEMENTS_COLUMNS
from vnparty_nlp.archive.sqlbase import BatchWriter, Dialect, SqlEngine

if TYPE_CHECKING:
    import pandas as pd

    from vnparty_nlp.archive.store import AddReport

log = logging.getLogger(__name__)

#: the PostgreSQL schema's own version (``meta.schema_version``), apart from SQLite's migrations
PG_SCHEMA_VERSION = 1
#: text search configuration: ``simple`` with ``unaccent`` before it
CONFIG = "vnparty_unaccent"
#: advisory lock keys: creating the schema, writing a batch
SCHEMA_LOCK, WRITE_LOCK = 7_240_401, 7_240_402
#: ts_rank weights {D, C, B, A}: text D, title A
RANK_WEIGHTS = "'{0.2, 0.2, 0.2, 1.0}'"
_WORD = re.compile(r"\w+")
MAX_POSITION, MAX_WORD = 16383, 500
#: word characters that Debian's unaccent rules turn into quotes, colons or spaces (ʼ → ', ½ → " 1/2"):
#: dropped from indexed words, so that the folded vector's text stays a valid tsvector
_UNACCENT_UNSAFE = str.maketrans("", "", "ŉʹʻʼʽˈː¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅟↉")
_PG_TYPES = {"TEXT": "TEXT", "REAL": "DOUBLE PRECISION", "INTEGER": "BIGINT"}
_NOW = "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"


class PgDialect(Dialect):
    def ids_in(self, column: str, ids: list[int]) -> tuple[str, Any]:
        return f"{column} = ANY(CAST(? AS bigint[]))", ids

    def distinct_list(self, expr: str) -> str:
        return f"string_agg(DISTINCT {expr}, ',')"


def _schema_sql() -> list[str]:
    ts = "tsvector NOT NULL"
    out = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)",
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, "
        "word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
        f"""CREATE TABLE articles (
            id BIGINT PRIMARY KEY,
            canonical_url TEXT UNIQUE, content_hash TEXT NOT NULL, record_hash TEXT NOT NULL,
            url TEXT, source TEXT, site TEXT, title TEXT, published TEXT, published_day TEXT,
            author TEXT, credit TEXT, province TEXT, province_source TEXT, text TEXT NOT NULL,
            sentences TEXT, extra TEXT, dd_words TEXT,
            added_at TEXT NOT NULL DEFAULT {_NOW}, updated_at TEXT NOT NULL DEFAULT {_NOW},
            tsv_f tsvector, tsv_x {ts})""",
        # the folded index column is the exact one through unaccent, whoever writes the row
        """CREATE FUNCTION articles_fold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            NEW.tsv_f := unaccent(NEW.tsv_x::text)::tsvector; RETURN NEW; END $$""",
        "CREATE TRIGGER articles_fold BEFORE INSERT OR UPDATE OF tsv_x ON articles FOR EACH ROW "
        "EXECUTE FUNCTION articles_fold()",
        "CREATE INDEX articles_hash ON articles(content_hash)",
        "CREATE INDEX articles_published ON articles(published_day)",
        "CREATE INDEX articles_province ON articles(province)",
        "CREATE INDEX articles_site ON articles(site)",
        "CREATE INDEX articles_tsv_f ON articles USING gin(tsv_f)",
        "CREATE INDEX articles_tsv_x ON articles USING gin(tsv_x)",
        """CREATE TABLE other_facts (id BIGSERIAL PRIMARY KEY,
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, start BIGINT NOT NULL, stop BIGINT NOT NULL, text TEXT NOT NULL, data TEXT)""",
        "CREATE INDEX other_facts_article ON other_facts(article_id, kind)",
    ]
    for t in FACT_TABLES.values():
        cols = "".join(f", {c} {_PG_TYPES[typ]}" for c, typ, _ in t.fields)
        cols += "".join(f", {c} {_PG_TYPES[typ]}" for c, typ in t.derived)
        out.append(f"CREATE TABLE {t.table} (id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL "
                   f"REFERENCES articles(id) ON DELETE CASCADE, start BIGINT NOT NULL, stop BIGINT NOT NULL, "
                   f"text TEXT NOT NULL{cols})")
        out.append(f"CREATE INDEX {t.table}_article ON {t.table}(article_id)")
        out += [f"CREATE INDEX {t.table}_k{i} ON {t.table}({c})" for i, c in enumerate(t.indexes)]
    names = [c for c, _ in IMPLEMENTS_COLUMNS]
    out += [
        f"""CREATE TABLE implements (id BIGSERIAL PRIMARY KEY,
            other_id BIGINT NOT NULL UNIQUE REFERENCES other_facts(id) ON DELETE CASCADE,
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start BIGINT NOT NULL, stop BIGINT NOT NULL, text TEXT NOT NULL,
            {", ".join(f"{c} TEXT" for c in names)})""",
        "CREATE INDEX implements_article ON implements(article_id)",
        "CREATE INDEX implements_target ON implements(target_key)",
        "CREATE INDEX implements_target_id ON implements(target_id)",
        "CREATE INDEX implements_source_id ON implements(source_id)",
        # the relation table in step with its other_facts rows, as SQLite's triggers keep it
        f"""CREATE FUNCTION implements_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            INSERT INTO implements (other_id, article_id, start, stop, text, {", ".join(names)})
            VALUES (NEW.id, NEW.article_id, NEW.start, NEW.stop, NEW.text,
                    {", ".join(f"NEW.data::jsonb ->> '{field}'" for _, field in IMPLEMENTS_COLUMNS)});
            RETURN NULL; END $$""",
        "CREATE TRIGGER implements_add AFTER INSERT ON other_facts FOR EACH ROW "
        "WHEN (NEW.kind = 'implements') EXECUTE FUNCTION implements_add()",
        f"INSERT INTO meta VALUES ('schema_version', '{PG_SCHEMA_VERSION}'), ('generation', '0')",
    ]
    return out


def index_words(text: str | None) -> list[str]:
    """An article's words as the query parser splits them (``\\w+`` of the exact text, case-folded)."""
    return _WORD.findall(keys.exact_text(text or "").casefold().translate(_UNACCENT_UNSAFE))


def tsvector_text(title: str | None, text: str) -> str:
    """The exact ``tsvector`` of an article in PostgreSQL's text form: title words weight A, then the text's.

    Written here rather than by ``to_tsvector`` (whose parser would split ``nq/tw`` differently from the
    query parser, and which costs more than the rest of an insert); the folded vector is this text passed
    through the ``unaccent`` extension. Positions stop at PostgreSQL's 16,383; words past 500 characters
    are not indexed (PostgreSQL refuses lexemes near 2 KB).
    """
    title_words, text_words = index_words(title), index_words(text)
    positions: dict[str, list[str]] = {}
    for pos, word in enumerate(title_words, 1):
        positions.setdefault(word, []).append(f"{min(pos, MAX_POSITION)}A")
    offset = len(title_words) + 1
    if offset + len(text_words) > MAX_POSITION:  # positions past the last one PostgreSQL keeps: all at it
        text_words = text_words[:MAX_POSITION - offset] + list(dict.fromkeys(text_words[MAX_POSITION - offset:]))
    for pos, word in enumerate(text_words, offset):
        positions.setdefault(word, []).append(str(min(pos, MAX_POSITION)))
    if any(len(word) > MAX_WORD for word in positions):
        positions = {word: at for word, at in positions.items() if len(word) <= MAX_WORD}
    return " ".join(f"'{word}':{','.join(at)}" for word, at in positions.items())


@lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Row(tuple):
    """A result row read by position or by column name, as ``sqlite3.Row``."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = {c.name: i for i, c in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> _Row:
        row = _Row(values)
        row._names = names
        return row

    return make


class PostgresEngine(SqlEngine):
    """An archive in a PostgreSQL database; ``location`` is its URL."""

    name = "postgres"
    dialect = PgDialect(true="TRUE", null_eq="IS NOT DISTINCT FROM", nulls_first=" NULLS FIRST", unit_separator="chr(31)")

    def __init__(self, location: str, *, readonly: bool = False, timeout: float = 30.0) -> None:
        try:
            import psycopg
        except ImportError:
            raise RuntimeError("a PostgreSQL archive needs psycopg: pip install 'vnparty_nlp[postgres]'") from None
        self.location = self.path = str(location)
        self.readonly = readonly
        try:
            self.con = psycopg.connect(self.location, autocommit=True, row_factory=_row_factory,
                                       connect_timeout=max(int(timeout), 1))
        except psycopg.Error as err:
            raise ConnectionError(f"cannot open the archive at {safe_location(self.location)}: {err}") from None
        self.con.adapters.register_dumper(bool, _bool_dumper(psycopg))  # fact fields as SQLite stores them
        if self.con.execute("SELECT to_regclass('articles')").fetchone()[0] is None:
            if readonly:
                self.con.close()
                raise FileNotFoundError(f"no archive at {safe_location(self.location)}")
            self._create()
        if readonly:
            self.con.execute("SET default_transaction_read_only = on")

    def _create(self) -> None:
        with self.con.transaction():
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            # pg_tables, not to_regclass: a catalog cache may still remember the table as missing
            if not self.con.execute("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
                                    "AND tablename = 'articles')").fetchone()[0]:  # not made meanwhile
                for statement in _schema_sql():
                    self.con.execute(statement)
                log.info("created a PostgreSQL archive at %s", safe_location(self.location))

    # --- plumbing -------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.con.execute(_pg_sql(sql), list(params)).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterable[Any]:
        cursor = self.con.cursor(name="vnparty_stream")  # server-side: rows come as they are read
        with self.con.transaction():
            yield from cursor.execute(_pg_sql(sql), list(params))

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(_pg_sql(sql), list(params))

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.con.cursor() as cursor:
            cursor.executemany(_pg_sql(sql), rows)

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        import pandas as pd

        cursor = self.con.execute(_pg_sql(sql), list(params))
        return pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description])

    def sidecar(self, suffix: str) -> None:
        """No local files beside a server's database: caches are rebuilt per process."""
        return None

    @property
    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    def size_bytes(self) -> int:
        return int(self.rows(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")[0][0])

    def _bump(self) -> None:
        self.run("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")

    def rebuild_index(self) -> None:
        with self.con.transaction():
            self.run("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            rows = self.rows("SELECT id, title, text FROM articles")
            self.run_many(f"UPDATE articles SET {TSV_SETS} WHERE id = ?",
                          [(*_words(r["title"], r["text"]), r["id"]) for r in rows])
            self._bump()

    def optimize(self) -> None:
        self.con.execute("VACUUM ANALYZE")

    # --- writing --------------------------------------------------------------------------------
    def write_batch(self, batch: list[Prepared], report: AddReport) -> None:
        """One transaction holding the write lock: ids, look-ups and upserts see every committed batch."""
        with self.con.transaction():
            self.run("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            writer = BatchWriter(self)
            writer.look_up(batch)
            outcomes = []
            for prep in batch:
                outcomes.append(writer.upsert(prep))
            writer.flush()
            if writer.changed:
                self._bump()
        for outcome, article_id in outcomes:  # counted once committed
            setattr(report, outcome, getattr(report, outcome) + 1)
            report.ids.append(article_id)
        report.collisions += writer.collisions

    def remove(self, article_id: int) -> bool:
        with self.con.transaction():
            self.run("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            found = self.rows("DELETE FROM articles WHERE id = ? RETURNING id", (article_id,))
            if found:
                self._bump()
        return bool(found)

    def insert_articles(self, rows: list[tuple[Any, ...]]) -> None:
        title, text = 1 + ARTICLE_COLUMNS.index("title"), 1 + ARTICLE_COLUMNS.index("text")
        self.insert_rows("articles", ("id",) + ARTICLE_COLUMNS + ("tsv_x",),
                         [(*row, *_words(row[title], row[text])) for row in rows])

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """COPY: one statement for the rows of a batch (``executemany`` costs a round of the executor per row)."""
        with self.con.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def update_article(self, article_id: int, values: tuple[Any, ...]) -> None:
        sets = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS)
        title, text = ARTICLE_COLUMNS.index("title"), ARTICLE_COLUMNS.index("text")
        self.run(f"UPDATE articles SET {sets}, updated_at = {_NOW}, {TSV_SETS} WHERE id = ?",
                 (*values, *_words(values[title], values[text]), article_id))

    def unindex(self, article_id: int) -> None:
        """Nothing to do: the index columns are rewritten with the row."""

    def index(self, rows: list[tuple[Any, ...]]) -> None:
        """Nothing to do: the index columns are written with the row."""

    # --- full text ------------------------------------------------------------------------------
    def match_from(self, parsed: ParsedQuery | None) -> tuple[str, list[Any], str]:
        if parsed is None:
            return "articles a WHERE ", [], "a.id"
        cond, params = self.match_cond(parsed)
        return f"articles a WHERE {cond} AND ", params, "a.id"

    def _tsqueries(self, parsed: ParsedQuery) -> dict[Term, str]:
        """Each term's tsquery, made once by the server's text search configurations, as tsquery text.

        The statements that match and rank then carry them as constants: a ``phraseto_tsquery(...)``
        in a select list would be evaluated again for every row ranked.
        """
        terms = list(dict.fromkeys(_terms(parsed.tree)))
        exprs = [_tsquery(term) for term in terms]
        row = self.rows("SELECT " + ", ".join(f"CAST({sql} AS text)" for sql, _ in exprs),
                        [p for _, params in exprs for p in params])[0]
        return dict(zip(terms, tuple(row), strict=True))

    def match_cond(self, parsed: ParsedQuery) -> tuple[str, list[Any]]:
        return _match(parsed.tree, self._tsqueries(parsed))

    def ranked(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int,
               exhaustive: bool, window: int) -> tuple[list[Any], bool]:
        queries = self._tsqueries(parsed)
        cond, match_params = _match(parsed.tree, queries)
        rank, rank_params = _rank(parsed.tree, queries)
        # the window's ids first (newest matches, by the primary key backwards), then rank exactly those:
        # the ranking statement reads no other row and evaluates no match again
        window_sql = "" if exhaustive else " LIMIT ?"
        ids = [r[0] for r in self.rows(f"SELECT a.id FROM articles a WHERE {cond} AND {where} "
                                       f"ORDER BY a.id DESC{window_sql}",
                                       (*match_params, *params, *([] if exhaustive else [window])))]
        if not ids:
            return [], True
        rows = self.rows(f"SELECT a.id AS id, -({rank}) AS score FROM articles a WHERE a.id = ANY(CAST(? AS bigint[])) "
                         "ORDER BY score, a.id DESC LIMIT ? OFFSET ?", (*rank_params, ids, limit, offset))
        return rows, exhaustive or len(ids) < window

    def browse(self, where: str, params: list[Any], limit: int, offset: int) -> list[Any]:
        return self.rows(f"SELECT a.id, NULL AS score FROM articles a WHERE {where} "
                         "ORDER BY a.published_day DESC NULLS LAST, a.id DESC LIMIT ? OFFSET ?",
                         (*params, limit, offset))

    def by_date(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int) -> list[Any]:
        cond, match_params = _match(parsed.tree, self._tsqueries(parsed))
        return self.rows(f"SELECT a.id, NULL AS score FROM articles a WHERE {cond} AND {where} "
                         "ORDER BY a.published_day DESC NULLS LAST, a.id DESC LIMIT ? OFFSET ?",
                         (*match_params, *params, limit, offset))


def _bool_dumper(psycopg: Any) -> type:
    """Booleans bound as 0/1 (``congresses.pilot`` is an integer column, as in SQLite)."""
    from psycopg.adapt import Dumper

    class BoolAsInt(Dumper):
        oid = psycopg.postgres.types["int8"].oid

        def dump(self, obj: bool) -> bytes:
            return b"1" if obj else b"0"

    return BoolAsInt


#: the index column written: ``tsv_f`` follows from it (trigger ``articles_fold``)
TSV_SETS = "tsv_x = CAST(? AS tsvector)"


def _words(title: str | None, text: str) -> tuple[str]:
    """The parameter of :data:`TSV_SETS`."""
    return (tsvector_text(title, text),)


def _tsquery(term: Term) -> tuple[str, list[Any]]:
    config = "simple" if term.exact else CONFIG
    if term.prefix:
        return f"to_tsquery('{config}', ?)", [" <-> ".join(term.words) + ":*"]
    return f"phraseto_tsquery('{config}', ?)", [" ".join(term.words)]


def _column(term: Term) -> str:
    return "a.tsv_x" if term.exact else "a.tsv_f"


def _terms(node: Node) -> list[Term]:
    """Every term of the tree, negated ones included, in order."""
    if isinstance(node, Term):
        return [node]
    items = list(node.items) + (list(node.negated) if isinstance(node, And) else [])
    return [t for n in items for t in _terms(n)]


def _combined(node: Node, queries: dict[Term, str]) -> tuple[str, str] | None:
    """(column, one tsquery) for a node whose terms all search the same column, else None.

    One ``@@`` per row instead of one per term: each would read (and decompress) the row's vector again.
    """
    if isinstance(node, Term):
        text = queries[node]
        return (_column(node), f"({text})") if text else None
    parts = [_combined(n, queries) for n in node.items]
    negated = [_combined(n, queries) for n in node.negated] if isinstance(node, And) else []
    if any(p is None for p in parts + negated):
        return None
    columns = {p[0] for p in parts + negated if p is not None}
    if len(columns) != 1:
        return None
    if isinstance(node, Or):
        return columns.pop(), "(" + " | ".join(p[1] for p in parts if p) + ")"
    return columns.pop(), "(" + " & ".join([p[1] for p in parts if p] + [f"!{p[1]}" for p in negated if p]) + ")"


def _match(node: Node, queries: dict[Term, str]) -> tuple[str, list[Any]]:
    """The query tree as a condition on ``articles a``: each term on the folded or the exact column."""
    combined = _combined(node, queries)
    if combined is not None:
        return f"{combined[0]} @@ CAST(? AS tsquery)", [combined[1]]
    if isinstance(node, Term):
        return f"{_column(node)} @@ CAST(? AS tsquery)", [queries[node]]
    if isinstance(node, Or):
        parts = [_match(n, queries) for n in node.items]
        return "(" + " OR ".join(p for p, _ in parts) + ")", [x for _, ps in parts for x in ps]
    assert isinstance(node, And)
    parts = [_match(n, queries) for n in node.items]
    negated = [_match(n, queries) for n in node.negated]
    sql = " AND ".join([p for p, _ in parts] + [f"NOT {p}" for p, _ in negated])
    return f"({sql})", [x for _, ps in parts + negated for x in ps]


def _rank(node: Node, queries: dict[Term, str]) -> tuple[str, list[Any]]:
    """``ts_rank`` of the query's positive terms: one call per column, with the terms as alternatives."""
    by_column: dict[str, list[str]] = {}

    def walk(n: Node) -> None:
        if isinstance(n, Term):
            if queries[n]:
                by_column.setdefault(_column(n), []).append(f"({queries[n]})")
        else:
            for item in n.items:
                walk(item)

    walk(node)
    if not by_column:
        return "0", []
    parts = [f"ts_rank({RANK_WEIGHTS}, {column}, CAST(? AS tsquery))" for column in by_column]
    return " + ".join(parts), [" | ".join(texts) for texts in by_column.values()]
