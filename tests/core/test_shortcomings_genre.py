"""Shortcomings in the shapes real reports use, on sentences written for these tests (no dev copies)."""
from vnparty_nlp import analyze


def items(text: str) -> list[str]:
    return [s.text for s in analyze(text).shortcomings]


def test_economic_shortfalls_without_any_announcement():
    text = ("Chín tháng năm 2023, tổng thu ngân sách trên địa bàn huyện Mường Lát đạt 85% dự toán. "
            "Giải ngân vốn đầu tư công đạt thấp, chỉ đạt 41% kế hoạch. "
            "Sản lượng lúa vụ mùa giảm 3% so với cùng kỳ. "
            "Dự án nâng cấp đường tỉnh 520 chậm tiến độ do vướng giải phóng mặt bằng.")
    assert items(text) == [
        "Giải ngân vốn đầu tư công đạt thấp, chỉ đạt 41% kế hoạch",
        "Sản lượng lúa vụ mùa giảm 3% so với cùng kỳ",
        "Dự án nâng cấp đường tỉnh 520 chậm tiến độ do vướng giải phóng mặt bằng",
    ]


def test_violations_an_inspection_found():
    text = ("Qua kiểm tra, Ủy ban Kiểm tra Thị ủy Hương Thủy kết luận: Đảng ủy phường Thủy Dương đã buông lỏng "
            "lãnh đạo công tác quản lý đất đai; để cán bộ địa chính xác nhận hồ sơ không đúng quy định cho 14 hộ. "
            "Căn cứ Quy định 69-QĐ/TW, Ủy ban Kiểm tra Thị ủy quyết định thi hành kỷ luật khiển trách 2 đảng viên.")
    assert items(text) == [
        "Đảng ủy phường Thủy Dương đã buông lỏng lãnh đạo công tác quản lý đất đai",
        "để cán bộ địa chính xác nhận hồ sơ không đúng quy định cho 14 hộ",
    ]


def test_plus_bullets_after_a_heading_noun():
    text = ("* Tồn tại, hạn chế:\n"
            "+ Một số chi bộ nông thôn sinh hoạt chưa đều đặn;\n"
            "+ Việc nắm tình hình tư tưởng đảng viên đi làm ăn xa còn lỏng lẻo;\n"
            "+ Hồ sơ kết nạp đảng viên ở xã Ea Tóh lưu trữ thiếu khoa học.\n"
            "* Phương hướng năm 2024: tiếp tục nâng cao chất lượng sinh hoạt chi bộ.")
    assert items(text) == [
        "Một số chi bộ nông thôn sinh hoạt chưa đều đặn",
        "Việc nắm tình hình tư tưởng đảng viên đi làm ăn xa còn lỏng lẻo",
        "Hồ sơ kết nạp đảng viên ở xã Ea Tóh lưu trữ thiếu khoa học",
    ]


def test_prose_across_paragraphs_after_an_announcement_then_causes_are_left_out():
    text = ("Bên cạnh kết quả đạt được, công tác dân vận của Đảng bộ huyện Đầm Hà vẫn còn những hạn chế.\n\n"
            "Công tác nắm tình hình nhân dân ở một số xã đảo chưa kịp thời. Hoạt động của tổ dân vận thôn "
            "có nơi còn hình thức.\n\n"
            "Nguyên nhân của những hạn chế trên là do một số cấp ủy chưa quan tâm đúng mức; kinh phí hoạt động "
            "còn hạn hẹp.\n\n"
            "Thời gian tới, Huyện ủy yêu cầu các chi bộ khắc phục ngay những tồn tại chưa được giải quyết.")
    assert items(text) == [
        "Công tác nắm tình hình nhân dân ở một số xã đảo chưa kịp thời",
        "Hoạt động của tổ dân vận thôn có nơi còn hình thức",
    ]


def test_comma_splits_only_between_clauses_with_their_own_subject():
    text = ("Tuy vậy, việc thu, chi quỹ hội ở một số chi hội còn thiếu công khai, minh bạch, chất lượng sinh hoạt "
            "chi hội chưa cao, có nơi, có lúc còn đơn điệu; trang thiết bị tại nhà văn hóa thôn xuống cấp.")
    assert items(text) == [
        "việc thu, chi quỹ hội ở một số chi hội còn thiếu công khai, minh bạch",
        "chất lượng sinh hoạt chi hội chưa cao, có nơi, có lúc còn đơn điệu",
        "trang thiết bị tại nhà văn hóa thôn xuống cấp",
    ]


def test_a_concession_then_the_failing_after_nhung():
    text = ("Theo Ban Tổ chức Huyện ủy Krông Pắc, tuy các chi bộ đã quan tâm tạo nguồn, nhưng số quần chúng "
            "được kết nạp vẫn còn thấp so với chỉ tiêu Nghị quyết.")
    assert items(text) == ["số quần chúng được kết nạp vẫn còn thấp so với chỉ tiêu Nghị quyết"]


def test_quoted_sayings_are_not_split():
    text = ("Tuy nhiên, tình trạng “trên nóng, dưới lạnh, trên bảo, dưới không nghe” trong thực hiện Chỉ thị "
            "vẫn còn xảy ra ở một số cơ sở.")
    assert items(text) == [
        "tình trạng “trên nóng, dưới lạnh, trên bảo, dưới không nghe” trong thực hiện Chỉ thị vẫn còn xảy ra "
        "ở một số cơ sở"]


