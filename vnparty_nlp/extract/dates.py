"""Dates, ranges, months, years and terms, with ISO values as precise as the text.

``ngày 30-5-2019`` → 2019-05-30; ``Từ ngày 6-1-2020 đến ngày 15-5-2020`` → a range;
``ngày 11 và 12/3/2020`` and ``tháng 4 và tháng 5/2020`` share their month or year;
``nhiệm kỳ 2020-2025`` is a term. A date without a year (``ngày 6/3``, ``Sáng 11.4``) takes the year
of the nearest full date in its sentence, else the article's publication year, else the year the
article mentions most; failing all three its value is ``--03-06``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import (
    DMY,
    DMY_WORDS,
    date_from_match,
    dedupe_overlaps,
    make_date,
)
from vnparty_nlp.lang import WEEKDAYS
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class DateFact(Fact):
    value: str | None = None  # ISO: 2019-05-30, 2020-08, 2020 (or --03-06 when no year is known)
    end: str | None = None  # the end of a range or term
    kind: str = "date"  # date, month, year, range, term, period, quarter


_YEAR = r"(?:19|20)\d{2}"
_D = r"\d{1,2}"
_M = r"\d{1,2}"
_NOT_AFTER_NUMBER = r"(?<![\d/.,-])"
_NOT_BEFORE_NUMBER = r"(?![\d]|[/.-]\d|\s?-\s?[A-ZĐ])"
#: parts of the day that open a date ("Sáng 11.4", "chiều ngày 20/5")
DAY_PARTS: tuple[str, ...] = ("sáng", "chiều", "tối", "trưa", "đêm", "hôm", "rạng sáng")
_PART_OF_DAY = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in DAY_PARTS) + ")"
#: month counts written as words: "Sáu tháng đầu năm"
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                "mười": 10, "mười một": 11, "mười hai": 12}
_NUMBER_WORDS = "(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
#: weekday names written out (``Thứ Hai``, ``thứ 2``, ``Chủ nhật``), from the language module all layers share
_WEEKDAY = "|".join(w.replace(" ", r"\s+") for w in sorted(WEEKDAYS, key=len, reverse=True) if " " in w)
_TIME_PREFIX = r"(?:\d{1,2}[:h]\d{2}'?\s*(?:-|,)?\s*)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Từ ngày 6-1-2020 đến ngày 15-5-2020 · từ ngày 25-1 đến 2-2-2021 · từ ngày 17 đến ngày 22-8
    ("range_days", re.compile(
        rf"(?i:từ)\s+(?i:ngày\s+)?(?P<d1>{_D})(?:(?P<s1>[-/.])(?P<m1>{_M})(?:(?P=s1)(?P<y1>{_YEAR}))?)?"
        rf"\s*(?:đến|tới|-)\s*(?:ngày\s+)?(?P<d2>{_D})[-/.](?P<m2>{_M})(?:[-/.](?P<y2>{_YEAR}))?{_NOT_BEFORE_NUMBER}")),
    # ngày 11 và 12/3/2020 · ngày 11-12/3/2020
    ("range_shared_month", re.compile(
        rf"(?i:ngày)\s+(?P<d1>{_D})\s*(?:và|,|-|đến)\s*(?:ngày\s+)?(?P<d2>{_D})[-/.](?P<m2>{_M})(?:[-/.](?P<y2>{_YEAR}))?{_NOT_BEFORE_NUMBER}")),
    # tháng 4 và tháng 5/2020 · từ tháng 3 đến tháng 6-2020
    ("range_months", re.compile(
        rf"(?:(?i:từ)\s+)?(?i:tháng)\s+(?P<m1>{_M})(?:\s*[/-]\s*(?P<y1>{_YEAR}))?\s*(?:và|đến|tới|-)\s*(?:tháng\s+)?"
        rf"(?P<m2>{_M})(?:\s*[/-]\s*|\s+năm\s+)(?P<y2>{_YEAR})(?!\d)")),
    # từ tháng 6 đến tháng 9 (year from context)
    ("range_months_no_year", re.compile(
        rf"(?i:từ)\s+(?i:tháng)\s+(?P<m1>{_M})\s*(?:đến|tới|-)\s*(?:hết\s+)?(?i:tháng)\s+(?P<m2>{_M})"
        rf"(?![\d/-]|[.,]\s?\d|\s*năm)")),
    # (24 - 25/4) · (7-8/5/2020): two days in parentheses
    ("range_days_parenthesized", re.compile(
        rf"(?<=\()\s*(?P<d1>{_D})\s*(?:-|và|,)\s*(?P<d2>{_D})(?P<sep>[/.-])(?P<m2>{_M})(?:(?P=sep)(?P<y2>{_YEAR}))?"
        rf"(?=\s*\))")),
    # từ năm 2015 đến năm 2020
    ("range_years", re.compile(rf"(?i:từ)\s+năm\s+(?P<y1>{_YEAR})\s*(?:đến|tới|-)\s*(?:năm\s+)?(?P<y2>{_YEAR})(?!\d)")),
    # nhiệm kỳ 2020-2025 · nhiệm kỳ 2020 - 2025
    ("term", re.compile(rf"(?i:nhiệm kỳ)\s+(?P<y1>{_YEAR})\s*-\s*(?P<y2>{_YEAR})(?!\d)")),
    # giai đoạn 2021-2025
    ("period", re.compile(rf"(?i:giai đoạn)\s+(?P<y1>{_YEAR})\s*-\s*(?P<y2>{_YEAR})(?!\d)")),
    # quý I/2020 · quý II năm 2020
    ("quarter", re.compile(rf"(?i:quý)\s+(?P<q>IV|I{{1,3}}|[1-4])\s*(?:/|-|năm\s+)(?P<y>{_YEAR})(?!\d)")),
    # 6 tháng đầu năm 2020 · Sáu tháng đầu năm · 9 tháng năm 2022 · 6 tháng cuối năm
    ("months_of_year", re.compile(
        rf"(?P<n>\d{{1,2}}|{_NUMBER_WORDS})\s+tháng\s+(?:(?P<half>đầu|cuối)\s+)?năm(?:\s+(?P<y>{_YEAR}))?(?![\d/-])")),
    # quý I · quý II/2020 · quý III năm 2020 · quý I-2023
    ("quarter_no_year", re.compile(r"(?i:quý)\s+(?P<q>IV|I{1,3}|[1-4])(?![\w/-]|\s*năm\s+\d)")),
    # Từ 1/4/1997 đến tháng 12/1997
    ("range_day_month", re.compile(
        rf"(?i:từ)\s+(?:(?i:ngày)\s+)?(?P<d1>{_D})[-/.](?P<m1>{_M})[-/.](?P<y1>{_YEAR})\s*(?:đến|tới|-)\s*"
        rf"(?i:tháng)\s+(?P<m2>{_M})\s*[/-]\s*(?P<y2>{_YEAR})(?!\d)")),
    # (2008- 2018) · năm 1996 - 2011 · vụ Đông Xuân 2022-2023 · nhiệm kỳ 2000 - 2005 và 2005 - 2010
    ("year_span", re.compile(rf"{_NOT_AFTER_NUMBER}(?:(?i:năm)\s+)?(?P<y1>{_YEAR})\s*-\s*(?P<y2>{_YEAR})(?![\d/-])")),
    # đầu năm 2021 · cuối 2014 · giữa năm 2019
    ("year_part", re.compile(rf"(?i:đầu|cuối|giữa)\s+(?:năm\s+)?(?P<y>{_YEAR})(?![\d/-])")),
    # 2023-01-11 13:38:00.0 (ISO timestamps of CMS datelines)
    ("iso", re.compile(rf"{_NOT_AFTER_NUMBER}(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d-])")),
    # 17:30' 21/5/2020 · ngày 30-5-2019 · 21/5/2020
    ("date", re.compile(rf"{_NOT_AFTER_NUMBER}(?:{_TIME_PREFIX})?(?:(?i:ngày)\s+)?{DMY}{_NOT_BEFORE_NUMBER}")),
    # ngày 14 tháng 8 năm 2019
    ("date_words", re.compile(rf"(?i:ngày)\s+{DMY_WORDS}(?!\d)")),
    # ngày 6/3 · Sáng 11.4 · chiều ngày 20/5
    ("date_no_year", re.compile(
        rf"(?:(?:{_PART_OF_DAY})\s+(?:(?i:ngày)\s+)?|(?i:ngày)\s+)(?P<d>{_D})(?P<sep>[-/.])(?P<m>{_M}){_NOT_BEFORE_NUMBER}")),
    # Sáng nay (11/4) · thứ Hai (20/4) · Chủ nhật, 19/4
    ("date_weekday", re.compile(
        rf"(?:(?:{_PART_OF_DAY})\s+nay|(?i:{_WEEKDAY}))\s*[,(]?\s*"
        rf"(?P<d>{_D})(?P<sep>[/.-])(?P<m>{_M})(?:(?P=sep)(?P<y>{_YEAR}))?\)?{_NOT_BEFORE_NUMBER}")),
    # tháng 8/2020 · tháng 8 năm 2020 · tháng 8-2020
    ("month", re.compile(rf"(?<!\d\s)(?i:tháng)\s+(?P<m>{_M})(?:\s*[/-]\s*|\s+năm\s+)(?P<y>{_YEAR})(?!\d)")),
    # tháng 4 · đến hết tháng 9, ... (year from context; not "tháng 4, 5 và 6")
    ("month_no_year", re.compile(rf"(?<![\d]\s)(?<!\d)(?i:tháng)\s+(?P<m>{_M})(?![\d/-]|[.,]\s?\d|\s*năm)")),
    # năm 2020
    ("year", re.compile(rf"(?i:năm)\s+(?P<y>{_YEAR})(?![\d/-])")),
]

#: where a date expression can start; the patterns are tried only there (one pass instead of fourteen)
#: the numbers a date can start with: a day or month before a separator or a clock time (``30-5``, ``17:30``),
#: a count of months (``9 tháng``), a year before a dash (``2019 - 2020``, ``2023-01-11``)
_DIGIT_TRIGGER = r"\d{1,2}(?=[-/.:h']|\s+tháng\b)|(?:19|20)\d{2}(?=\s?-)|(?<=\()\s*\d{1,2}(?=\s*(?:-|và|,))"
_KEYWORDS = ("từ", "ngày", "tháng", "nhiệm kỳ", "giai đoạn", "quý", "năm", "thứ", "chủ nhật", "đầu", "cuối", "giữa",
             *DAY_PARTS)
#: the keywords by their first word (``nhiệm`` → ``nhiệm kỳ``), longest first
_KEYWORD_FIRST: dict[str, list[str]] = {}
for _keyword in sorted(_KEYWORDS, key=len, reverse=True):
    _KEYWORD_FIRST.setdefault(_keyword.split()[0], []).append(_keyword)
_DIGIT_AT = re.compile(_DIGIT_TRIGGER)
_MONTHS_COUNT = re.compile(rf"{_NUMBER_WORDS}\s+tháng\b")  # "sáu tháng", "mười một tháng"
#: the patterns that can start with each trigger (a digit, a number word, a part of the day, a keyword), so that
#: each trigger tries a few patterns instead of all of them
_STARTS: dict[str, tuple[str, ...]] = {
    "range_days": ("từ",), "range_shared_month": ("ngày",), "range_months": ("từ", "tháng"), "range_years": ("từ",),
    "range_months_no_year": ("từ",), "range_days_parenthesized": ("0",), "term": ("nhiệm kỳ",), "period": ("giai đoạn",), "months_of_year": ("0", "#"), "quarter_no_year": ("quý",),
    "range_day_month": ("từ",), "year_span": ("năm", "0"), "year_part": ("đầu", "cuối", "giữa"), "iso": ("0",),
    "quarter": ("quý",), "date": ("0", "ngày"), "date_words": ("ngày",), "date_no_year": ("day part", "ngày"),
    "date_weekday": ("day part", "thứ", "chủ nhật"), "month": ("tháng",), "month_no_year": ("tháng",),
    "year": ("năm",),
}
_BY_START: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _pattern in PATTERNS:
    for _start in _STARTS[_name]:
        _BY_START.setdefault(_start, []).append((_name, _pattern))


def _triggers(doc: Doc) -> list[tuple[int, str]]:
    """Where a date expression can start, and the word it starts with: the text's keywords, number words
    before ``tháng`` and numbers that can open a date, looked up in the document's word index."""
    lower = doc.lower
    found: list[tuple[int, str]] = []
    for word, starts in doc.word_index.items():
        if word[0].isdigit():
            found += [(at, word) for at in starts if _DIGIT_AT.match(lower, at)]
        elif word in _KEYWORD_FIRST:
            for phrase in _KEYWORD_FIRST[word]:
                found += [(at, phrase) for at in starts if lower.startswith(phrase, at)
                          and not lower[at + len(phrase):at + len(phrase) + 1].isalnum()]
        if word in NUMBER_WORDS and word != "năm":  # ("năm" is a keyword already)
            found += [(at, word) for at in starts if _MONTHS_COUNT.match(lower, at)]
    found.sort()
    return found


