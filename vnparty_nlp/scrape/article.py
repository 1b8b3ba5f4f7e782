"""HTML page → :class:`Article`: title, date, author and the body paragraphs, without page furniture.

Known layouts are read with their :mod:`~vnparty_nlp.scrape.profiles`; anything else goes to a
generic extractor that scores containers by the running text they hold (a small readability).  In
both cases the furniture rules of :mod:`~vnparty_nlp.scrape.blocks` run on the result, because
broken markup puts comment forms and related-link lists inside the body element.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from vnparty_nlp.lang.calendar import dateline_rest
from vnparty_nlp.scrape.blocks import (
    SKIP_TAGS,
    Line,
    clean_lines,
    element_lines,
    is_furniture_line,
    is_stop_line,
    normalize_ws,
)
from vnparty_nlp.scrape.byline import parse_author, split_byline, split_top_byline
from vnparty_nlp.scrape.dates import parse_date
from vnparty_nlp.scrape.encoding import decode_bytes, normalize_text
from vnparty_nlp.scrape.metadata import PageIndex, extract_metadata, meta_authors, person_names
from vnparty_nlp.scrape.profiles import COMMON_DROP, PROFILES, SiteProfile
from vnparty_nlp.scrape.urls import host_of, normalize_url, resolve

log = logging.getLogger(__name__)

__all__ = ["Article", "parse_article", "is_article_page", "parse_html", "choose_profile", "canonical_url_of"]


@dataclass
class Article:
    """One article as the rest of the pipeline sees it.  ``text`` is the paragraphs joined by blank lines.

    ``published`` and ``modified`` are ISO (``2020-05-21T17:30`` or ``2020-05-21``, Vietnam time) or
    None; ``author`` is the first person named in the byline (None for a source credit, which goes to
    ``credit``) and ``authors`` all of them; ``lead`` is the summary the page gives (also the first
    paragraph when it is shown above the body); ``language`` an ISO 639 code; ``layout`` names the
    site profile used, or "generic"; ``metadata_sources`` says where each field was read (an audit
    trail: "structured", "dateline: Thứ Tư, 08/04/2015, 08:11", "byline element"...); ``warc_file`` and
    ``warc_offset`` point to the WARC record the page was read from (crawls with a WARC directory, and
    :func:`~vnparty_nlp.scrape.warc.iter_warc_articles`).
    """

    url: str
    canonical_url: str
    site: str
    title: str | None
    published: str | None
    author: str | None
    paragraphs: list[str] = field(default_factory=list)
    section: str | None = None
    credit: str | None = None
    layout: str = "generic"
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    lead: str | None = None
    language: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    metadata_sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the whitespace-normalized body: the same story at two URLs hashes the same."""
        body = "\n".join(normalize_ws(p) for p in self.paragraphs)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "section": self.section,
            "credit": self.credit,
            "layout": self.layout,
            "modified": self.modified,
            "authors": list(self.authors),
            "tags": list(self.tags),
            "lead": self.lead,
            "language": self.language,
            "warc_file": self.warc_file,
            "warc_offset": self.warc_offset,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        paragraphs = data.get("paragraphs")
        if paragraphs is None:
            paragraphs = [p for p in (data.get("text") or "").split("\n\n") if p.strip()]
        return cls(
            url=data["url"], canonical_url=data.get("canonical_url") or data["url"], site=data.get("site", ""),
            title=data.get("title"), published=data.get("published"), author=data.get("author"),
            paragraphs=list(paragraphs), section=data.get("section"), credit=data.get("credit"),
            layout=data.get("layout", "generic"), modified=data.get("modified"),
            authors=list(data.get("authors") or ([data["author"]] if data.get("author") else [])),
            tags=list(data.get("tags") or []), lead=data.get("lead"), language=data.get("language"),
            warc_file=data.get("warc_file"), warc_offset=data.get("warc_offset"),
        )


# --- helpers ------------------------------------------------------------------------------------------

def parse_html(html: str | bytes) -> BeautifulSoup:
    """Parse with lxml (fast, forgiving with unclosed tags and cut-off pages)."""
    if isinstance(html, bytes):
        html = decode_bytes(html)
    return BeautifulSoup(html, "lxml")


def _text(el: Tag | None) -> str | None:
    if el is None:
        return None
    text = normalize_ws(el.get_text(" "))
    return text or None