def test_achievements_statistics_tasks_and_announcements_are_not_items():
    text = ("Năm 2022, tuy còn nhiều khó khăn nhưng Đảng bộ xã Yên Lạc đạt và vượt 15/18 chỉ tiêu. "
            "Toàn xã không còn hộ đói, không có đơn thư vượt cấp. "
            "Qua kiểm tra, kết luận 3 tổ chức đảng và 11 đảng viên có vi phạm. "
            "Vi phạm chủ yếu về: đất đai: 6 (54,5%); tài chính: 5 (45,5%). "
            "Các chi bộ cần chấn chỉnh ngay những hạn chế đã chỉ ra. "
            "Công tác phát triển đảng viên còn một số hạn chế nhất định.")
    assert items(text) == []


def test_a_failing_after_a_remedy_sentence_in_the_same_paragraph():
    text = ("Để khắc phục tồn tại, Đảng ủy xã Phú Xuân đã ban hành kế hoạch. Tuy nhiên, đến nay việc "
            "chuyển sinh hoạt đảng cho đảng viên đi làm ăn xa vẫn chưa được thực hiện nghiêm.")
    assert items(text) == ["đến nay việc chuyển sinh hoạt đảng cho đảng viên đi làm ăn xa vẫn chưa được thực hiện nghiêm"]


def test_spans_index_the_text_as_given_nfd_and_all():
    import unicodedata

    text = unicodedata.normalize("NFD", "Tuy nhiên, tỷ lệ đảng viên nữ trong cấp ủy xã còn thấp; công tác tạo "
                                 "nguồn chưa được quan tâm đúng mức.")
    record = analyze(text)
    assert len(record.shortcomings) == 2
    assert all(record.text[f.start:f.stop] == f.text for f in record.shortcomings)


def test_a_sentence_that_speaks_about_failings_without_stating_one():
    text = ("Tuy nhiên, tại hội nghị, các đại biểu đã thảo luận nhằm làm rõ những hạn chế, khuyết điểm trong công tác "
            "cán bộ của Đảng bộ huyện Bảo Yên. Việc luân chuyển cán bộ ở một số xã còn chậm.")
    assert items(text) == ["Việc luân chuyển cán bộ ở một số xã còn chậm"]


def test_numbered_items_under_a_heading_that_announces_failings():
    text = ("II. NHỮNG HẠN CHẾ, TỒN TẠI\n"
            "1. Việc triển khai Nghị quyết ở một số chi bộ xã Ea Kly còn chậm.\n"
            "2. Đội ngũ cán bộ làm công tác đảng ở cơ sở thiếu kinh nghiệm.\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Tiếp tục nâng cao chất lượng sinh hoạt chi bộ, khắc phục hạn chế.")
    assert items(text) == ["Việc triển khai Nghị quyết ở một số chi bộ xã Ea Kly còn chậm",
                           "Đội ngũ cán bộ làm công tác đảng ở cơ sở thiếu kinh nghiệm"]


def test_a_frame_is_dropped_but_not_the_subject_of_the_failing():
    text = ("Năm 2023, tăng trưởng kinh tế của thị xã Quảng Trị đạt 6,5%, thấp hơn kế hoạch đề ra; thu ngân sách chỉ "
            "đạt 78% dự toán. Tình trạng khai thác cát trái phép vẫn diễn ra ở một số xã.")
    assert items(text) == ["tăng trưởng kinh tế của thị xã Quảng Trị đạt 6,5%, thấp hơn kế hoạch đề ra",
                           "thu ngân sách chỉ đạt 78% dự toán",
                           "Tình trạng khai thác cát trái phép vẫn diễn ra ở một số xã"]


def test_inspection_statistics_and_the_remedies_after_a_list_are_not_items():
    text = ("Năm qua, qua kiểm tra kết luận 38 tổ chức đảng và 250 đảng viên có khuyết điểm, vi phạm, phải thi hành "
            "kỷ luật 7 tổ chức đảng và 96 đảng viên.\n"
            "Bên cạnh đó, công tác giám sát vẫn còn một số hạn chế: một số cấp ủy chưa chủ động phát hiện dấu hiệu "
            "vi phạm; việc xử lý sau kiểm tra có nơi còn chậm.\n"
            "Phát biểu chỉ đạo, đồng chí Phó Bí thư Thường trực Tỉnh ủy Bắc Kạn yêu cầu các cấp ủy tập trung khắc "
            "phục hạn chế, nâng cao chất lượng giám sát.")
    assert items(text) == ["một số cấp ủy chưa chủ động phát hiện dấu hiệu vi phạm",
                           "việc xử lý sau kiểm tra có nơi còn chậm"]


def test_a_shortfall_stated_by_what_was_reached():
    assert items("Tuy nhiên, giải ngân vốn đầu tư công của huyện Bắc Hà mới đạt 27% kế hoạch.") == [
        "giải ngân vốn đầu tư công của huyện Bắc Hà mới đạt 27% kế hoạch"]


def test_the_chief_failing_is_what_follows_its_label():
    text = ("Tồn tại chủ yếu là việc quản lý đảng viên đi làm ăn xa ở xã Tà Xi Láng còn lỏng lẻo. "
            "Hạn chế lớn nhất hiện nay là đội ngũ bí thư chi bộ thôn, bản còn thiếu kinh nghiệm.")
    assert items(text) == [
        "việc quản lý đảng viên đi làm ăn xa ở xã Tà Xi Láng còn lỏng lẻo",
        "đội ngũ bí thư chi bộ thôn, bản còn thiếu kinh nghiệm",
    ]


