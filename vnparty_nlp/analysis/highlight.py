"""Facts highlighted in the article text, as HTML for notebooks (``IPython.display.HTML``).

Seeing the spans in place is the quickest check of an extractor: a shortcoming cut in the middle or a
date that swallowed a document number shows at a glance. Spans index ``record.text``; overlapping facts
are shown once, the first kind in ``kinds`` winning.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vnparty_nlp.records import Record

#: background colour per fact kind
COLOURS: dict[str, str] = {
    "documents": "#ffd6d6", "dates": "#d6e8ff", "counts": "#e0f5d6", "shortcomings": "#fff0b3",
    "people": "#ead6ff", "organizations": "#d6f5f0", "congresses": "#ffe0c2",
}


def highlight_html(record: Record, kinds: Sequence[str] | None = None, start: int = 0, end: int | None = None) -> str:
    """``record.text[start:end]`` as HTML with each fact in a ``<mark>`` titled with its kind and values."""
    kinds = list(kinds) if kinds is not None else [k for k in COLOURS if k in record.facts] + [
        k for k in record.facts if k not in COLOURS]
    end = len(record.text) if end is None else end
    placed: list[tuple[int, int, str, str]] = []
    for kind in kinds:
        for fact in record.facts.get(kind, []):
            s, e = fact.span
            if s < start or e > end or any(s < pe and ps < e for ps, pe, _, _ in placed):
                continue
            values = {k: v for k, v in fact.to_dict().items() if k not in ("text", "span") and v not in (None, "")}
            tip = kind + "".join(f"\n{k}: {v}" for k, v in values.items())
            placed.append((s, e, kind, tip))
    placed.sort()
    out, pos = [], start
    for s, e, kind, tip in placed:
        out.append(html.escape(record.text[pos:s]))
        colour = COLOURS.get(kind, "#eeeeee")
        out.append(f'<mark style="background:{colour}" title="{html.escape(tip, quote=True)}">'
                   f"{html.escape(record.text[s:e])}<sub>{html.escape(kind)}</sub></mark>")
        pos = e
    out.append(html.escape(record.text[pos:end]))
    legend = " ".join(f'<mark style="background:{COLOURS.get(k, "#eeeeee")}">{html.escape(k)}</mark>' for k in kinds)
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="line-height:1.7;font-family:serif">{legend}<hr>{body}</div>'
