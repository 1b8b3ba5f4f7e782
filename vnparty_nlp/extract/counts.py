"""Numbers attached to what they count: ``617 TCCSĐ``, ``2.500 chi bộ``, ``25/25 đảng bộ``, ``4,1%``.

A number is a count only when a unit of the genre follows it (or it is a percentage), so phone numbers,
years and plenum numbers fall away by themselves; numbers inside a date or a document reference are
skipped explicitly. Units are data (:data:`UNITS`, :data:`MODIFIERS`): extend them, not the code.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import alternation, parse_number
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Count(Fact):
    value: int | float | None = None
    total: int | float | None = None  # 25 in "25/25 đảng bộ"
    unit: str | None = None  # as written; "%" for percentages; implied by the context for label counts
    qualifier: str | None = None  # "trên", "hơn", "gần", "khoảng", "ước" before the number
    value_max: int | float | None = None  # 2 in "1-2 chi bộ"


#: what party reports count (longest first when matched; case-insensitive)
UNITS: tuple[str, ...] = (
    # party organization
    "tổ chức cơ sở đảng", "TCCSĐ", "tổ chức đảng", "đảng bộ bộ phận", "chi đảng bộ", "chi, đảng bộ", "đảng bộ", "chi bộ", "đảng ủy", "chi ủy",
    "cấp ủy viên", "cấp ủy", "ủy viên", "đảng viên", "tổ đảng", "đồng chí", "ban thường vụ", "ban chấp hành",
    "đại hội", "hội nghị", "đại biểu", "tham luận", "ý kiến", "phiếu", "chức danh", "nhân sự", "ứng cử viên",
    # people
    "cán bộ", "công chức", "viên chức", "quần chúng", "người", "lượt người", "lượt", "hộ gia đình", "hộ",
    "học viên", "hội viên", "đoàn viên", "thành viên", "cá nhân", "tập thể", "trường hợp", "giáo viên",
    "học sinh", "chiến sĩ", "bị can", "bị cáo", "lượt cán bộ", "lượt đảng viên", "lượt học viên",
    # units and places
    "đơn vị", "cơ quan", "tổ chức", "doanh nghiệp", "xã", "phường", "thị trấn", "huyện", "thị xã", "quận",
    "thành phố", "tỉnh", "thôn", "buôn", "bản", "tổ dân phố", "khu dân cư", "làng", "ấp", "trường", "ban", "ngành",
    # activities and documents
    "văn bản", "nghị quyết", "chỉ thị", "kế hoạch", "đề án", "chương trình", "cuộc", "đợt", "lớp", "buổi",
    "bài", "tin", "vụ", "mô hình", "công trình", "dự án", "tiêu chí", "chỉ tiêu", "nhiệm vụ", "giải pháp",
    "đơn", "thư", "vụ việc", "vụ án", "nhóm", "tổ", "hồ sơ", "ngày công",
    # party committees counted by level ("11/11 huyện ủy, thành ủy")
    "huyện ủy", "thành ủy", "quận ủy", "thị ủy", "tỉnh ủy", "đảng đoàn", "ban cán sự đảng",
    # awards
    "giấy chứng nhận", "giấy khen", "bằng khen", "huy hiệu", "kỷ niệm chương",
    # money and land (a multiplier before the unit is decoded: "3,2 tỷ đồng" -> 3200000000 đồng)
    "đồng", "USD", "ha", "km2", "km", "m2", "m²", "tấn",
)
#: number words that multiply the number before them
MULTIPLIERS: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9}
#: words before a number that qualify it ("hơn 5 triệu người"); kept in ``qualifier``
QUALIFIERS: tuple[str, ...] = ("trên", "hơn", "gần", "khoảng", "ước đạt", "ước", "chỉ", "tới", "đến", "xấp xỉ", "gần như")
#: disciplinary measures that party reports write before their count ("khiển trách 28, cảnh cáo 21")
#: (and the other ways a member leaves the rolls: "số đảng viên bị xóa tên 38, cho ra khỏi Đảng 11")
DISCIPLINE_LABELS: tuple[str, ...] = ("khiển trách", "cảnh cáo", "cách chức", "khai trừ", "giải tán", "cách hết chức vụ trong Đảng",
                                      "xóa tên", "xoá tên", "cho ra khỏi Đảng")
#: the first words of those labels, to skip the scan for them in an article that has none
_LABEL_FIRST_WORDS = frozenset(label.split()[0].lower() for label in DISCIPLINE_LABELS)
#: what a label count counts when the text does not say: the nearest counted body before it, else party members
IMPLIED_UNITS: tuple[str, ...] = ("tổ chức đảng", "đảng viên", "tập thể", "cá nhân")
#: the grades of the yearly review, written before their count ("Hoàn thành tốt nhiệm vụ 07 chiếm 21,87%")
RATING_LABELS: tuple[str, ...] = (
    "hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ", "hoàn thành nhiệm vụ", "không hoàn thành nhiệm vụ",
    "trong sạch vững mạnh", "trong sạch, vững mạnh", "trong sạch vững mạnh tiêu biểu", "trong sạch, vững mạnh tiêu biểu",
    "yếu kém",
)
#: what a grade counts: the nearest body counted before it in the sentence (no default: grades rate both
#: organizations and members)
RATED_UNITS: tuple[str, ...] = (*IMPLIED_UNITS, "tổ chức cơ sở đảng", "cơ sở đảng", "cơ sở", "chi bộ", "đảng bộ")
#: words that narrow a unit: "đảng bộ cơ sở", "chi bộ trực thuộc đảng bộ cơ sở", "đại hội điểm"
MODIFIERS: tuple[str, ...] = (
    "trực thuộc đảng bộ cơ sở", "trực thuộc đảng ủy cơ sở", "trực thuộc tỉnh", "trực thuộc huyện",
    "trực thuộc thành phố", "trực thuộc Trung ương", "trực thuộc", "cơ sở", "bộ phận", "điểm", "đảng bộ",
    "chi bộ", "dự khuyết", "chính thức", "mới", "cấp xã", "cấp huyện", "cấp tỉnh", "cấp cơ sở", "cấp trên cơ sở",
)

_ALT = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
_UNIT = rf"(?:{alternation(UNITS)})"
_MOD = rf"(?:\s+(?:{_ALT(MODIFIERS)}))*"
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_MULT = rf"(?:\s+(?P<mult>{_ALT(MULTIPLIERS)}))?"
#: where a count's number starts: not inside a word, a date, a code or a decimal; after a slash only when a
#: count's unit ends before it ("13 vụ/31 bị can": two counts joined)
_NUM_START = r"(?=\d)(?:(?<![\w/.,:-])|(?<=[^\W\d_]/))"
COUNT = re.compile(
    rf"{_NUM_START}(?P<num>{_NUMBER})(?:\s?/\s?(?P<total>{_NUMBER})|\s?-\s?(?P<max>{_NUMBER})(?=\s)"
    rf"|\s+trong\s+(?:tổng\s+)?(?:số\s+)?(?P<of>{_NUMBER})(?=\s))?{_MULT}"
    rf"(?:\s?(?P<pct>%|phần trăm)|\s*(?P<unit>(?i:chi\s*,\s*đảng bộ|đảng\s*,\s*chi bộ|{_UNIT}(?:\s*,\s*{_UNIT}){{0,2}}){_MOD})(?!\w))"
)
_QUALIFIER = re.compile(rf"(?<!\w)(?i:{_ALT(QUALIFIERS)})\s+$")
#: "khiển trách 28", "(Khiển trách 15, cách chức 10)": the unit is implied by the context
LABEL_COUNT = re.compile(rf"\b(?:{alternation(w.lower() for w in DISCIPLINE_LABELS)})\s*:?\s*(?P<num>\d+)(?!\d|[.,]\d|\s?[/%]|\s*(?:{_UNIT})\b)")
#: "tham nhũng: 5 (6,8%)" in a breakdown of violations by kind: a count of violations (the label runs back
#: to the list's previous separator). Without a percentage after it ("tham nhũng, cố ý làm trái: 9;") an item
#: is a count only in a list of two or more such items (one sentence or one item a line).
BREAKDOWN_COUNT = re.compile(r":\s*(?P<num>\d+)\s*(?:(?P<pct>(?=\(\s*\d+(?:,\d+)?\s*%))|(?=[;.…)]|,\s|\s*$)(?![.,]\d))")
#: a number whose predicate follows it, after a count of party members or organizations in the same sentence:
#: "trong đó có 735 là nữ", "1.103 kết nạp từ đoàn viên thanh niên"
PREDICATE_COUNT = re.compile(rf"(?=\d)(?<![\w/.,:-])(?P<num>{_NUMBER})\s+(?=là\b|(?:được\s+)?kết nạp\b)")
#: a total written after its noun: "tổng số đảng viên toàn huyện là 4.266"
TOTAL_AFTER_NOUN = re.compile(
    rf"[Tt]ổng số\s+(?P<unit>(?i:{_UNIT})){_MOD}(?:\s+[^\d,.;:()]{{1,40}}?)?\s+(?:là|lên|đạt)\s+"
    rf"(?:(?:trên|hơn|gần|khoảng)\s+)?(?P<num>{_NUMBER})(?![\d/.,]\d|\s?%|\s+\w)"
)
#: a ratio with no unit after it: "... là 285/1.120, chiếm 25,4%", "Thanh Hải 11/15, Đồng Cốc 8/7"
BARE_RATIO = re.compile(
    rf"(?=\d)(?<![\w/.,:-])(?P<num>{_NUMBER})\s?/\s?(?P<total>{_NUMBER})(?![\w%/]|[.,-]\d|\s?%|\s?[-/]\s?\d)"
)
#: the body a bare ratio counts: the subject "số X" of its sentence, or X counted before it
_RATIO_UNIT = re.compile(rf"(?:(?<!\w)số\s+|(?<![\w/.,:-])(?:{_NUMBER})\s+)(?P<unit>(?:{_UNIT}){_MOD})(?!\w)", re.IGNORECASE)
_LABEL_START = re.compile(r"[:;()\n][^:;()\n]{0,80}$")
_IMPLIED = re.compile(rf"(?<![\w/.,:-])(?:{_NUMBER})\s+(?P<unit>{_ALT(IMPLIED_UNITS)})\b", re.IGNORECASE)
_RATED = re.compile(rf"(?<![\w/.,:-])(?:{_NUMBER})\s+(?P<unit>{_ALT(RATED_UNITS)})\b", re.IGNORECASE)
#: "Hoàn thành tốt nhiệm vụ 07", "yếu kém: 01": a grade and its count (not a year, not a counted noun)
RATING_COUNT = re.compile(
    rf"(?<!\w)(?:{_ALT(RATING_LABELS)})\s*:?\s*(?!(?:19|20)\d\d(?!\d))(?P<num>\d{{1,5}})"
    rf"(?!\d|[.,]\d|\s?[/%]|\s*(?:{_UNIT})\b)"
)
#: "31.207 hoàn thành tốt nhiệm vụ", "374 không hoàn thành nhiệm vụ": a count followed by its grade
RATING_AFTER = re.compile(
    rf"(?=\d)(?<![\w/.,:-])(?P<num>{_NUMBER})\s+(?:{_ALT(RATING_LABELS)})(?!\w)(?!\s*(?:{_NUMBER}))"
)  # on doc.lower
#: an amount with its multiplier but not its currency, after an amount in đồng: "dự toán 214 tỷ đồng; đã giải
#: ngân hơn 197 tỷ, đạt 92,1%"
BARE_AMOUNT = re.compile(rf"(?=\d)(?<![\w/.,:-])(?P<num>{_NUMBER})\s+(?P<mult>tỷ|triệu)(?=\s*[,;.)]|\s+(?:và|so với)\b)")
_MONEY = re.compile(r"\d\s+(?:tỷ|triệu|nghìn|ngàn)?\s*đồng\b")
#: words after a number that do not name what it counts: time, order, prepositions, verbs
NOT_UNITS = frozenset(
    "năm tháng ngày giờ phút giây tuần quý thế kỷ lần thứ và hoặc với của cho trên dưới đến tới từ trong ngoài "
    "là có được đã đang sẽ bị thì mà nên để vào ra kết theo tại ở về so hơn gần khoảng trên đạt chiếm tăng giảm "
    "triệu tỷ nghìn ngàn trăm chục giây km2 m2 giờ sáng chiều tối chưa còn không đều cũng vẫn rất hoàn "
    # emulation slogans name a standard, they count nothing: "chi bộ 4 tốt", "3 an toàn", "3 cùng", "2 nhất"
    "tốt sạch xanh đẹp an cùng chống xây nhất đủ đúng dám".split()
)
#: unit words written without diacritics (most Vietnamese syllables have one)
ASCII_UNITS = frozenset("xe con tin ha km kg tem phim".split())
_SYL = r"[^\W\d_]+"
#: any other counted noun (one or two syllables): "120 hộ nghèo", "3 cuộc kiểm tra", "12 HTX"
GENERIC = re.compile(
    rf"{_NUM_START}(?P<num>{_NUMBER})(?:\s?/\s?(?P<total>{_NUMBER}))?\s(?P<unit>(?P<w1>{_SYL})(?:\s(?P<w2>{_SYL}))?)"
)
#: words before a number that make it a rank or a label, not a count
#: (a designation: "Chi bộ 17", "Đoàn Kiểm tra số 892", "Quận 12", "thôn 5")
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?<!\w)(?i:lần thứ|thứ|trung ương|(?<!tổng )(?<!với )(?<!có )số|khóa|điều|khoản|chương|mục|quý|tháng|năm|ngày|phòng|tầng|km|"
    # a holiday or a round named by its date: "đợt 2/9", "dịp 30/4", "Quốc khánh 2/9"
    r"đợt|dịp|quốc khánh|"
    r"chi bộ|thôn|xóm|tổ|khu|khu phố|tổ dân phố|tiểu khu|khu dân cư|khóm|quận|phường|đội|ấp|khối|bản|đoàn|"
    # "Chi bộ khu vực 3 phường Gia Cẩm", "Khu vực 2": a designation ("trong khu vực 3 xã" counts communes)
    r"(?:chi bộ|đảng bộ|tổ đảng)\s+khu vực)\s*$|(?<!\w)Khu vực\s*$"
)


def _claimed(doc: Doc) -> list[tuple[int, int]]:
    """Source spans already taken by dates and document references."""
    return [f.span for name in ("dates", "documents") for f in doc.facts.get(name, [])]


class _Taken:
    """Spans already claimed, for overlap look-ups by bisection (linear time on number-heavy texts)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        if i >= 0 and self.ends[i] > s:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < e


