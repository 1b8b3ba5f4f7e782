"""A registry of party and state documents: one identity per document, however an article cites it.

Researchers follow documents, not strings: ``35-CT/TW``, ``35- CT/ TW``, ``Chỉ thị 35`` and ``Chỉ thị số 35
của Bộ Chính trị`` are one directive, but numbers restart with each Central Committee term, so the
``35-CT/TW`` of 30-5-2019 (for the XIII Congress) and the one of 14-6-2024 (for the XIV) are two. A citation
is resolved by its own date, then by the congress or term its sentence speaks of, then by the article's
date (the latest document of that number issued before the article); when none of these decides, the
answer says so (``ambiguous`` or ``unresolved``) instead of guessing.

Central documents ship as data (``data/central_documents.csv``, with the source of every entry); users add
theirs with :meth:`DocumentRegistry.extended` or the ``VNPARTY_REGISTRY`` environment variable (CSV files
separated by ``os.pathsep``). Local documents (``KH/TU``, ``NQ/HU``, ``QĐ-UBND``) are not registered: their
identity is scoped by issuer and province (``79-KH/TU@Điện Biên@2019-08-14``).
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from vnparty_nlp.extract.documents import DocumentRef, find_documents
from vnparty_nlp.extract.patterns import PROVINCES
from vnparty_nlp.text import Doc

log = logging.getLogger(__name__)

BUILTIN = Path(__file__).resolve().parent / "data" / "central_documents.csv"
COLUMNS = ("type", "number", "code", "date", "issuer", "term", "congress", "plenum", "title", "implements", "source")
REQUIRED = ("type", "number", "code", "date", "issuer", "source")
ENV_VAR = "VNPARTY_REGISTRY"

#: issuer codes of central bodies, and their level (0: Central Committee, Politburo, Secretariat;
#: 1: its commissions and the central state)
CENTRAL_CODES: dict[str, int] = {
    "TW": 0, "BTCTW": 1, "UBKTTW": 1, "BTGTW": 1, "BDVTW": 1, "BNCTW": 1, "BKTTW": 1, "VPTW": 1, "QUTW": 1,
    "ĐUKCQTW": 1, "ĐUKDNTW": 1, "TBNS": 1, "TTG": 1, "CP": 1, "QH": 1, "UBTVQH": 1, "CTN": 1, "BNV": 1,
    "BCA": 1, "BQP": 1, "BTC": 1, "BGDĐT": 1, "BYT": 1, "BNNPTNT": 1, "BTTTT": 1, "BLĐTBXH": 1, "BKHĐT": 1,
    "BTP": 1, "BXD": 1, "BCT": 1, "BVHTTDL": 1, "BTNMT": 1, "BGTVT": 1, "BKHCN": 1, "UBDT": 1, "TTCP": 1,
    "NHNN": 1, "TANDTC": 1, "VKSNDTC": 1, "MTTW": 1,
}
#: issuer codes of local bodies and their level (2: province, 3: district, 4: commune and below)
LOCAL_CODES: dict[str, int] = {
    "TU": 2, "THU": 2, "ĐUK": 2, "UBND": 2, "HĐND": 2, "BTCTU": 2, "UBKTTU": 2, "BTGTU": 2, "BDVTU": 2,
    "BCSĐ": 2, "HU": 3, "QU": 3, "TXU": 3, "THXU": 3, "ĐU": 4, "CB": 4, "ĐUX": 4,
}
#: words of an issuer's name that give its level, most specific first
_LEVEL_WORDS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?i)\b(?:xã|phường|thị trấn|chi bộ|đảng ủy cơ sở)\b"), 4),
    (re.compile(r"(?i)\b(?:huyện|quận|thị xã|thị ủy)"), 3),
    (re.compile(r"(?i)\b(?:tỉnh|thành ủy|đảng bộ thành phố|đảng ủy khối)"), 2),
    (re.compile(r"(?i)\b(?:bộ chính trị|ban bí thư|ban chấp hành trung ương|trung ương đảng)\b|^trung ương$"), 0),
    (re.compile(r"(?i)\b(?:trung ương|chính phủ|thủ tướng|quốc hội|bộ\s+(?!chính)[\w ]+|tiểu ban)"), 1),
)
#: issuer names that say the same body, for comparing a citation's issuer with a registry entry's
_ISSUER_ALIASES: dict[str, str] = {
    "bch trung ương": "ban chấp hành trung ương", "ban chấp hành trung ương đảng": "ban chấp hành trung ương",
    "trung ương đảng": "ban chấp hành trung ương", "bct": "bộ chính trị", "bbt": "ban bí thư",
    "ban bí": "ban bí thư",  # the documents extractor cuts "Ban Bí thư" at "thư" (the lower-case tail)
    "ban tổ chức trung ương đảng": "ban tổ chức trung ương", "thủ tướng": "thủ tướng chính phủ",
}
_CENTRAL_PARTY = {"bộ chính trị", "ban bí thư", "ban chấp hành trung ương", "trung ương"}
#: a congress or a term named near a citation: "tiến tới Đại hội đại biểu toàn quốc lần thứ XIII", "(khóa XII)"
_CONGRESS_HINT = re.compile(r"Đại hội(?:\s+đại biểu)?(?:\s+toàn quốc)?\s+(?:lần thứ\s+)?(?P<congress>[IVXL]+)\b(?!\s*Đảng bộ)")
_TERM_HINT = re.compile(r"(?i:khóa|khoá|nhiệm kỳ khóa)\s+(?P<term>[IVXL]+)\b")


class RegistryError(ValueError):
    """A registry file that cannot be read as documents (missing column, bad date): says where."""


def fold(text: str | None) -> str:
    """Lower case, NFC, new-style tone placement and single spaces: for comparing names."""
    text = unicodedata.normalize("NFC", text or "").lower()
    for old, new in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uỷ", "ủy"),
                     ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy")):
        text = text.replace(old, new)
    return " ".join(text.split())


def number_key(number: str | None) -> str:
    """``05`` and ``5`` are one number."""
    return (number or "").strip().lstrip("0") or "0"


def code_key(code: str | None) -> str:
    """``CT/ TW``, ``ct/tw`` → ``CT/TW``; ``QĐi/TW`` → ``QĐI/TW``; ``QĐ.TTg`` → ``QĐ-TTG``."""
    code = re.sub(r"\s+", "", code or "")
    code = re.sub(r"(?<=[A-Za-zĐđ])\.(?=[A-Za-zĐđ])", "-", code)
    return unicodedata.normalize("NFC", code).upper()


def issuer_key(issuer: str | None) -> str:
    name = fold(issuer)
    name = re.sub(r"\s+(?:đảng|của đảng)$", "", name) if name not in ("trung ương đảng",) else name
    return _ISSUER_ALIASES.get(name, name)


def split_key(key: str) -> tuple[str, str]:
    """``35-CT/TW`` → (``35``, ``CT/TW``); ``1600/QĐ-TTg`` → (``1600``, ``QĐ-TTg``); spaces are ignored."""
    key = re.sub(r"\s+", "", key)
    m = re.fullmatch(r"(\d{1,5}[a-z]?)[-/](.+)", key)
    if not m:
        raise ValueError(f"{key!r} is not a document number and code such as 35-CT/TW or 1600/QĐ-TTg")
    return m.group(1), m.group(2)


def issuer_code(code: str | None) -> str | None:
    """The issuer part of a code: ``KH/TU`` → ``TU``; ``QĐ-UBND`` → ``UBND``; ``2020/NĐ-CP`` → ``CP``."""
    if not code:
        return None
    key = code_key(code)
    if "/" in key and not re.match(r"(?:19|20)\d{2}/", key):
        tail = key.split("/", 1)[1]
        return tail.split("-")[-1] if "-" in tail else tail.split("/")[0]
    return key.rsplit("-", 1)[-1] if "-" in key else None


def level_of(issuer: str | None, code: str | None) -> int | None:
    """0 Central Committee, Politburo, Secretariat; 1 central commissions and state; 2 province; 3 district;
    4 commune. The issuer's name decides when it names a level, else the code (``KH/TU`` → 2)."""
    if issuer and issuer_key(issuer) in _CENTRAL_PARTY | {"ban chấp hành trung ương"}:
        return 0
    if issuer:
        for pattern, level in _LEVEL_WORDS:
            if pattern.search(issuer):
                return level
    icode = issuer_code(code)
    if icode:
        if icode in CENTRAL_CODES:
            return CENTRAL_CODES[icode]
        if icode in LOCAL_CODES:
            return LOCAL_CODES[icode]
        if icode.endswith("TW"):
            return 1
        if icode.endswith(("TU", "THU")):
            return 2
        if icode.endswith(("HU", "QU")):
            return 3
    return None


