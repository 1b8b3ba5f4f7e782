"""Named party and state bodies: ``Đảng bộ xã Mường Toong``, ``Ban Thường vụ Huyện ủy Ninh Giang``.

A name is a head (``Đảng bộ``, ``Ban Tổ chức``, ``Tỉnh ủy``...) narrowed by a committee (``Tỉnh ủy``), a
level and a place (``xã Mường Toong``) or a proper name (``Bộ đội Biên phòng``). A bare head
(``Tỉnh ủy``, ``Ban Thường vụ``) is a reference, not a name, and is left out, except for the bodies that
are unique in the country (``Bộ Chính trị``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import CAP_SYLLABLE, LOWER
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Organization(Fact):
    head: str | None = None  # "Đảng bộ", "Ban Tổ chức", ...


UNIQUE_BODIES: tuple[str, ...] = (
    "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Ủy ban Thường vụ Quốc hội",
    "Mặt trận Tổ quốc Việt Nam", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
    "BCH Trung ương", "Văn phòng Trung ương Đảng",
)
HEADS: tuple[str, ...] = (
    "Ban Thường vụ", "Thường trực", "Ban Chấp hành", "BCH", "BTV", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận",
    "Ban Nội chính", "Ban Kinh tế", "Ban Tuyên giáo và Dân vận", "Ủy ban Kiểm tra", "UBKT", "Văn phòng",
    "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy khối", "Đảng ủy Khối", "Đảng ủy", "Chi ủy", "Đảng bộ",
    "Chi bộ", "Đảng đoàn", "Ban cán sự đảng", "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND",
    "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Nông dân", "Hội Cựu chiến binh",
    "Hội Liên hiệp Phụ nữ", "Liên đoàn Lao động", "Công an", "Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự",
    "Trung tâm Chính trị", "Trung tâm", "Đài", "Sở", "Phòng",
)
COMMITTEES = r"(?:[Tt]ỉnh ủy|[Tt]hành ủy|[Hh]uyện ủy|[Qq]uận ủy|[Tt]hị ủy|[Đđ]ảng ủy|Trung ương|TW)"
LEVELS = r"(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|quận|cơ quan|khối|TP\.?)"
#: lower-case syllables that may end a proper name (``Công an``, ``Quân sự``, ``Biên phòng``)
NAME_TAIL = (
    "an sự chính phòng đội vụ trị chức tra giáo vận dân ương nghiệp tế hội thông binh nữ niên nông nhân "
    "xã sát đảng quan"
).split()
#: lower-case words that never sit inside a name: they join or relate two names
_JOINERS = r"(?:và|hoặc|của|với|tại|ở|cho|về|là|có|đã|các|trên|trong)(?!\w)"
_NAME_UNIT = (
    rf"{CAP_SYLLABLE}(?:\s+(?:(?!{_JOINERS}){LOWER}+(?=\s+{CAP_SYLLABLE})|(?:{'|'.join(NAME_TAIL)})(?!\w)))?"
)
NAME = rf"{_NAME_UNIT}(?:(?:\s+|\s?-\s?){_NAME_UNIT}){{0,4}}"
_HEAD = "|".join(re.escape(h) for h in sorted(HEADS, key=len, reverse=True))
_UNIQUE = "|".join(re.escape(h) for h in sorted(UNIQUE_BODIES, key=len, reverse=True))
_MODIFIER = rf"(?:\s+(?:{COMMITTEES}(?!\w)|{LEVELS}(?:\s+{LEVELS})*\s+(?:{NAME})|(?!{COMMITTEES}(?!\w)){NAME})){{0,3}}"
ORGANIZATION = re.compile(rf"(?<!\w)(?:(?P<unique>{_UNIQUE})|(?P<head>{_HEAD})(?P<mod>{_MODIFIER}))(?!\w)")


def _cut_at_people(doc: Doc, start: int, end: int) -> int:
    """``Huyện ủy Mường Nhé Lò Văn Muôn``: the organization ends where a person's name begins."""
    for person in doc.facts.get("people", []):
        p = doc.norm_offset(person.start)
        if start < p < end:
            end = p
    while end > start and doc.norm[end - 1] in " ,":
        end -= 1
    return end


def find_organizations(doc: Doc) -> list[Organization]:
    facts: list[Organization] = []
    for m in ORGANIZATION.finditer(doc.norm):
        if m["head"] and not m["mod"].strip():
            continue
        end = _cut_at_people(doc, m.start(), m.end())
        if end < m.end():
            if m["head"] and end <= m.end("head"):
                continue
            span = doc.span(m.start(), end)
            facts.append(Organization(span.text, span.bounds, head=m["unique"] or m["head"]))
            continue
        span = doc.span(m.start(), m.end())
        facts.append(Organization(span.text, span.bounds, head=m["unique"] or m["head"]))
        # a nested committee with its own name is an organization too ("BCH Tỉnh ủy Điện Biên")
        inner = re.match(rf"\s+(({COMMITTEES})\s+{NAME})$", m["mod"] or "")
        if inner and m["head"]:
            s = m.start("mod") + inner.start(1)
            sub = doc.span(s, m.end())
            facts.append(Organization(sub.text, sub.bounds, head=inner.group(2)))
    return facts


EXTRACTOR = Extractor(name="organizations", fact_type=Organization, find=find_organizations, requires=("people",))
