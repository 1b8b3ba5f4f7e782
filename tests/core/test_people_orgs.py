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
    (p,) = analyze("Đồng chí NGUYỄN THỊ THU HÀ, Phó Bí thư Thường trực Tỉnh ủy phát biểu chỉ đạo.").people
    assert (p.name, p.normalized_name, p.title) == ("NGUYỄN THỊ THU HÀ", "Nguyễn Thị Thu Hà", "Phó Bí thư Thường trực Tỉnh ủy")


def test_title_first_name_after_place():
    assert people("Dự hội nghị có Bí thư Huyện ủy Mường Nhé Lò Văn Muôn.") == [
        ("Lò Văn Muôn", "Bí thư Huyện ủy Mường Nhé")]


def test_places_are_not_people():
    assert people("Trưởng Ban Tổ chức Tỉnh ủy Hà Giang cho biết, các đồng chí lãnh đạo đã dự.") == []


def test_organizations_with_names_levels_and_nesting():
    found = orgs("Ban Thường vụ Huyện ủy Ninh Giang chỉ đạo Đảng bộ xã Hồng Đức và Đảng bộ cơ quan Dân - Đảng; "
                 "Đảng ủy Bộ đội Biên phòng, Đảng ủy Công an cùng Bộ Chính trị.")
    assert found[:4] == ["Ban Thường vụ Huyện ủy Ninh Giang", "Đảng bộ xã Hồng Đức",
                         "Đảng bộ cơ quan Dân - Đảng", "Đảng ủy Bộ đội Biên phòng"]
    assert "Đảng ủy Công an" in found and "Bộ Chính trị" in found


def test_bare_heads_are_references_but_a_level_committee_alone_names_its_body():
    assert orgs("Tỉnh ủy đã chỉ đạo; Ban Thường vụ họp; các đảng bộ trực thuộc thực hiện.") == ["Tỉnh ủy"]
    # ... unless the article names it in full: the short form is then the same body
    assert orgs("Tỉnh ủy Gia Lai chỉ đạo; Tỉnh ủy yêu cầu các chi bộ thôn thực hiện.") == ["Tỉnh ủy Gia Lai"]


def test_congress_with_organization_ordinal_and_term():
    (c,) = analyze("Đại hội đại biểu Đảng bộ tỉnh Thái Nguyên lần thứ XX nhiệm kỳ 2020 - 2025 thành công.").congresses
    assert (c.organization, c.number, c.term_start, c.term_end, c.pilot) == (
        "Đảng bộ tỉnh Thái Nguyên", 20, 2020, 2025, False)


def test_list_of_people_after_cac_dong_chi():
    assert people("Dự hội nghị có các đồng chí: Nguyễn Văn Lợi, Bí thư Tỉnh ủy; Trần Tuệ Hiền, Phó Bí thư "
                  "Thường trực Tỉnh ủy; và Huỳnh Anh Minh, Phó Chủ tịch UBND tỉnh. Đồng chí Lê Văn An phát biểu.") == [
        ("Nguyễn Văn Lợi", "Bí thư Tỉnh ủy"), ("Trần Tuệ Hiền", "Phó Bí thư Thường trực Tỉnh ủy"),
        ("Huỳnh Anh Minh", "Phó Chủ tịch UBND tỉnh"), ("Lê Văn An", None)]


# --- people: the forms of the genre, on sentences written for these tests -------------------------------

