"""A second opinion on shortcomings: does a sentence admit a limitation, or report an achievement?

The rule extractor (:mod:`vnparty_nlp.extract.shortcomings`) finds shortcomings that a report announces
(``còn bộc lộ một số hạn chế, như: ...``). Reports also admit problems in plain prose, with no
announcement; the rules leave those alone because a cue word (``còn``, ``chưa``, ``hạn chế``) alone is
not enough: ``không có đơn thư khiếu nại`` is an achievement, ``Để khắc phục những hạn chế ...`` a
remedy, ``Các cấp ủy cần ...`` a plan. This module trains a small scikit-learn model on labelled
sentences shipped with the package (``data/shortcoming_sentences.tsv``, written for this purpose and
disjoint from the evaluation seeds) to tell them apart, and offers it as an opt-in:
:func:`classifier_shortcomings` returns the extra prose shortcomings, :func:`with_classifier` adds them
to a record, :func:`classifier_extractor` / :func:`classifier_enabled` plug it into ``analyze``.
``analyze`` itself is unchanged: the model is never trained or loaded unless asked for.

The model is TF-IDF over underthesea words (uni- and bigrams) next to counts of the genre's cue words
and of the openings that mark plans and remedies, fed to a logistic regression. It is trained on first
use and cached in memory and on disk (joblib, in :func:`cache_dir`), keyed by the data and library
versions, so a changed training file retrains it.
"""
from __future__ import annotations

import csv
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from vnparty_nlp.extract import shortcomings as rules
from vnparty_nlp.extract.shortcomings import Shortcoming
from vnparty_nlp.text import Doc

if TYPE_CHECKING:
    from vnparty_nlp.extract.base import Extractor
    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parent / "data" / "shortcoming_sentences.tsv"
#: bump when the features or the estimator change, so cached models are not reused
MODEL_VERSION = "1"
#: probability above which a sentence counts as a shortcoming
DEFAULT_THRESHOLD = 0.5

#: words and phrases with which the genre admits a limitation
CUE_WORDS: tuple[str, ...] = (
    "còn", "chưa", "hạn chế", "khuyết điểm", "yếu kém", "yếu", "lúng túng", "thiếu", "chậm", "thấp",
    "tồn tại", "bất cập", "vướng mắc", "hình thức", "sơ lược", "sai sót", "nhầm lẫn", "vi phạm", "kém",
    "không đạt", "không trúng", "không đúng", "không đủ", "nể nang", "né tránh", "chung chung", "dàn trải",
    "mờ nhạt", "buông lỏng", "phức tạp", "khó khăn", "vẫn còn", "còn thấp", "chưa cao", "chưa kịp thời",
)
#: openings and phrases that turn a cue into a plan, a remedy, a cause or an achievement
COUNTER_WORDS: tuple[str, ...] = (
    "để", "nhằm", "khắc phục", "cần", "phải", "đề nghị", "kiến nghị", "phấn đấu", "thời gian tới",
    "nguyên nhân", "không có", "không để", "không xảy ra", "không còn", "đã được", "được khắc phục",
    "được giải quyết", "còn lại", "không chỉ", "mà còn", "đạt", "vượt", "hoàn thành", "bảo đảm", "tốt",
)
_OPENERS: tuple[str, ...] = (
    "để", "nhằm", "khắc phục", "cần", "phải", "đề nghị", "kiến nghị", "phấn đấu", "trong thời gian tới",
    "thời gian tới", "nguyên nhân", "rút kinh nghiệm", "tuy nhiên", "bên cạnh", "mặc dù", "dù", "không",
)
_WORD = re.compile(r"\w+", re.UNICODE)


# --- data --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LabelledSentence:
    """One training sentence: ``label`` 1 admits a shortcoming, 0 does not (achievement, plan, ...)."""

    text: str
    label: int
    topic: str = ""


