"""Does the shortcoming classifier help the default pipeline? Measured with the scorer, on dev and on the seeds.

    python benchmarks/classifier.py            # from the project root
    python benchmarks/classifier.py --show-errors

Every figure is ``shared/eval/score.py --pred`` on records the pipeline made; the scorer and the gold are
only read. In one run:

1. The shipped classifier's held-out split (its own labelled sentences, stratified 80/20).
2. On the 50 real dev articles (``shared/eval/dev``) and on the two seeds (``shared/eval/gold`` +
   ``shared/seeds``): shortcomings P/R/F1 of the rules alone (what ``analyze`` and ``vnparty extract`` do),
   of the rules plus the shipped classifier's second opinion
   (:func:`vnparty_nlp.analysis.classifier.with_classifier`), and of the classifier alone over every
   cue-bearing sentence (no rules). The shipped sentences contain no seed and no dev sentence.
3. Leave-articles-out cross-validation on dev: 5 folds over the 50 articles (grouped by article, fixed seed).
   For each fold a classifier is trained on the shipped sentences plus the cue-bearing sentences of the
   *training-fold* articles, labelled from their gold (positive when the sentence overlaps a gold
   shortcoming by the scorer's token-F1 >= 0.5, negative otherwise), and the held-out fold's articles are
   scored with the rules alone and with the rules + that classifier; tp/gold/pred are summed over the folds.
   The held-out articles' gold is read only by the scorer; their sentences are never trained on (a training
   sentence identical to a held-out one is dropped). The labelled dev sentences live only in memory.

Dev figures are skipped, with a message, when ``shared/eval/dev`` is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vnparty_nlp.analysis.classifier import LabelledSentence, ShortcomingClassifier
    from vnparty_nlp.records import Record

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FOLDS, SEED = 5, 0
#: F1 must rise by at least this much for the classifier to count as helping (one or two items on dev)
MARGIN = 0.01
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class EvalSet:
    """Gold files paired by name with article texts, as the scorer pairs them."""

    name: str
    gold: Path
    articles: Path
    scorer: Path  # shared/eval/score.py

    def stems(self) -> list[str]:
        return [g.stem for g in sorted(self.gold.glob("*.json")) if (self.articles / f"{g.stem}.txt").exists()]


# --- scoring ------------------------------------------------------------------------------------

def score(records: Sequence[Record], ev: EvalSet, show_errors: bool = False,
          stems: Sequence[str] | None = None) -> dict:
    """The scorer's figures for ``records``; ``stems`` restricts the gold to those articles (a CV fold)."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = ev.gold
        if stems is not None:  # the scorer reads every gold file of a folder: give it only the fold's
            gold = Path(tmp) / "gold"
            gold.mkdir()
            for stem in stems:
                (gold / f"{stem}.json").symlink_to((ev.gold / f"{stem}.json").resolve())
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
        cmd = [sys.executable, str(ev.scorer), "--gold", str(gold), "--articles", str(ev.articles),
               "--pred", str(pred), "--json"]
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
        if done.returncode != 0 or "{" not in done.stdout:
            sys.exit(f"classifier benchmark: the scorer failed: {done.stderr[-2000:]}")
        if show_errors:
            errors = subprocess.run([*cmd[:-1], "--show-errors"], capture_output=True, text=True,
                                    encoding="utf-8", check=False)
            lines = [line for line in errors.stdout.splitlines()
                     if line.endswith(".txt:") or line.startswith(("  shortcomings missed", "  shortcomings spurious"))]
            lines = [line for i, line in enumerate(lines)  # article names only above their errors
                     if not line.endswith(".txt:") or (i + 1 < len(lines) and not lines[i + 1].endswith(".txt:"))]
            print("\n".join(lines) or "  (no shortcoming errors)")
    out = done.stdout  # the JSON figures, then a one-line summary
    figures, _ = json.JSONDecoder().raw_decode(out[out.index("{"):])
    return figures


def summed(figures: Sequence[dict]) -> dict:
    """Micro-averaged shortcomings over folds: tp, gold and pred summed, then P/R/F1."""
    tp, gold, pred = (sum(f[k] for f in figures) for k in ("tp", "gold", "pred"))
    p = tp / pred if pred else (1.0 if not gold else 0.0)
    r = tp / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": gold, "pred": pred, "tp": tp, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f1, 3)}


def row(name: str, fig: dict) -> str:
    return (f"{name:44} {fig['gold']:>5} {fig['pred']:>5} {fig['tp']:>4} {fig['precision']:>7.3f} "
            f"{fig['recall']:>7.3f} {fig['f1']:>7.3f}")


