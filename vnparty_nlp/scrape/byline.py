"""Bylines and source credits at the end (or the top) of an article body.

Party and government pages sign articles with a last, short line: a person and their unit
(``Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên`` → author "Phong Lâm"), or a source credit
(``T/h: Đài phát thanh huyện.``, ``Theo Báo Nhân Dân``) that names no person, so the author stays None.
Neither is body text; both are taken off the paragraph list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vnparty_nlp.lang.bylines import (
    BYLINE_PREFIXES,
    CREDIT,
    NAME_WORD,
    ORG_WORDS,
    RANK_PREFIX,
    ROLE_WORDS,
    looks_like_person,
    name_case,
)

__all__ = ["Byline", "split_byline", "split_top_byline", "parse_author"]

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
    text = RANK_PREFIX.sub("", _PREFIX.sub("", line.strip()))
    if len(text.split()) > _MAX_WORDS or text.endswith((".", "!", "?", ";")) and len(text.split()) > 6:
        return None
    m = _NAME.match(text)
    if not m:
        return None
    words = m.group("name").split()
    # the name stops where an organisation starts: "Phong Lâm Ban Tổ chức..." -> "Phong Lâm"
    name_words: list[str] = []
    line_ends = not text[m.end():].strip() or text[m.end():].lstrip()[0] in "(,–—-"
    for i, w in enumerate(words):
        # "Phong Lâm Ban Tổ chức..." stops at "Ban"; "Nguyễn Văn Thành" (the whole line) keeps its last word
        if w.lower() in _ORG_WORDS and not (i + 1 == len(words) and line_ends):
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


def _is_role_line(line: str) -> bool:
    """A short unit or role line under a name ("Học viện Chính trị khu vực III", "Phó Trưởng ban...")."""
    words = line.strip("() ").split()
    return (0 < len(words) <= 20 and words[0].lower().strip(",") in ORG_WORDS | ROLE_WORDS
            and not line.rstrip().endswith((".", "!", "?")))


def split_top_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Take an author (with rank) and role block off the top of the body ("PGS, TS NGUYỄN VĂN A" / "Học viện...").

    Only a line that is nothing but a name (after a byline prefix or a rank) counts, so a first
    sentence is never taken for a byline.
    """
    if not paragraphs:
        return paragraphs, None
    first = paragraphs[0].strip()
    bare = RANK_PREFIX.sub("", _PREFIX.sub("", first)).strip(" .:")
    name = name_case(bare)
    if len(bare.split()) > 5 or not looks_like_person(name):
        return paragraphs, None
    drop = 1
    while drop < min(len(paragraphs), 3) and _is_role_line(paragraphs[drop]):
        drop += 1
    if drop == 1 and bare == first and not first.isupper():
        return paragraphs, None  # a bare mixed-case name with no rank, prefix or role: not enough evidence
    return paragraphs[drop:], name
