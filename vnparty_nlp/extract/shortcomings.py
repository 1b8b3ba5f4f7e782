"""Failings a report admits, each as its own item, wherever the article states them.

Reports admit failings in many shapes: a list announced by a noun (``còn một số hạn chế, như: ...``), a
contrast (``Tuy nhiên, công tác ... còn chậm``), prose running over several sentences after an
announcement, economic shortfalls (``đạt thấp``, ``giảm so với cùng kỳ``), violations an inspection found
(``đã buông lỏng lãnh đạo ... không đúng đối tượng``), bullet and ``+`` lists. The extractor therefore
decides clause by clause over the whole article:

1. the article is read sentence by sentence; a sentence that opens on a cause (``Nguyên nhân``) or a task
   (``Để ...``, ``Thời gian tới``, ``cần``) turns its paragraph away from failings;
2. each sentence is cut into clauses at ``;``, at ``nhưng``/``song`` and at commas that start a clause with
   its own subject and predicate (ANNOTATION.md's rule: a comma alone does not split ``tính hình thức,
   chưa tự giác``);
3. a clause is a failing if its predicate states one on its own (a strong cue: ``còn thấp``, ``chưa đáp
   ứng``, ``buông lỏng``), or if it carries a weaker cue (``thiếu``, ``xảy ra``) inside a passage the
   article frames as failings: after ``Tuy nhiên``, in an announced list, beside another failing, after an
   announcing sentence (``... vẫn còn những hạn chế.``);
4. achievements (``không còn``, ``đạt và vượt``), remedies and tasks are never items, and a clause that
   only announces (``còn nhiều tồn tại, hạn chế``) is not an item either.

The cue vocabulary is data: ``data/shortcomings.toml``.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.extract.patterns import PhraseSet, phrase_spans
from vnparty_nlp.text import Doc

VOCABULARY_PATH = Path(__file__).resolve().parent / "data" / "shortcomings.toml"


@dataclass(frozen=True)
class Shortcoming(Fact):
    #: "list" (an item of an announced list), "prose" (a clause inside a passage of failings),
    #: "cue" (a clause whose predicate states a failing on its own)
    how: str = "list"


def _load_vocabulary(path: Path = VOCABULARY_PATH) -> dict[str, dict[str, list[str]]]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _words(fragments: list[str]) -> str:
    """One alternation of the fragments, lower-cased: every pattern here runs on ``Doc.lower``."""
    return "|".join(f"(?:{_lower_pattern(f)})" for f in fragments)


def _lower_pattern(fragment: str) -> str:
    """The fragment in lower case, its escapes (``\\S``, ``\\W``) untouched."""
    return re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), fragment)


_V = _load_vocabulary()
#: predicates that state a failing on their own, and words that do so only in a passage of failings
STRONG = PhraseSet([_lower_pattern(f) for f in _V["cues"]["strong"]])
WEAK = PhraseSet([_lower_pattern(f) for f in _V["cues"]["weak"]])
EXCLUDED = PhraseSet([_lower_pattern(f) for f in _V["exclude"]["clause"]])
TASK_OPENING = re.compile(rf"(?:{_words(_V['exclude']['opening'])})\b")
#: a heading's enumerator before a turn: "b) Nguyên nhân:", "2. Giải pháp"
_TURN_MARK = r"\W*(?:(?:\d{1,2}|[ivxlc]{1,5}|[a-zđ])[.)]\s*)?"
CAUSE_TURN = re.compile(rf"{_TURN_MARK}(?:{_words(_V['turns']['causes'])})\b")
TASK_TURN = re.compile(rf"{_TURN_MARK}(?:{_words(_V['turns']['tasks'])})\b")
#: "Thứ nhất, ...": an enumeration continues a passage of failings, else it lists tasks
#: "Bên cạnh đó, ...", "Ngoài ra, ...": a sentence that adds to the causes or tasks before it
CONTINUING = re.compile(rf"\W*(?:{_words(_V['turns']['continuing'])})\b")
ENUMERATION = re.compile(rf"\W*(?:{_words(_V['turns']['enumeration'])})\b")
CONTRAST = re.compile(rf"\W*(?:{_words(_V['framing']['contrast'])})\b\s*,?\s*")
#: what an inspection found, announced before a colon: "Qua giám sát, ... phát hiện: ..."
FINDING = re.compile(rf"\b(?:{_words(_V['framing']['finding'])})\b(?:\s+[^\s:;,.]+){{0,3}}?\s*:")
LEAD_IN = re.compile(rf"(?:{_words(_V['framing']['lead_in'])})\b\s*[,:]?\s*")
CONCESSION = re.compile(rf"(?:^|[,\s])(?:{_words(_V['exclude']['concession'])})\b")
FRAME = re.compile(rf"(?:{_words(_V['framing']['frame'])})\b")
PAIRS = frozenset((a.lower(), b.lower()) for a, b in _V["framing"]["pairs"])
_NOUNS = _words(_V["framing"]["nouns"])
_QUANTIFIER = rf"(?:{_words(_V['framing']['quantifiers'])})"
#: a clause that only announces failings: "... vẫn còn những hạn chế", "còn bộc lộ một số tồn tại cần khắc phục"
ANNOUNCEMENT = re.compile(
    rf"(?:^|\s){_QUANTIFIER}\s+(?:\w+\s+){{0,2}}?(?:{_NOUNS})(?:\s*,\s*(?:{_NOUNS}))*"
    r"(?:\s+(?:cần|phải|như sau|sau đây|sau|nhất định|đáng kể|nữa)\b[^,;:]{0,60})?\s*$"
)
#: a heading that announces failings: "II. NHỮNG HẠN CHẾ, TỒN TẠI", "3. Hạn chế và nguyên nhân" is not one
HEADING = re.compile(
    rf"\W*(?:(?:\d{{1,2}}|[ivxlc]{{1,5}}|[a-zđ])[.)]\s*)?(?:{_QUANTIFIER}\s+)?(?:mặt\s+)?(?:{_NOUNS})"
    rf"(?:\s*(?:,|và)\s*(?:{_NOUNS}))*\s*[.:]?"
)
#: an announcement followed by its list: "một số hạn chế, như:", "Hạn chế, tồn tại:", "những khó khăn:"
LIST_INTRO = re.compile(
    rf"(?:(?:{_QUANTIFIER}\s+(?:\w+\s+){{0,2}}|^\W*)(?:{_NOUNS})(?:\s*,\s*(?:{_NOUNS}))?(?:\s+[\w\s]{{0,40}}?)?)"
    r"\s*,?\s*(?:như\s+sau|như|sau đây|sau|là|cụ thể(?: là| như)?|đó là|gồm|bao gồm|chủ yếu là|nổi lên là)?\s*:\s*"
)
_QUANTIFIED_NOUN = re.compile(rf"\b{_QUANTIFIER}\s+(?:mặt\s+)?(?:{_NOUNS})(?:\s*,\s*(?:{_NOUNS}))*\b")
_NOUN_BEFORE = re.compile(rf"\b(?:{_NOUNS})\s*$")
_NOUN_AFTER = re.compile(rf"(?:{_NOUNS})\b")
_NOUN_SCAN = PhraseSet([_lower_pattern(f) for f in _V["framing"]["nouns"]])
#: comma parts that elaborate the clause before them rather than start a new one
ELABORATION = re.compile(rf"(?:{_words(_V['framing']['elaboration'])})\b")
#: words that open a nominal subject: a comma part starting so begins a new clause
SUBJECT_OPENING = re.compile(rf"(?:{_words(_V['framing']['subject'])})\b")
_COMMA = re.compile(",")
_COLON = re.compile(":")
_SEMICOLON = re.compile(";")
#: a speaker before a colon: "Ông X, Phó Bí thư ..., thừa nhận:", "Báo cáo nêu rõ:"
ATTRIBUTION = re.compile(rf"(?:{_words(_V['framing']['attribution'])})\b")
#: "kiểm tra dấu hiệu vi phạm", "thi hành kỷ luật": the name of a procedure, no failing of a speaker's lead-in
PROCEDURE = re.compile(rf"\b(?:{_words(_V['framing']['procedure'])})\b")
#: a predicate without a subject of its own after 'nhưng'/'song': it goes on with the subject before
#: ("... xuống cấp nhưng nhiều năm chưa được sửa chữa": a span of time may come before it)
_SUBJECTLESS = re.compile(
    r"(?:(?:(?:đã )?(?:nhiều|mấy|hàng|bao|\d+) (?:năm|tháng|tuần|ngày)(?: liền| nay| qua)?|lâu nay|đến nay|mãi|đã lâu|từ lâu)"
    r",?\s+)?(?:vẫn|chưa|không|còn|lại chưa|lại không|cũng chưa|cũng còn)\b")
_CLAUSE_BREAK = re.compile(r";|(?:,\s*|\s+)(?:nhưng|song)\s+(?=\w)")
_QUOTED = re.compile(r"“[^”\n]{0,200}”|\"[^\"\n]{0,200}\"|\([^()\n]{0,200}\)")
_ENUMERATOR = re.compile(r"(?:\d{1,2}|[ivxlc]{1,5}|[a-zđ])[.)]\s+")
_BULLET = re.compile(r"(?m)^\s*(?:[-+•*]|\d{1,2}[.)])\s+")
_INLINE_BULLET = re.compile(r"\s[+•]\s")
_MARK = re.compile(r"[-+•*–]\s")
_BULLET_LINE = re.compile(r"\n\s*(?:[-+•*]|\d{1,2}[.)])\s+[^\n]*")
_QUOTES = "\"'“”‘’«»"
_ITEM_TRIM = " \t\n.…;,:-–•+*"
_MIN_ITEM_CHARS = 8
_HEADING_WORDS = 8
#: a table row is short and not closed by a stop: "Tỷ lệ che phủ rừng 61,2%, kế hoạch 62%"
_ROW_WORDS = 30
_ROW_CLOSERS = ".!?…:"


def _outside_quotes(text: str, s: int, e: int, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text[s:e]`` that are not inside quotes or parentheses."""
    quoted = [m.span() for m in _QUOTED.finditer(text, s, e)]  # in order, not overlapping
    starts = [a for a, _ in quoted]
    out = []
    for m in pattern.finditer(text, s, e):
        i = bisect_left(starts, m.start()) - 1
        if i < 0 or not quoted[i][0] < m.start() < quoted[i][1]:
            out.append(m)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _ITEM_TRIM:
        s += 1
    while e > s and text[e - 1] in _ITEM_TRIM:
        e -= 1
    return s, e


