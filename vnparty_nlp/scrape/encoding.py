"""Bytes → NFC text for Vietnamese pages, whatever encoding they were written in.

Government sites serve UTF-8, Windows-1258 (whose Vietnamese is *decomposed*: base letter + combining
tone), mislabelled Windows-1252, and text typed in the legacy TCVN3 (ABC) or VNI font encodings, which
browsers only render right because the page asks for a ``.VnTime`` or ``VNI-Times`` font.  Headers and
``<meta>`` tags are often wrong, so a declaration is a hint that the bytes must confirm.  Output is always
NFC; binary data raises :class:`NotTextError` instead of turning into mojibake.
"""
from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from vnparty_nlp.scrape.legacy_tables import TCVN3, VNI_PAIRS, VNI_SINGLE

log = logging.getLogger(__name__)

__all__ = [
    "NotTextError",
    "Decoded",
    "decode_bytes",
    "decode_document",
    "sniff_binary",
    "sniff_meta_charset",
    "fix_legacy",
    "normalize_text",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]


class NotTextError(ValueError):
    """The bytes are not text in any encoding we know (binary data, a PDF, an image...)."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was decoded (``encoding`` plus ``legacy`` = "tcvn3"/"vni" if converted)."""

    text: str
    encoding: str
    legacy: str | None = None


# --- character classes -------------------------------------------------------------------------

def _vietnamese_letters() -> frozenset[str]:
    letters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZđĐ")
    for base in "aăâeêioôơuưy":
        for mark in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"):
            ch = unicodedata.normalize("NFC", base + mark)
            letters.add(ch)
            letters.add(ch.upper())
    return frozenset(letters)


VIETNAMESE_LETTERS = _vietnamese_letters()
#: letters that only exist beyond Latin-1: seeing one proves the text is real Unicode Vietnamese
_UNICODE_ONLY = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) > 0xFF)
_COMBINING_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_HIGH_LATIN1 = re.compile(r"[\u00a1-\u00ff]")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (DOC/XLS)"),
    (b"\x1f\x8b", "gzip data"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"RIFF", "a RIFF file (WEBP/WAV/AVI)"),
    (b"\x00\x00\x00", "binary data"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_NAMES = {
    "tcvn3": "tcvn3", "tcvn": "tcvn3", "tcvn-3": "tcvn3", "tcvn5712": "tcvn3", "tcvn-5712": "tcvn3",
    "vn3": "tcvn3", "abc": "tcvn3", "x-viet-tcvn5712": "tcvn3",
    "vni": "vni", "vni-windows": "vni", "x-viet-vni": "vni",
}
#: declarations that say nothing useful about Vietnamese text (legacy pages hide behind them)
_WEAK_DECLARATIONS = {"cp1252", "latin_1", "iso8859-1", "ascii", "iso8859-15"}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def sniff_binary(data: bytes) -> str | None:
    """Name what binary data looks like ("a PDF document"), or None if it may be text."""
    head = data[:4096]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    if head and controls / len(head) > 0.02:
        return "binary data (control bytes)"
    return None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in its first 4 KB (``<meta charset>`` / http-equiv)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _canonical_encoding(name: str | None) -> str | None:
    """Python codec name for a declared charset, "tcvn3"/"vni" for the legacy ones, None if unknown."""
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    if key in _LEGACY_NAMES:
        return _LEGACY_NAMES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        log.debug("unknown declared charset %r", name)
        return None


# --- legacy font encodings ----------------------------------------------------------------------

_TCVN3_TABLE = str.maketrans(TCVN3)
_VNI_KEYS = sorted({**VNI_PAIRS, **VNI_SINGLE}, key=len, reverse=True)
_VNI_RE = re.compile("|".join(re.escape(k) for k in _VNI_KEYS))
_VNI_MAP = {**VNI_SINGLE, **VNI_PAIRS}


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text, as read through cp1252/latin-1, to Unicode."""
    return text.translate(_TCVN3_TABLE)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text, as read through cp1252/latin-1, to Unicode (one pass, pairs first)."""
    return _VNI_RE.sub(lambda m: _VNI_MAP[m.group(0)], text)


_CP1252_LENIENT = "".join(
    (bytes([b]).decode("cp1252", "ignore") or chr(b)) for b in range(256)
)


def _decode_cp1252_lenient(data: bytes) -> str:
    """cp1252 where it is defined, latin-1 for its five holes: never fails, one char per byte."""
    return data.decode("latin-1").translate({i: _CP1252_LENIENT[i] for i in range(0x80, 0xA0)})


_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEUS = (
    "(?:uyê|uya|uyu|iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|"
    "ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
)
_SYLLABLE = re.compile(f"{_ONSET}{_NUCLEUS}(?:ch|ng|nh|[cmnpt])?")
_WORD = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]+")
_TONE_STRIP = {ord(c): None for c in _COMBINING_TONES}


