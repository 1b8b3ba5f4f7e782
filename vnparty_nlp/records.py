"""``Record``: one article and the facts found in it, in the JSON form of ``shared/eval/SCHEMA.md``.

Facts are kept per extractor name (``documents``, ``dates``, ...) so a new extractor needs no change
here: ``record.documents`` and ``record.facts["documents"]`` are the same list.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vnparty_nlp.extract import REGISTRY
from vnparty_nlp.extract.base import Fact
from vnparty_nlp.text import Span

if TYPE_CHECKING:
    import pandas as pd

METADATA_FIELDS = ("source", "url", "site", "title", "published", "author", "credit")


@dataclass
class Record:
    """An analyzed article. ``text[f.start:f.stop] == f.text`` for every fact ``f``."""

    text: str
    source: str | None = None
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or date-time, as precise as the page gives
    author: str | None = None
    credit: str | None = None  # "T/h: Đài phát thanh huyện": a source credit, not an author
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Span] = field(default_factory=list)  # filled by analyze(..., tokenize=True)

    def __getattr__(self, name: str) -> list[Fact]:
        facts = self.__dict__.get("facts")
        if facts is not None and (name in facts or name in REGISTRY):
            return facts.get(name, [])
        raise AttributeError(f"{type(self).__name__!s} has no attribute or fact type {name!r}")

    def all_facts(self) -> Iterable[Fact]:
        for facts in self.facts.values():
            yield from facts

    # --- serialization -------------------------------------------------------------------------
    def to_dict(self, segments: bool = False) -> dict[str, Any]:
        """The SCHEMA.md record; ``segments`` adds ``sentences`` and ``tokens`` with their spans."""
        out: dict[str, Any] = {name: getattr(self, name) for name in METADATA_FIELDS}
        out["text"] = self.text
        for name in REGISTRY:
            out[name] = [f.to_dict() for f in self.facts.get(name, [])]
        for name, facts in self.facts.items():  # facts of extractors no longer registered
            out.setdefault(name, [f.to_dict() for f in facts])
        if segments:
            out["sentences"] = [s.to_dict() for s in self.sentences]
            out["tokens"] = [t.to_dict() for t in self.tokens]
        return out

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(**kwargs), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        facts = {
            name: [extractor.fact_type.from_dict(d) for d in data.get(name) or []]
            for name, extractor in REGISTRY.items()
        }
        sentences = [Span(s["text"], *s["span"]) for s in data.get("sentences") or []]
        tokens = [Span(t["text"], *t["span"]) for t in data.get("tokens") or []]
        meta = {name: data.get(name) for name in METADATA_FIELDS}
        return cls(text=data["text"], facts=facts, sentences=sentences, tokens=tokens, **meta)

    @classmethod
    def from_json(cls, line: str) -> Record:
        return cls.from_dict(json.loads(line))

    # --- notebooks -----------------------------------------------------------------------------
    def facts_frame(self) -> pd.DataFrame:
        """One row per fact: its type, text, offsets and normalized fields."""
        return facts_frame([self])


def facts_frame(records: Iterable[Record]) -> pd.DataFrame:
    """Facts of many records as one DataFrame (``source``, ``kind``, ``text``, ``start``, ``end``, ...)."""
    import pandas as pd

    rows = []
    for record in records:
        for kind, facts in record.facts.items():
            for f in facts:
                row = {"source": record.source, "title": record.title, "published": record.published,
                       "kind": kind}
                row.update(f.to_dict())
                row["start"], row["end"] = row.pop("span")
                rows.append(row)
    columns = ["source", "title", "published", "kind", "text", "start", "end"]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=columns)
    return frame[columns + [c for c in frame.columns if c not in columns]]
