from __future__ import annotations

from conftest import shortcoming_record

from vnparty_nlp.analysis import shortcoming_themes, themes_by_province
from vnparty_nlp.analysis.themes import STOP_WORDS, THEME_COLUMNS

PERSONNEL = [
    "công tác quy hoạch cán bộ trẻ còn chậm",
    "quy hoạch cán bộ nữ chưa đạt chỉ tiêu",
    "đào tạo cán bộ trẻ trong quy hoạch còn ít",
]
PROPAGANDA = [
    "tuyên truyền trên loa truyền thanh còn ít",
    "hệ thống truyền thanh cơ sở tuyên truyền chưa thường xuyên",
    "nội dung tuyên truyền qua truyền thanh chưa phong phú",
]
PROVINCES = {"lai-chau.txt": "Lai Châu", "nam-dinh.txt": "Nam Định"}


def _records():
    return [shortcoming_record("lai-chau.txt", PERSONNEL + PROPAGANDA[:1]),
            shortcoming_record("nam-dinh.txt", PROPAGANDA[1:])]


def _province(record):
    return PROVINCES.get(record.source)


def test_two_clear_topics_give_two_themes():
    frame = shortcoming_themes(_records(), n_themes=2, province=_province)
    assert list(frame.columns) == THEME_COLUMNS
    assert len(frame) == 6 and frame["theme"].nunique() == 2
    by_text = dict(zip(frame["text"], frame["theme"], strict=True))
    assert len({by_text[t] for t in PERSONNEL}) == 1
    assert len({by_text[t] for t in PROPAGANDA}) == 1
    assert by_text[PERSONNEL[0]] != by_text[PROPAGANDA[0]]
    labels = dict(zip(frame["text"], frame["theme_label"], strict=True))
    assert "cán bộ" in labels[PERSONNEL[0]] and "truyền thanh" in labels[PROPAGANDA[0]]
    words = {w for theme in frame.attrs["themes"] for w in theme}
    assert not words & STOP_WORDS  # no theme is named by "còn", "chưa", ...
    assert frame["weight"].between(0, 1).all()


def test_themes_by_province():
    frame = shortcoming_themes(_records(), n_themes=2, province=_province)
    table = themes_by_province(frame)
    assert list(table.index) == ["Lai Châu", "Nam Định"]
    assert table.loc["Lai Châu"].sum() == 4 and table.loc["Nam Định"].sum() == 2


def test_kmeans_and_theme_count_bounds():
    frame = shortcoming_themes(_records(), n_themes=2, method="kmeans", province=_province)
    assert frame["theme"].nunique() == 2 and (frame["weight"] == 1.0).all()
    few = shortcoming_themes([shortcoming_record("x.txt", PERSONNEL[:2])], n_themes=5, province=_province)
    assert len(few.attrs["themes"]) == 2


def test_no_shortcomings():
    frame = shortcoming_themes([], n_themes=3)
    assert frame.empty and list(frame.columns) == THEME_COLUMNS


def test_province_of_reads_the_sidecar(tmp_path):
    from vnparty_nlp.analysis import province_of
    from vnparty_nlp.records import Record

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"province": "Sơn La"}', encoding="utf-8")
    assert province_of(Record("x", source=str(tmp_path / "a.txt"))) == "Sơn La"
    assert province_of(Record("x", source=str(tmp_path / "missing.txt"))) is None
    assert province_of(Record("x")) is None