@lru_cache(maxsize=1)
def _folded_provinces() -> tuple[tuple[str, str], ...]:
    return tuple((name, fold(name)) for name in PROVINCES)


def province_in(text: str | None) -> str | None:
    """The province an issuer's name gives (``BCH Tỉnh ủy Điện Biên`` → ``Điện Biên``)."""
    if not text:
        return None
    folded = fold(text)
    for name, folded_name in _folded_provinces():
        if folded_name in folded:
            return name
    return None


@dataclass(frozen=True)
class RegistryEntry:
    """One registered document; ``id`` (``35-CT/TW@2019-05-30``) is its identity."""

    type: str
    number: str
    code: str
    date: str
    issuer: str
    source: str
    term: str | None = None  # the Central Committee term that issued it ("XII")
    congress: str | None = None  # the congress it prepares, for congress directives ("XIII")
    plenum: str | None = None  # the plenum of a plenum resolution ("4")
    title: str | None = None
    implements: tuple[str, ...] = ()  # ids of registered documents it implements
    province: str | None = None  # for users' local entries

    @property
    def key(self) -> str:
        """How it is cited: ``35-CT/TW`` (party), ``1600/QĐ-TTg`` (state)."""
        sep = "-" if "/" in self.code and "-" not in self.code else "/"
        return f"{self.number}{sep}{self.code}"

    @property
    def id(self) -> str:
        return f"{self.key}@{self.date}" + (f"@{self.province}" if self.province else "")

    @property
    def level(self) -> int | None:
        return level_of(self.issuer, self.code)


