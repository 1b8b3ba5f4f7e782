"""An article's metadata from any layout: structured data first, then what the page shows.

Sources, most trusted first: the site profile's selectors; JSON-LD (``NewsArticle`` and kin, ``@graph``
included); OpenGraph and ``article:*`` meta; microdata (``itemprop``); then the visible page: the
heading that matches the ``<title>`` or stands closest above the body, the dateline nearest after the
title (``Thứ Tư, 08/04/2015, 08:11``, ``Ngày đăng:`` | ``16/01/2015`` in two table cells, a dateline
typed in TCVN3 or VNI, an empty element a script fills from a timestamp), and byline elements or
labelled cells.  Furniture never gives a date or a title: headers ("today"), banners, menus, sidebars,
related-links lists, footers and copyright lines are skipped.  Bylines inside the body (top or
bottom) are read in :mod:`~vnparty_nlp.scrape.byline`, which also takes them off the body.
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from vnparty_nlp.lang.bylines import BANNER_WORDS, BYLINE_PREFIXES, PORTAL_WORDS, looks_like_person, name_case
from vnparty_nlp.lang.calendar import COPYRIGHT_WORDS, MODIFIED_LABELS, TODAY_WORDS, dateline_rest, parse_date
from vnparty_nlp.scrape.blocks import SKIP_TAGS, normalize_ws
from vnparty_nlp.scrape.encoding import normalize_text, tcvn3_to_unicode, vni_to_unicode

log = logging.getLogger(__name__)

__all__ = ["Metadata", "PageIndex", "extract_metadata", "is_furniture_element", "element_order"]

_VN = timezone(timedelta(hours=7))


@dataclass
class Metadata:
    """What a page says about its article; ``sources`` names where each field came from (for audits)."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    lead: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    site_name: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    #: the visible sapo element, if the lead came from one (the body may need it prepended)
    lead_element: Tag | None = field(default=None, repr=False)


# --- furniture --------------------------------------------------------------------------------------

_FURNITURE_TOKEN = re.compile(
    r"(?i)(^|[-_\s])(menu|nav|navbar|sidebar|side-bar|footer|banner|breadcrumbs?|duongdan|comments?|binhluan|"
    r"related|lienquan|tinkhac|tin-khac|othernews|other-news|other|box-related|most-read|docnhieu|share|social|"
    r"toolbar|quangcao|advert|ads|lienket|weblink|poll|counter|search|login|copyright|topmenu|top-bar|topbar|"
    r"box-?right|box-?left|colright|col-right|right-col|left-col|colleft|col-side|widget|vanban|right-box|"
    r"leftpane|rightpane|footerpane|bannerpane|menupane|site-title|site-name|logo|slogan|header-date|"
    r"current-time|date-today|today|issue-box|td-header|header-top|asset-links|print-header|print-footer|print-url|"
    r"ngay-hien-tai|ngayhientai|thoitiet|weather|hotline|tags?|keywords?|tukhoa|categor(y|ies)|cate-name|"
    r"cat-name|td-category|asset-categories)($|[-_\s])"
)
_HEADER_TOKEN = re.compile(r"(?i)(^|\s)(header|site-header|page-header-top|top|pagetop|page-top|masthead)($|\s)")
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "a", "select", "form-label", "button"})
_LIST_TAGS = frozenset({"li", "ul", "ol"})


def _attr_text(tag: Tag) -> str:
    parts = []
    for attr in ("class", "id"):
        val = tag.get(attr)
        if val:
            parts.append(" ".join(val) if isinstance(val, list) else str(val))
    return " ".join(parts)


def _own_furniture(node: Tag) -> bool:
    """The element itself (not its ancestors) is furniture."""
    if node.name in _FURNITURE_TAGS:
        return True
    attrs = _attr_text(node)
    if (node.name == "header" or _HEADER_TOKEN.search(attrs)) and node.find_parent("article") is None:
        return True
    if node.name in _LIST_TAGS and node.a is not None and (node.name == "li" or len(node.find_all("a", limit=2)) >= 2):
        return True
    return bool(_FURNITURE_TOKEN.search(attrs))


