from pathlib import Path

import pytest

from nlp.korean import KiwiAnalyzer
from serving.settings import PROJECT_ROOT
from signlang import LexiconError, TextToGloss, load_lexicon, number_glosses, to_jamo

SIGNLANG = PROJECT_ROOT / "data" / "signlang"


@pytest.fixture(scope="module")
def translator(kiwi_for_sign) -> TextToGloss:
    return TextToGloss(load_lexicon(SIGNLANG), kiwi_for_sign)


@pytest.fixture(scope="module")
def kiwi_for_sign() -> KiwiAnalyzer:
    from nlp.dictionaries import load_dictionaries

    return KiwiAnalyzer(load_dictionaries(PROJECT_ROOT / "data").user_words)


def pairs(glosses) -> list[tuple[str, str]]:
    return [(g.gloss, g.source) for g in glosses]


def test_shipped_lexicon_is_large_and_unreviewed() -> None:
    lexicon = load_lexicon(SIGNLANG)
    assert len(lexicon.entries) >= 200
    assert not any(entry.reviewed for entry in lexicon.entries.values())
    assert len(lexicon.sentences) >= 40


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, ["0"]), (7, ["7"]), (14, ["10", "4"]), (400, ["4", "100"]), (2026, ["2", "1000", "2", "10", "6"]),
     (15000, ["10000", "5", "1000"])],
)
def test_numbers_by_place_value(value: int, expected: list[str]) -> None:
    assert number_glosses(value) == expected


def test_fingerspelling_letters() -> None:
    assert to_jamo("김민") == ["ㄱ", "ㅣ", "ㅁ", "ㅁ", "ㅣ", "ㄴ"]
    assert to_jamo("값") == ["ㄱ", "ㅏ", "ㅄ"]


def test_sentence_db_is_used_as_authored(translator) -> None:
    glosses = translator.translate("번호표를 뽑고 기다려 주세요.")
    assert pairs(glosses) == [("번호표", "sentence"), ("뽑다", "sentence"), ("기다리다", "sentence"),
                              ("부탁", "sentence")]


def test_word_lookup_numbers_and_particles_dropped(translator) -> None:
    glosses = pairs(translator.translate("여권은 2층 7번 창구에서 발급합니다"))
    assert glosses[0] == ("여권", "lexicon")
    assert ("2", "number") in glosses and ("층", "lexicon") in glosses
    assert all(source != "fingerspelling" for _, source in glosses)


def test_names_are_fingerspelled(translator) -> None:
    glosses = translator.translate("김민준 님 3번 창구로 오세요")
    assert glosses[0].source == "fingerspelling"
    assert glosses[0].gloss == "ㄱ-ㅣ-ㅁ-ㅁ-ㅣ-ㄴ-ㅈ-ㅜ-ㄴ"
    assert glosses[0].tokens == ("김민준",)


def test_latin_words_are_fingerspelled_not_dropped(translator) -> None:
    glosses = translator.translate("QR 코드로 결제해 주세요")
    assert ("Q-R", "fingerspelling") in pairs(glosses)


def test_time_first_negation_last(translator) -> None:
    glosses = [g.gloss for g in translator.translate("전입신고는 오늘 안 됩니다")]
    assert glosses[0] == "오늘"
    assert glosses[-1] == "안"


def test_yes_no_question_ends_with_marker(translator) -> None:
    assert translator.translate("여권 발급 가능한가요?")[-1].gloss == "물음"
    assert translator.translate("화장실은 어디예요?")[-1].gloss != "물음"  # the question word carries it


def test_unknown_code_in_lexicon_is_named(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text(
        "handshapes: {B: 편손}\nlocations: {neutral: 앞}\norientations: {palm_down: 아래}\nmovements: {tap: 톡}\n"
        "entries:\n  - {gloss: 안녕, words: [안녕], hands: 1, dominant: {handshape: Q, location: neutral, "
        "orientation: palm_down, movement: tap}}\n",
        encoding="utf-8",
    )
    (tmp_path / "sentences.yaml").write_text("sentences: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="'Q'"):
        load_lexicon(tmp_path)
