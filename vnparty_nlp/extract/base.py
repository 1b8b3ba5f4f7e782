"""The contract every extractor honours: a fact is a span of the article with a normalized value.

Extractors read a :class:`~vnparty_nlp.text.Doc` (whose ``norm`` string is the matching form of the
article) and return facts whose ``start``/``end`` index the *source* text, so that
``record.text[fact.start:fact.stop] == fact.text`` always holds, whatever Unicode form came in.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from vnparty_nlp.text import Doc


@dataclass(frozen=True)
class Fact:
    """A span of the article text; subclasses add the normalized value."""

    text: str
    span: tuple[int, int]  # (start, stop) offsets into the record's text

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def stop(self) -> int:
        return self.span[1]

    def to_dict(self) -> dict[str, Any]:
        """The SCHEMA.md form: ``text``, ``span`` and the value fields."""
        out: dict[str, Any] = {"text": self.text, "span": list(self.span)}
        for f in dataclasses.fields(self):
            if f.name not in ("text", "span"):
                out[f.name] = getattr(self, f.name)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names and k not in ("text", "span")}
        return cls(text=data["text"], span=tuple(data["span"]), **values)


@dataclass(frozen=True)
class Extractor:
    """One registered fact type: a name, its fact class, and the function that finds the facts.

    ``requires`` names extractors whose facts this one reads from ``doc.facts`` (the counts
    extractor skips numbers already claimed as dates or document numbers); the registry runs
    them first.
    """

    name: str
    fact_type: type[Fact]
    find: Callable[[Doc], Sequence[Fact]]
    requires: tuple[str, ...] = ()

    def __call__(self, doc: Doc) -> list[Fact]:
        return list(self.find(doc))
