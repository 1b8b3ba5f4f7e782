"""``Doc``: an article's text, its matching form, sentences and tokens, all with source offsets.

Like spaCy's Doc, it is the one object the extractors share. Everything is computed on the matching
form (``norm``) and reported in offsets of ``text``, the string the user gave.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from vnparty_nlp.text.normalize import normalize
from vnparty_nlp.text.sentences import split_sentences
from vnparty_nlp.text.tokens import PARTY_LEXICON, word_spans

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    """A piece of the source text: ``doc.text[start:end] == text``."""

    text: str
    start: int
    end: int

    @property
    def bounds(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": [self.start, self.end]}


@dataclass
class Doc:
    """The article being analyzed.

    ``body_start`` (in ``norm`` offsets) is where the running text begins after the title lines;
    ``published`` lets the date extractor give a year to ``ngày 6/3``.
    """

    text: str
    published: dt.date | None = None
    body_start: int = 0
    lexicon: tuple[str, ...] = PARTY_LEXICON
    facts: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        normalized = normalize(self.text)
        self.norm: str = normalized.norm
        self._offsets = normalized.offsets

    # --- offsets -------------------------------------------------------------------------------
    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of ``norm[start:end]``."""
        return self._offsets.to_source(start, end)

    def norm_offset(self, source_offset: int) -> int:
        return self._offsets.to_norm(source_offset)

    def span(self, start: int, end: int) -> Span:
        s, e = self.source_span(start, end)
        return Span(self.text[s:e], s, e)

    @cached_property
    def lower(self) -> str:
        """``norm`` in lower case, same offsets: case-sensitive scans on it are several times faster
        than case-insensitive ones on ``norm``."""
        lowered = self.norm.lower()
        return lowered if len(lowered) == len(self.norm) else self.norm

    @cached_property
    def word_index(self) -> dict[str, list[int]]:
        """Where each word of :attr:`lower` starts (``norm`` offsets, in order). Extractors look their trigger
        words up here instead of each scanning the whole text with a regex of its own."""
        index: dict[str, list[int]] = {}
        for m in _WORD.finditer(self.lower):
            index.setdefault(m.group(), []).append(m.start())
        return index

    # --- segmentation --------------------------------------------------------------------------
    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """Sentences as ``norm`` offsets, for extractors."""
        return split_sentences(self.norm)

    @property
    def sentences(self) -> list[Span]:
        return [self.span(s, e) for s, e in self.sentence_bounds]

    def sentence_at(self, norm_offset: int) -> tuple[int, int]:
        """The sentence that holds ``norm_offset`` (an empty span between sentences)."""
        i = bisect_right(self._sentence_starts, norm_offset) - 1
        if i >= 0:
            s, e = self.sentence_bounds[i]
            if norm_offset < e:
                return s, e
        return norm_offset, norm_offset

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentence_bounds]

    @cached_property
    def token_bounds(self) -> list[tuple[int, int]]:
        """Word tokens as ``norm`` offsets (underthesea runs on first access)."""
        return word_spans(self.norm, self.lexicon)

    @property
    def tokens(self) -> list[Span]:
        return [self.span(s, e) for s, e in self.token_bounds]
