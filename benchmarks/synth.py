"""Generated articles for tests and benchmarks (not part of the library), with the truth of what was planted in each.

Articles recombine neutral sentences of the bundled corpus with sentences written here, so that the
cited documents (in several spellings), provinces, dates, party-unit counts and shortcomings vary.
:func:`generate` returns texts to run through ``analyze()`` (real facts) together with a
:class:`Truth` computed from the generator's own choices, never from the archive, so tests can check
filters and facets against it. :func:`vary` makes more records from analyzed ones without NLP, for
benchmarks at 100,000 articles.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: (key, type word, code spellings, date, issuer); the key is how a researcher names the document
DOCUMENTS: tuple[tuple[str, str, tuple[str, ...], str, str], ...] = (
    ("35-CT/TW", "Chỉ thị", ("35-CT/TW", "35/CT-TW", "35- CT/ TW", "35-CT/TW"), "30-5-2019", "Bộ Chính trị"),
    ("45-CT/TW", "Chỉ thị", ("45-CT/TW", "45-CT/TW"), "14-4-2025", "Bộ Chính trị"),
    ("26-HD/BTCTW", "Hướng dẫn", ("26-HD/BTCTW", "26- HD/BTCTW"), "18-10-2019", "Ban Tổ chức Trung ương"),
    ("79-KH/TU", "Kế hoạch", ("79-KH/TU",), "14-8-2019", "Ban Thường vụ Tỉnh ủy"),
    ("21-NQ/TW", "Nghị quyết", ("21-NQ/TW",), "16-6-2022", "Ban Chấp hành Trung ương"),
    ("79-KL/TW", "Kết luận", ("79-KL/TW",), "16-6-2020", "Ban Bí thư"),
    ("205-QĐ/TW", "Quy định", ("205-QĐ/TW",), "23-9-2019", "Bộ Chính trị"),
)

#: province → districts and communes, for organization and congress sentences
PLACES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Điện Biên": (("Mường Nhé", "Tuần Giáo", "Điện Biên Đông"), ("Mường Toong", "Thanh Xương", "Pú Nhi")),
    "Thái Nguyên": (("Đại Từ", "Phú Lương", "Võ Nhai"), ("Tân Cương", "Phúc Xuân", "La Hiên")),
    "Nghệ An": (("Nam Đàn", "Thanh Chương", "Diễn Châu"), ("Kim Liên", "Hưng Thịnh", "Diễn Kỷ")),
    "Hải Dương": (("Ninh Giang", "Thanh Hà", "Kinh Môn"), ("Hồng Đức", "Tân Hương", "An Sinh")),
    "Lào Cai": (("Bát Xát", "Sa Pa", "Bảo Thắng"), ("Tả Phìn", "Phong Niên", "Bản Vược")),
    "Quảng Ninh": (("Tiên Yên", "Vân Đồn", "Đông Triều"), ("Đông Ngũ", "Quan Lạn", "Hồng Phong")),
    "Hà Giang": (("Đồng Văn", "Mèo Vạc", "Bắc Quang"), ("Lũng Cú", "Pả Vi", "Việt Vinh")),
    "Thanh Hóa": (("Thọ Xuân", "Nga Sơn", "Quảng Xương"), ("Xuân Lập", "Nga Thủy", "Quảng Định")),
}
PROVINCE_NAMES = tuple(PLACES)

SHORTCOMINGS: tuple[str, ...] = (
    "số dư bầu BCH còn thấp",
    "việc chuẩn bị văn kiện còn chậm",
    "công tác tuyên truyền chưa sâu rộng",
    "một số cấp ủy chưa chủ động trong công tác chuẩn bị nhân sự",
    "tỷ lệ cán bộ nữ trong cấp ủy chưa đạt chỉ tiêu đề ra",
    "việc lấy ý kiến góp ý vào dự thảo văn kiện còn mang tính hình thức",
    "công tác điều hành đại hội có lúc còn lúng túng",
    "trang trí khánh tiết ở một số nơi chưa đúng hướng dẫn",
)

TITLES: tuple[str, ...] = (
    "{p}: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở",
    "{p}: Rút kinh nghiệm đại hội điểm đảng bộ cơ sở",
    "Đảng bộ tỉnh {p} chuẩn bị đại hội nhiệm kỳ 2020-2025",
    "{p} tổng kết công tác tổ chức đại hội đảng bộ các cấp",
    "Những kinh nghiệm từ đại hội điểm ở {p}",
)

OWN_SENTENCES: tuple[str, ...] = (
    "Công tác chuẩn bị đại hội được các cấp ủy quan tâm lãnh đạo, chỉ đạo chặt chẽ.",
    "Các văn kiện trình đại hội được chuẩn bị công phu, đánh giá đúng thực trạng của địa phương.",
    "Đại hội đã thảo luận dân chủ, thẳng thắn và thống nhất cao về phương hướng, nhiệm vụ nhiệm kỳ tới.",
    "Việc bầu cử được tiến hành đúng quy định, bảo đảm nguyên tắc tập trung dân chủ.",
    "Ban chấp hành khóa mới đã ra mắt và hứa sẽ lãnh đạo thực hiện thắng lợi nghị quyết đại hội.",
    "Cán bộ, đảng viên và nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của cấp ủy.",
    "Các tiểu ban phục vụ đại hội hoạt động tích cực, phối hợp nhịp nhàng.",
    "Công tác bảo đảm an ninh, trật tự trong thời gian diễn ra đại hội được giữ vững.",
    "Công tác nhân sự được thực hiện chặt chẽ, đúng quy trình, công khai, minh bạch.",
    "Báo cáo chính trị đã đánh giá khách quan kết quả thực hiện nghị quyết nhiệm kỳ qua.",
    "Nhiều ý kiến tham luận tâm huyết, trách nhiệm, đề xuất giải pháp sát với thực tiễn.",
    "Công tác kiểm tra, giám sát được tăng cường, kịp thời chấn chỉnh những thiếu sót phát sinh.",
    "Đại biểu dự đại hội đã nghiên cứu kỹ các văn kiện trước khi thảo luận.",
    "Chương trình hành động thực hiện nghị quyết được xây dựng cụ thể, có lộ trình rõ ràng.",
    "Kinh nghiệm từ đại hội điểm là cơ sở để chỉ đạo các đại hội tiếp theo bảo đảm chất lượng.",
    "Công tác phòng, chống dịch bệnh được bảo đảm trong suốt thời gian diễn ra đại hội.",
    "Cấp ủy cấp trên thường xuyên theo dõi, hướng dẫn, giải quyết kịp thời những vướng mắc.",
    "Phương hướng, nhiệm vụ nhiệm kỳ mới được xác định phù hợp với điều kiện của địa phương.",
    "Đội ngũ cấp ủy viên khóa mới có cơ cấu hợp lý, bảo đảm sự kế thừa và phát triển.",
    "Việc tổ chức lấy ý kiến nhân dân đóng góp vào dự thảo văn kiện được thực hiện rộng rãi.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tích cực tham gia xây dựng Đảng.",
    "Các khâu chuẩn bị hậu cần, tài liệu, khánh tiết được thực hiện chu đáo, tiết kiệm.",
    "Sau đại hội, cấp ủy đã kịp thời ban hành chương trình làm việc toàn khóa.",
    "Tinh thần đoàn kết, thống nhất trong Đảng bộ được giữ vững và phát huy.",
)

#: the sites generated articles claim; the corpus's are different, so a filter on them isolates synth
SITES = ("Tạp chí Xây dựng Đảng (thử)", "Báo Đảng bộ tỉnh (thử)", "Cổng thông tin tỉnh (thử)")

ROMAN = ("XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV")

_NEUTRAL_BAD = re.compile(
    r"\d|Chỉ thị|Nghị quyết|Hướng dẫn|Kế hoạch|Kết luận|Quy định|Quyết định|Điều lệ|hạn chế|tồn tại|"
    r"chưa|còn|thiếu|yếu|Tỉnh ủy|Huyện ủy|huyện ủy|tỉnh|huyện|xã|Đảng bộ|đảng bộ|Chi bộ|chi bộ|Đại hội|"
    r"[A-ZĐ][\wđ]* [A-ZĐ][\wđ]*|Ông|Bà|đồng chí|Đồng chí|:"
    + "|" + "|".join(re.escape(p) for p in PROVINCE_NAMES)
)


def neutral_corpus_sentences() -> list[str]:
    """Corpus sentences without numbers, names, documents, places or shortcoming cues: safe filler."""
    try:
        from vnparty_nlp.corpus import SEED_ARTICLES, iter_corpus

        texts = [a.text for a in iter_corpus() if a.path.stem in SEED_ARTICLES]
    except FileNotFoundError:
        return []
    out = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
            s = sentence.strip()
            if 40 <= len(s) <= 300 and s.endswith(".") and s[0].isupper() and not _NEUTRAL_BAD.search(s[1:]):
                out.append(s)
    return out


@dataclass
class Truth:
    """What the generator planted in one article, for checks independent of the archive."""

    province: str
    published: str
    cites: list[str] = field(default_factory=list)  # document keys, each once
    shortcomings: list[str] = field(default_factory=list)
    units: dict[str, int] = field(default_factory=dict)  # party unit → figure
    pilot: str | None = None  # organization of the pilot congress
    district: str | None = None  # the Huyện ủy of the closing line
    dates: list[str] = field(default_factory=list)  # ISO days written in the text (documents, congress)


@dataclass
class SynthArticle:
    text: str
    meta: dict[str, Any]
    truth: Truth

    @property
    def analyze_kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in self.meta.items() if k != "province"}


def _date(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def generate(n: int, seed: int = 0, start: str = "2019-06-01", days: int = 900) -> list[SynthArticle]:
    """``n`` articles with varied documents, provinces, dates, counts and shortcomings (deterministic)."""
    rng = random.Random(seed)
    filler = neutral_corpus_sentences() + list(OWN_SENTENCES)
    first = dt.date.fromisoformat(start)
    out = []
    for i in range(n):
        province = rng.choice(PROVINCE_NAMES)
        districts, communes = PLACES[province]
        published = _date(rng, first, days)
        truth = Truth(province=province, published=published.isoformat())
        title = rng.choice(TITLES).format(p=province)
        paragraphs: list[str] = []

        cited = rng.sample(DOCUMENTS, rng.randint(0, 3))
        if cited:
            parts = []
            for key, word, spellings, date, issuer in cited:
                code = rng.choice(spellings)
                sep = rng.choice((" số ", " ", " số "))
                issuer_text = f"{issuer} {province}" if issuer.endswith("Tỉnh ủy") else issuer
                parts.append(f"{word}{sep}{code}, ngày {date} của {issuer_text}")
                truth.cites.append(key)
                d, m, y = (int(x) for x in date.split("-"))
                truth.dates.append(f"{y:04d}-{m:02d}-{d:02d}")
            paragraphs.append("Thực hiện " + " và ".join(parts) + ", công tác chuẩn bị đại hội được triển khai sớm.")

        if rng.random() < 0.7:
            a, b = rng.randint(20, 400), rng.randint(10, 300)
            direct = rng.randint(8, 30)
            truth.units = {"đảng bộ trực thuộc": direct, "tổ chức cơ sở đảng": a + b, "đảng bộ cơ sở": a,
                           "chi bộ cơ sở": b}
            paragraphs.append(f"Đảng bộ tỉnh {province} có {direct} đảng bộ trực thuộc với {a + b} TCCSĐ, "
                              f"trong đó có {a} đảng bộ cơ sở và {b} chi bộ cơ sở.")

        if rng.random() < 0.8:
            commune = rng.choice(communes)
            month = rng.randint(1, 6)
            d1 = rng.randint(1, 25)
            paragraphs.append(
                f"Đại hội điểm Đảng bộ xã {commune} lần thứ {rng.choice(ROMAN)} nhiệm kỳ 2020-2025 diễn ra "
                f"từ ngày {d1}-{month}-2020 đến ngày {d1 + 1}-{month}-2020.")
            truth.pilot = f"Đảng bộ xã {commune}"
            truth.dates += [f"2020-{month:02d}-{d1:02d}", f"2020-{month:02d}-{d1 + 1:02d}"]

        body = rng.sample(filler, min(len(filler), rng.randint(3, 7)))
        paragraphs += body[: len(body) // 2]
        if rng.random() < 0.6:
            items = rng.sample(SHORTCOMINGS, rng.randint(1, 4))
            truth.shortcomings = items
            paragraphs.append("Bên cạnh những kết quả đạt được, công tác đại hội vẫn còn một số hạn chế: "
                              + "; ".join(items) + ".")
        paragraphs += body[len(body) // 2:]
        truth.district = rng.choice(districts)
        paragraphs.append(f"Huyện ủy {truth.district} sẽ tiếp tục chỉ đạo các đảng bộ rút kinh nghiệm.")

        text = title + "\n" + "\n".join(paragraphs) + "\n"
        meta = {
            "title": title, "published": published.isoformat(), "province": province,
            "url": f"https://example.vn/{fold_slug(province)}/bai-{seed}-{i}.html", "source": f"synth/{seed}/{i}",
            "site": rng.choice(SITES),
        }
        out.append(SynthArticle(text, meta, truth))
    return out


def fold_slug(text: str) -> str:
    from vnparty_nlp.archive.keys import fold_key

    return fold_key(text).replace(" ", "-")


def analyze_all(articles: list[SynthArticle], **options: Any) -> list[dict[str, Any]]:
    """Record dicts (with ``province``) of generated articles, through the real ``analyze()``."""
    from vnparty_nlp.pipeline import analyze

    out = []
    for a in articles:
        record = analyze(a.text, **a.analyze_kwargs, **options)
        out.append({**record.to_dict(), "province": a.meta["province"]})
    return out


# --- cheap variations for benchmarks -------------------------------------------------------------

def vary(records: list[dict[str, Any]], n: int, seed: int = 0, start: str = "2019-01-01",
         days: int = 1500, target_chars: int = 3000) -> Iterator[dict[str, Any]]:
    """``n`` new record dicts made from analyzed ones without NLP: body lines shuffled (facts moved
    with their line), neutral lines added up to ``target_chars``, a new URL and publication date, and a
    closing line with figures unique to each.
    """
    from vnparty_nlp.extract import REGISTRY

    rng = random.Random(seed)
    first = dt.date.fromisoformat(start)
    prepared = [_lines(r) for r in records]
    filler = neutral_corpus_sentences() + list(OWN_SENTENCES)
    for i in range(n):
        base, lines = prepared[rng.randrange(len(prepared))]
        order = [0] + rng.sample(range(1, len(lines)), len(lines) - 1) if len(lines) > 1 else [0]
        text_parts: list[str] = []
        facts: dict[str, list[dict[str, Any]]] = {k: [] for k in REGISTRY}
        pos = 0
        for li in order:
            line_text, line_start, line_facts = lines[li]
            text_parts.append(line_text + "\n")
            for kind, f in line_facts:
                s, e = f["span"]
                facts[kind].append({**f, "span": [s - line_start + pos, e - line_start + pos]})
            pos += len(line_text) + 1
        delegates, members = 100 + i % 500, 1000 + i // 500
        while pos < target_chars:  # pad with neutral sentences to the length of a real article
            line = " ".join(rng.sample(filler, 3))
            text_parts.append(line + "\n")
            pos += len(line) + 1
        closing = f"Tham dự đại hội có {delegates} đại biểu, thay mặt cho {members} đảng viên."
        for value, unit in ((delegates, "đại biểu"), (members, "đảng viên")):
            frag = f"{value} {unit}"
            s = pos + closing.index(frag)
            facts["counts"].append({"text": frag, "span": [s, s + len(frag)], "value": value, "total": None,
                                    "unit": unit})
        text = "".join(text_parts) + closing + "\n"
        published = _date(rng, first, days).isoformat()
        yield {**base, "text": text, "published": published, "url": f"https://bench.example.vn/a/{seed}/{i}",
               "source": f"bench/{seed}/{i}", **facts}


def _lines(record: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, int, list[tuple[str, dict[str, Any]]]]]]:
    """A record's text as lines, each with the facts inside it (facts across lines are dropped)."""
    from vnparty_nlp.extract import REGISTRY

    text = record["text"].rstrip("\n")
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append([line, pos, []])
        pos += len(line) + 1
    for kind in REGISTRY:
        for f in record.get(kind) or []:
            s, e = f["span"]
            for entry in lines:
                if entry[1] <= s and e <= entry[1] + len(entry[0]):
                    entry[2].append((kind, f))
                    break
    base = {k: v for k, v in record.items() if k not in REGISTRY and k not in ("sentences", "tokens")}
    return base, [(t, s, fs) for t, s, fs in lines]


__all__ = ["generate", "analyze_all", "vary", "SynthArticle", "Truth", "DOCUMENTS", "PROVINCE_NAMES", "SITES",
           "SHORTCOMINGS"]
