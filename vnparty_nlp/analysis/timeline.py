"""A timeline of what a collection of reports dates: congresses, documents issued, events.

Dates in reports come with their context: ``Đảng bộ xã Hồng Đức tổ chức vào ngày 11 và 12/3/2020``
dates a congress, ``Chỉ thị số 35-CT/TW ngày 30-5-2019`` a document, ``Từ ngày 6-1-2020 đến ngày
15-5-2020`` a campaign. Each dated fact becomes one row, labelled by what its sentence is about, so the
congress season of several provinces can be laid side by side.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from vnparty_nlp.analysis.citations import document_key

if TYPE_CHECKING:
    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

TIMELINE_COLUMNS = ["date", "end", "precision", "kind", "label", "text", "source", "title", "published",
                    "organization", "number", "sentence"]
#: date kinds that mark an event (a term ``nhiệm kỳ 2020-2025`` is a period, not an event)
EVENT_KINDS = ("date", "range", "month")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_iso(value: str | None) -> tuple[pd.Timestamp | None, str | None]:
    """``2020-03-06`` → (Timestamp, "day"); ``2020-08`` → month; ``2020`` → year; ``--03-06`` → (None, None)."""
    m = _ISO.match(value or "")
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        stamp = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, None
    return stamp, "day" if day else "month" if month else "year"


def _sentence_of(record: Record, start: int, end: int) -> str:
    for s in record.sentences:
        if s.start <= start and end <= s.end:
            return s.text
    return record.text[max(0, start - 80): end + 80]


def _document_of(span: tuple[int, int], facts: Iterable[Any], text: str) -> Any | None:
    """The cited document a date belongs to: inside its span, or right after it (``35-CT/TW ngày 30-5-2019``)."""
    for f in facts:
        if f.start <= span[0] and span[1] <= f.stop:
            return f
        if f.stop <= span[0] and re.fullmatch(r"[\s,]*(?:ban hành\s*)?", text[f.stop:span[0]]):
            return f
    return None


_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}")


def _is_dateline(record: Record, fact: Any, sentence: str) -> bool:
    """A publication timestamp (``17:30' 21/5/2020``), not an event: it carries a clock time, stands
    alone on its line, or is the published date in the article's first lines."""
    if _TIME.search(fact.text) or len(re.findall(r"[^\W\d_]+", sentence.replace(fact.text, ""))) < 3:
        return True
    head = record.text.count("\n", 0, fact.start) < 3
    return head and bool(record.published) and getattr(fact, "value", None) == (record.published or "")[:10]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline(records: Iterable[Record], undated: bool = False, kinds: tuple[str, ...] = EVENT_KINDS) -> pd.DataFrame:
    """Congresses and dated events of ``records``, sorted by date.

    ``kind`` is ``congress`` (a congress mention, dated by the first event date of its sentence),
    ``document`` (the date of a cited document: when it was issued) or ``event`` (any other date).
    ``precision`` says how much of ``date`` the text gave (day, month or year). A congress whose
    sentence has no date is kept only with ``undated=True`` (``date`` NaT). Datelines (a timestamp
    alone on its line: the publication, not an event) and dates without a year are left out.
    """
    rows: list[dict[str, Any]] = []
    for record in records:
        meta = {"source": record.source, "title": record.title, "published": record.published}
        dates = [d for d in record.facts.get("dates", []) if getattr(d, "kind", "date") in kinds]
        documents = record.facts.get("documents", [])
        for d in dates:
            date, precision = parse_iso(getattr(d, "value", None))
            if date is None:
                continue
            sentence = _sentence_of(record, d.start, d.stop)
            if _is_dateline(record, d, sentence):
                continue
            end, _ = parse_iso(getattr(d, "end", None))
            document = _document_of(d.span, documents, record.text)
            if document is not None:
                kind, label = "document", f"{document_key(document)} ({getattr(document, 'type', '') or 'văn bản'})"
            else:
                kind, label = "event", _short(sentence)
            rows.append({**meta, "date": date, "end": end, "precision": precision, "kind": kind, "label": label,
                         "text": d.text, "organization": None, "number": None, "sentence": sentence})
        seen: set[tuple[Any, ...]] = set()
        for c in record.facts.get("congresses", []):
            sentence = _sentence_of(record, c.start, c.stop)
            sentence_dates = [d for d in dates if d.text in sentence and parse_iso(getattr(d, "value", None))[0] is not None
                              and not _document_of(d.span, documents, record.text)]
            key = (getattr(c, "organization", None), getattr(c, "number", None), bool(sentence_dates))
            if key in seen:
                continue
            seen.add(key)
            if sentence_dates:
                d = min(sentence_dates, key=lambda f: abs(f.start - c.start))
                date, precision = parse_iso(d.value)
                end, _ = parse_iso(getattr(d, "end", None))
            elif undated:
                date, precision, end = None, None, None
            else:
                continue
            number = getattr(c, "number", None)
            org = getattr(c, "organization", None)
            label = f"Đại hội {org or ''}{' lần thứ ' + str(number) if number else ''}".strip()
            rows.append({**meta, "date": date, "end": end, "precision": precision, "kind": "congress",
                         "label": label, "text": c.text, "organization": org, "number": number, "sentence": sentence})
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    if frame.empty:
        return frame
    frame["date"] = pd.to_datetime(frame["date"])
    frame["end"] = pd.to_datetime(frame["end"])
    # a congress row and the event row of the same date and sentence say one thing: keep the congress
    congress_keys = set(zip(frame.loc[frame.kind == "congress", "source"], frame.loc[frame.kind == "congress", "sentence"],
                            frame.loc[frame.kind == "congress", "date"], strict=True))
    duplicate = [(k == "event" and (s, t, d) in congress_keys)
                 for k, s, t, d in zip(frame["kind"], frame["source"], frame["sentence"], frame["date"], strict=True)]
    frame = frame[~pd.Series(duplicate, index=frame.index)]
    return frame.sort_values(["date", "source", "kind"], kind="stable", na_position="last").reset_index(drop=True)


def events_per_month(records_or_timeline: Iterable[Record] | pd.DataFrame) -> pd.Series:
    """Number of dated rows per calendar month (a month-period index), for plots and tables."""
    frame = records_or_timeline if isinstance(records_or_timeline, pd.DataFrame) else timeline(records_or_timeline)
    dated = frame.dropna(subset=["date"])
    if dated.empty:
        return pd.Series(dtype=int, name="events")
    months = dated["date"].dt.to_period("M")
    counts = months.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    return counts.reindex(full, fill_value=0).rename("events")
