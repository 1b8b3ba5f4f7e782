"""Dates as Vietnamese pages print them, to ISO strings; the vocabulary of datelines.

Seen on party, government and news sites: ``17:30' 21/5/2020``, ``Thứ Năm, 21/05/2020 17:30 (GMT+7)``,
``thứ tư - 08/04/2015 08:11``, ``(09/03/2020)``, ``13:15 - 25/12/2020``, ``13/10/2020, 20:57``,
``ngày 21 tháng 5 năm 2020``, ``ngày 08 tháng Tư năm 2015``, ``Cập nhật: 08/04/2015`` and ISO
``2020-05-21T17:30:00+07:00`` in meta tags.  Day comes before month, always.  An ISO time with an
offset is given in Vietnam time (UTC+7), the time the visible dateline prints.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

__all__ = [
    "WEEKDAYS", "MONTH_WORDS", "DATELINE_LABELS", "MODIFIED_LABELS", "TODAY_WORDS", "COPYRIGHT_WORDS",
    "find_date", "parse_date", "dateline_rest",
]

#: weekday names, long and short, as they open datelines (lower case, NFC)
WEEKDAYS: tuple[str, ...] = (
    "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "thứ bẩy", "chủ nhật",
    "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "t2", "t3", "t4", "t5", "t6", "t7", "cn",
)
#: month words after "tháng" ("tháng Tư", "tháng Giêng", "tháng Chạp") → month number
MONTH_WORDS: dict[str, int] = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "một một": 11, "mười hai": 12, "chạp": 12,
}
#: labels that open a publication dateline
DATELINE_LABELS: tuple[str, ...] = (
    "ngày đăng", "đăng ngày", "đăng lúc", "ngày xuất bản", "xuất bản", "thời gian đăng", "ngày đưa tin",
    "ngày cập nhật", "cập nhật lần cuối", "cập nhật", "đăng tải", "ngày", "lúc", "gmt+7", "gmt + 7",
    "giờ", "sáng", "chiều", "tối", "posted", "published", "updated",
)
#: labels that mark the date as a modification, not the first publication
MODIFIED_LABELS: tuple[str, ...] = ("cập nhật lần cuối", "sửa đổi lần cuối", "chỉnh sửa", "last modified",
                                    "updated")
#: words of the header's "today" date, never a publication date
TODAY_WORDS: tuple[str, ...] = ("hôm nay", "today", "bây giờ là")
#: words of copyright and licence lines, whose dates and years are never a publication date
COPYRIGHT_WORDS: tuple[str, ...] = ("©", "bản quyền", "copyright", "giấy phép", "all rights reserved",
                                    "ghi rõ nguồn", "phát hành lúc")

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?)?")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_MONTH_ALT = "|".join(sorted((re.escape(w) for w in MONTH_WORDS), key=len, reverse=True))
_WORDS = re.compile(rf"(?i)ngày\s+(\d{{1,2}})\s*(?:tháng|/)\s*(\d{{1,2}}|{_MONTH_ALT})\s*(?:năm|/)\s*(\d{{4}})")
_TIME = re.compile(r"(?<![\d/.:-])(\d{1,2})\s*(?:[:hH]|giờ)\s*(\d{2})(?![\d/])(?:\s*'|\s*(am|pm|AM|PM|SA|CH))?")
_VN = timezone(timedelta(hours=7))


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1945 <= y <= 2100


def _time_near(text: str, span: tuple[int, int]) -> str | None:
    """An HH:MM within a few characters of the date (before or after it), else None."""
    window = text[max(0, span[0] - 24):span[0]] + " \x00 " + text[span[1]:span[1] + 24]
    for m in _TIME.finditer(window):
        h, mi = int(m.group(1)), int(m.group(2))
        ampm = (m.group(3) or "").lower()
        if ampm in ("pm", "ch") and h < 12:
            h += 12
        elif ampm in ("am", "sa") and h == 12:
            h = 0
        if h < 24 and mi < 60:
            return f"{h:02d}:{mi:02d}"
    return None


def _iso_hit(m: re.Match[str]) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not _valid(y, mo, d):
        return None
    if not m.group(4):
        return f"{y:04d}-{mo:02d}-{d:02d}"
    h, mi = int(m.group(4)), int(m.group(5))
    if h > 23 or mi > 59:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    stamp = datetime(y, mo, d, h, mi)
    zone = m.group(7)
    if zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "") if zone != "Z" else "0000"
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:])) * sign if zone != "Z" else timedelta(0)
        stamp = stamp.replace(tzinfo=timezone(offset)).astimezone(_VN).replace(tzinfo=None)
    return stamp.strftime("%Y-%m-%dT%H:%M")


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in the text as (ISO string, span); with the time if one is printed beside it."""
    text = unicodedata.normalize("NFC", text)
    found: list[tuple[int, str, tuple[int, int]]] = []
    for m in _ISO.finditer(text):
        iso = _iso_hit(m)
        if iso:
            found.append((m.start(), iso, m.span()))
            break
    for rx, order in ((_DMY, (4, 3, 1)), (_WORDS, (3, 2, 1))):
        for m in rx.finditer(text):
            y, d = int(m.group(order[0])), int(m.group(order[2]))
            month = m.group(order[1])
            mo = int(month) if month.isdigit() else MONTH_WORDS[month.lower()]
            if _valid(y, mo, d):
                iso = f"{y:04d}-{mo:02d}-{d:02d}"
                hm = _time_near(text, m.span())
                found.append((m.start(), f"{iso}T{hm}" if hm else iso, m.span()))
                break
    if not found:
        return None
    _, iso, span = min(found)
    return iso, span


def parse_date(text: str | None) -> str | None:
    """ISO ``YYYY-MM-DDTHH:MM`` (or ``YYYY-MM-DD`` without a time) for the first date in a text."""
    if not text:
        return None
    hit = find_date(text)
    if hit is None:
        return None
    iso = hit[0]
    datetime.fromisoformat(iso)  # never emit an impossible timestamp
    return iso


_NOT_DATE_WORDS = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(w) for w in sorted({*WEEKDAYS, *DATELINE_LABELS, *MODIFIED_LABELS},
                                                         key=len, reverse=True)) + r")\b"
)
_DATE_TOKENS = re.compile(
    r"(?i)(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\s*[/.\-]\s*\d{1,2}"
    r"\s*[/.\-]\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\S+(?:\s+\S+)?\s+năm\s+\d{4}|\d{1,2}\s*(?:[:hH]|giờ)\s*\d{2}\s*'?"
    r"(?:\s*(?:am|pm|sa|ch)\b)?|gmt\s*[+-]\s*\d{1,2})"
)


def dateline_rest(text: str) -> str:
    """What a line holds besides dates, times, weekdays and dateline labels (to tell a dateline from prose)."""
    rest = _DATE_TOKENS.sub(" ", unicodedata.normalize("NFC", text))
    rest = _NOT_DATE_WORDS.sub(" ", rest)
    return re.sub(r"[\s,.;:|/()\[\]'\-–—+]+", " ", rest).strip()
