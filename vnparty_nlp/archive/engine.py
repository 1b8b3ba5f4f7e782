"""The interface an archive engine implements, and the one place engines are registered.

:class:`~vnparty_nlp.archive.store.Archive` is the public API; it parses queries, checks filters,
prepares articles and assembles results, and asks its engine only for what depends on where the
data lives. The engine is chosen by the archive's location: ``Archive("x.sqlite")`` opens SQLite,
``Archive("postgresql://...")`` PostgreSQL. A new engine is one module with a class that follows
:class:`Engine`, and one line in :data:`ENGINES`.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from vnparty_nlp.archive.ingest import Prepared
    from vnparty_nlp.archive.query import ParsedQuery
    from vnparty_nlp.archive.store import AddReport
    from vnparty_nlp.records import Record


class Engine(Protocol):
    """Where an archive's rows live and how they are matched, ranked and counted."""

    #: what :attr:`SearchResults.engine` says of a ranked search
    name: str
    #: the path or URL the archive was opened with
    location: Any
    readonly: bool

    def close(self) -> None: ...
    def __len__(self) -> int: ...
    @property
    def generation(self) -> int:
        """Bumped by every write transaction: caches built from the archive compare it."""
    def schema_version(self) -> int: ...
    def size_bytes(self) -> int: ...
    def sidecar(self, suffix: str) -> Path | None:
        """A local file for caches built from the archive, or None where there is none."""
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...
    def rebuild_index(self) -> None: ...
    def optimize(self) -> None: ...
    # writing
    def write_batch(self, batch: list[Prepared], report: AddReport) -> None: ...
    def remove(self, article_id: int) -> bool: ...
    # reading
    def where(self, filters: Mapping[str, Any]) -> tuple[str, list[Any]]: ...
    def get(self, article_id: int) -> Record | None: ...
    def info(self, article_id: int) -> dict[str, Any] | None: ...
    def ids(self, filters: Mapping[str, Any]) -> list[int]: ...
    def briefs(self, ids: list[int]) -> dict[int, Any]: ...
    def browse(self, where: str, params: list[Any], limit: int, offset: int) -> list[Any]: ...
    def by_date(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int) -> list[Any]: ...
    def ranked(self, parsed: ParsedQuery, where: str, params: list[Any], limit: int, offset: int,
               exhaustive: bool, window: int) -> tuple[list[Any], bool]: ...
    def count(self, parsed: ParsedQuery | None, filters: Mapping[str, Any]) -> int: ...
    def facts(self, kind: str, parsed: ParsedQuery | None, filters: Mapping[str, Any]) -> pd.DataFrame: ...
    def facet(self, by: str, parsed: ParsedQuery | None, limit: int | None,
              filters: Mapping[str, Any]) -> pd.DataFrame: ...
    def summary(self, parsed: ParsedQuery | None, limit: int, sample: int | None,
                filters: Mapping[str, Any]) -> dict[str, Any]: ...
    def shortcomings_by(self, groups: list[str], filters: Mapping[str, Any]) -> pd.DataFrame: ...
    def party_units(self, groups: list[str], filters: Mapping[str, Any]) -> pd.DataFrame: ...
    def articles_frame(self, filters: Mapping[str, Any]) -> pd.DataFrame: ...
    def counts(self) -> dict[str, Any]: ...
    def similar_rows(self) -> list[Any]: ...


#: URL scheme → "module:class" of its engine (imported on first use: a driver is needed only if used).
#: A location without a registered scheme is a SQLite file.
ENGINES: dict[str, str] = {
    "postgresql": "vnparty_nlp.archive.engine_postgres:PostgresEngine",
    "postgres": "vnparty_nlp.archive.engine_postgres:PostgresEngine",
}
DEFAULT_ENGINE = "vnparty_nlp.archive.engine_sqlite:SqliteEngine"


def engine_class(location: str | Path) -> type:
    """The engine class for a path or URL."""
    text = str(location) if isinstance(location, str) else ""
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    spec = ENGINES.get(scheme, DEFAULT_ENGINE)
    if scheme and scheme not in ENGINES:
        raise ValueError(f"no archive engine for {scheme}:// URLs; known: {sorted(ENGINES)} or a file path")
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def open_engine(location: str | Path, **options: Any) -> Engine:
    return engine_class(location)(location, **options)


def is_url(location: str | Path) -> bool:
    """Whether a ``--db`` value names a server (``postgresql://...``) rather than a file."""
    return isinstance(location, str) and "://" in location


def safe_location(location: str | Path) -> str:
    """A location for messages and logs: a URL without its password."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(location))


def location_arg(text: str) -> str | Path:
    """A ``--db`` command-line value: a URL kept as text (``Path`` would fold its ``//``), else a path."""
    return text if is_url(text) else Path(text)
