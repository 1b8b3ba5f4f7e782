"""Hostile inputs for the extractors: none may go quadratic.

    python benchmarks/hostile_extractors.py [--small 100000] [--factor 10]

Each input is one text of ``--small`` characters and one ``--factor`` times longer, built by repeating a
genre fragment without a full stop (so that a whole list, title chain or sentence is one unit): a list of
people after ``các đồng chí:``, titles full of bodies, one long sentence of congresses, numbers with units,
year-less dates, one long sentence of failings with quoted sayings, citations. Prints the extraction time
(every registered extractor) per 100 KB for both sizes (best of ``--repeat``) and the ratio of the large time
to the small one (linear = the factor; goal: at most 12 for a factor of 10). ``benchmarks/pipeline.py``
prints the same table after its throughput figures.
"""
from __future__ import annotations

import argparse
import gc
import time

FRAGMENTS = {
    # issue 13 item 12: _name_starts was quadratic on these
    "people list (các đồng chí:)": ("Dự hội nghị có các đồng chí: ", "Nguyễn Văn Bình, Phó Bí thư Tỉnh ủy; "
                                    "Lò Thị Mai - Chủ tịch UBND huyện, "),
    # _cut_at_people was quadratic: many bodies and many people
    "title chains (organizations)": ("", "Ủy viên Ban Thường vụ Huyện ủy Mường Chà, Trưởng Ban Tổ chức Huyện ủy "
                                     "Mường Chà Lê Văn Tuấn, Bí thư Đảng ủy xã Sá Tổng, "),
    # _subject_organization was quadratic: congresses without a body, in one sentence
    "long sentence (congresses)": ("", "Đảng bộ xã Tân Lập tổ chức Đại hội đại biểu lần thứ XVI, "
                                   "các chi bộ tổ chức Đại hội lần thứ IV, "),
    # counts: claimed spans and generic units were checked against every earlier match
    "numbers with units": ("", "Năm 2021 kết nạp 1.234 đảng viên, 56 chi bộ, 3,2 tỷ đồng, khiển trách 5, "
                           "12 trong tổng số 15 đảng bộ; "),
    # dates: the year of a year-less date was looked up among all full dates
    "year-less dates": ("", "Sáng 11/4 và ngày 12/5/2021, quý II, 6 tháng đầu năm, từ ngày 14 đến ngày 16/6, "),
    # shortcomings: commas inside quotes were checked against every quoted span of the sentence
    "long sentence (shortcomings)": ("Tuy nhiên, ", "công tác kiểm tra ở một số nơi còn hạn chế, việc thu, chi quỹ "
                                     "chưa công khai, “trên nóng, dưới lạnh”, tỷ lệ thấp, "),
    # dates read the rest of the text after every citation
    "citations": ("", "Chỉ thị số 35-CT/TW, quy định 102, Quyết định số 1600/QĐ.TTg của Thủ tướng Chính phủ, "),
}


def build(head: str, body: str, size: int) -> str:
    return head + body * max(1, (size - len(head)) // len(body))


def seconds(text: str, repeat: int = 3) -> float:
    """The best of ``repeat`` runs (the machine is shared: the best run is the one least disturbed)."""
    from vnparty_nlp.extract import run_extractors
    from vnparty_nlp.text import Doc

    best = float("inf")
    for _ in range(repeat):
        doc = Doc(text)
        _ = doc.sentence_bounds  # segmentation is text/'s cost, not the extractors'
        gc.collect()
        t0 = time.perf_counter()
        run_extractors(doc)
        best = min(best, time.perf_counter() - t0)
    return best


def report(small_size: int = 100_000, factor: int = 10, repeat: int = 3) -> None:
    """Print the table: seconds per 100 KB at both sizes and their ratio, per hostile input."""
    seconds(build(*FRAGMENTS["people list (các đồng chí:)"], 2000))  # warm up regex caches
    print(f"{'hostile input':<32}{'s/100 KB small':>16}{'s/100 KB large':>16}{'large/small':>13}  "
          f"(sizes {small_size:,} and {small_size * factor:,} characters; goal <= 12)")
    for name, (head, body) in FRAGMENTS.items():
        small = seconds(build(head, body, small_size), repeat)
        large = seconds(build(head, body, small_size * factor), repeat)
        per = 100_000 / small_size
        print(f"{name:<32}{small * per:>16.3f}{large * per / factor:>16.3f}{large / small:>13.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report(args.small, args.factor, args.repeat)


if __name__ == "__main__":
    main()
