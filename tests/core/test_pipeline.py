"""End to end on the seed articles: spans, layout, furniture, records, the CLI, and bad input."""
import json
import subprocess
import sys
import unicodedata

import pytest

from tests.conftest import CORPUS, SEEDS
from vnparty_nlp import InputError, Record, analyze, analyze_many


def test_every_fact_quotes_its_span(seed_records):
    n = 0
    for record in seed_records.values():
        for fact in record.all_facts():
            assert record.text[fact.start:fact.stop] == fact.text
            n += 1
    assert n > 80


def test_layout_of_the_seeds(seed_records):
    db, ng = seed_records["dien-bien-dai-hoi-diem-2020"], seed_records["ninh-giang-dai-hoi-diem-2020"]
    assert (db.title, db.published, db.author) == (
        "Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở", "2020-05-21T17:30", "Phong Lâm")
    assert (ng.title, ng.published, ng.author) == ("Những kinh nghiệm rút ra từ đại hội điểm đảng bộ cơ sở", None, None)
    assert ng.credit == "T/h: Đài phát thanh huyện"


def test_furniture_is_cut_and_its_dates_are_not_facts(seed_texts, seed_records):
    ng_text = seed_texts["ninh-giang-dai-hoi-diem-2020"]
    ng = seed_records["ninh-giang-dai-hoi-diem-2020"]
    assert ng_text.startswith(ng.text)
    assert "Các bài liên quan" not in ng.text and "VĂN BẢN MỚI" not in ng.text
    assert "(09/03/2020)" in ng_text
    assert not any(d.value.startswith(("2020-03-09", "2020-02-28", "2020-03-02")) for d in ng.dates)
    db = seed_records["dien-bien-dai-hoi-diem-2020"]
    assert "Ý KIẾN BẠN ĐỌC" not in db.text and "Số 5 - 2022" not in db.text
    assert db.text.endswith("Phong Lâm Ban Tổ chức Tỉnh ủy Điện Biên")


def test_seed_facts_the_genre_expects(seed_records):
    db = seed_records["dien-bien-dai-hoi-diem-2020"]
    assert {d.key for d in db.documents} >= {"35-CT/TW", "26-HD/BTCTW", "79-KH/TU", "03-HD/TW"}
    assert (2500, "chi bộ trực thuộc đảng bộ cơ sở") in {(c.value, c.unit) for c in db.counts}
    assert len(db.shortcomings) == 7
    ng = seed_records["ninh-giang-dai-hoi-diem-2020"]
    assert ("2020-03-11", "2020-03-12") in {(d.value, d.end) for d in ng.dates}
    assert len(ng.shortcomings) == 2


def test_nfd_article_gives_the_same_facts_with_nfd_offsets(seed_texts, seed_records):
    nfc_record = seed_records["dien-bien-dai-hoi-diem-2020"]
    nfd_text = unicodedata.normalize("NFD", seed_texts["dien-bien-dai-hoi-diem-2020"]).replace("ủy", "uỷ")
    nfd_record = analyze(nfd_text)
    for kind in ("documents", "dates", "counts", "shortcomings", "people"):
        a = [unicodedata.normalize("NFC", f.text).replace("uỷ", "ủy") for f in nfc_record.facts[kind]]
        b = [unicodedata.normalize("NFC", f.text).replace("uỷ", "ủy") for f in nfd_record.facts[kind]]
        assert a == b, kind
    for fact in nfd_record.all_facts():
        assert nfd_record.text[fact.start:fact.stop] == fact.text


def test_record_round_trips_through_json(seed_records):
    record = seed_records["dien-bien-dai-hoi-diem-2020"]
    data = json.loads(record.to_json())
    assert set(data) >= {"source", "title", "published", "author", "text", "documents", "dates", "counts",
                         "shortcomings", "people", "organizations"}
    assert data["documents"][1]["span"] == [record.documents[1].start, record.documents[1].stop]
    again = Record.from_dict(data)
    assert again.documents == record.documents and again.dates == record.dates
    assert again.text == record.text


def test_facts_frame_has_one_row_per_fact(seed_records):
    record = seed_records["dien-bien-dai-hoi-diem-2020"]
    frame = record.facts_frame()
    assert len(frame) == sum(len(v) for v in record.facts.values())
    docs = frame[frame.fact_type == "documents"]
    assert "35" in set(docs["number"])


def test_unknown_fact_type_is_an_attribute_error(seed_records):
    with pytest.raises(AttributeError):
        seed_records["dien-bien-dai-hoi-diem-2020"].elections  # noqa: B018


def test_tokens_on_request_only():
    text = "Đảng bộ xã Mường Toong thực hiện Chỉ thị số 35-CT/TW."
    assert analyze(text).tokens == []
    tokens = analyze(text, tokenize=True).tokens
    assert "35-CT/TW" in [t.text for t in tokens]


# --- bad input ---------------------------------------------------------------------------------
def test_empty_and_blank_text_give_empty_records():
    for text in ("", "   \n\n  "):
        record = analyze(text)
        assert list(record.all_facts()) == []


def test_text_without_vietnamese_gives_a_record():
    record = analyze("The quick brown fox jumps over the lazy dog. 42 is the answer, said 2020.")
    assert record.documents == [] and record.counts == []


def test_huge_text_is_refused_quickly_with_a_clear_error():
    with pytest.raises(InputError, match="larger than one article"):
        analyze("Đảng bộ tỉnh có 617 TCCSĐ. " * 400_000)  # ~10 MB


