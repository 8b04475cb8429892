"""The learned name scorer: the shipped weights add names no rule reads, leave ordinary complaints alone, and
training refuses input it cannot learn from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.name_scorer import (
    DEFAULT_MODEL,
    LabelledText,
    NameScorer,
    read_labelled_names,
    read_ordinary_texts,
    span_features,
    train_name_scorer,
)
from nlp.pii import PiiMasker, _read

EVAL_DATA = Path(__file__).resolve().parents[2] / "eval" / "data"


@pytest.mark.parametrize(("text", "expected"), [
    ("상담해 준 분이 복지과 탁윤희였어요.", "상담해 준 분이 복지과 [이름]였어요."),
    ("네, 외국인주민 상담 윤가람입니다.", "네, 외국인주민 상담 [이름]입니다."),
])
def test_the_shipped_scorer_masks_names_no_rule_reads(text: str, expected: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text == text
    assert PiiMasker().mask(text).text == expected


@pytest.mark.parametrize("text", [
    "도로 포장 공사 때문에 소음이 심해요", "버스 정류장 의자가 부서졌어요", "어린이집 앞 불법주차 단속 바랍니다",
    "수거 요일이 화목토 맞죠", "시청 민원실 운영시간 알려주세요", "은파호수공원 물빛다리 화장실에 휴지가 없어요",
    "생계급여 신청 방법을 알고 싶습니다", "여름이라 냄새가 나고 벌레가 꼬여요", "전봇대 번호는 소룡12-3 이에요",
    "나운동 주민센터 앞 가로등이 꺼졌어요", "월명공원 산책로에 멧돼지가 나왔어요",
])
def test_the_shipped_scorer_leaves_ordinary_complaints_alone(text: str) -> None:
    assert PiiMasker().mask(text).text == text


def test_spans_are_word_starts_and_two_syllables_only_in_a_name_s_forms() -> None:
    text = "어제 나병철하고 또 싸웠어요. 승우랑 수아가 봤대요"
    spans = {text[start:end] for start, end, _ in span_features(text, _read(text))}
    # two syllables alone (어제) or before a name's particle (승우랑, 봤대요) are scored; 나병 before 철하고 and
    # 싸웠 before 어요 are not, as no name takes those endings
    assert spans == {"어제", "나병철", "나병철하", "싸웠어", "싸웠어요", "승우", "승우랑", "수아", "수아가", "봤대",
                     "봤대요"}
    two = {text[start:end]: row for start, end, row in span_features(text, _read(text)) if end - start == 2}
    assert all(key.startswith("2:") for row in two.values() for key in row)  # weighed apart from full names


def test_shipped_weights_load_and_say_what_they_were_trained_on() -> None:
    scorer = NameScorer.load()
    assert DEFAULT_MODEL.is_file() and 0 < scorer.threshold < 1 and len(scorer.weights) > 1000
    assert scorer.trained_on["name_spans"] > 100 and scorer.trained_on["ordinary_texts"] > 100


def test_training_learns_names_from_labelled_cases_and_round_trips(tmp_path: Path) -> None:
    labelled = read_labelled_names(EVAL_DATA / "pii_cases.jsonl")
    ordinary = [json.loads(line)["text"] for line in (EVAL_DATA / "complaints_dev.jsonl").open(encoding="utf-8")]
    scorer = train_name_scorer(labelled, ordinary[:60])
    assert scorer.trained_on["labelled_texts"] == len(labelled) and scorer.trained_on["name_spans"] > 10
    scorer.save(tmp_path / "names.json")
    again = NameScorer.load(tmp_path / "names.json")
    assert again == scorer
    # it learned: most of its own training names score as names, next to hardly any span of ordinary text
    names = [case for case in labelled if case.names]
    hits = sum(bool(case.names & {case.text[s:e] for s, e, _ in again.names(case.text, _read(case.text))})
               for case in names)
    ordinary_flags = sum(len(list(again.names(text, _read(text)))) for text in ordinary[60:160])
    assert hits >= 0.5 * len(names) and ordinary_flags <= 5


def test_training_without_any_name_is_refused() -> None:
    with pytest.raises(ValueError, match="no labelled name"):
        train_name_scorer([LabelledText("가로등이 꺼졌어요", frozenset())], ["버스가 안 와요"])


def test_a_bad_labelled_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"text": "홍길동입니다", "pii": [{"type": "NAME", "value": "홍길동"}]}\n{"text": 3}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"cases.jsonl:2"):
        read_labelled_names(path)


def test_ordinary_text_is_read_from_a_csv_by_its_korean_fields(tmp_path: Path) -> None:
    path = tmp_path / "texts.csv"
    body = "가로등이 꺼져서 밤길이 너무 어둡습니다 빨리 고쳐 주세요"
    path.write_text(f"id,title,body\n1,짧은 제목,{body}\n", encoding="utf-8")
    assert read_ordinary_texts(path) == [body]


@pytest.mark.parametrize("text, expected", [
    ("우리 애 채은이랑 옆집 승우랑 매일 20분씩 기다려요", "우리 애 [이름]이랑 옆집 [이름]랑 매일 20분씩 기다려요"),
    ("오늘 민지랑 도서관 갔는데 문이 닫혔어요", "오늘 [이름]랑 도서관 갔는데 문이 닫혔어요"),
])
def test_the_scorer_finds_a_given_name_alone_that_no_rule_reads(text: str, expected: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text != expected  # the rules alone leave it
    assert PiiMasker().mask(text).text == expected


@pytest.mark.parametrize("text", [
    "우리 바다가 이렇게 더러워졌어요",
    "접수 현황\n광주: 5건\n세종: 3건",
    "가해자 윤모씨는 아직 조사 중입니다",
    "군산이랑 익산은 가까워요",
])
def test_two_syllable_words_places_and_withheld_names_are_not_given_names(text: str) -> None:
    assert PiiMasker().mask(text).text == text
