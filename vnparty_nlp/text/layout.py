"""The parts of an article saved as plain text: title lines, dateline, body, byline, page furniture.

Collected pages carry the site's furniture after the article (reader comment forms, related-article
lists with their own dates, sidebars). It is cut off before anything is extracted, so its dates and
documents never become facts of the article. The cut keeps the text a prefix of the input, so
offsets stay offsets into the file the user has.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vnparty_nlp.text.normalize import match_key

#: lines that open the page furniture after an article (compared case-insensitively, as prefixes)
FURNITURE_MARKERS: tuple[str, ...] = (
    "ý kiến bạn đọc", "gửi ý kiến", "ý kiến của bạn", "họ và tên", "bình luận", "viết bình luận",
    "bài cùng chuyên mục", "tin cùng chuyên mục", "các bài liên quan", "bài liên quan", "các tin liên quan",
    "tin liên quan", "các tin khác", "tin khác", "tin đã đưa", "xem thêm", "đọc thêm", "đọc nhiều",
    "tin mới", "tin nổi bật", "quay lại", "xem tiếp", "về đầu trang", "in bài", "gửi bài viết",
    "chia sẻ", "từ khóa:", "tags:", "văn bản mới", "bộ phận một cửa", "liên kết website",
    "giới thiệu tạp chí in", "video clips", "thống kê truy cập",
)
_MARKER_MAX_LEN = 60
#: markers of link boxes that sites also embed in the middle of an article
BOX_MARKERS: tuple[str, ...] = ("tin liên quan", "các tin liên quan", "bài liên quan", "xem thêm", "đọc thêm")
#: body text (characters in long lines) that must follow a box for it to be inside the article
_BODY_AFTER_BOX = 150

#: a source credit rather than an author
CREDIT_PREFIXES = ("t/h", "th:", "tổng hợp", "nguồn", "theo ")
#: words that start the affiliation after a byline's name (``Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên``)
AFFILIATION_WORDS = frozenset(
    "Ban Tỉnh Huyện Thành Quận Thị Đảng Đài Báo Trung Văn Phòng Sở Ủy UBND HĐND Hội Cục Bộ Tạp Trường "
    "Công Viện Học Cổng Chi Xã Phường".split()
)

_TIME = r"(?P<h>\d{1,2})[:hg](?P<mi>\d{2})'?"
_DATE = r"(?P<d>\d{1,2})[/.-](?P<mo>\d{1,2})[/.-](?P<y>\d{4})"
#: the timestamp lines of news sites: 17:30' 21/5/2020 · Thứ Năm, 21/05/2020 17:30 · (09/03/2020)
_LABEL = r"(?:[^\d\n]{0,25}?[,:]\s*)?"  # "Thứ Năm, ", "Cập nhật: ", "Ngày đăng: "
TIMESTAMP_PATTERNS = (
    re.compile(rf"^\W*{_LABEL}{_TIME}\s*[-|,]?\s*(?:ngày\s*)?{_DATE}"),
    re.compile(rf"^\W*{_LABEL}(?:ngày\s*)?{_DATE}\s*[-|,]?\s*(?:{_TIME})?"),
)
#: navigation trails above a title: "Trang chủ » Tin tức » Xây dựng Đảng"
_BREADCRUMB = re.compile(r"[»›>|]|^\s*trang chủ", re.IGNORECASE)
_MAX_TIMESTAMP_LINE = 60


@dataclass(frozen=True)
class Layout:
    """Where the parts of a plain-text article are (offsets into the original text)."""

    end: int  # the article ends here; furniture (if any) follows
    boxes: tuple[tuple[int, int], ...]  # related-links boxes inside the article: no facts come from them
    title: str | None
    title_span: tuple[int, int] | None
    published: str | None  # ISO date or date-time
    author: str | None
    credit: str | None


def parse_timestamp(line: str) -> str | None:
    """``17:30' 21/5/2020`` → ``2020-05-21T17:30``; ``(09/03/2020)`` → ``2020-03-09``."""
    line = line.strip()
    if len(line) > _MAX_TIMESTAMP_LINE:
        return None
    for pattern in TIMESTAMP_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        try:
            day = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            continue
        if m["h"] is not None and int(m["h"]) < 24 and int(m["mi"]) < 60:
            return f"{day.isoformat()}T{int(m['h']):02d}:{m['mi']}"
        return day.isoformat()
    return None


