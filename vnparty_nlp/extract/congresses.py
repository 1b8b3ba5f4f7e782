"""Party congresses: ``Đại hội đại biểu Đảng bộ tỉnh Điện Biên lần thứ XIV nhiệm kỳ 2020-2025``.

Each keeps its organization, its ordinal (Roman in the text, an integer here) and its term, so the
congress season of a province can be laid out on a timeline.
"""
from __future__ import annotations

import bisect
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


_SUBJECT_HEADS = frozenset({"đảng bộ", "chi bộ"})


class _Subjects:
    """The party bodies of the article by position, and its sentence starts, for look-ups in O(log n)."""

    def __init__(self, doc: Doc) -> None:
        bodies = sorted((doc.norm_offset(o.start), o.text) for o in doc.facts.get("organizations", [])
                        if (o.head or "").casefold() in _SUBJECT_HEADS)
        self.starts = [at for at, _ in bodies]
        self.texts = [text for _, text in bodies]
        self.sentences = [s for s, _ in doc.sentence_bounds]

    def before(self, norm_start: int) -> str | None:
        """``Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ XVI``: the last party body earlier in the
        sentence."""
        i = bisect.bisect_right(self.sentences, norm_start) - 1
        sentence_start = self.sentences[i] if i >= 0 else 0
        j = bisect.bisect_left(self.starts, norm_start) - 1
        return self.texts[j] if j >= 0 and self.starts[j] >= sentence_start else None


def find_congresses(doc: Doc) -> list[Congress]:
    facts: list[Congress] = []
    subjects: _Subjects | None = None
    for m in CONGRESS.finditer(doc.norm):
        span = doc.span(m.start(), m.end())
        org = doc.span(m.start("org"), m.end("org")).text if m["org"] else None
        after = None if org else _ORG_AFTER.match(doc.norm, m.end())
        if after:  # "Đại hội đại biểu lần thứ XIV Đảng bộ tỉnh Điện Biên"
            org = doc.span(after.start(1), after.end(1)).text
        if org is None and (m["national"] or "của Đảng" in m.group()):
            org = NATIONAL
        if org is None:
            subjects = subjects or _Subjects(doc)
            org = subjects.before(m.start())
        if org is None and re.fullmatch(rf"(?i:Đại hội)\s+{ROMAN}", m.group()):  # plain "Đại hội XIII"
            org = NATIONAL
        facts.append(Congress(
            span.text, span.bounds, organization=org, number=roman_to_int(m["roman"]),
            term_start=int(m["y1"]) if m["y1"] else None, term_end=int(m["y2"]) if m["y2"] else None,
            pilot=bool(m["pilot"]),
        ))
    return facts


EXTRACTOR = Extractor(name="congresses", fact_type=Congress, find=find_congresses, requires=("organizations",))
