"""Text made HTML: escaped first, then marked. Nothing from an article or a query reaches a page raw.

Snippets come from :meth:`Archive.search` with private-use characters as highlight marks; they are
escaped and only then the marks become ``<mark>``. Facts are highlighted by their spans: spans that
nest become nested elements, a span that crosses another is split at the crossing so the HTML stays
well formed and every character of every fact is marked.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

#: what Archive.search puts around a match: private-use code points (one in an article's own text can
#: only shift a highlight; the marks are balanced and everything else is escaped)
OPEN, CLOSE = "\ue000", "\ue001"

#: fact kinds in the order a reader meets them, with the label of their colour in the legend
KIND_LABELS = {
    "documents": "cited document", "dates": "date", "counts": "count", "congresses": "congress",
    "organizations": "organization", "people": "person", "shortcomings": "shortcoming",
}


def snippet_html(snippet: str) -> Markup:
    """A snippet with OPEN/CLOSE marks as escaped HTML with balanced ``<mark>`` elements."""
    out: list[str] = []
    depth = 0
    for part in _split_marks(snippet):
        if part == OPEN:
            if depth == 0:
                out.append("<mark>")
            depth += 1
        elif part == CLOSE:
            if depth == 1:
                out.append("</mark>")
            depth = max(0, depth - 1)
        else:
            out.append(str(escape(part)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


def _split_marks(text: str) -> Iterable[str]:
    """The text between marks, and each mark on its own (one C-speed split, not a loop over characters)."""
    return [part for part in _MARKS.split(text) if part]


_MARKS = re.compile(f"([{re.escape(OPEN)}{re.escape(CLOSE)}])")


@dataclass(frozen=True)
class FactView:
    """One fact as the article page shows it: where, what kind, its words and its normalized values."""

    number: int  # position in the facts table; the anchor #fact-N
    kind: str
    start: int
    stop: int
    text: str
    values: dict[str, Any]


def fact_views(facts: dict[str, Sequence[Any]], text: str) -> list[FactView]:
    """The facts of a Record (``record.facts``), ordered by position; spans outside the text dropped."""
    rows = []
    for kind, items in facts.items():
        for f in items:
            d = f.to_dict() if hasattr(f, "to_dict") else dict(f)
            start, stop = d.pop("span")
            d.pop("text", None)
            if 0 <= start < stop <= len(text):
                values = {k: v for k, v in d.items() if v not in (None, "", [], {})}
                rows.append((start, -stop, kind, text[start:stop], values))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [FactView(i + 1, kind, s, -neg, t, v) for i, (s, neg, kind, t, v) in enumerate(rows)]


def highlight_facts(text: str, facts: Sequence[FactView]) -> Markup:
    """The text as escaped HTML with each fact in ``<mark class="fact kind-K" id="fact-N">``.

    A fact that crosses an enclosing one is closed where that one ends and reopened after it (the
    continuation has no id, so each anchor is unique).
    """
    heap: list[tuple[int, int, int, bool]] = [(f.start, -f.stop, i, True) for i, f in enumerate(facts)]
    heapq.heapify(heap)
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # stops of the open marks, innermost last

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            stop = stack.pop()
            out.append(str(escape(text[pos:stop])))
            pos = stop
            out.append("</mark>")

    while heap:
        start, neg_stop, i, first = heapq.heappop(heap)
        stop = -neg_stop
        close_until(start)
        if stack and stop > stack[-1]:  # crosses the enclosing mark: split at its end
            heapq.heappush(heap, (stack[-1], -stop, i, False))
            stop = stack[-1]
        if start >= stop:
            continue
        out.append(str(escape(text[pos:start])))
        pos = start
        f = facts[i]
        anchor = f' id="fact-{f.number}"' if first else ""
        title = escape(f"{KIND_LABELS.get(f.kind, f.kind)} #{f.number}")
        out.append(f'<mark class="fact kind-{escape(f.kind)}" data-kind="{escape(f.kind)}" '
                   f'data-fact="{f.number}"{anchor} title="{title}">')
        stack.append(stop)
    close_until(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def bars(rows: Iterable[tuple[str, int]], *, link: Any = None, on: Any = None) -> list[dict[str, Any]]:
    """Rows of a horizontal bar chart in plain HTML: label, value, width in percent, optional link, and
    whether the row is a filter in force (``on(label)``)."""
    rows = list(rows)
    top = max((v for _, v in rows), default=0) or 1
    return [{"label": label, "value": value, "width": round(100 * value / top, 1),
             "href": link(label) if link else None, "on": bool(on and on(label))} for label, value in rows]


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a ``javascript:`` source never becomes a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