def test_a_loss_of_conviction_is_a_failing_and_its_time_frame_is_dropped():
    text = ("Những năm gần đây, một số đảng viên ở Đảng bộ khối doanh nghiệp tỉnh Bình Phước có biểu hiện phai nhạt "
            "lý tưởng, ngại sinh hoạt. Nhiệm kỳ qua, ý thức tổ chức kỷ luật của một bộ phận cán bộ giảm sút.")
    assert items(text) == [
        "một số đảng viên ở Đảng bộ khối doanh nghiệp tỉnh Bình Phước có biểu hiện phai nhạt lý tưởng, ngại sinh hoạt",
        "ý thức tổ chức kỷ luật của một bộ phận cán bộ giảm sút",
    ]
    # fighting the decline is a task, not a failing
    assert items("Các chi bộ tăng cường giáo dục, phòng, chống suy thoái tư tưởng chính trị trong đảng viên.") == []


def test_a_speaker_before_a_colon_is_not_part_of_the_item():
    text = ("Bà Lê Thị Nga, Phó Trưởng Ban Dân vận Huyện ủy Tuy Phong, thừa nhận: \"Nhiều tổ tự quản ở khu phố "
            "hoạt động còn hình thức. Một số trưởng thôn chưa nắm chắc tình hình dư luận\".")
    assert items(text) == [
        "Nhiều tổ tự quản ở khu phố hoạt động còn hình thức",
        "Một số trưởng thôn chưa nắm chắc tình hình dư luận",
    ]
    text = ("Tuy nhiên, Đoàn giám sát cũng thẳng thắn nhìn nhận: việc lập hồ sơ cấp giấy chứng nhận quyền sử dụng "
            "đất ở xã Vĩnh Hảo còn chậm; sổ theo dõi biến động đất đai ghi chép thiếu khoa học.")
    assert items(text) == [
        "việc lập hồ sơ cấp giấy chứng nhận quyền sử dụng đất ở xã Vĩnh Hảo còn chậm",
        "sổ theo dõi biến động đất đai ghi chép thiếu khoa học",
    ]


def test_ordinal_enumeration_goes_on_with_a_passage_of_failings():
    text = ("Kiểm điểm năm 2023, Đảng ủy phường Mỹ Bình nhận 2 nhóm khuyết điểm. Thứ nhất, công tác quản lý trật tự "
            "đô thị trên các tuyến phố chính còn buông lỏng. Thứ hai, việc giải quyết hồ sơ hành chính cho người "
            "dân có lúc còn kéo dài.")
    assert items(text) == [
        "công tác quản lý trật tự đô thị trên các tuyến phố chính còn buông lỏng",
        "việc giải quyết hồ sơ hành chính cho người dân có lúc còn kéo dài",
    ]
    text = ("Tuy nhiên, chi bộ vẫn còn những hạn chế. Thứ nhất, sinh hoạt chuyên đề chưa đều đặn. "
            "Thứ hai, việc phân công nhiệm vụ cho đảng viên cao tuổi chưa phù hợp.")
    assert items(text) == [
        "sinh hoạt chuyên đề chưa đều đặn",
        "việc phân công nhiệm vụ cho đảng viên cao tuổi chưa phù hợp",
    ]


def test_ordinal_enumeration_of_tasks_stays_out():
    text = ("Năm 2024, Huyện ủy đề ra ba nhiệm vụ trọng tâm. Thứ nhất, khắc phục tình trạng sinh hoạt chi bộ còn "
            "hình thức. Thứ hai, nâng cao chất lượng đảng viên ở nơi còn thấp.")
    assert items(text) == []


def test_bullets_under_a_cause_or_task_heading_stay_out():
    text = ("a) Tồn tại:\n"
            "+ Một số chi hội phụ nữ sinh hoạt chưa đều.\n"
            "+ Việc vận động hội viên tham gia bảo hiểm xã hội tự nguyện còn chậm.\n"
            "b) Nguyên nhân:\n"
            "+ Cán bộ chi hội còn kiêm nhiệm nhiều việc.\n"
            "+ Nguồn kinh phí còn hạn hẹp, thiếu ổn định.\n")
    assert items(text) == [
        "Một số chi hội phụ nữ sinh hoạt chưa đều",
        "Việc vận động hội viên tham gia bảo hiểm xã hội tự nguyện còn chậm",
    ]
    text = ("Tuy nhiên, việc phát triển đảng viên ở khu vực tư nhân còn chậm.\n"
            "Nguyên nhân của hạn chế trên:\n"
            "- Một số chủ doanh nghiệp chưa tạo điều kiện.\n"
            "- Lực lượng lao động trẻ biến động, thiếu ổn định.\n")
    assert items(text) == ["việc phát triển đảng viên ở khu vực tư nhân còn chậm"]


def test_failings_not_yet_remedied_are_failings():
    text = ("Tuy nhiên, một số vụ việc tranh chấp đất đai ở xã Phú Lâm chưa được giải quyết dứt điểm. "
            "Những hạn chế, khuyết điểm qua kiểm điểm năm trước chậm được khắc phục.")
    assert items(text) == [
        "một số vụ việc tranh chấp đất đai ở xã Phú Lâm chưa được giải quyết dứt điểm",
        "Những hạn chế, khuyết điểm qua kiểm điểm năm trước chậm được khắc phục",
    ]
    text = "Các tồn tại sau kiểm tra đã được khắc phục. Đơn thư được giải quyết dứt điểm, không để tồn đọng."
    assert items(text) == []


def test_what_befell_those_at_fault_is_a_statistic():
    text = ("Tuy nhiên, năm 2022 vẫn có 2 cán bộ diện Ban Thường vụ Thành ủy quản lý bị kỷ luật; một cán bộ bị "
            "khởi tố do sai phạm trong đấu thầu thuốc. Việc kê khai tài sản ở một số đơn vị còn hình thức.")
    assert items(text) == ["Việc kê khai tài sản ở một số đơn vị còn hình thức"]
    text = "Nguyên Phó Giám đốc Sở Y tế bị khởi tố vì vi phạm quy định về đấu thầu."
    assert items(text) == []


