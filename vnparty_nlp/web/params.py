"""Query-string parameters of the search page, the exports and the JSON API, read and bounded.

The names are the Python API's (``q`` for the query, then ``exact``, ``cites``, ``province``...), so a
URL reads like a call of :meth:`Archive.search`. Everything a user can type is checked here, before
the archive sees it: lengths, counts, numbers, the choices of ``order`` and ``exact``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams


class RequestError(ValueError):
    """A parameter a user can fix: shown as a 400 page or JSON error with this message."""


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may ask for (safe by default)."""

    query_chars: int = 500
    value_chars: int = 100  # one filter value
    values_per_filter: int = 20
    per_page: int = 100
    max_offset: int = 10_000  # deeper pages: narrow the search instead
    export_rows: int = 10_000  # CSV
    export_records: int = 1_000  # JSONL (whole records)


LIMITS = Limits()

#: filters of Archive.search that may repeat (a list is OR), and those that take one value
MULTI_FILTERS = ("cites", "province", "site", "has")
SINGLE_FILTERS = ("doc_type", "organization", "published_from", "published_to", "mentions_from", "mentions_to")
FILTERS = MULTI_FILTERS + SINGLE_FILTERS
ORDERS = ("relevance", "date")


def _text(value: str, name: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise RequestError(f"{name} is {len(value):,} characters long; at most {limit:,} are allowed")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise RequestError(f"{name} contains control characters")
    return value


def _int(raw: str | None, name: str, default: int, lo: int, hi: int) -> int:
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise RequestError(f"{name} must be a whole number, not {raw[:40]!r}") from None
    if not lo <= value <= hi:
        raise RequestError(f"{name} must be between {lo:,} and {hi:,}, not {value:,}")
    return value


def _bool(raw: str | None, name: str) -> bool | None:
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise RequestError(f"{name} must be true or false, not {raw[:40]!r}")


@dataclass(frozen=True)
class SearchParams:
    """One search: the query, its accent rule, the filters, the order and the page."""

    q: str = ""
    exact: bool | None = None
    order: str = "relevance"
    filters: dict[str, Any] = field(default_factory=dict)
    limit: int = 20
    offset: int = 0

    @classmethod
    def from_query(cls, qp: QueryParams, *, paged: bool = True, limits: Limits = LIMITS,
                   max_limit: int | None = None) -> SearchParams:
        """Read ``q``, ``exact``, ``order``, the filters and either ``page``/``per_page`` (pages) or
        ``limit``/``offset`` (the API's names; ``max_limit``, default ``limits.per_page``, is also
        the default limit of exports); ``RequestError`` says what is wrong."""
        q = _text(qp.get("q", ""), "the query", limits.query_chars)
        exact = _bool(qp.get("exact"), "exact")
        order = (qp.get("order") or qp.get("sort") or "relevance").strip()
        if order not in ORDERS:
            raise RequestError(f"order must be one of {', '.join(ORDERS)}, not {order[:40]!r}")
        filters: dict[str, Any] = {}
        for name in MULTI_FILTERS:
            values = [_text(v, name, limits.value_chars) for v in qp.getlist(name)]
            values = list(dict.fromkeys(v for v in values if v))
            if len(values) > limits.values_per_filter:
                raise RequestError(f"at most {limits.values_per_filter} values of {name}")
            if values:
                filters[name] = values
        for name in SINGLE_FILTERS:
            values = [v for v in qp.getlist(name) if v.strip()]
            if len(values) > 1:
                raise RequestError(f"{name} takes one value, got {len(values)}")
            if values:
                filters[name] = _text(values[0], name, limits.value_chars)
        if paged:
            per_page = _int(qp.get("per_page"), "per_page", 20, 1, limits.per_page)
            last = limits.max_offset // per_page + 1
            page = _int(qp.get("page"), "page", 1, 1, last)
            limit, offset = per_page, (page - 1) * per_page
        else:
            hi = max_limit or limits.per_page
            limit = _int(qp.get("limit"), "limit", hi if max_limit else 20, 0, hi)
            offset = _int(qp.get("offset"), "offset", 0, 0, limits.max_offset)
        return cls(q=q, exact=exact, order=order, filters=filters, limit=limit, offset=offset)

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1 if self.limit else 1

    def search_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of :meth:`Archive.search` (without limit and offset)."""
        return {"exact": self.exact, "order": self.order, **self.filters}

    def pairs(self, **changes: Any) -> list[tuple[str, str]]:
        """The parameters as query-string pairs, with ``changes`` applied (None removes one)."""
        values: dict[str, Any] = {"q": self.q or None,
                                  "exact": None if self.exact is None else str(self.exact).lower(),
                                  "order": None if self.order == "relevance" else self.order,
                                  **self.filters,
                                  "per_page": None if self.limit == 20 else self.limit}
        values.update(changes)
        out: list[tuple[str, str]] = []
        for name, value in values.items():
            if value is None or value == "" or value == []:
                continue
            out += [(name, str(v)) for v in value] if isinstance(value, list | tuple) else [(name, str(value))]
        return out

    def url(self, path: str = "/search", **changes: Any) -> str:
        """This search's URL with ``changes`` (``page=2``, ``province=[...]``, ``province=None``)."""
        query = urlencode(self.pairs(**changes))
        return f"{path}?{query}" if query else path

    def url_without_filters(self) -> str:
        return self.url(**{name: None for name in self.filters})

    def has_year(self, year: str) -> bool:
        """Whether the search is narrowed to ``year`` (published from and to that year)."""
        return self.filters.get("published_from") == year == self.filters.get("published_to")

    def year_toggled(self, year: str) -> str:
        """The URL narrowed to the articles published in ``year``, or widened again when it is."""
        value = None if self.has_year(year) else year
        return self.url(published_from=value, published_to=value, page=None)

    def toggled(self, name: str, value: str) -> str:
        """The URL with ``value`` added to filter ``name``, or removed when it is already there."""
        current = self.filters.get(name)
        if name in MULTI_FILTERS:
            values = list(current or [])
            values = [v for v in values if v != value] if value in values else [*values, value]
            return self.url(**{name: values or None, "page": None})
        return self.url(**{name: None if current == value else value, "page": None})
