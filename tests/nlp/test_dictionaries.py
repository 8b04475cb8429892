import os
import time
from pathlib import Path

import pytest

from nlp.dictionaries import DictionaryStore, load_dictionaries
from nlp.errors import DictionaryError


def test_shipped_configuration_is_consistent(dictionaries) -> None:
    assert len(dictionaries.departments) == 25
    assert len(dictionaries.types) == 18
    assert all(d.keywords and d.description for d in dictionaries.departments)
    assert all(t.keywords for t in dictionaries.types)
    assert {term.severity for term in dictionaries.urgent_terms} == {1, 2, 3}
    assert "있다" in dictionaries.stopwords
    assert dictionaries.department("roads").name == "도로과"


def test_unknown_department_code_is_named(dictionaries) -> None:
    with pytest.raises(DictionaryError, match="'nope'"):
        dictionaries.department("nope")


def test_keyword_file_with_unknown_code_is_rejected(config_copy: Path) -> None:
    path = config_copy / "dictionaries" / "department_keywords.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  ghost-dept:\n    keywords: [유령]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="ghost-dept"):
        load_dictionaries(config_copy)


def test_broken_yaml_is_reported_with_its_path(config_copy: Path) -> None:
    (config_copy / "dictionaries" / "synonyms.yaml").write_text("주차: [불법주차\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="synonyms.yaml"):
        load_dictionaries(config_copy)


def test_store_reloads_after_a_clerk_edits_a_file(config_copy: Path) -> None:
    store = DictionaryStore(config_copy)
    first = store.current()
    assert store.current() is first
    stopwords = config_copy / "dictionaries" / "stopwords.txt"
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + "\n새불용어\n", encoding="utf-8")
    later = time.time() + 2
    os.utime(stopwords, (later, later))
    second = store.current()
    assert second is not first
    assert "새불용어" in second.stopwords