def _is_syllable(word: str) -> bool:
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONE_STRIP))
    return _SYLLABLE.fullmatch(bare) is not None


def _score(text: str) -> int:
    """How Vietnamese the non-ASCII part of a text looks.

    +1 per non-ASCII word that is a well-formed Vietnamese syllable, -1 per one that is not, -2 per
    stray Latin-1 symbol or C1 control (the tell-tale of a legacy encoding read as cp1252).
    """
    text = unicodedata.normalize("NFC", text)
    score = 0
    for ch in text:
        if ("\u00a1" <= ch <= "\u00ff" or "\x80" <= ch <= "\x9f") and ch not in VIETNAMESE_LETTERS:
            score -= 2
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        score += 1 if _is_syllable(word) else -1
    return score


def _valid_words(text: str) -> int:
    """Non-ASCII words of two letters or more that are well-formed Vietnamese syllables."""
    return sum(1 for w in _WORD.findall(unicodedata.normalize("NFC", text))
               if len(w) > 1 and not w.isascii() and _is_syllable(w))


def _convert_line(line: str) -> tuple[str, str | None, int]:
    """Best legacy reading of one line: (text, "tcvn3"/"vni"/None, score gain)."""
    if not _HIGH_LATIN1.search(line) or any(ch in _UNICODE_ONLY or ch in _COMBINING_TONES for ch in line):
        return line, None, 0
    base = _score(line)
    words = _valid_words(line)
    best, kind, gain = line, None, 0
    for name, conv in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        out = conv(line)
        g = _score(out) - base
        # a symbol turning into a letter ("©" -> "â") is no evidence: real words must appear
        if g > gain and _valid_words(out) > words:
            best, kind, gain = out, name, g
    return best, kind, gain


def fix_legacy(text: str, *, force: str | None = None, min_gain: int = 6) -> tuple[str, str | None]:
    """Convert the TCVN3 or VNI parts of a text; returns (text, "tcvn3"/"vni"/None).

    Works line by line because real pages mix a Unicode template with a legacy-font body.  A line
    is converted only if it has no letter that exists only in Unicode, and only if converting makes
    it look more Vietnamese; the whole document must gain at least ``min_gain`` (so one stray ``©``
    in a footer is not "fixed").  ``force`` converts every eligible line with the named table.
    """
    if force in ("tcvn3", "vni"):
        conv = tcvn3_to_unicode if force == "tcvn3" else vni_to_unicode
        return "\n".join(
            line if any(ch in _UNICODE_ONLY for ch in line) else conv(line) for line in text.split("\n")
        ), force
    if not _HIGH_LATIN1.search(text):
        return text, None
    lines = text.split("\n")
    out: list[str] = []
    total = 0
    kinds: dict[str, int] = {}
    for line in lines:
        new, kind, gain = _convert_line(line)
        out.append(new)
        if kind:
            total += gain
            kinds[kind] = kinds.get(kind, 0) + gain
    if total < min_gain:
        return text, None
    kind = max(kinds, key=kinds.__getitem__)
    log.debug("legacy font encoding %s detected (gain %d)", kind, total)
    return "\n".join(out), kind


