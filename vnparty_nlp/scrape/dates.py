"""Publication dates in the formats Vietnamese CMS pages print them, to ISO strings.

The forms themselves (``Thứ Năm, 21/05/2020 17:30 (GMT+7)``, ``ngày 21 tháng 5 năm 2020``...) are
language knowledge and live in :mod:`vnparty_nlp.lang.calendar`; this module keeps the scraper's names.
"""
from __future__ import annotations

from vnparty_nlp.lang.calendar import find_date, parse_date

__all__ = ["parse_date", "find_date"]
