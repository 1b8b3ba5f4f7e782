"""How a central decision travels down the Party: the documents and bodies that implemented it, and how fast.

``cascade("35-CT/TW", records)`` collects the ``implements`` facts of the records into one graph
(implementer → implemented document) and walks it up from the central document: the province's plan that
implements the directive, the district's plan that implements the province's, the commune committee that
acts on the district's. Each row says how many days after the central document its implementer was
issued (``delay_days``, from the implementer's own date) or first reported (``reported_delay_days``, from
the article's date, for bodies and undated plans).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from vnparty_nlp.analysis.themes import province_of
from vnparty_nlp.extract.registry import DocumentRegistry, default_registry, level_of, parse_citation

if TYPE_CHECKING:
    import networkx as nx

    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

RELATION_COLUMNS = ["source", "title", "published", "province", "relation", "cue", "implementer", "implementer_key",
                    "body", "level", "implementer_date", "target", "target_id", "target_status", "target_date", "evidence",
                    "start", "end"]
CASCADE_COLUMNS = ["root", "depth", "implementer", "kind", "key", "body", "province", "level", "relation",
                   "implements", "date", "delay_days", "published", "reported_delay_days", "article", "evidence"]


class CascadeError(ValueError):
    """The document asked for is not a citation this can look up."""


def _implementer(fact: Any, record: Record) -> tuple[str, str]:
    """(node id, kind) of who implements: a document, a body, or the article when it names neither."""
    if fact.source:
        return fact.source_id or f"{fact.source}@{record.source or '?'}", "document"
    if fact.body:
        place = fact.province or ""
        return f"body:{fact.body}" + (f"@{place}" if place and place not in fact.body else ""), "body"
    return f"article:{record.source or record.title or '?'}", "article"


def implementation_table(records: Iterable[Record],
                         province: Callable[[Record], str | None] = province_of) -> pd.DataFrame:
    """One row per implementation relation: the citing article beside who implements what."""
    rows = []
    for record in records:
        facts = record.facts.get("implements", [])
        if not facts:
            continue
        article_province = province(record)
        for f in facts:
            node, _ = _implementer(f, record)
            rows.append({
                "source": record.source, "title": record.title, "published": record.published,
                "province": f.province or article_province, "relation": f.relation, "cue": f.cue,
                "implementer": node, "implementer_key": f.source, "body": f.body,
                "level": f.source_level if f.source else level_of(f.body, None), "implementer_date": f.source_date,
                "target": f.target, "target_id": f.target_id, "target_status": f.target_status,
                "target_date": f.target_date, "evidence": f.text, "start": f.start, "end": f.stop,
            })
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def implementation_graph(records: Iterable[Record] | pd.DataFrame,
                         province: Callable[[Record], str | None] = province_of) -> nx.MultiDiGraph:
    """Every relation as an edge implementer → implemented (ids as nodes; unresolved targets left out)."""
    import networkx as nx

    table = records if isinstance(records, pd.DataFrame) else implementation_table(records, province)
    graph = nx.MultiDiGraph()
    for row in table.astype(object).where(table.notna(), None).itertuples(index=False):
        if not row.target_id:
            continue
        kind = "document" if row.implementer_key else ("body" if row.body else "article")
        graph.add_node(row.target_id, kind="document", key=row.target, date=row.target_date)
        attrs = {"kind": kind, "key": row.implementer_key or row.body, "body": row.body, "province": row.province,
                 "date": row.implementer_date, "level": row.level}
        if row.implementer in graph:  # a node seen before keeps what it knew
            attrs = {k: v for k, v in attrs.items() if v is not None and graph.nodes[row.implementer].get(k) is None}
        graph.add_node(row.implementer, **attrs)
        graph.add_edge(row.implementer, row.target_id, relation=row.relation, cue=row.cue, article=row.source,
                       published=row.published, evidence=row.evidence)
    return graph


@dataclass
class Cascade:
    """The implementers of a document: ``frame`` (one row per relation reached), ``graph`` (the sub-graph),
    ``roots`` (the identities asked for) and ``unresolved`` (relations to a citation of that number that
    could not be tied to one document). Unpacks as ``frame, graph = cascade(...)``."""

    frame: pd.DataFrame
    graph: Any
    roots: list[str]
    unresolved: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RELATION_COLUMNS))

    def __iter__(self) -> Iterator[Any]:
        return iter((self.frame, self.graph))


def _days(later: str | None, earlier: str | None) -> float | None:
    try:
        return float((dt.date.fromisoformat(str(later)[:10]) - dt.date.fromisoformat(str(earlier)[:10])).days)
    except (TypeError, ValueError):
        return None


def _roots(document: str, table: pd.DataFrame, registry: DocumentRegistry,
           date: str | None) -> tuple[list[str], set[str]]:
    """The identities asked for, and every key a citation of them may carry."""
    if "@" in document:
        entry = registry.get(document.strip())
        return [document.strip()], {document.split("@")[0].strip()} | ({entry.key} if entry else set())
    ref = parse_citation(document)
    if ref is None:
        raise CascadeError(f"{document!r} is not a document citation (try 35-CT/TW or 'Chỉ thị 35-CT/TW')")
    keys = {ref.key}
    if ref.code:
        keys |= {e.key for e in registry.lookup(ref.key)}
    else:
        res = registry.resolve(ref)
        keys |= {e.key for e in res.candidates}
    cited = table[table.target.isin(keys) & table.target_id.notna()]
    ids = sorted(set(cited.target_id)) or [e.id for k in keys if "/" in k for e in registry.lookup(k)]
    if date:
        ids = [i for i in ids if f"@{date}" in i]
    return ids, keys


def cascade(document: str, records: Iterable[Record] | pd.DataFrame, *, date: str | None = None,
            registry: DocumentRegistry | None = None,
            province: Callable[[Record], str | None] = province_of) -> Cascade:
    """The documents and bodies that implemented ``document`` (``35-CT/TW``, ``35-CT/TW@2019-05-30`` or
    ``Chỉ thị 35``), directly or through another implementer, with the delay from its date.

    A number used by several documents (the 2019 and the 2024 ``35-CT/TW``) gives one root per document
    the records cite; ``date`` (``2019-05-30``) keeps one.
    """
    import networkx as nx

    registry = registry or default_registry()
    table = records if isinstance(records, pd.DataFrame) else implementation_table(records, province)
    graph = implementation_graph(table)
    roots, keys = _roots(document, table, registry, date)
    rows = []
    seen: set[tuple[str, str]] = set()
    keep: set[str] = set()
    for root in roots:
        entry = registry.get(root)
        root_date = entry.date if entry else (graph.nodes[root].get("date") if root in graph else None)
        queue = deque([(root, 0)])
        keep.add(root)
        while queue:
            node, depth = queue.popleft()
            if node not in graph:
                continue
            for implementer, _, data in graph.in_edges(node, data=True):
                attrs = graph.nodes[implementer]
                rows.append({
                    "root": root, "depth": depth + 1, "implementer": implementer, "kind": attrs.get("kind"),
                    "key": attrs.get("key"), "body": attrs.get("body"), "province": attrs.get("province"),
                    "level": attrs.get("level"), "relation": data["relation"], "implements": node,
                    "date": attrs.get("date"), "delay_days": _days(attrs.get("date"), root_date),
                    "published": data["published"], "reported_delay_days": _days(data["published"], root_date),
                    "article": data["article"], "evidence": data["evidence"],
                })
                keep.add(implementer)
                if (root, implementer) not in seen:
                    seen.add((root, implementer))
                    queue.append((implementer, depth + 1))
    frame = pd.DataFrame(rows, columns=CASCADE_COLUMNS)
    wanted = {k.casefold() for k in keys}
    unresolved = table[table.target_id.isna() & table.target.fillna("").str.casefold().isin(wanted)]
    if not roots:
        log.info("no record cites %s as a resolved document", document)
    return Cascade(frame, nx.MultiDiGraph(graph.subgraph(keep)), roots, unresolved.reset_index(drop=True))


def delays_by_province(frame: pd.DataFrame) -> pd.DataFrame:
    """Per province: implementers, the first and the median delay in days (issue date, else report date)."""
    if frame.empty:
        return pd.DataFrame(columns=["province", "implementers", "first_days", "median_days"])
    delay = frame["delay_days"].fillna(frame["reported_delay_days"])
    data = frame.assign(delay=delay, province=frame["province"].fillna("?")).dropna(subset=["delay"])
    data = data.drop_duplicates(["root", "implementer"])
    out = data.groupby("province").agg(implementers=("implementer", "nunique"), first_days=("delay", "min"),
                                       median_days=("delay", "median")).reset_index()
    return out.sort_values(["first_days", "province"]).reset_index(drop=True)


__all__ = ["Cascade", "CascadeError", "cascade", "delays_by_province", "implementation_graph",
           "implementation_table"]
