"""The PII benchmark's counting: leaks, damaged look-alikes and names the masker made up."""

from eval.complaints import (
    DATA,
    PII_SET_HISTORY,
    names_for_review,
    pii_metrics,
    read_jsonl,
    spurious_names,
    without_spaces,
)
from nlp.pii import PiiMasker

CASES = [
    {"id": "a", "text": "저는 홍길동입니다. 010-1234-5678로 연락 주세요. 2026.3.14 접수",
     "pii": [{"type": "NAME", "value": "홍길동"}, {"type": "PHONE", "value": "010-1234-5678"}], "keep": ["2026.3.14"]},
    {"id": "b", "text": "옆집 한채윤이랑 같이 갔어요", "pii": [], "keep": ["옆집"]},
]


def test_leaks_damage_and_made_up_names_are_counted() -> None:
    masker = PiiMasker()
    metrics = pii_metrics(CASES, masker)
    assert metrics["values"] == 2 and metrics["names"] == 1 and metrics["leaks"] == []
    assert metrics["damaged_keeps"] == [] and metrics["overall_recall"] == 1.0
    # 한채윤 is masked in case b but labelled nowhere: one made-up name; with names off there is none
    assert spurious_names(CASES, masker) == 1
    assert spurious_names(CASES, PiiMasker(["PHONE"])) == 0
    leaky = pii_metrics(CASES, PiiMasker(["PHONE"]))
    assert leaky["leaks"] == [{"id": "a", "type": "NAME"}] and leaky["recall"]["NAME"] == 0.0


def test_every_pii_set_in_the_history_exists() -> None:
    for name, _, _ in PII_SET_HISTORY:
        assert read_jsonl(DATA / f"{name}.jsonl"), name


def test_the_spaceless_stress_test_removes_spaces_from_text_values_and_look_alikes() -> None:
    (case,) = without_spaces([{"id": "c", "text": "성명: 응우옌 티 마이 010 1234 5678", "keep": ["3월 14일"],
                               "pii": [{"type": "NAME", "value": "응우옌 티 마이"},
                                       {"type": "PHONE", "value": "010 1234 5678"}]}])
    assert case["text"] == "성명:응우옌티마이01012345678"
    assert [item["value"] for item in case["pii"]] == ["응우옌티마이", "01012345678"]
    assert case["keep"] == ["3월14일"] and case["id"] == "c"
    metrics = pii_metrics(without_spaces(CASES), PiiMasker())
    assert metrics["values"] == 2 and metrics["leaks"] == []


def test_names_for_review_counts_leaked_names_a_clerk_is_shown() -> None:
    """은지 is left by the masker without its tagger and marked for review; 김민수 is masked, so neither leaked nor
    marked."""
    cases = [{"id": "r", "text": "사진은 은지가 찍었는데 연락이 안 돼요.",
              "pii": [{"type": "NAME", "value": "은지"}], "keep": []},
             {"id": "s", "text": "저는 김민수입니다. 도로에 구멍이 났어요.",
              "pii": [{"type": "NAME", "value": "김민수"}], "keep": []}]
    masker = PiiMasker(tagged_names=False)
    assert names_for_review(cases, masker, 0.3) == {"leaked_names": 1, "marked": 1, "marks": 1,
                                                    "marks_on_no_value": 0}
    assert names_for_review(cases, masker, 0.99) == {"leaked_names": 1, "marked": 0, "marks": 0,
                                                     "marks_on_no_value": 0}
