"""The parts of an article saved as plain text: title lines, dateline, body, byline, page furniture.

Collected pages carry the site's furniture after the article (reader comment forms, related-article
lists with their own dates, sidebars). It is cut off before anything is extracted, so its dates and
documents never become facts of the article. The cut keeps the text a prefix of the input, so
offsets stay offsets into the file the user has.

The head of a page (before the first paragraph of prose) holds the headline among portal chrome,
kickers, CMS residue, captions and datelines; the tail holds the byline among buttons and copyright
lines. Both are read line by line; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line. Dates and the
byline vocabulary come from :mod:`vnparty_nlp.lang`; what is only about page layout is data here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from vnparty_nlp.lang import BYLINE_PREFIXES, COPYRIGHT_WORDS, RANK_PREFIX, ROLE_WORDS, TODAY_WORDS, find_date
from vnparty_nlp.lang import dateline_rest as _dateline_rest
from vnparty_nlp.lang.bylines import BANNER_WORDS, CREDIT, NAME_WORD, PORTAL_WORDS
from vnparty_nlp.text.normalize import match_key

#: lines that open the page furniture after an article (compared case-insensitively, as prefixes)
FURNITURE_MARKERS: tuple[str, ...] = (
    "ý kiến bạn đọc", "gửi ý kiến", "ý kiến của bạn", "họ và tên", "bình luận", "viết bình luận",
    "gửi bình luận", "xem bình luận", "thông tin bạn đọc", "bài cùng chuyên mục", "tin cùng chuyên mục",
    "chuyên mục khác", "các bài liên quan", "bài liên quan", "bài viết liên quan", "các tin liên quan",
    "tin liên quan", "tin bài liên quan", "các tin khác", "tin khác", "tin đã đưa", "tin cùng loại",
    "xem thêm", "đọc thêm", "đọc nhiều", "xem nhiều", "tin mới", "tin nổi bật", "quay lại", "trở về trang",
    "xem tiếp", "về đầu trang", "in bài", "gửi bài viết", "chia sẻ", "từ khóa:", "tags:", "văn bản mới",
    "bộ phận một cửa", "liên kết website", "giới thiệu tạp chí in", "video clips", "thống kê truy cập",
)
#: furniture lines that are too common as the first words of a sentence to be matched as prefixes
FURNITURE_LINES: frozenset[str] = frozenset({"phản hồi", "mới nhất", "tin mới nhất", "trở về", "đóng"})
_MARKER_MAX_LEN = 60
#: how a site's footer opens (copyright, licence, editor in charge, address), as prefixes of lines that
#: may be longer than a marker: ``© 2023 Huyện ủy ...``, ``Giấy phép số 12/GP-TTĐT ...`` (an address or a
#: phone line is not among them: an article may print a hotline)
FOOTER_OPENERS: tuple[str, ...] = (
    "©", "(c) ", "copyright", "bản quyền thuộc", "bản quyền ©", "bản quyền:", "ghi rõ nguồn", "giấy phép số",
    "giấy phép xuất bản", "giấy phép thiết lập", "giấy phép hoạt động", "cơ quan chủ quản", "chịu trách nhiệm nội dung",
    "chịu trách nhiệm chính", "chịu trách nhiệm xuất bản", "tổng biên tập:", "trưởng ban biên tập:",
)
_FOOTER_MAX_LEN = 200
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

#: what a CMS leaves before a field's text when the field is empty or its label leaks (``null Tiêu đề``)
CMS_RESIDUE: tuple[str, ...] = ("null", "undefined", "None", "author", "content:", "title:")
#: portal chrome above a headline, as prefixes of the line (counters, tool buttons, skip links)
HEAD_CHROME: tuple[str, ...] = (
    "skip portlet", "portlet menu", "số lượt truy cập", "lượt truy cập", "đang truy cập", "lượt xem", "lượt đọc",
    "số lượt xem", "số lần xem", "số lần đọc", "lượt thích", "lượt chia sẻ", "lượt bình luận", "số người xem",
    "emailprint", "email print", "cỡ chữ", "font size", "trang chủ",
)
#: portal chrome above a headline, as whole lines (section names and menus that also begin headlines)
HEAD_CHROME_LINES = frozenset({
    "tin tức - sự kiện", "tin tức sự kiện", "tin tức", "tin tổng hợp", "tin hoạt động", "tin địa phương",
    "tin trong nước", "tin trong tỉnh", "tin trong huyện", "thời sự", "chính trị", "xây dựng đảng",
    "print", "email", "bản in", "chia sẻ", "thư viện ảnh", "thư viện video", "liên kết website", "liên kết",
    "danh mục", "chuyên mục", "menu", "tìm kiếm", "đăng nhập", "giới thiệu", "sơ đồ cổng", "sơ đồ trang",
    "liên hệ", "english", "hỏi đáp", "văn bản", "hình ảnh", "video",
})
#: how photo captions open (``Quang cảnh hội nghị``, ``Ảnh: TTXVN``): a caption is never the headline
CAPTION_OPENERS: tuple[str, ...] = (
    "quang cảnh", "toàn cảnh", "ảnh:", "ảnh minh họa", "ảnh minh hoạ", "ảnh tư liệu", "(ảnh", "các đại biểu dự",
    "các đại biểu tham dự", "các đại biểu biểu quyết", "đại biểu biểu quyết", "đại biểu tham dự", "đại biểu dự",
)
_CAPTION_INSIDE = re.compile(r"(?i)\(\s*ảnh\s*:|\bảnh\s*:\s*\S|\(ảnh minh h|\bảnh\s+minh\s+họa\b")
#: words a headline never ends on: the line is a fragment of a hard-wrapped paragraph
FRAGMENT_END_WORDS = frozenset("""
của và về các những tới cho với theo tại trong là được đã có để từ đến khi nhưng hoặc hay thì mà như
gồm bị do nhằm vào ra một đối giữa cùng
""".split())
#: words that end a headline ("dân số", "6 tháng đầu năm") or a wrapped reference ("Chỉ thị số", "ngày")
REFERENCE_END_WORDS = frozenset("số ngày tháng năm".split())
#: the last word of a document's name before its number ("Kế hoạch số", "Quyết định số")
REFERENCE_WORDS = frozenset("thị hoạch định quyết luận dẫn văn bản báo trình tư lệnh".split())
#: how a lead paragraph opens: a time of day or date and a comma (``Sáng 24/5, ...``), or a press tag
#: before a dash (``(BĐ) - ``, ``CTTĐT - ``, ``YênBái.vn - ``)
LEAD_OPENER = re.compile(
    r"(?i)^(?:sáng|chiều|tối|trưa|đêm|hôm|ngày|vừa qua|mới đây|trong|từ|sáng ngày|chiều ngày|tối ngày)\b"
    r"[^,.;:]{0,40},\s"
)
PRESS_TAG = re.compile(
    r"^(?:\(?[^\s()]{1,20}(?:\s[^\s()]{1,12})?\)\s*[-–—]\s|(?:[A-ZĐÂÊÔƠƯ]{2,10}|\w{2,15}\.(?:vn|com|net))\s+[-–—]\s)"
)
#: words that never begin a person's name in a byline (a sentence fragment: ``Tại Thừa Thiên Huế``)
NOT_NAME_START = frozenset("""
tại theo trong với về sau khi để do đến cùng qua nhờ ngoài bên trên dưới giữa các những một này đây đó
đồng hội bài tin ảnh video clip nguồn xem
""".split())
#: first words of units and places, never of a byline's name (``Thành``, ``Trung``, ``Đoàn`` are names)
NOT_NAME_FIRST = frozenset("ban sở bộ cục viện trường phòng xã phường huyện tỉnh quận ủy uỷ ubnd hđnd mttq đảng".split())
#: section headings written in capitals inside a report: never a byline (``ƯU ĐIỂM``)
HEADING_WORDS: tuple[str, ...] = (
    "ưu điểm", "hạn chế", "khuyết điểm", "tồn tại", "nguyên nhân", "kết quả", "nhiệm vụ", "giải pháp",
    "phương hướng", "bài học", "mục tiêu", "đặt vấn đề", "kết luận", "mở đầu", "tình hình", "phần",
)
#: button and form labels at the foot of a page (``Đóng``, ``Lưu``): never a byline
BUTTON_WORDS = frozenset("đóng lưu gửi hủy huỷ in email print chia sẻ bình luận xem thêm tiếp trang về quay lại"
                         " đăng nhập ký top like tweet share".split())
#: byline prefixes that credit only a photo: the name after them is not the article's author
PHOTO_PREFIXES = frozenset({"ảnh", "ảnh minh họa", "ảnh minh hoạ"})
#: common English words: a line of them under an article is a CMS message, not a byline
ENGLISH_WORDS = frozenset("the a an is was are of to in on for and or not please try again error page website "
                          "request occurred found your this has been".split())
#: how an organisation that signs an article begins (``Trung tâm VH-TT&TT``, ``Cổng TTĐT tỉnh``)
ORG_BYLINE_OPENERS: tuple[str, ...] = (
    "trung tâm", "cổng", "báo ", "đài ", "ban biên tập", "biên tập viên", "bbt", "văn phòng", "phòng ", "tạp chí",
    "ttxvn", "nhóm pv", "nhóm phóng viên", "pv ", "ban tuyên giáo", "ban tổ chức", "ban dân vận", "ubkt",
    "ủy ban kiểm tra", "uỷ ban kiểm tra", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ",
    "đảng ủy", "đảng uỷ", "hội ", "đoàn ", "ubnd", "sở ",
)
#: what an organisation byline may say after its name (``(Trung tâm VH-TT&TT thực hiện)``)
_DONE_BY = re.compile(r"(?i)^\(?\s*(?P<who>[^()]{3,70}?)\s+(?:thực hiện|thông tin|đưa tin)\s*\)?\s*\.?$")
#: a publication label: a date after one is the article's, wherever it stands
_PUBLISHED_LABEL = re.compile(r"(?i)đăng|cập nhật|xuất bản|ngày đưa|posted|published|updated")
#: what a dateline line may hold besides its date: seconds, AM/PM, bullets, print buttons, CMS residue
_DATELINE_EXTRA = re.compile(r"(?i)\b(?:đưa|in bài|bản in|am|pm|sa|ch|author|null|lượt xem|email|print|"
                             r"ngày|giờ|\d+)\b|[•·*#]")
#: the place a dateline opens with: "Quỳnh Nhai (Sơn La), ngày 20/10/2022", "Hà Nội, ngày 5 tháng 3 năm 2023"
_PLACE_OF_DATELINE = re.compile(
    rf"^(?:{NAME_WORD}[^\S\n]+){{0,3}}{NAME_WORD}(?:[^\S\n]*\((?:{NAME_WORD}[^\S\n]*){{1,4}}\))?[^\S\n]*,[^\S\n]*"
    r"(?=(?i:ngày)\s)")
#: a corpus prefix before an excerpt: `` date 2024-08 `` (a month, or a day)
_CORPUS_DATE = re.compile(r"\s*date\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?=\s)")
#: a headline with its timestamp in brackets (portal lists): ``Công bố quyết định ... (22/07/2020 03:31 PM)``
_TRAILING_STAMP = re.compile(r"\(\s*(?P<stamp>[^()]{6,40})\)\s*$")
_NAME_PART = re.compile(
    rf"^(?:(?:{NAME_WORD}\.)+\s*)?{NAME_WORD}(?:\s+(?:{NAME_WORD}\.)*{NAME_WORD}){{0,4}}$"
)
#: navigation trails above a title: "Trang chủ » Tin tức » Xây dựng Đảng"
_BREADCRUMB = re.compile(r"[»›>|]|^\s*trang chủ", re.IGNORECASE)
#: a site's own name heading its pages ("báo " alone would also take "Báo cáo ..." headlines)
_PORTAL_NAMES = tuple(w for w in PORTAL_WORDS if w != "báo ")
_MAX_TIMESTAMP_LINE = 80
_MIN_TITLE_WORDS = 4
_MAX_TITLE_LEN = 220
_HEAD_LINES = 12
_TAIL_LINES = 4
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Layout:
    """Where the parts of a plain-text article are (offsets into the original text)."""

    end: int  # the article ends here; furniture (if any) follows
    boxes: tuple[tuple[int, int], ...]  # no facts come from them: related-links boxes, the portal's chrome above the headline
    title: str | None
    title_span: tuple[int, int] | None
    published: str | None  # ISO date or date-time (a month ``YYYY-MM`` from a corpus prefix)
    author: str | None
    credit: str | None


def _key(line: str) -> str:
    return match_key(line).lstrip(" •·*-–—<>»›|:").strip()


def parse_timestamp(line: str) -> str | None:
    """``17:30' 21/5/2020`` → ``2020-05-21T17:30``; ``(09/03/2020)`` → ``2020-03-09``; ``Đăng ngày
    10/04/2015`` → ``2015-04-10``. None unless the line is a dateline (a date and nothing but labels)."""
    line = unicodedata.normalize("NFC", line.strip())
    if not line or len(line) > _MAX_TIMESTAMP_LINE:
        return None
    hit = find_date(line)
    if hit is None:
        return None
    rest = _DATELINE_EXTRA.sub(" ", _dateline_rest(_PLACE_OF_DATELINE.sub("", line)))
    rest = " ".join(w for w in rest.split() if w not in CMS_RESIDUE)
    if len(rest) > 3 or any(w in line.lower() for w in TODAY_WORDS):
        return None
    return hit[0]


def _lines(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the lines of ``text[:end]``; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line."""
    limit = len(text) if end is None else end
    out, pos = [], 0
    for m in _LINE_BREAK.finditer(text, 0, limit):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, limit))
    return out


