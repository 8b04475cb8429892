"""The kiosk's sign word DB (수어 단어 DB) and sentence DB (수어 정보문 DB), read from ``data/signlang``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from signlang.errors import LexiconError
from signlang.types import HandForm, LexiconEntry, SentenceEntry

NONMANUALS = ("none", "nod", "head_shake", "brow_raise", "brow_furrow")
MIN_DURATION_S, MAX_DURATION_S = 0.2, 5.0
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


def read_yaml(path: Path) -> Any:
    """A sign-language data file (lexicon, sentences, avatar, fingerspelling) or a clear error."""
    if not path.is_file():
        raise LexiconError(f"{path} is missing (수어 데이터 파일이 없습니다)")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise LexiconError(f"{path} is not valid YAML: {error}") from error


_KIOSK_VOCABULARY: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def load_kiosk_vocabulary(folder: Path) -> dict[str, Any]:
    """The kiosk's services, sign commands and interpreter desk (``kiosk_vocabulary.yaml``).

    Read again only when the file changes: the clerks' pages ask for the interpreter desk every few seconds.
    The dict is shared between callers; nobody may change it.
    """
    path = Path(folder) / "kiosk_vocabulary.yaml"
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise LexiconError(f"{path} is missing (수어 데이터 파일이 없습니다)") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _KIOSK_VOCABULARY.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, read_yaml(path))
        _KIOSK_VOCABULARY[path] = cached
    return cached[1]


def _hand(data: dict[str, Any] | None, where: str) -> HandForm | None:
    if data is None:
        return None
    try:
        return HandForm(data["handshape"], data["location"], data["orientation"], data.get("movement", "none"))
    except (KeyError, TypeError) as error:
        raise LexiconError(f"{where}: a hand needs handshape, location and orientation ({error})") from error


EDITS_FILE = "lexicon_edits.yaml"


def load_lexicon(folder: Path) -> Lexicon:
    """The authored word DB with the admin's edits (``lexicon_edits.yaml``) laid over it, and the sentence DB."""
    data = read_yaml(folder / "lexicon.yaml")
    rows = _merge(data.get("entries") or [], _edits(folder))
    return _build(data, rows, read_yaml(folder / "sentences.yaml"))


def lexicon_codes(folder: Path) -> dict[str, Any]:
    """The codes an entry may use, with their Korean descriptions (for the admin's editor)."""
    data = read_yaml(folder / "lexicon.yaml")
    codes = {name: dict(data.get(name) or {}) for name in ("handshapes", "locations", "orientations", "movements")}
    return {**codes, "nonmanuals": list(NONMANUALS), "duration_s": [MIN_DURATION_S, MAX_DURATION_S]}


def save_entry(folder: Path, row: dict[str, Any]) -> LexiconEntry:
    """Add or replace one sign (admin page). The whole lexicon is checked with the change before it is
    written, so a bad edit is refused and the file on disk stays as it was."""
    if not isinstance(row, dict) or not str(row.get("gloss", "")).strip():
        raise LexiconError("a sign needs a gloss (글로스가 필요합니다)")
    row = {**row, "gloss": str(row["gloss"]).strip()}
    data = read_yaml(folder / "lexicon.yaml")
    edits = [r for r in _edits(folder) if r.get("gloss") != row["gloss"]] + [row]
    lexicon = _build(data, _merge(data.get("entries") or [], edits), read_yaml(folder / "sentences.yaml"))
    target = folder / EDITS_FILE
    temporary = target.with_suffix(".tmp")
    temporary.write_text(
        "# 관리자 화면에서 고친 수어 항목 (admin edits; they replace lexicon.yaml entries with the same gloss)\n"
        + yaml.safe_dump({"entries": edits}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    temporary.replace(target)  # atomic: readers see the old file or the new one, never half of it
    return lexicon.entries[row["gloss"]]


def _edits(folder: Path) -> list[dict[str, Any]]:
    path = folder / EDITS_FILE
    return list(read_yaml(path).get("entries") or []) if path.is_file() else []


def _merge(rows: list[dict[str, Any]], edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    edited = {str(r.get("gloss")): r for r in edits}
    merged = [edited.pop(str(r.get("gloss")), r) for r in rows]
    return merged + list(edited.values())


def _build(data: dict[str, Any], rows: list[dict[str, Any]], sentence_data: dict[str, Any]) -> Lexicon:
    codes = {name: set(data.get(name) or {}) for name in ("handshapes", "locations", "orientations", "movements")}
    entries: dict[str, LexiconEntry] = {}
    words: dict[str, str] = {}
    for row in rows:
        gloss = str(row.get("gloss", ""))
        where = f"lexicon.yaml gloss {gloss!r}"
        if not gloss or gloss in entries:
            raise LexiconError(f"{where}: glosses must be present and unique")
        dominant = _hand(row.get("dominant"), where)
        nondominant = _hand(row.get("nondominant"), where)
        if dominant is None:
            raise LexiconError(f"{where}: every sign needs a dominant hand (우세손이 필요합니다)")
        try:
            hands, duration_s = int(row.get("hands", 1)), float(row.get("duration_s", 0.8))
        except (TypeError, ValueError) as error:
            raise LexiconError(f"{where}: hands and duration_s must be numbers ({error})") from error
        if (hands == 2) != (nondominant is not None) or hands not in (1, 2):
            raise LexiconError(f"{where}: hands is {hands}; a two-handed sign (2) needs a nondominant hand, "
                               "a one-handed sign (1) has none")
        if not MIN_DURATION_S <= duration_s <= MAX_DURATION_S:
            raise LexiconError(f"{where}: duration_s {duration_s} is outside {MIN_DURATION_S}–{MAX_DURATION_S} s")
        nonmanual = str(row.get("nonmanual", "none"))
        if nonmanual not in NONMANUALS:
            raise LexiconError(f"{where}: nonmanual {nonmanual!r} is not one of {', '.join(NONMANUALS)}")
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
            hands=hands,
            dominant=dominant,
            nondominant=nondominant,
            nonmanual=nonmanual,
            duration_s=duration_s,
            reviewed=bool(row.get("reviewed", False)),
            note=str(row.get("note", "")),
        )
        entries[gloss] = entry
        for word in (gloss, *entry.words):
            if words.setdefault(word, gloss) != gloss and word in entry.words:
                raise LexiconError(f"{where}: word {word!r} already belongs to gloss {words[word]!r}")
    sentences = {}
    for row in sentence_data.get("sentences") or []:
        glosses = tuple(str(g) for g in row.get("glosses") or ())
        unknown = [g for g in glosses if g not in entries and not g.isdigit()]
        if unknown:
            raise LexiconError(f"sentences.yaml {row.get('id')}: glosses {unknown} are not in lexicon.yaml")
        entry = SentenceEntry(id=str(row["id"]), korean=str(row["korean"]), glosses=glosses,
                              reviewed=bool(row.get("reviewed", False)))
        sentences[sentence_key(entry.korean)] = entry
    return Lexicon(entries=entries, words=words, sentences=sentences)
