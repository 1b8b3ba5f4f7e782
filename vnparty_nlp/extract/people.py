"""People and their titles: ``đồng chí Văn Hữu Bằng, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức ...``.

The genre writes a person in a few fixed ways, each handled here:

* an honorific, the name, then the title (``Đồng chí Văn Hữu Bằng Ủy viên Ban Thường vụ ... cho biết``,
  ``Đ/c Lê Văn A - Bí thư Huyện ủy``);
* a list after a header (``các đồng chí: A, title; B, title``, ``dự có các Đ/c: A - title, B – title``,
  ``Các Ủy viên Bộ Chính trị: A - title; B - title``) and, anywhere, a name that starts with a surname
  followed by a comma or a dash and a title;
* the title first (``Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lò Văn Muôn``), the name told from the place
  before it by its surname.

A title is a chain of posts separated by commas (``Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức``); each post
starts with a title word and stops at punctuation, a dash, or a word that starts the rest of the sentence
(``cho biết``, ``chủ trì``, ``và``). ALL-CAPS names keep their spelling and get ``normalized_name``. When
one mention gives a person's title, the article's other mentions of that name carry it too.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import CAP_SYLLABLE, NAMED_UNITS, PROVINCES, UPPER, trie
from vnparty_nlp.lang import PLACE_WORDS
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Person(Fact):
    name: str | None = None
    title: str | None = None
    normalized_name: str | None = None  # ALL-CAPS names in title case: "PHƯƠNG LAN" → "Phương Lan"


HONORIFICS = r"(?:[Đđ]ồng chí|ĐỒNG CHÍ|[Đđ]/[Cc]|[Ôô]ng|[Bb]à|ÔNG|BÀ|[Aa]nh|[Cc]hị)"
#: words that name a person only right before the name on the same line, and not after a number
#: (``Cụ Đặng Văn Thông``, ``Em Vũ Thị Hà``, ``đảng viên Lý Văn Sình``; not ``12 đảng viên`` over a dateline)
SOFT_HONORIFICS = ("cụ", "em", "đảng viên")
_SOFT = rf"(?<![\d%] )(?<!\w)(?:các[^\S\n]+)?{trie(SOFT_HONORIFICS)}(?!\w)[^\S\n]*:?[^\S\n]*(?=\S)"
#: posts that start a title; matched with any case of their letters ("phó chủ nhiệm", "Chánh văn phòng")
TITLE_WORDS: tuple[str, ...] = (
    "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Ủy viên", "Tỉnh ủy viên", "Huyện ủy viên",
    "Thành ủy viên", "Quận ủy viên", "Đảng ủy viên", "Bí thư", "Phó Bí thư", "Thường trực Ban Bí thư",
    "Trưởng Ban", "Phó Trưởng Ban", "Chủ tịch", "Phó Chủ tịch", "Chủ nhiệm", "Phó Chủ nhiệm", "Giám đốc",
    "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng",
    "Bộ trưởng", "Thứ trưởng", "Trưởng phòng", "Phó Trưởng phòng", "Đại biểu Quốc hội", "Thượng tướng",
    "Trung tướng", "Thiếu tướng", "Đại tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Trưởng",
    "Phó Trưởng", "Chính ủy", "Phó Chính ủy", "Tư lệnh", "Phó Tư lệnh", "Hiệu trưởng", "Phó Hiệu trưởng",
    "Viện trưởng", "Phó Viện trưởng", "Chánh án", "Phó Chánh án", "Tổng Biên tập", "Phó Tổng Biên tập",
    "Chuyên viên", "Thành viên", "Trợ lý", "Thư ký", "Kiểm sát viên", "Chỉ huy trưởng", "Phó Chỉ huy trưởng",
    "Chỉ huy phó", "Tổng Thư ký", "Phó Trưởng đoàn", "Phó Chánh Thanh tra", "Chánh Thanh tra", "Phó Thủ trưởng",
)
#: abbreviated posts, matched as written: Ủy viên (Ban) Thường vụ, Tỉnh ủy viên, Đại biểu Quốc hội ...
TITLE_ABBREVIATIONS: tuple[str, ...] = (
    "UVBTV", "UVTV", "UVBCH", "UV BTV", "UV.BTV", "UVTW", "UVBCT", "TUV", "HUV", "ĐBQH",
)
#: words before a post that belong to the title: former, acting
TITLE_PREFIXES = r"(?:nguyên|quyền)"
#: where a post stops inside a title chain: a word that starts the rest of the sentence
TITLE_STOP_WORDS: tuple[str, ...] = (
    "cho biết", "phát biểu", "khẳng định", "nhấn mạnh", "chủ trì", "dự", "đề nghị", "yêu cầu", "trao", "tặng",
    "chúc mừng", "ghi nhận", "báo cáo", "trình bày", "đánh giá", "chỉ đạo", "nêu rõ", "nêu", "cho rằng",
    "thông tin", "đã", "đang", "sẽ", "vừa", "và", "cùng", "làm", "tham dự", "tới dự", "về dự", "kiêm", "được",
    "bị", "đến", "tới", "tại", "trong", "với", "là", "nói", "chia sẻ", "lưu ý", "quán triệt", "giới thiệu",
    "thôi", "giữ", "tham gia", "công bố", "khai mạc", "bế mạc", "kết luận", "điều hành", "trịnh trọng", "đọc",
    "thông qua", "biểu dương", "thay mặt", "gửi", "tiếp thu", "bày tỏ", "hoan nghênh", "đề xuất", "thăm",
    "làm việc", "cũng", "luôn", "thì", "mà", "nên", "như", "theo", "để", "do", "vì", "từ", "sau", "trước",
    "ngày", "lúc", "vào", "có", "không", "chưa", "còn", "đồng thời", "mong muốn", "khen thưởng", "ký",
    "đi", "lên", "ra", "trả lời", "giải trình", "phân tích", "nhận", "chụp", "cắt băng", "dâng", "động viên",
    # verbs that start what the person did or bears: "..., Giám đốc Công ty chịu trách nhiệm chính về ..."
    "chịu", "chủ động", "trực tiếp", "đón", "tiếp", "hướng dẫn", "nhắc nhở", "khen ngợi", "tự", "xin",
    "bàn giao", "đảm nhận", "đảm nhiệm", "nghỉ", "khảo sát", "thừa nhận", "nhận định", "nhận xét",
    # what a leader does to others at a ceremony: "..., Phó Bí thư Thành ủy giao nhiệm vụ cho đồng chí ..."
    "giao nhiệm vụ", "giao trách nhiệm", "giao cho", "căn dặn", "dặn dò", "phổ biến", "truyền đạt", "tuyên bố",
    "kêu gọi", "đề cập", "gắn", "trân trọng", "tuyên dương",
)
_TITLE = trie(TITLE_WORDS)
_ABBREVIATIONS = trie(TITLE_ABBREVIATIONS)
#: a post: an optional prefix, then a title word (any case) or an abbreviation (as written)
_POST = rf"(?:{TITLE_PREFIXES}\s+)?(?:(?i:{_TITLE})|{_ABBREVIATIONS})(?!\w)"
_POST_AT = re.compile(_POST)
#: named units whose words a stop word ("và") would cut
_NAMED_UNIT = re.compile(rf"(?<!\w){trie([u for u in NAMED_UNITS if ' và ' in u])}(?!\w)")
#: surnames that start a name when the title comes first (common ones and those of the northern uplands)
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trịnh Đào Mai Hà Tô "
    "Tạ Lâm Cao Chu Đoàn Vương Trương Thái Lại Quách Kiều Mạc Hứa Vi Lò Lường Cầm Giàng Sùng Thào Mùa Hầu "
    "Triệu Nông La Tống Khổng Văn Doãn Châu Lưu Nghiêm Âu Thân Tăng Giáp Quàng Lù Vàng Hoàng Khuất Phùng "
    "Tòng Y Ksor Rơ Nay Siu Rah Lan Điểu Thạch Danh Sơn Kim Ma Hoàng Bế Lục Ninh Nhữ Ông Bạch Đàm Đồng".split()
)
_SURNAMES_UPPER = frozenset(s.upper() for s in SURNAMES)
#: surnames that are also words of bodies and places (``Trưởng Đoàn Kiểm tra``, ``Văn phòng``, ``Cao đẳng``):
#: a two-word name right after a post may not start with them
WORD_SURNAMES = frozenset("Đoàn Văn Cao Lý Sơn Kim Lan Thạch Danh Y Ma Hà Mai Châu Thái Lâm Ninh Đồng Bạch La Vi".split())
_SEP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"  # a space, or one hard line break
_NAME_RUN = re.compile(rf"{CAP_SYLLABLE}(?:{_SEP}{CAP_SYLLABLE}){{0,6}}")
_STOP = trie([*TITLE_STOP_WORDS, *(w.upper() for w in TITLE_STOP_WORDS)])  # and in ALL-CAPS headings
#: where a post stops: a stop word, punctuation, a dash between spaces, a blank line, or a line break
#: followed by a capitalized word that is not an organization word
_POST_STOP = re.compile(
    rf"\s+(?:{_STOP})(?!\w)|\s*[,:.;()\"“”!?]|\s+-\s+|\s*\n(?:\s*\n|(?=[^\S\n]*(?:{UPPER}|\d))(?![^\S\n]*"
    rf"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng|Ban|Ủy|Hội|Mặt|UB|HĐ|Bộ|Sở|Trung|Văn)))"
)
#: nouns that a following verb names (``tổ chỉ đạo``, ``ban chỉ đạo``, ``đoàn kiểm tra``)
GROUP_NOUNS: tuple[str, ...] = ("tổ", "ban", "đoàn", "tiểu ban", "hội đồng", "Tổ", "Ban", "Đoàn")
_GROUP_NOUN_BEFORE = re.compile(rf"(?<!\w)(?:{'|'.join(GROUP_NOUNS)})$")
#: between two posts of one title: a comma (not before a name that starts a new list item)
_CHAIN = re.compile(r"\s*,\s*")
_CLAUSE_END = re.compile(r"[.;:,\n(]| - |\s(?:và|cùng|với)\s")
_TITLE_THEN_NAME = re.compile(rf"(?<!\w){_POST}")
#: the same, case-sensitive on the lower-cased text: several times faster to scan
_TITLE_THEN_NAME_LOWER = re.compile(
    rf"(?<!\w)(?:{TITLE_PREFIXES}\s+)?{trie(t.lower() for t in TITLE_WORDS + TITLE_ABBREVIATIONS)}(?!\w)")
#: surnames that are never the start of a place name: a two-syllable name may start with them
_UNAMBIGUOUS_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương Đinh Trịnh".split())
_PLACES = frozenset(PROVINCES)
#: "phường Trần Phú", "đường Lê Lợi": the capitalized words after a place word name the place
_AFTER_PLACE_WORD = re.compile(rf"(?<!\w)(?i:{trie(PLACE_WORDS)})[^\S\n]+$")
_MAX_NAME = 5
_MAX_TITLE = 200
_MAX_CHAIN = 600
_HONORIFIC = re.compile(rf"(?<!\w)(?:(?i:các)\s+)?{HONORIFICS}\s*:?\s*|(?i:{_SOFT})")
#: the same on the lower-cased text (a trie, case-sensitive: several times faster to scan)
_HONORIFIC_LOWER = re.compile(
    rf"(?<!\w)(?:các\s+)?{trie(['đồng chí', 'đ/c', 'ông', 'bà', 'anh', 'chị'])}(?!\w)\s*:?\s*|{_SOFT}")
#: a list header: "các đồng chí:", "gồm:", "có các Đ/c:", "Các Ủy viên Bộ Chính trị:", "Các ông, bà:"
_LIST_HEADER = re.compile(
    rf"(?<!\w)(?:(?i:các|gồm|gồm các|có các|có)\s+(?:{HONORIFICS}|ông,\s*bà|vị|(?i:đại biểu))"
    rf"|Các\s+{_POST}[^:.;\n]{{0,60}}|(?i:đại biểu))\s*:\s*"
)
_SYLLABLE = re.compile(CAP_SYLLABLE)
_ABBREVIATION = re.compile(rf"{UPPER}{{2,}}")
_VOWELS = frozenset("AĂÂEÊIOÔƠUƯYÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ")
#: "Nguyễn Văn A, Bí thư ..." / "Trần Văn B – Chủ tịch ...": a comma or a dash before a post; the name,
#: if any, is the run of capitalized words just before it
_SEP_THEN_POST = re.compile(rf"[,-]\s*(?={_POST})")
_RUN_BEFORE = re.compile(rf"(?<!\w)(?:{CAP_SYLLABLE}{_SEP}){{1,4}}{CAP_SYLLABLE}\s*$")


def _is_caps(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _normalized(words: list[str]) -> str | None:
    """Title case for an ALL-CAPS name, None for one written in title case."""
    if not any(_is_caps(w) for w in words):
        return None
    return " ".join(w.capitalize() for w in words)


def _post_end(text: str, pos: int) -> int:
    """The end of the post that starts at ``pos``: a stop word right after a group noun (``tổ chỉ đạo``,
    ``Ban chỉ đạo``) names the group and does not stop it."""
    limit = min(len(text), pos + _MAX_TITLE)
    while True:
        stop = _POST_STOP.search(text, pos, limit)
        if not stop:
            return limit
        if stop.group()[:1].isspace() and _GROUP_NOUN_BEFORE.search(text, max(0, stop.start() - 12), stop.start()):
            pos = stop.end()
            continue
        unit = _named_unit_over(text, stop.start())
        if unit:  # "và" inside a named unit: "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"
            pos = unit
            continue
        return stop.start()


def _named_unit_over(text: str, pos: int) -> int | None:
    """The end of a named unit (``Tài nguyên và Môi trường``) that runs over ``pos``, if one does."""
    for m in _NAMED_UNIT.finditer(text, max(0, pos - 40), min(len(text), pos + 60)):
        if m.start() <= pos < m.end():
            return m.end()
    return None


def _title_chain_end(text: str, pos: int) -> int:
    """The end of the title that starts with a post at ``pos``: posts joined by commas, at most
    ``_MAX_CHAIN`` characters (the longest real titles hold about six posts)."""
    end, limit = pos, pos + _MAX_CHAIN
    while pos < limit:
        post = _POST_AT.match(text, pos)
        if not post:
            return end
        end = max(post.end(), _post_end(text, post.end()))
        chain = _CHAIN.match(text, end)
        if not chain or not _POST_AT.match(text, chain.end()):
            return end
        pos = chain.end()
    return end


_TITLE_AT = re.compile(r"[^\S\n]*(?:[,(-]|\n)?\s*")


def _title_after(doc: Doc, pos: int) -> tuple[str | None, int]:
    """The title right after a name (``, Bí thư ...``, `` - Bí thư ...``, ``(Bí thư ...)``), as written
    in the source, and where it ends (a ``norm`` offset)."""
    text = doc.norm
    lead = _TITLE_AT.match(text, pos)
    start = lead.end() if lead else pos
    if not _POST_AT.match(text, start):
        return None, pos
    end = _title_chain_end(text, start)
    while end > start and text[end - 1] in " ,":
        end -= 1
    return (doc.span(start, end).text or None), end


def _name_syllables(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The syllables from ``start`` that form a name: capitalized, before any title word; a line break
    inside a name only after its first syllables (a name of three syllables is complete)."""
    out: list[re.Match[str]] = []
    for syl in _SYLLABLE.finditer(text, start, end):
        if _POST_AT.match(text, syl.start()) or len(out) == _MAX_NAME:
            break
        if out and "\n" in text[out[-1].end():syl.start()] and len(out) >= 3:
            break
        out.append(syl)
    return out


