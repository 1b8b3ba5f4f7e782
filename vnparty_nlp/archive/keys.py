"""Normalized keys the archive indexes and compares on: folded text, document keys, provinces, URLs.

Everything a filter compares goes through one of these functions both when an article is stored and
when a user's filter value is read, so ``35/CT-TW``, ``35- CT/ TW`` and ``Chỉ thị số 35-CT/TW`` meet
on the same key, and ``Dien Bien`` meets ``Điện Biên``.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from vnparty_nlp.extract.patterns import PROVINCES
from vnparty_nlp.text import fold_diacritics
from vnparty_nlp.text.normalize import CHAR_FOLDS, DROPPED, TONE_PLACEMENT

#: bumped whenever :func:`fold_text` or :func:`exact_text` change: the index must then be rebuilt,
#: because a contentless FTS5 table deletes a row by re-tokenizing the values it was given
FOLD_VERSION = 1


def _fold_array() -> np.ndarray:
    """Code point → folded code point for U+0000..U+1EFF; 0 deletes (combining marks of NFD input)."""
    table = np.arange(0x1F00, dtype=np.uint32)
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        f = fold_diacritics(unicodedata.normalize("NFC", c))
        if len(f) == 1 and f != c:
            table[cp] = ord(f)
    table[0x0300:0x0370] = 0
    for cp, base in ((0x0110, "D"), (0x0111, "d"), (0x00D0, "D"), (0x00F0, "d"), (0x0189, "D")):
        table[cp] = ord(base)
    return table


_FOLD = _fold_array()
_FOLD_LIMIT = len(_FOLD)


def fold_text(text: str) -> str:
    """Accent-free, ``đ``-free form, vectorized (a 3 KB article in ~20 µs); same length for NFC input."""
    if text.isascii():
        return text
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    folded = np.where(codes < _FOLD_LIMIT, _FOLD[np.minimum(codes, _FOLD_LIMIT - 1)], codes)
    if not folded.all():
        folded = folded[folded != 0]
    return folded.astype(np.uint32).tobytes().decode("utf-32-le")


_CHAR_MAP = {**CHAR_FOLDS, **dict.fromkeys(DROPPED, "")}
#: old tone placements (``oà``, ``uỷ``), lower case
_OLD_TONE_PAIRS = {pair: re.compile(re.escape(pair) + r"(?![^\W\d_])")
                   for pair in TONE_PLACEMENT if pair == pair.lower()}


def exact_text(text: str) -> str:
    """NFC with one tone placement (``hoà`` = ``hòa``), look-alikes and spaces folded: the exact form.

    The same form as ``normalize(text).norm`` without its offset map; substring tests (C speed) decide
    which of the rewrites a text needs, since most need none.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c, folded in _CHAR_MAP.items():
        if c in text:
            text = text.replace(c, folded)
    return _fold_old_tone(text, _codes(text))  # an open syllable (hoà), not hoàn or hoạch


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _fold_old_tone(text: str, codes: np.ndarray, flags: np.ndarray | None = None) -> str:
    """``fold_tone_placement(text)`` (``hoà`` → ``hòa`` in open syllables), ``text`` itself when unchanged.

    The regex of :func:`fold_tone_placement` tries its 45 pairs at every position; here two table
    look-ups over the code points find the few positions where a pair can start, and each is checked
    as the regex would: the exact pair, no ``q`` before it (``quý``), no letter after it (``hoàn``).
    """
    if len(codes) < 2:
        return text
    if flags is None:  # the code points' _FLAGS
        flags = _FLAGS.take(np.minimum(codes, _NFD_LIMIT - 1))
    starts = np.flatnonzero(flags[:-1] & (flags[1:] >> 1) & 1)  # a first letter, then a second
    if not len(starts):
        return text
    parts: list[str] = []
    last = 0
    for i in starts.tolist():
        new = TONE_PLACEMENT.get(text[i:i + 2])
        if new is None or (i and text[i - 1] in "qQ"):
            continue
        nxt = text[i + 2:i + 3]
        if nxt.isalnum() and not nxt.isdecimal():  # the regex's (?![^\W\d_])
            continue
        parts += (text[last:i], new)
        last = i + 2
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _exact_array() -> np.ndarray:
    """NFD code point → ASCII stand-in: Vietnamese marks become digits 1-8 (others 0), ``đ``/``Đ`` 9."""
    table = np.arange(0x0370, dtype=np.uint32)
    table[0x0300:0x0370] = ord("0")
    for mark, digit in zip((0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0302, 0x0306, 0x031B), "12345678", strict=True):
        table[mark] = ord(digit)
    for cp in (0x0110, 0x0111, 0x00D0, 0x00F0, 0x0189):
        table[cp] = ord("9")
    return table