def _possible(selectors: tuple[str, ...], index: PageIndex | None) -> tuple[str, ...]:
    """The selectors whose classes all occur in the page (the others cannot match; CSS matching is slow)."""
    if index is None:
        return selectors
    return tuple(sel for sel in selectors if set(_SELECTOR_CLASS.findall(sel)) <= index.classes)


def _first(soup: BeautifulSoup | Tag, selectors: tuple[str, ...], index: PageIndex | None = None) -> Tag | None:
    """The first element (in document order) matching any selector: one pass over the tree."""
    selectors = _possible(selectors, index)
    if not selectors:
        return None
    return soup.select_one(", ".join(selectors))


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """Content of the first ``<meta>`` whose property/name/itemprop is one of ``names`` (one tree pass)."""
    wanted = {n.lower(): i for i, n in enumerate(names)}
    best: tuple[int, str] | None = None
    for el in soup.find_all("meta"):
        if not isinstance(el, Tag) or not el.get("content"):
            continue
        for attr in ("property", "name", "itemprop"):
            key = str(el.get(attr) or "").lower()
            if key in wanted and (best is None or wanted[key] < best[0]):
                best = (wanted[key], normalize_ws(str(el["content"])))
    return best[1] if best else None


_SELECTOR_CLASS = re.compile(r"\.([\w-]+)")


def choose_profile(soup: BeautifulSoup, url: str, index: PageIndex | None = None) -> SiteProfile | None:
    """The profile whose domain matches the URL, else the first whose fingerprint is in the page.

    With the page's ``index``, a fingerprint whose classes the page does not use is ruled out
    without running the CSS selector (the selector engine is the costly part).
    """
    host = host_of(url)
    for prof in PROFILES:
        if any(host == d or host.endswith("." + d) for d in prof.domains):
            return prof
    for prof in PROFILES:
        if not prof.fingerprint:
            continue
        selectors = prof.fingerprint
        if index is not None:
            selectors = tuple(sel for sel in selectors if set(_SELECTOR_CLASS.findall(sel)) <= index.classes)
        if selectors and soup.select_one(", ".join(selectors)) is not None:
            return prof
    return None


def canonical_url_of(soup: BeautifulSoup, url: str) -> str:
    """``<link rel=canonical>`` or ``og:url`` resolved against the page URL; the URL itself otherwise."""
    link = soup.find("link", rel=lambda v: v is not None and "canonical" in (v if isinstance(v, list) else [v]))
    href = link.get("href") if isinstance(link, Tag) else None
    if not href:
        href = _meta(soup, "og:url")
    resolved = resolve(url, str(href)) if href else None
    own = normalize_url(url)
    if resolved and urlsplit(resolved)[2:4] == ("/", "") and urlsplit(own)[2:4] != ("/", ""):
        # portals that point every article at their home page: that is not this page's address
        log.debug("ignoring rel=canonical %s of %s: it names the site's home page", resolved, url)
        return own
    return resolved or own


_TITLE_SPLIT = re.compile(r"\s+[-|–—:]\s+")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    return normalize_ws(title) or None


def _title_from_head(soup: BeautifulSoup) -> str | None:
    """The ``<title>`` without the site name that CMSs append (" - Tạp chí ..." / " | Cổng TTĐT ...")."""
    raw = _text(soup.title)
    if not raw:
        return None
    parts = _TITLE_SPLIT.split(raw)
    return max(parts, key=len) if len(parts) > 1 else raw


# --- generic extraction ---------------------------------------------------------------------------------

_CONTAINERS = frozenset({"div", "td", "article", "section", "main", "body", "form", "center", "table", "tbody",
                         "tr", "blockquote"})
_PARAGRAPHS = frozenset({"p", "li", "h2", "h3", "h4", "blockquote", "font", "span", "em", "strong", "b", "i"})
_FURNITURE_ATTR = re.compile(
    r"(?i)(^|[-_\s])(menu|nav|navbar|sidebar|side-bar|footer|banner|breadcrumb|comment|binhluan|related|"
    r"lienquan|tinkhac|othernews|other-news|share|social|toolbar|quangcao|advert|ads|lienket|weblink|poll|"
    r"search|login|copyright|header|topmenu|box-?right|box-?left|colright|col-right|right-col|left-col)"
)


