from __future__ import annotations

import pandas as pd

from vnparty_nlp import analyze
from vnparty_nlp.analysis import events_per_month, timeline
from vnparty_nlp.analysis.timeline import parse_iso

LATE = analyze(
    "Huyện X: đại hội điểm\n17:30' 21/5/2020\n\n"
    "Đại hội đại biểu Đảng bộ huyện Tam Đường lần thứ XXIII diễn ra trong hai ngày 20 và 21/8/2020. "
    "Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị, huyện đã chuẩn bị chu đáo. "
    "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng là sự kiện chính trị quan trọng.",
    source="late.txt")
EARLY = analyze(
    "Từ ngày 6-1-2020 đến ngày 15-5-2020, toàn tỉnh đã hoàn thành đại hội điểm cấp cơ sở. "
    "Đảng bộ xã Pa Tần tổ chức đại hội vào ngày 6/3 trong không khí phấn khởi.",
    source="early.txt", published="2020-05-20")


def test_parse_iso_precision():
    assert parse_iso("2020-03-06") == (pd.Timestamp(2020, 3, 6), "day")
    assert parse_iso("2020-08") == (pd.Timestamp(2020, 8, 1), "month")
    assert parse_iso("2020") == (pd.Timestamp(2020, 1, 1), "year")
    assert parse_iso("--03-06") == (None, None)
    assert parse_iso(None) == (None, None)


def test_timeline_is_sorted_across_records_and_labelled():
    frame = timeline([LATE, EARLY])
    assert frame["date"].is_monotonic_increasing
    assert list(frame["kind"]) == ["document", "event", "event", "congress"]
    assert list(frame["date"].dt.strftime("%Y-%m-%d")) == ["2019-05-30", "2020-01-06", "2020-03-06", "2020-08-20"]
    doc_row = frame.iloc[0]
    assert doc_row.label == "35-CT/TW (chỉ thị)" and doc_row.source == "late.txt"
    rng = frame.iloc[1]
    assert rng.end == pd.Timestamp(2020, 5, 15) and rng.precision == "day"
    congress = frame.iloc[-1]
    assert congress.organization == "Đảng bộ huyện Tam Đường" and congress.number == 23
    assert congress.end == pd.Timestamp(2020, 8, 21)


def test_dateline_and_undated_congresses():
    frame = timeline([LATE])
    assert "2020-05-21" not in set(frame["date"].dt.strftime("%Y-%m-%d"))  # the dateline is not an event
    assert not (frame["organization"] == "Đảng Cộng sản Việt Nam").any()
    undated = timeline([LATE], undated=True)
    national = undated[undated["organization"] == "Đảng Cộng sản Việt Nam"]
    assert len(national) == 1 and national["date"].isna().all()
    assert undated["date"].isna().iloc[-1]  # undated rows last


def test_events_per_month_fills_gaps():
    counts = events_per_month([LATE, EARLY])
    assert counts.index[0] == pd.Period("2019-05", "M") and counts.index[-1] == pd.Period("2020-08", "M")
    assert counts.sum() == 4 and counts[pd.Period("2019-06", "M")] == 0
    assert events_per_month([]).empty


def test_empty_timeline():
    assert timeline([]).empty
