"""Regular-expression pieces and value parsers shared by the extractors.

Patterns run on the matching form of the text (``Doc.norm``): NFC, dashes folded to ``-``, no-break
spaces to spaces, new-style tone placement. ``\\s`` also covers the hard line breaks of real pages.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from vnparty_nlp.lang import PROVINCES  # noqa: F401  (re-exported: extractors and the archive use it)

VIETNAMESE_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
VIETNAMESE_UPPER = VIETNAMESE_LOWER.upper()
#: an upper-case Vietnamese letter (``[A-Z]`` misses Đ, Ư, Ô, ...)
UPPER = f"[{VIETNAMESE_UPPER}]"
LOWER = f"[{VIETNAMESE_LOWER}]"
#: a capitalized syllable (``Biên``) or an all-caps one (``TCCSĐ``, ``NGUYỄN``); Central Highlands names and places
#: join two with an apostrophe (``H'Yim``, ``K'Thuận``, ``Ea H'Leo``, ``Cư M'gar``)
CAP_SYLLABLE = rf"{UPPER}(?:{LOWER}+|{UPPER}*)(?:['’`]{UPPER}?(?:{LOWER}+|{UPPER}*))?"
ROMAN = r"[IVXLC]+"
#: D-M-YYYY, D/M/YYYY, D.M.YYYY (the separators must agree)
DMY = r"(?P<d>\d{1,2})(?P<sep>[-/.])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<y>(?:19|20)\d{2})"
#: "ngày 14 tháng 8 năm 2019"
DMY_WORDS = r"(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>(?:19|20)\d{2})"

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def make_date(year: int | str, month: int | str, day: int | str | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` (or ``YYYY-MM``) if it is a real calendar date, else None."""
    try:
        y, m = int(year), int(month)
        if day is None:
            return f"{y:04d}-{m:02d}" if 1 <= m <= 12 and 1900 <= y <= 2100 else None
        return dt.date(y, m, int(day)).isoformat() if 1900 <= y <= 2100 else None
    except ValueError:
        return None


def date_from_match(m: re.Match[str]) -> str | None:
    """The date of a match of :data:`DMY` or :data:`DMY_WORDS`."""
    groups = m.groupdict()
    if groups.get("d"):
        return make_date(groups["y"], groups["m"], groups["d"])
    if groups.get("wd"):
        return make_date(groups["wy"], groups["wm"], groups["wd"])
    return None


