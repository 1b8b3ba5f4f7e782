"""Bylines and source credits at the end of an article body.

Party and government pages sign articles with a last, short line: a person and their unit
(``Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên`` → author "Phong Lâm"), or a source credit
(``T/h: Đài phát thanh huyện.``, ``Theo Báo Nhân Dân``) that names no person, so the author stays None.
Neither is body text; both are taken off the paragraph list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vnparty_nlp.lang.bylines import BYLINE_PREFIXES, CREDIT, NAME_WORD, ORG_WORDS

__all__ = ["Byline", "split_byline", "parse_author"]

_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True)) + r")\s*:\s*",
    re.IGNORECASE)
_NAME = re.compile(rf"^(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})(?=$|[\s,(–—-])")
_CREDIT = CREDIT
_ORG_WORDS = ORG_WORDS
_MAX_WORDS = 14


@dataclass(frozen=True)
class Byline:
    author: str | None = None
    credit: str | None = None


def parse_author(line: str) -> str | None:
    """The person's name at the start of a byline line, or None if it does not look like one."""
    text = _PREFIX.sub("", line.strip())
    if len(text.split()) > _MAX_WORDS or text.endswith((".", "!", "?", ";")) and len(text.split()) > 6:
        return None
    m = _NAME.match(text)
    if not m:
        return None
    words = m.group("name").split()
    # the name stops where an organisation starts: "Phong Lâm Ban Tổ chức..." -> "Phong Lâm"
    name_words: list[str] = []
    for w in words:
        if w.lower() in _ORG_WORDS:
            break
        name_words.append(w)
    if len(name_words) < 2:
        return None
    rest = text[len(" ".join(name_words)):].strip()
    if rest and not (rest[0] in "(,–—-" or rest.split()[0].lower() in _ORG_WORDS):
        return None  # a sentence that happens to start with capitals
    name = " ".join(name_words)
    if name.isupper():
        name = name.title()
    return name


def _is_unit_line(line: str) -> bool:
    """A short line naming an organisation only ("Ban Tổ chức Tỉnh ủy Điện Biên", "(Báo Hải Dương)")."""
    words = line.strip("() ").split()
    return 0 < len(words) <= 10 and words[0].lower() in _ORG_WORDS and not line.rstrip().endswith(".")


def split_byline(paragraphs: list[str]) -> tuple[list[str], Byline]:
    """Take a trailing byline and/or source credit off the paragraphs (at most the last two lines)."""
    paras = list(paragraphs)
    author: str | None = None
    credit: str | None = None
    for _ in range(2):
        if not paras:
            break
        last = paras[-1].strip()
        if len(last.split()) > _MAX_WORDS:
            break
        m = _CREDIT.match(last)
        if m and credit is None and author is None:
            credit = last
            paras.pop()
            continue
        name = parse_author(last) if author is None else None
        if name:
            author = name
            paras.pop()
            continue
        # "Phong Lâm" / "Ban Tổ chức Tỉnh ủy Điện Biên" on two lines (a <br> in the byline)
        if author is None and len(paras) >= 2 and _is_unit_line(last):
            name = parse_author(paras[-2])
            if name and name == _PREFIX.sub("", paras[-2].strip()).strip():
                author = name
                del paras[-2:]
                continue
        break
    return paras, Byline(author, credit)