class _Cues:
    """The lower-cased text with where its cue words are, found in one pass: clause decisions then look
    positions up instead of searching each clause again."""

    def __init__(self, text: str, words: dict[str, list[int]] | None = None):
        self.text = text
        self._strong, self._weak, nouns = phrase_spans(text, STRONG, WEAK, _NOUN_SCAN, words=words)
        self.noun_starts = [a for a, _ in nouns]
        self._strong_starts = [a for a, _ in self._strong]
        self._weak_starts = [a for a, _ in self._weak]

    @staticmethod
    def _within(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
        i = bisect_left(starts, s)
        while i < len(spans) and spans[i][0] < e:
            if spans[i][1] <= e:
                return True
            i += 1
        return False

    def strong(self, s: int, e: int) -> bool:
        return self._within(self._strong, self._strong_starts, s, e)

    def weak(self, s: int, e: int) -> bool:
        return self._within(self._weak, self._weak_starts, s, e)

    def any(self, s: int, e: int) -> bool:
        return self.strong(s, e) or self.weak(s, e)

    def any_outside(self, s: int, e: int, holes: re.Pattern[str]) -> bool:
        """Is there a cue in ``text[s:e]`` outside the matches of ``holes`` (the name of a procedure)?"""
        if not self.any(s, e):
            return False
        pos = s
        for m in holes.finditer(self.text, s, e):
            if self.any(pos, m.start()):
                return True
            pos = m.end()
        return self.any(pos, e)

    # --- cutting a sentence into clauses -------------------------------------------------------
    def clauses(self, s: int, e: int) -> list[tuple[int, int]]:
        """A sentence cut at semicolons, at 'nhưng'/'song', and at commas that open a new clause."""
        out: list[tuple[int, int]] = []
        pos = s
        breaks = _outside_quotes(self.text, s, e, _CLAUSE_BREAK)
        for i, m in enumerate(breaks):
            if m.group() != ";" and _SUBJECTLESS.match(self.text, m.end(), e) and not CONCESSION.match(self.text, pos, e):
                continue  # "X đã triển khai 3 năm nhưng vẫn chưa hoàn thành": one clause, its subject before
            if self.tight_contrast(m, breaks[i + 1].start() if i + 1 < len(breaks) else e, pos):
                continue
            out += self.comma_groups(pos, m.start())
            pos = m.end()
        out += self.comma_groups(pos, e)
        return out

    def tight_contrast(self, m: re.Match[str], stop: int, pos: int) -> bool:
        """Is ``m`` a 'nhưng' with no comma before it, between a failing and a cueless predicate ("hứa nhiều
        nhưng thực hiện chẳng được bao nhiêu")? The contrast is then inside the one failing."""
        return not m.group().startswith((";", ",")) and not self.any(m.end(), stop) and self.any(pos, m.start())

    def comma_groups(self, s: int, e: int) -> list[tuple[int, int]]:
        """Comma parts grouped into clauses: a part starts a new clause only when the clause so far states
        a failing and the part has its own subject and predicate."""
        text = self.text
        parts, pos = [], s
        for m in _outside_quotes(text, s, e, _COMMA):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, e))
        groups: list[list[int]] = []
        for a, b in parts:
            a2, b2 = _trim(text, a, b)
            if groups and not (self.strong(groups[-1][0], groups[-1][1]) and self.starts_clause(a2, b2)
                               and not _paired(text, groups[-1][1], a2) and not self.listing(*groups[-1])):
                groups[-1][1] = b
            else:
                groups.append([a, b])
        return [(a, b) for a, b in groups]

    def listing(self, s: int, e: int) -> bool:
        """Does the clause end on what a colon announces, without a cue ("3 chỉ tiêu khó đạt, gồm: thu nhập
        bình quân, ...")? Its comma parts are then the members of that list, not clauses of their own."""
        colons = _outside_quotes(self.text, s, e, _COLON)
        return bool(colons) and not self.any(colons[-1].end(), e)

    def starts_clause(self, s: int, e: int) -> bool:
        text = self.text
        while s < e and text[s] in _QUOTES:
            s += 1
        if s >= e or ELABORATION.match(text, s, e):
            return False
        if SUBJECT_OPENING.match(text, s, e):
            return True
        space = text.find(" ", s, e)
        return space > 0 and self.strong(space, e)

    # --- deciding and trimming -----------------------------------------------------------------
    def after_speaker(self, s: int, e: int) -> int:
        """Where the clause's failing starts when it opens on a cueless speaker before a colon ("Ông X, Phó
        Trưởng Ban ..., thừa nhận: ...", "Xem xét kết quả kiểm tra khi có dấu hiệu vi phạm đối với ..., Ủy
        ban Kiểm tra nhận thấy: ..."): after the colon."""
        text = self.text
        if text.find(":", s, e) < 0:
            return s
        colons = _outside_quotes(text, s, e, _COLON)
        if not colons:
            return s
        colon = colons[0].start()
        if ATTRIBUTION.search(text, s, colon) and not self.any_outside(s, colon, PROCEDURE) and self.any(colon, e):
            return colon + 1
        return s

    def finding(self, s: int, e: int, framed: bool) -> str | None:
        """'cue' or 'prose' when the clause states a failing, None otherwise."""
        if e - s < _MIN_ITEM_CHARS:
            return None
        s = self.after_speaker(s, e)  # the speaker's words are no part of what is found
        how = "cue" if self.strong(s, e) else "prose" if framed and self.weak(s, e) else None
        text = self.text
        if how and (EXCLUDED.search(text, s, e) or TASK_OPENING.match(text, s, e)
                    or CONCESSION.search(text[s:e][:40]) or self.only_named(s, e)):
            return None
        return how

    def only_named(self, s: int, e: int) -> bool:
        """Are the clause's cues all inside a quantified noun (``chỉ ra những hạn chế trong ...``)? Then it
        speaks about failings without stating one."""
        named = [m.span() for m in _QUANTIFIED_NOUN.finditer(self.text, s, e)]
        if not named:
            return False
        cues = [c for spans in (self._strong, self._weak) for c in spans if s <= c[0] < e]
        return all(any(a <= c0 and c1 <= b for a, b in named) for c0, c1 in cues)

    def strip_frames(self, s: int, e: int) -> int:
        """Drop cueless comma parts at the front that only frame the item in time or place."""
        text = self.text
        if not FRAME.match(text, s, e):
            return s
        for m in _outside_quotes(text, s, e, _COMMA):
            if self.any(s, m.start()):
                return s
            rest = m.end()
            while rest < e and text[rest] == " ":
                rest += 1
            following = _next_comma(text, rest, e)
            if self.any(rest, e) and not self.any(rest, following) and len(text[rest:following].split()) <= 8:
                s = rest  # a short cue-less part (8 words at most): still the frame's list ("nguyên Chủ tịch, ...")
                continue
            return rest if self.any(rest, e) else s
        return s