def _lines(text: str, end: int | None = None) -> list[tuple[int, int]]:
    out, pos = [], 0
    limit = len(text) if end is None else end
    for line in text[:limit].split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_body_line(line: str) -> bool:
    line = line.strip()
    return len(line) >= 100 or (len(line) >= 60 and line[-1:] in ".:;!?…")


def _is_marker(line: str, markers: tuple[str, ...] = FURNITURE_MARKERS) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= _MARKER_MAX_LEN and match_key(stripped).startswith(markers)


def find_furniture(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the page furniture after the article begins (``len(text)`` when there is none), and the
    related-links boxes embedded in the body ("Tin liên quan" between two paragraphs), as spans."""
    lines = _lines(text)
    boxes: list[tuple[int, int]] = []
    seen_body = False
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if not seen_body:
            seen_body = _is_body_line(line)
            continue
        if not _is_marker(line):
            continue
        if _is_marker(line, BOX_MARKERS):
            resume = next((j for j in range(i + 1, len(lines)) if _is_body_line(text[lines[j][0]:lines[j][1]])), None)
            if resume is not None and sum(e - s for s, e in lines[resume:] if _is_body_line(text[s:e])) >= _BODY_AFTER_BOX:
                if not boxes or boxes[-1][1] <= start:
                    boxes.append((start, lines[resume][0]))
                continue
        if boxes and boxes[-1][0] <= start < boxes[-1][1]:
            continue  # inside a box already found
        return start, boxes
    return len(text), boxes


def _split_byline(line: str) -> tuple[str | None, str | None]:
    """(author, credit) from a short closing line, or (None, None) if it is not a byline."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or stripped[-1:] in ".;:!?" and not stripped.lower().startswith(CREDIT_PREFIXES):
        return None, None
    if stripped.lower().startswith(CREDIT_PREFIXES):
        return None, stripped.rstrip(".")
    words = stripped.split()
    name: list[str] = []
    for i, word in enumerate(words):
        if i >= 2 and word in AFFILIATION_WORDS or word in ("-", "(") or not word[:1].isupper():
            break
        name.append(word.rstrip(",("))
        if word.endswith(","):
            break
    if 2 <= len(name) <= 5:
        return " ".join(name), None
    return None, None


def parse_layout(text: str) -> Layout:
    """Title, dateline, byline and end of a plain-text article."""
    end, boxes = find_furniture(text)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    lines = [(s, e) for s, e in _lines(text, end) if text[s:e].strip()]

    title = title_span = published = None
    for s, e in lines[:5]:
        line = text[s:e]
        if _is_body_line(line):
            break
        stamp = parse_timestamp(line)
        if stamp:
            published = published or stamp
            if title:
                break  # the title is the line above the dateline; what follows is the lead
        elif len(line.strip()) >= 15 and not _BREADCRUMB.search(line):
            ls = s + len(line) - len(line.lstrip())
            title, title_span = line.strip(), (ls, ls + len(line.strip()))

    if published is None:  # some sites print the date under the article
        published = next((stamp for s, e in reversed(lines[-3:]) if (stamp := parse_timestamp(text[s:e]))), None)
    author = credit = None
    for s, e in reversed(lines[-2:]):
        if not _is_body_line(text[s:e]):
            author, credit = _split_byline(text[s:e])
            if author or credit:
                break
    return Layout(end=end, boxes=tuple(boxes), title=title, title_span=title_span, published=published, author=author, credit=credit)
