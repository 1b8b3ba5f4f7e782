"""Named party and state bodies: ``Đảng bộ xã Mường Toong``, ``Ban Thường vụ Huyện ủy Ninh Giang``.

A name is a head (``Đảng bộ``, ``Ban Tổ chức``, ``Tỉnh ủy``...) narrowed by a committee (``Tỉnh ủy``), a
level and a place (``xã Mường Toong``) or a proper name (``Bộ đội Biên phòng``). A bare head
(``Tỉnh ủy``, ``Ban Thường vụ``) is a reference, not a name, and is left out, except for the bodies that
are unique in the country (``Bộ Chính trị``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import CAP_SYLLABLE, LOWER, NAMED_UNITS, UPPER, trie
from vnparty_nlp.extract.people import TITLE_STOP_WORDS
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Organization(Fact):
    head: str | None = None  # "Đảng bộ", "Ban Tổ chức", ...


UNIQUE_BODIES: tuple[str, ...] = (
    "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Ủy ban Thường vụ Quốc hội",
    "Mặt trận Tổ quốc Việt Nam", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
    "BCH Trung ương", "Văn phòng Trung ương Đảng",
    # the Youth Union's central bodies ("Ban Bí thư" alone would cut them short)
    "Trung ương Đoàn", "Ban Bí thư Trung ương Đoàn", "Ban Chấp hành Trung ương Đoàn", "Ban Thường vụ Trung ương Đoàn",
)
#: heads of party bodies, matched in any case (``Ban thường vụ huyện ủy Con Cuông``, ``đảng bộ xã X``)
PARTY_HEADS: tuple[str, ...] = (
    "Ban Thường vụ", "Ban Chấp hành", "Ban Chấp hành Lâm thời", "Ủy ban Kiểm tra", "Đảng ủy",
    "Chi ủy", "Đảng bộ", "Chi bộ", "Đảng đoàn", "Ban cán sự đảng", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc",
    "Ủy ban nhân dân", "Hội đồng nhân dân", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính",
    "Ban Tuyên giáo và Dân vận",
)
#: other heads, matched as written: their lower-case forms are common words (``cơ sở``, ``quốc phòng``)
HEADS: tuple[str, ...] = (
    "Thường trực", "BCH", "BTV", "Ban Kinh tế", "UBKT", "Văn phòng", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy",
    "Thị ủy", "UBND", "HĐND", "UBMTTQ", "Ủy ban MTTQ", "MTTQ", "Đoàn Thanh niên", "Hội Nông dân",
    "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Liên đoàn Lao động", "Công an", "Bộ Chỉ huy Quân sự",
    "Ban Chỉ huy Quân sự", "Ban Chỉ đạo", "Trung tâm Chính trị", "Trung tâm", "Đài", "Sở", "Phòng", "UBMT",
    "Viện Kiểm sát nhân dân", "Tòa án nhân dân", "Đoàn Đại biểu Quốc hội", "Đoàn ĐBQH", "Kho bạc Nhà nước",
    "Ngân hàng Chính sách xã hội", "Cục Thuế", "Chi cục Thuế", "Hội Chữ thập đỏ", "Hội Người cao tuổi",
    "Hội Cựu thanh niên xung phong", "Tỉnh đoàn", "Huyện đoàn", "Thành đoàn", "Trường Chính trị",
    "Bộ đội Biên phòng", "Bộ Chỉ huy Bộ đội Biên phòng", "Ban Dân tộc", "Thanh tra", "Liên minh Hợp tác xã",
    "Hội Doanh nhân trẻ", "Học viện", "Trường Đảng", "Ban chỉ đạo", "Ban Thường trực", "Hội LHPN", "Hội CCB",
    "Hội ND", "Đoàn TN", "Đoàn TNCS Hồ Chí Minh", "LĐLĐ",
)
#: ALL-CAPS headlines write every head in capitals ("HUYỆN ỦY ĐỨC LINH: Sơ kết ..."); not the heads that are
#: common words in a headline ("PHÒNG, CHỐNG ...", "TRUNG TÂM CỦA ...", "THANH TRA ...")
HEADS_CAPS: tuple[str, ...] = tuple(h.upper() for h in HEADS if not h.isupper() and h not in (
    "Thường trực", "Trung tâm", "Đài", "Sở", "Phòng", "Thanh tra", "Học viện", "Văn phòng", "Công an"))
#: what a steering committee steers, written in lower case between its head and its place
#: ("Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Nghệ An", "Ban Chỉ đạo 35 Tỉnh ủy")
STEERING_TASKS: tuple[str, ...] = (
    "phòng, chống tham nhũng, lãng phí, tiêu cực", "phòng, chống tham nhũng, tiêu cực", "phòng, chống tham nhũng",
    "phòng chống tham nhũng, lãng phí, tiêu cực", "phòng chống tham nhũng, tiêu cực", "phòng chống tham nhũng",
    "phòng, chống dịch COVID-19", "phòng, chống dịch Covid-19", "phòng chống dịch COVID-19", "phòng, chống dịch",
    "thực hiện Quy chế dân chủ ở cơ sở", "thực hiện quy chế dân chủ ở cơ sở", "xây dựng nông thôn mới",
    "các chương trình mục tiêu quốc gia", "chương trình mục tiêu quốc gia", "chuyển đổi số", "cải cách hành chính",
    "cải cách tư pháp", "công tác thông tin đối ngoại", "tổ chức đại hội", "đại hội", "bầu cử", "phòng, chống thiên tai",
    "phòng chống thiên tai", "thi hành án dân sự", "giảm nghèo", "tuyên truyền",
)
#: committees of a level, which name a body on their own where the article names no fuller form
BARE_BODIES: tuple[str, ...] = (
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "UBND", "HĐND", "MTTQ", "UBMTTQ", "UBMT",
    "Mặt trận Tổ quốc", "Mặt trận Tổ Quốc", "Ủy ban Kiểm tra", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn",
)
#: levels that a body may end with and still be a name (``Đảng bộ huyện``; ``Chi bộ thôn`` is not)
ADMINISTRATIVE_LEVELS = r"(?:tỉnh|huyện|thành phố|thị xã|quận|Thành phố|Thị xã|Quận|Huyện|Tỉnh)"
#: capitalized words that start a following title or sentence, never the rest of a body's name
#: ("Một" only in "Một số": "Thành ủy Thủ Dầu Một" ends in it; "Hướng" only before a lower-case word, as in
#: "Hướng dẫn": "Huyện ủy Hướng Hóa", "xã Hướng Phùng" are places)
NOT_NAME_WORDS = (rf"(?:Một(?=[^\S\n]+số(?!\w))|Về|Các|Những|Tiếp|Hướng(?![^\S\n]+{UPPER})|Nâng|Đổi|Xây|Triển|Thực|Tăng"
                  r"|Đẩy)(?!\w)")
COMMITTEES = r"(?:[Tt]ỉnh ủy|[Tt]hành ủy|[Hh]uyện ủy|[Qq]uận ủy|[Tt]hị ủy|[Đđ]ảng ủy|Trung ương|Trung Ương|TW)(?!\s+viên)"
LEVELS = (r"(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|quận|cơ quan|khối|thôn|xóm|bản|ấp|khóm|buôn|"
          r"tổ dân phố|khu phố|khu vực|tiểu khu|khu dân cư|trường|Thành phố|Thị xã|Quận|Huyện|Tỉnh|TP\.?|"
          r"Tổ dân phố|Khu phố|Tiểu khu|Khu dân cư)")
#: lower-case syllables that may end a proper name (``Công an``, ``Quân sự``, ``Biên phòng``)
NAME_TAIL = (
    "an sự chính phòng đội vụ trị chức tra giáo vận dân ương nghiệp tế hội thông binh nữ niên nông nhân "
    "xã sát đảng quan thương ty"
).split()
_SP = r"[^\S\n]+"  # names do not run over a line break
#: lower-case words that never sit inside a name: they join or relate two names
#: and verbs, which start the rest of the sentence (``Huyện ủy Văn Chấn giao Huyện ủy ...``)
JOINERS: tuple[str, ...] = (
    "và", "hoặc", "của", "với", "tại", "ở", "cho", "về", "là", "có", "đã", "các", "trên", "trong", "lần", "thứ",
    "khóa", "khoá", "nhiệm", "kỳ", "số", "giao", "mời", "cử", "họp", "gặp", "chúc", "phối", "yêu", "đề", "tiếp",
    "chỉ", "biểu", "khen", "tuyên", "kết", "quyết", "triển", "thực", "xây",
    *(w for w in TITLE_STOP_WORDS if " " not in w),
)
_JOINERS = rf"{trie(JOINERS)}(?!\w)"
#: a company's legal form, after which any capitalized word is its name ("Công ty TNHH Xây dựng Thái Sơn",
#: "Công ty cổ phần Nông sản Bắc Giang")
COMPANY_FORM = (rf"(?:Công|CÔNG){_SP}(?:ty|TY)(?:{_SP}(?:TNHH|(?i:cổ phần|trách nhiệm hữu hạn)|CP)"
                rf"(?:{_SP}(?:MTV|(?i:một thành viên)))?)?")
_AFTER_COMPANY_FORM = "".join(f"(?<={w}{sp})" if i == 0 else f"|(?<={w}{sp})"
                              for i, (w, sp) in enumerate((w, sp) for w in ("TNHH", "MTV", "CP", "phần", "PHẦN", "viên")
                                                          for sp in (" ", "\t")))
#: an abbreviated name of hyphenated or ampersanded capitals ("Trung tâm VH-TT&TT huyện X", "TT-VH")
_ACRONYM = rf"{UPPER}{{1,5}}(?:[-&]{UPPER}{{1,5}})+(?!\w)"
_NAME_UNIT = (
    rf"(?:{_ACRONYM}|{COMPANY_FORM}(?!\w)|(?:{_AFTER_COMPANY_FORM}|(?!{NOT_NAME_WORDS})){CAP_SYLLABLE}(?:{_SP}(?:(?!{_JOINERS})"
    rf"{LOWER}+(?={_SP}{UPPER}{LOWER})|{trie(NAME_TAIL)}(?!\w)))?)"
)
NAME = rf"{_NAME_UNIT}(?:(?:{_SP}|{_SP}?-{_SP}?){_NAME_UNIT}){{0,4}}(?:{_SP}\d+)?"
_UNITS = trie(NAMED_UNITS)
_PARTY = trie(PARTY_HEADS)
_OTHER = trie(HEADS + HEADS_CAPS)
_TASK = rf"(?<=[Cc]hỉ đạo)(?:{_SP}(?:(?i:{trie(STEERING_TASKS)})(?!\w)|\d{{2,3}}(?!\w)))"
_HEAD = rf"(?i:{_PARTY})|{_OTHER}"
_UNIQUE_FORMS = {form for b in UNIQUE_BODIES for form in (b, b[:1] + b[1:].lower())}  # "Bộ chính trị"
_UNIQUE = trie(_UNIQUE_FORMS)
_ABBREVIATION = rf"{_SP}?\({UPPER}{{2,8}}\)"  # "Ủy ban Kiểm tra (UBKT) Tỉnh ủy"
_LEVEL_PART = rf"{LEVELS}(?:{_SP}{LEVELS})*(?:{_SP}(?:{NAME}|(?:số{_SP})?\d+))?"  # "tổ dân phố số 5"
_MODIFIER = (rf"(?:{_ABBREVIATION})?(?:{_SP}(?:{COMMITTEES}(?!\w)|(?:{_HEAD})(?!\w)|(?i:{_UNITS})(?!\w)|{_LEVEL_PART}"
             rf"|(?!{COMMITTEES}(?!\w)){NAME})){{0,4}}")
ORGANIZATION = re.compile(rf"(?<!\w)(?:(?P<unique>{_UNIQUE})|(?P<head>{_HEAD}|Bộ)(?P<task>{_TASK})?(?P<mod>{_MODIFIER}))(?!\w)")
_LEVEL_ONLY = re.compile(rf"(?:{_SP}(?:{LEVELS}))+")
_ADMINISTRATIVE_ONLY = re.compile(rf"(?:{_SP}(?:{ADMINISTRATIVE_LEVELS}))+")
#: what a lower-case head must be narrowed by: a committee or a level (``đảng bộ xã Tân Hòa``)
_LOWER_HEAD_MODIFIER = re.compile(rf"{_SP}(?:{COMMITTEES}|{LEVELS}|(?i:{_PARTY}))")
_BARE = trie(BARE_BODIES)
_BARE_BODY = re.compile(rf"(?:{_BARE})(?!{_SP}viên)(?:{_SP}(?:{LEVELS}))?")
_UNIQUE_AFTER = re.compile(rf"{_SP}(?:{_UNIQUE})(?!\w)")
#: a post right before "Thường trực" makes it part of a title (``Phó Chủ tịch Thường trực UBND tỉnh``,
#: ``Phó Trưởng Ban Thường trực Ban Tổ chức``)
_POST_BEFORE = re.compile(r"(?i:chủ tịch|bí thư|trưởng ban|chủ nhiệm|giám đốc|trưởng)[^\S\n]+$")


#: verbs of a headline that an ALL-CAPS body runs into ("ĐẢNG BỘ HUYỆN ĐỨC THỌ TỔNG KẾT ...")
HEADLINE_VERBS: tuple[str, ...] = (
    "tổng kết", "sơ kết", "tổ chức", "triển khai", "kết nạp", "khai mạc", "bế mạc", "thực hiện", "lãnh đạo",
    "phát động", "quán triệt", "trao", "đón nhận", "học tập", "kiểm tra", "giám sát", "thi hành", "kỷ luật",
    "ra mắt", "công bố", "đạt", "hoàn thành", "nâng cao", "đẩy mạnh", "chú trọng", "quan tâm", "tăng cường",
    "thành công", "ban hành", "họp", "gặp mặt", "tập huấn", "đánh giá", "bầu", "long trọng", "ra quân",
    "chỉ đạo", "xây dựng", "phát huy", "đổi mới", "khen thưởng", "tuyên dương", "góp ý", "làm việc", "cần",
    "quyết liệt", "nỗ lực", "vượt", "hướng tới", "chào mừng", "kỷ niệm", "tiếp tục", "sẵn sàng",
    # and the time a headline puts after the body ("BAN THƯỜNG VỤ THÀNH ỦY HỘI AN NĂM 2023")
    "năm", "nhiệm kỳ", "giai đoạn", "quý", "tháng", "lần thứ", "khóa",
)
_HEADLINE_VERB = re.compile(rf"[^\S\n]+(?:{trie(w.upper() for w in HEADLINE_VERBS)})(?!\w)")


def _cut_caps_headline(text: str, head_end: int, end: int) -> int:
    """An ALL-CAPS body ends where the headline's verb begins."""
    if any(c.islower() for c in text[head_end:end]):
        return end
    verb = _HEADLINE_VERB.search(text, head_end, end)
    return verb.start() if verb else end