def _strip_lead(text: str, s: int, e: int) -> int:
    """Drop the framing words at the front of an item ("Tuy nhiên,", "Đó là,", "ông X cho rằng")."""
    for _ in range(3):
        m = _ENUMERATOR.match(text, s, e) or CONTRAST.match(text, s, e) or LEAD_IN.match(text, s, e)
        if not m or m.end() == s or e - m.end() < _MIN_ITEM_CHARS:
            break
        s = m.end()
    return s


def _next_comma(text: str, s: int, e: int) -> int:
    i = text.find(",", s, e)
    return e if i < 0 else i


def _paired(text: str, comma: int, next_start: int) -> bool:
    """``lãnh đạo, chỉ đạo``: the words either side of the comma are a coordinated pair."""
    before = text[max(0, comma - 20):comma].split()
    after = text[next_start:next_start + 20].split()
    if any((" ".join(before[-n:]), " ".join(after[:k])) in PAIRS for n in (1, 2) for k in (1, 2)):
        return True
    # two nouns of failing side by side: "những yếu kém, bất cập trong ..."
    return bool(_NOUN_BEFORE.search(text, max(0, comma - 20), comma) and _NOUN_AFTER.match(text, next_start))


def _is_heading(text: str, s: int, e: int) -> bool:
    """Is the sentence's first line a heading standing alone ("Nguyên nhân", "b) Giải pháp:", "III. NHIỆM
    VỤ THỜI GIAN TỚI")? Short, not closed by a full stop, and ended by a line break."""
    stop = text.find("\n", s, e)
    if stop < 0:
        stop = e
        if e < len(text) and not text[e:e + 2].lstrip(" \t").startswith("\n"):
            return False
    line = text[s:stop].rstrip()
    return bool(line) and len(line.split()) <= _HEADING_WORDS and line[-1] not in ".;,"


