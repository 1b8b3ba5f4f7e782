"""Extractors: one module per fact type, all with the same interface, registered here.

Adding a fact type (say, election results) means one module that defines its ``Fact`` subclass and an
``EXTRACTOR``, and one line in :data:`REGISTRY`'s list below.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from vnparty_nlp.extract import (
    congresses,
    counts,
    dates,
    documents,
    implements,
    organizations,
    people,
    shortcomings,
)
from vnparty_nlp.extract.base import Extractor, Fact
from vnparty_nlp.text import Doc

#: every registered extractor by name, in an order that satisfies ``requires``
REGISTRY: dict[str, Extractor] = {
    e.name: e
    for e in (
        documents.EXTRACTOR,
        dates.EXTRACTOR,
        counts.EXTRACTOR,
        shortcomings.EXTRACTOR,
        people.EXTRACTOR,
        organizations.EXTRACTOR,
        congresses.EXTRACTOR,
        implements.EXTRACTOR,
    )
}


def register(extractor: Extractor) -> Extractor:
    """Add (or replace) an extractor; it runs after the ones it requires."""
    missing = [name for name in extractor.requires if name not in REGISTRY]
    if missing:
        raise ValueError(f"extractor {extractor.name!r} requires unregistered {missing}")
    REGISTRY.pop(extractor.name, None)
    REGISTRY[extractor.name] = extractor
    return extractor


def run_extractors(doc: Doc, names: Iterable[str] | None = None) -> dict[str, list[Fact]]:
    """Run the named extractors (default: all) and their requirements on ``doc``."""
    wanted = list(REGISTRY) if names is None else list(names)
    unknown = [n for n in wanted if n not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; known: {list(REGISTRY)}")
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for dep in REGISTRY[name].requires:
            visit(dep)
        order.append(name)

    for name in wanted:
        visit(name)
    with _collector_paused(len(doc.norm) >= LONG_TEXT):
        for name in order:
            doc.facts[name] = sorted(REGISTRY[name](doc), key=lambda f: f.span)
    return {name: doc.facts[name] for name in wanted}


#: texts at least this long are extracted with the cyclic garbage collector paused
LONG_TEXT = 200_000


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Pause Python's cyclic collector: extraction makes no reference cycles, and on a long text its full
    passes over the growing list of facts made the time grow faster than the text (1 MB took 13-15x a
    100 KB text instead of 10x)."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


__all__ = ["REGISTRY", "Extractor", "Fact", "register", "run_extractors"]
