"""The kiosk's sign word DB (수어 단어 DB) and sentence DB (수어 정보문 DB), read from ``data/signlang``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from signlang.errors import LexiconError
from signlang.types import HandForm, LexiconEntry, SentenceEntry

SENTENCE_KEY = re.compile(r"[\s.,!?~·…'\"]+")


def sentence_key(text: str) -> str:
    """Punctuation and spacing do not make two sentences different."""
    return SENTENCE_KEY.sub("", text)


@dataclass(frozen=True)
class Lexicon:
    entries: dict[str, LexiconEntry]  # gloss -> entry
    words: dict[str, str]  # Korean lemma -> gloss
    sentences: dict[str, SentenceEntry]  # sentence_key(korean) -> entry

    def gloss_for(self, word: str) -> str | None:
        return self.words.get(word)


def _read(path: Path) -> Any:
    if not path.is_file():
        raise LexiconError(f"{path} is missing (수어 사전 파일이 없습니다)")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LexiconError(f"{path} is not valid YAML: {error}") from error


def _hand(data: dict[str, Any] | None, where: str) -> HandForm | None:
    if data is None:
        return None
    try:
        return HandForm(data["handshape"], data["location"], data["orientation"], data.get("movement", "none"))
    except (KeyError, TypeError) as error:
        raise LexiconError(f"{where}: a hand needs handshape, location and orientation ({error})") from error


def load_lexicon(folder: Path) -> Lexicon:
    data = _read(folder / "lexicon.yaml")
    codes = {name: set(data.get(name) or {}) for name in ("handshapes", "locations", "orientations", "movements")}
    entries: dict[str, LexiconEntry] = {}
    words: dict[str, str] = {}
    for row in data.get("entries") or []:
        gloss = str(row.get("gloss", ""))
        where = f"lexicon.yaml gloss {gloss!r}"
        if not gloss or gloss in entries:
            raise LexiconError(f"{where}: glosses must be present and unique")
        dominant = _hand(row.get("dominant"), where)
        nondominant = _hand(row.get("nondominant"), where)
        for hand in (dominant, nondominant):
            if hand is None:
                continue
            for kind, value in (("handshapes", hand.handshape), ("locations", hand.location),
                                ("orientations", hand.orientation), ("movements", hand.movement)):
                if value not in codes[kind] and not (kind == "movements" and value == "none"):
                    raise LexiconError(f"{where}: {kind[:-1]} {value!r} is not defined in lexicon.yaml {kind}")
        entry = LexiconEntry(
            gloss=gloss,
            words=tuple(str(w) for w in row.get("words") or ()),
            category=str(row.get("category", "")),
            hands=int(row.get("hands", 1)),
            dominant=dominant,
            nondominant=nondominant,
            nonmanual=str(row.get("nonmanual", "none")),
            duration_s=float(row.get("duration_s", 0.8)),
            reviewed=bool(row.get("reviewed", False)),
            note=str(row.get("note", "")),
        )
        entries[gloss] = entry
        for word in (gloss, *entry.words):
            if words.setdefault(word, gloss) != gloss and word in entry.words:
                raise LexiconError(f"{where}: word {word!r} already belongs to gloss {words[word]!r}")
    sentences = {}
    for row in (_read(folder / "sentences.yaml").get("sentences") or []):
        glosses = tuple(str(g) for g in row.get("glosses") or ())
        unknown = [g for g in glosses if g not in entries and not g.isdigit()]
        if unknown:
            raise LexiconError(f"sentences.yaml {row.get('id')}: glosses {unknown} are not in lexicon.yaml")
        entry = SentenceEntry(id=str(row["id"]), korean=str(row["korean"]), glosses=glosses,
                              reviewed=bool(row.get("reviewed", False)))
        sentences[sentence_key(entry.korean)] = entry
    return Lexicon(entries=entries, words=words, sentences=sentences)