def _container_of(tag: Tag) -> Tag | None:
    node: Tag | None = tag
    while node is not None and node.name not in _CONTAINERS:
        node = node.parent if isinstance(node.parent, Tag) else None
    return node


def _is_furniture_container(tag: Tag) -> bool:
    for attr in ("class", "id"):
        val = tag.get(attr)
        if not val:
            continue
        text = " ".join(val) if isinstance(val, list) else str(val)
        if _FURNITURE_ATTR.search(text):
            return True
    return False


def _generic_lines(soup: BeautifulSoup) -> tuple[Tag | None, list[Line]]:
    """The container that holds the most running (non-link) text, readability-style, and its lines."""
    root = soup.body or soup
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for node in root.find_all(string=True):
        parent = node.parent
        if not isinstance(parent, Tag) or parent.name in SKIP_TAGS:
            continue
        text = normalize_ws(str(node))
        if len(text) < 25:
            continue
        if parent.find_parent("a") is not None or parent.name == "a":
            continue
        container = _container_of(parent)
        if container is None:
            continue
        points = len(text) + 10 * text.count(",")
        for weight in (1.0, 0.5):
            if container is None:
                break
            key = id(container)
            tags[key] = container
            scores[key] = scores.get(key, 0.0) + points * weight
            up = container.parent if isinstance(container.parent, Tag) else None
            container = _container_of(up) if up is not None else None
    if not scores:
        return None, []
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:8]
    best: Tag | None = None
    best_score = -1.0
    for key in ranked:
        tag = tags[key]
        if _is_furniture_container(tag) or any(_is_furniture_container(a) for a in tag.parents if a.name != "body"
                                                and a.name != "html" and a.name != "[document]"):
            continue
        lines = element_lines(tag)
        total = sum(len(ln.text) for ln in lines) or 1
        link = sum(ln.link_chars for ln in lines)
        adjusted = scores[key] * (1 - link / total)
        if adjusted > best_score:
            best, best_score = tag, adjusted
    if best is None:
        best = tags[ranked[0]]
    return best, element_lines(best)


# --- profile extraction ------------------------------------------------------------------------------------

def _profile_lines(soup: BeautifulSoup, prof: SiteProfile, index: PageIndex | None = None
                   ) -> tuple[Tag | None, list[Line]]:
    found: list[Tag] = []
    for sel in _possible(prof.body, index):
        for el in soup.select(sel):
            if not any(el is f or f in el.parents for f in found):
                found = [f for f in found if el not in f.parents]
                found.append(el)
    if not found:
        return None, []
    drop_tags = frozenset(COMMON_DROP)  # plain tag names: found without the CSS engine
    drop = ", ".join(_possible(prof.drop, index))
    for el in found:
        for junk in [d for d in el.find_all(True) if d.name in drop_tags]:
            if not junk.__dict__.get("_decomposed", False):  # not .decomposed: a tree search per call
                junk.decompose()
        if drop:
            for junk in el.select(drop):
                junk.decompose()
    # document order: sourceline is set by lxml for every element
    found.sort(key=lambda t: (t.sourceline or 0, t.sourcepos or 0))
    lines: list[Line] = []
    for el in found:
        lines.extend(element_lines(el))
    return found[0], lines


# --- assembly -------------------------------------------------------------------------------------------

def _is_date_line(text: str) -> bool:
    """A dateline ("Thứ Tư, 08/04/2015, 08:11", "Cập nhật: 08/04/2015") at the head of a container."""
    return len(text) < 100 and parse_date(text) is not None and len(dateline_rest(text).split()) <= 3


def _trim_head(lines: list[str], title: str | None, section: str | None) -> list[str]:
    """Drop the title, section and date lines a generic container may start with."""
    drop = {normalize_ws(t).lower() for t in (title, section) if t}
    out = list(lines)
    while out and (out[0].lower() in drop or _is_date_line(out[0])):
        out.pop(0)
    return out


_MIN_ARTICLE_CHARS = 200


def is_article_page(article: Article, prof: SiteProfile | None) -> bool:
    """Whether a parsed page is an article (not a listing): the crawler and the WARC reader agree on it."""
    if not article.paragraphs:
        return False
    if prof is not None:
        # a known layout: only pages with the layout's article body are articles (not its listings)
        return article.layout == prof.name
    return len(article.paragraphs) >= 2 and len(article.text) >= _MIN_ARTICLE_CHARS


