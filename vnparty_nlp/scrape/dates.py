"""Publication dates in the formats Vietnamese CMS pages print them, to ISO strings.

Seen on party and government sites: ``17:30' 21/5/2020``, ``Thứ Năm, 21/05/2020 17:30 (GMT+7)``,
``(09/03/2020)``, ``13:15 - 25/12/2020``, ``13/10/2020, 20:57``, ``ngày 21 tháng 5 năm 2020`` and ISO
``2020-05-21T17:30:00+07:00`` in meta tags.  Day comes before month, always.
"""
from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["parse_date", "find_date"]

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_TIME = re.compile(r"(?<![\d/.:-])(\d{1,2})\s*[:hH]\s*(\d{2})(?![\d/])(?:\s*'|\s*(am|pm|AM|PM|SA|CH))?")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1945 <= y <= 2100


def _time_near(text: str, span: tuple[int, int]) -> str | None:
    """An HH:MM within a few characters of the date (before or after it), else None."""
    window = text[max(0, span[0] - 16):span[0]] + " \x00 " + text[span[1]:span[1] + 24]
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


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in the text as (ISO string, span); with the time if one is printed beside it."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    m = _ISO.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            iso = f"{y:04d}-{mo:02d}-{d:02d}"
            if m.group(4):
                iso += f"T{int(m.group(4)):02d}:{m.group(5)}"
            found.append((m.start(), iso, m.span()))
    for rx, order in ((_DMY, (4, 3, 1)), (_WORDS, (3, 2, 1))):
        for m in rx.finditer(text):
            y, mo, d = (int(m.group(i)) for i in order)
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
    # round-trip check: never emit an impossible timestamp
    datetime.fromisoformat(iso)
    return iso