def _is_announcement(text: str, s: int, e: int) -> bool:
    return bool(ANNOUNCEMENT.search(text[s:e]) or HEADING.fullmatch(text, s, e))


def _list_items(cues: _Cues, start: int, end: int) -> list[tuple[int, int]]:
    """Items of an announced list (norm offsets): bullet lines, else ';'/'.' parts, else clauses."""
    text = cues.text
    body = text[start:end]
    bullets = list(_BULLET.finditer(body))
    if len(bullets) >= 2:
        bounds = []
        for m in bullets:  # a line is split at its semicolons, as any item is ("2. X chưa đạt; Y còn chậm.")
            stop = body.find("\n", m.end())
            pos, stop = start + m.end(), start + (stop if stop >= 0 else len(body))
            for semi in _outside_quotes(text, pos, stop, _SEMICOLON):
                bounds.append((pos, semi.start()))
                pos = semi.end()
            bounds.append((pos, stop))
    elif ";" in body or re.search(r"\.\s+\S", body) or _INLINE_BULLET.search(body) or "\n" in body.strip():
        bounds, pos = [], start  # items at ';', '.', at '+' bullets run into one line, at the rows of a table
        for m in re.finditer(r";|\.(?=\s+\S)|\n|" + _INLINE_BULLET.pattern, body):
            bounds.append((pos, start + m.start()))
            pos = start + m.end()
        bounds.append((pos, end))
    else:
        bounds = cues.clauses(start, end)
    return bounds