def _patterns_at(trigger: str) -> list[tuple[str, re.Pattern[str]]]:
    if trigger[0].isdigit():
        return _BY_START["0"]
    if trigger in NUMBER_WORDS and trigger != "năm":
        return _BY_START["#"]
    if trigger in DAY_PARTS:
        return _BY_START["day part"]
    if trigger == "năm":  # a year ("năm 2020") or five months ("năm tháng đầu năm")
        return _BY_START["năm"] + _BY_START["#"]
    return _BY_START.get(trigger, [])
#: "so với cùng kỳ năm 2018": a year of comparison, not the year of the events reported
_COMPARISON = re.compile(r"(?i:cùng kỳ|so với)\s*$")
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


#: patterns whose year comes with a day: a strong cue for the year of a year-less day next to them
_DAY_PRECISE = frozenset({"range_days", "range_shared_month", "range_days_parenthesized", "range_day_month", "iso",
                          "date", "date_words", "date_weekday"})
#: year-less expressions of a day: reported events, near the publication date
_DAY_NAMES = frozenset({"range_days", "range_shared_month", "range_days_parenthesized", "date_no_year", "date_weekday"})
#: how far after the publication a year-less date may fall before it is read as last year's ("Ngày 28/12" in an
#: article of 20/1): past the half year, the same date last year is the nearer one (a plan for "tháng 10" in
#: a May article stays this year's)
_MONTHS_AHEAD = 6


