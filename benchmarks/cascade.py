"""Implementation relations against a hand-made gold file, and what the extractor costs.

    python benchmarks/cascade.py [--articles ../shared/eval/dev/articles] [--repeat 3] [--show-errors]

Reads ``tests/fixtures/implements_gold.json`` (relations annotated by hand in 20 dev articles) and prints
precision and recall of (a) the implemented documents of each article (``targets``: a relation to it, by
whatever implementer) and (b) the document → document pairs. Then times ``run_extractors`` on a long
citation-dense text with ``documents`` alone (the baseline) and with ``implements`` added, and prints the ratio.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "implements_gold.json"


def norm(key: str) -> str:
    """``35- CT/ TW`` = ``35-CT/TW``; ``05`` = ``5``; case and tone placement ignored."""
    from vnparty_nlp.extract.registry import fold

    key = fold(re.sub(r"\s*([-/])\s*", r"\1", key))
    return re.sub(r"(?<!\d)0+(?=\d)", "", key)


def predicted(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    from vnparty_nlp import analyze

    record = analyze(path.read_text(encoding="utf-8"), source=str(path))
    facts = record.implements
    return ({norm(f.target) for f in facts},
            {(norm(f.source), norm(f.target)) for f in facts if f.source})


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def quality(articles: Path, show_errors: bool) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    totals = {"targets": [0, 0, 0], "pairs": [0, 0, 0]}
    for name, want in sorted(gold.items()):
        path = articles / f"{name}.txt"
        if not path.exists():
            sys.exit(f"no article {path}: give --articles the dev articles directory")
        got_targets, got_pairs = predicted(path)
        gold_targets = {norm(t) for t in want["targets"]}
        gold_pairs = {(norm(s), norm(t)) for s, t in want["pairs"]}
        for kind, got, gold_set in (("targets", got_targets, gold_targets), ("pairs", got_pairs, gold_pairs)):
            totals[kind][0] += len(got & gold_set)
            totals[kind][1] += len(got)
            totals[kind][2] += len(gold_set)
            if show_errors and got != gold_set:
                print(f"  {name} {kind}: missed {sorted(gold_set - got)}; spurious {sorted(got - gold_set)}")
    print(f"gold: {len(gold)} articles ({GOLD.relative_to(ROOT)})")
    for kind, label in (("targets", "implemented documents"), ("pairs", "document -> document pairs")):
        tp, n_pred, n_gold = totals[kind]
        p, r, f = prf(tp, n_pred, n_gold)
        print(f"{label:28s} precision {p:.2f} ({tp}/{n_pred})  recall {r:.2f} ({tp}/{n_gold})  F1 {f:.2f}")


def speed(repeat: int) -> None:
    from vnparty_nlp.extract import run_extractors
    from vnparty_nlp.text import Doc

    unit = ("Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị; Hướng dẫn số 26-HD/BTCTW ngày 18-10-2019 "
            "của Ban Tổ chức Trung ương; Kế hoạch số 79-KH/TU ngày 14-8-2019 của BCH Tỉnh ủy Điện Biên, Tỉnh ủy Điện "
            "Biên đã chủ động triển khai, chuẩn bị tốt cho việc tổ chức đại hội đảng bộ các cấp. ")
    text = unit * 300  # ~100 KB, 900 citations, 600 cues

    def best(names: list[str]) -> float:
        times = []
        for _ in range(repeat):
            doc = Doc(text)
            start = time.perf_counter()
            run_extractors(doc, names)
            times.append(time.perf_counter() - start)
        return min(times)

    base = best(["documents"])
    both = best(["documents", "implements"])
    print(f"speed on {len(text) // 1000} KB, 900 citations: documents {base:.3f} s, documents+implements "
          f"{both:.3f} s, ratio {both / base:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "eval" / "dev" / "articles")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    quality(args.articles, args.show_errors)
    speed(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
