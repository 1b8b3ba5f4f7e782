"""Bylines: how Vietnamese pages sign an article, and how to tell a person's name from a unit's.

An article is signed with a name, often after a prefix (``Bài và ảnh:``), a rank (``TS.``, ``PGS, TS``,
``Đại tá``), in capitals (``NGUYỄN VĂN HẢI``), and followed by a unit or a role (``Ban Tổ chức Tỉnh ủy``,
``Phó Giám đốc Học viện...``).  A name is two to four capitalised syllables; a unit or role starts with
one of :data:`ORG_WORDS` or :data:`ROLE_WORDS`.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["BYLINE_PREFIXES", "PORTAL_WORDS", "BANNER_WORDS", "ORG_WORDS", "ROLE_WORDS", "RANK_PREFIX", "NAME_WORD", "CREDIT",
           "looks_like_person", "name_case"]

#: prefixes before the name in a byline ("Bài và ảnh: Thu Hà")
BYLINE_PREFIXES: tuple[str, ...] = (
    "bài và ảnh", "bài, ảnh", "bài/ảnh", "bài", "tin và ảnh", "tin, ảnh", "tin/ảnh", "tin", "ảnh", "tác giả",
    "phóng viên", "pv", "người viết", "nhóm phóng viên", "thực hiện", "người đăng", "người thực hiện", "viết bởi",
    "đăng bởi", "biên tập", "by",
    # the author field of portal CMSs (NukeViet: "Tác giả bài viết: ...", "Nguồn tin: ..." under it)
    "tác giả bài viết", "bài viết", "người viết bài", "tin bài", "tin, bài", "bài, ảnh, video", "bài và ảnh, video",
)
#: words that start an organisation or a place, not a person's name (never a common middle or given
#: name: "Thị", "Văn", "Quân" are names)
ORG_WORDS = frozenset("""
ban tỉnh huyện thành quận xã phường đảng ủy uỷ sở báo đài trung phòng hội cổng tạp nguồn theo bộ cục
viện trường công chi đại tin ảnh ubnd hđnd mttq đoàn liên trang hệ tổng nhà học cơ ngân vụ tòa khối
bệnh hợp câu ttvh khoa
""".split())
#: words that start a role ("Phó Giám đốc...", "Ủy viên Ban Thường vụ...")
ROLE_WORDS = frozenset("""
phó trưởng giám chủ bí ủy uỷ thành nguyên chánh viện tổng thư giảng nghiên cán chuyên đại thiếu trung
thượng học phóng biên
""".split())
#: how a site names itself: a heading or <title> part starting with these is the portal, not the article
PORTAL_WORDS: tuple[str, ...] = (
    "cổng thông tin", "cổng ttđt", "trang thông tin", "trang tin", "báo điện tử", "báo ", "tạp chí", "đài phát thanh",
    "website", "cơ quan của", "huyện ủy - ", "thành ủy - ", "tỉnh ủy - ", "new page", "untitled", "trang chủ",
    "in bài viết",
)
#: a heading in capitals starting with these is a banner ("ĐẢNG BỘ HUYỆN ...", "ỦY BAN NHÂN DÂN ...")
BANNER_WORDS: tuple[str, ...] = ("đảng bộ", "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "huyện ủy",
                                 "tỉnh ủy", "thành ủy", "đảng ủy", "ubnd", "hđnd")
#: ranks and degrees written before a name ("TS.", "PGS, TS", "Thiếu tướng", "Nhà báo")
RANK_PREFIX = re.compile(
    r"^(?:(?:GS|PGS|TS|ThS|TSKH|CN|BS|KS|LS|NCS|NNC|Ths|GS\.TSKH)\s*[.,]?\s*)+"
    r"|^(?:(?i:đại tá|thượng tá|trung tá|thiếu tá|đại úy|thiếu tướng|trung tướng|thượng tướng|đại tướng|"
    r"nhà báo|nhà văn|đồng chí|đ/c|luật sư|bác sĩ|nghệ sĩ|nhà giáo)\s*,?\s*)+"
)
#: a capitalised word of a name (Vietnamese capitals included)
NAME_WORD = r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][\w]*(?:['’]\w+)?"  # K'Thuận
#: a source credit that names no person ("T/h: Đài phát thanh huyện.", "Theo Báo Nhân Dân")
CREDIT = re.compile(
    r"^\(?\s*(?:(?i:t/h|th|tổng hợp|nguồn|sưu tầm)\s*[:.]|(?i:nguồn|theo|dẫn theo)\s+(?=[A-ZĐ])"
    r"|(?i:bài đăng trên|bài đã đăng trên|đăng trên|bài đăng tại)\s+)[^,;]{2,80}$"
)
_NAME = re.compile(rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{1,4}}$")
_NOT_NAMES = frozenset({"admin", "administrator", "quản trị", "ban biên tập", "biên tập viên", "webmaster"})


def name_case(name: str) -> str:
    """``NGUYỄN VĂN HẢI`` → ``Nguyễn Văn Hải``; a name already in mixed case is kept."""
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    return name.title() if name.isupper() else name


def looks_like_person(name: str) -> bool:
    """Two to five capitalised words, not starting with a unit or role word, not an account name."""
    name = unicodedata.normalize("NFC", name.strip())
    if name.lower() in _NOT_NAMES or not _NAME.match(name):
        return False
    first = name.split()[0].lower()
    return first not in ORG_WORDS and first not in ROLE_WORDS
