"""Shared fixtures: the bundled seed articles."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ("dien-bien-dai-hoi-diem-2020", "ninh-giang-dai-hoi-diem-2020")


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {name: (CORPUS / f"{name}.txt").read_text(encoding="utf-8") for name in SEEDS}


@pytest.fixture(scope="session")
def seed_records(seed_texts):
    from vnparty_nlp import analyze

    return {name: analyze(text, source=name) for name, text in seed_texts.items()}