def _generic(doc: Doc, known: _Taken) -> list[re.Match[str]]:
    out = []
    for m in GENERIC.finditer(doc.norm):
        if known.overlaps(m.start(), m.start() + 1) or m["w1"].lower() in NOT_UNITS:
            continue
        if not (m["w1"].islower() or (m["w1"].isupper() and len(m["w1"]) >= 2)):
            continue  # a capitalized word starts a name or a new clause, not a unit
        if m["w1"].isascii() and m["w1"].islower() and m["w1"] not in ASCII_UNITS:
            continue  # not a Vietnamese noun ("42 is the answer")
        out.append(m)
    return out


_UNIT_COMMA = re.compile(r"\s*,\s*")


def _unit_end(m: re.Match[str]) -> int:
    """Generic units keep their second syllable only when it is a plain lower-case word; a list of units ends
    before a unit it repeats ("gồm 3 đồng chí, đồng chí A làm Bí thư": the second starts a new clause)."""
    if m.re is GENERIC and (not m["w2"] or not m["w2"].islower() or m["w2"].lower() in NOT_UNITS
                            or m["w1"].isupper()):
        return m.end("w1")
    if m["unit"] and "," in m["unit"]:
        seen, at = set(), m.start("unit")
        for part in _UNIT_COMMA.split(m["unit"]):
            at = m.string.find(part, at)
            if part.lower() in seen:
                return len(m.string[:at].rstrip(" ,")) if at > 0 else m.end("unit")
            seen.add(part.lower())
            at += len(part)
    return m.end("unit") if m["unit"] else m.end()