def is_furniture_element(el: Tag, stop: Tag | None = None, cache: dict[int, bool] | None = None) -> bool:
    """True if the element sits in page furniture: a link, a list of links, a header, menu, sidebar or footer.

    ``stop`` ends the climb (an element that holds the article, whose own classes do not count);
    ``cache`` remembers answers per element for the rest of the page (ancestors are shared).
    """
    path: list[Tag] = []
    node: Tag | None = el
    result = False
    while node is not None and node.name not in ("body", "html", "[document]") and node is not stop:
        if cache is not None and id(node) in cache:
            result = cache[id(node)]
            break
        path.append(node)
        if _own_furniture(node):
            result = True
            break
        node = node.parent if isinstance(node.parent, Tag) else None
    if cache is not None and stop is None:
        for p in path:
            cache[id(p)] = result
        # nodes below a furniture node are furniture; nodes of a clean climb are clean
    return result


def _is_decomposed(el: Tag) -> bool:
    # ``Tag.decomposed`` looks up ``_decomposed`` through ``Tag.__getattr__``, a subtree search per call
    return bool(el.__dict__.get("_decomposed", False))


@dataclass
class PageIndex:
    """Every element of a page in document order, walked once (bs4 searches re-walk the tree each time)."""

    elements: list[Tag]
    order: dict[int, int]
    classes: frozenset[str]
    furniture: dict[int, bool] = field(default_factory=dict)

    def is_furniture(self, el: Tag) -> bool:
        return is_furniture_element(el, cache=self.furniture)

    @classmethod
    def build(cls, soup: BeautifulSoup) -> PageIndex:
        elements = soup.find_all(True)
        classes: set[str] = set()
        for el in elements:
            val = el.attrs.get("class")
            if val:
                classes.update(val if isinstance(val, list) else str(val).split())
        return cls(elements, {id(el): i for i, el in enumerate(elements)}, frozenset(classes))

    def with_attr(self, attr: str, pattern: re.Pattern[str] | None = None) -> Iterator[Tag]:
        """Elements carrying ``attr`` (whose value matches ``pattern``, if given), in document order."""
        for el in self.elements:
            val = el.attrs.get(attr)
            if val is None:
                continue
            if pattern is None or pattern.search(" ".join(val) if isinstance(val, list) else str(val)):
                yield el

    def drop_removed(self) -> None:
        """Forget elements decomposed since the index was built (furniture cut out of the body)."""
        self.elements = [el for el in self.elements if not _is_decomposed(el)]

    def named(self, *names: str) -> Iterator[Tag]:
        return (el for el in self.elements if el.name in names)


def element_order(soup: BeautifulSoup) -> dict[int, int]:
    """Document position of every element (by ``id()``), to measure "after the title", "before the body"."""
    return PageIndex.build(soup).order


# --- structured data -----------------------------------------------------------------------------------

_ARTICLE_TYPES = ("newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle",
                  "opinionnewsarticle", "scholarlyarticle", "report", "backgroundnewsarticle")


