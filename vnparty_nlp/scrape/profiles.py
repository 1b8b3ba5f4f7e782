"""Site profiles: where a known CMS layout keeps the title, date, body, author and links.

Profiles are plain data (CSS selectors) so a new site is a few lines, not code.  A profile applies
to a page when the page's host is one of its ``domains`` *or* the page carries its ``fingerprint``
markup: provincial and district portals are built on a handful of shared CMSs, so one layout
covers many hosts (and the test server on 127.0.0.1).  Pages that match no profile go to the
generic extractor.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SiteProfile", "PROFILES", "register", "profile_by_name"]


@dataclass(frozen=True)
class SiteProfile:
    """Selectors for one layout; every field is a tuple of CSS selectors tried in order.

    ``body`` selectors are *all* collected, in document order (a lead paragraph and the content
    often sit in sibling elements); the others take the first match.  ``drop`` removes furniture
    inside the body before text is read.  ``listing_links`` and ``next_page`` drive the crawler.
    """

    name: str
    domains: tuple[str, ...] = ()
    fingerprint: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    listing_links: tuple[str, ...] = ()
    next_page: tuple[str, ...] = ()


#: Furniture every profile drops from the body (scripts, forms, share bars, embedded players).
COMMON_DROP: tuple[str, ...] = (
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "input", "select", "textarea",
    "button", "label",
)

PROFILES: list[SiteProfile] = [
    # Party-building magazine layout (Tạp chí Xây dựng Đảng and CMS siblings): ASP.NET, a layout
    # table, "ArticleDetail" block, comment form and "Bài cùng chuyên mục" below the body.
    SiteProfile(
        name="party-magazine",
        domains=("xaydungdang.org.vn",),
        fingerprint=("div.ArticleDetail div.ArticleContent", "div.ListNews a.NewsTitle"),
        title=("h1.ArticleTitle", "div.ArticleTitle"),
        date=("div.ArticleDate", "span.ArticleDate"),
        body=("div.ArticleLead", "div.ArticleContent"),
        author=("div.ArticleAuthor", "p.author"),
        section=("div.ArticleCategory",),
        drop=("div.ArticleTool", "div.CommentBox", "div.OtherNews", "table.CommentForm", "div.BoxRight",
              "div.ShareBox"),
        listing_links=("div.ListNews a.NewsTitle", "div.ListNews h3 a", "div.TopNews a.NewsTitle"),
        next_page=("div.Paging a.next", "div.Paging a[rel=next]"),
    ),
    # District/provincial portal layout (Hải Dương-style portals: ninhgiang.haiduong.gov.vn...):
    # three-column layout table, "news-detail" block with a sapo and the content, related links,
    # "Quay lại / Xem tiếp", and sidebars (Truyền thanh, Văn bản mới, Bộ phận một cửa, Liên kết website).
    SiteProfile(
        name="district-portal",
        domains=("haiduong.gov.vn",),
        fingerprint=("div.news-detail div.news-content", "div.list-news a.title"),
        title=("div.news-detail .news-title", "h1.news-title"),
        date=("div.news-detail .news-date", "span.news-date"),
        body=("div.news-detail div.news-sapo", "div.news-detail div.news-content"),
        author=("div.news-detail .news-author",),
        section=("div.news-detail .cate-name",),
        drop=("div.related", "div.nav-buttons", "div.box-right", "div.tool-bar"),
        listing_links=("div.list-news a.title", "div.list-news h2 a"),
        next_page=("div.paging a.next",),
    ),
]


def register(profile: SiteProfile) -> None:
    """Add (or replace, by name) a profile; later registrations win over earlier ones."""
    PROFILES[:] = [p for p in PROFILES if p.name != profile.name]
    PROFILES.insert(0, profile)


def profile_by_name(name: str) -> SiteProfile | None:
    return next((p for p in PROFILES if p.name == name), None)
