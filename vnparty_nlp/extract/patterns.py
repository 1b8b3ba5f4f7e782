"""Regular-expression pieces and value parsers shared by the extractors.

Patterns run on the matching form of the text (``Doc.norm``): NFC, dashes folded to ``-``, no-break
spaces to spaces, new-style tone placement. ``\\s`` also covers the hard line breaks of real pages.
"""
from __future__ import annotations

import datetime as dt
import re

VIETNAMESE_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
VIETNAMESE_UPPER = VIETNAMESE_LOWER.upper()
#: an upper-case Vietnamese letter (``[A-Z]`` misses Đ, Ư, Ô, ...)
UPPER = f"[{VIETNAMESE_UPPER}]"
LOWER = f"[{VIETNAMESE_LOWER}]"
#: a capitalized syllable (``Biên``) or an all-caps one (``TCCSĐ``, ``NGUYỄN``)
CAP_SYLLABLE = rf"{UPPER}(?:{LOWER}+|{UPPER}*)"
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


#: provinces and centrally-run cities (before the 2025 mergers, as in the archives), for telling places
#: from personal names and for the archive's province facets
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
