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


_THEMES_SCRIPT = """
import hashlib
from pathlib import Path
from vnparty_nlp.analysis import load_collection, shortcoming_themes
records = load_collection() + load_collection(Path({data!r}))
themes = shortcoming_themes(records, n_themes=5, n_top_words=4, random_state=0)
print(len(themes), hashlib.sha256(themes.to_csv().encode()).hexdigest())
"""


def test_themes_are_the_same_whatever_the_threads_and_hash_seed(tmp_path):
    """Notebook 03 must rebuild with the same outputs: BLAS threads and hash seeds must not matter."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = _THEMES_SCRIPT.format(data=str(root / "notebooks" / "data"))
    outputs = []
    for threads, seed in (("1", "1"), ("2", "2")):
        env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "PYTHONHASHSEED": seed,
               "PYTHONPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout.strip())
    assert int(outputs[0].split()[0]) >= 40  # shortcomings from the bundled corpus and the invented reports
    assert outputs[0] == outputs[1]
