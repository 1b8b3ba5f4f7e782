"""The user's search language, parsed into a small tree and emitted as safe FTS5 syntax.

A user's query never reaches FTS5 as typed: FTS5 has its own operators (``NEAR``, ``^``, ``col:``,
``+``) and a malformed query is an ``sqlite3.OperationalError`` at best. The grammar here is small::

    query  := or
    or     := and ("OR" and)*
    and    := unary (["AND"] unary)*          juxtaposition is AND
    unary  := ("NOT" | "-") atom | atom       a negation needs a positive term beside it
    atom   := "(" or ")" | '"' words '"' | word ["*"]

Every term is emitted quoted, restricted to the folded or the exact columns. Accents decide per
term (``exact=None``, the default): ``dai hoi`` searches the folded copy (``đại hội``, ``Đại Hội``,
``dai hoi``), ``đại hội`` searches the exact copy; ``exact=True`` makes every term exact and
``exact=False`` every term folded. A word with inner punctuation (``35-CT/TW``) is a phrase of its parts.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from vnparty_nlp.archive.keys import encode_exact, exact_text, fold_text, has_diacritics

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
#: parentheses nest at most this deep (the parser, the FTS5 text and the tantivy query all recurse)
MAX_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")

FOLDED_COLUMNS = "{title_f text_f}"
EXACT_COLUMNS = "{title_x text_x}"


class QueryError(ValueError):
    """The user's query cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False
    exact: bool = False

    def fts(self) -> str:
        body = " ".join(encode_exact(w) for w in self.words) if self.exact else " ".join(self.words)
        cols = EXACT_COLUMNS if self.exact else FOLDED_COLUMNS
        return f'{cols} : "{body}"' + (" *" if self.prefix else "")


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]
    negated: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Term | And | Or


@dataclass
class ParsedQuery:
    """A parsed query: the FTS5 expression and the terms to highlight."""

    text: str
    tree: Node
    fts: str
    terms: list[Term] = field(default_factory=list)


# --- lexer ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<lp>\()|(?P<rp>\))|(?P<word>[^\s()"]+))')
_COLUMN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:")
_WORD = re.compile(r"\w+")
OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # word, phrase, lp, rp, and, or, not, minus
    value: str
    pos: int
    prefix: bool = False


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            break
        start = m.start(m.lastgroup) if m.lastgroup else pos
        pos = m.end()
        if m["quote"] is not None:
            q = m["quote"]
            if len(q) < 2 or not q.endswith('"'):
                raise QueryError(f'unclosed quote at character {start + 1}: close the phrase with "')
            if not _WORD.search(q[1:-1]):
                raise QueryError(f"empty phrase at character {start + 1}: put words between the quotes")
            star = query.startswith("*", pos)
            if star:
                pos += 1
            toks.append(_Tok("phrase", q[1:-1], start, prefix=star))
        elif m["lp"]:
            toks.append(_Tok("lp", "(", start))
        elif m["rp"]:
            toks.append(_Tok("rp", ")", start))
        elif m["word"] == "-" and query[pos:pos + 1] in ('"', "("):
            toks.append(_Tok("minus", "-", start))  # -"a phrase", -(a group)
        else:
            toks.extend(_word_tokens(m["word"], start))
    return toks


def _word_tokens(word: str, pos: int) -> list[_Tok]:
    if word in OPERATORS:
        return [_Tok(word.lower(), word, pos)]
    if word.upper() == "NEAR" or word.upper().startswith("NEAR("):
        raise QueryError(f"NEAR at character {pos + 1} is not supported: use a phrase in quotes instead")
    if _COLUMN.match(word):
        col = word.split(":", 1)[0]
        raise QueryError(f"column filter {col}: at character {pos + 1} is not supported: search() filters by "
                         f"fields (province=, cites=, ...); the query searches title and text")
    out: list[_Tok] = []
    if word.startswith("-") and len(word) > 1 and word != "--":
        out.append(_Tok("minus", "-", pos))
        word, pos = word[1:], pos + 1
    if word == "-":
        raise QueryError(f"lone '-' at character {pos + 1}: write -word to exclude a word")
    prefix = word.endswith("*")
    core = word.rstrip("*")
    if prefix and len(word) - len(core) > 1:
        raise QueryError(f"'{word}' at character {pos + 1}: a prefix takes one * at the end")
    if "*" in core:
        raise QueryError(f"'{word}' at character {pos + 1}: * only ends a prefix (cong*), it cannot start or split a word")
    parts = _WORD.findall(core)
    if not parts:
        if prefix:
            raise QueryError(f"lone '*' at character {pos + 1}: * must follow a word (cong*)")
        if out:
            raise QueryError(f"'-' at character {pos}: nothing to exclude")
        return out  # punctuation only (",", "–"): ignored like the tokenizer ignores it
    kind = "word" if len(parts) == 1 else "phrase"
    out.append(_Tok(kind, " ".join(parts), pos, prefix=prefix))
    return out


