"""vnparty_nlp.lang: what the library knows about written Vietnamese, kept once for every layer.

The bottom of the package: it imports nothing else from vnparty_nlp, and every layer may import it.

- :mod:`~vnparty_nlp.lang.calendar`: weekday names, month words, dateline labels and the date forms
  Vietnamese pages print (``Thứ Tư, 08/04/2015, 08:11``, ``ngày 8 tháng 4 năm 2015``, ``(GMT+7)``...).
- :mod:`~vnparty_nlp.lang.places`: the provinces and centrally-run cities.
- :mod:`~vnparty_nlp.lang.bylines`: byline prefixes, academic and military ranks, the words that start
  an organisation or a role rather than a person's name, and the name pattern itself.
"""
from __future__ import annotations

from vnparty_nlp.lang.bylines import (
    BYLINE_PREFIXES,
    ORG_WORDS,
    PORTAL_WORDS,
    RANK_PREFIX,
    ROLE_WORDS,
    looks_like_person,
    name_case,
)
from vnparty_nlp.lang.calendar import (
    COPYRIGHT_WORDS,
    DATELINE_LABELS,
    MODIFIED_LABELS,
    MONTH_WORDS,
    TODAY_WORDS,
    WEEKDAYS,
    dateline_rest,
    find_date,
    parse_date,
)
from vnparty_nlp.lang.places import PLACE_WORDS, PROVINCES

__all__ = [
    "PROVINCES", "PLACE_WORDS",
    "WEEKDAYS", "MONTH_WORDS", "DATELINE_LABELS", "MODIFIED_LABELS", "TODAY_WORDS", "COPYRIGHT_WORDS",
    "find_date", "parse_date", "dateline_rest",
    "BYLINE_PREFIXES", "ORG_WORDS", "PORTAL_WORDS", "ROLE_WORDS", "RANK_PREFIX", "looks_like_person", "name_case",
]