def test_a_list_announced_with_do_la_or_gom():
    text = ("Bên cạnh kết quả đạt được, vẫn còn những tồn tại, hạn chế, đó là: năng lực lãnh đạo, sức chiến đấu "
            "của một số chi bộ doanh nghiệp còn thấp, việc học tập nghị quyết ở một số chi bộ còn hình thức.")
    assert items(text) == [
        "năng lực lãnh đạo, sức chiến đấu của một số chi bộ doanh nghiệp còn thấp",
        "việc học tập nghị quyết ở một số chi bộ còn hình thức",
    ]
    text = ("Đoàn giám sát chỉ ra một số khuyết điểm gồm: năng lực lãnh đạo, sức chiến đấu của Chi bộ thôn 4 "
            "chưa ngang tầm nhiệm vụ, việc ghi sổ biên bản sinh hoạt chi bộ còn sơ sài.")
    assert items(text) == [
        "năng lực lãnh đạo, sức chiến đấu của Chi bộ thôn 4 chưa ngang tầm nhiệm vụ",
        "việc ghi sổ biên bản sinh hoạt chi bộ còn sơ sài",
    ]


def test_coordinated_verbs_before_a_failing_are_not_split():
    text = ("Qua kiểm tra, Đảng ủy Ban quản lý rừng phòng hộ Sông Hinh thiếu kiểm tra công tác quản lý, bảo vệ "
            "rừng để xảy ra phá rừng trái phép.")
    assert items(text) == [
        "Đảng ủy Ban quản lý rừng phòng hộ Sông Hinh thiếu kiểm tra công tác quản lý, bảo vệ rừng để xảy ra "
        "phá rừng trái phép"]


def test_plus_bullets_run_into_one_line():
    text = ("Những hạn chế chủ yếu là: + Một số chi bộ chưa xây dựng chương trình công tác năm + Việc quản lý "
            "đảng viên tạm vắng còn lỏng lẻo + Công tác tạo nguồn phát triển đảng viên nữ gặp nhiều khó khăn.")
    assert items(text) == [
        "Một số chi bộ chưa xây dựng chương trình công tác năm",
        "Việc quản lý đảng viên tạm vắng còn lỏng lẻo",
        "Công tác tạo nguồn phát triển đảng viên nữ gặp nhiều khó khăn",
    ]
    text = ("Tồn tại, hạn chế: • Sinh hoạt chi bộ định kỳ ở khối trường học, bệnh viện chưa đi vào chiều sâu "
            "• Tỷ lệ đảng viên được kiểm tra, giám sát còn thấp.")
    assert items(text) == [
        "Sinh hoạt chi bộ định kỳ ở khối trường học, bệnh viện chưa đi vào chiều sâu",
        "Tỷ lệ đảng viên được kiểm tra, giám sát còn thấp",
    ]


def test_what_an_inspection_found_after_a_colon():
    text = ("Qua giám sát, Ủy ban Kiểm tra Huyện ủy Hớn Quản phát hiện: Chi bộ Trường THCS Tân Hiệp không tổ chức "
            "sinh hoạt chuyên đề quý II; 03 đảng viên nợ đảng phí nhiều tháng; sổ theo dõi đảng viên ghi không "
            "đầy đủ.")
    assert items(text) == [
        "Chi bộ Trường THCS Tân Hiệp không tổ chức sinh hoạt chuyên đề quý II",
        "03 đảng viên nợ đảng phí nhiều tháng",
        "sổ theo dõi đảng viên ghi không đầy đủ",
    ]
    text = ("Kết quả kiểm tra tài chính đảng cho thấy: Văn phòng Đảng ủy không lập sổ theo dõi thu, chi đảng phí; "
            "chứng từ thanh toán hội nghị không đầy đủ chữ ký.")
    assert items(text) == [
        "Văn phòng Đảng ủy không lập sổ theo dõi thu, chi đảng phí",
        "chứng từ thanh toán hội nghị không đầy đủ chữ ký",
    ]


def test_an_inspection_that_found_nothing_wrong():
    text = ("Qua kiểm tra, Ủy ban Kiểm tra Đảng ủy kết luận: Chi bộ đã thực hiện tốt việc thu, nộp đảng phí; "
            "không có đảng viên vi phạm.")
    assert items(text) == []


def test_causes_named_after_the_failings_turn_away():
    text = ("Tuy nhiên, việc cấp giấy chứng nhận quyền sử dụng đất còn chậm. Những hạn chế nêu trên có nguyên nhân "
            "chủ quan là chính: một số cán bộ địa chính chưa sâu sát cơ sở.")
    assert items(text) == ["việc cấp giấy chứng nhận quyền sử dụng đất còn chậm"]
    text = ("Tuy vậy, phong trào thi đua ở một số cơ quan còn hình thức. Tồn tại, hạn chế trên là do người đứng "
            "đầu chưa quan tâm, chỉ đạo.")
    assert items(text) == ["phong trào thi đua ở một số cơ quan còn hình thức"]


def test_a_cause_before_the_failing_and_a_remedy_asked_for_are_left_out():
    text = "Tuy nhiên, do ảnh hưởng của thiên tai, một số chỉ tiêu sản xuất nông nghiệp đạt thấp."
    assert items(text) == ["một số chỉ tiêu sản xuất nông nghiệp đạt thấp"]
    text = "Đồng chí Bí thư Huyện ủy yêu cầu khắc phục ngay tình trạng họp chi bộ còn hình thức."
    assert items(text) == []


