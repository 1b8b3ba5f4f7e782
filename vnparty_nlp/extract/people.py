"""People and their titles: ``đồng chí Văn Hữu Bằng, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức ...``.

Two orders occur in the genre: an honorific, the name, then the title (``Đồng chí Văn Hữu Bằng Ủy viên
Ban Thường vụ ... cho biết``), and the title first (``Bí thư Tỉnh ủy Lò Văn Muôn``), where the name is
told from the place before it by its surname. ALL-CAPS names are recognized and given in title case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import CAP_SYLLABLE, PROVINCES
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Person(Fact):
    name: str | None = None
    title: str | None = None


HONORIFICS = r"(?:[Đđ]ồng chí|ĐỒNG CHÍ|[Đđ]/[Cc]|[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị)"
TITLE_WORDS: tuple[str, ...] = (
    "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Ủy viên", "Tỉnh ủy viên", "Huyện ủy viên", "Bí thư",
    "Phó Bí thư", "Phó bí thư", "Trưởng Ban", "Trưởng ban", "Phó Trưởng Ban", "Phó Trưởng ban", "Phó trưởng ban",
    "Chủ tịch", "Phó Chủ tịch", "Chủ nhiệm", "Phó Chủ nhiệm", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Bộ trưởng", "Thứ trưởng", "Trưởng phòng", "Phó Trưởng phòng",
    "Đại biểu Quốc hội", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Trưởng", "Phó Trưởng", "Chính ủy", "Tư lệnh", "Hiệu trưởng", "Viện trưởng", "Chánh án",
)
_TITLE = "|".join(re.escape(t) for t in sorted(TITLE_WORDS, key=len, reverse=True))
#: surnames that start a name when the title comes first (common ones and those of the northern uplands)
SURNAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trịnh Đào Mai Hà Tô "
    "Tạ Lâm Cao Chu Đoàn Vương Trương Thái Lại Quách Kiều Mạc Hứa Vi Lò Lường Cầm Giàng Sùng Thào Mùa Hầu "
    "Triệu Nông La Tống Khổng Văn Doãn Châu Lưu Nghiêm Âu Thân Tăng Giáp Quàng Lù Vàng Hoàng Khuất Phùng".split()
)
_SURNAMES_UPPER = frozenset(s.upper() for s in SURNAMES)
_NAME_RUN = re.compile(rf"{CAP_SYLLABLE}(?:\s+{CAP_SYLLABLE}){{0,6}}")
#: where a title stops: a reporting verb, punctuation, or a new clause
_TITLE_STOP = re.compile(
    r"\s+(?:cho biết|phát biểu|khẳng định|nhấn mạnh|chủ trì|dự|đề nghị|yêu cầu|trao|tặng|chúc mừng|ghi nhận|"
    r"báo cáo|trình bày|đánh giá|chỉ đạo|nêu rõ|cho rằng|thông tin|đã|và|cùng|làm|tham dự|tới dự|về dự|kiêm|"
    r"được|đến|tại|trong|với|là|nói|chia sẻ|lưu ý|quán triệt|giới thiệu)(?!\w)|\s*[:.;()\"\n]|\s+-\s+"
)
_TITLE_AT = re.compile(rf"\s*[,(-]?\s*(?P<title>(?:{_TITLE})(?!\w))")
_TITLE_THEN_NAME = re.compile(rf"(?<!\w)(?:{_TITLE})(?!\w)")
_CLAUSE_END = re.compile(r"[.;:,\n(]")
#: surnames that are never the start of a place name: a two-syllable name may start with them
_UNAMBIGUOUS_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương Đinh Trịnh".split())
_PLACES = frozenset(PROVINCES)
_MAX_NAME = 5
_HONORIFIC = re.compile(rf"(?<!\w){HONORIFICS}\s+")
#: "các đồng chí:", "gồm các đồng chí:" — a list of people follows, one per semicolon
_PEOPLE_LIST = re.compile(r"(?i:(?:các|gồm|gồm các)\s+đồng chí|các ông, bà|đại biểu)\s*:\s*")
_SYLLABLE = re.compile(CAP_SYLLABLE)
_STARTS_TITLE = re.compile(rf"(?:{_TITLE})(?!\w)")


def _as_name(words: list[str]) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)


def _title_after(doc: Doc, pos: int) -> tuple[str | None, int]:
    m = _TITLE_AT.match(doc.norm, pos)
    if not m:
        return None, pos
    start = m.start("title")
    stop = _TITLE_STOP.search(doc.norm, m.end("title"), min(len(doc.norm), start + 160))
    end = stop.start() if stop else min(len(doc.norm), start + 160)
    title = doc.norm[start:end].rstrip(" ,")
    return title, start + len(title)


def _name_syllables(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The syllables from ``start`` that form a name: capitalized, before any title word."""
    out: list[re.Match[str]] = []
    for syl in _SYLLABLE.finditer(text, start, end):
        if _STARTS_TITLE.match(text, syl.start()) or len(out) == _MAX_NAME:
            break
        out.append(syl)
    return out


