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

    # --- notebooks ---------------------------------------------------------------------------
    def facts_frame(self) -> pd.DataFrame:
        """One row per fact: ``fact_type``, ``text``, ``start``, ``stop`` and every field of the fact."""
        return facts_frame([self])


#: the columns every facts frame starts with; each fact's own fields follow under their own names
#: (a date's ``value``, ``end``, ``kind``; a document's ``type``; a person's ``title`` ...). The
#: article's metadata is ``article_*`` so that no fact field can hide it; positions are ``start`` and
#: ``stop`` as in ``Fact.start``/``Fact.stop``, the JSON ``span`` and the archive's tables.
FRAME_COLUMNS = ["article_source", "article_title", "article_published", "fact_type", "text", "start", "stop"]


def facts_frame(records: Iterable[Record]) -> pd.DataFrame:
    """Facts of many records as one DataFrame (see :data:`FRAME_COLUMNS`); :func:`frame_facts` reverses it.

    Every value of every fact is kept, in its own Python type: a column whose values share one type
    (besides missing ones) gets the matching nullable pandas dtype (``Int64``, ``Float64``,
    ``boolean``, ``string``), a mixed one stays ``object``.
    """
    import pandas as pd

    rows = []
    for record in records:
        for fact_type, facts in record.facts.items():
            for f in facts:
                row = {"article_source": record.source, "article_title": record.title,
                       "article_published": record.published,
                       "fact_type": fact_type, "text": f.text, "start": f.start, "stop": f.stop}
                row.update((k, v) for k, v in f.to_dict().items() if k not in ("text", "span"))
                rows.append(row)
    if not rows:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    columns = list(dict.fromkeys(FRAME_COLUMNS + [k for row in rows for k in row]))
    frame = pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns, dtype=object)
    for column in columns:
        types = {type(v) for v in frame[column] if v is not None}
        dtype = {frozenset({int}): "Int64", frozenset({float}): "Float64", frozenset({bool}): "boolean",
                 frozenset({str}): "string"}.get(frozenset(types))
        if dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


def _python(value: Any) -> Any:
    """A frame cell as the plain Python value it was (``pd.NA``/NaN → ``None``, numpy scalars unboxed)."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def frame_facts(frame: pd.DataFrame) -> dict[str, list[Fact]]:
    """The facts of a :func:`facts_frame` (or a filtered part of it) back as ``Fact`` objects per type.

    Fact types must be registered extractors; a column that is not a field of a row's fact type is
    ignored for that row (a person has no ``value``).
    """
    import dataclasses

    unknown = sorted(set(frame["fact_type"]) - set(REGISTRY))
    if unknown:
        raise ValueError(f"unknown fact type(s) {unknown}; registered: {list(REGISTRY)}")
    out: dict[str, list[Fact]] = {}
    for row in frame.to_dict("records"):
        fact_type = row["fact_type"]
        cls = REGISTRY[fact_type].fact_type
        names = {f.name for f in dataclasses.fields(cls)} - {"text", "span"}
        values = {k: _python(row[k]) for k in names if k in row}
        span = (int(row["start"]), int(row["stop"]))
        out.setdefault(fact_type, []).append(cls(text=row["text"], span=span, **values))
    return out
