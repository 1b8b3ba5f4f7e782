"""The fast paths of ingest give exactly what the plain functions give, on real and on odd text."""
from __future__ import annotations

import hashlib
import random
import unicodedata

import pytest

from benchmarks.synth import vary
from vnparty_nlp.archive import keys
from vnparty_nlp.text import fold_tone_placement


def reference_exact_text(text: str) -> str:
    """:func:`keys.exact_text` as it was written first (a regex per old tone pair over the lower case)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c, folded in keys._CHAR_MAP.items():
        if c in text:
            text = text.replace(c, folded)
    lower = text.lower()
    if any(pair in lower and rx.search(lower) for pair, rx in keys._OLD_TONE_PAIRS.items()):
        text = fold_tone_placement(text)
    return text


def reference_forms(text: str) -> tuple[str, str, str, str]:
    x = reference_exact_text(text)
    return (x, keys.fold_text(x), keys.encode_exact(x, exact=True),
            hashlib.sha256(" ".join(x.split()).encode("utf-8")).hexdigest())


ALPHABET = [*"qQaoOuUyYdđĐ \n\t\r\x00\x1c\x85\xa0_1½İ.-", "oà", "Oà", "oÀ", "OẠ", "uỷ", "UỶ", "hoàn", "hoà", "Quý", "quà", "QUÀ", "Uỳ", "huỷ",
            "\u0301", "\u0323", "\u0302", "\u0344", "ố", "ć", "“", "\u2003", "\u3000", "\u200b", "한", "ﬁ", "Å",
            "\u212b", "e\u0301", "\u1f00", "\U0001f600", "ǅ", "\u2028", "\u0591", "क़", "  ", "\n\n", " \n", "\x0b", "\u2000"]


def odd_texts(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 14))) for _ in range(n)]


def test_index_forms_equal_the_plain_functions(corpus_records, synth_records):
    texts = [r["text"] for r in corpus_records + synth_records] + [r["title"] or "" for r in corpus_records]
    texts += [r["text"] for r in vary(synth_records[:40], 100, seed=3)]
    texts += odd_texts(20_000)
    for text in texts:
        assert keys.index_forms(text) == reference_forms(text), repr(text)
        assert keys.exact_text(text) == reference_exact_text(text), repr(text)
        assert keys.content_hash(text) == reference_forms(text)[3]


@pytest.mark.parametrize("text", ["", "a", "hoà", "Hoà bình", "hoàn", "Quý", "toà\u0301", "x\u0301\u0323 ố\u0323 ć\u0323"])
def test_index_forms_edge_cases(text):
    assert keys.index_forms(text) == reference_forms(text)
