"""Mapping tables for the pre-Unicode Vietnamese font encodings, kept as plain data.

Python ships a ``cp1258`` codec but nothing for TCVN3 (ABC) or VNI, which old provincial and
district sites still serve (text typed in ``.VnTime`` / ``VNI-Times`` fonts).  Both live in the
Windows-1252 byte space, so the tables map the characters a cp1252 reading produces.

* TCVN3: one byte per letter.  Only lower-case toned letters have codes; upper-case text used a
  second font (``.VnTimeH``) with the same codes, so its case cannot be recovered.
* VNI: a base letter followed by one "mark" character (``aø`` = à, ``aâ`` = â, ``aá`` = ấ), plus a
  few single characters (``ñ`` = đ, ``ô`` = ơ, ``ö`` = ư, ``ó`` = ĩ ...).
"""
from __future__ import annotations

# --- TCVN3 (TCVN 5712:1993, "ABC") -------------------------------------------------------------
# Rows: the plain letter, then its grave, hook, tilde, acute and dot-below forms as TCVN3 characters.
_TCVN3_ROWS: tuple[tuple[str, str], ...] = (
    # (unicode: plain + 5 tones, TCVN3 characters in the same order; "-" = the plain ASCII letter)
    ("aàảãáạ", "-µ¶·¸¹"),
    ("ăằẳẵắặ", "¨»¼½¾Æ"),
    ("âầẩẫấậ", "©ÇÈÉÊË"),
    ("eèẻẽéẹ", "-ÌÎÏÐÑ"),
    ("êềểễếệ", "ªÒÓÔÕÖ"),
    ("iìỉĩíị", "-×ØÜÝÞ"),
    ("oòỏõóọ", "-ßáâãä"),
    ("ôồổỗốộ", "«åæçèé"),
    ("ơờởỡớợ", "¬êëìíî"),
    ("uùủũúụ", "-ïñòóô"),
    ("ưừửữứự", "\xadõö÷øù"),
    ("yỳỷỹýỵ", "-úûüýþ"),
)

#: TCVN3 character (as read through cp1252/latin-1) -> Unicode letter
TCVN3: dict[str, str] = {
    "®": "đ",
    "§": "Đ",
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
}
for _uni, _tcvn in _TCVN3_ROWS:
    for _u, _t in zip(_uni, _tcvn, strict=True):
        if _t != "-":
            TCVN3[_t] = _u

# --- VNI-Windows -------------------------------------------------------------------------------
# Mark characters (lower-case forms; upper-case text uses the upper-case mark characters).
_TONES = "øûõùï"  # grave, hook, tilde, acute, dot below
# Base + tone, for the bases that take the tone directly.
_VNI_TONED: dict[str, str] = {
    "a": "àảãáạ",
    "e": "èẻẽéẹ",
    "o": "òỏõóọ",
    "u": "ùủũúụ",
    "y": "ỳỷỹýỵ",
    "ô": "ờởỡớợ",  # VNI "ô" is the letter ơ
    "ö": "ừửữứự",  # VNI "ö" is the letter ư
}
# Base + combined (hat/breve and tone) mark.
_VNI_HAT: dict[str, dict[str, str]] = {
    # circumflex: plain, grave, hook, tilde, acute, dot
    "a": dict(zip("âàåãáä", "âầẩẫấậ", strict=True)),
    "e": dict(zip("âàåãáä", "êềểễếệ", strict=True)),
    "o": dict(zip("âàåãáä", "ôồổỗốộ", strict=True)),
}
_VNI_BREVE: dict[str, str] = dict(zip("êèúüéë", "ăằẳẵắặ", strict=True))
# Letters that VNI writes with one character.
_VNI_SINGLE: dict[str, str] = {
    "ñ": "đ",
    "Ñ": "Đ",
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ì": "ì",
    "Ì": "Ì",
    "í": "í",
    "Í": "Í",
    "æ": "ỉ",
    "Æ": "Ỉ",
    "ó": "ĩ",
    "Ó": "Ĩ",
    "ò": "ị",
    "Ò": "Ị",
    "î": "ỵ",
    "Î": "Ỵ",
}


def _build_vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for base, forms in _VNI_TONED.items():
        for tone, out in zip(_TONES, forms, strict=True):
            pairs[base + tone] = out
            pairs[base.upper() + tone.upper()] = out.upper()
    for base, marks in _VNI_HAT.items():
        for mark, out in marks.items():
            pairs[base + mark] = out
            pairs[base.upper() + mark.upper()] = out.upper()
    for mark, out in _VNI_BREVE.items():
        pairs["a" + mark] = out
        pairs["A" + mark.upper()] = out.upper()
    return pairs


#: VNI two-character sequences (base + mark, as read through cp1252) -> Unicode letter
VNI_PAIRS: dict[str, str] = _build_vni_pairs()
#: VNI single characters -> Unicode letter (applied after the pairs)
VNI_SINGLE: dict[str, str] = dict(_VNI_SINGLE)

__all__ = ["TCVN3", "VNI_PAIRS", "VNI_SINGLE"]
