"""Fixtures for the analysis tests: hand-made records with known answers, a private model cache."""
from __future__ import annotations

import pytest

from vnparty_nlp.extract.documents import DocumentRef
from vnparty_nlp.extract.shortcomings import Shortcoming
from vnparty_nlp.records import Record


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Train the classifier into a temporary cache, not the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("VNPARTY_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


def doc(text: str, start: int, type_: str, number: str | None, code: str | None, date: str | None = None,
        issuer: str | None = None) -> DocumentRef:
    return DocumentRef(text, (start, start + len(text)), type=type_, number=number, code=code, date=date, issuer=issuer)


@pytest.fixture()
def three_records() -> list[Record]:
    """A cites 35-CT/TW twice and 26-HD/BTCTW; B cites 35-CT/TW; C cites 35-CT/TW, 1234/QĐ-UBND, Điều lệ."""
    a = Record("x" * 400, source="a.txt", title="A", published="2020-05-01", facts={"documents": [
        doc("Chỉ thị số 35-CT/TW", 0, "chỉ thị", "35", "CT/TW", "2019-05-30", "Bộ Chính trị"),
        doc("Hướng dẫn số 26-HD/BTCTW", 50, "hướng dẫn", "26", "HD/BTCTW", "2019-10-18", "Ban Tổ chức Trung ương"),
        doc("Chỉ thị 35-CT/TW", 120, "chỉ thị", "35", "CT/TW"),
    ]})
    b = Record("x" * 400, source="b.txt", title="B", published="2020-06-01", facts={"documents": [
        doc("Chỉ thị số 35-CT/TW", 10, "chỉ thị", "35", "CT/TW", "2019-05-30", "Bộ Chính trị"),
    ]})
    c = Record("x" * 400, source="c.txt", title="C", published="2020-07-01", facts={"documents": [
        doc("Quyết định số 1234/QĐ-UBND", 0, "quyết định", "1234", "QĐ-UBND", None, "UBND tỉnh"),
        doc("Chỉ thị số 35-CT/TW", 60, "chỉ thị", "35", "CT/TW", None, "Bộ Chính trị"),
        doc("Điều lệ Đảng", 100, "điều lệ", None, None),
    ]})
    return [a, b, c]


def shortcoming_record(source: str, items: list[str]) -> Record:
    text = "; ".join(items)
    facts, pos = [], 0
    for item in items:
        facts.append(Shortcoming(item, (pos, pos + len(item))))
        pos += len(item) + 2
    return Record(text, source=source, facts={"shortcomings": facts})