def _scaled(value: int | float, multiplier: str | None) -> int | float:
    """``3,2`` ``tỷ`` -> 3200000000, exactly (no binary rounding of 185,088 x 10^9)."""
    if not multiplier:
        return value
    scaled = Decimal(str(value)) * MULTIPLIERS[multiplier.lower()]
    return int(scaled) if scaled == scaled.to_integral_value() else float(scaled)


def _implied_unit(doc: Doc, pos: int, default: str | None = "đảng viên", units: re.Pattern[str] = _IMPLIED) -> str | None:
    """The body a label count counts: the last one counted in the sentence before it, else ``default``."""
    s, _ = doc.sentence_at(pos)
    before = list(units.finditer(doc.norm, max(s, pos - 400), pos))
    return before[-1]["unit"].lower() if before else default


def _label_counts(doc: Doc, taken: _Taken) -> list[Count]:
    """Disciplinary measures written before their count (``khiển trách 28``), in the unit the context implies."""
    facts: list[Count] = []
    if not any(w in doc.word_index for w in _LABEL_FIRST_WORDS):  # no label: no scan
        return facts
    for m in LABEL_COUNT.finditer(doc.lower):
        if not taken.overlaps(m.start("num"), m.start("num") + 1):
            span = doc.span(m.start(), m.end())
            facts.append(Count(span.text, span.bounds, value=int(m["num"]), unit=_implied_unit(doc, m.start())))
    return facts