# --- parser --------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, toks: list[_Tok], exact: bool | None) -> None:
        self.toks = toks
        self.i = 0
        self.exact = exact
        self.terms: list[Term] = []
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.parse_or()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "rp":
                raise QueryError(f"unbalanced ')' at character {tok.pos + 1}: no '(' opens it")
            raise QueryError(f"unexpected {tok.value!r} at character {tok.pos + 1}")
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            if self.peek() is None or self.peek().kind in ("or", "and", "rp"):  # type: ignore[union-attr]
                raise QueryError(f"OR at character {tok.pos + 1} needs a term on both sides")
            items.append(self.parse_and())
        for item in items:
            if isinstance(item, And) and not item.items:
                raise QueryError("a group of only excluded words (-x, NOT x) cannot be one side of OR")
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> And | Node:
        positive: list[Node] = []
        negative: list[Node] = []
        first = True
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rp"):
            if tok.kind == "and":
                if first:
                    raise QueryError(f"AND at character {tok.pos + 1} needs a term before it")
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in ("and", "or", "rp"):
                    raise QueryError(f"AND at character {tok.pos + 1} needs a term after it")
                continue
            if tok.kind in ("not", "minus"):
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in ("and", "or", "rp", "not", "minus"):
                    raise QueryError(f"{tok.value} at character {tok.pos + 1} needs a word to exclude after it")
                negative.append(self.parse_atom())
            else:
                positive.append(self.parse_atom())
            first = False
        if not positive and not negative:
            tok = self.peek()
            where = f" at character {tok.pos + 1}" if tok else ""
            raise QueryError(f"empty expression{where}: type words to search for")
        if not positive and negative and self.i >= len(self.toks) and not self._nested():
            raise QueryError("the query only excludes words: add a word to search for (dai hoi -diem)")
        if len(positive) == 1 and not negative:
            return positive[0]
        return And(tuple(positive), tuple(negative))

    def _nested(self) -> bool:
        return False

    def parse_atom(self) -> Node:
        tok = self.take()
        if tok.kind == "lp":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"'(' at character {tok.pos + 1} nests groups more than {MAX_DEPTH} deep")
            if self.peek() is None:
                raise QueryError(f"unbalanced '(' at character {tok.pos + 1}: close it with ')'")
            if self.peek().kind == "rp":  # type: ignore[union-attr]
                raise QueryError(f"empty parentheses at character {tok.pos + 1}")
            node = self.parse_or()
            close = self.peek()
            if close is None or close.kind != "rp":
                raise QueryError(f"unbalanced '(' at character {tok.pos + 1}: close it with ')'")
            self.take()
            self.depth -= 1
            if isinstance(node, And) and not node.items:
                raise QueryError(f"the group at character {tok.pos + 1} only excludes words")
            return node
        if tok.kind in ("word", "phrase"):
            return self.term(tok)
        if tok.kind == "rp":
            raise QueryError(f"unbalanced ')' at character {tok.pos + 1}: no '(' opens it")
        raise QueryError(f"{tok.value} at character {tok.pos + 1} needs a term before and after it")

    def term(self, tok: _Tok) -> Term:
        raw = unicodedata.normalize("NFC", tok.value)
        exact = has_diacritics(raw) if self.exact is None else self.exact
        words = exact_text(raw).split() if exact else fold_text(raw).split()
        words = [w for part in words for w in _WORD.findall(part)]
        term = Term(tuple(w.casefold() for w in words), prefix=tok.prefix, exact=exact)
        self.terms.append(term)
        if len(self.terms) > MAX_TERMS:
            raise QueryError(f"more than {MAX_TERMS} terms: shorten the query")
        return term


def _emit(node: Node) -> str:
    if isinstance(node, Term):
        return node.fts()
    if isinstance(node, Or):
        return "(" + " OR ".join(_emit(n) for n in node.items) + ")"
    pos = " AND ".join(_emit(n) for n in node.items)
    if not node.negated:
        return "(" + pos + ")"
    neg = " OR ".join(_emit(n) for n in node.negated)
    return f"(({pos}) NOT ({neg}))"


def parse_query(query: str, exact: bool | None = None) -> ParsedQuery:
    """Parse a user's query; raise :class:`QueryError` with a readable message if it is malformed."""
    if not isinstance(query, str):
        raise QueryError(f"a query is text, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query of {len(query)} characters is longer than {MAX_QUERY_CHARS}")
    if "\x00" in query:
        raise QueryError("the query contains a NUL character")
    if _SURROGATE.search(query):
        raise QueryError("the query contains an unpaired surrogate (not valid Unicode text)")
    if not query.strip():
        raise QueryError("empty query: type words to search for")
    parser = _Parser(_lex(query), exact)
    if not parser.toks:
        raise QueryError("the query has no words to search for")
    tree = parser.parse()
    _check_positive(tree)
    return ParsedQuery(query, tree, _emit(tree), parser.terms)


def _check_positive(node: Node) -> None:
    """FTS5's NOT is binary: every AND group, however nested, needs a positive member."""
    if isinstance(node, And):
        if not node.items:
            raise QueryError("the query only excludes words: add a word to search for (dai hoi -diem)")
        for n in node.items + node.negated:
            _check_positive(n)
    elif isinstance(node, Or):
        for n in node.items:
            _check_positive(n)
