"""Word tokens from underthesea, aligned back to character offsets.

underthesea's ``word_tokenize`` returns bare strings and rewrites some characters, so each token is
walked back onto the text it came from. Its mistakes that matter to the genre are repaired after the
fact rather than worked around in the extractors: document codes (``35-CT/TW``), Vietnamese numbers
(``2.500``, ``4,1%``) and dates come back as one token each, and a small party lexicon is passed to
the tokenizer as ``fixed_words`` (``các cấp tiến tới`` → ``các | cấp | tiến tới``, not ``cấp tiến``).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from vnparty_nlp.text.normalize import CHAR_FOLDS, fold_diacritics

log = logging.getLogger(__name__)

#: multiword expressions of party texts that underthesea splits or joins wrongly. Keep it short:
#: a fixed phrase can glue onto a neighbour (``Ban Thường vụ`` + ``Tỉnh ủy`` became one token).
PARTY_LEXICON: tuple[str, ...] = ("tiến tới", "cấp ủy viên", "số dư", "đảng bộ cơ sở", "chi bộ cơ sở")

#: spans that must stay one token whatever the tokenizer does
PROTECTED = re.compile(
    r"\d+\s?-\s?[A-ZĐ][A-Za-zĐđ]*\s?/\s?[A-ZĐ][A-ZĐa-z0-9]*(?:/[A-Za-z]+)?"  # 35-CT/TW, 35- CT/ TW
    r"|\d+(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+"  # 1234/QĐ-UBND, 30/2020/NĐ-CP
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"  # 30-5-2019, 21/5/2020
    r"|\d+(?:[.,]\d+)*\s?%"  # 4,1%
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 2.500, 40.809
)


@dataclass(frozen=True)
class Token:
    """A word (one or more syllables) with its offsets; ``text`` is as in the source."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def _base(c: str) -> str:
    """The bare letter: underthesea moves tone marks (``thuỷ`` → ``thủy``) and rewrites ``Ð``."""
    return fold_diacritics(CHAR_FOLDS.get(c, c)).casefold()


def _same_char(a: str, b: str) -> bool:
    return a == b or _base(a) == _base(b)


def align_tokens(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Offsets of each of ``words`` in ``text``; words that cannot be placed are dropped (logged)."""
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    for word in words:
        chars = [c for c in word if not c.isspace()]
        if not chars:
            continue
        p = pos
        while p < n and text[p].isspace():
            p += 1
        if text.startswith(word, p):  # the common case: the word as written, single spaces
            spans.append((p, p + len(word)))
            pos = p + len(word)
            continue
        start, ok = p, True
        for c in chars:
            while p < n and text[p].isspace():
                p += 1
            if p < n and _same_char(text[p], c):
                p += 1
            else:
                ok = False
                break
        if not ok:
            # the tokenizer rewrote a character: resynchronize on the word's length
            found = next((i for i in range(start, min(n, start + 3 * len(word) + 3)) if _same_char(text[i], chars[0])), -1)
            if found < 0:
                log.debug("token %r not found near offset %d", word, start)
                continue
            start, p = found, found
            for _ in chars:
                while p < n and text[p].isspace():
                    p += 1
                p += 1
            p = min(p, n)
        spans.append((start, p))
        pos = p
    return spans


def merge_protected(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the tokens that lie inside a protected span (document code, number, date)."""
    protected = [m.span() for m in PROTECTED.finditer(text)]
    if not protected:
        return spans
    out: list[tuple[int, int]] = []
    k, merged_into = 0, -1
    for s, e in spans:
        while k < len(protected) and protected[k][1] <= s:
            k += 1
        if k < len(protected) and protected[k][0] < e:
            if merged_into == k:
                out[-1] = (out[-1][0], max(out[-1][1], e))
                continue
            merged_into = k
        out.append((s, e))
    return out


def word_spans(text: str, lexicon: tuple[str, ...] = PARTY_LEXICON) -> list[tuple[int, int]]:
    """Tokenize ``text`` with underthesea and return each word's ``(start, end)``."""
    from underthesea import word_tokenize  # heavy import: only when tokens are asked for

    if not text.strip():
        return []
    words = word_tokenize(text, fixed_words=list(lexicon)) if lexicon else word_tokenize(text)
    return merge_protected(text, align_tokens(text, words))