@dataclass(frozen=True)
class Resolution:
    """What a citation refers to.

    ``status``: ``resolved`` (one registered document), ``dated`` (not registered, but the citation's
    own date makes it one document), ``local`` (a local document, scoped by issuer and province),
    ``ambiguous`` (several registered documents fit; ``candidates`` lists them) or ``unresolved``.
    """

    status: str
    identity: str | None
    reason: str
    entry: RegistryEntry | None = None
    candidates: tuple[RegistryEntry, ...] = ()
    date: str | None = None  # the document's date: the registry's, else the citation's

    @property
    def resolved(self) -> bool:
        return self.status in ("resolved", "dated", "local")


def _parse_entry(row: dict[str, str], where: str) -> RegistryEntry:
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise RegistryError(f"{where}: missing {', '.join(missing)}")
    values = {k: (v or "").strip() for k, v in row.items() if k}
    try:
        dt.date.fromisoformat(values["date"])
    except ValueError:
        raise RegistryError(f"{where}: date {values['date']!r} is not YYYY-MM-DD") from None
    if not re.fullmatch(r"\d{1,5}[a-z]?", values["number"]):
        raise RegistryError(f"{where}: number {values['number']!r} is not a document number")
    return RegistryEntry(
        type=fold(values["type"]), number=values["number"], code=re.sub(r"\s+", "", values["code"]),
        date=values["date"], issuer=values["issuer"], source=values["source"],
        term=values.get("term") or None, congress=values.get("congress") or None,
        plenum=values.get("plenum") or None, title=values.get("title") or None,
        implements=tuple(x.strip() for x in (values.get("implements") or "").split(";") if x.strip()),
        province=values.get("province") or None,
    )