def test_a_list_announced_at_the_end_of_its_sentence_ends_with_its_bullets():
    # the targets of next year, also bulleted, are not failings
    text = ("Năm qua, Hội Nông dân huyện Phú Tân đã vận động hội viên đóng góp 1,2 tỷ đồng làm đường.\n"
            "Tuy vậy, hoạt động của Hội vẫn còn những hạn chế:\n"
            "- Một số chi hội sinh hoạt chưa đều đặn.\n"
            "- Việc phát triển hội viên ở khu vực đô thị còn chậm.\n"
            "Năm 2025, Hội đề ra các chỉ tiêu:\n"
            "- 100% chi hội tổ chức sinh hoạt định kỳ.\n"
            "- Kết nạp mới 500 hội viên trở lên.")
    assert items(text) == [
        "Một số chi hội sinh hoạt chưa đều đặn",
        "Việc phát triển hội viên ở khu vực đô thị còn chậm",
    ]
    text = ("Bên cạnh đó, công tác khuyến học của xã Ia Pết còn một số tồn tại:\n"
            "+ Quỹ khuyến học ở các thôn vùng sâu còn ít;\n"
            "+ Một số gia đình chưa quan tâm việc học của con em.\n"
            "Phương hướng năm tới của Hội Khuyến học:\n"
            "+ Vận động xã hội hóa đạt 300 triệu đồng.\n"
            "+ 95% gia đình đạt danh hiệu gia đình hiếu học.")
    assert items(text) == [
        "Quỹ khuyến học ở các thôn vùng sâu còn ít",
        "Một số gia đình chưa quan tâm việc học của con em",
    ]


def test_a_numbered_or_bulleted_line_is_split_at_its_semicolons():
    text = ("Khuyết điểm, hạn chế của tập thể Ban Thường vụ Huyện ủy:\n"
            "1. Việc ban hành nghị quyết chuyên đề về du lịch còn chậm; nguồn lực thực hiện chưa được bố trí.\n"
            "2. Công tác nắm tình hình tư tưởng cán bộ ở cơ sở chưa thường xuyên.\n")
    assert items(text) == [
        "Việc ban hành nghị quyết chuyên đề về du lịch còn chậm",
        "nguồn lực thực hiện chưa được bố trí",
        "Công tác nắm tình hình tư tưởng cán bộ ở cơ sở chưa thường xuyên",
    ]
    text = ("Hạn chế:\n"
            "- Tỷ lệ thu gom rác thải ở nông thôn đạt thấp; nhiều bãi rác tự phát chưa được xử lý.\n"
            "- Hạ tầng giao thông nội đồng xuống cấp.\n")
    assert items(text) == [
        "Tỷ lệ thu gom rác thải ở nông thôn đạt thấp",
        "nhiều bãi rác tự phát chưa được xử lý",
        "Hạ tầng giao thông nội đồng xuống cấp",
    ]


def test_a_cause_or_task_heading_governs_the_paragraphs_under_it():
    text = ("Hạn chế\n"
            "Việc quản lý đảng viên đi làm ăn xa ở xã Pà Cò còn lỏng lẻo.\n"
            "Nguyên nhân\n"
            "Một số cấp ủy chưa quan tâm đúng mức đến công tác này.\n"
            "Điều kiện đi lại ở các bản vùng cao còn khó khăn.\n"
            "Giải pháp thời gian tới\n"
            "Cấp ủy phân công đảng viên theo dõi từng hộ có người đi làm ăn xa còn chưa sinh hoạt.")
    assert items(text) == ["Việc quản lý đảng viên đi làm ăn xa ở xã Pà Cò còn lỏng lẻo"]
    text = ("* Tồn tại:\n"
            "Kinh phí hỗ trợ hoạt động của các tổ hòa giải còn thấp.\n"
            "b) Nguyên nhân:\n"
            "Nguồn ngân sách của xã hạn hẹp.\n"
            "Hòa giải viên phần lớn lớn tuổi, thiếu kỹ năng.")
    assert items(text) == ["Kinh phí hỗ trợ hoạt động của các tổ hòa giải còn thấp"]


def test_an_additive_opening_goes_on_with_the_causes_before_it():
    text = ("Tuy nhiên, tiến độ giải phóng mặt bằng dự án khu công nghiệp Tân Phú còn chậm. "
            "Nguyên nhân là do một số hộ dân chưa đồng thuận với giá bồi thường. Bên cạnh đó, năng lực "
            "của tổ công tác còn hạn chế, chưa sâu sát cơ sở.")
    assert items(text) == ["tiến độ giải phóng mặt bằng dự án khu công nghiệp Tân Phú còn chậm"]
    text = ("Song, số hộ tham gia bảo hiểm y tế tự nguyện ở huyện Mỹ Tú còn thấp. Nguyên nhân chủ yếu do "
            "thu nhập của người dân thấp. Ngoài ra, công tác tuyên truyền ở một số ấp chưa thường xuyên.")
    assert items(text) == ["số hộ tham gia bảo hiểm y tế tự nguyện ở huyện Mỹ Tú còn thấp"]


