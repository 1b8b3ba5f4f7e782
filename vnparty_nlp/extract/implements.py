"""Which document implements which: ``Thực hiện Chỉ thị số 35-CT/TW …; Kế hoạch số 79-KH/TU … của BCH Tỉnh ủy``.

Reports name the decisions they carry out with a handful of phrases: ``Thực hiện``, ``Triển khai``,
``Cụ thể hóa`` (implements), ``Căn cứ``, ``Trên cơ sở`` (is based on), ``Quán triệt``, ``theo tinh thần``
(applies). After the phrase comes a list of citations; the implementer is

* a document the sentence issues (``…, Huyện ủy ban hành Kế hoạch số 12-KH/HU``) or that carries the phrase
  itself (``Kế hoạch số 25-KH/TU … thực hiện Kết luận số 100-KL/TW``), else
* the lowest-level document of the list, when the list descends the hierarchy (the province's plan
  ``79-KH/TU`` after the Politburo's directive and the Organization Commission's guideline), else
* the body that acts in the main clause (``…, Đảng ủy xã Nông Thượng đã chỉ đạo …``).

Every relation is one fact whose span is its sentence (the evidence), with both ends resolved through the
:mod:`~vnparty_nlp.extract.registry` (the article's date helps). Linear in the text: cues and citations are
walked once, in order.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.documents import DocumentRef
from vnparty_nlp.extract.organizations import ORGANIZATION
from vnparty_nlp.extract.patterns import PROVINCES
from vnparty_nlp.extract.registry import Resolution, default_registry, level_of, province_in
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Implementation(Fact):
    """``source`` (a document, or ``None`` when a ``body`` acts without one) ``relation`` ``target``.

    ``text``/``span`` are the sentence that says so. ``*_id`` are registry identities
    (``35-CT/TW@2019-05-30``, ``79-KH/TU@Điện Biên@2019-08-14``); ``target_status`` is the
    :class:`~vnparty_nlp.extract.registry.Resolution` status (``resolved``, ``dated``, ``local``,
    ``ambiguous``, ``unresolved``).
    """

    relation: str | None = None  # "implements", "based_on", "applies"
    cue: str | None = None  # the phrase as written: "Thực hiện"
    target: str | None = None  # "35-CT/TW"
    target_text: str | None = None
    target_id: str | None = None
    target_status: str | None = None
    target_date: str | None = None
    target_issuer: str | None = None
    target_level: int | None = None
    source: str | None = None  # "79-KH/TU"
    source_id: str | None = None
    source_date: str | None = None
    source_issuer: str | None = None
    source_level: int | None = None
    body: str | None = None  # who implements: the source's issuer, else the acting body
    province: str | None = None


#: phrase (lower case) → relation; longest first in the pattern
CUES: dict[str, str] = {
    "thực hiện": "implements", "triển khai thực hiện": "implements", "triển khai": "implements",
    "tổ chức thực hiện": "implements", "cụ thể hóa": "implements", "hướng dẫn thực hiện": "implements",
    "quán triệt và thực hiện": "implements", "quán triệt, triển khai": "implements",
    "căn cứ": "based_on", "căn cứ vào": "based_on", "trên cơ sở": "based_on",
    "quán triệt": "applies", "theo tinh thần": "applies", "theo đúng tinh thần": "applies",
    "thực hiện theo tinh thần": "applies",
}
_CUE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True)) + r")(?!\w)")
#: what may stand between a phrase and the first citation it governs ("Thực hiện theo hướng dẫn số 13")
_CUE_TO_DOC = re.compile(r"[\s,:]*(?:(?:nghiêm túc|có hiệu quả|tốt|theo|đúng|nội dung|tinh thần|các|của)\s*)*$")
#: between two citations of one list: no verb of a main clause, no new phrase
_LIST_BREAK = re.compile(r"(?<!\w)(?:đã|đang|sẽ|ban hành|được|vừa|tiếp tục|đồng thời)(?!\w)|[.!?](?:\s|$)")
#: a document the main clause issues: "ban hành Kế hoạch số …", "xây dựng Kế hoạch"
_ISSUES = re.compile(r"(?<!\w)(?:ban hành|xây dựng|ra|đề ra|có|lập)(?:\s+(?:và\s+)?(?:ban hành|triển khai))?\s*$")
#: between a document and the phrase it carries: its date, issuer and subject, or "để", "nhằm"
_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm|với mục đích)(?!\w)")
_CLAUSE_BREAK = re.compile(r"[;]|(?<!\w)(?:đã|đang|sẽ|được|gắn với|cùng với|đồng thời|học tập)(?!\w)")
_ACTOR_BEFORE = re.compile(r"(?:^|[,;:]\s*|(?<![\w])(?:thì|nay)\s+)$")
_ACTOR_NOT_AFTER = re.compile(r"(?<!\w)(?:của|do|với|và|cho|tại|thuộc)\s*$")
MAX_GAP = 400  # characters between two citations of one list (titles can be long)
MAX_SUBJECT_GAP = 220  # between a document and the phrase it carries
MAX_ACTOR_SEARCH = 300
MAX_EVIDENCE = 1500  # a longer "sentence" (a page without full stops) is cut to the phrase's stretch


def _units(doc: Doc) -> list[tuple[int, int]]:
    """Sentences, with one that a hard line break cut before a number glued back (``Chỉ thị số\\n35-CT/TW``)."""
    out: list[tuple[int, int]] = []
    text = doc.norm
    for start, end in doc.sentence_bounds:
        if out:
            prev_s, prev_e = out[-1]
            tail = text[prev_s:prev_e].rstrip()
            if tail and tail[-1].isalnum() and text[start:start + 1].isdigit():
                out[-1] = (prev_s, end)
                continue
        out.append((start, end))
    return out


def _article_province(doc: Doc) -> str | None:
    """The province named most often in the first 20,000 characters (the first in the list on a tie); only
    the provinces whose first word the article has are counted."""
    head = doc.norm[:20_000]
    counts = {name: head.count(name) for name in PROVINCES if name.split()[0].lower() in doc.word_index}
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best and counts[best] else None


@dataclass
class _Cited:
    ref: DocumentRef
    start: int  # norm offsets of the citation proper
    end: int
    res: Resolution
    level: int | None

    @property
    def key(self) -> str:
        entry = self.res.entry
        return entry.key if entry else (self.ref.key or self.ref.text)


def _cited(doc: Doc, refs: list[DocumentRef], article_date: dt.date | None, province: str | None) -> list[_Cited]:
    registry = default_registry()
    out = []
    known: dict[str, Resolution] = {}
    starts = [doc.norm_offset(r.start) for r in refs]
    for i, ref in enumerate(refs):
        start, end = starts[i], doc.norm_offset(ref.stop)
        context_end = min(starts[i + 1] if i + 1 < len(refs) else len(doc.norm), end + 250)
        res = registry.resolve(ref, article_date=article_date, context=doc.norm[end:context_end], province=province)
        level = res.entry.level if res.entry else level_of(ref.issuer, ref.code)
        if not res.resolved and ref.key in known:  # cited with its date earlier in the article
            res = known[ref.key]
        elif res.resolved and ref.code:
            known.setdefault(ref.key, res)
        out.append(_Cited(ref, start, end, res, level))
    return out


def _actor(doc: Doc, start: int, stop: int) -> str | None:
    """The body acting in a main clause: a name after a comma, not after ``của`` (that is an issuer)."""
    text = doc.norm
    stop = min(stop, start + MAX_ACTOR_SEARCH)
    for m in ORGANIZATION.finditer(text, start, stop):
        before = text[max(0, m.start() - 30):m.start()]
        if _ACTOR_NOT_AFTER.search(before):
            continue
        if _ACTOR_BEFORE.search(text[start:m.start()]) or m.start() == start:
            return m.group().strip()
    return None


def find_implementations(doc: Doc) -> list[Implementation]:
    refs = sorted(doc.facts.get("documents", []), key=lambda f: f.start)
    if not refs:
        return []
    lower = doc.lower
    cues = list(_CUE.finditer(lower))
    if not cues:  # no phrase of implementation: nothing to resolve
        return []
    province = _article_province(doc)
    cited = [c for c in _cited(doc, refs, doc.published, province) if c.ref.number]  # not "Điều lệ Đảng"
    starts = [c.start for c in cited]
    out: list[Implementation] = []
    units = _units(doc)
    unit_starts = [s for s, _ in units]
    by_unit: dict[int, list[re.Match[str]]] = {}
    for m in cues:
        by_unit.setdefault(bisect_left(unit_starts, m.start() + 1) - 1, []).append(m)
    for u, unit_cues in by_unit.items():
        if u < 0:
            continue
        s_start, s_end = units[u]
        lo, hi = bisect_left(starts, s_start), bisect_left(starts, s_end)
        out += _relations_in(doc, (s_start, s_end), unit_cues, cited, lo, hi, province)
    return out


def _relations_in(doc: Doc, unit: tuple[int, int], cues: list[re.Match[str]], cited: list[_Cited], lo: int, hi: int,
                  province: str | None) -> list[Implementation]:
    """The relations of one sentence: each cue governs the list of citations that follows it."""
    text = doc.norm
    out: list[Implementation] = []
    targeted: dict[int, _Cited | None] = {}  # citation index → the subject of the cue that took it
    i = lo
    for n, cue in enumerate(cues):
        next_cue = cues[n + 1].start() if n + 1 < len(cues) else unit[1]
        while i < hi and cited[i].start < cue.end():
            i += 1
        if i >= hi or cited[i].start >= next_cue or not _CUE_TO_DOC.match(text[cue.end():cited[i].start]):
            continue
        first = i
        while i + 1 < hi and cited[i + 1].start < next_cue and cited[i + 1].start - cited[i].end <= MAX_GAP \
                and not _LIST_BREAK.search(text, cited[i].end, cited[i + 1].start):
            i += 1
        targets = cited[first:i + 1]
        i += 1
        subject = _subject_before(text, cue, cited, lo, first, targeted)
        actor = None
        if subject is None:
            subject = _subject_after(text, cited, i, hi, next_cue)
            actor = _actor(doc, targets[-1].end, subject.start) if subject is not None else None
        relation = CUES[" ".join(cue.group().split())]
        cue_text = doc.span(cue.start(), cue.end()).text
        evidence = doc.span(*_evidence(unit, cue, subject, next_cue))
        pairs = [(subject, t) for t in targets if t is not subject and _in_order(subject, t)] if subject else []
        if pairs:
            for k in range(first, first + len(targets)):
                targeted[k] = subject
        else:
            pairs = _chain(targets)
            for k in range(first, first + len(targets)):
                targeted[k] = None
            lowest = {id(s) for s, _ in pairs}
            actor = _actor(doc, targets[-1].end, next_cue)
            acted = [t for t in targets if id(t) in lowest] or [t for t in targets if not pairs]
            out += [_fact(evidence, relation, cue_text, None, t, actor, province) for t in acted]
        out += [_fact(evidence, relation, cue_text, s, t, actor, province) for s, t in pairs]
    return out


def _evidence(unit: tuple[int, int], cue: re.Match[str], subject: _Cited | None, next_cue: int) -> tuple[int, int]:
    """The sentence; in a run-on sentence, the stretch from the phrase (or its subject) to the next phrase, so
    that evidence stays short and the work linear."""
    if unit[1] - unit[0] <= MAX_EVIDENCE:
        return unit
    start = min(cue.start(), subject.start) if subject is not None else cue.start()
    return max(unit[0], start), min(unit[1], max(next_cue, cue.end()))


def _subject_before(text: str, cue: re.Match[str], cited: list[_Cited], lo: int, first: int,
                    targeted: dict[int, _Cited | None]) -> _Cited | None:
    """``Kế hoạch số 25-KH/TU … thực hiện …``: the citation right before the phrase carries it."""
    k = first - 1
    if k < lo:
        return None
    gap = text[cited[k].end:cue.start()]
    if len(gap) > MAX_SUBJECT_GAP or _CLAUSE_BREAK.search(gap):
        return None
    if k in targeted:  # "… theo tinh thần A để triển khai B": B is the earlier subject's purpose
        return targeted[k] if _PURPOSE.search(gap) else cited[k]
    return cited[k]


def _subject_after(text: str, cited: list[_Cited], i: int, hi: int, next_cue: int) -> _Cited | None:
    """``…, Huyện ủy ban hành Kế hoạch số 12-KH/HU``: a document the main clause issues."""
    if i < hi and cited[i].start < next_cue and _ISSUES.search(text, max(0, cited[i].start - 60), cited[i].start):
        return cited[i]
    return None


def _chain(targets: list[_Cited]) -> list[tuple[_Cited, _Cited]]:
    """In a list that descends the hierarchy, the lowest-level (local) documents implement the higher ones."""
    levels = [t.level for t in targets if t.level is not None]
    if len(levels) < 2 or max(levels) < 2 or max(levels) == min(levels):
        return []
    low = [t for t in targets if t.level == max(levels)]
    return [(s, t) for s in low for t in targets if t.level is not None and t.level < s.level]


def _in_order(source: _Cited, target: _Cited) -> bool:
    """A document the sentence issues cannot implement one issued after it (a list read as a chain can:
    provinces plan before the central guideline arrives, and amend)."""
    return not (source.res.date and target.res.date and source.res.date < target.res.date)


def _fact(evidence, relation: str, cue: str, source: _Cited | None, target: _Cited, actor: str | None,
          province: str | None) -> Implementation:
    body = (source.ref.issuer if source else None) or actor
    return Implementation(
        evidence.text, evidence.bounds, relation=relation, cue=cue,
        target=target.key, target_text=target.ref.text, target_id=target.res.identity,
        target_status=target.res.status, target_date=target.res.date, target_issuer=target.ref.issuer
        or (target.res.entry.issuer if target.res.entry else None), target_level=target.level,
        source=source.key if source else None, source_id=source.res.identity if source else None,
        source_date=source.res.date if source else None, source_issuer=source.ref.issuer if source else None,
        source_level=source.level if source else None, body=body,
        province=province_in(body) or province_in(source.ref.issuer if source else None) or province,
    )


EXTRACTOR = Extractor(name="implements", fact_type=Implementation, find=find_implementations, requires=("documents",))