def _people_starts(doc: Doc) -> list[int]:
    return sorted(doc.norm_offset(p.start) for p in doc.facts.get("people", []))


def _cut_at_people(doc: Doc, starts: list[int], start: int, end: int) -> int:
    """``Huyện ủy Mường Nhé Lò Văn Muôn``: the organization ends where a person's name begins."""
    i = bisect.bisect_right(starts, start)
    if i < len(starts) and starts[i] < end:
        end = starts[i]
    while end > start and doc.norm[end - 1] in " ,\n":
        end -= 1
    return end


def find_organizations(doc: Doc) -> list[Organization]:
    text = doc.norm
    facts: list[Organization] = []
    level_only: list[Organization] = []
    people = _people_starts(doc)
    pos = 0
    while True:
        m = ORGANIZATION.search(text, pos)
        if not m:
            break
        pos = m.end()
        head = m["unique"] or m["head"]
        if m["head"] in ("Thường trực", "Ban Thường trực") and _POST_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            # "Phó Trưởng Ban Thường trực Ban Tuyên giáo Tỉnh ủy": a post; the body follows it
            pos = m.end("head")
            continue
        if m["head"] and (u := _UNIQUE_AFTER.match(text, m.end("head"))) and u.end() > m.end():
            pos = m.end("head")  # "Thường trực Ban Bí thư": the name ran into a unique body and cut it short
            continue
        mod = (m["task"] or "") + (m["mod"] or "")
        if m["head"] and not mod.strip():
            continue
        if m["head"] and m["head"][0].islower() and (_LEVEL_ONLY.fullmatch(mod) or not _LOWER_HEAD_MODIFIER.match(mod)):
            continue
        if m["head"] and _LEVEL_ONLY.fullmatch(mod) and not _ADMINISTRATIVE_ONLY.fullmatch(mod):
            continue
        end = _cut_at_people(doc, people, m.start(), m.end())
        end = _cut_caps_headline(text, m.end("head") if m["head"] else m.end(), end)
        if m["head"] and end <= m.end("head"):
            continue
        span = doc.span(m.start(), end)
        if m["head"] and _LEVEL_ONLY.fullmatch(mod):  # "Đảng bộ huyện": a reference, like "Huyện ủy"
            level_only.append(Organization(span.text, span.bounds, head=head))
        else:
            facts.append(Organization(span.text, span.bounds, head=head))
    return _with_bare_bodies(doc, facts, level_only)