def _rating_counts(doc: Doc, taken: _Taken) -> list[Count]:
    """Grades of the yearly review written before their count, in the unit counted before them."""
    facts: list[Count] = []
    if "nhiệm" not in doc.word_index and "mạnh" not in doc.word_index and "kém" not in doc.word_index:
        return facts
    for m in RATING_COUNT.finditer(doc.lower):
        if taken.overlaps(m.start("num"), m.start("num") + 1):
            continue
        unit = _implied_unit(doc, m.start(), None, _RATED)
        if unit:
            span = doc.span(m.start(), m.end())
            facts.append(Count(span.text, span.bounds, value=int(m["num"]), unit=unit))
    for m in RATING_AFTER.finditer(doc.lower):
        if taken.overlaps(m.start("num"), m.start("num") + 1):
            continue
        unit = _implied_unit(doc, m.start(), None, _RATED)
        value = parse_number(m["num"])
        if unit and value is not None:
            span = doc.span(m.start("num"), m.end("num"))
            facts.append(Count(span.text, span.bounds, value=value, unit=unit))
    return facts


def _parts_and_totals(doc: Doc, taken: _Taken) -> list[Count]:
    """Parts and totals whose unit the sentence implies, and breakdowns of violations by kind; each scan runs
    only where the words it needs occur."""
    facts: list[Count] = []
    text = doc.norm
    words = doc.word_index
    for m in (PREDICATE_COUNT.finditer(text) if "là" in words or "nạp" in words else ()):
        # "kết nạp 1.783 đảng viên, trong đó có 735 là nữ": the part counts what the whole counted
        unit = None if taken.overlaps(m.start("num"), m.end("num")) else _implied_unit(doc, m.start(), None)
        if unit:
            span = doc.span(m.start("num"), m.end("num"))
            facts.append(Count(span.text, span.bounds, value=parse_number(m["num"]), unit=unit))
    for m in (TOTAL_AFTER_NOUN.finditer(text) if "tổng" in words else ()):
        if not taken.overlaps(m.start("num"), m.end("num")):
            span = doc.span(m.start("num"), m.end("num"))
            facts.append(Count(span.text, span.bounds, value=parse_number(m["num"]), unit=m["unit"].lower()))
    for m in BARE_RATIO.finditer(text):
        # a ratio whose unit the sentence gives before it; the part may pass the whole (admissions over target)
        if taken.overlaps(m.start("num"), m.end("total")) or _NOT_A_COUNT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        value, total = parse_number(m["num"]), parse_number(m["total"])
        s, _ = doc.sentence_at(m.start())
        units = list(_RATIO_UNIT.finditer(text, max(s, m.start() - 300), m.start()))
        if value is None or not total or not units:
            continue
        span = doc.span(m.start(), m.end())
        facts.append(Count(span.text, span.bounds, value=value, total=total, unit=units[-1]["unit"].lower()))
    for m in (BARE_AMOUNT.finditer(text) if "tỷ" in words or "triệu" in words else ()):
        # the currency of an amount whose multiplier ends it is the one of the amounts just before it
        if taken.overlaps(m.start("num"), m.end("num")) or not _MONEY.search(text, max(0, m.start() - 300), m.start()):
            continue
        qualifier = _QUALIFIER.search(text, max(0, m.start() - 10), m.start())
        span = doc.span(qualifier.start() if qualifier else m.start(), m.end())
        facts.append(Count(span.text, span.bounds, value=_scaled(parse_number(m["num"]), m["mult"]), unit="đồng",
                           qualifier=qualifier.group().strip().lower() if qualifier else None))
    items = list(BREAKDOWN_COUNT.finditer(text)) if "phạm" in words else []
    for i, m in enumerate(items):
        s, e = doc.sentence_at(m.start())
        if m["pct"] is None and not any(0 < j < len(items) and abs(items[j].start() - m.start()) < 200 for j in (i - 1, i + 1)):
            continue  # a lone "label: N" is not a list
        if "vi phạm" not in doc.lower[max(s - 300, m.start() - 600, 0):min(e, m.end() + 300)] or taken.overlaps(m.start("num"), m.start("num") + 1):
            continue
        before = _LABEL_START.search(text, max(0, m.start() - 81), m.start())
        label_start = before.start() + 1 if before else max(0, m.start() - 80)
        while label_start < m.start() and not text[label_start].isalnum():
            label_start += 1
        if label_start >= m.start():
            continue
        span = doc.span(label_start, m.end("num"))
        facts.append(Count(span.text, span.bounds, value=int(m["num"]), unit="vi phạm"))
    return facts