def _json_objects(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type") or []
    return [str(x).lower() for x in (t if isinstance(t, list) else [t])]


def _names(value: Any) -> list[str]:
    """Names from a schema.org author/creator value: a string, a Person, a list of either."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.extend(s.strip() for s in re.split(r"\s*[,;]\s*|\s+và\s+", item) if s.strip())
        elif isinstance(item, dict) and "organization" not in _types(item):
            name = item.get("name")
            if isinstance(name, str):
                out.append(name.strip())
    return out


def _as_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return normalize_ws(str(value)) if value not in (None, "") else None


_LD_TYPE = re.compile(r"(?i)application/ld\+json")


def read_json_ld(index: PageIndex) -> dict[str, Any]:
    """Fields of the page's article object in JSON-LD (the first ``*Article`` object; a WebPage otherwise)."""
    objects: list[dict[str, Any]] = []
    for script in index.with_attr("type", _LD_TYPE):
        if script.name != "script":
            continue
        raw = script.string or script.get_text() or ""
        try:
            objects.extend(_json_objects(json.loads(raw)))
        except (json.JSONDecodeError, RecursionError):
            log.debug("JSON-LD block that does not parse skipped (%d chars)", len(raw))
    if not objects:
        return {}
    article = next((o for o in objects if any(t in _ARTICLE_TYPES for t in _types(o))), None)
    page = next((o for o in objects if "webpage" in _types(o)), None)
    site = next((o for o in objects if {"website", "organization", "newsmediaorganization"} & set(_types(o))), None)
    obj = article or page
    out: dict[str, Any] = {}
    if site and isinstance(site.get("name"), str):
        out["site_name"] = site["name"]
    if not obj:
        return out
    out["title"] = _as_text(obj.get("headline") or (obj.get("name") if article else None))
    out["published"] = _as_text(obj.get("datePublished") or obj.get("dateCreated"))
    out["modified"] = _as_text(obj.get("dateModified"))
    out["authors"] = _names(obj.get("author") or obj.get("creator") or [])
    out["section"] = _as_text(obj.get("articleSection"))
    kw = obj.get("keywords")
    out["tags"] = ([k.strip() for k in kw.split(",") if k.strip()] if isinstance(kw, str)
                   else [str(k).strip() for k in kw] if isinstance(kw, list) else [])
    out["lead"] = _as_text(obj.get("description"))
    out["language"] = _as_text(obj.get("inLanguage") or (page or {}).get("inLanguage"))
    main = obj.get("mainEntityOfPage")
    out["canonical"] = _as_text(obj.get("url") or (main.get("@id") if isinstance(main, dict) else main))
    return {k: v for k, v in out.items() if v}


def read_meta(index: PageIndex) -> dict[str, list[str]]:
    """Every ``<meta>`` content by lower-cased property/name/itemprop (and http-equiv), in page order."""
    out: dict[str, list[str]] = {}
    for el in index.named("meta"):
        content = el.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(str(key).lower(), []).append(normalize_ws(str(content)))
    return out


def _first_meta(meta: dict[str, list[str]], *names: str) -> str | None:
    for n in names:
        if meta.get(n):
            return meta[n][0]
    return None


_MICRODATA = ("headline", "datePublished", "dateModified", "author", "articleSection", "description")


def read_microdata(index: PageIndex) -> dict[str, Any]:
    """``itemprop`` values outside ``<meta>`` (which :func:`read_meta` reads): headline, dates, author."""
    out: dict[str, Any] = {}
    first: dict[str, Tag] = {}
    for el in index.with_attr("itemprop"):
        prop = str(el.attrs["itemprop"])
        if prop in _MICRODATA and prop not in first:
            first[prop] = el
    for prop, el in first.items():
        if el.name == "meta":
            continue
        if prop == "author":
            name_el = el.find(attrs={"itemprop": "name"})
            value = (name_el.get("content") if isinstance(name_el, Tag) and name_el.get("content") else
                     (name_el or el).get_text(" "))
        else:
            value = el.get("datetime") or el.get("content") or el.get_text(" ")
        value = normalize_ws(str(value))
        if value:
            out[prop] = value
    return out


# --- titles ------------------------------------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s+[-|–—:»>]+\s+|\s*[|»]\s*")
_TITLE_CLASS = re.compile(r"(?i)(title|tieude|tieu-de|tieu_de|headline|heading|ndtitle|subject|ten-?bai)")
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _similar(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer (1.0: one contains the other)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small & big) / max(len(big), 1) if len(small) < 0.5 * len(big) else len(small & big) / len(small)


def _is_portal_name(text: str, site_name: str | None) -> bool:
    low = text.lower().strip()
    if site_name and _similar(low, site_name) >= 0.8:
        return True
    return low.startswith(PORTAL_WORDS) or (text.isupper() and low.startswith(BANNER_WORDS))


def _title_refs(soup: BeautifulSoup, site_name: str | None) -> list[str]:
    """The ``<title>`` split at its separators, without the parts that name the site."""
    raw = normalize_ws(soup.title.get_text(" ")) if soup.title else ""
    if not raw:
        return []
    parts = [p for p in _TITLE_SPLIT.split(raw) if p.strip()]
    keep = [p for p in parts if not _is_portal_name(p, site_name)]
    return [p for p in keep if len(p.split()) >= 3]


def _strip_site(title: str, site_name: str | None) -> str:
    parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) > 1:
        keep = [p for p in parts if not _is_portal_name(p, site_name)]
        if keep:
            return max(keep, key=len)
    return title


def _heading_candidates(index: PageIndex) -> list[Tag]:
    out: list[Tag] = []
    for el in index.elements:
        name = el.name
        if name in ("h1", "h2", "h3") or (
            name in ("div", "span", "p", "td", "strong", "b", "font") and _TITLE_CLASS.search(_attr_text(el))
        ) or (name == "font" and str(el.get("size", "")).strip() in ("4", "5", "6", "+1", "+2", "+3")):
            out.append(el)
    return out