def read_entries(path: str | Path) -> list[RegistryEntry]:
    """The entries of a registry CSV file (columns as in the bundled ``central_documents.csv``)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            absent = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
            if absent:
                raise RegistryError(f"{path}: not a document registry (no column {', '.join(absent)})")
            return [_parse_entry(row, f"{path}:{n}") for n, row in enumerate(reader, 2)]
    except UnicodeDecodeError as err:
        raise RegistryError(f"{path}: not UTF-8 text ({err})") from None


@dataclass
class DocumentRegistry:
    """Registered documents, indexed by number and code, by type and number, and by plenum and term."""

    entries: list[RegistryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_code: dict[tuple[str, str], list[RegistryEntry]] = {}
        self._by_type: dict[tuple[str, str], list[RegistryEntry]] = {}
        self._by_plenum: dict[tuple[str, str], list[RegistryEntry]] = {}
        self._by_id: dict[str, RegistryEntry] = {}
        for e in self.entries:
            if e.id in self._by_id:
                log.info("registry: %s given twice; the later entry wins", e.id)
                old = self._by_id[e.id]
                for index in (self._by_code, self._by_type, self._by_plenum):
                    for group in index.values():
                        if old in group:
                            group.remove(old)
            self._by_id[e.id] = e
            self._by_code.setdefault((number_key(e.number), code_key(e.code)), []).append(e)
            self._by_type.setdefault((e.type, number_key(e.number)), []).append(e)
            if e.plenum and e.term:
                self._by_plenum.setdefault((e.plenum, e.term), []).append(e)
        self.entries = list(self._by_id.values())

    @classmethod
    def load(cls, *paths: str | Path, builtin: bool = True) -> DocumentRegistry:
        """The bundled central documents (unless ``builtin=False``) and the entries of ``paths``."""
        entries = read_entries(BUILTIN) if builtin else []
        for path in paths:
            entries += read_entries(path)
        return cls(entries)

    def extended(self, *paths: str | Path) -> DocumentRegistry:
        """A registry with these files' entries added (an entry with the same id replaces the old one)."""
        entries = list(self.entries)
        for path in paths:
            entries += read_entries(path)
        return DocumentRegistry(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self.entries)

    def __contains__(self, identity: object) -> bool:
        return identity in self._by_id

    def get(self, identity: str) -> RegistryEntry | None:
        """The entry of an id (``35-CT/TW@2019-05-30``)."""
        return self._by_id.get(identity)

    def lookup(self, key: str) -> list[RegistryEntry]:
        """Every registered document cited as ``key`` (``35-CT/TW``, ``35- CT/ TW``), oldest first; an id
        (``35-CT/TW@2019-05-30``) gives its one entry."""
        if "@" in key:
            entry = self._by_id.get(key.strip())
            return [entry] if entry else []
        number, code = split_key(key)
        return sorted(self._by_code.get((number_key(number), code_key(code)), []), key=lambda e: e.date)

    def frame(self):  # -> pd.DataFrame
        """The entries as a DataFrame (one row per document, ``id`` first)."""
        import pandas as pd

        rows = [{"id": e.id, "key": e.key, **{c: getattr(e, c) for c in COLUMNS if c != "implements"},
                 "implements": ";".join(e.implements)} for e in self.entries]
        return pd.DataFrame(rows)

    # --- resolution ------------------------------------------------------------------------------
    def resolve(self, citation: str | DocumentRef, article_date: str | dt.date | None = None,
                context: str = "", province: str | None = None) -> Resolution:
        """What ``citation`` (a DocumentRef or its text, ``Chỉ thị số 35 của Bộ Chính trị``) refers to.

        ``context``: the text around the citation, where ``tiến tới Đại hội ... lần thứ XIII`` or
        ``(khóa XII)`` says which term it means; ``article_date``: when the citing article appeared;
        ``province``: the article's province, scoping local documents.
        """
        ref = parse_citation(citation) if isinstance(citation, str) else citation
        if ref is None:
            return Resolution("unresolved", None, f"no document citation in {citation!r}")
        if isinstance(citation, str) and not context:
            context = citation
        article = _iso(article_date)
        level = level_of(ref.issuer, ref.code)
        local = level is not None and level >= 2
        candidates = self._candidates(ref, local, province)
        if not candidates:
            return _unregistered(ref, local, level, province)
        return _choose(ref, candidates, article, context)

    def _candidates(self, ref: DocumentRef, local: bool, province: str | None) -> list[RegistryEntry]:
        if ref.plenum and ref.term and not ref.code:
            return list(self._by_plenum.get((ref.plenum[0], ref.term), []))
        if ref.number is None:
            return []
        if ref.code:
            found = self._by_code.get((number_key(ref.number), code_key(ref.code)), [])
        else:
            found = self._by_type.get((ref.type or "", number_key(ref.number)), [])
            if ref.issuer:  # "Chỉ thị 17 của Ban Thường vụ Tỉnh ủy": only entries of that issuer
                wanted = issuer_key(ref.issuer)
                found = [e for e in found if _same_issuer(wanted, issuer_key(e.issuer))]
            elif local:
                found = []
        scope = province_in(ref.issuer) or province
        return [e for e in found if not e.province or e.province == scope]


def _same_issuer(cited: str, registered: str) -> bool:
    if cited == registered or registered.startswith(cited + " ") or cited.startswith(registered):
        return True
    # "Trung ương" (from the code TW) or "Ban Chấp hành Trung ương" cover the Politburo and Secretariat too
    return cited in ("trung ương", "ban chấp hành trung ương") and registered in _CENTRAL_PARTY