_EXACT = _exact_array()
_EXACT_LIMIT = len(_EXACT)


def encode_exact(text: str, exact: bool = False) -> str:
    """The exact form spelled in ASCII for the index: ``Đại hội`` → ``9a5i ho56i``.

    One token per word, as distinct as the accented words themselves (``hội`` ≠ ``hỏi`` ≠ ``hoi``), but
    tokenized by FTS5 at ASCII speed; marks follow their vowel, so a prefix stays a prefix. Queries
    encode their exact words the same way. ``exact=True``: ``text`` is already :func:`exact_text`.
    """
    if not exact:
        text = exact_text(text)
    if text.isascii():
        return text
    codes = np.frombuffer(unicodedata.normalize("NFD", text).encode("utf-32-le"), dtype=np.uint32)
    low = codes < _EXACT_LIMIT
    out = codes.copy()
    out[low] = _EXACT[codes[low]]
    return out.tobytes().decode("utf-32-le")


#: code points below this have their NFD (marks spelled as :func:`encode_exact` spells them) in a table
_NFD_LIMIT = 0x1F00
_PAD = 0xFFFFFFFF  # not a code point: the padding of the table's rows


def _nfd_tables() -> tuple[np.ndarray, np.ndarray]:
    """Code point → its NFD spelled in ASCII (3 codes, padded), and whether that is safe to concatenate.

    Concatenating each character's decomposition is the string's NFD unless a character decomposes to
    something starting with a combining mark (it could then need reordering with the marks before it).
    """
    table = np.full((_NFD_LIMIT, 3), _PAD, dtype=np.uint32)
    safe = np.ones(_NFD_LIMIT, dtype=bool)
    for cp in range(_NFD_LIMIT):
        nfd = unicodedata.normalize("NFD", chr(cp))
        safe[cp] = not unicodedata.combining(nfd[0])
        for j, c in enumerate(nfd):
            table[cp, j] = _EXACT[ord(c)] if ord(c) < _EXACT_LIMIT else ord(c)
    return table, safe


_NFD_TABLE, _NFD_SAFE = _nfd_tables()
_TONE_FIRST = np.zeros(_NFD_LIMIT, dtype=bool)
_TONE_SECOND = np.zeros(_NFD_LIMIT, dtype=bool)
for _cp in range(_NFD_LIMIT):  # every character whose lower case is a pair's first or second letter
    _TONE_FIRST[_cp] = chr(_cp).lower() in {pair[0] for pair in _OLD_TONE_PAIRS}
    _TONE_SECOND[_cp] = chr(_cp).lower() in {pair[1] for pair in _OLD_TONE_PAIRS}
#: whitespace other than space and newline (below ``_NFD_LIMIT``)
_OTHER_SPACE = np.array([chr(cp).isspace() and chr(cp) not in " \n" for cp in range(_NFD_LIMIT)])
#: all four tables in one (one ``take`` per text): 1 a tone pair's first letter, 2 its second, 4 not
#: ``_NFD_SAFE``, 8 ``_OTHER_SPACE``
_FLAGS = (_TONE_FIRST * 1 | _TONE_SECOND * 2 | ~_NFD_SAFE * 4 | _OTHER_SPACE * 8).astype(np.uint8)


@lru_cache(maxsize=4096)
def _plain_char(cp: int) -> bool:
    """A code point above ``_NFD_LIMIT`` that NFD leaves alone and that is no combining mark."""
    c = chr(cp)
    return unicodedata.normalize("NFD", c) == c and not unicodedata.combining(c)