@dataclass
class _Heading:
    text: str
    el: Tag


def find_title(soup: BeautifulSoup, index: PageIndex, refs: list[str], structured: str | None, body: Tag | None,
               site_name: str | None) -> tuple[str | None, Tag | None, str]:
    """(title, its element, source): the visible heading matching the <title>/structured title, else the nearest one above the body."""
    order = index.order
    heads: list[_Heading] = []
    seen: set[str] = set()
    for el in _heading_candidates(index):
        text = normalize_ws(el.get_text(" "))
        if not (8 <= len(text) <= 300) or len(text.split()) < 3 or text in seen:
            continue
        if index.is_furniture(el) or _is_portal_name(text, site_name):
            continue
        if text.endswith((".", ":")) and len(text.split()) > 25:
            continue
        seen.add(text)
        heads.append(_Heading(text, el))
    targets = [t for t in ([structured] if structured else []) + refs if t]
    best: tuple[float, int, _Heading] | None = None
    for i, h in enumerate(heads):
        score = max((_similar(h.text, t) for t in targets), default=0.0)
        if score >= 0.7 and (best is None or score > best[0]):
            best = (score, -i, h)
    if best is not None:
        return best[2].text, best[2].el, "heading matching title"
    if structured:
        return structured, None, "structured"
    if heads and body is not None:
        body_pos = _first_text_position(body, order)
        before = [h for h in heads if order.get(id(h.el), 0) <= body_pos]
        if before:
            h = max(before, key=lambda h: order.get(id(h.el), 0))
            return h.text, h.el, "heading above body"
    if heads:
        return heads[0].text, heads[0].el, "first heading"
    if refs:
        return max(refs, key=len), None, "<title>"
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and normalize_ws(h1.get_text(" ")):
        return normalize_ws(h1.get_text(" ")), h1, "h1"
    return None, None, ""


def _first_text_position(body: Tag, order: dict[int, int]) -> int:
    """Position of the body's first paragraph of running text (a title inside the body container sits before it)."""
    for node in body.find_all(string=True):
        parent = node.parent
        if isinstance(parent, Tag) and parent.name not in SKIP_TAGS and len(normalize_ws(str(node))) >= 80:
            return order.get(id(parent), order.get(id(body), 0))
    return order.get(id(body), 0)


# --- datelines -----------------------------------------------------------------------------------------------

_HAS_YEAR = re.compile(r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)")
_HIGH = re.compile(r"[\u00a0-\u00ff]")
_INLINE = frozenset({"span", "font", "i", "em", "b", "strong", "small", "time", "label", "u", "sup", "sub", "a"})
_DATE_CLASS = re.compile(r"(?i)(date|time|ngay|thoigian|publish|posted|created|meta|dateline)")
_STAMP_ATTRS = ("data-time", "data-date", "data-timestamp", "data-publish", "data-published", "data-pubdate",
                "datetime", "data-datetime", "content", "title")
_SCRIPT_DATE = re.compile(
    r"(?i)[\"']?(?:publish\w*|pub_?date|post_?date|date_?published|created\w*)[\"']?\s*[:=]\s*[\"']([^\"']{8,40})[\"']"
)


@dataclass
class Dateline:
    iso: str
    text: str
    position: int
    modified: bool = False
    element: Tag | None = None
    near_title: bool = False


def _legacy_date(text: str) -> str | None:
    """A date in a dateline typed in a legacy font encoding that page decoding left as is."""
    if not _HIGH.search(text):
        return None
    for conv in (tcvn3_to_unicode, vni_to_unicode):
        iso = parse_date(normalize_text(conv(text)))
        if iso:
            return iso
    return None


def _dateline_text(node: NavigableString) -> tuple[str, Tag] | None:
    """The short line a date-bearing text node belongs to (a label cell joined to its value cell)."""
    el = node.parent if isinstance(node.parent, Tag) else None
    while el is not None and el.name in _INLINE and el.name != "a":
        parent = el.parent if isinstance(el.parent, Tag) else None
        if parent is None or len(normalize_ws(parent.get_text(" "))) > 160:
            break
        el = parent
    if el is None:
        return None
    text = normalize_ws(el.get_text(" "))
    if el.name in ("td", "th"):
        row = el.find_parent("tr")
        if isinstance(row, Tag):
            row_text = normalize_ws(row.get_text(" "))
            if len(row_text) <= 160:
                text = row_text
    if len(text) > 160:
        text = normalize_ws(str(node))
    return text, el