def _is_surname(word: str) -> bool:
    return word in SURNAMES or word in _SURNAMES_UPPER


def _plausible_name(words: list[str]) -> bool:
    if " ".join(words[:2]) in _PLACES or " ".join(words[:3]) in _PLACES:
        return False
    return len(words) >= 3 or words[0] in _UNAMBIGUOUS_SURNAMES or words[0].capitalize() in _UNAMBIGUOUS_SURNAMES


def _name_after_title(doc: Doc, title: re.Match[str], taken: list[tuple[int, int]]) -> Person | None:
    """``Bí thư Huyện ủy Mường Nhé Lò Văn Muôn``: the name ends the clause and starts with a surname."""
    text = doc.norm
    if any(s <= title.start() < e for s, e in taken):
        return None
    stop = _CLAUSE_END.search(text, title.end(), min(len(text), title.end() + 120))
    clause_end = stop.start() if stop else min(len(text), title.end() + 120)
    for run in _NAME_RUN.finditer(text, title.end(), clause_end):
        syllables = list(_SYLLABLE.finditer(text, run.start(), run.end()))
        words = [s.group() for s in syllables]
        for k in range(max(0, len(words) - 4), len(words) - 1):
            if _is_surname(words[k]) and _plausible_name(words[k:]):
                span = doc.span(syllables[k].start(), syllables[-1].end())
                title_text = text[title.start():syllables[k].start()].strip(" ,")
                return Person(span.text, span.bounds, name=_as_name(words[k:]), title=title_text)
    return None


def person_end(doc: Doc, person: Person) -> int:
    return doc.norm_offset(person.stop)


def _name_starts(text: str) -> list[int]:
    """Where a name may begin: after an honorific, and after each ``;`` of a list of people
    (``các đồng chí: Nguyễn Văn A, Phó Bí thư Tỉnh ủy; Trần Văn B, ...``)."""
    starts = [m.end() for m in _HONORIFIC.finditer(text)]
    for m in _PEOPLE_LIST.finditer(text):
        end = text.find(".", m.end())
        end = len(text) if end < 0 else end
        starts.append(m.end())
        starts.extend(k.end() for k in re.finditer(r";\s*(?:và\s+)?", text[:end]) if k.start() > m.end())
    return sorted(set(starts))


def find_people(doc: Doc) -> list[Person]:
    text = doc.norm
    facts: list[Person] = []
    taken: list[tuple[int, int]] = []
    for start in _name_starts(text):
        run = _NAME_RUN.match(text, start)
        if not run:
            continue
        syllables = _name_syllables(text, run.start(), run.end())
        if len(syllables) < 2:
            continue
        words = [syl.group() for syl in syllables]
        name_end = syllables[-1].end()
        title, end = _title_after(doc, name_end)
        span = doc.span(start, name_end)
        facts.append(Person(span.text, span.bounds, name=_as_name(words), title=title))
        taken.append((start, max(end, name_end)))
    for m in _TITLE_THEN_NAME.finditer(text):
        person = _name_after_title(doc, m, taken)
        if person:
            facts.append(person)
            taken.append((m.start(), person_end(doc, person)))
    return facts


EXTRACTOR = Extractor(name="people", fact_type=Person, find=find_people)
