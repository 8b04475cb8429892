"""The city's editable configuration: department registry, complaint types and dictionaries.

Clerks edit the YAML/CSV files under ``data/``; ``DictionaryStore.current()`` reloads them when a file
changes, so no code change or restart is needed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlp.errors import DictionaryError
from nlp.korean import SlangRules, UserWord

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    bureau: str
    duties: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    phone: str = ""


@dataclass(frozen=True)
class ComplaintType:
    code: str
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class UrgentTerm:
    term: str
    severity: int  # 3 danger to life, 2 serious danger to property/health, 1 worth watching
    category: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dictionaries:
    departments: tuple[Department, ...]
    types: tuple[ComplaintType, ...]
    urgent_terms: tuple[UrgentTerm, ...]
    harmless_contexts: tuple[str, ...]
    synonyms: dict[str, str]  # variant -> canonical
    user_words: tuple[UserWord, ...]
    slang: SlangRules
    emotive: dict[str, tuple[str, ...]]
    stopwords: frozenset[str]
    issue_words: dict[str, tuple[str, ...]]
    sentiment_lexicon: dict[str, tuple[str, ...]]

    def department(self, code: str) -> Department:
        for department in self.departments:
            if department.code == code:
                return department
        raise DictionaryError(f"unknown department code {code!r}; known: {', '.join(self.department_codes)}")

    @property
    def department_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.departments)

    @property
    def type_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types)


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise DictionaryError(f"{path} is missing (사전 파일이 없습니다)")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise DictionaryError(f"{path} is not valid YAML (YAML 형식 오류): {error}") from error


def _need(mapping: Any, key: str, path: Path) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise DictionaryError(f"{path}: expected a top-level key {key!r}")
    return mapping[key]


def load_dictionaries(config_dir: Path) -> Dictionaries:
    """Read every file under ``config_dir`` (``registry/`` and ``dictionaries/``) and check codes agree."""
    registry = config_dir / "registry"
    folder = config_dir / "dictionaries"

    dept_path = registry / "departments.yaml"
    dept_hints = _need(_read_yaml(folder / "department_keywords.yaml"), "departments", folder)
    departments = []
    for row in _need(_read_yaml(dept_path), "departments", dept_path):
        hint = dept_hints.get(row["code"], {})
        departments.append(
            Department(
                code=row["code"],
                name=row["name"],
                bureau=row.get("bureau", ""),
                duties=row.get("duties", ""),
                description=hint.get("description", ""),
                keywords=tuple(hint.get("keywords", ())),
                phone=row.get("phone", ""),
            )
        )
    type_path = registry / "complaint_types.yaml"
    type_hints = _need(_read_yaml(folder / "type_keywords.yaml"), "types", folder)
    types = []
    for row in _need(_read_yaml(type_path), "types", type_path):
        hint = type_hints.get(row["code"], {})
        types.append(
            ComplaintType(
                code=row["code"],
                name=row["name"],
                description=hint.get("description", ""),
                keywords=tuple(hint.get("keywords", ())),
            )
        )
    _check_codes("department_keywords.yaml", dept_hints, {d.code for d in departments})
    _check_codes("type_keywords.yaml", type_hints, {t.code for t in types})

    urgent_path = folder / "urgent_terms.yaml"
    urgent = _read_yaml(urgent_path)
    urgent_terms = tuple(
        UrgentTerm(
            term=row["term"],
            severity=int(row["severity"]),
            category=row.get("category", ""),
            variants=tuple(row.get("variants", ())),
        )
        for row in _need(urgent, "terms", urgent_path)
    )
    harmless = tuple(row["phrase"] for row in urgent.get("negations_or_harmless_context", ()))

    synonyms: dict[str, str] = {}
    for canonical, variants in (_read_yaml(folder / "synonyms.yaml") or {}).items():
        for variant in variants or ():
            synonyms[str(variant)] = str(canonical)

    neologisms_path = folder / "neologisms.yaml"
    user_words = tuple(
        UserWord(form=row["form"], tag=row.get("tag", "NNG"), score=float(row.get("score", 0)))
        for row in _need(_read_yaml(neologisms_path), "words", neologisms_path)
    )

    slang_data = _read_yaml(folder / "slang.yaml")
    slang = SlangRules(
        replacements={row["from"]: row.get("to", "") for row in slang_data.get("replacements", ())},
        patterns=tuple((row["regex"], row.get("to", "")) for row in slang_data.get("patterns", ())),
    )
    emotive = {key: tuple(values) for key, values in slang_data.get("emotive", {}).items()}

    stopwords_path = folder / "stopwords.txt"
    if not stopwords_path.is_file():
        raise DictionaryError(f"{stopwords_path} is missing")
    stopwords = frozenset(
        line.strip() for line in stopwords_path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    issue_words = {
        topic: tuple(words)
        for topic, words in _need(_read_yaml(folder / "issue_words.yaml"), "topics", folder).items()
    }
    sentiment = {key: tuple(values) for key, values in _read_yaml(folder / "sentiment_lexicon.yaml").items()}

    return Dictionaries(
        departments=tuple(departments),
        types=tuple(types),
        urgent_terms=urgent_terms,
        harmless_contexts=harmless,
        synonyms=synonyms,
        user_words=user_words,
        slang=slang,
        emotive=emotive,
        stopwords=stopwords,
        issue_words=issue_words,
        sentiment_lexicon=sentiment,
    )


def _check_codes(filename: str, hints: dict[str, Any], known: set[str]) -> None:
    unknown = sorted(set(hints) - known)
    if unknown:
        raise DictionaryError(f"{filename} names unknown codes {unknown}; known: {sorted(known)}")


class DictionaryStore:
    """Holds the loaded dictionaries and reloads them when any file under the config dir changes."""

    def __init__(self, config_dir: Path) -> None:
        self.config_dir = Path(config_dir)
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int], ...] = ()
        self._current: Dictionaries | None = None

    def _files_stamp(self) -> tuple[tuple[str, int], ...]:
        files = sorted((self.config_dir / "registry").glob("*")) + sorted((self.config_dir / "dictionaries").glob("*"))
        return tuple((str(path), path.stat().st_mtime_ns) for path in files if path.is_file())

    def current(self) -> Dictionaries:
        stamp = self._files_stamp()
        with self._lock:
            if self._current is None or stamp != self._stamp:
                self._current = load_dictionaries(self.config_dir)
                if self._stamp:
                    logger.info("dictionaries reloaded from %s", self.config_dir)
                self._stamp = stamp
            return self._current