def normalize_text(text: str) -> str:
    """NFC, with the Icelandic Ð (U+00D0) some sites use for Đ folded to Đ (U+0110)."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110")


# --- decoding -------------------------------------------------------------------------------------

def _textiness(text: str) -> float:
    """Share of characters that plausibly belong to a text (letters, digits, spaces, punctuation)."""
    if not text:
        return 1.0
    sample = text[:20000]
    good = 0
    for ch in sample:
        if ch in VIETNAMESE_LETTERS or ch.isspace() or ch in _COMBINING_TONES:
            good += 1
        elif ch < "\x80" and ch.isprintable():
            good += 1
        elif unicodedata.category(ch)[0] in "LNP" and ch != "\ufffd":
            good += 0.5
    return good / len(sample)


def _single_byte_candidates(data: bytes, declared: str | None) -> list[Decoded]:
    cands: list[Decoded] = []
    for enc in ("cp1258", "cp1252"):
        try:
            raw = data.decode(enc)
        except UnicodeDecodeError:
            if enc != "cp1252":
                continue
            raw = _decode_cp1252_lenient(data)
        fixed, legacy = fix_legacy(raw) if enc == "cp1252" else (raw, None)
        cands.append(Decoded(fixed, enc, legacy))
    if declared and declared not in ("cp1258", "cp1252"):
        try:
            cands.append(Decoded(data.decode(declared), declared))
        except (UnicodeDecodeError, LookupError):
            pass
    return cands


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - requests depends on it
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


#: a page is UTF-8 with a few bad bytes when its valid multi-byte characters outnumber the invalid
#: sequences this many times (a legacy single-byte page read as UTF-8 is nearly all invalid sequences)
_UTF8_MAJORITY = 8


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with U+FFFD for its few invalid bytes (logged), or None if it is not UTF-8 at all.

    One corrupt byte must not send a UTF-8 page down the legacy path, where it would be read as
    cp1252 and "converted" into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    if bad <= 0 or valid < _UTF8_MAJORITY * bad:
        return None
    log.warning("the bytes are UTF-8 but for %d invalid sequence(s): replaced with U+FFFD", bad)
    return text


def decode_document(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes with the charset chosen from BOM, declaration, ``<meta>`` and the bytes themselves.

    Order of trust: a BOM; valid non-ASCII UTF-8 (it almost never happens by accident, and many
    pages declare a charset they do not use); a declared Windows-1258; otherwise the single-byte
    reading (cp1258, or cp1252 + TCVN3/VNI conversion) that looks most Vietnamese; charset-normalizer
    for anything else.  Raises :class:`NotTextError` for binary data.
    """
    if not data:
        return Decoded("", declared or "ascii")
    kind = sniff_binary(data)
    if kind:
        raise NotTextError(f"the data looks like {kind}, not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            fixed, legacy = fix_legacy(text)
            return Decoded(normalize_text(fixed), enc, legacy)

    enc = _canonical_encoding(declared) or _canonical_encoding(sniff_meta_charset(data))
    if enc in ("tcvn3", "vni"):
        fixed, _ = fix_legacy(_decode_cp1252_lenient(data), force=enc)
        return Decoded(normalize_text(fixed), "cp1252", enc)

    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _mostly_utf8(data)
    if text is not None:
        if enc not in (None, "utf-8"):
            log.debug("declared %s but the bytes are valid UTF-8: using UTF-8", enc)
        fixed, legacy = fix_legacy(text)
        return Decoded(normalize_text(fixed), "utf-8", legacy)

    if enc == "cp1258":
        try:
            return Decoded(normalize_text(data.decode("cp1258")), "cp1258")
        except UnicodeDecodeError:
            pass
    if enc and enc not in _WEAK_DECLARATIONS and enc not in ("utf-8", "cp1258"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            log.debug("declared %s does not decode the bytes; detecting", enc)
        else:
            if _textiness(text) >= 0.8:
                fixed, legacy = fix_legacy(text)
                return Decoded(normalize_text(fixed), enc, legacy)

    cands = _single_byte_candidates(data, enc)
    scored = sorted(
        ((_score(c.text), i, c) for i, c in enumerate(cands)),
        key=lambda t: (t[0], -t[1]),
        reverse=True,
    )
    best_score, _, best = scored[0]
    if best_score <= 0:
        guess = _charset_normalizer_guess(data)
        if guess is not None and _textiness(guess.text) >= 0.8:
            best = guess
    text = normalize_text(best.text)
    if _textiness(text) < 0.8:
        raise NotTextError(f"the data does not decode to text (best guess {best.encoding})")
    return Decoded(text, best.encoding, best.legacy)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode bytes of any Vietnamese encoding to NFC text (see :func:`decode_document`).

    ``declared`` is the charset from an HTTP header, a file's known encoding, or None.  Raises
    :class:`NotTextError` if the bytes are binary (a PDF, an image, random data).
    """
    return decode_document(data, declared).text