def _list_end(doc: Doc, start: int) -> int:
    """A list runs to the end of its sentence, or over the bullet lines that follow it."""
    text = doc.norm
    s_start, s_end = doc.sentence_at(start)
    if s_end > start:
        end = s_end
    elif _BULLET_LINE.match(text, start):
        end = start
    else:  # the announcement ends its sentence ("... những mặt hạn chế:"): the list is the line after it,
        # not the rest of the article
        first = start
        while first < len(text) and text[first].isspace():
            first += 1
        stop = text.find("\n", first)
        # rows of a table set one per line, without bullets or a closing stop ("Thu ngân sách 21 tỷ đồng,
        # bằng 86% dự toán"), go on with the list; a line closed by a stop after them is prose again
        while 0 <= stop and text[first:stop].rstrip()[-1:] not in _ROW_CLOSERS:
            nxt = text.find("\n", stop + 1)
            row = text[stop + 1:len(text) if nxt < 0 else nxt].strip()
            if not row or len(row.split()) > _ROW_WORDS or row[-1] in _ROW_CLOSERS:
                break
            first, stop = stop + 1, nxt
        return len(text) if stop < 0 else stop
    while True:
        m = _BULLET_LINE.match(text, end)
        if not m:
            return end
        end = m.end()


def announces(sentence: str) -> bool:
    """Does the sentence announce failings (``còn một số hạn chế``, ``Hạn chế, tồn tại:``)?"""
    sentence = sentence.lower()
    return bool(LIST_INTRO.search(sentence) or ANNOUNCEMENT.search(sentence.rstrip(" .…;:")))