def _is_dateline(text: str) -> bool:
    low = text.lower()
    if any(w in low for w in TODAY_WORDS) or any(w in low for w in COPYRIGHT_WORDS):
        return False
    rest = dateline_rest(text)
    return len(rest.split()) <= 8 and len(rest) <= 70


def visible_datelines(soup: BeautifulSoup, index: PageIndex) -> list[Dateline]:
    """Every dateline-like short line outside the furniture, in document order."""
    order = index.order
    out: list[Dateline] = []
    root = soup.body or soup
    done: set[int] = set()
    for node in root.find_all(string=_HAS_YEAR):
        parent = node.parent
        if not isinstance(parent, Tag) or parent.name in SKIP_TAGS or isinstance(node, _SKIPPED):
            continue
        hit = _dateline_text(node)
        if hit is None:
            continue
        text, el = hit
        if id(el) in done:
            continue
        done.add(id(el))
        if not _is_dateline(text) or index.is_furniture(el):
            continue
        iso = parse_date(text) or _legacy_date(text)
        if iso:
            low = text.lower()
            out.append(Dateline(iso, text, order.get(id(el), 0), any(w in low for w in MODIFIED_LABELS), el))
    # empty date slots a script fills: the value sits in an attribute
    for el in index.with_attr("class", _DATE_CLASS):
        if normalize_ws(el.get_text(" ")) or index.is_furniture(el):
            continue
        for attr in _STAMP_ATTRS:
            iso = _stamp(str(el.get(attr) or ""))
            if iso:
                out.append(Dateline(iso, f"[{attr}]", order.get(id(el), 0), element=el))
                break
    out.sort(key=lambda d: d.position)
    return out