class _YearGuess:
    """Years for dates written without one: sentence first, then publication, then the article.

    A year-less day (``Ngày 18 và 19/01``) is an event near the publication: a bare year later in its sentence
    (``... kiểm điểm năm 2023``, ``thu nhập năm 2019 đạt ...``) is what the event is about, not when it took
    place, so only a full date or a year before it in the sentence outweighs the publication date. A year-less
    date or period that would fall months after the publication is last year's."""

    def __init__(self, doc: Doc, full_dates: list[tuple[int, int, bool]]):
        self.doc = doc
        self.full = sorted(full_dates)  # (norm offset, year, comes with a day)
        self.positions = [pos for pos, _, _ in self.full]
        common = Counter(y for _, y, _ in full_dates).most_common(1)
        self.published = doc.published
        self.fallback = doc.published.year if doc.published else (common[0][0] if common else None)

    def at(self, offset: int, month: int | None = None, day: bool = False) -> int | None:
        """The year of the nearest full date in the sentence (one after ``offset`` first), else the fallback."""
        s, e = self.doc.sentence_at(offset)
        i = bisect_left(self.positions, offset)
        before = self.full[i - 1] if i > 0 and self.full[i - 1][0] >= s else None
        after = self.full[i] if i < len(self.full) and self.full[i][0] < e else None
        if day and self.published and after and not after[2]:
            after = next((f for f in self.full[i:] if f[0] < e and f[2]), None)
        near = [(offset - before[0] + 1000, before[1])] if before else []  # a date before counts less
        if after:
            near.append((after[0] - offset, after[1]))
        if near:
            return min(near)[1]
        if self.published and month and month > self.published.month + _MONTHS_AHEAD:
            return self.published.year - 1
        return self.fallback