def index_forms(text: str) -> tuple[str, str, str, str]:
    """``(exact, folded, encoded, hash)``: :func:`exact_text`, its :func:`fold_text`, its
    :func:`encode_exact` and :func:`content_hash` of ``text``, from one array of code points.

    The same values as those four functions (the tests compare them on odd inputs too); ingest calls
    this once per title and text instead of normalizing the same text four times.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c, folded in _CHAR_MAP.items():
        if c in text:
            text = text.replace(c, folded)
    codes = _codes(text)
    clipped = np.minimum(codes, _NFD_LIMIT - 1)
    flags = _FLAGS.take(clipped)
    folded_tone = _fold_old_tone(text, codes, flags)
    if folded_tone is not text:
        text = folded_tone
        codes = _codes(text)
        clipped = np.minimum(codes, _NFD_LIMIT - 1)
        flags = _FLAGS.take(clipped)
    if text.isascii():
        return text, text, text, _hash_key(text, flags, [])
    big = codes >= _NFD_LIMIT
    plain = not (flags & 4).any()
    bigs: list[int] = np.unique(codes[big]).tolist() if big.any() else []
    if plain and bigs:
        plain = all(_plain_char(cp) for cp in bigs)
    # folded: as fold_text
    folded_codes = np.where(big, codes, _FOLD.take(clipped))
    if not folded_codes.all():
        folded_codes = folded_codes[folded_codes != 0]
    folded = folded_codes.tobytes().decode("utf-32-le")
    if plain:
        rows = _NFD_TABLE.take(clipped, axis=0)
        if bigs:
            rows[big, 0] = codes[big]
            rows[big, 1:] = _PAD
        flat = rows.ravel()
        encoded = flat[flat != _PAD].tobytes().decode("utf-32-le")
    else:  # combining marks of their own, or characters the table does not cover
        encoded = encode_exact(text, exact=True)
    return text, folded, encoded, _hash_key(text, flags, bigs)


def _hash_key(text: str, flags: np.ndarray, bigs: list[int]) -> str:
    """sha256 of ``" ".join(text.split())``: without splitting when spaces and newlines are the only
    whitespace and never two in a row (most texts), where it is ``text`` with newlines as spaces."""
    if not (flags & 8).any() and not any(chr(cp).isspace() for cp in bigs):
        flat = text.replace("\n", " ")
        if "  " not in flat:
            return hashlib.sha256(flat.strip(" ").encode("utf-8")).hexdigest()
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def fold_key(text: str | None) -> str:
    """Comparison key for names: folded, case-folded, single spaces (``Điện  Biên`` → ``dien bien``)."""
    if not text:
        return ""
    return " ".join(fold_text(unicodedata.normalize("NFC", text)).casefold().replace("-", " ").split())


def has_diacritics(word: str) -> bool:
    return fold_text(unicodedata.normalize("NFC", word)) != unicodedata.normalize("NFC", word)


def content_hash(text: str) -> str:
    """Same article text, same hash: NFC, one tone placement, whitespace collapsed."""
    key = " ".join(exact_text(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|zarsrc\w*|_ga)$", re.I)


def canonical_url(url: str | None) -> str | None:
    """One spelling per page: lower-case host without ``www.``, no fragment, tracking or trailing slash."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return url.strip()
    host = parts.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    host = host.removesuffix(":80").removesuffix(":443")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


# --- documents ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocKey:
    """What a citation filter compares: type, number without leading zeros, code without separators."""

    type: str | None
    number: str | None
    code: str | None  # "CTTW" for CT/TW, CT-TW, CT/ TW

    @property
    def label(self) -> str:
        return f"{self.number}-{self.code}" if self.code else " ".join(x for x in (self.type, self.number) if x)


def number_key(number: str | None) -> str | None:
    if not number:
        return None
    stripped = number.strip().lower().lstrip("0")
    return stripped or "0"


def code_key(code: str | None) -> str | None:
    if not code:
        return None
    return re.sub(r"[^0-9A-Z]", "", fold_text(unicodedata.normalize("NFC", code)).upper()) or None


def type_key(doc_type: str | None) -> str | None:
    return fold_key(doc_type) or None


_BARE = re.compile(r"^\s*(?P<num>\d{1,5}[a-z]?)\s*(?:[-/]\s*(?P<code>[\w/ -]+?))?\s*$")


@lru_cache(maxsize=1024)
def parse_citation(value: str) -> DocKey:
    """A user's document (``35-CT/TW``, ``35/CT-TW``, ``Chỉ thị 35``, ``chi thi 35``) as a key; a type
    alone (``Điều lệ``, ``Điều lệ Đảng``) stands for its citations without a number.

    Read with the documents extractor, so the archive understands every spelling the extractor does;
    an unaccented type word (``chi thi 35``) is matched against the known type words after folding.
    """
    from vnparty_nlp.extract import REGISTRY
    from vnparty_nlp.extract.documents import TYPE_CODES, TYPE_WORDS
    from vnparty_nlp.text import Doc

    refs = REGISTRY["documents"](Doc(value.strip()))
    if refs:
        ref = refs[0]
        return DocKey(type_key(ref.type), number_key(ref.number), _code_without_type(ref.code))
    folded = fold_key(value)
    for word in sorted(TYPE_WORDS, key=len, reverse=True):
        fw = fold_key(word)
        if folded.startswith(fw + " "):
            rest = folded[len(fw):].strip().removeprefix("so").strip(" :")
            m = _BARE.match(rest.upper())
            if m:
                return DocKey(type_key(TYPE_WORDS[word]), number_key(m["num"]), _code_without_type(m["code"]))
    m = _BARE.match(value.upper())
    if m and m["code"]:
        head = re.split(r"[/-]", m["code"].strip())[0].strip()
        return DocKey(type_key(TYPE_CODES.get(head)), number_key(m["num"]), _code_without_type(m["code"]))
    for word, doc_type in TYPE_WORDS.items():  # a type alone: its citations without a number (Điều lệ Đảng)
        if folded == fold_key(word):
            return DocKey(type_key(doc_type), None, None)
    raise ValueError(f"cannot read {value!r} as a document: write it as 35-CT/TW or 'Chỉ thị 35'")