def _stamp(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit() and len(value) in (10, 13):
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        stamp = datetime.fromtimestamp(seconds, tz=UTC).astimezone(_VN)
        return stamp.strftime("%Y-%m-%dT%H:%M") if 1990 <= stamp.year <= 2100 else None
    return parse_date(value)


_SKIPPED: tuple[type, ...] = ()
try:  # bs4's comment-like strings are never visible
    from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction
    _SKIPPED = (Comment, Doctype, CData, ProcessingInstruction, Declaration)
except ImportError:  # pragma: no cover
    pass


def choose_dateline(lines: list[Dateline], title_pos: int | None, body_start: int | None,
                    body_end: int | None) -> Dateline | None:
    """The dateline nearest after the title (before the body's end); else the nearest just above it."""
    if not lines:
        return None
    end = body_end if body_end is not None else 10**9
    published = [d for d in lines if not d.modified] or lines
    if title_pos is not None:
        after = [d for d in published if title_pos <= d.position <= end]
        if after:
            return after[0]
        before = [d for d in published if title_pos - 12 <= d.position < title_pos and d.near_title]
        if before:
            return before[-1]
        return None
    if body_start is not None:
        near = [d for d in published if body_start - 40 <= d.position <= end]
        if near:
            return near[0]
        return None
    return published[0]


def script_date(index: PageIndex) -> str | None:
    """A publication date assigned in an inline script (``publishDate = '2021-09-14 10:05'``)."""
    for script in index.named("script"):
        text = script.string or ""
        if not text or script.get("src"):
            continue
        for m in _SCRIPT_DATE.finditer(text):
            iso = _stamp(m.group(1))
            if iso:
                return iso
    return None


def _merge_time(structured: str, visible: str | None) -> str:
    """A structured date without a time takes the time of the visible dateline of the same day."""
    if visible and "T" not in structured and visible.startswith(structured) and "T" in visible:
        return visible
    return structured


# --- authors ------------------------------------------------------------------------------------------------

_AUTHOR_CLASS = re.compile(r"(?i)(^|[-_\s])(author|tacgia|tac-gia|tac_gia|byline|writer|nguoiviet|nguoi-viet|"
                           r"article__author|post-author|td-post-author-name|vcard|ndauthor)($|[-_\s])")
_LABEL = re.compile(
    r"(?i)^(?:" + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
    + r"|tác giả bài viết|bởi)\s*:?\s*$"
)
_PREFIX = re.compile(
    r"(?i)^(?:" + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
    + r"|tác giả bài viết|bởi)\s*:?\s*"
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\s-\s|\s–\s|\svà\s|&)\s*")


def person_names(text: str) -> list[str]:
    """The persons' names in a byline text ("Bài và ảnh: THU HÀ - MINH ĐỨC" → two names)."""
    text = _PREFIX.sub("", normalize_ws(text)).strip(" .:()")
    names = []
    for part in _SPLIT_NAMES.split(text):
        part = part.strip(" .:()")
        if looks_like_person(name_case(part)) or looks_like_person(part):
            names.append(name_case(part))
        elif names:
            break  # a unit after the names: "Nguyễn Văn A - Trung tâm VH-TT"
    return names


def visible_authors(soup: BeautifulSoup, index: PageIndex) -> list[str]:
    """Names in byline elements (``class="author"``) or in the cell after a "Người viết:" label."""
    root = soup.body or soup
    for el in index.with_attr("class", _AUTHOR_CLASS):
        if index.is_furniture(el):
            continue
        inner = [d for d in el.find_all(True) if _AUTHOR_CLASS.search(_attr_text(d))]
        if inner:
            continue  # the innermost byline element speaks
        names = person_names(el.get_text(" "))
        if names:
            return names
    for node in root.find_all(string=_LABEL):
        cell = node.parent
        while isinstance(cell, Tag) and cell.name in _INLINE:
            cell = cell.parent
        if not isinstance(cell, Tag):
            continue
        sib = cell.find_next_sibling()
        if isinstance(sib, Tag):
            names = person_names(sib.get_text(" "))
            if names:
                return names
        rest = normalize_ws(str(node.next_sibling.get_text(" ") if isinstance(node.next_sibling, Tag) else ""))
        if rest:
            names = person_names(rest)
            if names:
                return names
    return []


# --- the rest ------------------------------------------------------------------------------------------------

def _language(index: PageIndex, meta: dict[str, list[str]], ld: dict[str, Any]) -> str | None:
    html_el = next(index.named("html"), None)
    candidates = [ld.get("language"), html_el.get("lang") if isinstance(html_el, Tag) else None,
                  _first_meta(meta, "og:locale", "content-language", "language", "dc.language")]
    for c in candidates:
        if c:
            code = re.split(r"[-_]", str(c).strip().lower())[0]
            if code.isalpha() and 2 <= len(code) <= 3:
                return code
    return None


_LEAD_CLASS = re.compile(r"(?i)(^|[-_\s])(sapo|lead|summary|tomtat|tom-tat|hometext|description|chapeau|"
                         r"news-sapo|article__sapo|ArticleLead|excerpt)($|[-_\s])")


def _visible_lead(index: PageIndex) -> tuple[str, Tag] | None:
    el = next(index.with_attr("class", _LEAD_CLASS), None)
    if isinstance(el, Tag) and not index.is_furniture(el):
        text = normalize_ws(el.get_text(" "))
        if 30 <= len(text) <= 1000:
            return text, el
    return None


_BREADCRUMB = re.compile(r"(?i)breadcrumb|duongdan")
_TAGS_CLASS = re.compile(r"(?i)(^|[-_\s])(tags?|td-tags|keywords?|tukhoa|taglib-asset-tags-summary)($|[-_\s])")


def _breadcrumb_section(index: PageIndex) -> str | None:
    el = next(index.with_attr("class", _BREADCRUMB), None)
    if not isinstance(el, Tag):
        return None
    items = [normalize_ws(a.get_text(" ")) for a in el.find_all("a")]
    items = [i for i in items if i and i.lower() not in ("trang chủ", "trang nhất", "home", "tin tức")]
    return items[-1] if items else None


def _visible_tags(index: PageIndex) -> list[str]:
    el = next(index.with_attr("class", _TAGS_CLASS), None)
    if not isinstance(el, Tag):
        return []
    return [t for t in (normalize_ws(a.get_text(" ")) for a in el.find_all("a")) if t and len(t) <= 60]


def extract_metadata(soup: BeautifulSoup, *, body: Tag | None = None, index: PageIndex | None = None,
                     profile_title: str | None = None, profile_date: str | None = None,
                     profile_author: list[str] | None = None, profile_section: str | None = None) -> Metadata:
    """Read every metadata field a page offers; see the module docstring for the order of trust."""
    index = index if index is not None else PageIndex.build(soup)
    index.drop_removed()
    order = index.order
    meta = read_meta(index)
    ld = read_json_ld(index)
    micro = read_microdata(index)
    md = Metadata()
    src = md.sources

    md.site_name = ld.get("site_name") or _first_meta(meta, "og:site_name", "application-name")
    structured_title = ld.get("title") or micro.get("headline") or _first_meta(meta, "og:title", "twitter:title")
    if structured_title:
        structured_title = _strip_site(structured_title, md.site_name)
    refs = _title_refs(soup, md.site_name)
    if profile_title:
        md.title, title_el, src["title"] = profile_title, None, "profile"
        title_el = _element_with_text(index, profile_title)
    else:
        md.title, title_el, src["title"] = find_title(soup, index, refs, structured_title, body, md.site_name)

    # dates
    lines = visible_datelines(soup, index)
    title_pos = order.get(id(title_el)) if title_el is not None else None
    body_start = _first_text_position(body, order) if body is not None else None
    body_end = _last_position(body, order) if body is not None else None
    if title_el is not None:
        near = {id(a) for a in list(title_el.parents)[:3] if a.name not in ("body", "html", "[document]")}
        for d in lines:
            d.near_title = d.element is not None and any(id(a) in near for a in list(d.element.parents)[:3])
    visible = choose_dateline(lines, title_pos, body_start, body_end)
    structured = ld.get("published") or _first_meta(
        meta, "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
        "dc.date.issued", "dcterms.created", "date") or micro.get("datePublished")
    published = profile_date
    if published:
        src["published"] = "profile"
    if not published and structured and parse_date(structured):
        published = _merge_time(parse_date(structured) or "", visible.iso if visible else None)
        src["published"] = "structured"
    if not published and visible:
        published, src["published"] = visible.iso, f"dateline: {visible.text}"
    if not published:
        published = script_date(index)
        if published:
            src["published"] = "script"
    md.published = published
    modified = ld.get("modified") or _first_meta(meta, "article:modified_time", "og:updated_time",
                                                 "datemodified", "dcterms.modified") or micro.get("dateModified")
    md.modified = parse_date(modified) if modified else None
    if md.modified is None:
        changed = next((d for d in lines if d.modified and d.iso != md.published), None)
        md.modified = changed.iso if changed else None

    # authors
    authors = list(profile_author or [])
    if authors:
        src["authors"] = "profile"
    for source, names in (("json-ld", ld.get("authors") or []), ("microdata", person_names(micro.get("author", ""))),
                          ("byline element", None)):
        if authors:
            break
        if names is None:
            names = visible_authors(soup, index)
        names = [name_case(n) for n in names if looks_like_person(name_case(n))]
        if names:
            authors, src["authors"] = names, source
    md.authors = authors

    md.section = (profile_section or ld.get("section") or _first_meta(meta, "article:section")
                  or micro.get("articleSection") or _breadcrumb_section(index))
    tags = meta.get("article:tag") or ld.get("tags") or _visible_tags(index) or []
    if not tags and _first_meta(meta, "news_keywords", "keywords"):
        tags = [t.strip() for t in (_first_meta(meta, "news_keywords", "keywords") or "").split(",") if t.strip()]
    md.tags = list(dict.fromkeys(normalize_text(t) for t in tags))
    visible_lead = _visible_lead(index)
    if visible_lead:
        md.lead, md.lead_element = visible_lead
    else:
        md.lead = ld.get("lead") or _first_meta(meta, "og:description", "description")
    md.language = _language(index, meta, ld)
    md.canonical_url = ld.get("canonical") if str(ld.get("canonical", "")).startswith("http") else None
    return md


def meta_authors(index: PageIndex) -> list[str]:
    """Persons named in ``<meta name=author>`` and kin (last resort: often an account or the site)."""
    meta = read_meta(index)
    for key in ("author", "article:author", "dc.creator", "twitter:creator"):
        for value in meta.get(key, []):
            if value.startswith("http"):
                continue
            names = person_names(value)
            if names:
                return names
    return []


def _last_position(body: Tag, order: dict[int, int]) -> int:
    last = body
    for el in body.find_all(True):
        last = el
    return order.get(id(last), order.get(id(body), 0))


def _element_with_text(index: PageIndex, text: str) -> Tag | None:
    for el in _heading_candidates(index):
        if normalize_ws(el.get_text(" ")) == text:
            return el
    return None