def test_binary_garbage_is_refused():
    garbage = bytes(range(256)).decode("latin-1") * 50
    with pytest.raises(InputError, match="binary"):
        analyze(garbage)
    with pytest.raises(InputError, match="str"):
        analyze(b"\x00\x01")  # type: ignore[arg-type]


def test_batch_skips_bad_items_and_keeps_order():
    texts = ["Có 617 TCCSĐ.", "\x00\x01\x02" * 100, "Có 40.809 đảng viên."]
    records = list(analyze_many(texts, progress=False))
    assert [r.counts[0].value for r in records] == [617, 40809]


def test_batch_with_processes_matches_serial(seed_texts):
    items = [(t, {"source": n}) for n, t in seed_texts.items()]
    serial = [r.to_dict() for r in analyze_many(items, progress=False)]
    parallel = [r.to_dict() for r in analyze_many(items, processes=2, progress=False)]
    assert serial == parallel


# --- CLI ---------------------------------------------------------------------------------------
def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "vnparty_nlp.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_cli_extract_jsonl_in_input_order():
    paths = [str(CORPUS / f"{name}.txt") for name in reversed(SEEDS)]
    done = run_cli("extract", "--format", "jsonl", *paths)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source"] for r in records] == paths
    assert records[1]["documents"][1]["code"] == "CT/TW"
    # metadata comes from the sidecar .meta.json when there is one
    assert records[1]["site"] == "Tạp chí Xây dựng Đảng"


def test_cli_extract_json_and_a_bad_file(tmp_path):
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(256)) * 100)
    good = CORPUS / f"{SEEDS[1]}.txt"
    done = run_cli("extract", "--format", "json", str(bad), str(good))
    assert done.returncode == 1
    records = json.loads(done.stdout)
    assert [r["source"] for r in records] == [str(good)]
    assert "garbage.txt" in done.stderr and "Traceback" not in done.stderr


def test_dateline_under_the_article_and_byline():
    record = analyze("Tiêu đề bài viết về đại hội\nNội dung bài viết rất dài về đại hội đảng bộ các cấp, với nhiều "
                     "chi tiết quan trọng khác nhau trong nhiệm kỳ.\nNgày đăng: 12/03/2020\nNguyễn Văn An")
    assert (record.title, record.published, record.author) == ("Tiêu đề bài viết về đại hội", "2020-03-12", "Nguyễn Văn An")


def test_related_links_box_inside_the_body_gives_no_facts_and_does_not_end_the_article():
    para = ("Ngày 12/5/2020, Đảng bộ xã Tân Lập tổ chức đại hội điểm với 112 đại biểu tham dự, thảo luận kỹ "
            "văn kiện và bầu Ban Chấp hành khóa mới đúng quy trình, đủ số lượng và cơ cấu.")
    text = (f"Tân Lập tổ chức đại hội điểm\n{para}\nTin liên quan\n"
            "Huyện Đồng Phú chuẩn bị đại hội (02/03/2020)\nXã Tân Hòa kết nạp 15 đảng viên (28/02/2020)\n"
            f"{para.replace('112', '98').replace('12/5/2020', '14/5/2020')}\n"
            "Các tin khác\nHuyện ủy họp tổng kết (01/01/2020)")
    record = analyze(text)
    assert "Xã Tân Hòa" in record.text and "Huyện ủy họp tổng kết" not in record.text
    assert [d.value for d in record.dates] == ["2020-05-12", "2020-05-14"]
    assert [c.value for c in record.counts] == [112, 98]
    for fact in record.all_facts():
        assert record.text[fact.start:fact.stop] == fact.text


def test_a_failing_extractor_skips_that_article_only(monkeypatch):
    from vnparty_nlp.extract import REGISTRY, Extractor
    from vnparty_nlp.extract.counts import Count

    def explode(doc):
        if "nổ" in doc.norm:
            raise RuntimeError("boom")
        return []

    monkeypatch.setitem(REGISTRY, "fragile", Extractor(name="fragile", fact_type=Count, find=explode))
    records = list(analyze_many(["Có 617 TCCSĐ.", "Bài này làm nổ bộ trích xuất.", "Có 40.809 đảng viên."],
                                progress=False))
    assert [r.counts[0].value for r in records] == [617, 40809]


def test_cli_extract_with_the_classifier_does_not_repeat_what_the_rules_found(tmp_path):
    article = tmp_path / "bac-kan.txt"
    article.write_text(
        "Bắc Kạn: Sơ kết công tác phát triển đảng viên\n"
        "Sáu tháng đầu năm 2020, Đảng bộ tỉnh Bắc Kạn kết nạp 412 đảng viên mới, đạt 52% kế hoạch năm. "
        "Năng lực của một số bí thư chi bộ thôn còn hạn chế, lúng túng trong việc tạo nguồn kết nạp đảng. "
        "Thời gian tới, các cấp ủy tiếp tục quan tâm bồi dưỡng quần chúng ưu tú.\n", encoding="utf-8")
    plain = json.loads(run_cli("extract", str(article)).stdout)
    assert [(s["how"], s["text"]) for s in plain["shortcomings"]] == [
        ("cue", "Năng lực của một số bí thư chi bộ thôn còn hạn chế, lúng túng trong việc tạo nguồn kết nạp đảng")]
    done = run_cli("extract", "--classifier", str(article))
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert [s["text"] for s in record["shortcomings"]] == [s["text"] for s in plain["shortcomings"]]
