"""Answers, citations and hand-offs from the small real knowledge base."""

import pytest

from retrieval.answer import Answer, Audience, Chatbot, DepartmentContact, is_follow_up, split_sentences

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chatbot(knowledge_base) -> Chatbot:
    return Chatbot(
        knowledge_base.index,
        route=lambda question: "economy",
        departments={"economy": DepartmentContact("economy", "지역경제활력과", "063-000-0000"),
                     "civil": DepartmentContact("civil", "열린민원과")},
    )


def test_in_domain_question_is_answered_with_citation(chatbot) -> None:
    answer = chatbot.ask("이사하고 전입신고는 며칠 안에 해야 돼요?")
    assert answer.handoff is False
    assert answer.citations[0].id == "city/move-in-report"
    assert "14일" in answer.answer
    assert answer.department == "civil"  # the guide's own department, not the router's guess


@pytest.mark.parametrize("question", ["삼성전자 주가 지금 얼마야", "오늘 저녁 메뉴 추천해줘", "어제 야구 누가 이겼어"])
def test_out_of_domain_is_handed_off_to_a_routed_department(chatbot, question: str) -> None:
    answer = chatbot.ask(question)
    assert answer.handoff is True
    assert answer.citations == ()
    assert "담당 부서로 연결" in answer.answer
    assert (answer.department, answer.department_name, answer.department_phone) == (
        "economy", "지역경제활력과", "063-000-0000")


def test_follow_up_uses_the_previous_question(chatbot) -> None:
    answer = chatbot.ask("그럼 수수료는요?", history=["여권 새로 만들려고 하는데요"])
    assert answer.resolved_question == "여권 새로 만들려고 하는데요 그럼 수수료는요?"
    assert answer.citations and answer.citations[0].id == "city/passport-issuance"


def test_clerk_gets_internal_guide_citizen_does_not(chatbot) -> None:
    question = "우리 기관 소관이 아닌 민원이 들어오면 이송은 어떻게 처리하나요"
    clerk = chatbot.ask(question, audience=Audience("clerk", "civil"))
    citizen = chatbot.ask(question)
    assert clerk.citations and clerk.citations[0].id == "city/complaint-transfer-procedure"
    assert all(c.id != "city/complaint-transfer-procedure" for c in citizen.citations)


def test_stream_yields_sentences_then_the_answer(chatbot) -> None:
    parts = list(chatbot.stream("대형폐기물 버리려면 어떻게 신고해요?"))
    assert isinstance(parts[-1], Answer)
    assert all(isinstance(p, str) and p for p in parts[:-1])
    assert " ".join(parts[:-1]).replace(" ", "") == parts[-1].answer.replace(" ", "").replace("\n", "")


def test_empty_question_is_refused(chatbot) -> None:
    with pytest.raises(ValueError, match="질문이 비어"):
        chatbot.ask("   ")


def test_helpers() -> None:
    assert is_follow_up("그럼 서류는요?")
    assert not is_follow_up("여권 발급에 필요한 서류가 무엇인가요?")
    assert split_sentences("첫 문장입니다. 둘째 문장이에요? 셋째!") == ["첫 문장입니다.", "둘째 문장이에요?", "셋째!"]
