"""Korean date expressions resolved against the meeting day (Monday 2026-11-23)."""

from datetime import date

import pytest

from nlp.dates import digitize_dates, find_dates, find_due_date, sino_number

MEETING_DAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("word", "value"),
    [("삼", 3), ("십", 10), ("십오", 15), ("이십", 20), ("이십일", 21), ("삼십일", 31), ("구십구", 99),
     ("오십십", None), ("", None), ("하나", None)],
)
def test_sino_number(word: str, value: int | None) -> None:
    assert sino_number(word) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("십이월 십오일까지 보고드리겠습니다", "12월 15일까지 보고드리겠습니다"),
        ("이십일까지 제출해 주세요", "20일까지 제출해 주세요"),
        ("십일일까지", "11일까지"),
        ("사월 초까지", "4월 초까지"),
        # "이월" is a budget carry-over here, and "이 일" is "this work": both stay as spoken.
        ("예산 이월 문제는 다음에 보죠", "예산 이월 문제는 다음에 보죠"),
        ("이 일은 제가 맡겠습니다", "이 일은 제가 맡겠습니다"),
        ("삼일절 행사", "삼일절 행사"),
    ],
)
def test_digitize_dates_only_in_date_positions(text: str, expected: str) -> None:
    assert digitize_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("십이월 십오일까지 보고드리겠습니다", date(2026, 12, 15)),
        ("다음 주 금요일까지 정리해 주세요", date(2026, 12, 4)),
        ("이번 주 금요일까지", date(2026, 11, 27)),
        ("이번 주까지 회신 바랍니다", date(2026, 11, 27)),
        ("이번 달 말까지 현장 확인", date(2026, 11, 30)),
        ("이달 말까지", date(2026, 11, 30)),
        ("월말까지 마무리", date(2026, 11, 30)),
        ("연말까지 끝내겠습니다", date(2026, 12, 31)),
        ("내일까지 공유해 주세요", date(2026, 11, 24)),
        ("3일 안에 회신", date(2026, 11, 26)),
        ("열흘 안에 방문", date(2026, 12, 3)),
        ("2주 안에", date(2026, 12, 7)),
        ("이십일까지 제출", date(2026, 12, 20)),
        ("1월 10일까지", date(2027, 1, 10)),  # said in November: next year
        ("12/15까지", date(2026, 12, 15)),
        ("오는 수요일까지", date(2026, 11, 25)),
        ("2027년 2월 3일에 시행", date(2027, 2, 3)),
    ],
)
def test_due_dates(text: str, due: date) -> None:
    mention = find_due_date(text, MEETING_DAY)
    assert mention is not None, text
    assert mention.value == due


def test_today_is_not_a_due_date_unless_said_as_a_deadline() -> None:
    assert find_due_date("오늘은 도로 예산을 보겠습니다", MEETING_DAY) is None
    assert find_due_date("오늘까지 보내 주세요", MEETING_DAY).value == MEETING_DAY


def test_deadline_preferred_over_an_earlier_mention() -> None:
    mention = find_due_date("12월 3일 회의 결과는 12월 10일까지 정리해 주세요", MEETING_DAY)
    assert mention.value == date(2026, 12, 10) and mention.deadline


def test_impossible_dates_and_plain_numbers_are_ignored() -> None:
    assert find_dates("2월 30일까지", MEETING_DAY) == []
    assert find_dates("예산 20억 원, 3명 증원", MEETING_DAY) == []
