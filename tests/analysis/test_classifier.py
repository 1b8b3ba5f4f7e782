from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnparty_nlp import analyze
from vnparty_nlp.analysis import classifier as clf
from vnparty_nlp.extract import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

# written for this test: in none of the training data
CLEAR_POSITIVES = [
    "Công tác phát triển đảng viên ở các bản vùng cao còn chậm, nhiều bản chưa có chi bộ.",
    "Việc lấy ý kiến nhân dân góp ý văn kiện ở một số phường còn hình thức.",
    "Năng lực của đội ngũ bí thư chi bộ thôn còn hạn chế, lúng túng trong điều hành sinh hoạt.",
    "Tỷ lệ đảng viên trẻ tham gia cấp ủy cơ sở còn thấp, chưa đạt yêu cầu.",
]
CLEAR_NEGATIVES = [
    "Sau đại hội không có đơn thư khiếu nại, tố cáo về nhân sự.",
    "Để khắc phục những hạn chế trên, Ban Thường vụ Thị ủy đã ban hành kế hoạch chi tiết.",
    "Các chi bộ cần tiếp tục đổi mới nội dung sinh hoạt, phải bám sát nhiệm vụ chính trị.",
    "Đại hội đã bầu 13 đồng chí vào Ban Chấp hành Đảng bộ phường khóa mới.",
]


@pytest.fixture(scope="module")
def model() -> clf.ShortcomingClassifier:
    return clf.ShortcomingClassifier.default()


def test_training_data_is_big_balanced_and_clean():
    data = clf.load_sentences()
    assert len(data) >= 400
    labels = [s.label for s in data]
    assert set(labels) == {0, 1} and 0.3 < sum(labels) / len(labels) < 0.7
    assert len({s.text for s in data}) == len(data)
    assert len({s.topic for s in data}) >= 6


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _f1(a: list[str], b: list[str]) -> float:
    pool, common = list(b), 0
    for w in a:
        if w in pool:
            pool.remove(w)
            common += 1
    return 0.0 if not common else 2 * common / (len(a) + len(b))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the project")
def test_training_data_does_not_copy_the_seeds():
    seed_sentences = [_words(s) for p in SEEDS.glob("*.txt")
                      for s in re.split(r"(?<=[.;:!?…])\s+|\n", p.read_text(encoding="utf-8")) if len(s) > 30]
    for s in clf.load_sentences():
        words = _words(s.text)
        assert all(_f1(words, seed) < 0.9 for seed in seed_sentences), s.text


def test_separates_clear_positives_from_clear_negatives(model):
    assert model.predict(CLEAR_POSITIVES) == [True] * len(CLEAR_POSITIVES)
    assert model.predict(CLEAR_NEGATIVES) == [False] * len(CLEAR_NEGATIVES)
    assert model.proba([]).shape == (0,)


def test_held_out_report():
    ev = clf.evaluate()
    assert ev.n_test >= 80 and "shortcoming (1)" in ev.report
    assert ev.scores["shortcoming (1)"]["f1-score"] >= 0.85
    assert ev.scores["accuracy"] >= 0.85


def test_model_is_cached_on_disk_and_in_memory(model):
    assert clf.ShortcomingClassifier.default() is model
    assert list(clf.cache_dir().glob("shortcoming-classifier-*.joblib"))


ARTICLE = (
    "Năm 2020, Đảng bộ xã Nà Tấu đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu. "
    "Đội ngũ bí thư chi bộ ở các bản vùng cao vừa thiếu vừa yếu về kỹ năng. "
    "Sau đại hội không có đơn thư khiếu nại, tố cáo. "
    "Để khắc phục những hạn chế trên, Đảng ủy đã ban hành kế hoạch cụ thể. "
    "Tuy nhiên, công tác tổ chức còn bộc lộ một số hạn chế, như: hồ sơ nhân sự còn thiếu; số dư còn thấp."
)


def test_classifier_shortcomings_adds_only_unannounced_prose(model):
    record = analyze(ARTICLE, source="na-tau.txt")
    rule_texts = [f.text for f in record.shortcomings]
    assert rule_texts == ["hồ sơ nhân sự còn thiếu", "số dư còn thấp"]
    extra = clf.classifier_shortcomings(record, model)
    assert [f.text for f in extra] == ["Đội ngũ bí thư chi bộ ở các bản vùng cao vừa thiếu vừa yếu về kỹ năng."]
    assert extra[0].how == "classifier"
    assert all(record.text[f.start:f.stop] == f.text for f in extra)
    reasons = {c.text[:20]: c.reason for c in clf.candidates(record, model)}
    assert reasons["Để khắc phục những h"] == "remedy"
    assert reasons["Tuy nhiên, công tác "] == "rules"


def test_with_classifier_copies(model):
    record = analyze(ARTICLE, source="na-tau.txt")
    merged = clf.with_classifier(record, model)
    assert len(merged.shortcomings) == 3 and len(record.shortcomings) == 2
    assert [f.span for f in merged.shortcomings] == sorted(f.span for f in merged.shortcomings)
    assert merged.text == record.text and merged.documents == record.documents


def test_analyze_is_unchanged_by_default_and_opt_in_restores(model):
    before = analyze(ARTICLE).to_dict()
    order = list(REGISTRY)
    with clf.classifier_enabled():
        inside = analyze(ARTICLE)
    assert len(inside.shortcomings) == 3
    assert list(REGISTRY) == order
    assert analyze(ARTICLE).to_dict() == before


def test_doc_input_runs_the_rules(model):
    from vnparty_nlp.text import Doc

    extra = clf.classifier_shortcomings(Doc(ARTICLE), model)
    assert len(extra) == 1 and extra[0].text.startswith("Đội ngũ bí thư")
