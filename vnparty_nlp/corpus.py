"""The bundled corpus: articles saved as text (``NAME.txt``) with their metadata (``NAME.meta.json``).

The corpus lives in ``corpus/`` at the project root, beside the package, so it is there in a checkout
and in an editable install (``pip install -e .``); ``VNPARTY_CORPUS`` points elsewhere.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: metadata keys that ``analyze`` takes; the rest (province, note, ...) stay in ``extra``
ANALYZE_KEYS = ("url", "site", "title", "published", "author", "credit")


def corpus_dir() -> Path:
    env = os.environ.get("VNPARTY_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "corpus"


@dataclass(frozen=True)
class CorpusArticle:
    path: Path
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def analyze_kwargs(self) -> dict[str, Any]:
        """``source`` plus the metadata ``analyze`` understands."""
        return {"source": str(self.path), **{k: self.meta[k] for k in ANALYZE_KEYS if self.meta.get(k)}}


def read_article(path: Path) -> str:
    """A local article file as NFC text, whatever its encoding (UTF-8, Windows-1258, TCVN3, VNI)."""
    from vnparty_nlp.scrape.encoding import decode_bytes

    return decode_bytes(path.read_bytes())


def read_metadata(path: Path) -> dict[str, Any]:
    """The sidecar ``NAME.meta.json`` of ``NAME.txt``, or ``{}``; ``ValueError`` if it is not a JSON object."""
    sidecar = path.with_suffix(".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"unreadable metadata {sidecar}: {err}") from None
    if not isinstance(data, dict):
        raise ValueError(f"metadata {sidecar} is not a JSON object")
    return data


def iter_corpus(directory: Path | None = None) -> Iterator[CorpusArticle]:
    directory = directory or corpus_dir()
    if not directory.is_dir():
        raise FileNotFoundError(f"no corpus at {directory}; set VNPARTY_CORPUS or run from a checkout")
    for path in sorted(directory.glob("*.txt")):
        yield CorpusArticle(path, read_article(path), read_metadata(path))
