"""Related articles: scikit-learn TF-IDF over underthesea words, cosine similarity.

Tokenizing costs ~30 ms an article, so the matrix is built once, on the first ``similar()`` call,
and cached in a file beside the database (``NAME.sqlite.tfidf.pkl``) tagged with the archive's
generation: any write to the archive makes the cache stale and the next call rebuilds it.
"""
from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnparty_nlp.archive.keys import exact_text

if TYPE_CHECKING:
    import pandas as pd

    from vnparty_nlp.archive.store import Archive
    from vnparty_nlp.records import Record

log = logging.getLogger(__name__)
CACHE_VERSION = 1


def underthesea_words(text: str) -> list[str]:
    """Words as underthesea cuts them (``đại_hội``), lower-case, punctuation and numbers dropped."""
    from vnparty_nlp.text.tokens import word_spans

    norm = exact_text(text)
    words = []
    for start, end in word_spans(norm):
        w = norm[start:end].casefold()
        if any(c.isalpha() for c in w):
            words.append("_".join(w.split()))
    return words


def syllables(text: str) -> list[str]:
    """A cheap tokenizer (syllables) for tests and very large archives."""
    return [w for w in exact_text(text).casefold().split() if any(c.isalpha() for c in w)]


def _identity(words: list[str]) -> list[str]:
    """The analyzer: documents arrive tokenized (a module function, so the cache pickles)."""
    return words


TOKENIZERS = {"underthesea": underthesea_words, "syllables": syllables}


@dataclass
class SimilarityIndex:
    generation: int
    tokenizer: str
    ids: list[int]
    vectorizer: Any
    matrix: Any

    @classmethod
    def cache_path(cls, archive: Archive) -> Path | None:
        return archive.engine.sidecar(".tfidf.pkl")

    @classmethod
    def load_or_build(cls, archive: Archive, tokenizer: str = "underthesea", cache: bool = True) -> SimilarityIndex:
        path = cls.cache_path(archive)
        if cache and path is not None and path.exists():
            try:
                with open(path, "rb") as f:
                    version, index = pickle.load(f)
                if version == CACHE_VERSION and index.generation == archive.generation and index.tokenizer == tokenizer:
                    return index
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as err:
                log.warning("similarity cache %s unreadable (%s): rebuilding", path, err)
        index = cls.build(archive, tokenizer)
        if cache and path is not None and not archive.readonly:
            tmp = path.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                pickle.dump((CACHE_VERSION, index), f)
            tmp.replace(path)
        return index

    @classmethod
    def build(cls, archive: Archive, tokenizer: str = "underthesea") -> SimilarityIndex:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from tqdm import tqdm

        if tokenizer not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {tokenizer!r}; known: {list(TOKENIZERS)}")
        generation = archive.generation
        rows = archive.engine.similar_rows()
        ids = [r[0] for r in rows]
        tok = TOKENIZERS[tokenizer]
        docs = [tok(r[1]) for r in tqdm(rows, desc="tokenize", unit="article", disable=len(rows) < 500)]
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=1)
        matrix = vectorizer.fit_transform(docs) if docs else None
        return cls(generation, tokenizer, ids, vectorizer, matrix)

    def query(self, archive: Archive, article: int | Record | str, n: int = 10) -> pd.DataFrame:
        import pandas as pd
        from sklearn.metrics.pairwise import linear_kernel

        columns = ["id", "title", "published", "province", "similarity"]
        if self.matrix is None:
            return pd.DataFrame(columns=columns)
        own = None
        if isinstance(article, int):
            if article in self._positions:
                own = self._positions[article]
                vector = self.matrix[own]
            else:
                vector = self._vector(archive.get(article).text)
        elif isinstance(article, str):
            vector = self._vector(article)
        else:
            vector = self._vector((article.title or "") + "\n" + article.text)
        scores = linear_kernel(vector, self.matrix).ravel()
        if own is not None:
            scores[own] = -1.0
        order = scores.argsort()[::-1][:n]
        rows = []
        for i in order:
            if scores[i] <= 0:
                break
            found = archive.engine.briefs([self.ids[i]]).get(self.ids[i])
            if found is not None:
                a = {name: found[name] for name in ("id", "title", "published", "province")}
                rows.append({**a, "similarity": float(scores[i])})
        return pd.DataFrame(rows, columns=columns)

    @property
    def _positions(self) -> dict[int, int]:
        if not hasattr(self, "_pos"):
            self._pos = {article_id: i for i, article_id in enumerate(self.ids)}
        return self._pos

    def _vector(self, text: str) -> Any:
        return self.vectorizer.transform([TOKENIZERS[self.tokenizer](text)])
