"""Places the genre names: provinces and centrally-run cities, for telling places from personal names,
guessing an article's province and faceting the archive by it."""
from __future__ import annotations

#: provinces and centrally-run cities (before the 2025 mergers, as in the archives), for telling places
#: from personal names and for the archive's province facets
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

#: words that put a place's name after them; wards and streets are often named after people
#: ("phường Trần Phú", "đường Lê Lợi"), so a name right after one of them is a place, not a person
PLACE_WORDS: tuple[str, ...] = (
    "tỉnh", "thành phố", "TP", "TP.", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "thôn", "xóm",
    "bản", "ấp", "khóm", "buôn", "tổ dân phố", "khu phố", "đường", "phố",
)
