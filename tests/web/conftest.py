"""An archive of the bundled corpus plus one hostile article, and the web app over it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from vnparty_nlp.archive import Archive  # noqa: E402
from vnparty_nlp.corpus import SEED_ARTICLES, iter_corpus  # noqa: E402
from vnparty_nlp.pipeline import analyze  # noqa: E402

#: an article whose title, text and URL try to inject markup; its facts point at the words around it
HOSTILE_TEXT = ("Tin nhắn lạ <script>alert('xss')</script> xuất hiện trong bài viết về Chỉ thị số 45-CT/TW "
                "ngày 14-4-2025 của Bộ Chính trị & các \"hướng dẫn\" <b>in đậm</b>.\n"
                "Đảng bộ huyện Mường Nhé có 45 chi bộ.\n")


def hostile_record() -> dict[str, Any]:
    record = analyze(HOSTILE_TEXT, title="<script>alert('title')</script> Bài thử </title>",
                     url="javascript:alert(1)", source="hostile", published="2021-03-04")
    return {**record.to_dict(), "province": "Điện Biên"}


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two seed articles of the bundled corpus in an archive, plus the hostile article (last id)."""
    path = tmp_path_factory.mktemp("web") / "archive.sqlite"
    records = []
    for article in (a for a in iter_corpus() if a.path.stem in SEED_ARTICLES):
        record = analyze(article.text, **article.analyze_kwargs)
        records.append({**record.to_dict(), "province": article.meta.get("province")})
    records.append(hostile_record())
    with Archive(path) as archive:
        archive.add(records)
    return path


@pytest.fixture(scope="session")
def client(web_archive: Path):
    from starlette.testclient import TestClient

    from vnparty_nlp.web import create_app

    with TestClient(create_app(web_archive), raise_server_exceptions=True) as c:
        yield c


@pytest.fixture(scope="session")
def ids(web_archive: Path) -> dict[str, int]:
    """Article ids by a short name: 'dien-bien', 'ninh-giang', 'hostile'."""
    with Archive(web_archive, readonly=True) as a:
        rows = a.con.execute("SELECT id, source FROM articles").fetchall()
    out = {}
    for article_id, source in rows:
        name = "hostile" if source == "hostile" else "dien-bien" if "dien-bien" in source else "ninh-giang"
        out[name] = article_id
    return out