def _with_bare_bodies(doc: Doc, facts: list[Organization], level_only: list[Organization]) -> list[Organization]:
    """Add ``Tỉnh ủy``, ``UBND huyện`` standing alone, unless a fuller form is in the article or they are
    part of a person's title; drop a body's short form when its fuller form is there."""
    text = doc.norm
    keys = [_key(doc, f) for f in facts]
    people = [(doc.norm_offset(p.start), doc.norm_offset(p.stop)) for p in doc.facts.get("people", [])]
    covered = sorted([(doc.norm_offset(f.start), doc.norm_offset(f.stop)) for f in facts + level_only] + people)
    starts = [c[0] for c in covered]
    titles = _title_ranges(doc)
    out = list(facts) + level_only
    for m in _BARE_BODY.finditer(text):
        if m.end() < len(text) and (text[m.end()].isalnum()) or (m.start() and text[m.start() - 1].isalnum()):
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and covered[i][1] > m.start():
            continue
        if _inside(titles, m.start()) or _POST_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue  # part of a title ("Chủ tịch UBND tỉnh")
        if _GENERIC_AFTER.match(text, m.end()):
            continue  # "UBND các huyện": many bodies, not one
        span = doc.span(m.start(), m.end())
        out.append(Organization(span.text, span.bounds, head=m.group().split()[0]))
    splits = [k.split() for k in set(keys)]
    shorter = {" ".join(words[:n]) for words in splits for n in range(1, len(words))}
    # a bare committee is the one the article names in full somewhere ("Huyện ủy" by "Ban Thường vụ Huyện ủy X")
    named = {" ".join(words[i:j]) for words in splits for i in range(len(words)) for j in range(i + 1, len(words))}
    bare = set(range(len(facts), len(out)))
    result, seen = [], {}
    for i, f in sorted(enumerate(out), key=lambda t: t[1].start):
        key = _key(doc, f)
        if key in shorter or (i in bare and key in named):
            continue
        plain = _PARENTHESIS.sub("", key) if "(" in key else key  # "Ủy ban Kiểm tra (UBKT) Trung ương" once more
        if seen.setdefault(plain, key) != key:
            continue
        result.append(f)
    return result


_GENERIC_AFTER = re.compile(r"[^\S\n]+(?:các|những|mọi)(?!\w)")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _key(doc: Doc, fact: Organization) -> str:
    """The comparison form of a body's name: its matching form, case-folded, spaces collapsed."""
    return " ".join(doc.norm[doc.norm_offset(fact.start):doc.norm_offset(fact.stop)].casefold().split())


def _title_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Where the people's titles are (``norm`` offsets), after or before their names."""
    ranges = []
    for p in doc.facts.get("people", []):
        if not p.title:
            continue
        after = doc.text.find(p.title, p.stop, p.stop + len(p.title) + 8)
        before = doc.text.rfind(p.title, max(0, p.start - len(p.title) - 8), p.start)
        at = after if after >= 0 else before
        if at >= 0:
            ranges.append((doc.norm_offset(at), doc.norm_offset(at + len(p.title))))
    return sorted(ranges)


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, len(ranges) and 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


EXTRACTOR = Extractor(name="organizations", fact_type=Organization, find=find_organizations, requires=("people",))