def _iso(year: int | str | None, month: int | str, day: int | str | None = None) -> str | None:
    if year is None:
        if day is None:
            return None
        return f"--{int(month):02d}-{int(day):02d}" if make_date(2000, month, day) else None
    return make_date(year, month, day)


def _values(name: str, m: re.Match[str], year_at: Callable[[], int | None]) -> tuple[str | None, str | None, str]:
    g = m.groupdict()
    if name == "range_days":
        y2 = g["y2"] or year_at()
        m1 = g["m1"] or g["m2"]
        return _iso(g["y1"] or y2, m1, g["d1"]), _iso(y2, g["m2"], g["d2"]), "range"
    if name == "range_shared_month":
        y = g["y2"] or year_at()
        return _iso(y, g["m2"], g["d1"]), _iso(y, g["m2"], g["d2"]), "range"
    if name == "range_days_parenthesized":
        y = g["y2"] or year_at()
        return _iso(y, g["m2"], g["d1"]), _iso(y, g["m2"], g["d2"]), "range"
    if name == "range_months_no_year":
        year = year_at()
        if year is None or int(g["m2"]) <= int(g["m1"]):
            return None, None, "range"
        return _iso(year, g["m1"]), _iso(year, g["m2"]), "range"
    if name == "range_months":
        return _iso(g["y1"] or g["y2"], g["m1"]), _iso(g["y2"], g["m2"]), "range"
    if name in ("range_years", "term", "period"):
        if int(g["y2"]) <= int(g["y1"]):
            return None, None, "range"
        return g["y1"], g["y2"], {"term": "term", "period": "period"}.get(name, "range")
    if name == "quarter":
        q = _QUARTERS.get(g["q"]) or int(g["q"])
        return _iso(g["y"], 3 * q - 2), _iso(g["y"], 3 * q), "quarter"
    if name == "months_of_year":
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS[g["n"].lower()]
        year = g["y"] or year_at()
        if not 1 <= n <= 12 or year is None or (not g["half"] and not g["y"]):
            return None, None, "period"
        first, last = (13 - n, 12) if g["half"] == "cuối" else (1, n)
        return _iso(year, first), _iso(year, last), "period"
    if name == "quarter_no_year":
        q = _QUARTERS.get(g["q"]) or int(g["q"])
        year = year_at()
        return (_iso(year, 3 * q - 2), _iso(year, 3 * q), "quarter") if year else (None, None, "quarter")
    if name == "range_day_month":
        return _iso(g["y1"], g["m1"], g["d1"]), _iso(g["y2"], g["m2"]), "range"
    if name == "year_span":
        if not 0 < int(g["y2"]) - int(g["y1"]) <= 30:
            return None, None, "period"
        return g["y1"], g["y2"], "period"
    if name == "year_part":
        return g["y"], None, "year"
    if name == "iso":
        return _iso(g["y"], g["m"], g["d"]), None, "date"
    if name in ("date", "date_words"):
        return date_from_match(m), None, "date"
    if name == "date_no_year":
        return _iso(year_at(), g["m"], g["d"]), None, "date"
    if name == "date_weekday":
        return _iso(g["y"] or year_at(), g["m"], g["d"]), None, "date"
    if name == "month":
        return _iso(g["y"], g["m"]), None, "month"
    if name == "month_no_year":
        year = year_at()
        return (_iso(year, g["m"]) if year else None), None, "month"
    if name == "year":
        return g["y"], None, "year"
    raise ValueError(name)


