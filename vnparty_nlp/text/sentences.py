"""Sentence boundaries for party news, on the matching form of the text.

A full stop ends a sentence only when whitespace and a capital (or an opening quote, a bullet) follow,
so ``2.500``, ``4,1%``, ``35-CT/TW``, ``Sáng 11.4`` and ``TP. Hồ Chí Minh`` stay whole. A line break
ends a sentence unless it is a hard wrap inside a phrase: the next line starts in lower case, or the
line before it is long and stops without punctuation. Semicolons do not split: lists of shortcomings
stay in their sentence, where the extractors read them.
"""
from __future__ import annotations

import re

#: words that take a full stop without ending the sentence
ABBREVIATIONS = frozenset(
    "TP Tp tp TT Th ThS Ths TS Ts PGS GS BS CN KS Q P St Mr Mrs Dr Ths.BS TX Tx H X".split()
)
_END = re.compile(r"[.!?…]+[\"')\]”’]*(?=\s)")
_SENTENCE_OPENERS = frozenset("\"'“([-+•*")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.]*)\.$")
#: the number or letter of a list item or heading, which does not end a sentence by its full stop
_ENUMERATOR = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,5}|[a-zA-Zđ])\.")
#: a line that starts a list item never continues the line before it
_LIST_ITEM = re.compile(r"(?:[-+•*]\s|\d{1,2}[.)]\s|[a-zđ]\)\s)")
#: words a line cannot end on, so the next line continues the phrase ("Chỉ thị số" / "35-CT/TW")
PHRASE_INSIDE = frozenset("số của và ngày về các những theo tại với cho được thị quyết".split())
#: a wrapped line is at least this long; shorter lines (titles, datelines, bylines) end sentences
WRAP_MIN_LINE = 60


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines joined across hard wraps."""
    blocks: list[tuple[int, int]] = []
    prev_joinable = False
    for start, end in _line_spans(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            prev_joinable = False
            continue
        if blocks and prev_joinable and not _LIST_ITEM.match(stripped) and (
                stripped[0].islower() or _long_unfinished(text[blocks[-1][0]:blocks[-1][1]])):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        prev_joinable = True
    return blocks


def _long_unfinished(block: str) -> bool:
    last_line = block.rsplit("\n", 1)[-1].rstrip()
    if last_line.rsplit(" ", 1)[-1].lower() in PHRASE_INSIDE:
        return True  # "Chỉ thị số" / "35-CT/TW": a line never ends on these words
    return len(last_line) >= WRAP_MIN_LINE and last_line[-1:] not in ".!?…:;\"”)"


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    while pos < end and text[pos].isspace():
        pos += 1
    if pos >= end:
        return False
    c = text[pos]
    return c.isupper() or c.isdigit() or c in _SENTENCE_OPENERS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, in order."""
    out: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text):
        cut = b_start
        for m in _END.finditer(text, b_start, b_end):
            if not _starts_sentence(text, m.end(), b_end):
                continue
            if _ENUMERATOR.fullmatch(text, cut, m.end()):
                continue  # "1. Việc ...", "II. NHỮNG HẠN CHẾ": the number belongs to its item
            word = _WORD_BEFORE.search(text, max(b_start, m.start() - 12), m.start() + 1)
            if word and m.group().startswith(".") and word.group(1).rstrip(".").split(".")[-1] in ABBREVIATIONS:
                continue
            _append_trimmed(text, cut, m.end(), out)
            cut = m.end()
        _append_trimmed(text, cut, b_end, out)
    return out


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
