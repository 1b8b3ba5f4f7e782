"""People with titles, organizations, congresses."""
from vnparty_nlp import analyze


def people(text):
    return [(p.name, p.title) for p in analyze(text).people]


def orgs(text):
    return [o.text for o in analyze(text).organizations]


def test_honorific_name_title():
    assert people("Đồng chí Văn Hữu Bằng Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Điện Biên cho biết: ...") == [
        ("Văn Hữu Bằng", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Điện Biên")]


def test_name_then_comma_title_and_all_caps():
    assert people("Đồng chí NGUYỄN THỊ THU HÀ, Phó Bí thư Thường trực Tỉnh ủy phát biểu chỉ đạo.") == [
        ("Nguyễn Thị Thu Hà", "Phó Bí thư Thường trực Tỉnh ủy")]


def test_title_first_name_after_place():
    assert people("Dự hội nghị có Bí thư Huyện ủy Mường Nhé Lò Văn Muôn.") == [
        ("Lò Văn Muôn", "Bí thư Huyện ủy Mường Nhé")]


def test_places_are_not_people():
    assert people("Trưởng Ban Tổ chức Tỉnh ủy Hà Giang cho biết, các đồng chí lãnh đạo đã dự.") == []


def test_organizations_with_names_levels_and_nesting():
    found = orgs("Ban Thường vụ Huyện ủy Ninh Giang chỉ đạo Đảng bộ xã Hồng Đức và Đảng bộ cơ quan Dân - Đảng; "
                 "Đảng ủy Bộ đội Biên phòng, Đảng ủy Công an cùng Bộ Chính trị.")
    assert found[:5] == ["Ban Thường vụ Huyện ủy Ninh Giang", "Huyện ủy Ninh Giang", "Đảng bộ xã Hồng Đức",
                         "Đảng bộ cơ quan Dân - Đảng", "Đảng ủy Bộ đội Biên phòng"]
    assert "Đảng ủy Công an" in found and "Bộ Chính trị" in found


def test_bare_committees_are_references_not_names():
    assert orgs("Tỉnh ủy đã chỉ đạo; Ban Thường vụ họp; các đảng bộ trực thuộc thực hiện.") == []


def test_congress_with_organization_ordinal_and_term():
    (c,) = analyze("Đại hội đại biểu Đảng bộ tỉnh Thái Nguyên lần thứ XX nhiệm kỳ 2020 - 2025 thành công.").congresses
    assert (c.organization, c.number, c.term_start, c.term_end, c.pilot) == (
        "Đảng bộ tỉnh Thái Nguyên", 20, 2020, 2025, False)


def test_list_of_people_after_cac_dong_chi():
    assert people("Dự hội nghị có các đồng chí: Nguyễn Văn Lợi, Bí thư Tỉnh ủy; Trần Tuệ Hiền, Phó Bí thư "
                  "Thường trực Tỉnh ủy; và Huỳnh Anh Minh, Phó Chủ tịch UBND tỉnh. Đồng chí Lê Văn An phát biểu.") == [
        ("Nguyễn Văn Lợi", "Bí thư Tỉnh ủy"), ("Trần Tuệ Hiền", "Phó Bí thư Thường trực Tỉnh ủy"),
        ("Huỳnh Anh Minh", "Phó Chủ tịch UBND tỉnh"), ("Lê Văn An", None)]
