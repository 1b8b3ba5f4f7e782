"""HTML element → paragraphs, and the furniture rules that keep menus and forms out of them.

CMS bodies separate paragraphs with ``<p>``, ``<div>``, table cells and bare ``<br>`` runs, pad them
with ``&nbsp;`` and centre bylines with spaces; so a paragraph is any run of inline text between
block boundaries or line breaks, with whitespace collapsed.  Furniture is removed twice: by
selectors (profiles) and by text, because unclosed tags routinely pull the comment form or the
related-links list *inside* the body element.  Text rules are exact-line matches, never prefixes of
running text, so a sentence that starts with "Truyền thanh xã..." survives.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
)

__all__ = ["Line", "element_lines", "clean_lines", "normalize_ws", "is_stop_line", "is_furniture_line"]

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "input", "select", "textarea",
    "button", "option", "template", "head", "title", "meta", "link",
})
_SKIP_STRINGS = (Comment, Doctype, CData, ProcessingInstruction, Declaration)
_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\ufeff]+")


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (``&nbsp;`` and zero-width spaces included) to one space."""
    return _WS.sub(" ", text).strip()


@dataclass
class Line:
    """One paragraph of text, with the share of it that sat inside links (menus are all links)."""

    text: str
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def element_lines(el: Tag | BeautifulSoup) -> list[Line]:
    """The paragraphs of an element: text between block boundaries and ``<br>``s, whitespace collapsed."""
    lines: list[Line] = []
    parts: list[str] = []
    link_parts: list[str] = []

    def flush() -> None:
        text = normalize_ws("".join(parts))
        if text:
            link = len(normalize_ws("".join(link_parts)))
            lines.append(Line(text, min(link, len(text))))
        parts.clear()
        link_parts.clear()

    # iterative, not recursive: hundreds of unclosed <table><tr><td> nest that deep in real pages
    # frames: (children still to visit, inside a link, the element is a block)
    stack: list[tuple[Iterator[PageElement], bool, bool]] = [(iter(el.children), False, False)]
    while stack:
        children, in_link, _ = stack[-1]
        child = next(children, None)
        if child is None:
            if stack.pop()[2]:
                flush()
            continue
        if isinstance(child, NavigableString):
            if isinstance(child, _SKIP_STRINGS):
                continue
            parts.append(str(child))
            if in_link:
                link_parts.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in SKIP_TAGS:
            continue
        if name == "br":
            flush()
        elif name in BLOCK_TAGS:
            flush()
            stack.append((iter(child.children), in_link, True))
        else:
            stack.append((iter(child.children), in_link or name == "a", False))

    flush()
    return lines


# --- furniture by text ------------------------------------------------------------------------------

def _key(text: str) -> str:
    """Matching form of a short line: lower case, no trailing colon/asterisks/ellipsis."""
    return normalize_ws(re.sub(r"[\s:*.…»>|-]+$", "", text)).lower()


#: Lines that start the furniture after an article: everything from them on is dropped.
STOP_LINES = frozenset(_key(s) for s in (
    "Ý KIẾN BẠN ĐỌC VỀ BÀI VIẾT NÀY", "Ý kiến bạn đọc", "Gửi ý kiến", "Gửi ý kiến của bạn", "Ý kiến của bạn",
    "Bình luận", "Viết bình luận", "Gửi bình luận", "Bài cùng chuyên mục", "Tin cùng chuyên mục",
    "Các bài liên quan", "Bài liên quan", "Tin liên quan", "Các tin liên quan", "Các tin khác", "Tin khác", "Các tin đã đưa", "Những tin mới hơn", "Những tin cũ hơn",
    "Các bài đã đăng", "Bài viết liên quan", "Tin cùng chuyên mục",
    "Các bài khác", "Tin mới hơn", "Tin cũ hơn", "Tin đã đưa", "Xem thêm", "Quay lại", "Trở về", "Về đầu trang",
    "Quay lại Xem tiếp", "QuaylạiXem tiếp", "Quay lạiXem tiếp", "GIỚI THIỆU TẠP CHÍ IN", "VIDEO CLIPS",
    "VĂN BẢN MỚI", "BỘ PHẬN MỘT CỬA", "LIÊN KẾT WEBSITE", "Liên kết web", "Truyền thanh", "Tra cứu tạp chí in",
    "In bài", "In bài viết", "Gửi email", "Gửi bài viết", "Chia sẻ", "Bản in", "Tags", "Từ khóa",
))
_STOP_PATTERNS = (
    re.compile(r"^(quay lại|trở về|trở lại)\s*(xem tiếp|đầu trang)?$"),
    re.compile(r"^(in bài|gửi email|gửi bài|bản in)(\s*[|/]\s*(in bài|gửi email|gửi bài|bản in|chia sẻ))+$"),
)
#: Lines that are furniture wherever they stand (comment-form labels, counters, share prompts).
_FURNITURE_PATTERNS = (
    re.compile(r"^(họ và tên|họ tên|địa chỉ|email|e-mail|điện thoại|ý kiến của bạn|nội dung|mã bảo vệ|"
               r"mã xác nhận|tiêu đề)$"),
    re.compile(r"^[\s*:.|/\\_=~-]*$"),
    re.compile(r"^(lượt xem|số lượt xem|lượt đọc)\b.{0,20}$"),
    re.compile(r"^(chia sẻ|share|like|tweet)(\s+(facebook|zalo|twitter))*$"),
)


def is_stop_line(text: str) -> bool:
    key = _key(text)
    return key in STOP_LINES or any(p.match(key) for p in _STOP_PATTERNS)


def is_furniture_line(text: str) -> bool:
    key = _key(text)
    return any(p.match(key) for p in _FURNITURE_PATTERNS)


def clean_lines(lines: list[Line], *, max_link_density: float = 0.6) -> list[Line]:
    """Cut at the first stop line; drop form labels, link-dominated lines (menus, related lists)."""
    out: list[Line] = []
    for line in lines:
        if is_stop_line(line.text):
            break
        if is_furniture_line(line.text):
            continue
        if line.link_density > max_link_density:
            continue
        out.append(line)
    return out