def _is_surname(word: str) -> bool:
    return word in SURNAMES or word in _SURNAMES_UPPER


def _plausible_name(words: list[str]) -> bool:
    if not _not_a_place(words):
        return False
    return len(words) >= 3 or words[0] in _UNAMBIGUOUS_SURNAMES or words[0].capitalize() in _UNAMBIGUOUS_SURNAMES


def _first_name_word(text: str, start: int, words: list[str]) -> int:
    """Where a person's name may start in a run of capitalized words at ``start``: after a place word,
    a run of two words names the place (``phường Trần Phú``) and a longer one starts with it (``xã
    Nguyễn Huệ Trần Văn Nam``); three words stay a name (``UBND tỉnh Cầm Thị Nga``)."""
    if not _AFTER_PLACE_WORD.search(text, max(0, start - 16), start):
        return 0
    return len(words) if len(words) == 2 else 2 if len(words) >= 4 else 0


def _not_a_place(words: list[str]) -> bool:
    return " ".join(words[:2]) not in _PLACES and " ".join(words[:3]) not in _PLACES


def _looks_like_abbreviation(words: list[str]) -> bool:
    """``UVBTV Huyện``, ``BCH Đảng``: an all-caps word next to title-case ones, or one with no vowel."""
    caps = [w for w in words if _is_caps(w)]
    if not caps:
        return False
    if len(caps) < len(words):
        return True
    return any(not (_VOWELS & set(w)) or len(w) > 7 for w in caps)


