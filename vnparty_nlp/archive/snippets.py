"""Highlighted snippets computed from the stored text, so they quote the article with its accents.

The index holds no text (contentless FTS5), and FTS5's ``snippet()`` on the folded column would show
``dai hoi diem`` instead of ``đại hội điểm``. Matching here uses the same folding as the index, on a
copy of the text that keeps every offset (``str.translate`` folds one character to one character).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from vnparty_nlp.archive.keys import exact_text, fold_text

if TYPE_CHECKING:
    from vnparty_nlp.archive.query import Term


#: matches looked at per article (per kind of term): enough to find a dense window near the start,
#: bounded for very common words (a search page makes 20 snippets)
MAX_MATCHES = 24
#: characters looked at first (to the end of the word there), the whole text only when they hold no
#: match: a snippet near the start serves as well as one further on, and folding and matching a whole
#: article for each of a page's 20 hits took as long as the search itself
FIRST_SCAN = 1000
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=256)
def _pattern(terms: tuple[tuple[tuple[str, ...], bool], ...], ignore_case: bool) -> re.Pattern[str] | None:
    """The terms as one alternation, without the word boundary in front: a leading look-behind stops
    ``re`` from skipping ahead to a term's first letter (3x slower); :func:`_find` checks the boundary."""
    alts = []
    for words, prefix in terms:
        if not words:
            continue
        body = r"\W+".join(re.escape(w if ignore_case else w.lower()) for w in words)
        alts.append(body + (r"\w*" if prefix else r"(?!\w)"))
    if not alts:
        return None
    return re.compile("|".join(sorted(alts, key=len, reverse=True)), re.IGNORECASE if ignore_case else 0)


def _find(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """At most MAX_MATCHES spans of ``pattern`` that start a word."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while len(spans) < MAX_MATCHES and (m := pattern.search(text, pos)):
        start = m.start()
        before = text[start - 1] if start else " "
        if before.isalnum() or before == "_":  # inside a word: look again from the next character
            pos = start + 1
            continue
        spans.append(m.span())
        pos = max(m.end(), start + 1)
    return spans


def _lowered(text: str) -> tuple[str, bool]:
    """``text`` in lower case and True, or as it is and False when lower-casing would move offsets."""
    lower = text.lower()
    return (lower, True) if len(lower) == len(text) else (text, False)


def _matches(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    folded_terms = tuple((t.words, t.prefix) for t in terms if not t.exact)
    exact_terms = tuple((t.words, t.prefix) for t in terms if t.exact)
    spans: list[tuple[int, int]] = []
    if folded_terms:
        folded = fold_text(text)
        if len(folded) == len(text):
            folded, lowered = _lowered(folded)
            pattern = _pattern(folded_terms, not lowered)
            if pattern:
                spans += _find(pattern, folded)
    if exact_terms:
        norm = exact_text(text)
        source, lowered = _lowered(norm if len(norm) == len(text) else text)  # NFD input: match the text as it is
        pattern = _pattern(exact_terms, not lowered)
        if pattern:
            spans += _find(pattern, source)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _first_matches(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Matches in the first :data:`FIRST_SCAN` characters (cut at a space, so no word is cut short and
    taken for another), else in the whole text."""
    cut = _SPACE.search(text, FIRST_SCAN) if len(text) > FIRST_SCAN else None
    if cut is not None:
        spans = _matches(text[:cut.start()], terms)
        if spans:
            return spans
    return _matches(text, terms)


def make_snippet(text: str, terms: Sequence[Term], width: int = 200,
                 marks: tuple[str, str] = ("[", "]")) -> str:
    """About ``width`` characters around the densest cluster of matches, matches between ``marks``."""
    if width <= 0:
        return ""
    spans = _first_matches(text, terms) if terms else []
    if not spans:
        cut = text[:width]
        return " ".join(cut.split()) + ("…" if len(text) > width else "")
    best, best_score, j = 0, -1, 0
    for i, (s, _) in enumerate(spans):  # two pointers: the last match that fits a window starting at match i
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - s <= width:
            j += 1
        if j - i + 1 > best_score:
            best, best_score = i, j - i + 1
    first = spans[best][0]
    start = max(0, first - width // 4)
    while start > 0 and not text[start - 1].isspace() and first - start < width // 2:
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [text[pos:s], marks[0], text[s:e], marks[1]]
        pos = e
    out.append(text[pos:end])
    snippet = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")