def test_a_datelines_weekday_is_not_an_enumeration_of_tasks():
    text = ("Xã Tả Phìn còn 3 thôn chưa có đảng viên\n"
            "Thứ Năm, 14/03/2024 - 08:05\n"
            "Hiện xã Tả Phìn còn 3 thôn chưa có đảng viên, tỷ lệ đảng viên nữ còn thấp.")
    assert "Hiện xã Tả Phìn còn 3 thôn chưa có đảng viên" in items(text)
    text = ("Thứ hai, ngày 05/02/2024\n"
            "Đến nay, việc cấp giấy chứng nhận quyền sử dụng đất ở phường 7 vẫn chậm so với kế hoạch.")
    assert items(text) == ["việc cấp giấy chứng nhận quyền sử dụng đất ở phường 7 vẫn chậm so với kế hoạch"]


def test_what_was_never_let_happen_is_an_achievement():
    text = ("Năm 2023, huyện Si Ma Cai chưa từng để xảy ra cháy rừng. Tuy nhiên, tỷ lệ che phủ rừng còn thấp.")
    assert items(text) == ["tỷ lệ che phủ rừng còn thấp"]
    text = ("Xã Hòa Tiến chưa bao giờ để tồn đọng đơn thư kéo dài; bên cạnh đó, hạ tầng chợ nông thôn xuống cấp.")
    assert items(text) == ["hạ tầng chợ nông thôn xuống cấp"]


def test_a_plans_targets_and_future_are_not_failings():
    text = ("Tuy nhiên, số hồ sơ giải quyết trễ hạn ở lĩnh vực đất đai còn nhiều.\n"
            "Kế hoạch năm 2025 của UBND huyện đặt mục tiêu: không để hồ sơ trễ hạn; giảm thời gian giải quyết "
            "thủ tục còn một nửa.\n"
            "Ông Trần Văn Nam, Chủ tịch UBND huyện cho biết, huyện sẽ xử lý nghiêm cán bộ để xảy ra chậm trễ.")
    assert items(text) == ["số hồ sơ giải quyết trễ hạn ở lĩnh vực đất đai còn nhiều"]
    text = ("Song, việc thu hút đầu tư vào cụm công nghiệp Tân Lập chưa đạt kỳ vọng.\n"
            "Năm 2025, Huyện ủy đề ra các mục tiêu:\n"
            "- Không còn hộ nghèo thiếu hụt về nhà ở.\n"
            "- Chấm dứt tình trạng khai thác cát trái phép trên sông Lô.")
    assert items(text) == ["việc thu hút đầu tư vào cụm công nghiệp Tân Lập chưa đạt kỳ vọng"]


def test_attitudes_and_thin_resources_admitted_with_con():
    assert items("Tuy nhiên, một bộ phận hội viên phụ nữ ở xã Nậm Kè còn thờ ơ với sinh hoạt chi hội.") == [
        "một bộ phận hội viên phụ nữ ở xã Nậm Kè còn thờ ơ với sinh hoạt chi hội"]
    assert items("Song, nhiều hộ dân ở thôn Khe Su vẫn ngại chuyển đổi cây trồng; đội ngũ khuyến nông còn mỏng.") == [
        "nhiều hộ dân ở thôn Khe Su vẫn ngại chuyển đổi cây trồng", "đội ngũ khuyến nông còn mỏng"]


def test_a_failing_that_persists_said_with_van_con():
    assert items("Bên cạnh đó, tình trạng lấn chiếm hành lang an toàn giao thông, họp chợ tự phát vẫn còn.") == [
        "tình trạng lấn chiếm hành lang an toàn giao thông, họp chợ tự phát vẫn còn"]
    assert items("Tuy vậy, ở một số trường vẫn còn tình trạng thu các khoản ngoài quy định đầu năm học.") == [
        "ở một số trường vẫn còn tình trạng thu các khoản ngoài quy định đầu năm học"]


def test_what_an_inspection_or_review_found_left_undone():
    text = ("Qua kiểm tra, Đảng ủy xã Tân Hiệp có vi phạm. Cụ thể: chưa thực hiện đúng quy chế làm việc; "
            "việc cho thuê ao hồ của xã không qua đấu giá; khoản thu từ cho thuê không nộp vào ngân sách xã.")
    assert items(text)[-2:] == ["việc cho thuê ao hồ của xã không qua đấu giá",
                                "khoản thu từ cho thuê không nộp vào ngân sách xã"]
    text = ("Tuy nhiên, nhiều mô hình tự quản ở khu dân cư sau khi ra mắt không được duy trì; "
            "sổ theo dõi đảng viên ở 2 chi bộ không được cập nhật.")
    assert items(text) == ["nhiều mô hình tự quản ở khu dân cư sau khi ra mắt không được duy trì",
                           "sổ theo dõi đảng viên ở 2 chi bộ không được cập nhật"]


def test_the_remaining_ones_can_still_fall_short():
    assert items("Đã bàn giao 12 dự án. Tuy nhiên, việc giải phóng mặt bằng các dự án còn lại chậm.") == [
        "việc giải phóng mặt bằng các dự án còn lại chậm"]
    assert items("Huyện đã cấp 3.200 giấy chứng nhận. Số hồ sơ còn lại tồn đọng do vướng quy hoạch.") == [
        "Số hồ sơ còn lại tồn đọng do vướng quy hoạch"]
    # the remaining ones are no failing by themselves
    assert items("Có 40 chi bộ đạt hoàn thành tốt nhiệm vụ, 6 chi bộ còn lại hoàn thành nhiệm vụ.") == []


def test_a_negated_saying_verb_is_the_failing_not_a_lead_in():
    assert items("Tuy nhiên, báo cáo tổng kết chưa chỉ ra được nguyên nhân chủ quan của hạn chế.") == [
        "báo cáo tổng kết chưa chỉ ra được nguyên nhân chủ quan của hạn chế"]
    assert items("Song, biên bản họp chi bộ Thôn 4 không nêu rõ ý kiến của từng đảng viên.") == [
        "biên bản họp chi bộ Thôn 4 không nêu rõ ý kiến của từng đảng viên"]


