"""vnparty_nlp: Vietnamese Communist Party news articles → structured, searchable records.

    >>> from vnparty_nlp import analyze
    >>> record = analyze("Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị ...")
    >>> record.documents[0].code
    'CT/TW'
"""
from vnparty_nlp.corpus import iter_corpus
from vnparty_nlp.extract import REGISTRY, Extractor, Fact, register
from vnparty_nlp.extract.congresses import Congress
from vnparty_nlp.extract.counts import Count
from vnparty_nlp.extract.dates import DateFact
from vnparty_nlp.extract.documents import DocumentRef
from vnparty_nlp.extract.implements import Implementation
from vnparty_nlp.extract.organizations import Organization
from vnparty_nlp.extract.people import Person
from vnparty_nlp.extract.registry import DocumentRegistry, Resolution, default_registry, use_registry
from vnparty_nlp.extract.shortcomings import Shortcoming
from vnparty_nlp.pipeline import InputError, analyze, analyze_many
from vnparty_nlp.records import Record, facts_frame, frame_facts
from vnparty_nlp.text import Doc, Span, normalize

__version__ = "0.1.0"

__all__ = [
    "analyze", "analyze_many", "InputError", "Record", "facts_frame", "frame_facts", "Doc", "Span", "normalize",
    "Fact", "Extractor", "REGISTRY", "register", "DocumentRef", "DateFact", "Count", "Shortcoming",
    "Person", "Organization", "Congress", "iter_corpus", "__version__", "Implementation", "DocumentRegistry",
    "Resolution", "default_registry", "use_registry", "cascade",
]


def __getattr__(name: str):  # noqa: ANN202
    """``vnparty_nlp.cascade`` without importing pandas and networkx with the package."""
    if name == "cascade":
        from vnparty_nlp.analysis.cascade import cascade

        return cascade
    raise AttributeError(f"module 'vnparty_nlp' has no attribute {name!r}")