def roman_to_int(roman: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(roman.upper()):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def parse_number(text: str) -> float | int | None:
    """Vietnamese digits: ``2.500`` → 2500, ``4,1`` → 4.1, ``1.234,5`` → 1234.5."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text) or re.fullmatch(r"\d+(?:,\d+)?", text):
        integer, _, fraction = text.replace(".", "").partition(",")
        return float(f"{integer}.{fraction}") if fraction else int(integer)
    if re.fullmatch(r"\d+\.\d{1,2}", text):  # 4.1 written the English way
        return float(text)
    return None


def dedupe_overlaps(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep the longest of overlapping matches, earliest first."""
    chosen: list[tuple[int, int, object]] = []
    for item in sorted(spans, key=lambda t: (t[0], -(t[1] - t[0]))):
        if chosen and item[0] < chosen[-1][1]:
            if item[1] - item[0] > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = item
            continue
        chosen.append(item)
    return chosen




_LITERAL_WORD = re.compile(r"[^\W\d_]+")


def _first_words(fragment: str) -> set[str] | None:
    """The words a regex fragment can start with, or None when it can start with anything else
    (a class, an escape, a digit)."""
    if fragment.startswith("(?:"):
        depth, alternatives, start = 0, [], 3
        for i, c in enumerate(fragment):
            if c == "\\":
                continue
            if c == "(" and (i == 0 or fragment[i - 1] != "\\"):
                depth += 1
            elif c == ")" and fragment[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    alternatives.append(fragment[start:i])
                    if fragment[i + 1:i + 2] in ("?", "*", "{"):
                        return None  # the group is optional: the fragment starts later
                    break
            elif c == "|" and depth == 1:
                alternatives.append(fragment[start:i])
                start = i + 1
        words: set[str] = set()
        for alternative in alternatives:
            found = _first_words(alternative)
            if found is None:
                return None
            words |= found
        return words
    m = _LITERAL_WORD.match(fragment)
    if not m or fragment[m.end():m.end() + 1] in ("?", "*", "{"):
        return None
    return {m.group()}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, grouped by first letter (either case):
    ``[cC](?:hi bộ|ấp ủy)|[đĐ](?:ảng viên)``. The engine rejects a whole group on its first letter instead
    of trying every word at every position (twice as fast on the genre's long lists)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0].lower(), []).append(re.escape(word[1:]))
    return "|".join(f"[{re.escape(c)}{re.escape(c.upper())}](?:{'|'.join(rest)})" for c, rest in by_first.items())


class PhraseSet:
    """Regex fragments matched only where a word they can start with occurs.

    One big alternation (``\\b(?:còn thấp|chưa \\w+|đạt thấp|...)\\b``) is tried at every position of a text;
    looking the fragments up by their first word and trying only those is several times faster on the
    genre's long vocabularies. Fragments that can start with something other than a word (``\\d...``) are
    kept in one alternation searched the usual way. Matching is on the text as given: pass lower-cased
    text and lower-case fragments for case-insensitive matching.
    """

    def __init__(self, fragments: list[str]):
        by_word: dict[str, list[str]] = {}
        rest: list[str] = []
        for fragment in fragments:
            words = _first_words(fragment)
            if words is None:
                rest.append(fragment)
                continue
            for word in words:
                by_word.setdefault(word, []).append(fragment)
        #: the fragments a word can start, as one pattern per word (the first that fits is the match)
        self.by_word: dict[str, tuple[re.Pattern[str], ...]] = {
            word: (re.compile("(?:" + "|".join(f"(?:{f})" for f in fs) + r")\b"),) for word, fs in by_word.items()}
        self.rest = re.compile(r"\b(?:" + "|".join(f"(?:{f})" for f in rest) + r")\b") if rest else None

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Every match (overlapping ones included) in ``text[start:end]``, by start."""
        end = len(text) if end is None else end
        found = []
        by_word = self.by_word
        for w in _WORD.finditer(text, start, end):
            for pattern in by_word.get(w.group(), ()):
                m = pattern.match(text, w.start(), end)
                if m:
                    found.append(m.span())
        if self.rest is not None:
            found += [m.span() for m in self.rest.finditer(text, start, end)]
        found.sort()
        return found

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.spans(text, start, end))


def phrase_spans(text: str, *sets: PhraseSet, words: dict[str, list[int]] | None = None) -> list[list[tuple[int, int]]]:
    """:meth:`PhraseSet.spans` of several sets over the whole text. ``words`` (a :attr:`Doc.word_index` of
    ``text``) saves the scan for their first words; without it the text is scanned once for all sets."""
    found: list[list[tuple[int, int]]] = [[] for _ in sets]
    patterns_of = _patterns_by_word(sets)
    if words is None:
        words = {}
        for w in _WORD.finditer(text):
            if w.group() in patterns_of:
                words.setdefault(w.group(), []).append(w.start())
    for word, entries in patterns_of.items():
        for at in words.get(word, ()):
            for i, pattern in entries:
                m = pattern.match(text, at)
                if m:
                    found[i].append(m.span())
    for out, phrases in zip(found, sets, strict=True):
        if phrases.rest is not None:
            out += [m.span() for m in phrases.rest.finditer(text)]
        out.sort()
    return found


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=16)
def _patterns_by_word(sets: tuple[PhraseSet, ...]) -> dict[str, tuple[tuple[int, re.Pattern[str]], ...]]:
    combined: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    for i, phrases in enumerate(sets):
        for word, patterns in phrases.by_word.items():
            combined.setdefault(word, []).extend((i, p) for p in patterns)
    return {word: tuple(entries) for word, entries in combined.items()}
def trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (the longest where several fit), as a trie: Python's ``re`` tries
    the branches of a flat alternation one by one at every position, a trie only as far as the text fits."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + emit(trie) + ")"


#: proper names with lower-case words that the name rule cannot join (ministries, departments, units)
NAMED_UNITS: tuple[str, ...] = (
    "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn", "Lao động - Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch", "Kế hoạch và Đầu tư", "Khoa học và Công nghệ", "Giáo dục và Đào tạo",
    "Thông tin và Truyền thông", "Giao thông vận tải", "Khối các cơ quan", "Khối cơ quan và doanh nghiệp", "Khối cơ quan", "Khối doanh nghiệp",
    "Quân sự", "Công an", "Biên phòng", "Chính trị quốc gia Hồ Chí Minh", "Chính trị khu vực",
)
