"""The query language: what it emits, and a clear QueryError for every malformed query."""
from __future__ import annotations

import random
import sqlite3

import pytest

from vnparty_nlp.archive import QueryError, parse_query

MALFORMED = [
    '"', '"dai hoi', 'dai "hoi', '""', '" "',
    "AND", "AND AND", "dai AND AND hoi", "dai AND", "OR dai", "dai OR", "dai OR OR hoi", "dai AND OR hoi",
    "NOT", "NOT dai", "-dai", "- dai", "-", "dai -", "dai NOT", "dai - hoi",
    "*", "* dai", "dai **", "*dai", "da*i", "dai* *",
    "(", ")", "(dai", "dai)", "(dai hoi", "((dai)", "()", "dai ()", "(-dai)", "dai OR (-hoi)",
    "NEAR(dai hoi)", "NEAR(", "dai NEAR hoi",
    "text:dai", "title:hoi", "title_f:dai", "dai text:hoi", "col:x",
    "\x00dai", "x" * 1001, " ".join(["dai"] * 65), ",", "– —",
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_raise_query_error(archive, query):
    assert len(MALFORMED) >= 20
    with pytest.raises(QueryError) as info:
        archive.search(query)
    message = str(info.value)
    assert message and "sqlite" not in message.lower() and "fts5" not in message.lower()


def test_empty_query_lists_articles_but_does_not_parse(archive):
    assert archive.search("", limit=3) and archive.search("   ", limit=3)
    for query in ("", "   "):
        with pytest.raises(QueryError, match="empty"):
            parse_query(query)


@pytest.mark.parametrize("query, fts", [
    ("dai hoi", '({title_f text_f} : "dai" AND {title_f text_f} : "hoi")'),
    ("đại", '{title_x text_x} : "9a5i"'),
    ('"so du"', '{title_f text_f} : "so du"'),
    ("tuyen*", '{title_f text_f} : "tuyen" *'),
    ("a -b", '(({title_f text_f} : "a") NOT ({title_f text_f} : "b"))'),
    ("a OR b", '({title_f text_f} : "a" OR {title_f text_f} : "b")'),
    ("35-CT/TW", '{title_f text_f} : "35 ct tw"'),
    ("and or not", '({title_f text_f} : "and" AND {title_f text_f} : "or" AND {title_f text_f} : "not")'),
    ("dai, hoi", '({title_f text_f} : "dai" AND {title_f text_f} : "hoi")'),
])
def test_emitted_fts(query, fts):
    assert parse_query(query).fts == fts


def test_injection_attempts_are_quoted(archive):
    for query in ['dai" OR "hoi', "x') OR 1=1 --", 'a"; DROP TABLE articles; --', "rowid:1", "^dai", "+dai"]:
        try:
            archive.search(query)
        except QueryError:
            pass
    assert archive.con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0


def test_random_garbage_never_reaches_sqlite(archive):
    rng = random.Random(0)
    alphabet = ['"', "(", ")", "*", "-", ":", " ", "AND", "OR", "NOT", "NEAR", "dai", "hội", "^", "+", "{", "}",
                ",", "text", "'", "\\", "đ"]
    for _ in range(400):
        query = "".join(rng.choice(alphabet) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        try:
            archive.search(query, limit=2)
        except QueryError:
            pass
        except sqlite3.Error as err:  # pragma: no cover - the failure this test looks for
            pytest.fail(f"{query!r} reached SQLite: {err}")