HEADER = f"{'shortcomings':44} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>7} {'R':>7} {'F1':>7}"


def load_scorer(path: Path) -> ModuleType:
    """shared/eval/score.py as a module, for its token-F1 (the overlap that labels dev sentences)."""
    spec = importlib.util.spec_from_file_location("vnparty_eval_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- records ------------------------------------------------------------------------------------

def analyze_set(ev: EvalSet) -> dict[str, Record]:
    """Records as ``vnparty extract`` makes them (same reading of the file and its metadata)."""
    from vnparty_nlp.corpus import ANALYZE_KEYS, read_article, read_metadata
    from vnparty_nlp.pipeline import analyze

    out = {}
    for stem in ev.stems():
        path = ev.articles / f"{stem}.txt"
        meta = read_metadata(path)
        out[stem] = analyze(read_article(path), source=str(path),
                            **{k: meta[k] for k in ANALYZE_KEYS if meta.get(k)})
    return out


def no_rules(record: Record) -> Record:
    return replace(record, facts={**record.facts, "shortcomings": []})


# --- dev sentences labelled from the gold, for cross-validation ----------------------------------

def cue_sentences(text: str) -> list[str]:
    """The sentences the classifier may be asked about: they bear a cue and are one admission long."""
    from vnparty_nlp.analysis.classifier import MAX_WORDS, MIN_WORDS
    from vnparty_nlp.extract.shortcomings import has_cue
    from vnparty_nlp.text import Doc

    doc = Doc(text)
    out = []
    for s, e in doc.sentence_bounds:
        sentence = doc.norm[s:e]
        if has_cue(sentence) and MIN_WORDS <= len(_WORD.findall(sentence)) <= MAX_WORDS:
            out.append(doc.span(s, e).text)
    return out


def all_sentences(text: str) -> set[str]:
    from vnparty_nlp.text import Doc

    doc = Doc(text)
    return {_key(doc.span(s, e).text) for s, e in doc.sentence_bounds}


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def label_from_gold(text: str, gold_path: Path, token_f1: Callable[[str, str], float]) -> list[LabelledSentence]:
    """Cue-bearing sentences of one article: 1 when one overlaps a gold shortcoming by token-F1 >= 0.5."""
    from vnparty_nlp.analysis.classifier import LabelledSentence

    gold = json.loads(gold_path.read_text(encoding="utf-8")).get("shortcomings") or []
    items = [g if isinstance(g, str) else (g.get("text") or "") for g in gold]
    return [LabelledSentence(s, int(any(token_f1(s, g) >= 0.5 for g in items)), "dev")
            for s in cue_sentences(text)]


def folds(stems: Sequence[str], k: int = FOLDS, seed: int = SEED) -> list[list[str]]:
    """``k`` groups of articles, shuffled with a fixed seed."""
    order = sorted(stems)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


@dataclass
class CrossValidation:
    rules: dict
    with_classifier: dict
    n_dev_train: list[int]  # labelled dev sentences per fold (positives, total)
    n_dropped: int


def cross_validate(dev: EvalSet, records: dict[str, Record], threshold: float | None,
                   show_errors: bool) -> CrossValidation:
    from vnparty_nlp.analysis.classifier import ShortcomingClassifier, load_sentences, with_classifier

    token_f1 = load_scorer(dev.scorer).token_f1
    shipped = load_sentences()
    rules_figs, clf_figs, sizes, dropped = [], [], [], 0
    for i, held_out in enumerate(folds(list(records))):
        train_stems = [s for s in records if s not in held_out]
        labelled = [x for s in train_stems
                    for x in label_from_gold(records[s].text, dev.gold / f"{s}.json", token_f1)]
        held_sentences = set().union(*(all_sentences(records[s].text) for s in held_out))
        data = [x for x in [*shipped, *labelled] if _key(x.text) not in held_sentences]
        dropped += len(shipped) + len(labelled) - len(data)
        sizes.append((sum(x.label for x in labelled), len(labelled)))
        model = ShortcomingClassifier.train(data)
        held = [records[s] for s in held_out]
        rules_figs.append(score(held, dev, stems=held_out)["shortcomings"])
        if show_errors:
            print(f"-- fold {i + 1}: rules + classifier trained with the other folds' dev sentences")
        clf_figs.append(score([with_classifier(r, model, threshold) for r in held], dev, show_errors,
                              stems=held_out)["shortcomings"])
    return CrossValidation(summed(rules_figs), summed(clf_figs), sizes, dropped)


# --- the report ---------------------------------------------------------------------------------

def compare(name: str, ev: EvalSet, records: list[Record], classifier: ShortcomingClassifier,
            threshold: float | None, show_errors: bool) -> dict[str, dict]:
    from vnparty_nlp.analysis.classifier import with_classifier

    runs: dict[str, Callable[[Record], Record]] = {
        "rules (default pipeline)": lambda r: r,
        "rules + shipped classifier": lambda r: with_classifier(r, classifier, threshold),
        "shipped classifier alone (no rules)": lambda r: with_classifier(no_rules(r), classifier, threshold),
    }
    print(f"\n{name} (shared/eval/score.py --pred):")
    print(HEADER)
    out = {}
    for run_name, run in runs.items():
        if show_errors:
            print(f"-- {run_name}")
        out[run_name] = score([run(r) for r in records], ev, show_errors)["shortcomings"]
        print(row(run_name, out[run_name]))
    return out


def verdict(rules_f1: float, variants: dict[str, float]) -> str:
    best = max(variants, key=variants.__getitem__)
    helps = variants[best] >= rules_f1 + MARGIN
    detail = "; ".join(f"{name} {f1:.3f}" for name, f1 in variants.items())
    return (f"Verdict: the classifier {'helps' if helps else 'does not help'} the default pipeline "
            f"(dev shortcomings F1: rules alone {rules_f1:.3f}; {detail}; helping needs +{MARGIN}).")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder (seeds, eval)")
    ap.add_argument("--threshold", type=float, default=None, help="P(shortcoming) cut-off (default: the model's)")
    ap.add_argument("--show-errors", action="store_true", help="list the scorer's shortcoming errors of each run")
    args = ap.parse_args()

    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        sys.exit(f"classifier benchmark: no scorer at {scorer} (pass --shared)")

    from vnparty_nlp.analysis.classifier import ShortcomingClassifier, evaluate

    t0 = time.perf_counter()
    ev = evaluate()
    print(f"Held-out split of the shipped sentences: {ev.n_train} training / {ev.n_test} test "
          f"({time.perf_counter() - t0:.1f}s)")
    print(ev.report)
    for text, gold, p in ev.errors:
        print(f"  error: gold {gold}, P={p:.2f}: {text}")

    classifier = ShortcomingClassifier.default()
    seeds = EvalSet("seeds", args.shared / "eval" / "gold", args.shared / "seeds", scorer)
    dev = EvalSet("dev", args.shared / "eval" / "dev" / "gold", args.shared / "eval" / "dev" / "articles", scorer)

    dev_figs: dict[str, dict] = {}
    cv: CrossValidation | None = None
    if dev.gold.is_dir() and dev.articles.is_dir() and dev.stems():
        dev_records = analyze_set(dev)
        dev_figs = compare(f"Shortcomings on the {len(dev_records)} dev articles", dev, list(dev_records.values()),
                           classifier, args.threshold, args.show_errors)
    else:
        print(f"\nDev figures skipped: no gold and articles under {dev.gold.parent} (shared/eval/dev is absent).")
    seed_records = analyze_set(seeds)
    compare(f"Shortcomings on the {len(seed_records)} seed articles", seeds, list(seed_records.values()),
            classifier, args.threshold, args.show_errors)

    if dev_figs:
        t0 = time.perf_counter()
        cv = cross_validate(dev, dev_records, args.threshold, args.show_errors)
        pos = ", ".join(f"{p}/{n}" for p, n in cv.n_dev_train)
        print(f"\nLeave-articles-out cross-validation on dev: {FOLDS} folds of articles (seed {SEED}); each "
              f"classifier trained on the shipped sentences + the training folds' cue-bearing dev sentences "
              f"labelled from their gold (positive/total per fold: {pos}; {cv.n_dropped} training sentences "
              f"identical to held-out ones dropped); held-out folds scored, summed "
              f"({time.perf_counter() - t0:.1f}s):")
        print(HEADER)
        print(row("rules (default pipeline)", cv.rules))
        print(row("rules + classifier trained with dev folds", cv.with_classifier))
        print()
        print(verdict(dev_figs["rules (default pipeline)"]["f1"], {
            "rules + shipped classifier": dev_figs["rules + shipped classifier"]["f1"],
            "rules + dev-trained classifier (leave-articles-out)": cv.with_classifier["f1"],
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