def _iso(value: str | dt.date | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text[:10] if re.match(r"\d{4}", text) else None


def _hints(ref: DocumentRef, context: str) -> set[str]:
    """The terms or congresses the citation speaks of: its own ``khóa``, then its sentence's."""
    if ref.term:
        return {ref.term}
    return {m["congress"] for m in _CONGRESS_HINT.finditer(context)} | {m["term"] for m in _TERM_HINT.finditer(context)}


def _choose(ref: DocumentRef, candidates: list[RegistryEntry], article: str | None, context: str) -> Resolution:
    candidates = sorted(candidates, key=lambda e: e.date)
    label = ref.key or ref.text
    if ref.date:
        same_day = [e for e in candidates if e.date == ref.date]
        if len(same_day) == 1:
            return _resolved(same_day[0], "by the date the citation gives")
        if not same_day:  # a document the registry does not have, or a misdated citation: its own date stands
            return Resolution("dated", f"{label}@{ref.date}", f"{label} of {ref.date} is not registered "
                              f"(registered: {', '.join(e.date for e in candidates)})", candidates=tuple(candidates),
                              date=ref.date)
        candidates = same_day
    if len(candidates) == 1:
        return _resolved(candidates[0], "the only registered document cited so")
    hints = _hints(ref, context)
    if hints:
        fitting = [e for e in candidates if {e.term, e.congress} & hints]
        if len(fitting) == 1:
            return _resolved(fitting[0], f"by the term or congress its sentence names ({', '.join(sorted(hints))})")
        if fitting:
            candidates = fitting
    if article:
        before = [e for e in candidates if e.date <= article]
        if not before:
            return Resolution("unresolved", None, f"every registered {label} is dated after the article ({article})",
                              candidates=tuple(candidates))
        return _resolved(before[-1], f"the latest {label} issued before the article ({article}); numbers "
                         "restart with each term")
    return Resolution("ambiguous", None, f"{len(candidates)} registered documents are cited as {label} "
                      f"({', '.join(e.id for e in candidates)}) and neither a date, a term nor the article's date "
                      "tells them apart", candidates=tuple(candidates))


def _resolved(entry: RegistryEntry, reason: str) -> Resolution:
    return Resolution("resolved", entry.id, reason, entry=entry, candidates=(entry,), date=entry.date)


def local_identity(ref: DocumentRef, province: str | None = None) -> str | None:
    """``79-KH/TU@Điện Biên@2019-08-14``: a local number is unique only within its issuer's province (and
    term); without a code the issuer stands in (``hướng dẫn 13@Huyện ủy Nam Đàn``)."""
    scope = province_in(ref.issuer) or province
    if ref.code:
        parts = [ref.key, scope or "?"]
    elif ref.number and ref.issuer:
        parts = [f"{ref.type} {ref.number}", ref.issuer if not scope or fold(scope) in fold(ref.issuer)
                 else f"{ref.issuer}, {scope}"]
    else:
        return None
    if ref.date:
        parts.append(ref.date)
    return "@".join(parts)


def _unregistered(ref: DocumentRef, local: bool, level: int | None, province: str | None) -> Resolution:
    label = ref.key or ref.text
    if local:
        identity = local_identity(ref, province)
        if identity:
            return Resolution("local", identity, f"a local document (level {level}), scoped by issuer and province",
                              date=ref.date)
        return Resolution("unresolved", None, f"{label}: a local document without number and issuer")
    if ref.code and ref.date:
        return Resolution("dated", f"{ref.key}@{ref.date}", f"{label} is not registered; its date identifies it",
                          date=ref.date)
    return Resolution("unresolved", None, f"{label} is not registered and the citation gives no date")


def parse_citation(text: str) -> DocumentRef | None:
    """The first document cited in ``text`` (``Chỉ thị số 35 của Bộ Chính trị``, ``35- CT/ TW``), or None."""
    found = find_documents(Doc(text))
    return found[0] if found else None


@lru_cache(maxsize=1)
def _default() -> DocumentRegistry:
    extra = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return DocumentRegistry.load(*extra)


_current: list[DocumentRegistry] = []


def default_registry() -> DocumentRegistry:
    """The registry extractors use: the bundled central documents, the files named by ``VNPARTY_REGISTRY``,
    or what :func:`use_registry` set."""
    return _current[-1] if _current else _default()


def use_registry(registry: DocumentRegistry | Iterable[str | Path] | None) -> DocumentRegistry:
    """Make ``registry`` (or the bundled one extended with these files; ``None``: the default again) the
    one extractors use; returns it."""
    _current.clear()
    if registry is None:
        return _default()
    if not isinstance(registry, DocumentRegistry):
        registry = _default().extended(*registry)
    _current.append(registry)
    return registry


__all__ = [
    "DocumentRegistry", "RegistryEntry", "RegistryError", "Resolution", "default_registry", "level_of",
    "local_identity", "parse_citation", "province_in", "use_registry",
]
