"""Admin edits to the sign word DB: checked before they are written, laid over the authored file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from serving.settings import PROJECT_ROOT
from signlang import LexiconError, load_kiosk_vocabulary, load_lexicon
from signlang.lexicon import EDITS_FILE, save_entry

SHIPPED = PROJECT_ROOT / "data" / "signlang"

NEW_SIGN = {
    "gloss": "민원실",
    "words": ["민원실"],
    "category": "place",
    "hands": 2,
    "dominant": {"handshape": "B", "location": "nondominant_palm", "orientation": "palm_down", "movement": "tap"},
    "nondominant": {"handshape": "B", "location": "neutral", "orientation": "palm_up"},
    "nonmanual": "none",
    "duration_s": 0.8,
    "reviewed": False,
    "note": "관리자 추가",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "signlang"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns(EDITS_FILE))
    return target


def test_an_added_sign_is_used_and_the_authored_file_is_untouched(folder: Path) -> None:
    authored = (folder / "lexicon.yaml").read_bytes()
    before = load_lexicon(folder)
    entry = save_entry(folder, NEW_SIGN)
    after = load_lexicon(folder)
    assert entry.gloss == "민원실" and not entry.reviewed
    assert len(after.entries) == len(before.entries) + 1
    assert after.gloss_for("민원실") == "민원실"
    assert (folder / "lexicon.yaml").read_bytes() == authored


def test_an_edit_replaces_the_authored_sign_and_can_mark_it_reviewed(folder: Path) -> None:
    original = load_lexicon(folder).entries["안녕"]
    save_entry(folder, {"gloss": "안녕", "words": list(original.words), "hands": 1,
                        "dominant": {"handshape": "B", "location": "forehead", "orientation": "palm_out",
                                     "movement": "straight_forward"},
                        "nonmanual": "nod", "duration_s": 0.9, "reviewed": True})
    edited = load_lexicon(folder).entries["안녕"]
    assert edited.reviewed and edited.hands == 1 and edited.dominant.location == "forehead"
    assert len(load_lexicon(folder).entries) == len(load_lexicon(SHIPPED).entries)


@pytest.mark.parametrize("change, message", [
    ({"dominant": {"handshape": "no-such-shape", "location": "chest", "orientation": "palm_in"}}, "handshape"),
    ({"hands": 1}, "nondominant"),
    ({"duration_s": 60}, "duration_s"),
    ({"duration_s": "slow"}, "numbers"),
    ({"nonmanual": "wink"}, "nonmanual"),
    ({"words": ["안녕"]}, "already belongs"),
    ({"gloss": "  "}, "gloss"),
    ({"dominant": None}, "dominant"),
])
def test_a_bad_edit_is_refused_and_nothing_is_written(folder: Path, change: dict, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        save_entry(folder, {**NEW_SIGN, **change})
    assert not (folder / EDITS_FILE).exists()
    assert "민원실" not in load_lexicon(folder).entries


def test_kiosk_vocabulary_is_read_again_only_when_the_file_changes(tmp_path: Path) -> None:
    shutil.copy(SHIPPED / "kiosk_vocabulary.yaml", tmp_path / "kiosk_vocabulary.yaml")
    first = load_kiosk_vocabulary(tmp_path)
    assert load_kiosk_vocabulary(tmp_path) is first  # the clerks' 5-second poll does not parse YAML
    path = tmp_path / "kiosk_vocabulary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("desk_department: civil", "desk_department: welfare"),
                    encoding="utf-8")
    assert load_kiosk_vocabulary(tmp_path)["interpreter"]["desk_department"] == "welfare"


def test_a_missing_or_broken_kiosk_vocabulary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="missing"):
        load_kiosk_vocabulary(tmp_path)
    (tmp_path / "kiosk_vocabulary.yaml").write_text("commands: [", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML"):
        load_kiosk_vocabulary(tmp_path)
