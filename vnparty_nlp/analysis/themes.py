"""What the shortcomings of a collection are about: NMF topics over their words.

Every shortcoming says ``còn``, ``chưa`` or ``hạn chế``; what tells them apart is the subject (personnel,
documents, elections, propaganda, ...). The cue words and function words are therefore stop words
here, and each theme is named by the words that weigh most in it, so that a table of themes per
province reads without a codebook. NMF over TF-IDF gives additive, non-negative themes that are easier to
read than LDA's on a few dozen short texts; KMeans is offered for a hard partition.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)

THEME_COLUMNS = ["source", "title", "province", "text", "theme", "theme_label", "weight"]

#: words every shortcoming shares (cues, quantifiers, function words): no theme should be named by them
STOP_WORDS: frozenset[str] = frozenset("""
còn chưa vẫn hạn_chế khuyết_điểm yếu_kém tồn_tại thiếu_sót bất_cập một số một_số ít nhiều các những có
là và của ở tại trong theo cho với được bị đã đang sẽ nên do vì thì mà khi này đó nào nơi một_vài vài
việc công_tác thực_hiện chưa_được chưa_có cũng rất quá lại ra vào như đến từ trên dưới về hơn
phần nhất_định hoặc thấp cao chậm kỹ sâu đúng đủ cụ_thể không nhưng đơn_vị có_nơi số_ít
thiếu yếu kém hình_thức lúng_túng xã người cấp nơi ít
""".split())


def province_of(record: Record) -> str | None:
    """The ``province`` of the article's ``.meta.json`` sidecar (corpus format), if there is one."""
    from vnparty_nlp.corpus import read_metadata

    if not record.source:
        return None
    try:
        return read_metadata(Path(record.source)).get("province")
    except (OSError, ValueError):
        return None


def _analyzer(text: str) -> list[str]:
    from vnparty_nlp.analysis.classifier import tokenize

    return [w for w in tokenize(text) if w not in STOP_WORDS and not w.isdigit() and len(w) > 1]


def shortcoming_themes(
    records: Iterable[Record],
    n_themes: int = 4,
    n_top_words: int = 4,
    method: str = "nmf",
    random_state: int = 0,
    province: Callable[[Record], str | None] = province_of,
) -> pd.DataFrame:
    """One row per shortcoming with its theme: source, title, province, text, theme (0..n-1), theme_label
    (top words joined by `` · ``), weight (the theme's share of the text's loadings; 1.0 for KMeans).

    ``frame.attrs["themes"]`` holds each theme's top words. Fewer shortcomings than ``n_themes`` give
    fewer themes; none at all an empty frame.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from threadpoolctl import threadpool_limits

    if method not in ("nmf", "kmeans"):
        raise ValueError(f"method must be 'nmf' or 'kmeans', not {method!r}")
    rows = [(r, f) for r in records for f in r.facts.get("shortcomings", [])]
    if not rows:
        frame = pd.DataFrame(columns=THEME_COLUMNS)
        frame.attrs["themes"] = []
        return frame
    texts = [f.text for _, f in rows]
    vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform(texts)
    vocabulary = np.array(vectorizer.get_feature_names_out())
    k = max(1, min(n_themes, matrix.shape[0], matrix.shape[1]))
    if k < n_themes:
        log.info("only %d shortcomings/words: %d themes instead of %d", matrix.shape[0], k, n_themes)
    if method == "nmf":
        from sklearn.decomposition import NMF

        model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
        with threadpool_limits(limits=1):  # one BLAS thread: the same floats on any machine and load
            loadings = np.round(model.fit_transform(matrix), 9)
        components = np.round(model.components_, 9)
        theme = loadings.argmax(axis=1)
        totals = loadings.sum(axis=1)
        weight = np.divide(loadings.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0)
    else:
        from sklearn.cluster import KMeans

        model = KMeans(n_clusters=k, n_init=10, random_state=random_state)
        with threadpool_limits(limits=1):
            theme = model.fit_predict(matrix)
        components = np.round(model.cluster_centers_, 9)
        weight = np.ones(len(texts))
    # ties in weight broken by vocabulary order (a stable sort), not by the sort algorithm's whim
    top = [[str(w) for w in vocabulary[np.argsort(-row, kind="stable")[:n_top_words]]] for row in components]
    labels = [" · ".join(w.replace("_", " ") for w in words) for words in top]
    frame = pd.DataFrame({
        "source": [r.source for r, _ in rows],
        "title": [r.title for r, _ in rows],
        "province": [province(r) for r, _ in rows],
        "text": texts,
        "theme": theme.astype(int),
        "theme_label": [labels[t] for t in theme],
        "weight": np.round(weight, 3),
    }, columns=THEME_COLUMNS)
    frame.attrs["themes"] = top
    return frame


def themes_by_province(themes: pd.DataFrame) -> pd.DataFrame:
    """Shortcomings per province (rows) and theme label (columns), for tables and stacked bars."""
    if themes.empty:
        return pd.DataFrame()
    provinces = themes["province"].fillna("(không rõ)")
    return pd.crosstab(provinces, themes["theme_label"]).sort_index()