class _Taken:
    """Claimed stretches of the text, for O(log n) look-ups: one sorted layer per pass (each pass claims
    in text order, so a claim is an append, never an insertion in the middle)."""

    def __init__(self) -> None:
        self.layers: list[tuple[list[int], list[int]]] = []

    def new_pass(self) -> None:
        self.layers.append(([], []))

    def covers(self, pos: int) -> bool:
        for starts, ends in self.layers:
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < ends[i]:
                return True
        return False

    def overlaps(self, start: int, end: int) -> bool:
        for starts, ends in self.layers:
            i = bisect.bisect_left(starts, end) - 1
            if i >= 0 and ends[i] > start:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        starts, ends = self.layers[-1]
        if starts and start < starts[-1]:  # out of order: keep the layer sorted
            i = bisect.bisect_left(starts, start)
            starts.insert(i, start)
            ends.insert(i, end)
        else:
            starts.append(start)
            ends.append(end)


def _person(doc: Doc, syllables: list[re.Match[str]], title: str | None, start: int | None = None) -> Person:
    words = [s.group() for s in syllables]
    span = doc.span(syllables[0].start() if start is None else start, syllables[-1].end())
    return Person(span.text, span.bounds, name=" ".join(words), title=title, normalized_name=_normalized(words))


def _name_after_title(doc: Doc, title: re.Match[str]) -> tuple[Person | None, int]:
    """``Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lò Văn Muôn``: the name ends a post of the title chain
    and starts with a surname. Returns the person (or None) and where the name (or the search) ended."""
    text = doc.norm
    pos = title.start()
    while True:
        post = _POST_AT.match(text, pos)
        if not post or pos - title.start() > _MAX_CHAIN:
            return None, pos
        stop = _CLAUSE_END.search(text, post.end(), min(len(text), post.end() + 120))
        clause_end = stop.start() if stop else min(len(text), post.end() + 120)
        for run in _NAME_RUN.finditer(text, post.end(), clause_end):
            syllables = list(_SYLLABLE.finditer(text, run.start(), run.end()))
            words = [s.group() for s in syllables]
            # right after the post, a surname and one more word are a name ("Tổng Bí thư Tô Lâm")
            right_after = not text[post.end():run.start()].strip()
            for k in range(max(0, len(words) - 4, _first_name_word(text, run.start(), words)), len(words) - 1):
                plausible = _plausible_name(words[k:]) or (
                    right_after and k == 0 and words[0] not in WORD_SURNAMES and _not_a_place(words))
                if _is_surname(words[k]) and plausible and not _looks_like_abbreviation(words[k:]):
                    title_end = syllables[k].start()
                    while title_end > title.start() and text[title_end - 1] in " ,\n":
                        title_end -= 1
                    title_text = doc.span(title.start(), title_end).text
                    return _person(doc, syllables[k:], title_text), syllables[-1].end()
        chain = _CHAIN.match(text, clause_end)
        if not chain or not _POST_AT.match(text, chain.end()):
            return None, clause_end
        pos = chain.end()


