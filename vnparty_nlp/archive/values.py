"""Filter values and index forms every engine reads the same way: lists, dates, ids, limits.

Shared by the engines (:mod:`~vnparty_nlp.archive.engine_sqlite`, :mod:`~vnparty_nlp.archive.engine_postgres`),
the tantivy accelerator and the public :class:`~vnparty_nlp.archive.store.Archive`: a filter means
one thing whatever engine answers it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from vnparty_nlp.archive import keys

FILTER_NAMES = frozenset({
    "cites", "doc_type", "province", "organization", "site", "has", "published_from", "published_to",
    "mentions_from", "mentions_to", "ids", "implements",
})
#: filters whose values become one OR term each in SQL (SQLite caps an expression's depth near 1000)
OR_FILTERS = ("cites", "organization", "doc_type", "province", "site", "has", "implements")
#: the most values such a filter takes
MAX_FILTER_VALUES = 200
#: the largest integer SQLite stores (ids, limits and offsets beyond it are clamped or match nothing)
SQL_INT_MAX = 2**63 - 1

_SURROGATE = re.compile("[\ud800-\udfff]")
_FILTER_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def index_values(title: str | None, text: str) -> tuple[str, str, str, str]:
    """(title_f, text_f, title_x, text_x): what the full-text index sees of an article."""
    _, title_f, title_e, _ = keys.index_forms(title or "")
    _, text_f, text_e, _ = keys.index_forms(text)
    return title_f, text_f, title_e, text_e


def as_list(value: Any) -> list[Any]:
    """A filter value as a list: one value, or the items of a list/tuple/set."""
    if value is None:
        return []
    if isinstance(value, str | bytes | int | float | dt.date | Mapping) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def iso_date(value: Any) -> str:
    """A date filter as ISO text of its precision; anything but a real year, month or day is an error."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    m = _FILTER_DATE.fullmatch(text)
    try:
        if m is None:
            raise ValueError("not YYYY, YYYY-MM or YYYY-MM-DD")
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError as err:
        raise ValueError(f"{value!r} is not a date ({err}): write 2020, 2020-06 or 2020-06-30") from None
    return text


def day_range(lo: Any, hi: Any) -> tuple[str, str]:
    """A range of any precision as inclusive days: (2020, 2020-06) → 2020-01-01..2020-06-30."""
    lo_day = keys.date_bounds(iso_date(lo))[0] if lo else "0000-01-01"
    hi_day = keys.date_bounds(iso_date(hi))[1] if hi else "9999-12-31"
    return lo_day or "0000-01-01", hi_day or "9999-12-31"


def check_filter_names(filters: Mapping[str, Any], what: str = "filter") -> None:
    unknown = set(filters) - FILTER_NAMES
    if unknown:
        raise TypeError(f"unknown {what}(s) {sorted(unknown)}; known: {sorted(FILTER_NAMES)}")


def check_filter_values(filters: Mapping[str, Any]) -> None:
    """Reject filter values no engine can take, with the filter's name, before any query is built."""
    for name, value in filters.items():
        if value is None or name == "ids":
            continue
        values = as_list(value) if not isinstance(value, Mapping) else [value]
        if name in OR_FILTERS and len(values) > MAX_FILTER_VALUES:
            raise ValueError(f"{name}: {len(values)} values, at most {MAX_FILTER_VALUES}; split the request")
        for v in values:
            if name in ("province", "organization", "site", "doc_type", "has") and not isinstance(v, str):
                raise ValueError(f"{name}: {v!r} is not text")
            if isinstance(v, str) and _SURROGATE.search(v):
                raise ValueError(f"{name}: {v!r} has an unpaired surrogate (not valid Unicode text)")


def article_ids(value: Any) -> list[int]:
    """The ``ids`` filter as integers; ids no row can have (2**70) match nothing."""
    ids = []
    for i in as_list(value):
        if isinstance(i, bool) or not isinstance(i, int | str):
            raise ValueError(f"ids: {i!r} is not an article id")
        try:
            number = int(i)
        except ValueError:
            raise ValueError(f"ids: {i!r} is not an article id") from None
        if 0 < number <= SQL_INT_MAX:
            ids.append(number)
    return ids


def count_arg(name: str, value: Any) -> int:
    """``limit``/``offset`` as an int every engine takes: >= 0, clamped to what any archive holds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number >= 0, not {value!r}")
    if value < 0:
        raise ValueError("limit and offset must be >= 0")
    return min(value, SQL_INT_MAX)
