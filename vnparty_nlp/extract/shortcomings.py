"""Limitations a report admits, each as its own item.

Reports announce them (``còn bộc lộ một số hạn chế, như:``) and then either list them, split by
``;`` (or by ``,`` when no semicolon is used, or as ``-`` bullets on their own lines), or state them in
the sentences that follow the announcement. The run of prose items stops at the first sentence that
carries no negative cue or turns to remedies (``Rút kinh nghiệm ...``, ``Để khắc phục ...``).
Achievements are not shortcomings: an item must carry a negative cue (``còn``, ``chưa``, ``hạn chế``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Shortcoming(Fact):
    how: str = "list"  # "list" (after an announcing colon), "prose" (sentences after an announcement), "cue"


#: nouns that announce shortcomings
_NOUNS = r"(?:hạn chế|tồn tại|khuyết điểm|yếu kém|bất cập|thiếu sót|khó khăn|vướng mắc|hạn chế, tồn tại|tồn tại, hạn chế)"
#: "một số hạn chế, như:" — a list follows the colon
LIST_INTRO = re.compile(
    rf"(?i:(?:(?:một số|những|các|nhiều|mấy)\s+(?:\w+\s+){{0,2}}|^\W*)"
    rf"{_NOUNS}(?:\s*,\s*{_NOUNS})?(?:\s+[\w\s]{{0,40}}?)?)"
    r"\s*,?\s*(?:như\s+sau|như|sau đây|sau|là|cụ thể)?\s*:\s*"
)
#: an announcement without a list: "Tuy nhiên, ... còn bộc lộ một số hạn chế cần rút kinh nghiệm ..."
PROSE_INTRO = re.compile(rf"(?i:(?:một số|những|các|nhiều)\s+{_NOUNS}|{_NOUNS}\s*,\s*{_NOUNS})")
#: what makes an announcement admit the problems rather than mention them ("những hạn chế cần khắc phục")
ADMISSION = re.compile(r"(?i)^\W*(?:tuy nhiên|bên cạnh đó|bên cạnh những kết quả|song|nhưng|mặc dù)\b|\b(?:bộc lộ|còn (?:có |tồn tại )?(?:một số|những|nhiều))\b")
_NOUN_SCAN = re.compile(_NOUNS)
#: a sentence that turns to a problem on its own: "Tuy nhiên, công tác phát triển đảng viên còn chậm."
CONTRAST = re.compile(r"(?i)^\W*(?:tuy nhiên|song|nhưng|bên cạnh đó|mặt khác|dù vậy)\s*,?\s*")
#: the strong cues such a sentence must carry (a bare "còn" or "chưa" verb phrase)
STRONG_CUES = re.compile(r"(?i)\b(?:còn|chưa|vẫn còn)\s+(?!có\s+(?:nhiều\s+)?(?:kết quả|thành tích|ưu điểm))\w")
#: negative cues that make a clause a shortcoming
CUES = re.compile(
    r"(?i)\b(?:còn|chưa|không trúng|hạn chế|yếu|thiếu|lúng túng|chậm|thấp|sơ lược|hình thức|bất cập|"
    r"vướng mắc|khó khăn|tồn tại|sai sót|nhầm lẫn|vi phạm|không đạt|không đúng|không đủ|kém|xuống cấp|lãng phí|"
    r"sai phạm|tiêu cực|dàn trải|hạn hẹp)\b"
)
#: sentence openings that turn from problems to remedies or causes
TURNS = re.compile(
    r"(?i)^\W*(?:để\b|rút kinh nghiệm|thời gian tới|trong thời gian tới|khắc phục|nguyên nhân|từ đó|qua đó|"
    r"các cấp ủy\s+(?:cần|phải)|cần\b|phải\b|đề nghị|kiến nghị|giải pháp|nhiệm vụ)"
)
_ITEM_TRIM = " \t\n.…;,:-–•+*"


def _items(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split a list body into item spans (norm offsets)."""
    body = doc.norm[start:end]
    bullets = [m for m in re.finditer(r"(?m)^\s*[-+•*]\s+", body)]
    if len(bullets) >= 2:
        line_ends = [body.find("\n", m.end()) for m in bullets]
        bounds = [(start + m.end(), start + (e if e >= 0 else len(body))) for m, e in zip(bullets, line_ends, strict=True)]
    else:
        separator = ";" if ";" in body else ","
        bounds, pos = [], 0
        for m in re.finditer(re.escape(separator), body):
            bounds.append((start + pos, start + m.start()))
            pos = m.end()
        bounds.append((start + pos, end))
        if separator == ",":
            bounds = _merge_cueless(doc, bounds)
    out = []
    for s, e in bounds:
        while s < e and doc.norm[s] in _ITEM_TRIM:
            s += 1
        while e > s and doc.norm[e - 1] in _ITEM_TRIM:
            e -= 1
        if e - s >= 8:
            out.append((s, e))
    return out


def _merge_cueless(doc: Doc, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Comma lists: a part without its own negative cue belongs to the item before it."""
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        if merged and not CUES.search(doc.norm, s, e):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _list_end(doc: Doc, start: int) -> int:
    """A list runs to the end of its sentence, or over following bullet lines."""
    text = doc.norm
    s_start, s_end = doc.sentence_at(start)
    end = s_end if s_end > start else len(text)
    bullet = re.compile(r"\n\s*[-+•*]\s+[^\n]*")
    while True:
        m = bullet.match(text, end)
        if not m:
            return end
        end = m.end()


def _has_noun(noun_starts: list[int], s: int, e: int) -> bool:
    i = bisect_left(noun_starts, s)
    return i < len(noun_starts) and noun_starts[i] < e


def find_shortcomings(doc: Doc) -> list[Shortcoming]:
    text = doc.norm
    found: list[Shortcoming] = []
    covered_until = -1
    sentences = doc.sentence_bounds
    # the announcing patterns are costly; only sentences that name a shortcoming noun can match them
    noun_starts = [m.start() for m in _NOUN_SCAN.finditer(doc.lower)]
    for i, (s, e) in enumerate(sentences):
        if s < covered_until:
            continue
        sentence = text[s:e]
        if TURNS.match(sentence):
            continue
        announces = _has_noun(noun_starts, s, e)
        intro = LIST_INTRO.search(sentence) if announces else None  # on the sentence: "^" is its start
        if intro:
            list_start = s + intro.end()
            end = _list_end(doc, list_start)
            for a, b in _items(doc, list_start, end):
                if CUES.search(text, a, b):
                    span = doc.span(a, b)
                    found.append(Shortcoming(span.text, span.bounds, how="list"))
            covered_until = end
            continue
        contrast = CONTRAST.match(sentence)
        if contrast and not (announces and PROSE_INTRO.search(sentence)) and STRONG_CUES.search(sentence):
            span = doc.span(s + contrast.end(), e)
            found.append(Shortcoming(span.text, span.bounds, how="cue"))
            continue
        if announces and PROSE_INTRO.search(sentence) and ADMISSION.search(sentence):
            for a, b in sentences[i + 1:]:
                if TURNS.match(text[a:b]) or not CUES.search(text, a, b) or (
                        _has_noun(noun_starts, a, b) and LIST_INTRO.search(text[a:b])):
                    break
                span = doc.span(a, b)
                found.append(Shortcoming(span.text, span.bounds, how="prose"))
                covered_until = b
    return found


EXTRACTOR = Extractor(name="shortcomings", fact_type=Shortcoming, find=find_shortcomings)
