"""References to party and state documents: ``Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị``.

Party numbers read ``NUMBER-TYPE/ISSUER`` (``26-HD/BTCTW``); state ones ``NUMBER/[YEAR/]TYPE-ISSUER``
(``1234/QĐ-UBND``, ``30/2020/NĐ-CP``). Real pages add stray spaces (``35- CT/ TW``), a colon after
``số``, or drop the code (``Chỉ thị 05 của Bộ Chính trị``). Plenum resolutions are cited by plenum
(``Nghị quyết Trung ương 4 (khóa XI)``) and a few documents by name (``Điều lệ Đảng``).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.organizations import ORGANIZATION
from vnparty_nlp.extract.patterns import (
    DMY,
    DMY_WORDS,
    ROMAN,
    UPPER,
    date_from_match,
    dedupe_overlaps,
)
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class DocumentRef(Fact):
    type: str | None = None
    number: str | None = None
    code: str | None = None
    date: str | None = None
    issuer: str | None = None
    issuer_source: str | None = None  # "text", "code" (from the issuer code) or None
    plenum: list[str] | None = None  # ["9", "10", "11"] of "Nghị quyết Trung ương 9, 10, 11 (khóa XII)"
    term: str | None = None  # "XII" (khóa) of a plenum resolution

    @property
    def key(self) -> str:
        """``35-CT/TW``: how researchers name a document (type name when it has no number)."""
        if self.code:
            return f"{self.number}-{self.code}" if "/" in self.code and "-" not in self.code else f"{self.number}/{self.code}"
        return " ".join(x for x in (self.type, self.number) if x)


#: type word → normalized type; the pattern is built from these (longest first)
TYPE_WORDS: dict[str, str] = {
    "chỉ thị": "chỉ thị", "nghị quyết": "nghị quyết", "hướng dẫn": "hướng dẫn", "kế hoạch": "kế hoạch",
    "quyết định": "quyết định", "quy định": "quy định", "kết luận": "kết luận", "thông báo": "thông báo",
    "thông tri": "thông tri", "quy chế": "quy chế", "chương trình": "chương trình", "đề án": "đề án",
    "công văn": "công văn", "báo cáo": "báo cáo", "tờ trình": "tờ trình", "nghị định": "nghị định",
    "thông tư liên tịch": "thông tư liên tịch", "thông tư": "thông tư", "luật": "luật",
    "điều lệ": "điều lệ", "cương lĩnh": "cương lĩnh", "pháp lệnh": "pháp lệnh", "quy trình": "quy trình",
    "văn bản hợp nhất": "văn bản hợp nhất", "thông cáo": "thông cáo", "phương án": "phương án",
}
#: type code (the part before ``/`` or ``-``) → type, for citations by code alone
TYPE_CODES: dict[str, str] = {
    "CT": "chỉ thị", "NQ": "nghị quyết", "HD": "hướng dẫn", "KH": "kế hoạch", "QĐ": "quyết định",
    "QĐI": "quy định", "QYĐ": "quy định", "KL": "kết luận", "TB": "thông báo", "QC": "quy chế",
    "CTR": "chương trình", "ĐA": "đề án", "CV": "công văn", "BC": "báo cáo", "TTR": "tờ trình",
    "NĐ": "nghị định", "TTLT": "thông tư liên tịch", "TT": "thông tư", "PA": "phương án",
    "VBHN": "văn bản hợp nhất", "QTR": "quy trình", "TC": "thông cáo",
}
#: issuer code → body, used when the sentence does not name the issuer
ISSUER_CODES: dict[str, str] = {
    "TW": "Trung ương", "BTCTW": "Ban Tổ chức Trung ương", "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương", "BDVTW": "Ban Dân vận Trung ương", "BNCTW": "Ban Nội chính Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng", "QUTW": "Quân ủy Trung ương", "ĐUK": "Đảng ủy khối",
    "TU": "Tỉnh ủy", "THU": "Thành ủy", "HU": "Huyện ủy", "CP": "Chính phủ", "TTG": "Thủ tướng Chính phủ",
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "BCSĐ": "Ban cán sự đảng",
}

_TYPE = r"(?P<type>" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")"
#: a document number, thousands grouped or not ("Công văn số 1.234-CV/TU")
_NUM = r"(?P<num>\d{1,3}(?:\.\d{3}){1,2}(?![\d.])|\d{1,5}[a-z]?)"  # bounded: linear on digit runs
_PARTY_CODE = (
    r"(?P<tcode>" + UPPER + r"[A-Za-zĐđ]{0,4})\s?/\s?(?P<icode>" + UPPER + r"[A-ZĐa-z0-9]{0,9}(?:/[A-Za-z]{1,4})?)"
)
_STATE_CODE = (
    r"(?P<scode>(?:(?:19|20)\d{2}\s?/\s?)?" + UPPER + r"[A-Za-zĐđ]{0,5}(?:(?:\s?-\s?|\.(?=[A-ZĐ][A-Za-zĐđ0-9]*-|[A-ZĐ][A-Za-z]{1,5}\b))" + UPPER
    + r"[A-Za-zĐđ0-9]{0,8})+|(?:19|20)\d{2}/(?:QH|UBTVQH)\d{1,2})"
)
_NUMBER_AND_CODE = rf"{_NUM}(?:(?:\s?-\s?|(?={UPPER})){_PARTY_CODE}|\s?/\s?{_STATE_CODE})"
_SO = r"(?:\s+(?i:số))?\s*:?\s*"
#: the signing date after a citation; one without a year ("Quyết định số 2136-QĐNS/TW ngày 20/5 của Bộ Chính trị")
#: gives no date but must not hide the issuer after it
_DATE_TAIL = rf"(?:\s*,?\s*(?:ban hành\s+)?ngày\s+(?:{DMY}|{DMY_WORDS}|\d{{1,2}}\s?[-/.]\s?\d{{1,2}}(?![\d/.-])))?"
#: one term or several ("khóa XI, XII", "khóa XI và XII"), kept as written
_TERMS = rf"{ROMAN}(?:\s*(?:,|và|-)\s*{ROMAN}(?!\w))*"
_PLENUM = (
    rf"(?:Hội nghị\s+)?(?:lần thứ\s+)?(?:Tr?ung ương|TW|BCH\s+Trung ương)\s+(?:lần thứ\s+)?"
    rf"(?P<plenum>\d{{1,2}}(?:\s*(?:,|và)\s*\d{{1,2}}(?!\d))*)"
    rf"(?:\s*\(?\s*khóa\s+(?P<khoa>{_TERMS})\s*\)?)?"
)
_CONGRESS = (
    rf"Đại hội\s+(?:đại biểu\s+)?(?:toàn quốc\s+|Đảng bộ\s+[^\W\d_][^,.;:()\d]{{0,40}}?\s+)?(?:lần thứ\s+)?{ROMAN}\b"
    rf"(?:\s+của\s+Đảng)?"
)

CITATION = re.compile(rf"(?<!\w)(?i:{_TYPE}){_SO}{_NUMBER_AND_CODE}{_DATE_TAIL}")
NUMBER_ONLY = re.compile(
    rf"(?<!\w)(?i:{_TYPE})(?P<gap>(?:\s+(?!số\b)[^\W\dA-ZĐ]\w*){{1,2}}(?=\s+số\b))?(?:\s+số\s*:?\s*|\s+){_NUM}"
    rf"(?![\d/.,-]\d|\s?-\s?{UPPER}){_DATE_TAIL}"
)
#: what may follow a lower-case type word and its number for it to be a citation: "quy định 102, quy định 07 của ..."
_CITED_AFTER = re.compile(r"\s*(?:[,;.)]|$|(?:của|ngày|và|về|do)\b)")
CODE_ONLY = re.compile(rf"(?<![\w/-])(?<!\d\.){_NUMBER_AND_CODE}{_DATE_TAIL}")
_PLENUM_FIRST = (  # Hội nghị lần thứ 5 Ban Chấp hành Trung ương Đảng khóa XIII
    rf"Hội nghị\s+lần thứ\s+(?P<plenum2>\d{{1,2}})\s+(?:BCH|Ban Chấp hành)\s+(?:Trung ương|TW)(?:\s+Đảng)?"
    rf"(?:\s*\(?\s*khóa\s+(?P<khoa2>{_TERMS})\s*\)?)?"
)
PLENUM = re.compile(rf"(?<!\w)(?P<type>Nghị quyết|NGHỊ QUYẾT)\s+(?:{_PLENUM}|{_PLENUM_FIRST})")
#: the type word of a citation whose name or issuer stands before its number:
#: "Luật Bầu cử đại biểu Quốc hội ... số 85/2015/QH13", "Quyết định của Bộ Chính trị số 31-QĐ/TW"
#: the gap holds no other type word: in "Điều lệ Đảng và Quy định số 37-QĐ/TW" and "Chương trình hành động thực
#: hiện Kết luận số 54-KL/TU" the number belongs to the nearest one ("pháp luật" is no type word)
_ANY_TYPE_WORD = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))
_TYPE_BEFORE = re.compile(
    rf"(?<!\w)(?P<word>{'|'.join(sorted((w.capitalize() for w in TYPE_WORDS), key=len, reverse=True))})"
    rf"(?P<gap>(?:(?!(?<!pháp )(?i:{_ANY_TYPE_WORD})\b)[^.;:()\n\d]){{0,100}}?)\s+(?i:số)\s*:?\s*$"
)
_ISSUER_IN_GAP = re.compile(rf"^\s+(?:của|do)\s+(?P<issuer>{UPPER}[^,]*?)\s*$")
NAMED = re.compile(
    rf"(?<!\w)(?P<type>Nghị quyết)\s+(?:{_CONGRESS})"
    r"|(?P<type2>Điều lệ)\s+Đảng(?:\s+Cộng sản Việt Nam)?"
    r"|(?P<type3>Cương lĩnh)(?:\s+chính trị)?(?:\s+xây dựng đất nước[\w\s]*?quá độ lên chủ nghĩa xã hội)?(?=\W)"
    r"|(?P<type4>Quy chế)\s+bầu cử\s+trong\s+Đảng"
)
#: the article cited before the charter: "Điều 36 Điều lệ Đảng", "khoản 2, Điều 8 của Điều lệ Đảng"
_ARTICLE_BEFORE = re.compile(r"(?<!\w)Điều\s+\d{1,3}\s*,?\s+(?:(?:của|trong)\s+)?$")
#: where a citation can start (matched on the lower-cased text); the patterns are tried only there
#: the type words by their first word (``chỉ`` → ``chỉ thị``), and what a number must be followed by to start a code
_TYPE_FIRST: dict[str, list[str]] = {}
for _word in sorted(TYPE_WORDS, key=len, reverse=True):
    _TYPE_FIRST.setdefault(_word.split()[0], []).append(_word)
_CODE_AFTER_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{3}){1,2}|\d{1,5})[a-zđ]{0,5}\s?[-/]")
ISSUER = re.compile(
    rf"\s*,?\s*(?:của|do)\s+(?P<issuer>{UPPER}[\w]*(?:(?:[ \t]+|\s*\n\s*(?!{UPPER}))(?!(?i:về|đã|đang|sẽ|và|là|có|nhằm|với|đối|trong|tại|theo|để|cho|"
    r"ngày|số|được|thì|mà|khi|nên|cũng|vẫn|ban hành|quy định|hướng dẫn|thực hiện|một số)\b)[\w]+){0,11})"
)
_ISSUER_TAIL_OK = re.compile(rf"(?:^|\s)(?:{UPPER}\w*|BCH|TW|ương|trị|thư|vụ|chức|tra|giáo|vận|dân|phủ|ủy|hành|phố|sự|an|biên phòng|trận|quốc|nước|khối|quân|nhân"
                             r"|(?:Đảng|ĐẢNG|đảng) bộ|tỉnh|huyện|xã|phường|thị trấn|thị xã|quận|thành phố)$")


def _issuer_after(doc: Doc, pos: int) -> tuple[str | None, int]:
    m = ISSUER.match(doc.norm, pos)
    if not m:
        return None, pos
    words = list(re.finditer(r"\S+", m["issuer"]))
    while words and not _ISSUER_TAIL_OK.search(" ".join(w.group() for w in words)):
        words.pop()
    if not words:
        return None, pos
    return " ".join(w.group() for w in words), m.start("issuer") + words[-1].end()


def _clean_code(text: str | None) -> str | None:
    """Spaces removed and a dot between code parts written as the dash it stands for (``QĐ.TTg`` -> ``QĐ-TTg``)."""
    return re.sub(r"(?<=[A-Za-zĐđ])\.(?=[A-ZĐ])", "-", re.sub(r"\s+", "", text)) if text else None


def _from_code(m: re.Match[str]) -> tuple[str | None, str | None]:
    """(code, issuer code) of a citation match."""
    if m["tcode"]:
        icode = _clean_code(m["icode"])
        return f"{_clean_code(m['tcode'])}/{icode}", icode
    scode = _clean_code(m["scode"])
    return scode, scode.rsplit("-", 1)[-1] if scode and "-" in scode else None


def _type_of(m: re.Match[str], code: str | None) -> str | None:
    word = m.groupdict().get("type")
    if word:
        return TYPE_WORDS[word.lower()]
    if code:
        head = code.split("/")[-1].split("-")[0] if re.match(r"(?:19|20)\d{2}/", code) else re.split(r"[/-]", code)[0]
        return TYPE_CODES.get(head.upper())
    return None


def _core_end(m: re.Match[str]) -> int:
    """End of the citation proper (type, number, code); the date and issuer are values, not text."""
    return max(m.end(g) for g in ("num", "icode", "scode", "plenum", "khoa", "plenum2", "khoa2") if m.groupdict().get(g))


def _make(doc: Doc, start: int, m: re.Match[str], **values: str | None) -> tuple[int, int, DocumentRef]:
    end = _core_end(m) if m.groupdict().get("num") else m.end()
    while end > start and doc.norm[end - 1].isspace():
        end -= 1
    date = date_from_match(m)
    issuer, issuer_end = _issuer_after(doc, m.end())
    issuer_source = "text" if issuer else None
    icode = values.pop("icode", None)
    if values.get("number") and "." in values["number"]:  # 1.234 is number 1234, grouped for reading
        values["number"] = values["number"].replace(".", "")
    if not issuer and icode:
        issuer = ISSUER_CODES.get(icode.upper())
        issuer_source = "code" if issuer else None
    span = doc.span(start, end)
    fact = DocumentRef(span.text, span.bounds, date=date, issuer=issuer, issuer_source=issuer_source, **values)
    return start, max(m.end(), issuer_end), fact


def _is_citation_word(doc: Doc, m: re.Match[str]) -> bool:
    """A lower-case type word is a document only when a number follows (``kế hoạch của tỉnh`` is not)."""
    word = m["type"]
    return word[0].isupper() or bool(m.groupdict().get("num"))


def _triggers(doc: Doc) -> tuple[list[int], list[int]]:
    """Where citations can start, from the document's word index: its type words (citations, plenums, names)
    and its numbers that a code follows (codes cited without a type word)."""
    lower = doc.lower
    words: list[int] = []
    numbers: list[int] = []
    for word, positions in doc.word_index.items():
        if word[0].isdigit():
            numbers += [at for at in positions if _CODE_AFTER_NUMBER.match(lower, at)]
        elif word in _TYPE_FIRST:
            for phrase in _TYPE_FIRST[word]:
                words += [at for at in positions if lower.startswith(phrase, at)]
    return sorted(set(words)), sorted(numbers)


def _at_triggers(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    return [m for pos in starts if (m := pattern.match(text, pos))]


def find_documents(doc: Doc) -> list[DocumentRef]:
    text = doc.norm
    starts, digits = _triggers(doc)
    found: list[tuple[int, int, object]] = []
    for m in _at_triggers(CITATION, text, starts):
        code, icode = _from_code(m)
        found.append(_make(doc, m.start(), m, type=_type_of(m, code), number=m["num"], code=code, icode=icode))
    for m in _at_triggers(NUMBER_ONLY, text, starts):
        if _is_citation_word(doc, m) and (m["type"][0].isupper() or "số" in m.group()
                                          or _CITED_AFTER.match(text, m.end("num"))):
            found.append(_make(doc, m.start(), m, type=TYPE_WORDS[m["type"].lower()], number=m["num"]))
    for m in _at_triggers(CODE_ONLY, text, digits):
        code, icode = _from_code(m)
        before = _TYPE_BEFORE.search(text, max(0, m.start() - 130), m.start())
        if before:  # the type word stands further back: the citation starts there
            fact = _make(doc, before.start(), m, type=TYPE_WORDS[before["word"].lower()], number=m["num"], code=code,
                         icode=icode)
            gap_issuer = _ISSUER_IN_GAP.match(before["gap"])
            if gap_issuer:
                fact = (fact[0], fact[1], dataclasses.replace(fact[2], issuer=gap_issuer["issuer"], issuer_source="text"))
            found.append(fact)
            continue
        doc_type = _type_of(m, code)
        if doc_type:
            found.append(_make(doc, m.start(), m, type=doc_type, number=m["num"], code=code, icode=icode))
    for m in _at_triggers(PLENUM, text, starts):
        plenums = re.findall(r"\d+", m["plenum"] or m["plenum2"])
        fact = _make(doc, m.start(), m, type="nghị quyết", number=plenums[0], plenum=plenums,
                     term=m["khoa"] or m["khoa2"])
        if fact[2].issuer is None:
            fact = (fact[0], fact[1], dataclasses.replace(fact[2], issuer="Trung ương", issuer_source="text"))
        found.append(fact)
    for m in _at_triggers(NAMED, text, starts):
        word = next(g for g in (m["type"], m["type2"], m["type3"], m["type4"]) if g)
        article = _ARTICLE_BEFORE.search(text, max(0, m.start() - 24), m.start()) if m["type2"] else None
        found.append(_make(doc, article.start() if article else m.start(), m, type=TYPE_WORDS[word.lower()]))
    facts = [fact for _, _, fact in dedupe_overlaps(found)]  # type: ignore[misc]
    facts = [f if f.issuer_source == "text" else _issued_before(doc, f) for f in facts]  # type: ignore[arg-type]
    return _share_issuers(doc, facts)


#: a body issuing the document just before it: "Ban Thường vụ Tỉnh ủy (đã, tiếp tục) ban hành Công văn số 493",
#: "Thành ủy ra Quyết định số 242"
_ISSUED_BY_BEFORE = re.compile(
    r"(?:[^\S\n]+(?:đã|vừa|tiếp tục|chính thức|kịp thời|cũng|đồng thời|sớm))*[^\S\n]+(?:ký[^\S\n]+)?(?:ban hành|ra)"
    r"[^\S\n]+$")
#: the date that opens the clause of that body: "Ngày 01/12/2016, Ban Thường vụ Tỉnh ủy ban hành ..."
_DATE_OPENS = re.compile(
    rf"(?:^|(?<=[\s(]))(?i:ngày)\s+(?:{DMY}|{DMY_WORDS}|\d{{1,2}}\s?[-/.]\s?\d{{1,2}}(?![\d/.-]))\s*,\s*$")


def _issued_before(doc: Doc, fact: DocumentRef) -> DocumentRef:
    """Issuer (and date) of a citation that its sentence states before it; ANNOTATION counts a date placed
    before the document (``Ngày 01/12/2016, … ban hành Công văn số 493 -CV/TU``) as the document's."""
    text = doc.norm
    start = doc.norm_offset(fact.start)
    s, _ = doc.sentence_at(start)
    window = max(s, start - 200)
    verb = _ISSUED_BY_BEFORE.search(text, window, start)
    if not verb:
        return fact
    body = next((m for m in ORGANIZATION.finditer(text, window, verb.start()) if m.end() == verb.start()), None)
    if body is None:
        return fact
    date_before = _DATE_OPENS.search(text, max(s, body.start() - 40), body.start())
    date = fact.date or (date_from_match(date_before) if date_before else None)
    return dataclasses.replace(fact, issuer=body.group(), issuer_source="text", date=date)


def _share_issuers(doc: Doc, facts: list[DocumentRef]) -> list[DocumentRef]:
    """``quy định 102, quy định 07 của Bộ Chính trị``: a list of citations shares the issuer named after it."""
    out = list(facts)
    for i in range(len(out) - 2, -1, -1):
        this, after = out[i], out[i + 1]
        between = doc.text[this.stop:after.start]
        if this.issuer_source != "text" and after.issuer_source == "text" and re.fullmatch(r"\s*(?:,|và|;)\s*", between):
            out[i] = dataclasses.replace(this, issuer=after.issuer, issuer_source="text")
    return out


EXTRACTOR = Extractor(name="documents", fact_type=DocumentRef, find=find_documents)