def _code_without_type(code: str | None) -> str | None:
    """The whole code as a key; ``CT/TW`` and ``CT-TW`` both give ``CTTW``."""
    return code_key(code)


# --- provinces ----------------------------------------------------------------------------------

_ALIASES = {"ba ria vung tau": "Bà Rịa - Vũng Tàu", "ho chi minh": "TP. Hồ Chí Minh",
            "tp ho chi minh": "TP. Hồ Chí Minh", "thanh pho ho chi minh": "TP. Hồ Chí Minh",
            "hue": "Thừa Thiên Huế", "tp hcm": "TP. Hồ Chí Minh"}
_BY_KEY = {fold_key(p.replace(".", "")): p for p in PROVINCES} | _ALIASES
_PROVINCE_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(p) for p in PROVINCES if not p.startswith("TP.")), key=len, reverse=True))
    # "Hồ Chí Minh" alone is mostly the leader ("tư tưởng Hồ Chí Minh"), not the city
    + r"|(?<=TP\. )Hồ Chí Minh|(?<=TP )Hồ Chí Minh|(?<=[Tt]hành phố )Hồ Chí Minh|Bà Rịa\s?-\s?Vũng Tàu)(?!\w)"
)
#: a province named after these words is the article's own, not a passing mention
_OWN_CUE = re.compile(r"(?:tỉnh|Tỉnh|thành phố|Thành phố|Tỉnh ủy|tỉnh ủy|Thành ủy|thành ủy|TP\.?)\s*$")


@lru_cache(maxsize=4096)
def province_name(value: str | None) -> str | None:
    """The canonical spelling of a province typed any way (``dien bien`` → ``Điện Biên``), or None."""
    if not value or not isinstance(value, str):
        return None
    return _BY_KEY.get(fold_key(value.replace(".", "")))


def infer_province(title: str | None, text: str) -> str | None:
    """The article's province: named in the title, else the one most named in the text (``tỉnh X`` counts 3).

    A guess for articles whose metadata does not say; metadata (``province``) always wins.
    """
    if title:
        m = _PROVINCE_RE.search(exact_text(title))
        if m:
            return province_name(m.group(1))
    norm = exact_text(text[:20_000])
    votes: Counter[str] = Counter()
    for m in _PROVINCE_RE.finditer(norm):
        name = province_name(m.group(1))
        if name:
            votes[name] += 3 if _OWN_CUE.search(norm[max(0, m.start() - 12): m.start()]) else 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


# --- dates and counts ----------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(value: str | None, end: str | None = None) -> tuple[str | None, str | None]:
    """(first day, last day) of an ISO value of any precision: ``2020-05`` → 2020-05-01..2020-05-31."""
    import calendar

    def lo(v: str | None) -> str | None:
        m = _ISO.match(v or "")
        if not m:
            return None
        y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
        return f"{y}-{mo}-{d}"

    def hi(v: str | None) -> str | None:
        m = _ISO.match(v or "")
        if not m:
            return None
        y, mo, d = int(m.group(1)), int(m.group(2) or 12), m.group(3)
        day = int(d) if d else calendar.monthrange(y, mo)[1]
        return f"{y:04d}-{mo:02d}-{day:02d}"

    return lo(value), hi(end or value)


_PARTY_UNITS = (
    ("đảng bộ cơ sở", "đảng bộ cơ sở"), ("chi bộ cơ sở", "chi bộ cơ sở"), ("tccsđ", "tổ chức cơ sở đảng"),
    ("tổ chức cơ sở đảng", "tổ chức cơ sở đảng"), ("đảng bộ bộ phận", "đảng bộ bộ phận"),
    ("chi bộ trực thuộc", "chi bộ trực thuộc"), ("đảng bộ trực thuộc", "đảng bộ trực thuộc"),
    ("đảng bộ, chi bộ cơ sở", "tổ chức cơ sở đảng"), ("đảng bộ, chi bộ", "đảng bộ, chi bộ"),
    ("đảng bộ", "đảng bộ"), ("chi bộ", "chi bộ"), ("đảng viên", "đảng viên"),
)


def party_unit(unit: str | None) -> str | None:
    """The party unit a count counts (``25/25 đảng bộ, chi bộ cơ sở`` → ``tổ chức cơ sở đảng``), or None."""
    if not unit:
        return None
    u = " ".join(exact_text(unit).casefold().split())
    for prefix, name in _PARTY_UNITS:
        if u == prefix or u.startswith(prefix + " ") and name != "đảng viên":
            return name
    return None