def turns_away(sentence: str) -> bool:
    """Does the sentence open on a cause, a task or a remedy (``Nguyên nhân``, ``Để khắc phục``)?"""
    sentence = sentence.lower()
    return bool(CAUSE_TURN.match(sentence) or TASK_TURN.match(sentence))


def has_cue(sentence: str) -> bool:
    """Does the sentence carry any word with which reports admit a failing?"""
    return _Cues(sentence.lower()).any(0, len(sentence))


def _has_noun(noun_starts: list[int], s: int, e: int) -> bool:
    i = bisect_left(noun_starts, s)
    return i < len(noun_starts) and noun_starts[i] < e


@dataclass
class _Reader:
    """Where the reading is: in a paragraph about causes or tasks, in a passage of failings."""

    doc: Doc
    cues: _Cues
    turned: bool = False  # the paragraph has turned to causes or tasks
    under_heading: bool = False  # the turn is a heading's: it goes on over the paragraphs under it
    passage: bool = False  # the article is admitting failings

    def read_list(self, start: int, found: list[Shortcoming]) -> int:
        """The items of a list announced before ``start``; returns where the list ends."""
        text = self.cues.text
        end = _list_end(self.doc, start)
        for a, b in _list_items(self.cues, start, end):
            a, b = _trim(text, a, b)
            if turns_away(text[a:b]):
                line = text.rfind("\n", start, a) + 1  # the turn is read again, from its line, by the caller
                end = line if line > start else a
                break
            if b - a < _MIN_ITEM_CHARS or EXCLUDED.search(text, a, b) or TASK_OPENING.match(text, a, b):
                continue
            fact = self.item(a, b, "list")
            if fact:
                found.append(fact)
        self.passage = True
        return end

    def read_sentence(self, s: int, e: int, contrast: bool, found: list[Shortcoming]) -> None:
        """The failings a sentence states, clause by clause; the passage goes on while sentences state some."""
        cues, text = self.cues, self.cues.text
        if not cues.any(s, e):  # nothing to admit here: the passage of failings, if any, ends, unless the
            # sentence announces failings by their noun alone ("... đã chỉ ra 3 nhóm khuyết điểm.")
            a, b = _trim(text, s, e)
            self.passage = _has_noun(cues.noun_starts, a, b) and _is_announcement(text, a, b)
            return
        clauses = [_trim(text, a, b) for a, b in cues.clauses(s, e)]
        announcing = [_has_noun(cues.noun_starts, a, b) and _is_announcement(text, a, b) for a, b in clauses]
        verdicts = [None if ann else cues.finding(a, b, False) for (a, b), ann in zip(clauses, announcing, strict=True)]
        framed = self.passage or contrast or any(verdicts)
        items = []
        for (a, b), ann, how in zip(clauses, announcing, verdicts, strict=True):
            if not ann and how is None and framed:
                how = cues.finding(a, b, True)
            if how:
                items.append((a, b, "prose" if how == "prose" or self.passage else "cue"))
        for a, b, how in items:
            fact = self.item(a, b, how)
            if fact:
                found.append(fact)
        self.passage = bool(items) or any(announcing)

    def item(self, s: int, e: int, how: str) -> Shortcoming | None:
        text = self.doc.lower
        s, e = _trim(text, s, e)
        s = self.cues.after_speaker(s, e)
        s = _strip_lead(text, s, e)
        s = _strip_lead(text, self.cues.strip_frames(s, e), e)
        s, e = _trim_quotes(text, *_trim(text, s, e))
        if e - s < _MIN_ITEM_CHARS or len(text[s:e].split()) < 2:
            return None
        span = self.doc.span(s, e)
        return Shortcoming(span.text, span.bounds, how=how)


