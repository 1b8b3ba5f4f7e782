from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from conftest import shortcoming_record  # noqa: E402

from vnparty_nlp import analyze  # noqa: E402
from vnparty_nlp.analysis import plots, shortcoming_themes  # noqa: E402


def test_citations_per_document(three_records):
    ax = plots.citations_per_document(three_records)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "35-CT/TW"  # most cited on top
    assert [p.get_width() for p in ax.patches][-1] == 3
    plt.close(ax.figure)


def test_events_per_month_and_timeline_on_given_axes():
    record = analyze("Đảng bộ xã A tổ chức đại hội vào ngày 6-3-2020. Đảng bộ xã B tổ chức đại hội ngày 9-5-2020.",
                     source="a.txt")
    fig, (top, bottom) = plt.subplots(2)
    assert plots.events_per_month([record], ax=top) is top
    assert [p.get_height() for p in top.patches] == [1, 0, 1]
    assert plots.timeline_plot([record], ax=bottom) is bottom
    plt.close(fig)


def test_themes_per_province():
    records = [shortcoming_record("a.txt", ["quy hoạch cán bộ còn chậm", "tuyên truyền còn ít"])]
    themes = shortcoming_themes(records, n_themes=2, province=lambda r: "Hà Giang")
    ax = plots.themes_per_province(themes)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Hà Giang"]
    assert ax.get_legend() is not None
    plt.close(ax.figure)
