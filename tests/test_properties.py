"""Property-based tests (hypothesis): whatever comes in, only the library's documented errors come out.

The query parser raises only :class:`QueryError`; filters only ``ValueError``/``TypeError``; ``analyze``
only :class:`InputError`, and its spans always index the record's text exactly; ``decode_bytes`` always
returns valid NFC text or raises :class:`NotTextError`. Example counts are bounded so the whole file
runs in a few seconds.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnparty_nlp import InputError, analyze, iter_corpus
from vnparty_nlp.archive import Archive, QueryError
from vnparty_nlp.archive.query import parse_query
from vnparty_nlp.corpus import SEED_ARTICLES
from vnparty_nlp.scrape.encoding import NotTextError, decode_bytes

VIETNAMESE = ("Đảng bộ tỉnh Điện Biên đại hội điểm nhiệm kỳ 2020-2025 Chỉ thị 35-CT/TW Nghị quyết số 21-NQ/TW "
              "ngày 14/4/2025 huyện ủy xã Mường Toong 40.809 đảng viên khuyết điểm, hạn chế: chưa sâu sát. "
              "Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy; các đồng chí: Trần Thị B, Lê C.\n")
WORDS = VIETNAMESE.split()
QUERY_PIECES = ["(", ")", '"', "*", "-", " OR ", " AND ", " NOT ", " ", "NEAR(", "text:", "\\", "\x00", "\ud800"]
MESSY = st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list(VIETNAMESE))
FEW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _vietnamese_mess() -> st.SearchStrategy[str]:
    """Runs of real words, punctuation, digits and odd characters, as scraped text looks."""
    return st.lists(st.sampled_from(WORDS) | st.sampled_from(QUERY_PIECES) | st.text(MESSY, max_size=6),
                    max_size=25).map(" ".join)


@given(_vietnamese_mess())
@FEW
def test_the_query_parser_raises_only_query_errors(query: str) -> None:
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    assert parsed.fts and parsed.terms


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = [analyze(a.text, **a.analyze_kwargs) for a in iter_corpus() if a.path.stem in SEED_ARTICLES]
    path = tmp_path_factory.mktemp("props") / "a.sqlite"
    with Archive(path, accelerator=False) as archive:
        archive.add(records)
    return path


FILTER_VALUE = st.one_of(
    st.none(), st.text(MESSY, max_size=12), st.sampled_from(WORDS), st.integers(), st.floats(allow_nan=True),
    st.booleans(), st.dates(), st.lists(st.one_of(st.text(MESSY, max_size=8), st.integers()), max_size=4),
    st.sampled_from(["2020", "2020-06", "2020-06-30", "2020-13-45", "35-CT/TW", "dien bien", "shortcomings"]),
)
FILTERS = st.dictionaries(st.sampled_from(["cites", "doc_type", "province", "organization", "site", "has",
                                           "published_from", "published_to", "mentions_from", "mentions_to",
                                           "ids"]), FILTER_VALUE, max_size=3)


@given(query=st.none() | _vietnamese_mess(), filters=FILTERS, limit=st.integers(-2, 2**70),
       offset=st.integers(0, 2**70))
@FEW
def test_search_raises_only_documented_errors(small_archive: Path, query: str | None, filters: dict,
                                              limit: int, offset: int) -> None:
    with Archive(small_archive, readonly=True, accelerator=False) as archive:
        try:
            hits = archive.search(query, limit=limit, offset=offset, **filters)
        except (QueryError, ValueError, TypeError):
            return
    assert len(hits) <= max(limit, 0)
    for hit in hits:
        assert isinstance(hit.id, int) and hit.snippet is not None


@given(st.lists(st.sampled_from(VIETNAMESE.splitlines(keepends=True) + WORDS + ["\r", "\n\n", "  ", "\u00a0", "…"])
                | st.text(MESSY, max_size=20), max_size=30).map("".join))
@settings(max_examples=40, deadline=None)
def test_analyze_spans_are_exact_and_errors_are_input_errors(text: str) -> None:
    try:
        record = analyze(text, published="2020-10-13")
    except InputError:
        return
    assert text.startswith(record.text)
    for facts in record.facts.values():
        for fact in facts:
            assert record.text[fact.span[0]:fact.span[1]] == fact.text


@given(st.binary(max_size=400) | st.builds(lambda t, junk, at: (t.encode()[:at] + junk + t.encode()[at:]),
                                           st.sampled_from(VIETNAMESE.split(".")), st.binary(max_size=3),
                                           st.integers(0, 200)),
       st.sampled_from([None, "utf-8", "windows-1258", "iso-8859-1", "tcvn3", "vni", "x-unknown"]))
@settings(max_examples=200, deadline=None)
def test_decoding_gives_valid_nfc_text_or_not_text_error(data: bytes, declared: str | None) -> None:
    try:
        text = decode_bytes(data, declared)
    except NotTextError:
        return
    assert unicodedata.is_normalized("NFC", text)
    text.encode("utf-8")  # no surrogates: always writable