def _holds_a_name(text: str, start: int, end: int) -> bool:
    """Whether a title holds a person's name (``Chủ tịch UBND tỉnh Lò Văn B``): then it is that person's."""
    for run in _NAME_RUN.finditer(text, start, end):
        words = run.group().split()
        first = _first_name_word(text, run.start(), words)
        if any(_is_surname(words[k]) and _plausible_name(words[k:]) for k in range(first, len(words) - 1)):
            return True
    return False


def person_end(doc: Doc, person: Person) -> int:
    return doc.norm_offset(person.stop)


def _list_item_starts(text: str) -> list[int]:
    """Where the items of lists of people begin: after a header (``các đồng chí:``) and after each
    ``;`` up to the end of the sentence (``các đồng chí: Nguyễn Văn A, Phó Bí thư Tỉnh ủy; Trần Văn B, ...``)."""
    starts: list[int] = []
    scanned = 0
    for m in _list_headers(text):
        starts.append(m.end())
        if m.end() < scanned:  # a header inside a list already scanned to its end
            continue
        end = _sentence_end(text, m.end())
        starts.extend(k.end() for k in _ITEM_AFTER_SEMICOLON.finditer(text, m.end(), end))
        scanned = end
    return starts


_ITEM_AFTER_SEMICOLON = re.compile(r";\s*(?:và\s+)?")
_SENTENCE_END = re.compile(r"\.(?=\s+[^\W\d_]|\s*$)|\n\s*\n")


