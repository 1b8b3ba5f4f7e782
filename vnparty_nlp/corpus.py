"""The bundled corpus: articles saved as text (``NAME.txt``) with their metadata (``NAME.meta.json``).

The corpus ships inside the package (``vnparty_nlp/data/corpus/``, package data), so it is there in a
checkout, an editable install and a wheel alike; ``VNPARTY_CORPUS`` points elsewhere. It holds two seed
articles saved with their page furniture and 50 excerpts of public news pages (``a*``/``b*``), each
sidecar giving the page's source URL.
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


#: the two seed articles (whole pages, furniture included) that tests and the generator build on
SEED_ARTICLES = ("dien-bien-dai-hoi-diem-2020", "ninh-giang-dai-hoi-diem-2020")


def corpus_dir() -> Path:
    """``VNPARTY_CORPUS`` if set, else the corpus bundled in the package."""
    env = os.environ.get("VNPARTY_CORPUS")
    return Path(env) if env else Path(__file__).resolve().parent / "data" / "corpus"


@dataclass(frozen=True)
class CorpusArticle:
    path: Path
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def analyze_kwargs(self) -> dict[str, Any]:
        """``source`` plus the metadata ``analyze`` understands."""
        return {"source": str(self.path), **{k: self.meta[k] for k in ANALYZE_KEYS if self.meta.get(k)}}


class CorpusError(FileNotFoundError):
    """The corpus directory is missing or holds no articles."""


def is_metadata_file(path: Path) -> bool:
    """A ``NAME.meta.json`` sidecar, which is never an article itself."""
    return path.name.endswith(".meta.json")


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
    """The ``NAME.txt`` articles of ``directory`` (default: the bundled corpus) with their metadata."""
    directory = Path(directory) if directory else corpus_dir()
    if not directory.is_dir():
        raise CorpusError(f"no corpus directory at {directory} (a directory of NAME.txt and NAME.meta.json)")
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise CorpusError(f"no articles (*.txt) in {directory}")
    for path in paths:
        yield CorpusArticle(path, read_article(path), read_metadata(path))
