"""robots.txt as RFC 9309 reads it, wildcards included, through Protego (Scrapy's parser).

``urllib.robotparser`` ignores ``*`` and ``$`` in paths, so ``Disallow: /*?print=`` allowed every print
view; Protego implements the RFC's longest-match rule with wildcards.  :class:`RobotsRules` keeps the
small interface the fetcher used (``parse``, ``can_fetch(agent, url)``, ``crawl_delay``,
``disallow_all``) and adds the ``Sitemap:`` lines discovery starts from.
"""
from __future__ import annotations

from collections.abc import Iterable

from protego import Protego

__all__ = ["RobotsRules"]


class RobotsRules:
    """One host's robots.txt.  Before :meth:`parse` (or with ``disallow_all``) it answers for itself."""

    def __init__(self, url: str = "") -> None:
        self.url = url
        self.disallow_all = False
        self._rules: Protego | None = None

    def parse(self, lines: Iterable[str]) -> None:
        self._rules = Protego.parse("\n".join(lines))

    def can_fetch(self, user_agent: str, url: str) -> bool:
        if self.disallow_all:
            return False
        return True if self._rules is None else bool(self._rules.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        delay = self._rules.crawl_delay(user_agent) if self._rules is not None else None
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> list[str]:
        return list(self._rules.sitemaps) if self._rules is not None else []
