"""Research workflows on top of records: citations, timelines, shortcoming themes, a shortcoming classifier.

Everything here reads :class:`~vnparty_nlp.records.Record` objects (from ``analyze``, a JSONL file or
the archive) and returns pandas DataFrames or matplotlib Axes; nothing here changes what ``analyze``
extracts. The classifier (scikit-learn, trained on first use) is imported on demand:
``from vnparty_nlp.analysis.classifier import ShortcomingClassifier``.
"""
from __future__ import annotations

from vnparty_nlp.analysis.cascade import Cascade, cascade, delays_by_province, implementation_table
from vnparty_nlp.analysis.citations import citation_table, citing_articles, document_key, most_cited
from vnparty_nlp.analysis.collection import load_collection
from vnparty_nlp.analysis.themes import province_of, shortcoming_themes, themes_by_province
from vnparty_nlp.analysis.timeline import events_per_month, timeline

__all__ = [
    "Cascade",
    "cascade",
    "delays_by_province",
    "implementation_table",
    "citation_table",
    "citing_articles",
    "document_key",
    "events_per_month",
    "load_collection",
    "most_cited",
    "province_of",
    "shortcoming_themes",
    "themes_by_province",
    "timeline",
]
