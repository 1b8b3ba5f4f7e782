"""The document registry: one identity per document however cited; numbers reused across terms."""
import pytest

from vnparty_nlp.extract.registry import (
    DocumentRegistry,
    RegistryError,
    default_registry,
    level_of,
    use_registry,
)


@pytest.fixture(scope="module")
def registry():
    return default_registry()


@pytest.mark.parametrize("citation", [
    "35-CT/TW", "35- CT/ TW", "Chỉ thị 35", "Chỉ thị số 35 của Bộ Chính trị", "chỉ thị số: 35-CT/TW",
    "Chỉ thị số 35 - CT/TW của Bộ Chính trị khóa XII",
])
def test_spellings_of_one_directive_resolve_to_the_2019_one_for_a_2020_article(registry, citation):
    res = registry.resolve(citation, article_date="2020-05-21")
    assert res.status == "resolved" and res.identity == "35-CT/TW@2019-05-30", res.reason


def test_reused_number_is_told_apart_by_date_congress_and_article_date(registry):
    assert registry.resolve("Chỉ thị số 35-CT/TW ngày 14/6/2024").identity == "35-CT/TW@2024-06-14"
    assert registry.resolve("Chỉ thị 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội "
                            "đại biểu toàn quốc lần thứ XIV của Đảng").identity == "35-CT/TW@2024-06-14"
    assert registry.resolve("Chỉ thị 35-CT/TW", article_date="2025-03-01").identity == "35-CT/TW@2024-06-14"
    assert registry.resolve("Chỉ thị 35-CT/TW", article_date="2024-05-01").identity == "35-CT/TW@2019-05-30"


def test_without_any_clue_a_reused_number_is_ambiguous_not_guessed(registry):
    res = registry.resolve("Chỉ thị số 35 của Bộ Chính trị")
    assert res.status == "ambiguous" and res.identity is None
    assert [c.id for c in res.candidates] == ["35-CT/TW@2019-05-30", "35-CT/TW@2024-06-14"]
    assert registry.resolve("Hướng dẫn 01-HD/TW").status == "ambiguous"


def test_unknown_and_impossible_citations_are_unresolved(registry):
    assert registry.resolve("Kết luận số 999-KL/TW của Ban Bí thư").status == "unresolved"
    assert registry.resolve("Chỉ thị 35-CT/TW", article_date="2018-02-01").status == "unresolved"
    assert registry.resolve("không có văn bản nào ở đây").status == "unresolved"
    dated = registry.resolve("Kết luận số 999-KL/TW ngày 3/2/2023 của Ban Bí thư")
    assert dated.status == "dated" and dated.identity == "999-KL/TW@2023-02-03" and not dated.entry


def test_plenum_resolutions_and_state_decisions(registry):
    assert registry.resolve("Nghị quyết Trung ương 4 (khóa XII)").identity == "04-NQ/TW@2016-10-30"
    assert registry.resolve("Nghị quyết Trung ương 4 khóa XI").identity == "12-NQ/TW@2012-01-16"
    assert registry.resolve("Quyết định số 1600/QĐ.TTg ngày 16/8/2016 của Thủ tướng Chính phủ").identity \
        == "1600/QĐ-TTg@2016-08-16"
    assert registry.resolve("quy định 07 của Bộ chính trị").identity == "07-QĐi/TW@2018-08-28"


def test_local_documents_are_scoped_by_issuer_and_province(registry):
    res = registry.resolve("Kế hoạch số 79-KH/TU ngày 14-8-2019 của BCH Tỉnh ủy Điện Biên")
    assert (res.status, res.identity) == ("local", "79-KH/TU@Điện Biên@2019-08-14")
    other = registry.resolve("Kế hoạch số 79-KH/TU ngày 2/3/2020 của Ban Thường vụ Tỉnh ủy Lai Châu")
    assert other.identity == "79-KH/TU@Lai Châu@2020-03-02"
    assert registry.resolve("Kế hoạch số 65-KH/HU", province="Thái Bình").identity == "65-KH/HU@Thái Bình"
    assert registry.resolve("Quyết định số 123/QĐ-UBND ngày 5/1/2021 của UBND tỉnh Lào Cai").identity \
        == "123/QĐ-UBND@Lào Cai@2021-01-05"
    assert registry.resolve("Chỉ thị số 17 của Ban Thường vụ Tỉnh ủy Yên Bái").identity \
        == "chỉ thị 17@Ban Thường vụ Tỉnh ủy Yên Bái"


def test_levels_from_issuer_or_code():
    assert level_of("Bộ Chính trị", "CT/TW") == 0
    assert level_of(None, "HD/BTCTW") == 1
    assert level_of("Thủ tướng Chính phủ", "QĐ-TTg") == 1
    assert level_of("BCH Tỉnh ủy Điện Biên", "KH/TU") == 2
    assert level_of("Ban Tổ chức Huyện ủy", "HD/BTC") == 3
    assert level_of("Đảng ủy xã Nông Thượng", "KH/ĐU") == 4


def test_users_extend_the_registry_with_their_own_file(tmp_path, registry):
    extra = tmp_path / "mine.csv"
    extra.write_text("type,number,code,date,issuer,source,province\n"
                     "kế hoạch,79,KH/TU,2019-08-14,Ban Chấp hành Đảng bộ tỉnh,Công báo tỉnh Điện Biên,Điện Biên\n"
                     "kết luận,999,KL/TW,2023-02-03,Ban Bí thư,my notes\n", encoding="utf-8")
    mine = registry.extended(extra)
    assert len(mine) == len(registry) + 2
    assert mine.resolve("Kết luận số 999-KL/TW").identity == "999-KL/TW@2023-02-03"
    assert mine.resolve("Kế hoạch số 79-KH/TU của Tỉnh ủy Điện Biên").status == "resolved"
    assert mine.resolve("Kế hoạch số 79-KH/TU của Tỉnh ủy Lai Châu").status == "local"
    try:
        assert use_registry([extra]).get("999-KL/TW@2023-02-03")
        assert default_registry() is not registry
    finally:
        use_registry(None)
    assert default_registry().get("999-KL/TW@2023-02-03") is None


def test_bad_registry_files_say_where(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("type,number,code,date,issuer,source\nchỉ thị,35,CT/TW,30-5-2019,Bộ Chính trị,x\n",
                   encoding="utf-8")
    with pytest.raises(RegistryError, match="bad.csv:2: date"):
        DocumentRegistry.load(bad)
    notreg = tmp_path / "other.csv"
    notreg.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="not a document registry"):
        DocumentRegistry.load(notreg, builtin=False)


def test_every_builtin_entry_names_its_source_and_implements_registered_documents(registry):
    for entry in registry:
        assert entry.source and entry.issuer and entry.title
        for target in entry.implements:
            assert target in registry, (entry.id, target)
    assert registry.lookup("35- CT/ TW")[0].id == "35-CT/TW@2019-05-30"
