"""`facts_frame()`: one row per fact with every value of every fact type, and back to facts unchanged."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from vnparty_nlp import analyze, facts_frame, frame_facts
from vnparty_nlp.records import FRAME_COLUMNS

TEXT = (
    "Từ ngày 10-5-2020 đến ngày 15-5-2020, Đảng bộ xã Tân Lập tổ chức Đại hội điểm lần thứ XVI, nhiệm kỳ "
    "2020 - 2025 theo Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị. Toàn Đảng bộ có 2.500 đảng viên, "
    "25/25 chi bộ, chiếm 4,1%. Đồng chí Nguyễn Văn An, Bí thư Huyện ủy dự. Tuy nhiên, còn hạn chế: "
    "văn kiện chuẩn bị chậm; số dư bầu cử còn thấp."
)


@pytest.fixture(scope="module")
def record():
    return analyze(TEXT, source="tan-lap.txt", title="Tân Lập: đại hội điểm", published="2020-05-16")


def test_every_value_of_every_fact_type_is_a_column(record):
    frame = record.facts_frame()
    assert list(frame.columns[:len(FRAME_COLUMNS)]) == FRAME_COLUMNS
    assert len(frame) == sum(len(v) for v in record.facts.values())
    for fact in record.all_facts():
        row = frame[(frame.start == fact.start) & (frame.stop == fact.stop) & (frame.text == fact.text)]
        assert len(row) >= 1
        for name, value in fact.to_dict().items():
            if name not in ("text", "span"):
                cell = row.iloc[0][name]
                cell = None if cell is None or cell is pd.NA else cell
                assert cell == value, (name, value, cell)


def test_a_range_keeps_its_own_end_and_kind(record):
    frame = record.facts_frame()
    dates = frame[frame.fact_type == "dates"]
    assert not dates.empty  # the fact type and a date's kind are different columns
    rng = dates[dates.kind == "range"].iloc[0]
    assert (rng.value, rng.end, rng.text) == ("2020-05-10", "2020-05-15", "Từ ngày 10-5-2020 đến ngày 15-5-2020")
    assert TEXT[rng.start:rng.stop] == rng.text
    person = frame[frame.fact_type == "people"].iloc[0]
    assert (person["name"], person["title"], person["article_title"]) == \
        ("Nguyễn Văn An", "Bí thư Huyện ủy", "Tân Lập: đại hội điểm")  # neither title hides the other
    doc = frame[frame.fact_type == "documents"].iloc[0]
    assert (doc["type"], doc["code"], doc["date"]) == ("chỉ thị", "CT/TW", "2019-05-30")


def test_round_trip_frame_to_facts(record, seed_records):
    facts = {k: v for k, v in record.facts.items() if v}
    assert frame_facts(record.facts_frame()) == facts
    # values keep their Python types: the JSON of the facts is the same
    back = frame_facts(record.facts_frame())
    assert json.dumps({k: [f.to_dict() for f in v] for k, v in back.items()}, ensure_ascii=False) == \
        json.dumps({k: [f.to_dict() for f in v] for k, v in facts.items()}, ensure_ascii=False)
    # many records, then one article's part of the frame
    records = list(seed_records.values())
    frame = facts_frame(records)
    for r in records:
        part = frame[frame.article_source == r.source]
        assert frame_facts(part) == {k: v for k, v in r.facts.items() if v}


def test_unknown_fact_type_is_an_error(record):
    frame = record.facts_frame()
    frame.loc[0, "fact_type"] = "rumours"
    with pytest.raises(ValueError, match="unknown fact type"):
        frame_facts(frame)


def test_empty_frame_has_the_columns():
    frame = analyze("Không có gì.").facts_frame()
    assert frame.empty and list(frame.columns) == FRAME_COLUMNS
    assert frame_facts(frame) == {}