def load_sentences(path: Path = DATA_PATH) -> list[LabelledSentence]:
    """The labelled sentences of a TSV file with the columns ``label``, ``topic``, ``text``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = [LabelledSentence(r["text"].strip(), int(r["label"]), r.get("topic") or "") for r in rows]
    return [s for s in out if s.text]


# --- features ----------------------------------------------------------------------------------

@lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # heavy import: only when the model is used

    return tuple(w.lower().replace(" ", "_") for w in word_tokenize(text) if _WORD.search(w))


def tokenize(text: str) -> list[str]:
    """underthesea words, lower case, multi-syllable words joined by ``_`` (``hạn_chế``), no punctuation.

    Words rather than syllables because the genre's cues are words: ``hạn chế`` (limitation) is not
    ``chế``; module-level so that a fitted pipeline pickles.
    """
    return list(_words(text))


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)


class CueFeatures(BaseEstimator, TransformerMixin):
    """Counts of cue and counter-cue phrases, and flags for how the sentence opens and ends.

    TF-IDF learns these from the data too, but a few hundred sentences are not enough for it to
    weigh ``không có`` against ``không đạt``; explicit features carry what the genre is known to do.
    """

    def __init__(self, cues: Sequence[str] = CUE_WORDS, counters: Sequence[str] = COUNTER_WORDS,
                 openers: Sequence[str] = _OPENERS) -> None:
        self.cues = cues
        self.counters = counters
        self.openers = openers

    def fit(self, X: Iterable[str], y: Any = None) -> CueFeatures:  # noqa: N803 - sklearn's naming
        self.patterns_ = [_phrase_pattern(p) for p in (*self.cues, *self.counters)]
        self.opener_patterns_ = [re.compile(r"^\W*" + _phrase_pattern(p).pattern, re.IGNORECASE) for p in self.openers]
        return self

    def feature_names(self) -> list[str]:
        return ([f"cue:{p}" for p in self.cues] + [f"counter:{p}" for p in self.counters]
                + [f"opens:{p}" for p in self.openers] + ["ends_with_colon", "n_cues"])

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(self.feature_names(), dtype=object)

    def transform(self, X: Iterable[str]) -> sparse.csr_matrix:  # noqa: N803
        rows = []
        n_cues = len(self.cues)
        for text in X:
            counts = [min(len(p.findall(text)), 3) for p in self.patterns_]
            opens = [1.0 if p.match(text) else 0.0 for p in self.opener_patterns_]
            colon = 1.0 if text.rstrip().endswith(":") else 0.0
            rows.append(counts + opens + [colon, min(sum(counts[:n_cues]), 5) / 5])
        return sparse.csr_matrix(np.asarray(rows, dtype=float))


def build_pipeline(C: float = 4.0) -> Pipeline:  # noqa: N803 - the usual name of the regularization
    """An unfitted pipeline: TF-IDF of words + cue features → logistic regression."""
    words = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, ngram_range=(1, 2),
                            min_df=1, sublinear_tf=True)
    features = FeatureUnion([("words", words), ("cues", CueFeatures())])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    return Pipeline([("features", features), ("model", model)])


# --- evaluation --------------------------------------------------------------------------------

@dataclass
class Evaluation:
    """Held-out figures: the printed report and the numbers behind it."""

    report: str
    scores: dict[str, Any]
    n_train: int
    n_test: int
    errors: list[tuple[str, int, float]] = field(default_factory=list)  # (text, gold label, P(positive))


def evaluate(sentences: Sequence[LabelledSentence] | None = None, test_size: float = 0.2,
             random_state: int = 0) -> Evaluation:
    """Train on a stratified split and report precision/recall/F1 on the held-out part."""
    from sklearn.metrics import classification_report
    from sklearn.model_selection import train_test_split

    data = list(sentences) if sentences is not None else load_sentences()
    labels = [s.label for s in data]
    train, test = train_test_split(data, test_size=test_size, random_state=random_state, stratify=labels)
    pipe = build_pipeline().fit([s.text for s in train], [s.label for s in train])
    proba = pipe.predict_proba([s.text for s in test])[:, 1]
    pred = (proba >= DEFAULT_THRESHOLD).astype(int)
    gold = [s.label for s in test]
    names = ["other (0)", "shortcoming (1)"]
    report = classification_report(gold, pred, target_names=names, digits=3)
    scores = classification_report(gold, pred, target_names=names, output_dict=True)
    errors = [(s.text, s.label, float(p)) for s, p, y in zip(test, proba, pred, strict=True) if y != s.label]
    return Evaluation(report, scores, len(train), len(test), errors)


# --- the classifier ----------------------------------------------------------------------------

def cache_dir() -> Path:
    """Where trained models are kept: ``$VNPARTY_CACHE``, else ``$XDG_CACHE_HOME/vnparty_nlp``."""
    if os.environ.get("VNPARTY_CACHE"):
        return Path(os.environ["VNPARTY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnparty_nlp"


def _fingerprint(path: Path) -> str:
    import sklearn

    digest = hashlib.sha256(path.read_bytes())
    digest.update(f"{MODEL_VERSION}:{sklearn.__version__}".encode())
    return digest.hexdigest()[:16]


@dataclass
class ShortcomingClassifier:
    """A fitted pipeline and the probability threshold at which a sentence is a shortcoming."""

    pipeline: Pipeline
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def train(cls, sentences: Sequence[LabelledSentence] | None = None, threshold: float = DEFAULT_THRESHOLD,
              ) -> ShortcomingClassifier:
        """Fit on all the labelled sentences (the held-out figures come from :func:`evaluate`)."""
        data = list(sentences) if sentences is not None else load_sentences()
        pipe = build_pipeline().fit([s.text for s in data], [s.label for s in data])
        log.info("shortcoming classifier trained on %d sentences", len(data))
        return cls(pipe, threshold)

    @classmethod
    def default(cls, cache: bool = True) -> ShortcomingClassifier:
        """The model for the shipped data: from memory, else from the disk cache, else trained now."""
        if not cache:
            return cls.train()
        return _default_classifier(_fingerprint(DATA_PATH))

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        """P(shortcoming) for each text."""
        if not texts:
            return np.zeros(0)
        return self.pipeline.predict_proba(list(texts))[:, 1]

    def predict(self, texts: Sequence[str]) -> list[bool]:
        return [bool(p >= self.threshold) for p in self.proba(texts)]

    def is_shortcoming(self, text: str) -> bool:
        return self.predict([text])[0]


@lru_cache(maxsize=2)
def _default_classifier(fingerprint: str) -> ShortcomingClassifier:
    import joblib

    path = cache_dir() / f"shortcoming-classifier-{fingerprint}.joblib"
    if path.exists():
        try:
            model = joblib.load(path)
            if isinstance(model, ShortcomingClassifier):
                log.debug("shortcoming classifier loaded from %s", path)
                return model
        except Exception as err:  # a truncated or foreign file: retrain rather than fail
            log.warning("cached classifier %s unreadable (%s); retraining", path, err)
    model = ShortcomingClassifier.train()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            joblib.dump(model, tmp.name)
        os.replace(tmp.name, path)  # atomic: concurrent processes never read half a file
    except OSError as err:
        log.warning("could not cache the classifier in %s (%s); keeping it in memory", path.parent, err)
    return model


# --- applying it to articles -------------------------------------------------------------------

#: sentences outside this many words are titles, datelines or whole paragraphs, not one admission
MIN_WORDS, MAX_WORDS = 5, 90


@dataclass(frozen=True)
class Candidate:
    """A sentence the classifier was asked about, with its verdict (for inspection in notebooks)."""

    text: str
    span: tuple[int, int]
    proba: float
    accepted: bool
    reason: str  # "classifier", or why it was not asked: "rules", "intro", "remedy", "no cue", "length"


def _doc_and_rules(item: Record | Doc) -> tuple[Doc, list[Shortcoming]]:
    if isinstance(item, Doc):
        found = item.facts.get("shortcomings")
        return item, list(found) if found is not None else rules.find_shortcomings(item)
    return Doc(item.text), list(item.facts.get("shortcomings", []))


def candidates(item: Record | Doc, classifier: ShortcomingClassifier | None = None,
               threshold: float | None = None) -> list[Candidate]:
    """Every sentence with the classifier's verdict or the reason it was skipped.

    Skipped: sentences the rules already took, announcements and list intros (they name no problem
    of their own), remedies, plans and causes (``Để khắc phục ...``, ``cần``, ``Nguyên nhân``),
    sentences without any negative cue (the classifier is a second opinion on cue-bearing prose, not a
    free-standing detector) and fragments or paragraphs outside ``MIN_WORDS``..``MAX_WORDS``.
    """
    doc, found = _doc_and_rules(item)
    taken = [f.span for f in found]
    out: list[Candidate] = []
    asked: list[tuple[int, Any]] = []
    for s, e in doc.sentence_bounds:
        span = doc.span(s, e)
        sentence = doc.norm[s:e]
        n_words = len(_WORD.findall(sentence))
        if any(a < span.end and span.start < b for a, b in taken):
            reason = "rules"
        elif rules.announces(sentence):
            reason = "intro"
        elif rules.turns_away(sentence):
            reason = "remedy"
        elif not rules.has_cue(sentence):
            reason = "no cue"
        elif not MIN_WORDS <= n_words <= MAX_WORDS:
            reason = "length"
        else:
            asked.append((len(out), span))
            reason = "classifier"
        out.append(Candidate(span.text, span.bounds, float("nan"), False, reason))
    if asked:
        model = classifier or ShortcomingClassifier.default()
        cut = model.threshold if threshold is None else threshold
        probs = model.proba([span.text for _, span in asked])
        for (i, _), p in zip(asked, probs, strict=True):
            out[i] = replace(out[i], proba=float(p), accepted=bool(p >= cut))
    return out


def classifier_shortcomings(item: Record | Doc, classifier: ShortcomingClassifier | None = None,
                            threshold: float | None = None) -> list[Shortcoming]:
    """Prose shortcomings the rules did not catch and the classifier accepts (``how="classifier"``).

    ``item`` is a Record (its rule shortcomings are taken from it) or a Doc (the rules are run on it
    unless ``doc.facts`` has them). Spans index the record's text, like every fact.
    """
    return [Shortcoming(c.text, c.span, how="classifier")
            for c in candidates(item, classifier, threshold) if c.accepted]


def with_classifier(record: Record, classifier: ShortcomingClassifier | None = None,
                    threshold: float | None = None) -> Record:
    """A copy of ``record`` whose shortcomings include the classifier's, in text order."""
    extra = classifier_shortcomings(record, classifier, threshold)
    facts = dict(record.facts)
    facts["shortcomings"] = sorted([*record.facts.get("shortcomings", []), *extra], key=lambda f: f.span)
    return replace(record, facts=facts)


def find_with_classifier(doc: Doc) -> list[Shortcoming]:
    """Rules first, then the classifier's second opinion on the prose they left."""
    found = rules.find_shortcomings(doc)
    doc.facts["shortcomings"] = found
    return found + classifier_shortcomings(doc)


def classifier_extractor() -> Extractor:
    """A ``shortcomings`` extractor that adds the classifier's findings, for ``extract.register``."""
    return replace(rules.EXTRACTOR, find=find_with_classifier)


@contextmanager
def classifier_enabled() -> Iterator[None]:
    """Within the block, ``analyze`` uses :func:`classifier_extractor`; the rule extractor comes back after.

    The registry is process-wide: in ``analyze_many(processes>1)`` workers started by *spawn* do not
    see the change; use :func:`with_classifier` on the records there instead.
    """
    from vnparty_nlp.extract import REGISTRY, register

    saved = dict(REGISTRY)
    register(classifier_extractor())
    try:
        yield
    finally:
        REGISTRY.clear()
        REGISTRY.update(saved)  # same extractors in the same order, so records serialize as before
