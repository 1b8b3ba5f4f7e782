"""The cascade of a central document through the bundled and notebook reports, its plot and its CLI."""
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from vnparty_nlp import analyze, cascade
from vnparty_nlp.analysis import delays_by_province, load_collection
from vnparty_nlp.analysis.cascade import CascadeError, implementation_table
from vnparty_nlp.analysis.plots import cascade_delays
from vnparty_nlp.cli import main
from vnparty_nlp.corpus import corpus_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def records():
    return load_collection() + load_collection(ROOT / "notebooks" / "data")


def test_cascade_of_the_2019_directive(records):
    frame, graph = cascade("35-CT/TW", records)
    assert isinstance(graph, nx.MultiDiGraph)
    plan = frame[frame.implementer == "79-KH/TU@Điện Biên@2019-08-14"].iloc[0]
    assert (plan.root, plan.depth, plan.date, plan.delay_days, plan.province) == \
        ("35-CT/TW@2019-05-30", 1, "2019-08-14", 76.0, "Điện Biên")
    committee = frame[frame.implementer == "body:Tỉnh ủy Điện Biên"].iloc[0]
    assert committee.depth == 2 and committee.implements == "79-KH/TU@Điện Biên@2019-08-14"
    assert committee.reported_delay_days == 357.0  # article of 2020-05-21
    assert graph.has_edge("79-KH/TU@Điện Biên@2019-08-14", "35-CT/TW@2019-05-30")
    assert "35-CT/TW@2024-06-14" not in graph
    assert set(frame.root) == {"35-CT/TW@2019-05-30"}
    by_province = delays_by_province(frame)
    assert by_province.iloc[0].province == "Điện Biên" and by_province.iloc[0].first_days == 76.0


def test_cascade_told_apart_by_date_and_unresolved_citations_are_reported(records):
    later = analyze("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy Nghệ An "
                    "ban hành Kế hoạch số 301-KH/TU ngày 5/7/2024.", published="2024-09-01")
    vague = analyze("Thực hiện Chỉ thị số 35 của Bộ Chính trị, Thành ủy Cần Thơ đã ban hành Kế hoạch số 88-KH/THU.")
    both = cascade("35-CT/TW", records + [later, vague])
    assert both.roots == ["35-CT/TW@2019-05-30", "35-CT/TW@2024-06-14"]
    only = cascade("35-CT/TW", records + [later, vague], date="2024-06-14")
    assert list(only.frame.implementer) == ["301-KH/TU@Nghệ An@2024-07-05"] and only.frame.delay_days[0] == 21.0
    vague_only = cascade("Chỉ thị 35", [vague])
    assert vague_only.frame.empty and list(vague_only.unresolved.target) == ["chỉ thị 35"]
    with pytest.raises(CascadeError):
        cascade("không phải văn bản", records)


def test_implementation_table_and_plot(records):
    table = implementation_table(records)
    assert {"implementer", "target_id", "evidence", "province"} <= set(table.columns)
    assert (table.target_status == "resolved").sum() >= 10
    ax = cascade_delays(cascade("35-CT/TW", records).frame)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "Điện Biên" and len(labels) == len(set(labels)) >= 5
    empty = cascade_delays(cascade("35-CT/TW", []).frame)
    assert "none" in empty.get_title()


@pytest.mark.slow
def test_cli_cascade_from_an_archive(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in list(corpus_dir().glob("dien-bien*")) + list((ROOT / "notebooks" / "data").glob("*")):
        shutil.copy(f, corpus)
    db = tmp_path / "a.sqlite"
    assert main(["run", "--corpus", str(corpus), "--db", str(db), "--out", str(tmp_path / "r.jsonl"),
                 "--no-progress"]) == 0
    capsys.readouterr()
    plot = tmp_path / "delays.png"
    assert main(["cascade", "35-CT/TW", "--db", str(db), "--format", "jsonl", "--plot", str(plot)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"79-KH/TU", "86-KH/TU", "140-KH/TU"} <= {r["key"] for r in rows}
    assert {r["province"] for r in rows} >= {"Điện Biên", "Lai Châu", "Sơn La"}
    assert plot.stat().st_size > 10_000
    assert main(["cascade", "35-CT/TW", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert main(["cascade", "xyz", "--db", str(db)]) == 2
