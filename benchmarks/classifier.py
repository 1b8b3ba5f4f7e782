"""Does the shortcoming classifier help? Held-out report, then the scorer on the seeds with and without it.

    python benchmarks/classifier.py            # from the project root
    python benchmarks/classifier.py --show-errors

Three runs of ``shared/eval/score.py --pred``: the rules alone (what ``analyze`` does), the rules plus
the classifier's second opinion (:func:`vnparty_nlp.analysis.classifier.with_classifier`), and the
classifier alone over every cue-bearing sentence (no rules), which shows what it would find by itself.
The seeds are never in the training data.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def score(records: list, shared: Path, show_errors: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
        cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / "gold"),
               "--articles", str(shared / "seeds"), "--pred", str(pred), "--json"]
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
        if show_errors:
            errors = subprocess.run([*cmd[:-1], "--show-errors"], capture_output=True, text=True, check=False)
            print("\n".join(line for line in errors.stdout.splitlines() if "shortcomings " in line and ":" in line)
                  or "  (no shortcoming errors)")
    out = done.stdout  # the JSON figures, then a one-line summary
    figures, _ = json.JSONDecoder().raw_decode(out[out.index("{"):])
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder (seeds, eval)")
    ap.add_argument("--threshold", type=float, default=None, help="P(shortcoming) cut-off (default: the model's)")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()

    from vnparty_nlp.analysis.classifier import ShortcomingClassifier, evaluate, with_classifier
    from vnparty_nlp.pipeline import analyze
    from vnparty_nlp.records import Record

    t0 = time.perf_counter()
    ev = evaluate()
    print(f"Held-out split: {ev.n_train} training / {ev.n_test} test sentences ({time.perf_counter() - t0:.1f}s)")
    print(ev.report)
    for text, gold, p in ev.errors:
        print(f"  error: gold {gold}, P={p:.2f}: {text}")

    classifier = ShortcomingClassifier.default()
    seeds = sorted((args.shared / "seeds").glob("*.txt"))
    base = [analyze(p.read_text(encoding="utf-8"), source=str(p)) for p in seeds]

    def no_rules(r: Record) -> Record:
        from dataclasses import replace
        return replace(r, facts={**r.facts, "shortcomings": []})

    runs: dict[str, Callable[[Record], Record]] = {
        "rules (default analyze)": lambda r: r,
        "rules + classifier": lambda r: with_classifier(r, classifier, args.threshold),
        "classifier alone (no rules)": lambda r: with_classifier(no_rules(r), classifier, args.threshold),
    }
    print(f"\nShortcomings on the {len(seeds)} seed articles (shared/eval/score.py --pred):")
    print(f"{'run':30} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>7} {'R':>7} {'F1':>7}")
    for name, run in runs.items():
        if args.show_errors:
            print(f"-- {name}")
        fig = score([run(r) for r in base], args.shared, args.show_errors)["shortcomings"]
        print(f"{name:30} {fig['gold']:>5} {fig['pred']:>5} {fig['tp']:>4} {fig['precision']:>7.3f} "
              f"{fig['recall']:>7.3f} {fig['f1']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
