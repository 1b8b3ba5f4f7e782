"""Shortcomings: list items, comma lists, bullets, prose after an announcement; not achievements."""
from vnparty_nlp import analyze


def items(text):
    return [s.text for s in analyze(text).shortcomings]


def test_semicolon_list_after_announcement():
    text = ("Tuy nhiên, công tác chuẩn bị đại hội ở Lào Cai vẫn còn một số hạn chế như: một số chi bộ xây dựng "
            "văn kiện còn sơ sài; việc giới thiệu nhân sự chưa đúng quy trình; tỷ lệ cấp ủy viên nữ còn thấp. "
            "Ban Thường vụ Tỉnh ủy đã chỉ đạo khắc phục.")
    assert items(text) == [
        "một số chi bộ xây dựng văn kiện còn sơ sài",
        "việc giới thiệu nhân sự chưa đúng quy trình",
        "tỷ lệ cấp ủy viên nữ còn thấp",
    ]


def test_comma_list_keeps_cueless_parts_with_their_item():
    text = ("Bên cạnh kết quả đạt được, đại hội điểm còn bộc lộ những hạn chế sau: công tác tuyên truyền chưa sâu "
            "rộng, nhất là ở vùng cao, việc thảo luận văn kiện còn hình thức, số dư bầu cử thấp.")
    assert items(text) == [
        "công tác tuyên truyền chưa sâu rộng, nhất là ở vùng cao",
        "việc thảo luận văn kiện còn hình thức",
        "số dư bầu cử thấp",
    ]


def test_bullet_list_on_separate_lines():
    text = ("Qua kiểm tra, Ủy ban Kiểm tra Huyện ủy chỉ ra một số khuyết điểm, hạn chế sau:\n"
            "- Chi bộ chưa thực hiện nghiêm chế độ sinh hoạt định kỳ;\n"
            "- Việc quản lý đảng viên đi làm ăn xa còn lỏng lẻo;\n"
            "- Hồ sơ đảng viên lưu trữ chưa đầy đủ.\n"
            "Các chi bộ đã tiếp thu và khắc phục.")
    assert items(text) == [
        "Chi bộ chưa thực hiện nghiêm chế độ sinh hoạt định kỳ",
        "Việc quản lý đảng viên đi làm ăn xa còn lỏng lẻo",
        "Hồ sơ đảng viên lưu trữ chưa đầy đủ",
    ]


def test_prose_after_announcement_stops_at_remedies():
    text = ("Tuy nhiên, quá trình tổ chức đại hội tại một số đơn vị còn bộc lộ một số hạn chế. "
            "Báo cáo chính trị của một số chi bộ còn dài, chưa nêu bật được trọng tâm. "
            "Công tác nhân sự ở một số nơi còn lúng túng. "
            "Rút kinh nghiệm, Ban Thường vụ yêu cầu các chi bộ chuẩn bị kỹ hơn.")
    assert items(text) == [
        "Báo cáo chính trị của một số chi bộ còn dài, chưa nêu bật được trọng tâm",
        "Công tác nhân sự ở một số nơi còn lúng túng",
    ]


def test_achievements_and_remedies_are_not_shortcomings():
    text = ("Đại hội diễn ra đúng quy trình, không có đơn thư khiếu nại. Để khắc phục những hạn chế còn tồn tại, "
            "Ban Tổ chức Tỉnh ủy sẽ tham mưu hướng dẫn cụ thể. Các báo cáo đã đánh giá đúng những hạn chế cần "
            "khắc phục. Trước đó các chi bộ đã tổ chức thành công đại hội.")
    assert items(text) == []


def test_contrast_sentence_with_a_strong_cue_is_a_shortcoming_on_its_own():
    text = ("Năm 2020, Đảng bộ kết nạp 120 đảng viên. Tuy nhiên, công tác phát triển đảng viên ở vùng sâu còn chậm. "
            "Song, kết quả đạt được là đáng ghi nhận. Nhưng vẫn còn có nhiều kết quả nổi bật.")
    assert items(text) == ["công tác phát triển đảng viên ở vùng sâu còn chậm"]


def test_list_announced_by_a_bare_heading_noun():
    text = ("Kết quả năm 2020 khả quan. Hạn chế, tồn tại: công tác tuyên truyền chưa sâu; việc kết nạp đảng viên "
            "còn chậm.\nNhiệm vụ năm 2021 là tiếp tục đổi mới.")
    assert items(text) == ["công tác tuyên truyền chưa sâu", "việc kết nạp đảng viên còn chậm"]