def _list_headers(text: str) -> list[re.Match[str]]:
    """The list headers of the text, found from their colons (a header always ends with one)."""
    out = []
    colon = text.find(":")
    while colon >= 0:
        m = _LIST_HEADER.search(text, max(0, colon - 120), colon + 1 + 40)
        while m and m.start() < colon and m.end() <= colon:  # a header ending at an earlier colon
            m = _LIST_HEADER.search(text, m.end(), colon + 1 + 40)
        if m and m.start() <= colon < m.end() and (not out or m.start() >= out[-1].end()):
            out.append(m)
        colon = text.find(":", colon + 1)
    return out


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


def _name_at(text: str, start: int) -> list[re.Match[str]]:
    run = _NAME_RUN.match(text, start)
    if not run:
        return []
    syllables = _name_syllables(text, run.start(), run.end())
    words = [s.group() for s in syllables]
    if len(syllables) < 2 or _looks_like_abbreviation(words):
        return []
    return syllables


#: between two names of a list after "các đồng chí" without a colon: a comma or "và"
_NEXT_IN_LIST = re.compile(r"[^\S\n]*(?:,[^\S\n]*(?:và[^\S\n]+)?|[^\S\n]+và[^\S\n]+)(?=\S)")


def _one_word_name_at(doc: Doc, start: int) -> list[re.Match[str]]:
    """A Central Highlands name of one syllable joined by an apostrophe (``Đồng chí K’Mák, Phó Bí thư ...``):
    a name only with a title after it."""
    text = doc.norm
    syl = _SYLLABLE.match(text, start)
    if not syl or not any(c in syl.group() for c in "'’`") or _POST_AT.match(text, start):
        return []
    nxt = text[syl.end():syl.end() + 1]
    if nxt.isalnum() or _SYLLABLE.match(text, syl.end() + 1) and nxt == " " and not _POST_AT.match(text, syl.end() + 1):
        return []
    return [syl] if _title_after(doc, syl.end())[0] else []