def test_title_chain_before_the_name_is_taken_whole():
    assert people("Phát biểu bế mạc, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bạc Liêu Huỳnh Văn Tâm "
                  "biểu dương các đơn vị.") == [("Huỳnh Văn Tâm", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bạc Liêu")]


def test_dash_list_after_cac_dc_and_comma_between_items():
    assert people("Tham dự có các Đ/c: Đào Văn Lực - Phó Bí thư Thường trực Huyện ủy, Mạc Thị Hoa – Chủ tịch "
                  "UBND huyện, Lường Văn Sơn - Chủ tịch Ủy ban MTTQ huyện, các đồng chí UVBTV Huyện ủy.") == [
        ("Đào Văn Lực", "Phó Bí thư Thường trực Huyện ủy"), ("Mạc Thị Hoa", "Chủ tịch UBND huyện"),
        ("Lường Văn Sơn", "Chủ tịch Ủy ban MTTQ huyện")]


def test_list_headed_by_a_shared_title():
    assert people("Các Ủy viên Trung ương Đảng: Hầu Văn Lý - Bí thư Tỉnh ủy; Giàng Thị Dung - Phó Chủ tịch "
                  "UBND tỉnh cùng dự.") == [("Hầu Văn Lý", "Bí thư Tỉnh ủy"), ("Giàng Thị Dung", "Phó Chủ tịch UBND tỉnh")]


def test_lower_case_posts_abbreviations_and_former_posts():
    assert people("Có mặt đồng chí Ngô Thanh Bình, phó chủ nhiệm Ủy ban kiểm tra Thị ủy; kỷ luật các đồng chí "
                  "Phùng Quang Vinh, nguyên Giám đốc Sở Xây dựng và Tạ Minh Khoa, UVTV, Chánh văn phòng Thị ủy.") == [
        ("Ngô Thanh Bình", "phó chủ nhiệm Ủy ban kiểm tra Thị ủy"),
        ("Phùng Quang Vinh", "nguyên Giám đốc Sở Xây dựng"), ("Tạ Minh Khoa", "UVTV, Chánh văn phòng Thị ủy")]


def test_a_title_stops_at_the_verb_and_at_the_next_clause():
    assert people("Đồng chí Lê Thị Mến, Bí thư Đảng ủy xã, Chủ tịch HĐND xã trình bày báo cáo, các đại biểu "
                  "thảo luận.") == [("Lê Thị Mến", "Bí thư Đảng ủy xã, Chủ tịch HĐND xã")]
    assert people("Ông Vi Văn Tú, thành viên tổ giúp việc Ban Chỉ đạo đại hội dự và phát biểu.") == [
        ("Vi Văn Tú", "thành viên tổ giúp việc Ban Chỉ đạo đại hội")]


def test_name_and_title_broken_by_a_hard_line_break():
    (p,) = analyze("Đồng chí Triệu Văn\nHùng - Phó Bí thư\nHuyện ủy Bảo Lạc phát biểu.").people
    assert (p.text, p.name, p.title) == ("Triệu Văn\nHùng", "Triệu Văn Hùng", "Phó Bí thư\nHuyện ủy Bảo Lạc")


def test_a_name_ends_at_the_line_break_after_it():
    assert people("Đồng chí Nông Văn Chiến\nQuang cảnh hội nghị.") == [("Nông Văn Chiến", None)]


def test_abbreviations_are_not_names_and_the_name_after_va_is_not_the_titles_holder():
    assert people("Dự có các đồng chí UVBTV Thành ủy, Trưởng Ban Dân vận Thành ủy và Đỗ Văn Khang.") == []


def test_a_mention_without_title_takes_the_title_given_elsewhere():
    found = analyze("Bà Kiều Thị Lan nhận quyết định. Trước đó, bà Kiều Thị Lan - Phó Chủ tịch HĐND tỉnh đã "
                    "báo cáo.").people
    assert [(p.name, p.title) for p in found] == [("Kiều Thị Lan", "Phó Chủ tịch HĐND tỉnh")] * 2


# --- organizations: complete names in the forms of the genre --------------------------------------------

def test_nested_heads_levels_and_numbers_make_one_complete_name():
    assert orgs("Ban Chấp hành Đảng bộ huyện Krông Pắc họp; Chi bộ ấp 3 xã Tân Phú, Đảng bộ Công an tỉnh và "
                "Đảng bộ Khối các cơ quan tỉnh cùng báo cáo.") == [
        "Ban Chấp hành Đảng bộ huyện Krông Pắc", "Chi bộ ấp 3 xã Tân Phú", "Đảng bộ Công an tỉnh",
        "Đảng bộ Khối các cơ quan tỉnh"]


def test_abbreviated_and_lower_case_heads():
    assert orgs("BTV Thị ủy Phú Thọ giao UBKT Thị ủy và Ủy ban Kiểm tra (UBKT) Huyện ủy Lâm Thao; "
                "ban thường vụ huyện ủy Tam Nông chỉ đạo đảng bộ xã Hiền Quan.") == [
        "BTV Thị ủy Phú Thọ", "UBKT Thị ủy", "Ủy ban Kiểm tra (UBKT) Huyện ủy Lâm Thao",
        "ban thường vụ huyện ủy Tam Nông", "đảng bộ xã Hiền Quan"]


def test_departments_and_level_bodies_are_not_truncated():
    assert orgs("Sở Nông nghiệp và Phát triển nông thôn phối hợp với UBND huyện, HĐND huyện và Hội Nông dân "
                "huyện Tiên Lữ.") == [
        "Sở Nông nghiệp và Phát triển nông thôn", "UBND huyện", "HĐND huyện", "Hội Nông dân huyện Tiên Lữ"]


def test_a_body_stops_before_a_person_a_line_break_and_a_document_title():
    assert orgs("Trưởng Ban Dân vận Tỉnh ủy Nghệ An Nguyễn Văn Dũng phát biểu.") == ["Ban Dân vận Tỉnh ủy Nghệ An"]
    assert orgs("Ban Thường vụ Tỉnh ủy Hậu Giang\n\nCông tác kiểm tra") == ["Ban Thường vụ Tỉnh ủy Hậu Giang"]
    assert orgs("theo Hướng dẫn của Ban Tuyên giáo Trung ương Một số nội dung cần làm") == ["Ban Tuyên giáo Trung ương"]


def test_a_post_before_thuong_truc_keeps_it_in_the_title_and_places_alone_are_not_bodies():
    assert orgs("Phó Chủ tịch Thường trực HĐND tỉnh Long An dự; các huyện Đức Hòa, Bến Lức thực hiện.") == [
        "HĐND tỉnh Long An"]


def test_all_caps_heading_title_stops_at_the_verb():
    (p,) = analyze("ĐỒNG CHÍ HOÀNG THỊ THU, PHÓ BÍ THƯ HUYỆN ỦY PHÁT BIỂU TẠI HỘI NGHỊ").people
    assert (p.name, p.normalized_name, p.title) == ("HOÀNG THỊ THU", "Hoàng Thị Thu", "PHÓ BÍ THƯ HUYỆN ỦY")


def test_bloc_party_committees_keep_their_whole_name():
    assert orgs("Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hà Nam phối hợp với Đảng ủy khối Doanh nghiệp "
                "tỉnh.") == ["Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Hà Nam", "Đảng ủy khối Doanh nghiệp tỉnh"]


def test_bare_committees_in_titles_in_plurals_or_named_in_full_are_left_out():
    assert orgs("Mời chủ tịch HĐND, UBND các xã, thị trấn dự họp.") == []
    assert orgs("Ban Thường vụ Huyện ủy Văn Chấn giao Huyện ủy chỉ đạo Đảng bộ huyện thực hiện; "
                "Đảng bộ huyện Văn Chấn có 52 tổ chức cơ sở đảng.") == [
        "Ban Thường vụ Huyện ủy Văn Chấn", "Đảng bộ huyện Văn Chấn"]
    assert orgs("Huyện ủy chỉ đạo UBND huyện rà soát.") == ["Huyện ủy", "UBND huyện"]


def test_a_two_word_name_right_after_the_post():
    assert people("Chiều nay, Tổng Bí thư Phùng Bình làm việc; Chủ tịch nước Lương Khang dự.") == [
        ("Phùng Bình", "Tổng Bí thư"), ("Lương Khang", "Chủ tịch nước")]
    # ... but not a body whose first word is also a surname
    assert people("Trưởng Đoàn Kiểm tra báo cáo; Phó Chủ tịch Văn phòng Tỉnh ủy dự.") == []


def test_a_rank_before_the_name_and_posts_after_it_are_one_title():
    assert people("Đại tá Phan Văn Giang, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Kon Tum báo cáo.") == [
        ("Phan Văn Giang", "Đại tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Kon Tum")]
    # a second person's title after the first person's name stays with the second person
    assert people("Bí thư Tỉnh ủy Lò Văn Hưng, Chủ tịch UBND tỉnh Cầm Thị Nga cùng dự.") == [
        ("Lò Văn Hưng", "Bí thư Tỉnh ủy"), ("Cầm Thị Nga", "Chủ tịch UBND tỉnh")]


def test_state_bodies_with_their_level_and_place():
    assert orgs("Viện Kiểm sát nhân dân tỉnh Sóc Trăng, Tòa án nhân dân huyện Mỹ Tú và Đoàn ĐBQH tỉnh dự; "
                "Chi bộ Trường THCS Bán trú Mỹ Phước báo cáo.") == [
        "Viện Kiểm sát nhân dân tỉnh Sóc Trăng", "Tòa án nhân dân huyện Mỹ Tú", "Đoàn ĐBQH tỉnh",
        "Chi bộ Trường THCS Bán trú Mỹ Phước"]


def test_a_very_long_list_of_people_is_read_whole():
    items = "; ".join(f"{s} Văn {g}, Phó Bí thư Đảng ủy xã" for s in ("Nguyễn", "Lò", "Trần", "Hầu")
                      for g in ("An", "Bình", "Cường", "Dũng", "Hải") * 100)
    found = analyze(f"Dự đại hội có các đồng chí: {items}. Đại hội thành công.").people
    assert len(found) == 2000 and {p.title for p in found} == {"Phó Bí thư Đảng ủy xã"}


def test_wards_and_streets_named_after_people_are_places():
    """Wards, communes and streets often bear a hero's name: after a place word it names the place."""
    assert people("Bí thư Đảng ủy phường Trần Phú, thành phố Hà Giang phát biểu tại hội nghị.") == []
    assert orgs("Bí thư Đảng ủy phường Trần Phú, thành phố Hà Giang phát biểu tại hội nghị.") == [
        "Đảng ủy phường Trần Phú"]
    assert people("Chủ tịch UBND xã Nguyễn Huệ Trần Văn Nam cho biết, xã đã hoàn thành kế hoạch.") == [
        ("Trần Văn Nam", "Chủ tịch UBND xã Nguyễn Huệ")]
    assert people("Bí thư Chi bộ khu phố Quang Trung Nguyễn Thị Hoa báo cáo kết quả.") == [
        ("Nguyễn Thị Hoa", "Bí thư Chi bộ khu phố Quang Trung")]
    assert people("Trụ sở mới trên đường Lê Lợi, do Phó Chủ tịch Hoàng Minh Tuấn cắt băng.") == [
        ("Hoàng Minh Tuấn", "Phó Chủ tịch")]


def test_party_schools_and_academies_are_bodies():
    assert orgs("Ban Tuyên giáo Tỉnh ủy Phú Yên phối hợp với Học viện Chính trị quốc gia Hồ Chí Minh mở lớp.") == [
        "Ban Tuyên giáo Tỉnh ủy Phú Yên", "Học viện Chính trị quốc gia Hồ Chí Minh"]
    assert "Học viện Chính trị khu vực III" in orgs("Giảng viên Học viện Chính trị khu vực III trình bày chuyên đề.")
    assert orgs("Học viện đã đào tạo nhiều cán bộ trẻ.") == []


def titles(text: str) -> dict[str, str | None]:
    return {p.name: p.title for p in analyze(text).people}


def test_a_title_keeps_the_named_unit_joined_by_va():
    text = ("Đồng chí Hoàng Văn Lâm, Huyện ủy viên, Trưởng phòng Tài nguyên và Môi trường huyện dự hội nghị. "
            "Ông Vi Văn Sơn - Giám đốc Sở Giáo dục và Đào tạo tỉnh Bắc Kạn phát biểu.")
    assert titles(text) == {
        "Hoàng Văn Lâm": "Huyện ủy viên, Trưởng phòng Tài nguyên và Môi trường huyện",
        "Vi Văn Sơn": "Giám đốc Sở Giáo dục và Đào tạo tỉnh Bắc Kạn",
    }


def test_a_title_stops_at_the_verb_of_the_sentence():
    text = ("Đồng chí Đặng Văn Tú, Bí thư Đảng ủy, Chủ tịch Hội đồng thành viên Công ty chịu trách nhiệm chính về "
            "các vi phạm trên. Ông Phạm Quốc Khánh, Phó Chủ tịch UBND xã trực tiếp ký các hợp đồng sai quy định.")
    assert titles(text) == {
        "Đặng Văn Tú": "Bí thư Đảng ủy, Chủ tịch Hội đồng thành viên Công ty",
        "Phạm Quốc Khánh": "Phó Chủ tịch UBND xã",
    }


def test_a_company_named_after_cong_ty_stays_whole():
    assert orgs("Ủy ban Kiểm tra Đảng ủy Công ty Cổ phần Cao su Đồng Phú kiểm tra 3 chi bộ.") == [
        "Ủy ban Kiểm tra Đảng ủy Công ty Cổ phần Cao su Đồng Phú"]
    assert "Đảng bộ Công ty TNHH MTV Lâm nghiệp Hương Sơn" in orgs(
        "Đảng bộ Công ty TNHH MTV Lâm nghiệp Hương Sơn tổ chức đại hội.")


def test_an_all_caps_body_ends_at_the_headline_verb():
    text = "ĐẢNG BỘ XÃ TÂN PHÚ SƠ KẾT 3 NĂM THỰC HIỆN CHỈ THỊ 05\n\nNgày 3/4, Đảng bộ xã Tân Phú tổ chức hội nghị."
    assert orgs(text)[0] == "ĐẢNG BỘ XÃ TÂN PHÚ"
    text = "BAN THƯỜNG VỤ THÀNH ỦY VỊ THANH KẾT NẠP ĐẢNG VIÊN MỚI\n\nSáng 12/5, lễ kết nạp diễn ra tại hội trường."
    assert orgs(text)[0] == "BAN THƯỜNG VỤ THÀNH ỦY VỊ THANH"


def test_names_joined_by_an_apostrophe_in_people_and_places():
    assert people("Dự đại hội có đồng chí H'Yim Kđoh, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy "
                  "Đắk Lắk.") == [("H'Yim Kđoh", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy Đắk Lắk")]
    assert people("UBKT Tỉnh ủy thi hành kỷ luật khiển trách đồng chí Siu H'Bé, Phó Bí thư Đảng ủy xã.") == [
        ("Siu H'Bé", "Phó Bí thư Đảng ủy xã")]
    record = analyze("Đồng chí Y'Jut Hwing - Bí thư Huyện ủy Ea H'Leo phát biểu. Huyện ủy Cư M'gar tổ chức hội nghị.")
    assert [(p.name, p.title) for p in record.people] == [("Y'Jut Hwing", "Bí thư Huyện ủy Ea H'Leo")]
    assert "Huyện ủy Cư M'gar" in [o.text for o in record.organizations]


def test_company_names_after_their_legal_form_keep_words_that_open_a_headline_elsewhere():
    found = orgs("Chi bộ Công ty TNHH Xây dựng Thái Sơn và Chi bộ Công ty cổ phần Nông sản Bắc Giang là mô hình "
                 "tiêu biểu.")
    assert found == ["Chi bộ Công ty TNHH Xây dựng Thái Sơn", "Chi bộ Công ty cổ phần Nông sản Bắc Giang"]
    assert orgs("Đảng ủy Công ty TNHH MTV Thực phẩm Tân Việt kết nạp 4 đảng viên.") == [
        "Đảng ủy Công ty TNHH MTV Thực phẩm Tân Việt"]
    assert orgs("Căn cứ hướng dẫn của Ban Tổ chức Trung ương Một số vấn đề về sinh hoạt chi bộ.") == [
        "Ban Tổ chức Trung ương"]


def test_place_names_ending_in_mot_and_all_caps_bodies_before_a_year():
    assert orgs("Ngày 22/12/2023, Thành ủy Thủ Dầu Một tổ chức hội nghị học tập nghị quyết.") == [
        "Thành ủy Thủ Dầu Một"]
    assert orgs("Đảng bộ thành phố Thủ Dầu Một có 60 tổ chức cơ sở đảng.") == ["Đảng bộ thành phố Thủ Dầu Một"]
    assert orgs("KIỂM ĐIỂM BAN THƯỜNG VỤ THÀNH ỦY HỘI AN NĂM 2023\n\nNgày 18/01, hội nghị diễn ra.") == [
        "BAN THƯỜNG VỤ THÀNH ỦY HỘI AN"]
    assert orgs("ĐẢNG BỘ XÃ TÂN LẬP NHIỆM KỲ 2020-2025\n\nĐại hội diễn ra trong hai ngày.") == ["ĐẢNG BỘ XÃ TÂN LẬP"]


def _org_texts(text: str) -> list[str]:
    from vnparty_nlp import analyze
    return [o.text for o in analyze(text).organizations]


def test_the_youth_unions_central_bodies_keep_their_name():
    assert "Ban Bí thư Trung ương Đoàn" in _org_texts(
        "Thực hiện hướng dẫn của Ban Bí thư Trung ương Đoàn, Huyện đoàn Lục Yên tổ chức ra quân.")
    assert "Ban Chấp hành Trung ương Đoàn" in _org_texts(
        "Hội nghị Ban Chấp hành Trung ương Đoàn lần thứ 8 diễn ra tại Hà Nội.")
    assert "Ban Bí thư" not in _org_texts("Thực hiện hướng dẫn của Ban Bí thư Trung ương Đoàn, các chi đoàn ra quân.")


def test_a_party_cell_of_a_numbered_area():
    assert "Chi bộ khu vực 3" in _org_texts("Chi bộ khu vực 3 có 27 đảng viên sinh hoạt thường xuyên.")
    assert "Chi bộ tiểu khu 12 thị trấn Hát Lót" in _org_texts(
        "Ngày 5/3, Chi bộ tiểu khu 12 thị trấn Hát Lót tổ chức kết nạp đảng viên.")


def test_an_abbreviated_centre_name_with_hyphens_and_ampersands():
    assert _org_texts("Ngày 2/4, Trung tâm VH-TT&TT huyện Tam Nông tổ chức hội diễn văn nghệ.") == [
        "Trung tâm VH-TT&TT huyện Tam Nông"]
    assert _org_texts("Trung tâm TT-VH huyện Yên Sơn phối hợp tuyên truyền.") == ["Trung tâm TT-VH huyện Yên Sơn"]


def test_a_steering_committee_keeps_its_task_with_commas():
    found = orgs("Chiều 5/9, Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Quảng Ngãi họp phiên thường kỳ.")
    assert "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Quảng Ngãi" in found
    found = orgs("Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện Krông Pắc và Ban Chỉ đạo 35 Tỉnh ủy Phú Yên "
                 "đã ban hành kế hoạch.")
    assert {"Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện Krông Pắc", "Ban Chỉ đạo 35 Tỉnh ủy Phú Yên"} <= set(found)


def test_an_all_caps_party_committee_opening_a_headline():
    assert "HUYỆN ỦY TUY PHONG" in orgs("HUYỆN ỦY TUY PHONG: Kết nạp 112 đảng viên mới\nNăm 2023, toàn huyện ...")
    found = orgs("THÀNH ỦY BẢO LỘC TỔNG KẾT CÔNG TÁC NĂM 2023\nSáng 28/12, ...")
    assert "THÀNH ỦY BẢO LỘC" in found
    assert not any(o.startswith("PHÒNG") for o in orgs("PHÒNG, CHỐNG THAM NHŨNG TỪ CƠ SỞ\nNăm 2023 ..."))


def test_standing_boards_and_abbreviated_mass_organizations():
    found = orgs("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Gia Lai phối hợp với Hội LHPN tỉnh, Tỉnh đoàn tổ chức hội nghị.")
    assert {"Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Gia Lai", "Hội LHPN tỉnh", "Tỉnh đoàn"} <= set(found)


def test_names_listed_after_cac_dong_chi_without_a_colon():
    assert people("Ban Chấp hành bầu các đồng chí Thào A Mỷ và Lường Thị Hoa giữ chức Phó Bí thư Huyện ủy.") == [
        ("Thào A Mỷ", None), ("Lường Thị Hoa", None)]
    assert people("Tiếp đoàn có các đ/c Nguyễn Văn Hùng, Bí thư Huyện ủy, Trần Thị Mai Anh, Chủ tịch UBND huyện "
                  "và Phạm Quốc Toản.") == [
        ("Nguyễn Văn Hùng", "Bí thư Huyện ủy"), ("Trần Thị Mai Anh", "Chủ tịch UBND huyện"), ("Phạm Quốc Toản", None)]


def test_a_one_syllable_highlands_name_before_its_title():
    assert people("Đồng chí K’Điệp, Phó Chủ tịch UBND huyện Di Linh phát biểu.") == [
        ("K'Điệp", "Phó Chủ tịch UBND huyện Di Linh")]
    assert people("Bà H’Mai, Chủ tịch Hội LHPN tỉnh, trao quà.") == [("H'Mai", "Chủ tịch Hội LHPN tỉnh")]
    assert people("Ông K’Ho trồng cà phê.") == []


def test_a_title_stops_at_what_the_leader_does_to_others_at_a_ceremony():
    assert people("Trao quyết định, đồng chí Trần Thị Mai, Phó Bí thư Huyện ủy giao nhiệm vụ cho đồng chí Lò Văn Sinh.")[0] == (
        "Trần Thị Mai", "Phó Bí thư Huyện ủy")
    assert people("Tại buổi lễ, đồng chí Vũ Đức Long, Bí thư Đảng ủy xã căn dặn các đảng viên trẻ.") == [
        ("Vũ Đức Long", "Bí thư Đảng ủy xã")]
    assert people("Đồng chí Đặng Văn Phú, Trưởng Ban Tổ chức Thị ủy tuyên bố lý do.") == [
        ("Đặng Văn Phú", "Trưởng Ban Tổ chức Thị ủy")]


def test_a_unique_body_after_another_head_is_not_cut_short():
    assert "Ban Bí thư" in orgs("Đồng chí Lê Minh Hưng, Bí thư Trung ương Đảng, Thường trực Ban Bí thư dự hội nghị.")
    assert not [o for o in orgs("Thường trực Ban Bí thư đã làm việc với Ban Thường vụ Tỉnh ủy Nam Định.")
                if o.endswith("Ban Bí")]


def test_places_that_begin_with_huong_stay_in_the_bodys_name():
    assert "Ban Thường vụ Huyện ủy Hướng Hóa" in orgs("Sáng 14/3, Ban Thường vụ Huyện ủy Hướng Hóa tổ chức hội nghị.")
    assert "Đảng ủy xã Hướng Phùng" in orgs("Đảng ủy xã Hướng Phùng triển khai Hướng dẫn số 12-HD/HU của Huyện ủy.")
    assert "Đảng bộ xã Hướng Đạo" in orgs("Đảng bộ xã Hướng Đạo Hướng dẫn các chi bộ tổ chức đại hội.")


def test_a_party_cell_of_a_residential_group_keeps_its_capitalized_level_and_number():
    assert "Chi bộ Tổ dân phố số 5" in orgs("Đồng chí Lê Văn Hải, đảng viên Chi bộ Tổ dân phố số 5 có vi phạm.")
    assert "Chi bộ tổ dân phố số 12 phường Tân Hòa" in orgs("Chi bộ tổ dân phố số 12 phường Tân Hòa tổ chức đại hội.")
    assert "Chi bộ Tổ dân phố Bắc Sơn" in orgs("Chi bộ Tổ dân phố Bắc Sơn họp thường kỳ.")


def test_elders_pupils_and_members_named_without_a_post():
    assert people("Cụ Lương Văn Thìn, 91 tuổi đời, 65 năm tuổi Đảng, phát biểu cảm ơn cấp ủy.") == [("Lương Văn Thìn", None)]
    assert people("Em Trịnh Thu Trang, học sinh lớp 12, xúc động chia sẻ.") == [("Trịnh Thu Trang", None)]
    assert people("Đảng viên Lục Văn Pao chia sẻ kinh nghiệm phát triển kinh tế.") == [("Lục Văn Pao", None)]
    assert people("Ủy ban Kiểm tra đã kiểm tra 2 đảng viên\nThứ Ba, 14/11/2023") == []


def test_the_standing_deputy_head_is_a_post_not_a_standing_board():
    text = "Dự có đồng chí Lê Thị Hoa, Phó Trưởng Ban Thường trực Ban Tuyên giáo Tỉnh ủy Hà Nam."
    assert not [o for o in orgs(text) if o.startswith("Ban Thường trực")]
    text = "Phát biểu tại hội nghị, Phó Trưởng Ban Thường trực Ban Dân vận Huyện ủy Vũ Văn Sơn nhấn mạnh."
    assert not [o for o in orgs(text) if o.startswith("Ban Thường trực")]
    assert "Ban Thường trực Ủy ban MTTQ tỉnh" in orgs("Ban Thường trực Ủy ban MTTQ tỉnh tổ chức hội nghị.")