def _is_body_line(line: str) -> bool:
    line = line.strip()
    return len(line) >= 100 or (len(line) >= 60 and line[-1:] in ".:;!?…")


def _is_marker(line: str, markers: tuple[str, ...] = FURNITURE_MARKERS) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > _MARKER_MAX_LEN:
        return False
    key = _key(stripped)
    return key.startswith(markers) or (markers is FURNITURE_MARKERS and key in FURNITURE_LINES)


def find_furniture(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the page furniture after the article begins (``len(text)`` when there is none), and the
    related-links boxes embedded in the body ("Tin liên quan" between two paragraphs), as spans."""
    lines = _lines(text)
    body = [_is_body_line(text[s:e]) for s, e in lines]
    # body characters from each line to the end, and the next body line from each line: linear, however
    # many "Tin liên quan" a page repeats
    body_after = [0] * (len(lines) + 1)
    next_body = [len(lines)] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        body_after[i] = body_after[i + 1] + (lines[i][1] - lines[i][0] if body[i] else 0)
        next_body[i] = i if body[i] else next_body[i + 1]
    boxes: list[tuple[int, int]] = []
    seen_body = False
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if not seen_body:
            seen_body = body[i]
            continue
        if len(line.strip()) <= _FOOTER_MAX_LEN and _key(line).startswith(FOOTER_OPENERS):
            return start, boxes
        if not _is_marker(line):
            continue
        if _is_marker(line, BOX_MARKERS):
            resume = next_body[i + 1]
            if resume < len(lines) and body_after[resume] >= _BODY_AFTER_BOX:
                if not boxes or boxes[-1][1] <= start:
                    boxes.append((start, lines[resume][0]))
                continue
        if boxes and boxes[-1][0] <= start < boxes[-1][1]:
            continue  # inside a box already found
        return start, boxes
    return len(text), boxes


# ---------------------------------------------------------------------------------------------- head


_RESIDUE = re.compile(r"(?:" + "|".join(re.escape(w) for w in CMS_RESIDUE) + r")\s+(?=\S)")


def _strip_residue(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a line without surrounding space and a CMS's ``null ``/``author `` residue."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    for _ in range(3):  # "null author Tiêu đề"; bounded, whatever a hostile line repeats
        m = _RESIDUE.match(text, start, end)
        if not m:
            break
        start = m.end()
    return start, end


def _words(line: str) -> list[str]:
    return re.findall(r"\w+", line)


def _is_caption(line: str) -> bool:
    key = _key(line)
    return key.startswith(CAPTION_OPENERS) or bool(_CAPTION_INSIDE.search(line))


def _is_fragment(line: str) -> bool:
    """A piece of a hard-wrapped paragraph or listing snippet, not a headline."""
    words = line.rstrip(" ,;:-–—(").split()
    last = words[-1].lower().strip("“”\"'(") if words else ""
    if len(words) >= 2 and last in REFERENCE_END_WORDS:  # "Chỉ thị số", "119-KH/TU, ngày" (not "dân số")
        before = words[-2]
        if before.endswith(",") or before.lower() in REFERENCE_WORDS:
            return True
    return line.rstrip()[-1:] in ",;:-–(" or last in FRAGMENT_END_WORDS or line[:1].isdigit() and "/" in line[:10]


def _is_prose(line: str) -> bool:
    """A paragraph of the article (ends a page's head): a headline has no full stop and fits a line."""
    line = line.strip().rstrip("”\"')»")
    return len(line) > _MAX_TITLE_LEN or line.endswith((".", ";", "…")) or len(line) >= 60 and line.endswith(("!", "?", ":"))


#: what separates a section label from the dateline on one line: ``Xây dựng Đảng | 05/10/2023 07:30``
_LABEL_SEPARATOR = re.compile(r"\s+[|»›>]\s+|\s*[|»›]\s*")


def _head_stamp(line: str) -> str | None:
    """The date of a head line that is a dateline, alone or beside a section label, a breadcrumb or another
    field (``Xây dựng Đảng | 05/10/2023 07:30``, ``Tin tức » Thứ Ba, 12/9/2023``, ``... | Người đăng: Admin``)."""
    if stamp := parse_timestamp(line):
        return stamp
    parts = _LABEL_SEPARATOR.split(line)
    if len(parts) < 2 or len(parts) > 4:
        return None
    stamps = [stamp for p in parts if (stamp := parse_timestamp(p))]
    labels = [p for p in parts if not parse_timestamp(p)]
    if len(stamps) != 1 or not all(len(_words(p)) <= 6 and not find_date(p) for p in labels):
        return None
    return stamps[0]  # "Đăng ngày: 08/06/2022 | Người đăng: Admin" too


def _head_kind(line: str) -> str:
    """What a line of a page's head is: date, chrome, short, caption, fragment, lead, prose or title."""
    if _head_stamp(line):
        return "date"
    if len(line) > _MAX_TITLE_LEN:
        return "prose"
    if (cut := _site_suffix_at(line)) and not _BREADCRUMB.search(line[:cut]):
        line = line[:cut]  # "Headline | Cổng thông tin điện tử tỉnh X": the headline, whatever the bar says
    key = _key(line)
    if not key or _BREADCRUMB.search(line) or key.startswith(HEAD_CHROME) and len(line) < 40 or key in HEAD_CHROME_LINES:
        return "chrome"
    if key.startswith(_PORTAL_NAMES) or line.isupper() and key.startswith(BANNER_WORDS) and len(_words(line)) <= 7:
        return "chrome"  # the site's name or banner: "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN ...", "ĐẢNG BỘ TỈNH ..."
    if len(_words(line)) < _MIN_TITLE_WORDS:
        return "short"  # a kicker (a place name alone), a counter, a button row
    if _is_caption(line):
        return "caption"
    if PRESS_TAG.match(line) or LEAD_OPENER.match(line) and (len(line) > 90 or line.rstrip().endswith(".")):
        return "lead"
    if _is_prose(line):
        return "prose"
    if _is_fragment(line):
        return "fragment"
    return "title"


def _headline_with_stamp(line: str) -> tuple[str, str] | None:
    """``Headline (22/07/2020 03:31 PM)`` → (headline, ISO stamp)."""
    m = _TRAILING_STAMP.search(line)
    if not m or not (stamp := parse_timestamp(m["stamp"])):
        return None
    return line[:m.start()].rstrip(), stamp


@dataclass
class _Head:
    title: tuple[int, int] | None = None
    published: str | None = None
    top_byline: str | None = None
    chrome: list[tuple[int, int]] = field(default_factory=list)  # banners, breadcrumbs, section names above it
    end: int = 0  # index (into the content lines) of the first line after the head


def _read_head(text: str, lines: list[tuple[int, int]]) -> _Head:
    """Headline and dateline among the lines above the first paragraph."""
    head = _Head()
    candidates: list[tuple[int, tuple[int, int]]] = []  # (line index, span)
    dates: list[tuple[int, str, bool]] = []  # (line index, ISO, labelled or timed)
    skipped = False  # chrome, a kicker or a date stands above: the next line is in the headline's place
    for i, (s, e) in enumerate(lines[:_HEAD_LINES]):
        s, e = _strip_residue(text, s, e)
        if i == 0 and (m := _CORPUS_DATE.match(text, s, e)):
            head.published = m["date"]
            s, e = _strip_residue(text, m.end(), e)
            if s >= e:
                continue
        line = text[s:e]
        kind = _head_kind(unicodedata.normalize("NFC", line))
        if kind == "title" and (pair := _headline_with_stamp(line)):
            dates.append((i, pair[1], True))
            if not candidates:
                candidates.append((i, (s, s + len(pair[0]))))
            continue
        if kind == "date":
            stamp = _head_stamp(line) or ""
            # above a headline, a date with neither time nor label written out in words is the header's "today"
            spelled = bool(re.search(r"(?i)\btháng\b", line))
            dates.append((i, stamp, "T" in stamp or bool(_PUBLISHED_LABEL.search(line)) or not spelled))
            skipped = True
            continue
        if kind == "chrome" and not candidates and not _is_prose(line):  # the site's banner or menu, not the
            head.chrome.append((s, e))  # article (a sentence with a stray "<b>" or "|" is the article)
        if kind in ("chrome", "short"):
            skipped = skipped or not candidates
            continue
        if kind == "caption":
            if candidates:
                head.end = i
                break
            continue
        if kind == "prose" and skipped and not candidates and _one_sentence_headline(line):
            kind = "title"  # ``Tin tức - Sự kiện`` above it: a headline that ends with a full stop
        if kind == "title" and candidates and candidates[-1][0] < i - 1 and not dates:
            head.end = i  # a second title-like line after other lines: the head is over
            break
        if kind != "title":
            head.end = i
            break
        candidates.append((i, (s, e)))
    else:
        head.end = min(len(lines), _HEAD_LINES)

    if candidates:
        below = [d for d in dates if d[0] > candidates[0][0]]
        if below:  # the headline is the line above the dateline (a rubric may stand above it)
            before = [c for c in candidates if c[0] < below[0][0]]
            head.title = before[-1][1]
        else:
            head.title = candidates[0][1]
    title_at = next((i for i, span in candidates if span == head.title), -1)
    if head.published is None:
        below = [d for d in dates if d[0] > title_at >= 0]
        above = [d for d in dates if d[0] < title_at or title_at < 0]
        chosen = below[0] if below else next((d for d in above if d[2]), None)
        head.published = chosen[1] if chosen else None
    return head


def _one_sentence_headline(line: str) -> bool:
    line = line.strip()
    return len(line) <= 120 and line.endswith(".") and not line.endswith("./.") and ". " not in line[:-1]


# ---------------------------------------------------------------------------------------------- byline


def _is_name(part: str) -> bool:
    """A person's name as bylines print it: ``Phương Lan``, ``PHƯƠNG LAN``, ``T.LĨNH``, ``Nguyễn Văn A``."""
    part = part.strip()
    if not _NAME_PART.match(part):
        return False
    words = re.sub(r"[.'’]", r"\g<0> ", part).split()  # "T.LĨNH", "K'Thuận": two syllables
    first = words[0].lower().rstrip(".")
    if len(words) < 2 and "." not in part or all(len(w) < 2 for w in words):
        return False  # "A A" is the font-size buttons
    lowered = " ".join(w.lower() for w in part.split())
    if first in NOT_NAME_START or first in NOT_NAME_FIRST or lowered.startswith(ORG_BYLINE_OPENERS):
        return False
    return not lowered.startswith(HEADING_WORDS) and not all(w.lower() in BUTTON_WORDS for w in part.split())


def _leading_name(part: str) -> str | None:
    """The name at the start of ``Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên`` (the rest is the unit)."""
    words = part.split()
    n = next((i for i, word in enumerate(words) if i >= 2 and word in AFFILIATION_WORDS), None)
    if n is None or n > 5 or not all(w[:1].isupper() for w in words[n:n + 1]):
        return None  # no unit follows: "Nguyễn Văn A cho biết" is a sentence, not a byline
    joined = " ".join(words[:n])
    return joined if _is_name(joined) else None


def _strip_byline_prefix(line: str) -> tuple[str, bool]:
    """``Bài và ảnh: Thu Hà`` → (``Thu Hà``, True)."""
    m = re.match(r"^\s*([^:]{1,25}?)\s*:\s*(\S.*)$", line)
    if m and m.group(1).lower().strip() in BYLINE_PREFIXES and m.group(1).lower().strip() not in PHOTO_PREFIXES:
        return m.group(2).strip(), True
    return line, False


_PHOTO_CREDIT_AFTER = re.compile(r"\s*[;,.\-–—|]?\s*(?<!\w)(?i:ảnh|video|đồ họa)\s*:.*$")


def _split_byline(line: str, *, last: bool = True) -> tuple[str | None, str | None]:
    """(author, credit) from a short closing line, or (None, None) if it is not a byline."""
    stripped = " ".join(unicodedata.normalize("NFC", line).split())
    if not stripped or len(stripped) > 80:
        return None, None
    if stripped.lower().startswith(CREDIT_PREFIXES) or CREDIT.match(stripped):
        return None, stripped.rstrip(".")
    if m := _DONE_BY.match(stripped):  # (Trung tâm VH-TT&TT thực hiện)
        who = m["who"].strip()
        return (who, None) if who[:1].isupper() else (None, None)
    stripped, prefixed = _strip_byline_prefix(stripped)
    if prefixed:  # "Tin: Thu Phương; Ảnh: Quang Hùng": the writer signs; the photo credit is not the author
        stripped = _PHOTO_CREDIT_AFTER.sub("", stripped) or stripped
    if stripped[-1:] in ";:!?" or stripped.endswith(".") and not re.search(r"\b\w\.$", stripped) and not prefixed:
        return None, None
    stripped = stripped.rstrip(".").strip()
    stripped = re.sub(r"\s*\([^()]*\)\s*$", "", stripped)  # (Trung tâm Truyền thông huyện)
    key = stripped.lower()
    capitalised = sum(w[:1].isupper() for w in stripped.split())
    if last and key.startswith(ORG_BYLINE_OPENERS) and len(stripped) <= 60 and 2 * capitalised >= len(stripped.split()):
        return stripped, None  # Biên tập viên Cổng TTĐT tỉnh
    if re.fullmatch(r"(?i)pv|nhóm pv|phóng viên", stripped):
        return stripped, None
    body = RANK_PREFIX.sub("", stripped)
    names: list[str] = []
    for part in re.split(r"\s+[-–—]\s+|\s*[,;/]\s*|\s+và\s+|\s+&\s+", body):
        part = part.strip()
        if not part:
            continue
        if _is_name(part):
            names.append(part)
            continue
        if names and (part[:1] in "(" or part.split()[0] in AFFILIATION_WORDS or part.split()[0].lower() in ROLE_WORDS):
            break  # the unit or the role after the names
        lead = _leading_name(part)
        if lead and not names:
            names.append(lead)
            break
        return None, None
    if not names:
        return None, None
    if body != stripped:  # keep a rank as written: ``TS. Nguyễn Văn A``
        names[0] = stripped[: len(stripped) - len(body)] + names[0]
    return ", ".join(names), None


def _is_tail_chrome(line: str) -> bool:
    """Lines under a byline that are not the article: copyright, a CMS error, buttons, counters, a unit."""
    key = _key(line)
    if not key or len(_words(line)) == 0:
        return True
    if any(w in key for w in COPYRIGHT_WORDS) or key.startswith(("ảnh:", "ảnh :", "ảnh minh họa")):
        return True
    if line.strip().startswith("(") and line.strip().endswith(")") and not _DONE_BY.match(line.strip()):
        return True  # (UBKT Huyện ủy Can Lộc): the author's unit
    if line.isascii() and len(set(key.split()) & ENGLISH_WORDS) >= 2:
        return True  # "The website encountered an unexpected error."
    return all(w in BUTTON_WORDS for w in key.split()) or key.startswith(HEAD_CHROME) and len(key) < 30 or (
        key in HEAD_CHROME_LINES)


#: how the unit under a signature begins (``Trường Chính trị tỉnh``, ``Học viện Chính trị khu vực I``)
UNIT_LINE_OPENERS: tuple[str, ...] = (*ORG_BYLINE_OPENERS, "trường ", "học viện", "viện ", "khoa ", "đại học", "ủy ban",
                                      "uỷ ban", "thành ủy", "thành uỷ", "thị ủy", "thị uỷ", "quận ủy", "quận uỷ")


def _is_unit_line(line: str) -> bool:
    """A line that names only a unit: a signature's affiliation printed under the name."""
    line = line.strip()
    return 0 < len(line) <= 80 and line[-1:] not in ".;:!?" and line.lower().startswith(UNIT_LINE_OPENERS) and all(
        w[:1].isupper() or w.lower() in ("và", "&") or not w[:1].isalpha() for w in line.split()[:2])


def _read_tail(text: str, lines: list[tuple[int, int]], head_end: int) -> tuple[str | None, str | None, str | None]:
    """(author, credit, published) from the last lines of the article."""
    author = credit = None
    tail = lines[max(head_end, len(lines) - _TAIL_LINES):]
    published = next((stamp for s, e in reversed(tail[-3:]) if (stamp := parse_timestamp(text[s:e]))), None)
    seen_text = False
    for i in range(len(tail) - 1, -1, -1):
        s, e = tail[i]
        line = unicodedata.normalize("NFC", text[s:e].strip())
        if _is_tail_chrome(line) and not seen_text or parse_timestamp(line):
            continue
        if _is_body_line(line) or len(line) > 80:
            break
        if not seen_text and i > 0 and _is_unit_line(line):
            above = unicodedata.normalize("NFC", text[tail[i - 1][0]:tail[i - 1][1]].strip())
            name = None if _is_unit_line(above) else _split_byline(above, last=False)[0]
            if name:  # "ThS. Nguyễn Thị Lan" over "Trường Chính trị tỉnh": the writer and her unit
                author = name
                break
        found_author, found_credit = _split_byline(line, last=not seen_text)
        if found_credit and credit is None:  # "Theo Báo Hà Giang" closes the article like the byline above it
            credit = found_credit
            continue
        seen_text = True
        if found_author:
            author = found_author
        break
    return author, credit, published


def _byline_beside_date(line: str) -> str | None:
    """The author on a dateline's line (``Lê Hà | 12/06/2023 09:15``, ``Ngày: 12/06/2023 | Tác giả: Phạm Hà``);
    ``""`` for a dateline that names no one, None for any other line."""
    parts = _LABEL_SEPARATOR.split(line)
    if len(parts) < 2 or not _head_stamp(line):
        return None
    for part in parts:
        part = part.strip()
        if not part or parse_timestamp(part) or _head_kind(part) == "chrome":
            continue
        _, prefixed = _strip_byline_prefix(part)
        if (prefixed or _is_name(part)) and (who := _split_byline(part, last=False)[0]):
            return who
    return ""


def _top_byline(text: str, lines: list[tuple[int, int]], head: _Head) -> str | None:
    """A byline printed under the headline: ``Bài và ảnh: Thu Hà``, or a name in capitals on its own line."""
    after_title = head.title is None
    for s, e in lines[: head.end + 2]:
        if head.title and s <= head.title[0] < e:
            after_title = True
            continue
        line = unicodedata.normalize("NFC", text[s:e].strip())
        if (who := _byline_beside_date(line)) is not None:
            if who:
                return who
            continue
        if not line or len(line) > 60:
            continue
        _, prefixed = _strip_byline_prefix(line)
        if prefixed or after_title and head.title and line.isupper() and _is_name(line):
            return _split_byline(line, last=False)[0]
    return None


#: the site's name that a page's <title> adds after the headline: `` - Báo Tuyên Quang điện tử``, `` | Cổng TTĐT ...``
_SITE_SUFFIX = re.compile(r"\s+[-–|]\s+(?P<site>[^-–|]{3,80})$")


def _site_suffix_at(title: str) -> int | None:
    """Where the site's name after a headline begins (None when the headline has none)."""
    m = _SITE_SUFFIX.search(title)
    if not m or len(_words(title[:m.start()])) < _MIN_TITLE_WORDS:
        return None
    site = m["site"].strip()
    key = _key(site)
    if key.startswith(_PORTAL_NAMES) or re.match(r"(?:Báo|BÁO)\s+[A-ZĐ]", site) or re.search(r"(?i)\.(?:vn|com|net)$", site):
        return m.start()
    return None


def parse_layout(text: str) -> Layout:
    """Title, dateline, byline and end of a plain-text article."""
    end, boxes = find_furniture(text)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    lines = [(s, e) for s, e in _lines(text, end) if text[s:e].strip()]

    head = _read_head(text, lines)
    if head.title and (cut := _site_suffix_at(text[head.title[0]:head.title[1]])):
        head.title = (head.title[0], head.title[0] + cut)
    title = text[head.title[0]:head.title[1]] if head.title else None
    author, credit, bottom_date = _read_tail(text, lines, head.end)
    published = head.published or bottom_date  # some sites print the date under the article
    author = author or _top_byline(text, lines, head)
    boxes = sorted([*head.chrome, *boxes])
    return Layout(end=end, boxes=tuple(boxes), title=title, title_span=head.title, published=published,
                  author=author, credit=credit)