def find_people(doc: Doc) -> list[Person]:
    text = doc.norm
    found: list[Person] = []
    taken = _Taken()

    def claim(syllables: list[re.Match[str]], title: str | None, end: int) -> None:
        found.append(_person(doc, syllables, title))
        taken.add(syllables[0].start(), max(end, syllables[-1].end()))

    lower = doc.lower
    fast = len(lower) == len(text) and lower is not text
    honorifics = list(_HONORIFIC_LOWER.finditer(lower) if fast else _HONORIFIC.finditer(text))
    plural = {m.end() for m in honorifics if m.group()[:3].lower() == "các"}
    starts = sorted({m.end() for m in honorifics} | set(_list_item_starts(text)))
    taken.new_pass()
    for start in starts:
        if taken.covers(start):
            continue
        syllables = _name_at(text, start)
        if not syllables:
            syllables = _one_word_name_at(doc, start)
            if not syllables:
                continue
        title, end = _title_after(doc, syllables[-1].end())
        claim(syllables, title, end)
        while start in plural:  # "các đồng chí Sùng A Hồng và Giàng Thị Dợ được bầu ...": the next names
            nxt = _NEXT_IN_LIST.match(text, max(end, syllables[-1].end()))
            syllables = _name_at(text, nxt.end()) if nxt else []
            words = [s.group() for s in syllables]
            if not syllables or not _is_surname(words[0]) or not _plausible_name(words) or taken.covers(nxt.end()):
                break
            title, end = _title_after(doc, syllables[-1].end())
            claim(syllables, title, end)
    failed_until = 0
    taken.new_pass()
    for m in (_TITLE_THEN_NAME_LOWER if fast else _TITLE_THEN_NAME).finditer(lower):
        if m.start() < failed_until or taken.covers(m.start()):
            continue
        person, reached = _name_after_title(doc, m)
        if person is None:
            failed_until = reached
        elif not taken.overlaps(doc.norm_offset(person.start), reached):
            more, end = _title_after(doc, reached)  # "Thượng tá Lê Văn Tám, Phó Chỉ huy trưởng ..."
            if more and text[reached:reached + 3].lstrip()[:1] in (",", "-", "(") and not _holds_a_name(text, reached, end):
                person = Person(person.text, person.span, name=person.name, title=f"{person.title}, {more}",
                                normalized_name=person.normalized_name)
                reached = end
            found.append(person)
            taken.add(m.start(), reached)
    taken.new_pass()
    for m in _SEP_THEN_POST.finditer(text):
        run = _RUN_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if not run or taken.overlaps(run.start(), m.start()):
            continue
        syllables = _name_syllables(text, run.start(), m.start())
        words = [s.group() for s in syllables]
        if not (2 <= len(syllables) <= _MAX_NAME) or syllables[-1].end() != run.start() + len(run.group().rstrip()):
            continue
        if not _is_surname(words[0]) or not _plausible_name(words) or _looks_like_abbreviation(words):
            continue
        title, end = _title_after(doc, syllables[-1].end())
        if title:
            claim(syllables, title, end)
    found.sort(key=lambda p: p.start)
    return _share_titles(found)


def _share_titles(people: list[Person]) -> list[Person]:
    """A mention without a title takes the title that another mention of the same name gives."""
    titles: dict[str, str] = {}
    for p in people:
        if p.title and p.name:
            titles.setdefault(p.name.casefold(), p.title)
    return [p if p.title or not p.name or p.name.casefold() not in titles
            else Person(p.text, p.span, name=p.name, title=titles[p.name.casefold()],
                        normalized_name=p.normalized_name)
            for p in people]


EXTRACTOR = Extractor(name="people", fact_type=Person, find=find_people)