def _first_month(name: str, m: re.Match[str]) -> int | None:
    """The first month a year-less expression covers (to tell last year's from this year's)."""
    g = m.groupdict()
    if g.get("m1") or g.get("m2") or g.get("m"):
        return int(g.get("m1") or g.get("m") or g["m2"])
    if name == "quarter_no_year":
        return 3 * (_QUARTERS.get(g["q"]) or int(g["q"])) - 2
    return None  # "6 tháng cuối năm" in a January article is this year's plan as often as last year's review


def _citation_ends(doc: Doc) -> list[int]:
    """Where document references end: the date after one is its signing date, which says nothing about
    the year of the events a report describes."""
    ends = [doc.norm_offset(d.stop) for d in doc.facts.get("documents", [])]
    return [end + (doc.norm[end:end + 1] == ",") for end in ends]


def find_dates(doc: Doc) -> list[DateFact]:
    text = doc.norm
    matches = [
        (m.start(), m.end(), (name, m))
        for at, trigger in _triggers(doc)
        for name, pattern in _patterns_at(trigger)
        if (m := pattern.match(text, at))
    ]
    chosen = dedupe_overlaps(matches)
    cited = {end + gap for end in _citation_ends(doc) for gap in range(4)}
    full = [
        (m.start(), int(m["y"] if m.groupdict().get("y") else m["y2"]), name in _DAY_PRECISE)
        for _, _, (name, m) in chosen  # type: ignore[misc]
        if (m.groupdict().get("y") or m.groupdict().get("y2")) and name not in ("term", "period")
        and m.start() not in cited and not _COMPARISON.search(text, max(0, m.start() - 16), m.start())
    ]
    years = _YearGuess(doc, full)
    facts: list[DateFact] = []
    for start, end, (name, m) in chosen:  # type: ignore[misc]
        value, end_value, kind = _values(
            name, m, lambda m=m, name=name: years.at(m.start(), _first_month(name, m), name in _DAY_NAMES))
        if value is None:
            continue
        span = doc.span(start, end)
        facts.append(DateFact(span.text, span.bounds, value=value, end=end_value, kind=kind))
    return facts


EXTRACTOR = Extractor(name="dates", fact_type=DateFact, find=find_dates, requires=("documents",))