def test_an_inspection_lead_in_naming_its_procedure_is_dropped_before_the_colon():
    text = ("Xem xét kết quả kiểm tra khi có dấu hiệu vi phạm đối với đồng chí Lò Văn Pọm, Bí thư Đảng ủy xã "
            "Mường Chà, Ủy ban Kiểm tra Huyện ủy nhận thấy: đồng chí Lò Văn Pọm đã thiếu trách nhiệm trong "
            "quản lý ngân sách xã.")
    assert items(text) == ["đồng chí Lò Văn Pọm đã thiếu trách nhiệm trong quản lý ngân sách xã"]
    text = ("Qua xác minh dấu hiệu vi phạm đối với Chi bộ Trường Tiểu học Hòa Bình, Ủy ban Kiểm tra Thị ủy xác định: "
            "Chi bộ đã buông lỏng lãnh đạo việc thu, chi quỹ phụ huynh.")
    assert items(text) == ["Chi bộ đã buông lỏng lãnh đạo việc thu, chi quỹ phụ huynh"]


def test_a_predicate_after_nhung_without_its_own_subject_stays_with_the_subject_before():
    text = "Tuy nhiên, dự án kè sông Mã đã khởi công 4 năm nhưng vẫn chưa hoàn thành."
    assert items(text) == ["dự án kè sông Mã đã khởi công 4 năm nhưng vẫn chưa hoàn thành"]
    text = ("Cụ thể: Đảng ủy xã để 5 hộ lấn chiếm đất rừng phòng hộ song không kịp thời xử lý; "
            "việc quản lý con dấu còn lỏng lẻo.")
    assert items(text) == ["Đảng ủy xã để 5 hộ lấn chiếm đất rừng phòng hộ song không kịp thời xử lý",
                           "việc quản lý con dấu còn lỏng lẻo"]
    # a subject of its own after 'nhưng' still starts a clause
    assert items("Mặc dù đã có nhiều cố gắng, nhưng tỷ lệ hộ nghèo ở xã Na Ư còn cao.") == [
        "tỷ lệ hộ nghèo ở xã Na Ư còn cao"]


def test_an_inspection_finds_signs_of_violation_on_its_subject():
    text = ("Qua kiểm tra cho thấy, Chi bộ Trạm Y tế xã Quỳnh Hậu có dấu hiệu vi phạm trong quản lý thuốc "
            "bảo hiểm y tế.")
    assert items(text) == ["Chi bộ Trạm Y tế xã Quỳnh Hậu có dấu hiệu vi phạm trong quản lý thuốc bảo hiểm y tế"]
    text = "Đồng chí Hà Văn Sinh, Trưởng thôn Bản Lằn có dấu hiệu vi phạm quy định về những điều đảng viên không được làm."
    assert len(items(text)) == 1
    # the procedure is no finding
    assert items("Năm 2023, Ủy ban Kiểm tra Huyện ủy kiểm tra khi có dấu hiệu vi phạm đối với 4 đảng viên.") == []


def test_rows_of_a_table_after_an_announcement_without_bullets():
    text = ("Năm 2023, thị xã Ba Đồn có 15/21 chỉ tiêu đạt kế hoạch. Những chỉ tiêu không đạt:\n"
            "Tổng vốn đầu tư toàn xã hội 2.100 tỷ đồng, bằng 81% kế hoạch\n"
            "Số doanh nghiệp thành lập mới 42, kế hoạch 60\n"
            "Tỷ lệ lao động qua đào tạo 58%, kế hoạch 65%\n"
            "Hội nghị đã bàn các giải pháp cho năm 2024.")
    assert items(text) == [
        "Tổng vốn đầu tư toàn xã hội 2.100 tỷ đồng, bằng 81% kế hoạch",
        "Số doanh nghiệp thành lập mới 42, kế hoạch 60",
        "Tỷ lệ lao động qua đào tạo 58%, kế hoạch 65%",
    ]


def test_failings_one_per_line_without_bullets_or_stops():
    text = ("Hội nghị sơ kết chỉ ra các hạn chế sau:\n"
            "Nhiều chi bộ khối trường học chưa xây dựng chuyên đề riêng\n"
            "Việc nêu gương của người đứng đầu một số cơ quan còn mờ nhạt\n"
            "Sổ theo dõi đảng viên ở 3 chi bộ ghi chép thiếu\n"
            "Năm tới, Đảng ủy tiếp tục chỉ đạo sinh hoạt chuyên đề hằng quý.")
    assert items(text) == [
        "Nhiều chi bộ khối trường học chưa xây dựng chuyên đề riêng",
        "Việc nêu gương của người đứng đầu một số cơ quan còn mờ nhạt",
        "Sổ theo dõi đảng viên ở 3 chi bộ ghi chép thiếu",
    ]


def test_vices_a_party_building_analysis_names():
    # each vice stands alone, after a sentence of achievements: its own words must say it is a failing
    text = ("Những năm qua, công tác cán bộ có nhiều đổi mới. "
            "Một số cán bộ có biểu hiện né tránh, đùn đẩy việc khó cho cấp dưới. "
            "Nhiều cơ quan đã ban hành quy chế dân chủ. "
            "Việc đánh giá cán bộ cuối năm ở nhiều nơi mang nặng tính thủ tục. "
            "Công tác tuyên truyền được đổi mới. "
            "Không ít người đứng đầu nói nhiều làm ít.")
    assert items(text) == [
        "Một số cán bộ có biểu hiện né tránh, đùn đẩy việc khó cho cấp dưới",
        "Việc đánh giá cán bộ cuối năm ở nhiều nơi mang nặng tính thủ tục",
        "Không ít người đứng đầu nói nhiều làm ít",
    ]


