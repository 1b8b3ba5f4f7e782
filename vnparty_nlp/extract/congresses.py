"""Party congresses: ``Đại hội đại biểu Đảng bộ tỉnh Điện Biên lần thứ XIV nhiệm kỳ 2020-2025``.

Each keeps its organization, its ordinal (Roman in the text, an integer here) and its term, so the
congress season of a province can be laid out on a timeline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.organizations import ORGANIZATION
from vnparty_nlp.extract.patterns import ROMAN, roman_to_int
from vnparty_nlp.text import Doc

NATIONAL = "Đảng Cộng sản Việt Nam"


@dataclass(frozen=True)
class Congress(Fact):
    organization: str | None = None
    number: int | None = None  # lần thứ XIV → 14
    term_start: int | None = None
    term_end: int | None = None
    pilot: bool = False  # đại hội điểm: a pilot congress held first to draw lessons


_ORG = ORGANIZATION.pattern.replace("(?P<unique>", "(?P<u>").replace("(?P<head>", "(?P<h>").replace("(?P<mod>", "(?P<md>")
CONGRESS = re.compile(
    rf"(?<!\w)(?:Đại hội|ĐẠI HỘI)\s+(?:đại biểu\s+)?(?P<pilot>điểm\s+)?"
    rf"(?:(?P<national>toàn quốc)\s+|(?P<org>{_ORG})\s*(?:\([^)]{{1,40}}\)\s*)?)?"
    rf"(?:lần thứ\s+)?(?P<roman>{ROMAN})(?!\w)(?:\s+của\s+Đảng)?"
    rf"(?:\s*,?\s*nhiệm kỳ\s+(?P<y1>(?:19|20)\d{{2}})\s*-\s*(?P<y2>(?:19|20)\d{{2}}))?"
)

_ORG_AFTER = re.compile(r"\s+((?:Đảng bộ|Chi bộ)\s+(?:tỉnh|huyện|thành phố|xã|phường|thị trấn|quận|thị xã|cơ quan|khối)"
                        r"(?:\s+[^\W\d_][\w]*)*?)(?=[\s.,;]|$)")


def _subject_organization(doc: Doc, norm_start: int) -> str | None:
    """``Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ XVI``: the party body earlier in the sentence."""
    sentence_start, _ = doc.sentence_at(norm_start)
    best = None
    for org in doc.facts.get("organizations", []):
        at = doc.norm_offset(org.start)
        if sentence_start <= at < norm_start and org.head in ("Đảng bộ", "Chi bộ"):
            best = org.text
    return best


def find_congresses(doc: Doc) -> list[Congress]:
    facts: list[Congress] = []
    for m in CONGRESS.finditer(doc.norm):
        span = doc.span(m.start(), m.end())
        org = doc.span(m.start("org"), m.end("org")).text if m["org"] else None
        after = None if org else _ORG_AFTER.match(doc.norm, m.end())
        if after:  # "Đại hội đại biểu lần thứ XIV Đảng bộ tỉnh Điện Biên"
            org = doc.span(after.start(1), after.end(1)).text
        if org is None and (m["national"] or "của Đảng" in m.group()):
            org = NATIONAL
        if org is None:
            org = _subject_organization(doc, m.start())
        if org is None and re.fullmatch(rf"(?i:Đại hội)\s+{ROMAN}", m.group()):  # plain "Đại hội XIII"
            org = NATIONAL
        facts.append(Congress(
            span.text, span.bounds, organization=org, number=roman_to_int(m["roman"]),
            term_start=int(m["y1"]) if m["y1"] else None, term_end=int(m["y2"]) if m["y2"] else None,
            pilot=bool(m["pilot"]),
        ))
    return facts


EXTRACTOR = Extractor(name="congresses", fact_type=Congress, find=find_congresses, requires=("organizations",))