def _trim_quotes(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a quote mark at either end whose partner is outside the item."""
    for _ in range(2):
        if s < e and text[s] in _QUOTES and not any(q in text[s + 1:e] for q in _QUOTES):
            s, e = _trim(text, s + 1, e)
        if e > s and text[e - 1] in _QUOTES and not any(q in text[s:e - 1] for q in _QUOTES):
            s, e = _trim(text, s, e - 1)
    return s, e


def find_shortcomings(doc: Doc) -> list[Shortcoming]:
    text = doc.lower  # same offsets as doc.norm; the vocabulary is lower case
    found: list[Shortcoming] = []
    cues = _Cues(text, doc.word_index)
    reader = _Reader(doc, cues)
    covered_until = -1
    prev_end = 0
    for s, e in doc.sentence_bounds:
        new_paragraph = "\n" in text[prev_end:s] or prev_end == 0
        prev_end = e
        if s < covered_until or e <= doc.body_start:
            continue
        heading = new_paragraph and _is_heading(text, s, e)
        if new_paragraph and not (reader.turned and (_MARK.match(text, s) or (reader.under_heading and not heading))):
            # a turn to causes or tasks goes on over the bullet lines under it, and a heading's turn
            # ("Nguyên nhân", "3. Giải pháp") over the paragraphs under it, up to the next heading
            reader.turned = reader.under_heading = False
        if turns_away(text[s:e]) and not (reader.passage and ENUMERATION.match(text, s, e)):
            reader.turned, reader.passage = True, False
            reader.under_heading = reader.under_heading or heading
            continue
        contrast = CONTRAST.match(text, s, e) or FINDING.search(text, s, e)
        intro = LIST_INTRO.search(text[s:e]) if ":" in text[s:e] and _has_noun(cues.noun_starts, s, e) else None
        if reader.turned and (not (contrast or intro) or (not intro and CONTINUING.match(text, s, e))):
            continue  # "Bên cạnh đó, ..." goes on with the causes or tasks
        reader.turned = reader.under_heading = False
        if intro:
            covered_until = reader.read_list(s + intro.end(), found)
        else:
            reader.read_sentence(s, e, bool(contrast), found)
    return found


EXTRACTOR = Extractor(name="shortcomings", fact_type=Shortcoming, find=find_shortcomings)