def test_a_vice_named_as_the_subject_stays_with_its_clause():
    text = ("Bệnh hình thức, chạy theo phong trào ở một số chi bộ chậm được khắc phục. "
            "Công tác dân vận được quan tâm. "
            "Lối làm việc cửa quyền, xa dân của một số công chức xã vẫn chưa được khắc phục triệt để.")
    assert items(text) == [
        "Bệnh hình thức, chạy theo phong trào ở một số chi bộ chậm được khắc phục",
        "Lối làm việc cửa quyền, xa dân của một số công chức xã vẫn chưa được khắc phục triệt để",
    ]


def test_what_voters_raise_drops_their_lead_in():
    text = ("Tại buổi tiếp xúc, cử tri xã Tân Thành phản ánh cán bộ một cửa còn gây khó dễ khi người dân làm thủ tục. "
            "Ý kiến cử tri phản ánh, hồ sơ chuyển mục đích sử dụng đất ở huyện giải quyết trễ hẹn. "
            "Nhiều cử tri bức xúc về việc công chức địa chính xã hách dịch với người dân.")
    assert items(text) == [
        "cán bộ một cửa còn gây khó dễ khi người dân làm thủ tục",
        "hồ sơ chuyển mục đích sử dụng đất ở huyện giải quyết trễ hẹn",
        "việc công chức địa chính xã hách dịch với người dân",
    ]


def test_plain_words_of_a_commune_meeting():
    text = ("Bí thư Đảng ủy xã nói: năm rồi làm được nhiều việc, nhưng cũng còn mấy cái dở. "
            "Sinh hoạt chi bộ thôn 3 có tháng không đủ người. "
            "Đường nội đồng mùa mưa vẫn lầy lội. "
            "Thu đảng phí ở chi bộ thôn 5 còn lơ là, để nợ cả quý.")
    assert items(text) == [
        "Sinh hoạt chi bộ thôn 3 có tháng không đủ người",
        "Đường nội đồng mùa mưa vẫn lầy lội",
        "Thu đảng phí ở chi bộ thôn 5 còn lơ là, để nợ cả quý",
    ]


def test_an_analysis_stance_and_a_shortfall_of_result_or_pace():
    text = ("Nhìn tổng thể, việc thu hút đầu tư vào khu công nghiệp đạt kết quả thấp. "
            "Có thể thấy, chuyển dịch cơ cấu lao động ở nông thôn diễn ra chậm. "
            "Báo cáo nhìn nhận 2 chỉ tiêu về giảm nghèo khó đạt vào cuối nhiệm kỳ.")
    assert items(text) == [
        "việc thu hút đầu tư vào khu công nghiệp đạt kết quả thấp",
        "chuyển dịch cơ cấu lao động ở nông thôn diễn ra chậm",
        "2 chỉ tiêu về giảm nghèo khó đạt vào cuối nhiệm kỳ",
    ]


def test_a_span_of_time_before_the_subjectless_predicate_after_nhung():
    text = ("Cử tri phản ánh cầu treo bản Na Ươi hư hỏng nặng nhưng đã 2 năm chưa được sửa chữa. "
            "Tuy nhiên, kênh mương nội đồng xã Thạch Hòa bị bồi lấp nhưng lâu nay vẫn chưa được nạo vét.")
    assert items(text) == [
        "cầu treo bản Na Ươi hư hỏng nặng nhưng đã 2 năm chưa được sửa chữa",
        "kênh mương nội đồng xã Thạch Hòa bị bồi lấp nhưng lâu nay vẫn chưa được nạo vét",
    ]


def test_the_members_a_colon_announces_stay_with_their_clause():
    text = ("Giữa nhiệm kỳ, báo cáo nhìn nhận 2 chỉ tiêu khó hoàn thành, gồm: tỷ lệ đô thị hóa, tỷ lệ hộ dùng nước sạch. "
            "Hội nghị cũng chỉ ra: số đảng viên mới kết nạp chưa đạt kế hoạch, gồm: khối doanh nghiệp, "
            "khối trường học.")
    assert items(text) == [
        "2 chỉ tiêu khó hoàn thành, gồm: tỷ lệ đô thị hóa, tỷ lệ hộ dùng nước sạch",
        "số đảng viên mới kết nạp chưa đạt kế hoạch, gồm: khối doanh nghiệp, khối trường học",
    ]


def test_a_contrast_without_a_comma_stays_inside_the_failing():
    text = ("Việc sơ kết nghị quyết ở một số chi bộ còn hình thức nhưng báo cáo gửi lên đều ghi đạt yêu cầu. "
            "Công tác kiểm tra đảng viên ở xã Tân Phú còn sơ sài nhưng năm nào cũng xếp loại hoàn thành tốt.")
    assert items(text) == [
        "Việc sơ kết nghị quyết ở một số chi bộ còn hình thức nhưng báo cáo gửi lên đều ghi đạt yêu cầu",
        "Công tác kiểm tra đảng viên ở xã Tân Phú còn sơ sài nhưng năm nào cũng xếp loại hoàn thành tốt",
    ]


def test_a_contrast_after_a_comma_still_parts_the_clauses():
    text = "Năm 2023, tỷ lệ thu gom rác ở nông thôn còn thấp, nhưng huyện đã xây xong bãi rác tập trung."
    assert items(text) == ["tỷ lệ thu gom rác ở nông thôn còn thấp"]