def _profile_date(soup: BeautifulSoup, prof: SiteProfile | None, index: PageIndex | None = None) -> str | None:
    return parse_date(_text(_first(soup, prof.date, index))) if prof else None


def parse_article(html: str | bytes, url: str, *, profile: SiteProfile | None = None,
                  use_profiles: bool = True) -> Article:
    """Extract the article of an HTML page (``str``, or ``bytes`` in any encoding).

    Never raises on bad markup: a page cut in the middle gives the paragraphs that arrived; a page
    with no article gives an Article with no paragraphs.  ``use_profiles=False`` forces the generic
    extractor (to measure it, or when a profile misfires).  Metadata come from
    :func:`~vnparty_nlp.scrape.metadata.extract_metadata` (structured data, then the visible page).
    """
    soup = parse_html(html)
    index = PageIndex.build(soup)
    prof = profile or (choose_profile(soup, url, index) if use_profiles else None)
    layout = prof.name if prof else "generic"

    profile_title = _clean_title(_text(_first(soup, prof.title, index))) if prof else None
    profile_section = _text(_first(soup, prof.section, index)) if prof else None
    author_el = _first(soup, prof.author, index) if prof else None
    profile_author = parse_author(_text(author_el) or "") if author_el is not None else None
    profile_date = _profile_date(soup, prof, index)
    canonical = canonical_url_of(soup, url)

    body, lines = _profile_lines(soup, prof, index) if prof else (None, [])
    if prof and not lines:
        log.debug("%s: profile %s found no body; using the generic extractor", url, prof.name)
        layout = "generic"
    if not lines:
        body, lines = _generic_lines(soup)
    md = extract_metadata(soup, body=body, index=index, profile_title=profile_title, profile_date=profile_date,
                          profile_author=[profile_author] if profile_author else None,
                          profile_section=profile_section)
    title, section = md.title, md.section
    md.sources["profile"] = prof.name if prof else ""
    paragraphs = [normalize_text(ln.text) for ln in clean_lines(lines)]
    paragraphs = _trim_head(paragraphs, title, section)
    paragraphs = [p for p in paragraphs if not is_furniture_line(p) and not is_stop_line(p)]
    paragraphs, top_author = split_top_byline(paragraphs)
    paragraphs = _trim_head(paragraphs, title, section)
    if md.lead_element is not None and body is not None and not _inside(md.lead_element, body):
        lead = normalize_text(md.lead or "")
        if lead and normalize_ws(lead) not in {normalize_ws(p) for p in paragraphs[:3]}:
            paragraphs.insert(0, lead)  # the sapo shown between the title and the body is the article's
    paragraphs, byline = split_byline(paragraphs)
    authors = md.authors
    if not authors:
        for source, names in (("top byline", [top_author] if top_author else []),
                              ("closing byline", [byline.author] if byline.author else []),
                              ("closing byline", person_names(byline.credit) if byline.credit else []),
                              ("meta author", meta_authors(index))):
            if names:
                authors = names
                md.sources["authors"] = source
                break
    return Article(
        url=normalize_url(url),
        canonical_url=canonical,
        site=host_of(canonical) or host_of(url),
        title=normalize_text(title) if title else None,
        published=md.published,
        author=authors[0] if authors else None,
        paragraphs=paragraphs,
        section=normalize_text(section) if section else None,
        credit=byline.credit,
        layout=layout,
        modified=md.modified,
        authors=authors,
        tags=md.tags,
        lead=normalize_text(md.lead) if md.lead else None,
        # a FrontPage page says "en-us" whatever it holds: the text outvotes the declaration
        language="vi" if _looks_vietnamese(paragraphs) else md.language,
        metadata_sources=md.sources,
    )


def _inside(el: Tag, container: Tag) -> bool:
    return el is container or any(parent is container for parent in el.parents)


_VI_MARKS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def _looks_vietnamese(paragraphs: list[str]) -> bool:
    sample = " ".join(paragraphs)[:2000].lower()
    return len(_VI_MARKS.findall(sample)) >= 0.03 * max(len(sample), 1) > 0
