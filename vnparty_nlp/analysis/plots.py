"""Matplotlib views of a collection: citations per document, events per month, themes per province.

Each function draws on the ``ax`` it is given (or a new figure) and returns the Axes, so plots can be
combined in one figure, styled and saved by the caller; none calls ``plt.show()`` or picks a backend.
They take records or the DataFrame of the matching analysis function, so a filtered table plots too.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from vnparty_nlp.analysis.citations import most_cited
from vnparty_nlp.analysis.themes import themes_by_province
from vnparty_nlp.analysis.timeline import events_per_month as _events_per_month
from vnparty_nlp.analysis.timeline import timeline as _timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from vnparty_nlp.records import Record


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")  # room for long Vietnamese labels
    return ax


def citations_per_document(records: Iterable[Record] | pd.DataFrame, top: int = 10, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the ``top`` documents by number of citing articles (most cited at the top).

    Takes records, a citation table or a :func:`~.citations.most_cited` frame.
    """
    if isinstance(records, pd.DataFrame) and "articles" in records.columns:
        ranked = records.head(top)
    else:
        ranked = most_cited(records, n=top)
    ax = _axes(ax, (7, 0.4 * max(len(ranked), 3) + 1))
    ranked = ranked.iloc[::-1]
    ax.barh(ranked["key"].astype(str), ranked["articles"], color="#b22222")
    ax.set_xlabel("articles citing it")
    ax.set_title("Most cited documents")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax


def events_per_month(records: Iterable[Record] | pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Bars: dated events and congresses per month (months without any shown as zero)."""
    counts = _events_per_month(records)
    ax = _axes(ax, (8, 3.5))
    labels = [str(p) for p in counts.index]
    ax.bar(labels, counts.values, color="#8b0000")
    ax.set_ylabel("dated events")
    ax.set_title("Events per month")
    ax.yaxis.get_major_locator().set_params(integer=True)
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    return ax


def themes_per_province(themes: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: shortcomings per province, split by theme (a :func:`~.themes.shortcoming_themes` frame)."""
    table = themes_by_province(themes)
    ax = _axes(ax, (8, 4))
    if table.empty:
        ax.set_title("Shortcoming themes per province (none)")
        return ax
    table.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.7)
    ax.set_xlabel("shortcomings")
    ax.set_ylabel("")
    ax.set_title("Shortcoming themes per province")
    ax.legend(title="theme", fontsize="small", loc="lower right")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax


def timeline_plot(records: Iterable[Record] | pd.DataFrame, ax: Axes | None = None, by: str = "source") -> Axes:
    """Dots on a time axis, one row per article (``by``), congresses, documents and events in colours."""
    frame = records if isinstance(records, pd.DataFrame) else _timeline(records)
    frame = frame.dropna(subset=["date"])
    groups = list(dict.fromkeys(frame[by].fillna("?").astype(str)))
    ax = _axes(ax, (9, 0.45 * max(len(groups), 3) + 1.5))
    colours = {"congress": "#b22222", "document": "#1f77b4", "event": "#7f7f7f"}
    position = {g: i for i, g in enumerate(groups)}
    for kind, part in frame.groupby("kind"):
        ys = [position[str(g)] for g in part[by].fillna("?")]
        ax.scatter(part["date"], ys, label=kind, color=colours.get(str(kind), "black"),
                   s=60 if kind == "congress" else 25, zorder=3, alpha=0.85)
    ax.set_yticks(range(len(groups)), [g.rsplit("/", 1)[-1].removesuffix(".txt")[:40] for g in groups])
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize="small", loc="upper left")
    ax.set_title("Timeline of congresses, documents and events")
    return ax


def cascade_delays(frame: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Dots: days from the central document to each implementer, one row per province (earliest first).

    Takes the ``frame`` of :func:`~.cascade.cascade`. A filled dot is an implementing document's own date; a
    hollow one the date of the article that reports a body acting (an upper bound on its delay).
    """
    from vnparty_nlp.analysis.cascade import delays_by_province

    order = list(delays_by_province(frame)["province"])
    ax = _axes(ax, (8, 0.45 * max(len(order), 3) + 1.2))
    if not order:
        ax.set_title("Implementation delays per province (none)")
        return ax
    rows = {p: i for i, p in enumerate(reversed(order))}
    data = frame.assign(province=frame["province"].fillna("?")).drop_duplicates(["root", "implementer"])
    issued = data.dropna(subset=["delay_days"])
    reported = data[data["delay_days"].isna()].dropna(subset=["reported_delay_days"])
    ax.scatter(issued["delay_days"], issued["province"].map(rows), color="#b22222", zorder=3,
               label="implementing document issued")
    ax.scatter(reported["reported_delay_days"], reported["province"].map(rows), facecolors="none",
               edgecolors="#8b0000", zorder=3, label="reported in an article")
    ax.set_yticks(range(len(rows)), list(rows))
    ax.set_xlabel(f"days after {', '.join(sorted(set(frame['root'])))}")
    ax.set_title("How fast provinces implemented it")
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlim(left=0)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax
