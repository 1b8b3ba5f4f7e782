"""Analyze a folder of articles saved in the corpus format (``NAME.txt`` + ``NAME.meta.json``).

Collection-level questions (themes, most cited documents, timelines) start from a list of records;
this reads one or more such folders with their metadata, so the notebooks and tests do not repeat the
loop, and keeps each record's ``source`` pointing at its file so :func:`~.themes.province_of` can read
the sidecar back.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from vnparty_nlp.corpus import iter_corpus
from vnparty_nlp.pipeline import analyze_many
from vnparty_nlp.records import Record

log = logging.getLogger(__name__)


def load_collection(*directories: str | Path, progress: bool = False, **options: Any) -> list[Record]:
    """Records of every ``*.txt`` in ``directories`` (the bundled corpus when none is given), in order."""
    folders = [Path(d) for d in directories] or [None]
    items = [(a.text, a.analyze_kwargs) for folder in folders for a in iter_corpus(folder)]
    log.info("analyzing %d articles", len(items))
    return list(analyze_many(items, processes=1, progress=progress, total=len(items), **options))
