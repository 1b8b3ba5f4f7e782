"""Text layer: normalization with offsets, sentences, underthesea tokens, article layout."""
from vnparty_nlp.text.doc import Doc, Span
from vnparty_nlp.text.layout import Layout, parse_layout, parse_timestamp
from vnparty_nlp.text.normalize import fold_diacritics, fold_tone_placement, match_key, normalize
from vnparty_nlp.text.tokens import PARTY_LEXICON

__all__ = [
    "Doc", "Span", "Layout", "parse_layout", "parse_timestamp", "normalize", "match_key",
    "fold_tone_placement", "fold_diacritics", "PARTY_LEXICON",
]
