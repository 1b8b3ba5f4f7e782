"""The layers only import downwards: lang at the bottom, scrape → text → extract → records → archive, cli on top."""
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vnparty_nlp"
#: what each layer may import from the package, besides itself
#: ``lang`` (language knowledge: weekdays, month words, byline prefixes) is the bottom: it imports nothing
#: from the package, and every layer may import it
ALLOWED = {
    "lang": set(),
    "scrape": {"lang"},
    "text": {"lang"},
    "extract": {"lang", "text"},
    "records": {"lang", "text", "extract"},
    "archive": {"lang", "text", "extract", "records", "pipeline", "corpus"},
    "analysis": {"lang", "text", "extract", "records", "pipeline", "corpus", "archive"},
    "web": {"lang", "text", "extract", "records", "pipeline", "corpus", "archive"},
}
IMPORT = re.compile(r"^\s*(?:from|import) vnparty_nlp\.(\w+)", re.M)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_lower_layers(layer):
    files = list((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else [PACKAGE / f"{layer}.py"]
    assert files
    wrong = {(f.name, m) for f in files for m in IMPORT.findall(f.read_text(encoding="utf-8"))
             if m != layer and m not in ALLOWED[layer]}
    assert not wrong


def test_nothing_imports_the_cli():
    users = [f for f in PACKAGE.rglob("*.py") if f.name != "cli.py" and "cli" in IMPORT.findall(f.read_text(encoding="utf-8"))]
    assert not users