def find_counts(doc: Doc) -> list[Count]:
    claimed = _claimed(doc)
    taken = _Taken(claimed)
    facts: list[Count] = []
    known = list(COUNT.finditer(doc.norm))
    matches = sorted(known + _generic(doc, _Taken(m.span() for m in known)), key=lambda m: m.start())
    for m in matches:
        if _NOT_A_COUNT_BEFORE.search(doc.norm, max(0, m.start() - 24), m.start()):
            continue
        end = _unit_end(m)
        num_start, num_end = doc.source_span(m.start("num"), m.end("total") if m["total"] else m.end("num"))
        if taken.overlaps(num_start, num_end):
            continue
        value = parse_number(m["num"])
        total = parse_number(m["total"] or (m.groupdict().get("of") or "")) if (m["total"] or m.groupdict().get("of")) else None
        if value is None or ((m["total"] or m.groupdict().get("of")) and (total is None or total == 0 or value > total)):
            continue
        value_max = parse_number(m["max"]) if m.groupdict().get("max") else None
        if value_max is not None and value_max <= value:
            continue
        multiplier = m.groupdict().get("mult")
        value = _scaled(value, multiplier)
        if value_max is not None:
            value_max = _scaled(value_max, multiplier)
        qualifier = _QUALIFIER.search(doc.norm, max(0, m.start() - 10), m.start())
        start = qualifier.start() if qualifier else m.start()
        span = doc.span(start, end)
        unit = "%" if m.re is COUNT and m["pct"] else doc.span(m.start("unit"), end).text
        facts.append(Count(span.text, span.bounds, value=value, total=total, unit=unit,
                           qualifier=qualifier.group().strip().lower() if qualifier else None, value_max=value_max))
    found = [(p, p + 1) for p in (doc.norm_offset(f.start) for f in facts)]
    taken_now = _Taken(found + [(doc.norm_offset(s), doc.norm_offset(e)) for s, e in claimed])
    facts += _label_counts(doc, taken_now) + _rating_counts(doc, taken_now) + _parts_and_totals(doc, taken_now)
    return sorted(facts, key=lambda f: f.span)


EXTRACTOR = Extractor(name="counts", fact_type=Count, find=find_counts, requires=("documents", "dates"))
