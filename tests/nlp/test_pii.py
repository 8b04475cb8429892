"""PII masking: exact masked output per type, look-alikes that must survive, offsets, Unicode edge cases."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest

from nlp.pii import PLACEHOLDERS, PiiMasker, load_foreign_name_words, load_name_words
from nlp.types import MaskedText, PiiSpan


@pytest.fixture(scope="module")
def masker() -> PiiMasker:
    return PiiMasker()


# (text, masked text, type of the only span)
POSITIVES = [
    # PHONE: any spacing or separator, landlines, +82, spoken digits
    ("연락처 010-1234-5678 입니다", "연락처 [전화번호] 입니다", "PHONE"),
    ("01012345678로 문자 주세요", "[전화번호]로 문자 주세요", "PHONE"),
    ("010 1234 5678 로 전화", "[전화번호] 로 전화", "PHONE"),
    ("010.1234.5678", "[전화번호]", "PHONE"),
    ("010-123-4567 번으로", "[전화번호] 번으로", "PHONE"),
    ("사무실 02-123-4567", "사무실 [전화번호]", "PHONE"),
    ("063)445-1234 으로 연락", "[전화번호] 으로 연락", "PHONE"),
    ("(063) 445-1234 가게 번호", "[전화번호] 가게 번호", "PHONE"),
    ("해외라서 +82 10-1234-5678 로 연락", "해외라서 [전화번호] 로 연락", "PHONE"),
    ("+82-10-1234-5678", "[전화번호]", "PHONE"),
    ("010 - 9876 - 5432 로 회신", "[전화번호] 로 회신", "PHONE"),
    ("번호는 공일공 일이삼사 오육칠팔이요", "번호는 [전화번호]이요", "PHONE"),
    ("공일공에 구팔칠육에 오사삼이 입니다", "[전화번호] 입니다", "PHONE"),
    # RRN / FRN: with or without a hyphen or space; the 7th digit tells them apart
    ("주민번호 900101-1234567 입니다", "주민번호 [주민등록번호] 입니다", "RRN"),
    ("주민등록번호 9001011234567", "주민등록번호 [주민등록번호]", "RRN"),
    ("주민번호 900101 1234567", "주민번호 [주민등록번호]", "RRN"),
    ("주민번호 900101-1****** 이렇게요", "주민번호 [주민등록번호] 이렇게요", "RRN"),
    ("외국인등록번호 900101-5234567", "외국인등록번호 [외국인등록번호]", "FRN"),
    ("등록번호 880101 6123456", "등록번호 [외국인등록번호]", "FRN"),
    # PASSPORT: the exact shapes anywhere, looser shapes after 여권
    ("여권번호 M12345678 분실", "여권번호 [여권번호] 분실", "PASSPORT"),
    ("여권 M123A4567 재발급", "여권 [여권번호] 재발급", "PASSPORT"),
    ("여권번호는 ab1234567 입니다", "여권번호는 [여권번호] 입니다", "PASSPORT"),
    # DRIVER_LICENSE
    ("면허번호 11-12-123456-78", "면허번호 [운전면허번호]", "DRIVER_LICENSE"),
    ("운전면허 서울 12-123456-78", "운전면허 [운전면허번호]", "DRIVER_LICENSE"),
    # EMAIL
    ("메일 kim.minsu@naver.com 으로", "메일 [이메일] 으로", "EMAIL"),
    ("이메일: kim_01+test@sub.domain.co.kr", "이메일: [이메일]", "EMAIL"),
    # ACCOUNT: three dash groups anywhere, looser shapes near a bank or 계좌 word
    ("국민은행 123456-01-123456 으로 환급", "국민은행 [계좌번호] 으로 환급", "ACCOUNT"),
    ("농협 301-1234-5678-91", "농협 [계좌번호]", "ACCOUNT"),
    ("계좌 1002-123-456789 입니다", "계좌 [계좌번호] 입니다", "ACCOUNT"),
    ("새마을금고 9002-1234-5678-9 로 임금", "새마을금고 [계좌번호] 로 임금", "ACCOUNT"),
    ("환급 계좌: 1002345678901 우리은행", "환급 계좌: [계좌번호] 우리은행", "ACCOUNT"),
    ("입금은 신한은행 110 234 567890 으로", "입금은 신한은행 [계좌번호] 으로", "ACCOUNT"),
    # CARD: four groups of four (4-6-5 for American Express), a receipt's partly hidden one, a run near 카드
    ("결제한 카드번호 1234 5678 9012 3456 으로 환불해 주세요", "결제한 카드번호 [카드번호] 으로 환불해 주세요", "CARD"),
    ("신한카드 9410-1234-5678-9012 로 결제", "신한카드 [카드번호] 로 결제", "CARD"),
    ("체크카드 번호 5412.7512.3412.3456", "체크카드 번호 [카드번호]", "CARD"),
    ("국민카드(5327-12**-****-8891) 이중결제", "국민카드([카드번호]) 이중결제", "CARD"),
    ("아멕스 3782-822463-10005 분실", "아멕스 [카드번호] 분실", "CARD"),
    ("카드 4518123412341234 분실신고", "카드 [카드번호] 분실신고", "CARD"),
    ("4518-1234-1234-1234 번호로 결제됐어요", "[카드번호] 번호로 결제됐어요", "CARD"),
    ("1234-5678-9012-3456/0927 카드로 결제", "[카드번호]/0927 카드로 결제", "CARD"),  # the expiry after a slash stays
    ("5327-12XX-XXXX-8891 카드", "[카드번호] 카드", "CARD"),
    ("4123_5678_9012_3456 입니다", "[카드번호] 입니다", "CARD"),
    ("아멕스 378282246310005", "아멕스 [카드번호]", "CARD"),
    # CAR_PLATE
    ("12가3456 차량이 주차", "[차량번호] 차량이 주차", "CAR_PLATE"),
    ("123가4567 흰색 트럭", "[차량번호] 흰색 트럭", "CAR_PLATE"),
    ("서울12가3456 번호판", "[차량번호] 번호판", "CAR_PLATE"),
    ("12가 3456 봤어요", "[차량번호] 봤어요", "CAR_PLATE"),
    ("경기 31바5678 택시", "[차량번호] 택시", "CAR_PLATE"),
    # ADDRESS: the detailed part only
    ("저희 집은 101동 1203호입니다", "저희 집은 [상세주소]입니다", "ADDRESS"),
    ("3층 302호 누수", "[상세주소] 누수", "ADDRESS"),
    ("B동 201호에 살아요", "[상세주소]에 살아요", "ADDRESS"),
    ("주소는 나운로 123-4 입니다", "주소는 [상세주소] 입니다", "ADDRESS"),
    ("대학로 55번길 12 앞", "[상세주소] 앞", "ADDRESS"),
    ("수송동 123-45번지 빈집", "[상세주소] 빈집", "ADDRESS"),
    ("주소는 군산시 월명로 12-3 2층입니다", "주소는 군산시 [상세주소]입니다", "ADDRESS"),
    ("서울시 종로구 세종대로 110 에 있어요", "서울시 종로구 [상세주소] 에 있어요", "ADDRESS"),
    ("아랫집 1402호까지 물이 샙니다", "아랫집 [상세주소]까지 물이 샙니다", "ADDRESS"),
    # NAME: introduced by the writer, a field, a role or a relative
    ("저는 김민수입니다", "저는 [이름]입니다", "NAME"),
    ("제 이름은 이영희고요", "제 이름은 [이름]고요", "NAME"),
    ("홍길동입니다. 수거가 안 됐어요", "[이름]입니다. 수거가 안 됐어요", "NAME"),
    ("김철수라고 합니다", "[이름]라고 합니다", "NAME"),
    ("네 여보세요 저 박영수라고 하는데요", "네 여보세요 저 [이름]라고 하는데요", "NAME"),
    ("신고자 박지훈", "신고자 [이름]", "NAME"),
    ("성명: 최유리", "성명: [이름]", "NAME"),
    ("보호자 성함: 남궁민수 입니다", "보호자 성함: [이름] 입니다", "NAME"),
    ("저희 어머니 박순자 씨가 넘어지셨어요", "저희 어머니 [이름] 씨가 넘어지셨어요", "NAME"),
    ("예금주 윤지수로 보내주세요", "예금주 [이름]로 보내주세요", "NAME"),
    ("노인정 회장 송말순입니다", "노인정 회장 [이름]입니다", "NAME"),
    ("저는 72세 오판례이고 넘어졌어요", "저는 72세 [이름]이고 넘어졌어요", "NAME"),
    ("이름 응우옌 티 란 입니다", "이름 [이름] 입니다", "NAME"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), POSITIVES)
def test_positive_is_masked_exactly(masker: PiiMasker, text: str, expected: str, kind: str) -> None:
    result = masker.mask(text)
    assert result.text == expected
    assert [span.type for span in result.spans] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        # names that are not names
        "저는 주민입니다",
        "저는 학부모입니다",
        "저는 시민입니다",
        "저는 나운동에 사는 사람입니다",
        "감사합니다 부탁드립니다 문의합니다 이상입니다 정합니다",
        "이름 변경 신청입니다",
        "집주인이 나가라고 하는데요",
        "기다리라고 했는데 연락이 없어요",
        "시장님께 건의드립니다 기사님이 불친절해요",
        "세입자가 계약 해지할 수 있어요?",
        "아이 이름은 한글이나 한자로 지어요",
        # administrative areas without a number
        "나운동 주민센터에 갔어요",
        "수송동 주민센터 앞 도로",
        "나운로 쪽 불법주차 단속",
        # dates, times, money, percentages, years
        "마감일은 2026-11-23 입니다",
        "2026.11.23 오후 14:30에 방문",
        "11월 23일 2026년",
        "수수료 150,000원 냈어요",
        "3만원 환불",
        "지원금 1,200,000원 입금됐어요",
        "관리비 12% 인상",
        # receipt, case and document numbers, legal articles
        "민원번호 2AA-2611-0012345 확인",
        "접수번호 20261123-00123 건",
        "사건번호 2026가단12345",
        "제12조 제3항에 따라",
        "영수증 번호 4471-2281 입니다",
        "인증번호 482913 입력",
        "사업자등록번호 123-45-67890",
        "택배 송장번호 6892-1123-4456",
        "선고 96도2753 판결",
        "바코드 8801234567890",
        "접수번호 2024 0312 1530 0001 건",  # four groups of four after a case word: no card
        "영수증 ****-****-****-8891",  # the last four digits alone tell no card
        "일련번호 4518123412341234",  # sixteen digits in a run, no card talked about
        # four groups that do not open as cards do, or say what they count
        "2021 2022 2023 2024년 연속으로 침수됐어요",
        "2021. 2022. 2023. 2024. 매년 침수",
        "1990-2000-2010-2020 년대별 인구",
        "버스 7016 7022 7211 1711번이 다 안 와요",
        "요금이 1000 2000 3000 4000원으로 올랐어요",
        "운영시간 0900 1200 1300 1800",
        "(접수 2024-0312-1530-0001)",
        "계약번호 5123 4567 8901 2345 확인 부탁드려요",
        "결제 금액 1234567890123456원이요",
        # routes, public and business numbers
        "7번 버스 1500번 버스",
        "119 112 120 110 신고",
        "대표번호 1588-1234 로 문의",
        "1577-1234 1544-5678 080-123-4567",
        "군산시청 대표번호 063-454-2114",
        "담당자 직통이 063-454-3300 맞나요",
        # quantities, models, particles that look like roads, rooms that look like homes
        "3층 건물 20가구",
        "모델 SM-G991N 제품",
        "전화로 3분 기다렸어요",
        "등산로 1코스 정비",
        "302호 회의실에서 설명회",
        "3호선 2호기",
        "",
    ],
)
def test_look_alike_survives(masker: PiiMasker, text: str) -> None:
    result = masker.mask(text)
    assert result == MaskedText(text, ())


def test_several_types_in_one_text(masker: PiiMasker) -> None:
    text = "신청인 윤석진 (010-7070-8080) / 신청금액 1,200,000원 / 신청일 2026.04.01"
    result = masker.mask(text)
    assert result.text == "신청인 [이름] ([전화번호]) / 신청금액 1,200,000원 / 신청일 2026.04.01"
    assert [(s.type, s.text) for s in result.spans] == [("NAME", "윤석진"), ("PHONE", "010-7070-8080")]


def test_receipt_number_next_to_phone(masker: PiiMasker) -> None:
    text = "택배 송장번호 6892-1123-4456 말고 제 번호 010-6892-1123 으로 연락주세요"
    assert masker.mask(text).text == "택배 송장번호 6892-1123-4456 말고 제 번호 [전화번호] 으로 연락주세요"


def test_longest_span_wins_on_overlap(masker: PiiMasker) -> None:
    # 12-123456-78 alone has an account's shape; the licence with its region is longer
    assert masker.find("서울 12-123456-78") == (PiiSpan("DRIVER_LICENSE", 0, 15, "서울 12-123456-78"),)
    # the plate with its region, not the bare 12가3456 inside it
    assert masker.find("서울12가3456") == (PiiSpan("CAR_PLATE", 0, 9, "서울12가3456"),)
    # a whole address unit, not the 3층 302호 inside it
    assert [s.text for s in masker.find("주소는 수송로 123-4 3층 302호입니다")] == ["수송로 123-4 3층 302호"]


def test_more_specific_type_wins_on_equal_length(masker: PiiMasker) -> None:
    # near 계좌 a phone-shaped number could be an account; the phone shape is more specific
    assert [s.type for s in masker.find("계좌 말고 010-1234-5678 로 연락")] == ["PHONE"]


def test_office_number_is_not_masked_as_an_account(masker: PiiMasker) -> None:
    # the office line is kept, and its three dash groups must not be taken for an account
    assert masker.find("군산시청 대표번호 063-454-2114 말고 직통 알려주세요") == ()


def test_type_filter_keeps_other_types_from_claiming_text() -> None:
    only_accounts = PiiMasker(types=["ACCOUNT"])
    text = "전화 010-1234-5678, 농협 301-1234-5678-91"
    assert only_accounts.mask(text).text == "전화 010-1234-5678, 농협 [계좌번호]"


def test_spans_are_sorted_non_overlapping_and_match_the_text(masker: PiiMasker) -> None:
    text = (
        "저는 김민수입니다. 010-1234-5678, kim@naver.com, 주민번호 900101-1234567, "
        "국민은행 123456-01-123456, 12가3456, 나운로 12-3 101동 1203호, 여권 M12345678"
    )
    spans = masker.find(text)
    assert [s.type for s in spans] == [
        "NAME",
        "PHONE",
        "EMAIL",
        "RRN",
        "ACCOUNT",
        "CAR_PLATE",
        "ADDRESS",
        "PASSPORT",
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text
    for left, right in itertools.pairwise(spans):
        assert left.end <= right.start


def test_mask_rebuilds_from_spans_with_custom_placeholders() -> None:
    custom = PiiMasker(placeholders={"PHONE": "<PHONE>", "NAME": "<NAME>"})
    text = "저는 김민수입니다 010-1234-5678 kim@naver.com"
    result = custom.mask(text)
    assert result.text == "저는 <NAME>입니다 <PHONE> [이메일]"
    rebuilt, cursor = [], 0
    for span in result.spans:
        rebuilt += [text[cursor : span.start], span.text]
        cursor = span.end
    assert "".join(rebuilt) + text[cursor:] == text


def test_every_placeholder_appears_for_its_type(masker: PiiMasker) -> None:
    for text, _, kind in POSITIVES:
        assert PLACEHOLDERS[kind] in masker.mask(text).text


@pytest.mark.parametrize(
    "text",
    [text for text, _, kind in POSITIVES if kind in ("PHONE", "RRN", "FRN")]
    + ["전화 010-1234-5678 주민번호 900101-1234567 외국인 880101-5123456", "010 - 1234 - 5678 / 9001011234567"],
)
def test_no_long_digit_run_survives_masking(masker: PiiMasker, text: str) -> None:
    masked = masker.mask(text).text
    joined = re.sub(r"(?<=[0-9])[\s\-.\u200b()]+(?=[0-9])", "", masked)
    assert re.search(r"[0-9]{9,}", joined) is None


@pytest.mark.parametrize(
    "text",
    [
        "010\u200b1234\u200b5678 로 연락",  # zero-width spaces inside the number
        "010\u200d-\u200d1234-5678 로 연락",
        "０１０-１２３４-５６７８ 로 연락",  # full-width digits
        "０１０－１２３４－５６７８ 로 연락",  # and a full-width hyphen
        "010–1234–5678 로 연락",  # en dash
        "010—1234—5678 로 연락",  # em dash
        "010‐1234‐5678 로 연락",  # hyphen
        "010−1234−5678 로 연락",  # minus sign
        "010\u00a01234\u00a05678 로 연락",  # no-break spaces
    ],
)
def test_odd_separators_and_full_width_digits(masker: PiiMasker, text: str) -> None:
    result = masker.mask(text)
    assert result.text == "[전화번호] 로 연락"
    assert result.spans[0].text == text[: result.spans[0].end]


def test_decomposed_hangul_is_matched_and_reported_as_nfc(masker: PiiMasker) -> None:
    text = unicodedata.normalize("NFD", "저는 김민수입니다 12가3456")
    result = masker.mask(text)
    assert result.text == "저는 [이름]입니다 [차량번호]"
    nfc = unicodedata.normalize("NFC", text)
    assert [nfc[s.start : s.end] for s in result.spans] == ["김민수", "12가3456"]
    assert [s.text for s in result.spans] == ["김민수", "12가3456"]


@pytest.mark.parametrize("text", ["", " ", "\n", "😀" * 50, "\ud800", "ㄱㄴㄷ", "가\u0301", "@@@", "---"])
def test_never_crashes_on_odd_strings(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text) == MaskedText(unicodedata.normalize("NFC", text), ())


def test_control_characters_are_dropped_so_they_cannot_split_a_number(masker: PiiMasker) -> None:
    result = masker.mask("\x00\x01연락처\t010\x00-2345\x1b-6789\x85\n끝\x7f")
    assert result.text == "연락처\t[전화번호]\n끝"
    assert [s.text for s in result.spans] == ["010-2345-6789"]


def test_emoji_does_not_shift_offsets(masker: PiiMasker) -> None:
    text = "😀👍🏽 연락 010-1234-5678 😀"
    (span,) = masker.find(text)
    assert text[span.start : span.end] == "010-1234-5678"


@pytest.mark.reliability("bad_input", "1 MB 텍스트 마스킹 (huge text, library level)", "masked without error")
def test_one_megabyte_text(masker: PiiMasker) -> None:
    unit = "저는 김민수입니다 010-1234-5678 나운로 12-3 접수번호 20261123-00123 "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    spans = masker.find(text)
    full_units = 1_000_000 // len(unit)
    assert sum(s.type == "PHONE" for s in spans) >= full_units
    assert all(text[s.start : s.end] == s.text for s in spans[:50])


@pytest.mark.parametrize(
    "text",
    [
        "가" * 200_000,
        "1" * 200_000,
        "12-" * 70_000,
        "a" * 200_000 + "@",
        "일이삼" * 70_000,
        "나운로 " * 40_000,
        "저는 " * 50_000,
    ],
)
def test_long_degenerate_runs(masker: PiiMasker, text: str) -> None:
    # Catastrophic backtracking would hang here; the runs hold nothing personal.
    assert masker.find(text) == ()


def test_unknown_type_is_rejected_with_the_allowed_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown PII type 'ZIP'; allowed types: PHONE, RRN, FRN") as info:
        PiiMasker(types=["PHONE", "ZIP"])
    assert "NAME" in str(info.value)


def test_unknown_placeholder_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="placeholder given for unknown PII type 'PHON'"):
        PiiMasker(placeholders={"PHON": "***"})


def test_a_single_string_of_types_is_rejected() -> None:
    with pytest.raises(TypeError, match=r"pass \['PHONE'\]"):
        PiiMasker(types="PHONE")


def test_type_filter_masks_only_the_chosen_types() -> None:
    text = "전화 010-1234-5678 주민번호 900101-1234567"
    assert PiiMasker(types=["PHONE"]).mask(text).text == "전화 [전화번호] 주민번호 900101-1234567"
    assert PiiMasker(types=[]).mask(text) == MaskedText(text, ())


# Found by the blind set (eval/data/pii_holdout.jsonl) on its first run; each was a leak.
@pytest.mark.parametrize(("text", "expected"), [
    ("연락 바랍니다\n010-6623-\n4471\n(평일)", "연락 바랍니다\n[전화번호]\n(평일)"),
    ("주민등록번호\n830507-\n2261945\n위 번호로", "주민등록번호\n[주민등록번호]\n위 번호로"),
    ("민원인: 010에 8847에 2216이요", "민원인: [전화번호]이요"),
    ("김사랑 010-8830-1275 택배차량이", "[이름] [전화번호] 택배차량이"),
    ("010 2984 5513 김준혁 입니다", "[전화번호] [이름] 입니다"),
    ("민원인: 강미래요 강할 강에 미래. 상담원: 네 강미래님", "민원인: [이름]요 강할 강에 미래. 상담원: 네 [이름]님"),
    ("저는 응우옌티란입니다 건강보험 문의", "저는 [이름]입니다 건강보험 문의"),
    ("회현면 월연리 452 하수도 역류", "회현면 [상세주소] 하수도 역류"),
])
def test_blind_set_leaks_stay_fixed(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


# The third set written blind (eval/data/pii_blind3.jsonl): its first run left 29 values in the clear, 22 of them
# names. The patterns behind them, each once:
@pytest.mark.parametrize(("text", "expected"), [
    ("[신청인] 정다은\n[연락처] 010-2231-8876", "[신청인] [이름]\n[연락처] [전화번호]"),
    ("[성명] 황보지혜 / [전화]", "[성명] [이름] / [전화]"),
    ("어머니(박순자) 대신 왔어요", "어머니([이름]) 대신 왔어요"),
    ("저(노은비)는 집에 있어요", "저([이름])는 집에 있어요"),
    ("상담원: 성함은요?\n민원인: 남궁현수요. 남녘 남에", "상담원: 성함은요?\n민원인: [이름]요. 남녘 남에"),
    ("경비원 박영식이가 반말을 해요", "경비원 [이름]이가 반말을 해요"),
    ("딸 정하늘이 다니는 학교", "딸 [이름]이 다니는 학교"),
    ("저 윤가람에게 해주세요", "저 [이름]에게 해주세요"),
    ("최윤경 주무관한테 연결해 주세요", "[이름] 주무관한테 연결해 주세요"),
    ("김 주무관님 말고 박정훈 주무관님이요", "김 주무관님 말고 [이름] 주무관님이요"),
    ("안녕하세요 윤솔입니다. 어제 통화한", "안녕하세요 [이름]입니다. 어제 통화한"),
    ("카카오뱅크로 (예금주 이슬) 부탁드려요", "카카오뱅크로 (예금주 [이름]) 부탁드려요"),
    ("Hello, my name is Maria Santos. I moved", "Hello, my name is [이름]. I moved"),
    ("저는 수송동에 사는 존 스미스(John Smith)입니다.", "저는 수송동에 사는 [이름]([이름])입니다."),
    ("직원 라흐마노프 알리셰르 (외국인등록번호 910412-5234567) 의", "직원 [이름] (외국인등록번호 [외국인등록번호]) 의"),
    ("저는 베트남에서 온 응우옌 티 마이입니다.", "저는 베트남에서 온 [이름]입니다."),
    ("저는 중국 국적 왕웨이입니다. 외국인등록번호", "저는 중국 국적 [이름]입니다. 외국인등록번호"),
    ("휴대폰\n010-7734\n-2086\n으로", "휴대폰\n[전화번호]\n으로"),
    ("(010)8842-1307 번으로", "[전화번호] 번으로"),
    ("제폰 010ㅡ9182ㅡ3307", "제폰 [전화번호]"),
    ("민원인: 0 1 0 - 8 4 7 2 - 1 1 6 9 요.", "민원인: [전화번호] 요."),
    ("앞자리는 010이고요 뒷번호는 5830-1427입니다", "앞자리는 010이고요 뒷번호는 [전화번호]입니다"),
    ("연락처가요? 육칠이삼 오팔구일 맞으시죠?", "연락처가요? [전화번호] 맞으시죠?"),
    ("번영로 212-7 건물 앞 하수구", "[상세주소] 건물 앞 하수구"),
    ("행복빌라 B01호 반지하", "행복빌라 [상세주소] 반지하"),
])
def test_third_blind_set_leaks_stay_fixed(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


# The fourth set written blind (eval/data/pii_blind4.jsonl): its first run left 49 values in the clear, 40 of
# them names. The patterns behind them, each once:
@pytest.mark.parametrize(("text", "expected"), [
    ("조촌동 주민 한지우입니다. 조촌로", "조촌동 주민 [이름]입니다. 조촌로"),
    ("상평리 512번지 황보석진 올림", "[상세주소] [이름] 올림"),
    ("| 성명 | 정하늘 |\n| 연락처 |", "| 성명 | [이름] |\n| 연락처 |"),
    ("지나가기 힘듭니다.\n\n이나라 드림", "지나가기 힘듭니다.\n\n[이름] 드림"),
    ("신청인 남궁민아는 2026년 4월 1일자로", "신청인 [이름]는 2026년 4월 1일자로"),
    ("발신: 주식회사 한울건설 대리 최민서 (minseo.choi@hanul.co.kr)", "발신: 주식회사 한울건설 대리 [이름] ([이메일])"),
    ("줄여 주세요. - 윤하늘", "줄여 주세요. - [이름]"),
    ("안녕하세요, 소룡동 카페 하는 류지안이라고 합니다", "안녕하세요, 소룡동 카페 하는 [이름]이라고 합니다"),
    ("From: 박서윤 <seoyun.park@daum.net>", "From: [이름] <[이메일]>"),
    ("전화는 받기 어렵습니다. 김선희", "전화는 받기 어렵습니다. [이름]"),
    ("성함은요?\n민원인: 모, 모수빈이요.", "성함은요?\n민원인: 모, [이름]이요."),
    ("성명/연락처/차량: 마준혁 / 010-6060-7070", "성명/연락처/차량: [이름] / [전화번호]"),
    ("이름: 김 민 지\n연락처", "이름: [이름]\n연락처"),
    ("매일 타는 승객 어민혁", "매일 타는 승객 [이름]"),
    ("감사합니다.\n---\n김도현 | 군산시 학부모회 회장", "감사합니다.\n---\n[이름] | 군산시 학부모회 회장"),
    ("(holder: 이준서).\nThanks,\nJunseo Lee\n", "(holder: [이름]).\nThanks,\n[이름]\n"),
    ("Name: Nguyen Van Hung (응우옌 반 흥).", "Name: [이름] ([이름])."),
    ("[성명] Nguyen Van Duc / 응우옌 반 득\n", "[성명] [이름] / [이름]\n"),
    ("저는 중국 국적 왕리핑(王丽萍)입니다.", "저는 중국 국적 [이름]([이름])입니다."),
    ("Li Na(李娜) 입니다. 중국 유학생", "[이름]([이름]) 입니다. 중국 유학생"),
    ("제 이름은 Park Ji-hoon(박지훈)입니다.", "제 이름은 [이름]([이름])입니다."),
    ("我是 장웨이. 저는 중국 사람입니다.", "我是 [이름]. 저는 중국 사람입니다."),
    ("Tôi tên là Tran Thi Mai. 저는 트란 티 마이입니다.", "Tôi tên là [이름]. 저는 [이름]입니다."),
    ("Dilnoza Yusupova (딜노자 유수포바). ARC: 950120-6145798.", "[이름] ([이름]). ARC: [외국인등록번호]."),
    ("성함은요?\n민원인: 쩐 반 남이에요.", "성함은요?\n민원인: [이름]이에요."),
    ("주민번호 뒷자리까지 말씀해 주세요.\n민원인: 팔팔 공삼 일오, 일 이삼사 오육칠.",
     "주민번호 뒷자리까지 말씀해 주세요.\n민원인: [주민등록번호]."),
    ("외국인등록번호 말씀해 주세요.\n민원인: 구삼 공일 일오, 다시, 육 일이삼 사오육.",
     "외국인등록번호 말씀해 주세요.\n민원인: [외국인등록번호]."),
    ("환급 계좌 불러주세요.\n민원인: 농협이요, 삼오이 공일이삼 사오육칠 팔구.",
     "환급 계좌 불러주세요.\n민원인: 농협이요, [계좌번호]."),
    ("면허번호 불러주세요.\n민원인: 일이 다시 이삼 다시 사오육칠팔구 다시 공일이요.",
     "면허번호 불러주세요.\n민원인: [운전면허번호]이요."),
    ("차량번호 말씀해 주세요.\n민원인: 이삼 마 사오육칠이요.", "차량번호 말씀해 주세요.\n민원인: [차량번호]이요."),
    ("차량번호 불러주세요.\n민원인: 1 2 3 거 4 5 6 7이요.", "차량번호 불러주세요.\n민원인: [차량번호]이요."),
    ("답장 메일로 hana0505 골뱅이 naver 닷컴 으로", "답장 메일로 [이메일] 으로"),
    ("Passport no. P1234567A. I work", "Passport no. [여권번호]. I work"),
    ("나운로 210, Lotte Castle 103-1502. My", "[상세주소], Lotte Castle [상세주소]. My"),
    ("복지정책과(☎063-454-3250)에 문의", "복지정책과(☎063-454-3250)에 문의"),
])
def test_fourth_blind_set_leaks_stay_fixed(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


# What a review of those patterns found them taking that is no personal data, each once.
@pytest.mark.parametrize("text", [
    "엄마 아빠 신청하는 불편함을 감수하자고", "저와 남편이 각각 신청하였습니다",
    "| 이름 | 나이 | 성별 |", "| 성명 | 성별 | 나이 |\n|---|---|---|", "보호자 동의서가 필요하다고 하네요",
    "피해자 진술서가 접수됐나요", "계속 이러면 곤란합니다. 조치부탁드림", "인명피해 배상.", "이번 달부터 전기세 올림.",
    "소화기 · 비상벨 · 구급함\n정수기 · 에어컨", "자동차 산업 지원 예산이 12조 3456억 원",
    "사업자등록증 번호는 일이삼 사오 육칠팔구공이요", "환급 신청했는데 삼사일, 오륙일, 칠팔일 지나도",
    "가까운 역은 Gunsan Station(군산역)입니다", "From: Gunsan City Hall", "Thanks,\nGunsan Foreigner Center",
    "와이파이 이름 Free Wifi 가 안 잡혀요",
])
def test_fourth_set_patterns_leave_sentences_alone(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(("text", "kept"), [
    ("부사장 010-1234-5678 말고", "부사장"),
    ("나운로 45 일대 정비사업 2025-2027년 추진", "2025-2027년"),
    ("수송로 12번지 앞 민원(접수 2026-0412)", "2026-0412"), ("나운로 210, 마을버스 11-1234번", "11-1234번"),
])
def test_numbers_and_titles_beside_personal_data_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_name_found_once_is_masked_again_only_as_a_word(masker: PiiMasker) -> None:
    masked = masker.mask("소비자 피해보상범위를 정해야 합니다. 피해보").text
    assert "피해보상범위" in masked  # the end-of-text guess is not spread into the middle of a word
    expected = "[이름]가 왔어요. 저는 [이름]입니다. [이름]님"
    assert masker.mask("김철수가 왔어요. 저는 김철수입니다. 김철수님").text == expected


def test_a_read_out_phone_number_is_not_taken_for_a_registration_number(masker: PiiMasker) -> None:
    text = "주민번호랑 연락처 말씀해 주세요.\n민원인: 공일공 일이삼사 오육칠팔이요"
    assert masker.mask(text).text.endswith("[전화번호]이요")


def test_many_distinct_names_cost_one_pass(masker: PiiMasker) -> None:
    names = [f"김{a}{b}" for a in "민서지하도유예은수현" for b in "준진호아윤희경선우영"]
    text = "".join(f"| 성명 | {name} |\n" for name in names) + "".join(f"{name} 드림\n" for name in names)
    masked = masker.mask(text).text
    assert not any(name in masked for name in names)


@pytest.mark.parametrize("text", [
    "저는 서울에서 온 관광객입니다", "메이커 스페이스 (Maker Space)는 공공형", "저는 저시력 시각장애인입니다",
    "도로과 주무관님께 전화했어요", "예금주 본인 명의로", "이번에 이사 온 주민입니다",
])
def test_descriptions_near_name_patterns_stay(masker: PiiMasker, text: str) -> None:
    assert "[이름]" not in masker.mask(text).text


@pytest.mark.parametrize("text", ["사무실 02-123-4567", "고객님 010-1234-5678", "연락처 010-1234-5678",
                                  "저는 자영업자입니다", "대야면 지경리 5일장", "저는 대학생이고요"])
def test_words_beside_numbers_are_not_names(masker: PiiMasker, text: str) -> None:
    assert "[이름]" not in masker.mask(text).text


# The fifth blind set (2026-12-04) leaked names that no context introduces. These sentences are written anew in
# the same shapes: Kiwi's proper nouns shaped like a Korean name, names typed syllable by syllable, full names in
# Latin or Chinese script, Vietnamese names in Hangul, and a tilde between a phone number's groups.
@pytest.mark.parametrize(("text", "expected"), [
    ("어제 한채윤이랑 같이 민원실 갔는데 문이 닫혀 있었어요", "어제 [이름]이랑 같이 민원실 갔는데 문이 닫혀 있었어요"),
    ("담당하신 분이 문하윤 주무관이었는데 친절했습니다", "담당하신 분이 [이름] 주무관이었는데 친절했습니다"),
    ("표상진, 오세준 두 분이 같이 신청했어요", "[이름], [이름] 두 분이 같이 신청했어요"),
    ("신청인 이름을 김 보 람 이렇게 띄어서 썼어요", "신청인 이름을 [이름] 이렇게 띄어서 썼어요"),
    ("강사 Aisha Rahman 선생님 수업이 좋아요", "강사 [이름] 선생님 수업이 좋아요"),
    ("From: Daniel Whitaker 보냄", "From: [이름] 보냄"),
    ("사장님 이름이 金春花 라고 적혀 있어요", "사장님 이름이 [이름] 라고 적혀 있어요"),
    ("옆집 레 티 마이 씨가 도와줬어요", "옆집 [이름] 씨가 도와줬어요"),
    ("남편 응우옌 반 남 은 공장에 다녀요", "남편 [이름] 은 공장에 다녀요"),
    ("급하면 010~5874~3302 로 문자 주세요", "급하면 [전화번호] 로 문자 주세요"),
    ("레 티 마이가 어제 왔어요", "[이름]가 어제 왔어요"),
    ("옆집 최영길 아저씨가 도와주셨어요", "옆집 [이름] 아저씨가 도와주셨어요"),
    ("서명란에 허 광 수 라고 적었어요", "서명란에 [이름] 라고 적었어요"),
])
def test_fifth_blind_set_shapes_are_masked(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


# What those rules must leave alone: places and facilities Kiwi also calls proper nouns, counted things, English
# glosses in Latin script, and Chinese words that start with a surname character.
@pytest.mark.parametrize("text", [
    "나운동 주민입니다. 서초구에서 이사 왔어요", "여의도 가는 버스가 도봉산 근처에서 서요",
    "정화조 청소 안내문이 왔어요",
    "고정식 단속 카메라를 설치해 주세요", "골목에 차 한 대 겨우 지나갑니다", "터닝포인트(Turning Point)가 되기를",
    "메이커 스페이스 (Maker Space) 유형", "谢谢 감사합니다", "3~4대가 매일 서 있어요", "군산시청 민원실 Free Wifi",
    "심정지 환자 발생 시 신속히 구호", "이태원, 명동, 서울역",
    # from the review of those rules: Hanja words, Korean words before 티/반, titles typed apart for emphasis,
    # a count typed apart, compound nouns, Latin names of places and services
    "安全 관리가 부실합니다", "文化 행사 申請 방법", "운동회 때 하 반 나눠서 했어요", "각 도 반 이상이 찬성했습니다",
    "진 정 서 제출합니다", "정 상 화 해주세요", "한 명 한 명 다 확인해 주세요", "신세계백화점 주차장이 꽉 찼어요",
    "Incheon Airport 리무진 버스", "Kakao Talk 으로 보냈어요",
])
def test_fifth_set_rules_leave_places_and_words_alone(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_a_masker_for_identifiers_only_leaves_names_alone() -> None:
    masked = PiiMasker(["RRN"]).mask("어제 한채윤이랑 왔어요 850101-1234567").text
    assert masked == "어제 한채윤이랑 왔어요 [주민등록번호]"


# The sixth blind set (2026-12-04) leaked given names alone, names after what a person does, foreign residents'
# names after their nationality, names in English sentences, Cyrillic names, and phone numbers and plates read or
# written in other ways. These sentences are written anew in the same shapes.
@pytest.mark.parametrize(("text", "expected"), [
    ("같은 반 지민이가 어제 넘어졌어요", "같은 반 [이름]이가 어제 넘어졌어요"),
    ("우리 하늘이는 아직 1학년이에요", "우리 [이름]이는 아직 1학년이에요"),
    ("태윤이 엄마가 대신 신청했어요", "[이름]이 엄마가 대신 신청했어요"),
    ("아들 윤우한테 물어보니 그렇대요", "아들 [이름]한테 물어보니 그렇대요"),
    ("막내 서아가 다니는 학원 앞이에요", "막내 [이름]가 다니는 학원 앞이에요"),
    ("1학년 서아 엄마예요^^ 문의 좀 드릴게요", "1학년 [이름] 엄마예요^^ 문의 좀 드릴게요"),
    ("우리 서연이가 다쳤어요. 서연이, 괜찮니?", "우리 [이름]이가 다쳤어요. [이름]이, 괜찮니?"),
    ("애들이 '도현'이라고 불리는 아이를 괴롭혀요", "애들이 '[이름]'이라고 불리는 아이를 괴롭혀요"),
    ("명찰에 '구민석'이라고 적혀 있었어요", "명찰에 '[이름]'이라고 적혀 있었어요"),
    ("설계사무소 실장이 모태식이라고 하더군요", "설계사무소 실장이 [이름]이라고 하더군요"),
    ("매도인: 엄태구 (계약서 참조)", "매도인: [이름] (계약서 참조)"),
    ("상담원(김하린): 네 교통행정과입니다", "상담원([이름]): 네 교통행정과입니다"),
    ("김보배 씨 서류는 아직이에요", "[이름] 씨 서류는 아직이에요"),
    ("나는 주말순이여. 혼자 살어", "나는 [이름]이여. 혼자 살어"),
    ("저 베트남 사람 쩐 반 훙입니다", "저 베트남 사람 [이름]입니다"),
    ("저는 네팔 사람 비슈누 타파예요", "저는 네팔 사람 [이름]예요"),
    ("우즈베키스탄 사람이에요. 친구들은 아크말이라고 불러요", "우즈베키스탄 사람이에요. 친구들은 [이름]이라고 불러요"),
    ("저는 중국사람 刘洋(류양)이에요", "저는 중국사람 [이름]([이름])이에요"),
    ("필리핀 사람이에요. 통역사 쿠르바노바 님 연결해 주세요", "필리핀 사람이에요. 통역사 [이름] 님 연결해 주세요"),
    ("my wife Analyn is pregnant, 임신 7개월", "my wife [이름] is pregnant, 임신 7개월"),
    ("boss name 안병욱. 월급이 두 달 밀렸어요", "boss name [이름]. 월급이 두 달 밀렸어요"),
    ("Best regards,\nSomchai", "Best regards,\n[이름]"),
    ("Меня зовут Дилфуза Юсупова. 군산에 살아요", "Меня зовут [이름]. 군산에 살아요"),
    ("Меня зовут Дилфуза Юсупова. Помогите пожалуйста", "Меня зовут [이름]. Помогите пожалуйста"),
    ("번호는 공일공에 칠칠팔이 다시 사사구공", "번호는 [전화번호]"),
    ("집 전화는 사육삼에 칠칠공팔. 앞에 국번은 빼고", "집 전화는 [전화번호]. 앞에 국번은 빼고"),
    ("번호는 010에 2287 하고 5530.", "번호는 [전화번호]."),
    ("미국 연락처: +1 (206) 555-0183", "미국 연락처: [전화번호]"),
    ("오토바이 번호 군산 바 2281 이고 등록했어요", "오토바이 번호 [차량번호] 이고 등록했어요"),
])
def test_sixth_blind_set_shapes_are_masked(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


# What those rules must leave alone, most of it found by masking 4,369 other texts (complaints, Seoul proposals,
# petitions, manuals) before and after them: words Kiwi knows with their 이 (고양이, 빚+쟁이, 죽이는), pets and
# brands, places after 우리 or before a bracket, 과 meaning "and", a count, a title after a surname, a quoted slogan.
@pytest.mark.parametrize("text", [
    "고양이가 웅덩이에 빠졌어요", "빗물받이가 막혔어요", "물놀이가 위험해요", "기울이는 노력이 필요합니다",
    "지역업체 다죽이는 대기업", "빚쟁이를 양산하는 사업", "따릉이가 달리는 길", "우리 남한 만이라도",
    "저희 강서(마곡)지역", "친구 말로는 그렇대요", "아들 내외가 왔어요", "딸 하나 아들 둘이에요",
    "북촌과 경복궁 서측", "처방약과 조제약 일치여부", "직원 한명이 왔어요", "세대원이 소유하는 부동산",
    "받는 사람: 지곡동 행정복지센터", "저는 경상남도 진주시에 살고 있습니다", "독도라고 불리는 섬",
    "두아이아빠입니다", "이일이 맘에든다 합니다", "73세인 아버지를 부양하며", "서울시내 비정형 교차로",
    "국제형사경찰기구, 인터폴", "정이사님이 만나자 하여", "이차장님과 통화",
    "자유제안(홍길동) 제목", "'정상화'라고 하더니",
    # from the review of those rules: places before a family word, money and roads near a vehicle word, an age
    # read out, a child's name that is also a word spreading, a resident describing themselves, Cyrillic greetings
    "전주 친구가 놀러 와서 전주 한옥마을 갔어요", "대만 친구랑 광주 할머니", "오토바이 수리비 견적서 1500원 나왔어요",
    "자동차 보험료가 올해도 1000원 올랐어요", "나는 육십이여. 아직 일혀", "대학 졸업 예정자입니다",
    "외국인 근로자 숙소 소음 문제예요. 저는 나운동 아파트 입주민이에요",
    "Здравствуйте Уважаемые сотрудники. 외국인등록증 문의",
])
def test_sixth_set_rules_leave_words_and_places_alone(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("weather", ["하늘이 흐려서 우산 챙겼어요", "하늘은 흐려서 우산 챙겼어요",
                                     "하늘을 보니 비가 올 것 같아요", "하늘과 바다가 맞닿은 곳"])
def test_a_two_syllable_name_spreads_only_as_a_name(masker: PiiMasker, weather: str) -> None:
    """The tagger is sure the second 하늘 is the child too, but a closed syllable's word takes its particles bare
    (하늘이 흐려서, 하늘을) where the child takes 이 first (하늘이는, 하늘이를)."""
    masked = masker.mask(f"우리 하늘이는 1학년이에요. 오늘 {weather}").text
    assert masked == f"우리 [이름]이는 1학년이에요. 오늘 {weather}"


@pytest.mark.parametrize("text", [
    "나운동주민센터앞도로가크게파였어요.빨리고쳐주세요.차가다니기너무위험합니다.아이들도많이다니는길인데.언제까지방치할건가요정말로",
    "x" + "가" * 70,
])
def test_a_long_run_without_spaces_is_left_to_the_identifier_rules(masker: PiiMasker, text: str) -> None:
    # Kiwi skips such a run, so name detection has no tokens to read there; masking must still answer
    assert masker.mask(text).text == text


def test_the_shipped_name_word_lists_load_with_every_section() -> None:
    lists = load_name_words()
    assert "주민" in lists["not_names"] and "하늘" in lists["word_names"]
    assert all(len(syllable) == 1 for syllable in lists["given_syllables"])


@pytest.mark.parametrize("content, message", [
    ("not_names: 주민 시민\n", "place_last_syllables"),
    ("- 주민\n- 시민\n", "cannot read"),
    ("not_names: [주민\n", "cannot read"),
])
def test_a_broken_name_word_file_is_refused_with_what_is_wrong(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "name_words.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_name_words(path)


@pytest.mark.parametrize("text, name", [
    ("작은딸 권미르가 횡단보도에서 넘어졌어요", "권미르"),
    ("민원인 한가을 씨가 다시 전화하셨어요", "한가을"),
    ("우리 손자 오으뜸이한테 물어보니 통학버스가 안 왔대요", "오으뜸"),
    ("동생 송바다 연락처 말고 제 번호로 주세요", "송바다"),
])
def test_a_native_korean_given_name_counts_where_the_context_names_a_person(masker: PiiMasker, text: str,
                                                                            name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", ["한민족, 한겨레입니다", "바다 보러 가자", "이번 주 우주 박물관 견학"])
def test_native_korean_name_words_alone_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_speakers_of_a_pasted_chat_log_are_names(masker: PiiMasker) -> None:
    chat = ("[단톡방 내용 붙여요]\n초롱맘: 오늘도 통학차량 30분 늦음\n[오후 7:02] 나은: 저희 애도 추워서 울었어요\n"
            "맹하람: 시청에 같이 민원 넣어요")
    masked = masker.mask(chat).text
    assert "초롱" not in masked and "나은" not in masked and "맹하람" not in masked
    assert "[이름]맘:" in masked and "통학차량" in masked


@pytest.mark.parametrize("text", [
    "제목: 가로등 고장\n내용: 사흘째 꺼져 있어요\n장소: 나운동 주민센터 앞",
    "상담원: 무엇을 도와드릴까요?\n민원인: 가로등이 꺼졌어요",
    "일시: 3월 2일 14:00\n안건: 주차장 확충",
])
def test_form_fields_and_roles_before_a_colon_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, names", [
    ("통장 사본 예금주가 TRAN VAN DUC 으로 돼 있어요", ["TRAN VAN DUC"]),
    ("아내 마리벨 레예스(MARIBEL REYES) 서류 문의입니다", ["MARIBEL REYES", "마리벨 레예스"]),
    ("여권 영문 이름 PARK SEO YEON 이 틀리게 나왔어요", ["PARK SEO YEON"]),
])
def test_names_in_capitals_as_passports_write_them(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert not [name for name in names if name in masked]


@pytest.mark.parametrize("text", [
    "CCTV 설치 요청합니다. NO PARKING ZONE 표지판도 필요해요",
    "SK LH 공사 구간이라 GS CALTEX 주유소 앞 도로가 막혀요",
    "LOTTE CASTLE 입구 KYOCHON CHICKEN 앞 불법주차",
])
def test_acronyms_english_and_brands_in_capitals_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, name", [
    ("아내 쩐 티 응아가 병원에 다녀왔는데 통역이 없었어요", "쩐 티 응아"),
    ("같이 일하는 동료 프라빈 구룽도 손을 다쳤어요", "프라빈 구룽"),
    ("엥흐투야 입니다. 몽골에서 왔어요. 기숙사 난방이 안 돼요", "엥흐투야"),
    ("통역사 구르창 셰르파: 민원인은 어제 해고됐다고 합니다", "구르창 셰르파"),
])
def test_a_name_kiwi_does_not_know_after_who_the_person_is(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "저기요 7살 아들이 월명공원 근처에서 없어졌어요",
    "뇌병변 아들 활동지원사 시간이 너무 부족해요",
    "남편 대한민국 국적 취득했어요. 친구 서울 갔어요",
    "저는 연변에서 왔어요.\n조선족이에요. 영주권 문의합니다",
    "신청인 김옥순 씨가 다시 오셨어요",
])
def test_places_jobs_and_known_words_after_a_person_word_stay(masker: PiiMasker, text: str) -> None:
    masked = masker.mask(text).text
    assert masked == text or masked == "신청인 [이름] 씨가 다시 오셨어요"


def test_a_place_after_a_name_kiwi_does_not_know_is_not_part_of_it(masker: PiiMasker) -> None:
    assert masker.mask("아내 흐엉이 서울에 갔어요").text == "아내 [이름]이 서울에 갔어요"


@pytest.mark.parametrize("text, vin", [
    ("중고차 명의이전 서류에 차대번호 KNAFX412BM5067281 로 적혀 있어요", "KNAFX412BM5067281"),
    ("견인된 차 VIN: WVWZZZ1KZ8W123456 확인 부탁드립니다", "WVWZZZ1KZ8W123456"),
])
def test_a_vehicle_identification_number_is_masked(masker: PiiMasker, text: str, vin: str) -> None:
    masked = masker.mask(text).text
    assert vin not in masked and "[차대번호]" in masked


@pytest.mark.parametrize("text", [
    "송장번호 12345678901234567 로 조회가 안 돼요",  # digits only
    "모델명 SM-S921N, 제품코드 ABCDEFGHJKLMNPRST",  # a dash, and no digit
    "인증키 KMHJ381ABHU4567123 는 18자리입니다",  # one too many
])
def test_long_codes_that_are_not_a_vin_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text", [
    "같이 사는 전주가 고향인 친구랑 왔어요",
    "친구 인스타에 올라온 사진 보고 신고합니다",
    "가격 비교\n이마트: 3,000원\n홈플러스: 2,800원",
    "운영시간\n겨울: 오후 6시\n여름: 오후 7시",
    "접수 현황\n광주: 5건\n세종: 3건",
    "수송동 상가 간판 정비 요청: BASKIN ROBBINS, TOUS LES JOURS, JEJU AIR 간판이 인도에 튀어나와 있어요",
])
def test_places_shops_and_schedules_are_not_people(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, names", [
    ("작은딸 나래가 놀이터에서 다쳤어요", ["나래"]),
    ("한별엄마라고 하면 아파트에서 다 알아요", ["한별"]),
    ("보람이 어머님이 먼저 신고하셨대요", ["보람"]),
    ("아랫집 가온 씨가 밤마다 악기를 연습해요", ["가온"]),
    ("학원에서 '푸름'이라는 애가 자꾸 때린대요", ["푸름"]),
])
def test_a_native_korean_given_name_alone_counts_where_who_the_person_is_says_so(
        masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert not [name for name in names if name in masked] and "[이름]" in masked


@pytest.mark.parametrize("text", [
    "가을 하늘이 맑아서 산책로에 사람이 많아요",
    "희망 씨앗 나눔 행사는 언제 하나요",
    "바다 보이는 공원에 쓰레기가 많아요, 사랑 나눔 바자회도 엉망이었고요",
])
def test_name_words_without_a_person_beside_them_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, names", [
    ("위원회 참석자는 노경택, 함수련, 봉미애 세 명이었습니다", ["노경택", "함수련", "봉미애"]),
    ("같이 다친 아이는 딸 다솜, 조카 하윤, 새별이 셋이에요", ["다솜", "하윤", "새별"]),
    ("동료 수실 구룽, 라메시 타망, 비노드 샤르마 모두 기숙사에 살아요", ["수실 구룽", "라메시 타망", "비노드 샤르마"]),
])
def test_the_other_items_of_a_list_with_a_name_are_names(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, kept", [
    ("예금주: 모태식, 금강건설 대표", ["금강건설"]),
    ("운전자 김성복, 차 그랜저 검정색", ["차 그랜저"]),
    ("신청인 고은비, 민원인, 시청 직원 모두 출석", ["민원인", "시청 직원"]),
])
def test_list_items_that_are_no_person_stay(masker: PiiMasker, text: str, kept: list[str]) -> None:
    masked = masker.mask(text).text
    assert all(word in masked for word in kept) and "[이름]" in masked


@pytest.mark.parametrize("text, names", [
    ("현관에서 '서윤아' 하고 부르는 소리가 밤새 들려요", ["서윤"]),
    ("야 태식아 너 또 쓰레기 거기 버렸지", ["태식"]),
    ("윗집 아이 이름이 하준이라는 것만 알아요", ["하준"]),
    ("[순덕] 내일 경로당 가?\n[금례] 비 오면 안 가", ["금례"]),
    ("접수자 명단: 강태수, 옥분례 외 4명", ["강태수", "옥분례"]),
    ("형제는 저 변상철(장남), 변상희, 변상훈입니다", ["변상철", "변상희", "변상훈"]),
    ("같이 놀던 유리 엄마가 119에 신고했어요", ["유리"]),
    ("전입신고 확인 부탁드립니다 황보미진 850412-2345678", ["황보미진"]),
    ("I moved in last week with my roommate Farrukh. The heater is broken.\nThanks, Dilnoza", ["Farrukh", "Dilnoza"]),
])
def test_names_called_out_listed_or_beside_an_identifier(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text", [
    "친구야 고마워, 사람아 정신 좀 차려",
    "진주 친구가 놀러 왔는데 주차할 데가 없어요",
    "사무실 전화는 아무도 안 받아요",
    "Please fix the light.\nThanks,\nTeam",
    "이거 뭐야 진짜, 그래야 하는 거 아닌가요",
])
def test_calls_places_and_sign_offs_that_are_no_person_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, names", [
    ("저희 애 서준이도 그 버스를 타요", ["서준"]),
    ("우리 준호랑 윗집 애가 같이 다쳤어요", ["준호"]),
    ("옆집 은숙씨가 쓰레기를 밤에 내놔요", ["은숙"]),
    ("남편이 '혜진아!' 하고 소리를 질러요", ["혜진"]),
    ("둘째 이름이 지안이고 세 살이에요", ["지안"]),
    ("딸 이름 Aziza, 초등학교 입학 문의드려요", ["Aziza"]),
    ("라메시 전화 010-3456-7890 으로 연락 주세요", ["라메시"]),
    ("[단톡 캡처]\n수아: 놀이터 그네 또 고장\n지율: 헐 어제도\n남궁민서: 시청에 넣자", ["수아", "지율"]),
])
def test_children_friends_and_chat_members_by_given_name(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text", [
    "저희 아이 미래를 생각해서 통학로를 고쳐 주세요",
    "아기 재우는 시간에 공사를 해요",
    "우리 바다가 이렇게 더러워졌어요",
    "우리 군산이 제일 살기 좋아요",
    "광주 전화 062-123-4567 로 문의하래요",
    "가해자 윤모씨는 아직 조사 중입니다",
])
def test_a_child_s_future_a_verb_a_place_and_a_withheld_name_stay(masker: PiiMasker, text: str) -> None:
    masked = masker.mask(text).text
    assert "[이름]" not in masked


@pytest.mark.parametrize("text, names", [
    ("아내 두 티 항이 친정에 갔는데 연락이 안 돼요", ["두 티 항"]),
    ("선원 명단: 딘 반 뚜, 하 티 미 두 명입니다", ["딘 반 뚜", "하 티 미"]),
    ("저 라힘 카리모프, 고려인이에요. F-4 비자로 왔어요", ["라힘 카리모프"]),
])
def test_vietnamese_names_by_their_middle_name_and_foreign_residents_by_their_visa(
        masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, kept", [
    ("각 도 반 이상이 찬성했습니다", "도 반 이상"),
    ("104호 반 지하 창고에 물이 샜어요", "반 지하"),
    ("참석자 김도윤, 하노이 출장 중이라 서면으로 냈습니다", "하노이 출장"),
])
def test_halves_rooms_and_places_in_a_list_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, names", [
    ("큰애 지안이 9살, 작은애 지율이 6살이에요", ["지안", "지율"]),
    ("이웃 朴永哲가 담장을 넘어와요", ["朴永哲"]),
    ("배달 온 사람이 계상현이라는 기사였어요", ["계상현"]),
    ("세입자는 1층 송기철, 2층 설미진, 3층 위한솔입니다", ["송기철", "설미진", "위한솔"]),
])
def test_children_by_age_hanja_names_names_gone_by_and_tenants_by_floor(
        masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text", [
    "공무원이 서류를 다시 제출하라고 하는데 이유를 모르겠어요",
    "그 사람이 전문가라는 사람이었는데 틀렸어요",
    "담임 선생님이라는 분이 전화하셨어요",
])
def test_quoted_orders_and_known_words_before_raneun_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, names", [
    ("같이 일하는 친구: KHIEU SOPHAL, PHAN DARA 둘 다 기숙사에 살아요", ["KHIEU SOPHAL", "PHAN DARA"]),
    ("배에서 일하는 engineer RAMON DELA PAZ 씨가 손을 다쳤어요", ["RAMON DELA PAZ"]),
    ("저는 우즈베크 유학생 쿠드라토프 (KUDRATOV JAMSHID)입니다", ["KUDRATOV JAMSHID"]),
])
def test_names_in_capitals_after_who_the_person_is_or_beside_a_guessed_word(
        masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, value", [
    ("답변은 디 제이 케이 팔팔 골뱅이 다음 닷넷으로 주세요", "디 제이 케이 팔팔 골뱅이 다음 닷넷"),
    ("저희 집이 나운동 412-7고 옆집이 문제예요", "나운동 412-7"),
])
def test_an_e_mail_read_out_letter_by_letter_and_an_address_before_go(masker: PiiMasker, text: str,
                                                                      value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["이삼일 안에 꼭 처리해 주세요", "오늘 일이 많아서 골뱅이 무침을 먹었어요"])
def test_spoken_numbers_and_food_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, kept", [
    ("1학년 두 반 모두 급식이 늦게 나왔어요", "두 반 모두"),
    ("케이크를 또 반 잘라 먹었어요", "또 반 잘라"),
    ("한 사람 당 반 개씩 나눠줬어요", "당 반 개씩"),
    ("친구 대전 사는데 거기도 그래요", "대전"),
    ("하지만, 김철수 씨가 먼저 주차했어요", "하지만"),
    ("文化財가 훼손되고 있습니다", "文化財"),
    ("D-3인데 아직도 공사 중이에요. 동네에서 그 집을 유령집이라고 불러요", "유령집"),
    ("[민원] 가로등 고장\n[재민원] 아직도 안 고쳐졌어요", "[재민원]"),
    ("동대표라는 사람이 독단적으로 결정해요", "동대표"),
    ("동료들이랑 JEJU AIR 타고 제주 갔다 왔어요", "JEJU AIR"),
    ("Please fix the road. Best Regards", "Best Regards"),
    ("가게 이름 Starbucks 앞에 불법주차가 많아요", "Starbucks"),
    # Known false positive since the scorer learned from pii_blind14-16, where 하늘 is a child called by name: a
    # vocative 하늘아 scores as a name even when the sky is meant.
    pytest.param("하늘아 고마워 오늘 날씨 좋다", "하늘아",
                 marks=pytest.mark.xfail(strict=True, reason="a vocative 하늘아 scores as a name")),
])
def test_the_review_s_words_places_and_signs_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "담당 기사가 탁도훈이라고 이름을 댔어요. 옆집 봉팔이 또 왔어요",
    "친구들은 아크말이라고 불러요. 저는 우즈베키스탄에서 왔어요",
    "우리 서준이가 다쳤어요. 연락은 010-2345-6789",
])
def test_masking_masked_text_again_changes_nothing(masker: PiiMasker, text: str) -> None:
    once = masker.mask(text).text
    assert masker.mask(once).text == once


@pytest.mark.parametrize("text, expected", [
    ("같이 접수한 동생 정하윤 건은 조회가 돼요. 하윤이 주소는 같아요",
     "같이 접수한 동생 [이름] 건은 조회가 돼요. [이름]이 주소는 같아요"),
    ('"야 옥순아! 밥 안 차리냐!" 소리쳐요. 함옥순 할머니가 걱정돼요',
     '"야 [이름]아! 밥 안 차리냐!" 소리쳐요. [이름] 할머니가 걱정돼요'),
    ("소상공인 하민이에요. 서류 보냅니다. 하민 드림 (대표 구하민)",
     "소상공인 [이름]이에요. 서류 보냅니다. [이름] 드림 (대표 [이름])"),
    ("순자 언니도 오신대요? 네 최순자님도 오세요", "[이름] 언니도 오신대요? 네 [이름]님도 오세요"),
    ("손녀 인수아를 키워요. 이번에 수아가 안경을 맞췄어요", "손녀 [이름]를 키워요. 이번에 [이름]가 안경을 맞췄어요"),
    ("딸 김보람 상장 받았어요. 보람이가 기뻐해요", "딸 [이름] 상장 받았어요. [이름]이가 기뻐해요"),
])
def test_the_given_name_of_a_full_name_found_is_masked_in_a_name_s_forms(
        masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text, kept", [
    ("봉사했는데 보람이 있었던 만큼 좋았어요. 같이 봉사한 동생 김보람 것도 부탁해요", "보람이 있었던"),
    ("경관조명이 빛나는 건 좋은데 고3 딸 유빛나가 잠을 못 자요", "빛나는 건"),
    ("물결이 세게 치는 구간이에요. 조카 한물결(9살)이 미끄러졌어요", "물결이 세게"),
    ("갈색 반지갑이고 지갑이 없어졌어요", "지갑이"),
])
def test_a_given_name_that_reads_as_a_word_keeps_its_word_uses(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, expected", [
    ("세대주: 변 하 람\n주민등록번호 확인 부탁", "세대주: [이름]\n주민등록번호 확인 부탁"),
    ("성함은 김 점 례 이십니다", "성함은 [이름] 이십니다"),
    ("목격자: 방 영 자, 용 복 남", "목격자: [이름], [이름]"),
    ("신축 반대 명단\n- 허말순\n- 봉 순 이", "신축 반대 명단\n- [이름]\n- [이름]"),
    ("민원인: 어, 함, 함 동 진이요.", "민원인: 어, 함, [이름]이요."),
    ("딸아이 이름이 김 민 재인데요, 학교 앞", "딸아이 이름이 [이름]인데요, 학교 앞"),
    ("2026년 3월 11일\n진 하 늘", "2026년 3월 11일\n[이름]"),
])
def test_a_name_typed_apart_where_a_form_or_list_asks_for_one(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "국 민 청 원 게시판에 올렸어요",
    "- 진 정 서 제출합니다",
    "- 정 상 화 요구합니다",
    "성함: 이 거 봐요 하시더라고요",
    "그래서 이 집 저 집 다 다녔어요",
])
def test_single_syllables_in_a_form_or_list_that_are_words_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("저는 태국 사람 니파폰 스리삭(Nipaporn Srisak)입니다", "저는 태국 사람 [이름]([이름])입니다"),
    ("러시아 선원 알렉세이 이바노프(ALEKSEI IVANOV) 입니다", "러시아 선원 [이름]([이름]) 입니다"),
    ("미얀마 선원 아웅 초 우(AUNG KYAW OO)가 어선에서", "미얀마 선원 [이름]([이름])가 어선에서"),
    ("제니 로사리오(JENNY ROSARIO)예요", "[이름]([이름])예요"),
    ("Dilshod Rahimov / 딜쇼드 라히모프. 저 E-9 이에요", "[이름] / [이름]. 저 E-9 이에요"),
])
def test_a_foreign_name_written_in_both_scripts_side_by_side(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text, kept", [
    ("한강 다크 투어리즘(dark tourism) 연구입니다", "다크 투어리즘"),
    ("군산 시청(Gunsan City Hall) 앞에서 만나요", "군산 시청"),
    ("국민 신문고(Gukmin Sinmungo)에 올렸어요", "국민 신문고"),
    ("스마트 시티(Smart City) 사업 설명회", "스마트 시티"),
    ("은파 호수공원(Eunpa Lake Park) 산책로", "은파 호수공원"),
])
def test_korean_words_glossed_in_latin_letters_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, expected", [
    ("[통장 단톡]\n박춘자 통장: 내일 방역 몇시에요?", "[통장 단톡]\n[이름] 통장: 내일 방역 몇시에요?"),
    ("목사님이 안영길 목사님인데 얘기가 안 통해요", "목사님이 [이름] 목사님인데 얘기가 안 통해요"),
    ("조합장 석만호가 설명회를 안 열어요", "조합장 [이름]가 설명회를 안 열어요"),
])
def test_a_full_name_beside_a_village_or_church_office(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text, kept", [
    ("김장은 부녀회장 국선희 님이 준비해주세요", "김장은"),
    ("마을 이장 반장 통장 다 모였어요", "이장 반장 통장"),
    ("정기 총회 회장 선출 안내", "총회 회장"),
])
def test_words_before_an_office_are_not_names(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, expected", [
    ("예예. 나는 신풍동 사는 우덕배인디, 집 앞 하수구가", "예예. 나는 신풍동 사는 [이름]인디, 집 앞 하수구가"),
    ("나는 월명동 사는 구점순이고, 우리 딸이", "나는 월명동 사는 [이름]이고, 우리 딸이"),
    ("시청? 나 수송동 사는 준영인데 우리 아파트", "시청? 나 수송동 사는 [이름]인데 우리 아파트"),
])
def test_a_name_after_where_the_writer_lives(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "저는 나운동 사는 사람인데요", "저는 수송동 사는 주민인데", "나는 구암동 사는 할매인디",
    "저는 혼자 사는 노인인데요",
    "저는 나운동 아파트 사는 세입자인데요",
])
def test_who_the_writer_is_after_where_they_live_is_not_a_name(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("우리 아들 김 세르게이 학교 문제예요", "우리 아들 [이름] 학교 문제예요"),
    ("남편 김 빅토르는 러시아에 있어요", "남편 [이름]는 러시아에 있어요"),
    ("아들 김 드미트리가 학교 입학해야 해요", "아들 [이름]가 학교 입학해야 해요"),
])
def test_a_korean_surname_and_a_foreign_given_name_after_who_the_person_is(
        masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "민원인: 예 농협 계좌로 해주세요", "친구 두 명이랑 같이 가요", "남편 이 사람이 문제예요", "아들 김 서방이 왔어요",
])
def test_a_surname_syllable_that_opens_everyday_words_stays(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("[민원처리 단톡방]\n슬기: 도로파손 건 제가 갈까요?\n누리: 네 부탁해요",
     "[민원처리 단톡방]\n[이름]: 도로파손 건 제가 갈까요?\n[이름]: 네 부탁해요"),
    ("(메신저 대화)\n가람: 형 구청 주차장 또 만차래\n한솔: 오늘 행사 있대",
     "(메신저 대화)\n[이름]: 형 구청 주차장 또 만차래\n[이름]: 오늘 행사 있대"),
    ("[회사 단톡]\nDilshod: 형 내일 일 몇시?\n나: 7시까지 와", "[회사 단톡]\n[이름]: 형 내일 일 몇시?\n나: 7시까지 와"),
])
def test_speakers_of_a_text_that_says_it_is_a_chat(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "[카톡 대화 요약]\n주소: 군산시 나운동\n내용: 도로 파손",
    "[단톡 캡처]\nNote: 회의\nTime: 3시",
    "하늘: 맑음\n바다: 잔잔함",
])
def test_form_fields_and_rows_in_a_chat_or_a_schedule_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("주민 연명부\n- 허말순\n- 봉 순 이\n- 남궁 가람\n- 어진\n- 李福童\n이상 5명",
     "주민 연명부\n- [이름]\n- [이름]\n- [이름]\n- [이름]\n- [이름]\n이상 5명"),
    ("요청드립니다.\n1. 오세린 (3학년 2반)\n2. 박지훈 (3학년 1반)\n3. 최민서 (2학년)",
     "요청드립니다.\n1. [이름] (3학년 2반)\n2. [이름] (3학년 1반)\n3. [이름] (2학년)"),
])
def test_every_item_of_a_list_of_names_a_line_each(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "준비물\n- 우산\n- 김밥\n- 물병\n- 간식",
    "요청 사항\n1. 가로등 교체\n2. 김영수 씨 집 앞 배수로\n3. 박철민 씨 담장\n4. 보도블록",
])
def test_items_of_a_list_of_things_stay(masker: PiiMasker, text: str) -> None:
    for item in ("우산", "간식", "가로등 교체", "보도블록"):
        if item in text:
            assert item in masker.mask(text).text


@pytest.mark.parametrize("text, expected", [
    ("지난달엔 순덕이 성님이 감기가 폐렴 돼서", "지난달엔 [이름]이 성님이 감기가 폐렴 돼서"),
    ("통장님인 영철이형 번호 알려줘", "통장님인 [이름]이형 번호 알려줘"),
    ("구암동 복례네 집 옆이여", "구암동 [이름]네 집 옆이여"),
    ("앞집 하늘이네가 에어컨을 밤새 틀어요", "앞집 [이름]이네가 에어컨을 밤새 틀어요"),
    ("지수 엄마랑 통화했어요", "[이름] 엄마랑 통화했어요"),
])
def test_a_given_name_alone_before_a_kin_word_or_its_family(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "아이 엄마가 왔어요", "자기 엄마가 그랬대요", "분산형 배수처리", "2종소형 면허", "이동네는 시골동네예요",
    "시장 안 '순덕이네 국밥' 옆 골목", "영자네 분식 사장님 말고요", "우리네 인생이 그렇죠", "광주 할머니 댁",
    "대전 삼촌이",
])
def test_words_before_a_kin_word_and_shops_named_for_their_owner_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("아이 이름 테무진, 3살.", "아이 이름 [이름], 3살."),
    ("아버지 성함 옹대식, 저는 아들입니다", "아버지 성함 [이름], 저는 아들입니다"),
    ("제 이름 무함마드 아시프. 영어로 써요", "제 이름 [이름]. 영어로 써요"),
    ("이름은 남궁 솔 이에요", "이름은 [이름] 이에요"),
])
def test_a_name_after_a_label_that_says_whose_it_is(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "문구점 이름은 행운문구.", "유치원 이름은 새싹유치원.", "가게 이름은 겨울빵집이에요", "제 이름 변경.",
])
def test_a_shop_s_name_and_a_word_after_a_name_label_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("제 전화 +7 914 238-51-67, 한국 번호도 있어요", "제 전화 [전화번호], 한국 번호도 있어요"),
    ("우즈벡 가족 +998 93 512 44 81. 한국 전화는 없어요", "우즈벡 가족 [전화번호]. 한국 전화는 없어요"),
])
def test_a_number_abroad_in_the_groups_its_country_writes(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", ["기온 +15 도", "점수 +3 -2 +5", "+10 20 30 점 올랐어요"])
def test_signed_numbers_are_not_numbers_abroad(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


# Found by a review of the day's rules; each was masked as a name.
@pytest.mark.parametrize("text, kept", [
    ("이정원 주무관님께 감사드립니다. 공원 정원 관리가 엉망이고 정원 안에 쓰레기가 많아요", "정원 안에"),
    ("김보수 팀장님, 도로 보수 공사가 늦어요", "도로 보수 공사"),
    ("제가 할머니랑 같이 사는데 보일러가 고장났어요", "제가 할머니랑"),
    ("제가 엄마 대신 신청하려고요", "제가 엄마"),
    ("저는 2층 사는 노부부인데 윗집 소음이 심해요", "노부부인데"),
    ("제 이름 틀려서, 고쳐 주세요.", "이름 틀려서"),
    ("성함 기록 없음.", "기록 없음"),
    ("성명 한자 오기.", "한자 오기"),
    ("성결교 목사님 설교 소리가 너무 커요", "성결교"),
    ("온누리 목사님이 주차를 막아요", "온누리"),
    ("- 조 심 해 주세요 아이들이 다닙니다", "조 심 해"),
    ("경복궁 돌담길(Gyeongbokgung Doldamgil) 쓰레기 문제", "경복궁 돌담길"),
    ("온라인 수업 시간표 문의\n하늘: 10시\n바다: 11시", "하늘: 10시"),
    ("대화로 해결하려 했지만 안 됐어요\n바다: 10시\n하늘: 11시", "바다: 10시"),
    ("상가 목록\n1. 김밥천국\n2. 박가네\n3. 김영희\n4. 이철수\n5. 세탁소", "김밥천국"),
    ("1. 김영희\n2. 박철수\n3. 통장님\n4. 반장님", "통장님"),
    ("- 김영희\n- 박철수\n- 관리실\n- 경비실", "관리실"),
])
def test_the_review_s_words_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_long_list_of_names_a_line_each_is_linear(masker: PiiMasker) -> None:
    # every item was compared with every name found: 5,000 lines took seconds
    text = "\n".join(f"- 김영{chr(0xAC00 + i % 300)}" for i in range(5000))
    assert masker.mask(text).text.count("[이름]") >= 4000


# A name in Chinese characters with no label or title beside it: in Korean text a surname and two given-name
# characters (data/privacy/name_words.yaml: han_given_syllables) are a person, typed together or apart.
@pytest.mark.parametrize("text, names", [
    ("본인은 부친 故 金德萬의 토지 상속 건으로 민원을 제기합니다. 동생 金英子가 포기서를 위조했습니다",
     ["金德萬", "金英子"]),
    ("신청인 왕리, 동거인 朴明哲. 통역 없이 상담했습니다", ["朴明哲"]),
    ("진술서 / 진술인 : 崔 福 男 / 본인은 2월 3일 밤에", ["崔 福 男"]),
])
def test_hanja_names_without_a_label(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, kept", [
    ("文化財가 훼손되고 있습니다", "文化財"),
    ("全羅道 사투리로 적힌 안내문", "全羅道"),
    ("高速道 진입로가 막혀요", "高速道"),
    # Chinese text: its words run together, so the Korean-text rule stays out
    ("我是中国人。我住在群山市。金英子的朋友。", "群山市"),
    ("진술서 / 진술인 : 崔 福 男", "진술인"),
])
def test_hanja_words_and_chinese_text_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


# A Vietnamese name written as one word: a family name no Korean word starts with, or 티/반 after a rarer one, or
# a Vietnamese syllable Korean has no word with.
@pytest.mark.parametrize("text, name", [
    ("저는 베트남에서 온 응우옌티투이라고 합니다.", "응우옌티투이"),
    ("베트남 동료 응우옌반훙이 외국인등록증을 잃어버렸어요", "응우옌반훙"),
    ("저는레꽝민입니다 공장에서일해요", "레꽝민"),
    ("요청자: 쩐티호아 / 남편: 한국인", "쩐티호아"),
])
def test_vietnamese_names_in_one_word(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "도반장님이 오셨어요", "부반장이 말했어요", "당반장 회의가 있어요", "레티나 디스플레이 수리 문의",
    "부득이한 사정으로 늦었습니다", "레반테 지역 여행 안내",
])
def test_korean_words_shaped_like_a_vietnamese_name_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


# An address read out with a plain domain: its local part is the pieces before 골뱅이 that spell one.
@pytest.mark.parametrize("text, address", [
    ("제 메일은 hwang 언더바 boram 골뱅이 한메일 닷 넷입니다.", "hwang 언더바 boram 골뱅이 한메일 닷 넷"),
    ("민원인: 영문으로 에스, 오, 엔, 지, 제이, 아이 골뱅이 네이버 닷컴이요.", "에스, 오, 엔, 지, 제이, 아이"),
    ("민원인: 에이치와이 점 문 골뱅이 네이버 닷컴이요.", "에이치와이 점 문"),
])
def test_read_out_addresses_with_a_plain_domain(masker: PiiMasker, text: str, address: str) -> None:
    masked = masker.mask(text).text
    assert address not in masked and "[이메일]" in masked


@pytest.mark.parametrize("text", ["제 메일 골뱅이 네이버 닷컴 아니고요", "주소는 네 골뱅이 네이버 닷컴"])
def test_a_domain_alone_is_no_address(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


# Foreign residents' names with no cue, by the lexicon of their name words (data/privacy/foreign_name_words.yaml), in
# texts about foreign residents (a run of name words), or anywhere before 씨/님 or a copula (a listed word alone).
@pytest.mark.parametrize("text, names", [
    ("선원 여권을 가져갔습니다. 딘 꽁 럭 C5520197, 호 반 꽝 C3318402", ["딘 꽁 럭", "호 반 꽝"]),
    ("기숙사에 같이 사는 네팔 근로자 람 바하두르 구룽 다 무서워해요", ["람 바하두르 구룽"]),
    ("동료 근로자 모하메드 카림과 함께 일합니다", ["모하메드 카림"]),
    ("굴노라 입니다 저. 한국말 잘 못해요.", ["굴노라"]),
    ("한국 이름 없어요 바트에르덴 이에요.", ["바트에르덴"]),
    ("고려인입니다. 아들 알렉세이 김 학교 전학 문제로 문의합니다", ["알렉세이 김"]),
    ("저 이름 카리모프 자혼기르. 우즈벡에서 왔어요", ["카리모프 자혼기르"]),
    ("필리핀에서 왔어요. 남편 마크 로사리오 배 타러 나갔어요", ["로사리오"]),
    # Japanese residents (marriage migrants): the lexicon had none of their names
    ("일본인 남편 나카무라 신야와 함께 삽니다", ["나카무라 신야"]),
    ("아오키 씨 댁 앞에 쓰레기가 쌓였어요", ["아오키"]),
    ("저희 남편 TANAKA HIROSHI 서류 문의", ["TANAKA HIROSHI"]),
    # in Latin capitals: a listed word that is no English word, or a family-name ending
    ("담당자님 저예요. SUNIL TAMANG. 세진금속 기숙사", ["SUNIL TAMANG"]),
    ("내방자: ALIYEV RUSTAM (우즈베키스탄), 통역 있음", ["ALIYEV RUSTAM"]),
])
def test_foreign_residents_names_by_the_lexicon(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, kept", [
    ("개를 세 마리나 키우는디 밤새 짖어싸", "마리나"),
    ("자녀 한국어 수업 신청 희망", "한국어 수업"),
    ("동료 라자 파틸(인도)이 문제를 제기했습니다", "인도"),
    ("입구에 DO NOT ENTER 라고 써 있어요", "DO NOT ENTER"),
    ("International Green Certification 인증을 받았습니다", "International Green Certification"),
    ("반 친구들이랑 티 타임 했어요", "반 친구들이랑 티 타임"),
    # from a review: brands, saints, plants, places and books that share a listed word
    ("BURGER KING 앞 횡단보도 신호등이 고장났어요", "BURGER KING"),
    ("GREEN TEA 라떼 하나 주세요", "GREEN TEA"),
    ("요코하마 여행 다녀와서 히로시마 원폭 자료관 얘기를 했어요", "요코하마 여행 다녀와서 히로시마"),
    ("SUZUKI 오토바이 불법 주차", "SUZUKI 오토바이"),
    ("SAN FRANCISCO 대표단이 시청을 방문합니다", "SAN FRANCISCO"),
    ("이 면도기는 필립스가 만든 제품입니다", "필립스"),
    ("베란다에 둔 벤자민은 물을 좋아해요", "벤자민"),
    ("성 소피아 성당은 관광객이 많아요", "성 소피아"),
    ("어린이 연극 로빈슨 크루소를 봤어요", "로빈슨 크루소"),
    ("키예프는 우크라이나의 수도다", "키예프"),
    ("金銀花 차를 마시면 감기에 좋다고 합니다", "金銀花"),
    ("개봉 후 10주 1300 만 관객을 돌파했다", "10주 1300"),
    ("여권 발급 관련 예산 150000000원이 편성됐다", "150000000원"),
    ("여권 접수번호 A 20240315 로 조회하세요", "A 20240315"),
    ("평점4.5로 10, 20대에게 인기", "평점4.5로 10"),
    ("을지로 3가 2023-2024 시즌 공연 일정표", "2023-2024"),
    ("대표번호 1588 2000, 이메일로 문의하세요", "1588 2000"),
    ("도꽝 소리가 나더니 정전됐어요", "도꽝"),
])
def test_words_beside_the_lexicon_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_broken_foreign_name_lexicon_is_refused(tmp_path) -> None:
    path = tmp_path / "foreign_name_words.yaml"
    path.write_text("hangul:\n  vietnamese: 응우옌\n", encoding="utf-8")
    with pytest.raises(ValueError, match="foreign name words"):
        load_foreign_name_words(path)
    assert "응우옌" in load_foreign_name_words().hangul


@pytest.mark.parametrize("text, value", [
    ("여권 번호 75 4418203. 연락 주세요", "75 4418203"),
    ("여권 N 7730184 분실했어요", "N 7730184"),
    ("여권번호 567120394 — 임대차계약서 기재", "567120394"),
    ("여권 M 1234 5678 입니다", "1234 5678"),
    ("여권번호 M1234-5678", "M1234-5678"),
    ("여권번호는 M-123-45678", "123-45678"),
    ("우즈베키스탄 여권 AB 1234567", "AB 1234567"),
    ("여권번호 : G 12345678", "G 12345678"),
    ("네팔 여권번호 09876543", "09876543"),
    ("Passport No. C1234567", "C1234567"),
])
def test_passports_typed_apart_or_in_digits(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("여권 발급 수수료 53000원입니다", "53000원"),
    ("여권 만료일 20300501 전에 갱신하세요", "20300501"),
    ("Passport No. C1234567", "Passport No."),
    ("12가1234만원 아니고 1234만 원이요", "1234만 원"),
])
def test_fees_and_money_beside_passports_and_plates_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("주소: 남항동 3가 112-7, 2층 / 내용", "남항동 3가 112-7"),
    ("주소: 군산시 중앙로 3가 12-3", "중앙로 3가 12-3"),
    ("어머니 주소 군산시 구암3.1로 24-6, 제 번호", "구암3.1로 24-6"),
])
def test_numbered_neighbourhoods_and_a_road_named_for_a_date(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["종로3가 역에서 1-2번 출구로 나오세요", "비율은 3.5로 2배 올랐습니다"])
def test_stations_and_ratios_are_no_addresses(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("저희 집은 한빛아파트 106-1402 입니다.", "106-1402"),
    ("저는 바로 옆 316-10에 사는 사람입니다", "316-10"),
    # a Hanja name on a form's short line, where the line has as many Chinese characters as Hangul
    ("확인자: 金英子", "金英子"),
    ("진술서\n진술인 : 崔 福 男\n본인은", "崔 福 男"),
])
def test_units_after_a_building_lots_where_one_lives_and_hanja_names_on_short_lines(
        masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("現代아파트 2023-2024년 관리비 내역", "2023-2024년"),
    ("문의는 1588-1234에 전화 주세요", "1588-1234"),
    ("大韓民國 國家 安全管理", "大韓民國 國家 安全管理"),
    ("我是金英子的朋友。", "金英子"),
])
def test_years_service_numbers_hanja_prose_and_chinese_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, name", [
    ("상담원: 성함 한 글자씩 불러주시겠어요?\n민원인: 도, 현, 석이요. 도읍 도, 어질 현, 주석 석.", "도, 현, 석"),
    ("상담원: 신고 대상자 이름 아세요?\n민원인: 최, 덕, 배. 그 고물상 하는 양반.", "최, 덕, 배"),
])
def test_names_read_out_with_commas_after_a_name_is_asked(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("가, 나, 다 순으로 정렬해 주세요", "가, 나, 다"),
    ("이름 순서는 가, 나, 다, 라 순입니다", "가, 나, 다, 라"),
    ("상담원: 성함 말씀해 주세요.\n민원인: 어, 함, 함 동 진이요.", "어,"),
])
def test_syllable_lists_and_hesitations_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, name", [
    ("현재 미국 이름은 Grace Miller, 여권번호는 따로 드릴게요", "Grace Miller"),
    ("남편은 캐나다인 Daniel Park, 체류자격 변경 문의", "Daniel Park"),
])
def test_latin_names_whose_every_word_is_a_listed_name(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "Green Tea 아이스크림 주세요", "Han River 자전거 대여소", "Jin Air 타고 왔어요", "Kate Spade 가방 분실",
    "Rose Day 축제 안내", "Jack Daniels 위스키 판매", "San Francisco 자매도시 교류 행사",
])
def test_latin_phrases_with_an_unlisted_word_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value, placeholder", [
    ("주민등록번호: 9 1 0 3 2 2 - 2 1 5 4 8 3 7 (입력칸이 한 칸씩이라)", "9 1 0 3 2 2", "[주민등록번호]"),
    ("외국인 등록증 번호 9 9 0 3 1 5 - 5 1 7 2 0 4 8. 해동수산", "5 1 7 2 0 4 8", "[외국인등록번호]"),
    ("등록증 번호 920118/5207344 맞는데 시스템에 안 떠요", "920118/5207344", "[외국인등록번호]"),
    ("선원 4명 여권을 모두 가져갔습니다. 호 반 꽝 C3318402, 당 반 찌 C3318415", "C3318415", "[여권번호]"),
    ("남편 여권번호 GA382915 입니다", "GA382915", "[여권번호]"),
])
def test_registration_numbers_typed_a_box_a_digit_or_with_a_slash_and_passport_lists(
        masker: PiiMasker, text: str, value: str, placeholder: str) -> None:
    masked = masker.mask(text).text
    assert value not in masked and placeholder in masked


@pytest.mark.parametrize("text", [
    "점수 1 2 3 4 5 6 - 1 2 3 4 5 6 7 순서", "2026/0315123 접수 건", "여권 사진 규격은 3.5 x 4.5 cm이고 수수료 53000원",
])
def test_digit_runs_that_are_no_registration_number_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value, placeholder", [
    ("한국 이름 없어요. 전화 공일공의 삼칠오이의 팔팔일사. 사장님 공장", "공일공의 삼칠오이의 팔팔일사", "[전화번호]"),
    ("연락처 불러주시겠어요?\n민원인: 공일공에, 삼구 팔칠에, 이이 영사요.", "삼구 팔칠", "[전화번호]"),
    ("상담원: 주민번호 앞자리 말씀해 주시겠어요?\n민원인: 칠오공삼일이요.", "칠오공삼일이", "[주민등록번호]"),
    ("남편 등록증 번호는 팔오공사일이 오 일칠삼공팔이 입니다.", "일칠삼공팔이", "[외국인등록번호]"),
    ("주민등록증 번호는 팔오공사일이 일 일칠삼공팔이 입니다.", "일칠삼공팔이", "[주민등록번호]"),
])
def test_numbers_read_out_in_pairs_with_ui_or_a_front_half(
        masker: PiiMasker, text: str, value: str, placeholder: str) -> None:
    masked = masker.mask(text).text
    assert value not in masked and placeholder in masked


@pytest.mark.parametrize("text", ["번호 앞자리 일이삼사오육 다음에 쓰세요", "계좌 일이삼사오육 입니다"])
def test_six_spoken_digits_without_a_registration_number_asked_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, name", [
    ("고등학생 딸 윤하나가 밤 10시에 학원 끝나고 와요", "윤하나"),
    ("저희 아이 유한별이 손바닥에 물집이 잡혔습니다", "유한별"),
    ("손주 김하준이도 어린이집 대기 중이에요", "김하준"),
    ("나포면 사는 추말순이요. 영감 먼저 가고", "추말순"),
    ("할머니 이름은 염복순이시고 주민번호를 알려주셨대요", "염복순"),
    ("아이 권하은(4세)도 함께입니다", "권하은"),
    ("카드 명의자 안보람, 연락 주세요", "안보람"),
])
def test_a_full_name_after_who_the_person_is_with_a_particle(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "딸 유학생이 왔어요", "아이 고양이가 아파요", "엄마 도시락을 싸요", "동생 이번에 합격했어요",
    "아들 이사가 끝났어요",
    "언니 고민이 많아요", "남편이 각각 엄마 아빠 신청하는 불편함을 감수하자고 했어요",
])
def test_words_after_a_kin_word_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


# In a text that says it is a chat, every speaker's label is a name or a nickname.
@pytest.mark.parametrize("text, names", [
    ("[카톡 캡처]\n뽀미: 언니 그 아저씨 또 왔어?\n나: 응 오늘도 우리 가게 앞에", ["뽀미"]),
    ("(단톡 캡처 내용)\n뚱이: 야 오늘 은파 가자\n김민수: ㅇㅋ 근데", ["뚱이", "김민수"]),
    ("[WhatsApp]\n데위 랏나사리: 언니, 내일 시청 같이 갈래?\n김민지: 응 언니", ["데위 랏나사리"]),
    ("카톡 캡처\n김민지맘: 회장님한테 물어봐야겠어요\n봄: 저 내일 관리실 가요", ["봄:"]),
])
def test_every_speaker_of_a_chat_is_masked(masker: PiiMasker, text: str, names: list[str]) -> None:
    masked = masker.mask(text).text
    assert [name for name in names if name in masked] == []


@pytest.mark.parametrize("text, kept", [
    ("카톡 공지 캡처\n공지: 내일 청소\n내용: 10시 시작\n시간: 10시", "공지: 내일 청소\n내용: 10시 시작\n시간: 10시"),
    ("[민원처리 단톡방]\n김민지: 제가 갈까요?\n팀장 박: 네 수고", "팀장 박:"),
    ("[카톡]\n통장님: 이번 주 방역 목요일이에요\n나: 네 알겠어요", "통장님:"),
])
def test_chat_labels_that_are_notices_titles_or_roles_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, name", [
    ("제 번호로 연락주세요. 이름은 남궁 현이에요.", "남궁 현"),
    ("동네에 남궁 민철이라고 이름을 띄어 쓰는 분이 계신데", "남궁 민철"),
])
def test_a_two_syllable_surname_written_apart(masker: PiiMasker, text: str, name: str) -> None:
    assert name not in masker.mask(text).text


@pytest.mark.parametrize("text", ["서문 작성 요령 안내", "사공이 많으면 배가 산으로 간다", "동방 예의 지국"])
def test_two_syllable_surnames_that_are_words_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_a_latin_name_after_a_nationality_the_lists_know_only_as_a_country(masker: PiiMasker) -> None:
    # 우즈벡 is not among the words that said a text is about a foreign resident; the nationalities are now
    assert "Dilshod" not in masker.mask("Assalomu alaykum! 저 우즈벡 사람 Dilshod 이에요. 회사에서 손 다쳤어요").text


# From a review of the rules above; each was masked.
@pytest.mark.parametrize("text, kept", [
    ("카톡으로 온 안내문\n신청기간: 3월 2일까지\n제출서류: 신분증 사본\n접수처: 행정복지센터", "신청기간:"),
    ("카톡 캡처\n집주인: 월세 올립니다\n나: 왜요?", "집주인:"),
    ("카톡 규칙\n하나: 욕하지 않기\n둘: 도배 금지", "하나:"),
    ("래미안아파트 300-400만 원 정도 올랐대요", "300-400만"),
    ("현대아파트 84-101 타입 분양", "84-101"),
    ("10-20에 사는 사람이 제일 많다는 통계예요", "10-20"),
    ("여권 만료 전에 신청하세요. 항공권 예약번호는 AB123456입니다", "AB123456"),
    ("여권 가지고 오시고, 예약번호 KE123456 알려주세요", "KE123456"),
    ("로또 번호는 1 2 0 3 2 2 - 1 5 4 8 3 7 0 이었어요", "1 2 0 3 2 2"),
    ("기간은 230101/2401231 같은 형식이에요", "230101/2401231"),
    ("딸 유학비가 부족해요", "유학비"),
    ("성함이 어떻게 되세요?\n가, 나, 다 순서로 불러 주세요", "가, 나, 다"),
    ("공이 일이삼 사오육칠 이렇게 누르면 됩니다", "이렇게"),
])
def test_the_second_review_s_look_alikes_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


# Typed on a phone without spaces: the long "word" is read again with Kiwi's spacing, and what is found maps back
# onto the text as typed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("원장님이보험처리안해준대요 아이이름은한지율입니다", "원장님이보험처리안해준대요 아이이름은[이름]입니다"),
        ("저는김민수이고요연락은010-1234-5678로주세요", "저는[이름]이고요연락은[전화번호]로주세요"),
        ("딸이름은하늘이예요주소는나운로45-3이에요", "딸이름은[이름]예요주소는[상세주소]이에요"),
        ("어제우리아들정다운이가다쳤어요", "어제우리아들[이름]이가다쳤어요"),
        ("옆집사는박순자할머니가쓰러지셨어요빨리와주세요", "옆집사는[이름]할머니가쓰러지셨어요빨리와주세요"),
    ],
)
def test_names_and_addresses_in_text_typed_without_spaces(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


def test_a_name_found_in_the_respaced_reading_has_the_typed_offsets(masker: PiiMasker) -> None:
    text = "급해요 아이이름은한지율입니다"
    (span,) = masker.find(text)
    assert (span.type, span.text, text[span.start : span.end]) == ("NAME", "한지율", "한지율")


@pytest.mark.parametrize(
    "text",
    [
        "전북특별자치도군산시청민원실에서서류를받았어요",
        "공익목적안내표기기준은지명거리명도로공원광장하천",  # Kiwi breaks an unknown word into syllables: 공 원 광 장
        "양주동주민센타에가서면담했어요",
        "오늘도하늘이맑아서산책하기좋았어요",
    ],
)
def test_long_words_with_no_personal_data_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("빛나 주무관님 같은 분이 많았으면 합니다", "[이름] 주무관님 같은 분이 많았으면 합니다"),
        ("보람을 느낀다는 한결 군의 말에 감동받았습니다", "보람을 느낀다는 [이름] 군의 말에 감동받았습니다"),
        ("감사해요 누리샘 ㅎㅎ", "감사해요 [이름]샘 ㅎㅎ"),
        ("나래 말로는 녹음도 있대요", "[이름] 말로는 녹음도 있대요"),
        ("나래 엄마가 그러는데 놀이터가 위험하대요", "[이름] 엄마가 그러는데 놀이터가 위험하대요"),
        ("한솔 말로는 지난주부터 흔들렸대요", "[이름] 말로는 지난주부터 흔들렸대요"),
    ],
)
def test_a_given_name_that_is_a_word_before_a_person_s_title_parent_or_words(
        masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    "text", ["희망 씨앗 나눔 행사가 열립니다", "행복 씨앗 심기", "한결 같은 마음으로 일하겠습니다", "보람을 느꼈습니다",
             "미래 선생님 진로 체험 캠프", "여름 선생님 연수"]
)
def test_words_that_are_given_names_stay_before_other_words(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("친구 김민지랑 슬기도 냄새 싫대요", "친구 [이름]랑 [이름]도 냄새 싫대요"),
        ("같은 반 오세린이랑 박하람이 다쳤어요", "같은 반 [이름]이랑 [이름]이 다쳤어요"),
        ("김도윤과 사진을 찍었어요", "[이름]과 사진을 찍었어요"),
        ("김도윤하고 하루 종일 기다렸어요", "[이름]하고 하루 종일 기다렸어요"),
        ("이수빈과 함께 방문했습니다", "[이름]과 함께 방문했습니다"),
    ],
)
def test_a_person_joined_to_a_name_with_rang_hago_or_gwa(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("우리 반에서만 누리, 초롱, 아름, 기쁨 네 명이요.", "우리 반에서만 [이름], [이름], [이름], [이름] 네 명이요."),
        ("세 자매 믿음, 소망, 사랑이 다니는 공부방이에요", "세 자매 [이름], [이름], [이름]이 다니는 공부방이에요"),
        ("운영진 하늘, 바다 서명 취합", "운영진 [이름], [이름] 서명 취합"),
    ],
)
def test_a_list_that_says_it_is_of_people_by_a_count_or_a_group(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["사과, 배, 감 세 개를 샀어요", "믿음, 소망, 사랑 중에 제일은 사랑이라", "서울, 부산, 광주 세 곳에서 열립니다",
     "경찰, 소방관 두 명이 출동했어요", "버스, 택시 두 대가 충돌했어요"],
)
def test_lists_of_things_or_roles_with_a_count_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("빛나가 거기서 넘어져 무릎이 찢어졌어요.", "[이름]가 거기서 넘어져 무릎이 찢어졌어요."),
        ("누리가 또 벽에 낙서했다고 경비 아저씨가", "[이름]가 또 벽에 낙서했다고 경비 아저씨가"),
        ("우리 바다가 분수 보고 싶대요 ㅎㅎ", "우리 [이름]가 분수 보고 싶대요 ㅎㅎ"),
        ("하람이 또 울면서 들어왔어요", "[이름]이 또 울면서 들어왔어요"),
    ],
)
def test_a_given_name_that_is_a_word_doing_what_only_a_person_does(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["하늘이 맑아서 산책하기 좋아요", "바다가 보이는 카페", "가을이 오면 단풍이 물들고 학교에 소풍을 가요",
     "우리 바다가 오염돼서 어민들이 울고 있어요", "여름이 되면 아이들이 물놀이장에서 놀다가 다쳐요",
     "선생님들 덕에 빛나는 졸업장을 받았습니다", "나라가 졸업 후 취업까지 책임져야", "아이들 미래가 학원에 달려",
     "아이들이 바다는 무서워해요", "우리 미래는 혼자서 지킬 수 없습니다", "하늘이 무서워서라도"],
)
def test_words_that_are_given_names_doing_what_things_do_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("저는 한결입니다. 이름이 두 글자라", "저는 [이름]입니다. 이름이 두 글자라"),
        ("제 이름은 보람이에요", "제 이름은 [이름]이에요"),
        ("신청했는데 제 이름(이담)이 빠졌어요", "신청했는데 제 이름([이름])이 빠졌어요"),
        ("뒷집 사는 영식이 형네가 이사 준비한다고", "뒷집 사는 [이름]이 형네가 이사 준비한다고"),
    ],
)
def test_one_s_own_word_like_name_a_bracketed_name_and_a_brother_s_family(
        masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", ["가게 이름(행운문구)을 바꿔요", "우리 형네 가게에 갔어요", "저는 한결같이 했어요"])
def test_a_shop_s_bracketed_name_and_words_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("상담 희망 내용: 자녀 마디나 진학 상담", "상담 희망 내용: 자녀 [이름] 진학 상담"),
        ("아빠 김철수, 엄마 아이게림, 아들 김민수", "아빠 [이름], 엄마 [이름], 아들 [이름]"),
        ("우즈베키스탄에서 왔어요. 마디나랑 같이 살아요.", "우즈베키스탄에서 왔어요. [이름]랑 같이 살아요."),
        ("인도네시아 선원 아구스, 데위 두 명이 쫓겨났어요.", "인도네시아 선원 [이름], [이름] 두 명이 쫓겨났어요."),
    ],
)
def test_a_listed_foreign_name_after_who_the_person_is_or_before_a_particle(
        masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


def test_a_passport_of_two_letters_and_seven_digits_further_on_from_its_word(masker: PiiMasker) -> None:
    text = "여권 번호 다시 한번요. 통역사: E, A, 삼, 팔 — EA3817209입니다."
    assert masker.mask(text).text == "여권 번호 다시 한번요. 통역사: E, A, 삼, 팔 — [여권번호]입니다."
    waiting = "여권 갱신하러 갔는데 사진이 안 맞대요. 접수는 했고요 대기번호 B 5038112 받았어요"
    assert masker.mask(waiting).text == waiting


def test_a_given_name_after_who_the_child_is_before_a_particle_and_yo(masker: PiiMasker) -> None:
    assert masker.mask("둘째 서연이가 와요. 첫째 은빛이도요.").text == "둘째 [이름]이가 와요. 첫째 [이름]이도요."
    for kept in ("큰딸 아들도요", "친구 사이요", "막내 동생도요"):
        assert masker.mask(kept).text == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("제 번호 010-2345-6789 (보람) 동생 번호도 남겨요", "제 번호 [전화번호] ([이름]) 동생 번호도 남겨요"),
        ("연락처 010-1234-5678 (김도윤)", "연락처 [전화번호] ([이름])"),
        ("문의 010-1234-5678 (평일)", "문의 [전화번호] (평일)"),
        ("연락 010-1234-5678 (문자)", "연락 [전화번호] (문자)"),
        # where the number is reached, not whose it is
        ("상담 010-1234-5678 (세종)", "상담 [전화번호] (세종)"),
    ],
)
def test_whose_number_it_is_in_brackets_after_it(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm writing for my mother, Lee Soon-ja, who lives at 45-2 Wolmyeong-ro, Gunsan. Thanks",
         "I'm writing for my mother, [이름], who lives at [상세주소]. Thanks"),
        ("Our address is 102-1503, 88 Susong-ro, Gunsan. Phone: 010-1234-5678",
         "Our address is [상세주소]. Phone: [전화번호]"),
        ("His last address was 15 Naun-ro 3-gil, Gunsan-si. My number is",
         "His last address was [상세주소]. My number is"),
        ("Hi, it's Jiyoung from apt 1203 in building 105", "Hi, it's [이름] from [상세주소]"),
        ("My husband Tom Becker will pick it up. My landlord Mr Park said no.",
         "My husband [이름] will pick it up. My landlord Mr [이름] said no."),
        ("Please send it to building 105, unit 703 (Sanbuk Hyundai Apt)",
         "Please send it to [상세주소] (Sanbuk Hyundai Apt)"),
        ("Surname: JEON Given names: SEOYEON 생년월일: 1990.01.01",
         "Surname: [이름] Given names: [이름] 생년월일: 1990.01.01"),
        ("상담원: 이름 스펠링 불러주세요. 민원인: S-U-N-I-T-A, Sunita. 성은 Rai, R-A-I.",
         "상담원: 이름 스펠링 불러주세요. 민원인: [이름], [이름]. 성은 [이름], [이름]."),
    ],
)
def test_names_and_addresses_written_in_latin_letters(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["I live in apartment 5 minutes from the station. Room 101 is the meeting room.",
     "Unit 3 of the course starts today",
     "The K-POP festival and the B-T-S show were great. My friend said it's fun.",
     "Meeting at 3 pm at the office. I am happy to help. This is great from what I see.",
     "It's Grace Church from the corner, open at 10-ro junction"],
)
def test_english_text_without_personal_data_stays(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("답변은 gunsan.kim (at) gmail (dot) com 으로 보내주세요.", "답변은 [이메일] 으로 보내주세요."),
        ("메일주소 알려드릴게요!! nam . yuri 77 @ naver . com 이에요", "메일주소 알려드릴게요!! [이메일] 이에요"),
        ("lee[at]daum.net 로 회신 부탁", "[이메일] 로 회신 부탁"),
        ("문의는 kim.minsu@gunsan.go.kr 로 주세요", "문의는 [이메일] 로 주세요"),  # a person's, not minwon@
    ],
)
def test_mail_addresses_disguised_or_spaced_out(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


def test_at_and_dot_in_a_sentence_are_no_mail_address(masker: PiiMasker) -> None:
    text = "We meet at 3 pm. Look at page 2. com is short for company"
    assert masker.mask(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("결과\n1. 육영호 건: 도로점용\n3. 길성덕 씨 건: 경작", "결과\n1. [이름] 건: 도로점용\n3. [이름] 씨 건: 경작"),
        ("저희 남편 차인데 남편이 양승호예요.", "저희 남편 차인데 남편이 [이름]예요."),
        ("두 번째 집이여. 이름은 소판례여, 전화는 없어.", "두 번째 집이여. 이름은 [이름]여, 전화는 없어."),
        ("本人 朴正秀는 위 土地의 소유자로서", "本人 [이름]는 위 土地의 소유자로서"),
        ("등기부상 소유자가 崔判石으로 되어 있는데", "등기부상 소유자가 [이름]으로 되어 있는데"),
        ("룸메이트 마쥔(马俊)도 같이 신고했습니다.", "룸메이트 [이름]([이름])도 같이 신고했습니다."),
        ("상담원: 이름 스펠링요.\n민원인: S-U-N-I-T-A, Sunita.", "상담원: 이름 스펠링요.\n민원인: [이름], [이름]."),
    ],
)
def test_names_in_minutes_items_deeds_and_answers(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", ["1. 예산 건: 검토\n3. 정기점검 건(보류)", "아들이 대학생이에요", "딸은 회사원이고요"])
def test_items_about_things_and_what_a_relative_is_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_a_messenger_export_with_times_is_a_chat_and_its_speakers_are_names(masker: PiiMasker) -> None:
    text = ("[2026.03.02 21:05] 수진: 한국어교실 몇 시야?\n[2026.03.02 21:06] 민지: 10시!\n"
            "[2026.03.02 21:07] 수진: 오 준영아 내 자리도 맡아줘")
    assert masker.mask(text).text == (
        "[2026.03.02 21:05] [이름]: 한국어교실 몇 시야?\n[2026.03.02 21:06] [이름]: 10시!\n"
        "[2026.03.02 21:07] [이름]: 오 [이름]아 내 자리도 맡아줘")
    calls = "[오후 4:40] 나: 내일 못 가요ㅠ\n[오후 4:41] 엄마: 친구야 고마워 얘들아 밥 먹자 자기야 아가야"
    assert masker.mask(calls).text == calls


def test_cyrillic_names_as_chat_speakers_and_after_who_the_person_is(masker: PiiMasker) -> None:
    text = "[오후 9:10] Тимур Ким: 통역 가능해요?\n[오후 9:13] Тимур Ким: 10시요. 엄마 Светлана Пак 검진이에요"
    expected = "[오후 9:10] [이름]: 통역 가능해요?\n[오후 9:13] [이름]: 10시요. 엄마 [이름] 검진이에요"
    assert masker.mask(text).text == expected
    greeting = "Уважаемые господа, Республика Корея 비자 문의입니다"
    assert masker.mask(greeting).text == greeting


def test_given_names_with_the_affectionate_i_in_a_chat(masker: PiiMasker) -> None:
    text = "[오후 10:02] 콩이맘: 하준이가 또 늦잠잘듯ㅋㅋ\n[오후 10:03] 나: 동욱이랑 민수도 온대"
    expected = "[오후 10:02] [이름]맘: [이름]이가 또 늦잠잘듯ㅋㅋ\n[오후 10:03] 나: [이름]이랑 [이름]도 온대"
    assert masker.mask(text).text == expected
    words = "[오후 7:05] 엄마: 동생이 왔어 점심이 늦어\n[오후 7:06] 나: 사람이 많아 공원이 좋아 주문이 밀렸대"
    assert masker.mask(words).text == words


def test_a_phone_number_with_the_keyboard_s_middle_dot(masker: PiiMasker) -> None:
    assert masker.mask("휴대전화: 010ㆍ5512ㆍ8034 수집ㆍ이용 동의").text == "휴대전화: [전화번호] 수집ㆍ이용 동의"


# A review helper's look-alikes for the day's rules: facilities, a thing said of a word name, English words and
# acronyms, a place after a person, units of goods, calls that are words.
@pytest.mark.parametrize(
    "text",
    ["행복샘 지역아동센터", "희망샘 도서관에 갔어요", "한국 나라 말이 어려워서", "I will be at home. me and my wife",
     "meet at noon. or later", "My husband Korean, I am Vietnamese", "Price per unit 1500 won, unit 20 boxes",
     "[오후 3:00] 나: 다시야 다시\n[오후 3:01] 엄마: 세월아 네월아 나비야 애기야"],
)
def test_the_third_review_s_look_alikes_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("누나야 아윤아 밥 먹어", "누나야 [이름]아 밥 먹어"),
    ("선배야 하람아 고마워", "선배야 [이름]아 고마워"),
])
def test_a_name_called_beside_a_call_to_a_person_is_masked(masker: PiiMasker, text: str, expected: str) -> None:
    """A call to a common noun beside a word called is a song's string of calls (세월아 네월아 나비야); a call to
    a person (누나야, 선배야) is not."""
    assert masker.mask(text).text == expected


def test_a_word_name_the_tagger_is_sure_of_is_masked_in_a_word_s_forms_too(masker: PiiMasker) -> None:
    """하람이 다칠 뻔 reads as a word's subject as well as a child's; the tagger reading the encoder's states is sure
    it is a child (it was left before 2026-12-07)."""
    text = "우리 하람이 다칠 뻔했어요. 놀이터 미끄럼틀 손잡이가 빠져 있었습니다."
    assert masker.mask(text).text == "우리 [이름]이 다칠 뻔했어요. 놀이터 미끄럼틀 손잡이가 빠져 있었습니다."


def test_a_word_name_and_its_i_read_as_one_noun_is_masked_where_the_tagger_is_sure(masker: PiiMasker) -> None:
    """Kiwi reads 소망이 as one noun, which ran on past the tagged 소망 and left it (before 2026-12-07)."""
    text = ("[햇님반 알림장] 오늘 다온이가 낮잠을 잘 잤어요. 소망이와 블록으로 성을 만들었답니다. "
            "내일은 체육 수업이 있어요.")
    assert masker.mask(text).text == ("[햇님반 알림장] 오늘 [이름]이가 낮잠을 잘 잤어요. [이름]이와 블록으로 성을 "
                                      "만들었답니다. 내일은 체육 수업이 있어요.")


@pytest.mark.parametrize("text", [
    "희망이와 사랑이 넘치는 마을을 만들겠습니다.", "소망이와 희망이 가득한 새해 되세요.",
    "저희 집 강아지 이름은 '하늘'이에요. 산책로에 배변봉투함이 없어요.",
    "같은 반 학생이 실내화를 숨긴다고 해서 말씀드렸더니 요즘은 한결 나아졌다고 하세요.",
    "하늘이 맑아서 공원에 갔어요.", "바다가 보이는 공원 벤치가 부서졌어요.", "여름이 되면 모기가 너무 많아요.",
    "가을이 오니 낙엽 청소 좀 해 주세요.", "우리 집 별이 수두에 걸려서 결석했어요.",
])
def test_word_names_in_a_word_s_forms_stay_where_the_tagger_is_not_sure_or_kiwi_reads_an_adverb(
        masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_an_adverb_that_is_a_given_name_in_the_text_stays_an_adverb(masker: PiiMasker) -> None:
    """In pii_train8's second text the tagger is sure of 한결 after 박한결 (0.9 and more), but Kiwi reads 한결
    나아졌다 as an adverb."""
    text = ("2학년 3반 학부모 이슬비입니다. 같은 반 박한결 학생이 우리 아이 실내화를 자꾸 숨긴다고 해서 담임선생님께 "
            "말씀드렸더니 요즘은 한결 나아졌다고만 하세요. 우리 애 초롱이는 아직도 아침마다 학교 가기 싫다고 울어요. "
            "학교폭력 담당자 연결 부탁드립니다.\n학부모 이슬비 010 3392 8104")
    masked = masker.mask(text).text
    assert "한결 나아졌다고만" in masked and "박한결" not in masked


def test_a_place_after_a_joined_person_and_an_acronym_after_a_spelling_request(masker: PiiMasker) -> None:
    assert masker.mask("친구 정수민과 우주 과학관에 갔어요").text == "친구 [이름]과 우주 과학관에 갔어요"
    spelled = masker.mask("영문 이름 철자 확인 부탁: K-T-X 타고 왔어요. ktx 예약").text
    assert spelled.endswith("ktx 예약")


def test_a_phone_read_out_in_a_spaceless_text_is_masked_to_its_last_digit(masker: PiiMasker) -> None:
    assert masker.mask("전화는공일공일이삼사오륙칠팔입니다").text == "전화는[전화번호]입니다"


def test_long_inputs_of_repeated_look_alikes_are_masked(masker: PiiMasker) -> None:
    # each once cost seconds (a run of digits and spaces tried for a mail address from every start, a list of
    # people without end, a long word re-read each time); they must come back whole
    for text in ("1 " * 5000, "가나, " * 2000, "가나다라마바사아자차카 " * 400):
        assert len(masker.mask(text).text) == len(text)


def test_names_to_review_are_words_the_masker_leaves_that_may_be_names() -> None:
    """은지 scores under the scorer's threshold, so without the tagger (which masks it) it stays; above the review
    floor it is listed for a clerk, with its offsets into the masked text. A floor at the threshold or a masker
    without the scorer lists nothing."""
    masker = PiiMasker(tagged_names=False)
    masked = masker.mask("사진은 은지가 찍었는데 연락이 안 돼요. 저는 김민수입니다.").text
    assert masked == "사진은 은지가 찍었는데 연락이 안 돼요. 저는 [이름]입니다."
    assert masker.names_to_review(masked, 0.3) == (PiiSpan("NAME", 4, 6, "은지"),)
    assert masker.names_to_review("😡 " + masked, 0.3) == (PiiSpan("NAME", 6, 8, "은지"),)  # characters, not bytes
    assert masker.names_to_review(masked, 0.99) == ()
    assert PiiMasker(learned_names=False).names_to_review(masked, 0.3) == ()
    assert masker.names_to_review("도로에 구멍이 났어요. 빨리 고쳐 주세요.", 0.3) == ()
    # what a second reading finds in a masked text is listed too: it is still there for anyone to read
    again = "서명: [상세주소] 국정호, [상세주소] 함은지"
    assert [span.text for span in masker.names_to_review(again, 0.3)] == ["국정호", "함은지"]


@pytest.mark.parametrize(("text", "expected"), [
    ("상담원: 남편분 성함이 어떻게 되세요?\n민원인: 이, 사, 무, 엘이요.",
     "상담원: 남편분 성함이 어떻게 되세요?\n민원인: [이름]이요."),
    ("상담원: 성함 불러 주세요.\n민원인: 하, 이슬이요.", "상담원: 성함 불러 주세요.\n민원인: [이름]이요."),
    ("상담원: 성함이 어떻게 되세요?\n민원인: 남궁, 민이요.", "상담원: 성함이 어떻게 되세요?\n민원인: [이름]이요."),
    ("상담원: 영문 성함 스펠링 불러 주세요.\n민원인: N, G, U, Y, E, N. Nguyen 맞아요.",
     "상담원: 영문 성함 스펠링 불러 주세요.\n민원인: [이름]. [이름] 맞아요."),
    ("상담원: 이름 철자요.\n민원인: K I M, 김이요.", "상담원: 이름 철자요.\n민원인: [이름], 김이요."),
    ("상담원: 성함이요?\n민원인: 김, 민수요.", "상담원: 성함이요?\n민원인: [이름]요."),
    ("상담원: 철자 불러 주세요.\n통역사: T-H-I, H-U-O-N-G 입니다.",
     "상담원: 철자 불러 주세요.\n통역사: [이름], [이름] 입니다."),
])
def test_a_name_spelled_with_commas_or_spaces_after_it_was_asked_for(masker: PiiMasker, text: str,
                                                                    expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "상담원: 성함 받침까지 정확히요.\n민원인: 육, 여섯 육 아니고 뭍 륙.",  # a digit's name, not a given name
    "상담원: 성함이 어떻게 되세요?\n민원인: 순서대로 가, 나, 다, 라요.",
    "이름 순서는 A, B, C 조로 나눠요",  # letters in alphabet order are no name
    "상담원: 성함이요?\n민원인: 네, 알겠어요.",
])
def test_comma_lists_after_a_name_question_that_are_no_name_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text", [
    "상담원: 대상자가 누구세요?\n민원인: 예, 본인이요.",
    "상담원: 성함이요?\n민원인: 음, 남편이요.",
    "상담원: 성함이요?\n민원인: 하, 진짜.",
    "성함 말씀해 주시면 C C T V 확인해 볼게요. CCTV 영상은 30일 보관합니다.",  # an acronym read out
    "상담원: 성함 철자요\n민원인: L, E, D 가로등이요. LED 교체요.",
])
def test_answers_and_acronyms_after_a_name_question_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_a_thousand_spellings_cost_one_pass(masker: PiiMasker) -> None:
    text = ("name K I M Kim " * 2000)[:20000]
    assert "Kim" not in masker.mask(text).text[:100]


@pytest.mark.parametrize("text, value", [
    ("상담원 주소 불러 주세요 민원인 익산시 무왕로 이십일 번길 삼 이요", "무왕로 이십일 번길 삼"),
    ("저는 전주시 덕진구 송천동 오백육십칠번지 삽니다", "송천동 오백육십칠번지"),
    ("주소는 군산시 미룡동 사백이 다시 칠 이층이요", "미룡동 사백이 다시 칠 이층"),
    ("제 주소가 김제시 요촌동 칠공팔 다시 이 번지", "요촌동 칠공팔 다시 이 번지"),
    ("네 아파트는 이백일동 천삼백사호요", "이백일동 천삼백사호"),
    ("충주시 연수동 구백팔십 현대아파트 일공삼동 오공일호", "일공삼동 오공일호"),
])
def test_addresses_read_out_with_their_numbers_in_words(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "점심 저녁도 사비로 사 먹어야 합니다",  # 사비로: a particle; 사: a verb
    "운동 삼십 분 하고 활동 이 년째예요",
    "이동 삼백호 열차는 취소됐어요",
    "동 서 남 북 으로 나눠서 일 이 삼 사 조",
])
def test_counts_and_words_read_out_are_no_address(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("상담원 여권번호요 민원인 엠 일이삼 에이 사오육칠 이요", "엠 일이삼 에이 사오육칠"),
    ("여권은 에스 에이 칠 칠 공 일 이 삼 사 입니다", "에스 에이 칠 칠 공 일 이 삼 사"),
    ("Nomor paspor: B 7730184", "B 7730184"),
    ("Paspor: X918273\nAlamat: 평택시", "X918273"),
    ("Số hộ chiếu C4417208, visa E-9", "C4417208"),
    ("PP# 10293847 (Nepal)", "10293847"),
    ("PP no: fa7730184", "fa7730184"),
    ("여권 No. AB-7730184", "AB-7730184"),
    ("new passport m 123 a 4567", "m 123 a 4567"),
    ("Passport: 5 1 2 7 7 3 0 1 8", "5 1 2 7 7 3 0 1 8"),
])
def test_passports_read_out_or_in_residents_languages(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("전 주소 원주시 단계동 1147 3층", "단계동 1147 3층"),
    ("계약서 소재지: 익산시 영등동 822 제105동 제703호", "제105동 제703호"),
    ("주소 받아 적음: 라온하이츠 1 0 5 동 7 0 3 호", "1 0 5 동 7 0 3 호"),
    ("전입 신고: 서귀포 동홍동 412 코아루 102-803", "102-803"),
    ("주소창원시성산구중앙대로151번길21-4", "중앙대로151번길21-4"),
    ("가게는 춘천시 중앙로 지하 21, 명동지하상가", "중앙로 지하 21"),
])
def test_lots_units_and_streets_as_forms_and_contracts_write_them(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("원주시 단계동 300명이 모였습니다", "단계동 300명"),
    ("수송로 12번지 앞 민원(접수 2026-0412)", "2026-0412"),
    ("단계동 2024년 행사 안내", "단계동 2024년"),
])
def test_counts_and_receipts_after_a_neighbourhood_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("상담원 성함이 어떻게 되세요 민원인 탁 수 정 요 탁구 할 때 탁", "탁 수 정"),
    ("상담원 성함 한 자씩요 민원인 남 궁 하 늘 이요 성이 두 글자예요", "남 궁 하 늘"),
    ("상담원 성함이요 민원인 제 갈 민 이요", "제 갈 민"),
])
def test_a_name_read_out_a_syllable_at_a_time_with_its_요_or_a_compound_surname(masker: PiiMasker, text: str,
                                                                              value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("Name: NGUYEN THI LAN\nPassport No: C1234567", "NGUYEN THI LAN"),
    ("Name: SILVA R.M.\nVisa: E-9", "SILVA R.M."),
    ("Nama: AGUS SALIM\nAlamat: 안산시", "AGUS SALIM"),
    ("Hello, my name is Oyuntsetseg. I live in 101동", "Oyuntsetseg"),
    ("Dear officer,\nI am WANG JUNJIE, a resident of 군산시", "WANG JUNJIE"),
    ("유학생 田中太郎 (TANAKA TARO), 여권 분실", "田中太郎"),
    ("결혼이민자 오윤체첵(OYUNTSETSEG) 씨가 문의", "OYUNTSETSEG"),
])
def test_foreign_names_in_capitals_on_forms_and_beside_another_script(masker: PiiMasker, text: str,
                                                                      value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("File name: REPORT FINAL", "REPORT FINAL"),
    ("Company name: SAMSUNG", "SAMSUNG"),
    ("I AM VERY ANGRY ABOUT THIS", "VERY ANGRY"),
    ("담당 김민수(CCTV 관리) 주무관", "CCTV"),
])
def test_capitals_that_are_no_name_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_name_read_out_apart_is_masked_where_it_is_written_whole() -> None:
    """The rules alone (the learned readers may find 탁도윤 themselves): the name read out is the name written."""
    call = "상담원 응 이름이 뭐야 민원인 탁 도 윤 요 탁도윤 상담원 도윤아 무슨 일이야"
    masked = PiiMasker(learned_names=False).mask(call).text
    assert "탁도윤" not in masked and "도윤" not in masked and "무슨 일이야" in masked


@pytest.mark.parametrize("text, value", [
    ("보도 설치 요청 연명부\n1. 김영희 서명\n2. 박민수 서명\n3. 제갈민 서명\n4. 피정애 서명", "제갈민"),
    ("[민원실 방문객]\n09:10 김철민 - 인감증명\n09:40 박소영 - 등본\n10:05 황보은비 - 전입신고", "황보은비"),
    # Kiwi reads this one in the list as 지경 + 민, alone as a word it does not know
    ("[민원실 방문객]\n09:10 김철민 - 인감증명\n09:25 지경민 - 전입신고\n09:40 박소영 - 등본", "지경민"),
])
def test_the_other_names_of_a_list_with_a_column_after_them(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


def test_a_word_kiwi_knows_whole_in_a_list_of_names_stays(masker: PiiMasker) -> None:
    masked = masker.mask("[검토 순서]\n09:10 김철민 - 인감증명\n09:25 조정안 - 검토\n09:40 박소영 - 등본").text
    assert "조정안" in masked and "김철민" not in masked


@pytest.mark.parametrize("text", [
    "일정\n09:00 개회 - 시장\n09:30 보고 - 과장\n10:00 토론 - 전원",
    "회의 순서\n- 개회 선언\n- 안건 보고\n- 질의 응답",
])
def test_a_programme_with_a_column_is_no_list_of_names(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text", [
    # a review's findings: words made of digits' names after a place, counts, pairs that are no building's
    "포항시 북구 효자동 공사 때문에 밤새 시끄러워요.",
    "포항시 남구 대잠동 이사 온 지 한 달",
    "제가 사는 곳은 다리 사이에 있어서 불편해요",
    "효자동 공사 다시 일 시작했어요",
    "신도시에 아파트 이백 동 삼천 호 규모로",
    "포항시 북구 양덕동 삼십 대 남성이",
    "포항시 북구 양덕동 삼 개월째 공사 중입니다.",
    "포항시 북구 양덕동 3 만원 내고",
    "포항시 북구 장성동 105 버스 노선이",
    "주소 이전 신고를 제가 3 군데 했는데",
    "관리규약 제1동 제2호 에 따라",
    "담당자 김민수(POSCO) 과장",
    "I AM POHANG RESIDENT",
    "Name: UNKNOWN",
    "축제 일정\n10:00 김철수 - 개회사\n10:20 이영희 - 축사\n10:40 난타 - 공연팀\n11:00 비보잉 - 청소년",
])
def test_look_alikes_of_the_new_address_passport_and_list_rules_stay(masker: PiiMasker, text: str) -> None:
    masked = masker.mask(text).text
    for kept in ("공사", "이사", "사이", "다시 일", "이백 동", "삼십 대", "삼 개월째", "3 만원", "105 버스", "3 군데",
                 "제1동", "POSCO", "POHANG", "UNKNOWN", "난타", "비보잉"):
        if kept in text:
            assert kept in masked


@pytest.mark.parametrize("text, kept", [
    ("포항시 북구 중앙로 12 민원번호 12-3456 확인 바랍니다", "12-3456"),
    ("포항시 북구 중앙로 12 앞에 매일 100-200명이 모입니다", "100-200명"),
    ("포항시 북구 중앙로 12 공사 기간 0301-0430", "0301-0430"),
    ("포항시 북구 중앙로 12 주민센터 전화 270-1234", "270-1234"),
])
def test_numbers_after_a_street_that_are_no_building_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, expected", [
    ("여권번호 엠 일 이 삼 사 오 육 칠 이 입니다", "여권번호 [여권번호] 입니다"),  # the last 이 a digit, no 요 after
    ("여권번호 케이 일이 삼사 오", "여권번호 케이 일이 삼사 오"),  # five digits: 케이's 이 is a letter's
])
def test_a_passport_read_out_counts_its_own_digits(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text, value", [
    ("상담원 성함 말씀해 주세요 민원인 도 해 진 이요 상담원 도해진 님 맞으시죠", "도 해 진"),
    ("민원인 이름이 변 가 람 이고요 상담원 변가람 님 확인됐습니다", "변 가 람"),
    ("민원인 이름은 변 서윤 입니다 상담원 변서윤 님 확인됐습니다", "변 서윤"),
    ("상담원 성함이요 민원인 수 닐 타 망 상담원 수닐 타망 씨 맞으시죠", "수 닐 타 망"),
])
def test_a_name_found_whole_is_masked_where_it_is_read_out_apart(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("김해시 외국인 상담: 다나카 하루토(田中 陽翔) 씨가 방문함.", "田中 陽翔"),
    ("네팔 근로자 수닐 타망 씨(Sunil Tamang) 전화 옴.", "Sunil Tamang"),
    ("우즈베키스탄 출신 딜노자 유수포바(Дилноза Юсупова) 씨 상담.", "Дилноза Юсупова"),
    ("외국인 주민 장웨이(张伟) 님, 요청하신 안내문 보내드립니다.", "장웨이"),
    ("외국인 주민 류양(刘洋) 님, 요청하신 안내문 보내드립니다.", "류양"),
])
def test_the_same_person_in_another_script_beside_a_name(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


def test_each_word_of_a_latin_name_found_is_that_person_alone() -> None:
    masked = PiiMasker().mask("My name is Declan Whitfield. I live in 파주. Regards, Declan (데클런 휫필드)").text
    assert "Declan" not in masked and "데클런 휫필드" not in masked


@pytest.mark.parametrize("text, kept", [
    ("My name is Grace Park. We met near Central Park.", "Central Park"),  # an English word does not spread
    ("민원인 이나라입니다. 이 나라가 어떻게 되려고 이러나요", "이 나라가"),  # a given name that is a word, apart
    ("작성자 한아름 입니다. 꽃다발 한 아름 받았어요", "한 아름"),
    ("아피난 씨(Thailand) 전화 왔어요", "Thailand"),  # where the person is from, not a reading
    ("김철수 님(Manager) 확인 바랍니다", "Manager"),
    ("리웨이 씨(中国)가 방문했어요", "中国"),
])
def test_what_spreads_from_a_name_found_stops_at_words(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "안산시 외국인주민센터입니다. 안내문을 보내드렸습니다.",
    "김해시 다문화가족지원센터입니다. 상담 예약은 전화로 해 주세요.",
])
def test_an_office_saying_who_it_is_is_no_name(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("[스캔] 민원 신청서\n주민등록번호 : 72O5l4-2O83916\n휴대폰 : Ol0-7l24-55O9", "72O5l4-2O83916"),
    ("[스캔] 민원 신청서\n주민등록번호 : 72O5l4-2O83916\n휴대폰 : Ol0-7l24-55O9", "Ol0-7l24-55O9"),
    ("[스캔] 자동이체 신청서\n계좌번호 : 신한 ll0-4O2-9l5573", "ll0-4O2-9l5573"),
    ("[스캔] 카드번호: 4l82 O933 2l07 8846", "4l82 O933 2l07 8846"),
])
def test_numbers_a_scan_read_with_letters_for_digits(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "I 2026 visited Gunsan with Ol and lol 1234",
    "모델 BOOK1 은 100l 개 남음",
])
def test_words_beside_numbers_are_not_read_as_digits(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("단속 문의요 차량번호는 오십이 허 삼일공팔 이고요", "오십이 허 삼일공팔"),
    ("렌트한 차 번호판이 백이십삼 하 사사공칠 이에요", "백이십삼 하 사사공칠"),
    ("주민등록번호 앞자리를 말씀해 주세요.\n민원인: 710223", "710223"),
    ("생일은 말씀드렸고요 주민번호 뒷자리는 1638204입니다.", "1638204"),
    ("제 번호 010 7 2 8 4 1 1 9 3 으로 문자 주세요", "010 7 2 8 4 1 1 9 3"),
    ("연락처 010-5528--3071 로 적어 냈습니다", "010-5528--3071"),
    ("차대번호가 kmhd841cbpu612049 인데 리콜 대상인가요", "kmhd841cbpu612049"),
    ("차대번호 KMH D841 CBPU 612049 로 적혀 있어요", "KMH D841 CBPU 612049"),
    ("메일은 hoon_park 골뱅이 daum 점 net 입니다", "hoon_park 골뱅이 daum 점 net"),
    ("민원인 엠에스리공삼 골뱅이 네이버 닷컴이요", "엠에스리공삼 골뱅이 네이버 닷컴"),
    ("답장은 네이버 메일 moonlight77 로 부탁드립니다.", "moonlight77"),
])
def test_number_forms_read_out_or_typed_loosely(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("세입금 납부 계좌(농협 301-0172-4418-21, 예금주 창원시)로 내시면 됩니다", "301-0172-4418-21"),
    ("세입금 납부 계좌(농협 301-0172-4418-21, 예금주 창원시)로 내시면 됩니다", "창원시"),
    ("수거 스티커 번호 26-0412-0388 확인 부탁드립니다", "26-0412-0388"),
    ("접수번호 뒷자리 1234567 확인해 주세요", "1234567"),
    ("주민센터 앞 자리에 불법주차가 많습니다. 민원 접수일 240315", "240315"),
    ("법인등록번호 뒷자리 0123456, 법인 뒷번호는 1234567 입니다", "1234567"),
    ("등록하신 휴대폰 뒷번호 1234567 맞으신가요", "1234567"),
    ("네이버 아이디 login 기능이 자꾸 오류 나요", "login"),
    ("네이버 메일 IMAP 설정이 안 돼요", "IMAP"),
    ("사무실 이메일 골뱅이 네이버 닷컴으로 보내세요", "이메일"),
    ("차대번호 관련 문의 REQ-20240315-001234 건 답변 부탁", "REQ-20240315-001234"),
    ("차량이 구십 도 일이삼사 번 회전했어요", "구십 도 일이삼사"),
    # a notice's enquiry line is an office's
    ("지원금은 매월 25일 입금됩니다. 문의 031-8075-2240(청년정책과)", "031-8075-2240"),
    ("예비입주자 순번이 확정되었습니다. 문의 031-8075-4410", "031-8075-4410"),
    ("점검 중 불편사항은 관리사무소(☎ 062-944-1200)로 연락 바랍니다.", "062-944-1200"),
    ("환급 관련 063-454-3524(세정과)로 전화 주세요", "063-454-3524"),
])
def test_public_accounts_and_numbers_of_things_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_holder_whose_name_ends_like_a_district_is_still_a_person(masker: PiiMasker) -> None:
    assert "엄태구" not in masker.mask("환불 계좌 농협 301-0172-4418-21, 예금주 엄태구").text


def test_an_account_whose_holder_line_goes_on_about_a_person_stays_masked(masker: PiiMasker) -> None:
    masked = masker.mask("환급 계좌 농협 352-1234-5678-91 예금주 창원시 의창구 사는 본인입니다").text
    assert "352-1234-5678-91" not in masked


@pytest.mark.parametrize("text, value", [
    ("과태료 문의드려요 저는 남 기 순이고 연락처는 문자로 드릴게요", "남 기 순"),
    ("통장 을 바꿨 습니다 이름 은 탁 순 례 입니다 잘 부탁 드립니다", "탁 순 례"),
])
def test_a_name_typed_apart_after_저는_or_이름_은_typed_apart(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "저는 진 정 서 내러 왔어요",
    "이름 은 국 민 청 원 입니다",
])
def test_words_typed_apart_after_저는_or_이름_은_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("[오후 7:41] 윤이엄마: 오늘 차량 몇 시에 와요?\n[오후 7:43] 서준맘: 5시요~ 윤이 오늘 안 가요?", "윤이 오늘"),
    ("[오전 7:55] 지유맘: 당번 누구세요?\n[오전 7:56] 도현아빠: 저랑 하율엄마요\n[오전 7:58] 하율엄마: 네 제가 할게요",
     "하율엄마요"),
    ("[오후 4:20] 솔이네: 캠핑장 취소됐대요\n[오후 4:21] 도담이네: 헐 솔이 엄청 기대했을텐데", "솔이네:"),
    ("보낸사람: 육태경\n참조: 육서아(딸)\n딸 서아와 함께 매일 건너는 길입니다", "서아와"),
])
def test_a_child_found_by_its_parent_s_label_is_masked_in_the_talk(masker: PiiMasker, text: str,
                                                                   value: str) -> None:
    assert value not in masker.mask(text).text


def test_a_word_name_found_spreads_only_in_forms_the_word_does_not_take() -> None:
    text = "[오전 10:15] 노을맘: 선생님 노을이랑 같이 가요\n[오전 10:20] 하람맘: 네~ 오늘 노을이 예쁘네요"
    masked = PiiMasker().mask(text).text
    assert "노을이랑" not in masked and "노을이 예쁘네요" in masked


@pytest.mark.parametrize("text, value", [
    ("[연명부] 축사 악취 민원\n연번 | 성명 | 연락처 | 서명\n1 | 주해솔 | 010-2281-4039 | (서명)\n"
     "2 | 황보영자 | 063-452-8817 | (서명)", "황보영자"),
    ("[연명부] 축사 악취 민원\n연번 | 성명 | 연락처 | 서명\n1 | 주해솔 | 010-2281-4039 | (서명)\n"
     "2 | 황보영자 | 063-452-8817 | (서명)", "주해솔"),
    ("| 번호 | 이름 | 연락처 |\n| 1 | 나래솔 | 010-4471-2290 |\n| 2 | Tran Van Nam | |", "Tran Van Nam"),
    ("| 번호 | 이름 | 연락처 |\n| 1 | 나래솔 | 010-4471-2290 |\n| 2 | Tran Van Nam | |", "나래솔"),
])
def test_the_name_column_of_a_pasted_table(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("| 성명 | 정하늘 | 연락처 | 010-7788-1234 |\n| 주소 | 군산시 | 생년월일 | 1990 |", "| 주소 |"),
    ("| 구분 | 내용 |\n|---|---|\n| 성명 | 정하늘 |\n| 차량번호 | 123가4567 |\n| 위반일시 | 2026.03.02 |", "위반일시"),
    ("연번 | 성명 | 연락처\n1 | 미상 | 없음", "미상"),
    ("| 연번 | 성명 | 소속 | 비고 |\n| 1 | 공석 | 교통과 | |\n| 2 | 합계 | | |", "공석"),
    ("| 연번 | 이름 | 가격 |\n| 1 | 아메리카노 | 3000 |\n| 2 | 카페라떼 | 3500 |", "아메리카노"),
    ("| 번호 | 이름 | 위치 |\n| 1 | 중앙공원 | 나운동 |", "중앙공원"),
])
def test_a_table_of_fields_keeps_its_field_names(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("[수상자] 금상: 4-2 탁다인, 은상: 5-1 방서후·6-3 경민채, 동상: 3-1 피하람", "경민채"),
    ("참석: 과장 변정호, 팀장 추미경, 주무관 옹태석·명지호", "명지호"),
])
def test_list_items_with_a_class_note_or_a_middle_dot(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("안녕하세요 저 캄보디아 사람 SOKHENG이에요. 비자 연장 문의합니다", "SOKHENG"),
    ("일본인 주민 모리타 아오이(モリタ アオイ) 씨가 방문함", "모리타 아오이"),
    ("일본인 주민 모리타 아오이(モリタ アオイ) 씨가 방문함", "モリタ アオイ"),
])
def test_a_name_in_capitals_before_a_copula_and_a_japanese_name_in_katakana(masker: PiiMasker, text: str,
                                                                              value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["저는 NAVER 직원입니다", "저는 TEAM 입니다", "메이커 스페이스(メーカー) 는 3층",
                                  "저 고향은 HANOI예요", "저는 차 TUCSON이고요"])
def test_capitals_and_katakana_that_are_no_name_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("감사했어요제이름은편하린이고남편은진동민입니다", "편하린"),
    ("제이름은배은정이고아들은배시원입니다", "배은정"),
    ("제이름은배은정이고아들은배시원입니다", "배시원"),
    ("나는정옥분이고올해칠십여덟입니다", "정옥분"),
    ("며느리여진희도같이갔었는데똑같이말합니다", "여진희"),
])
def test_a_name_introduced_in_text_typed_without_spaces(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["채만식문학관이랑 이영춘 가옥 둘러봤어요", "우리딸기우유를좋아해서매일사요",
                                  "시장님 안녕하신게라우"])
def test_a_short_run_without_spaces_is_read_again_only_where_a_name_is_introduced(masker: PiiMasker,
                                                                                   text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("저희 아이 은혜(7살)와 사랑이(5살)가 유치원 차를 못 타요", "은혜"),
    ("저희 아이 은혜(7살)와 사랑이(5살)가 유치원 차를 못 타요", "사랑이"),
    ("첫째 여울이(7살)가 다 얘기해 줬어요", "여울"),
    ("딸 독고나래(만 8세)가 물렸습니다", "독고나래"),
])
def test_a_name_with_a_child_s_age_in_brackets(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["아이(7살)가 다쳤어요. 막내(3세)도 놀랐어요", "치매 중증(86세) 남편과 삽니다",
                                  "일정 나이(65세) 이상은", "저희 어머니 여사님(78세)께서"])
def test_what_a_child_is_and_ordinary_words_before_an_age_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("어린이집 담임이 3월엔 새롬 선생님, 10월부터는 예나 선생님이 맡으셨는데", "새롬"),
    ("어린이집 담임이 3월엔 새롬 선생님, 10월부터는 예나 선생님이 맡으셨는데", "예나"),
    ("태권도장 다운 선생님 혼자 운전하시고", "다운"),
])
def test_a_teacher_called_by_the_given_name(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["수학 선생님, 우리 선생님, 다른 선생님, 담임 선생님이 그러는데",
                                  "서울 선생님 광주 선생님", "다산선생의 목민심서를", "미래 선생님이 되고 싶어요",
                                  "다운 선생님이 되는 법"])
def test_teachers_named_by_subject_place_or_word_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("[근로자 단톡]\n사장님: 여권 사진 보내세요\nHAMID: PP# 11029384 (Nepal)\nSURESH: PP no 09283746", "HAMID"),
    ("[근로자 단톡]\n사장님: 여권 사진 보내세요\nHAMID: PP# 11029384 (Nepal)\nSURESH: PP no 09283746", "SURESH"),
    ("엄마가 맨날 준서야! 하고 소리쳐요", "준서"),
])
def test_a_speaker_in_capitals_and_a_name_shouted(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", [
    "[카톡 캡처]\n[오후 1:00] ATM: 점검\n[오후 1:01] NOTE: 내일\n[오후 1:02] CCTV: 고장",
    "제재 앞장서지 말아야,남북대화", "\"정말이야? 거기야!\" 하고 물었다. 친구야, 세상아!"])
def test_capitals_labels_and_calls_that_are_no_name_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("줬다고 합니다 나는 정옥분이고 올해 칠십 여덟입니다", "정옥분"),
    ("세대원 현황\n부: 사공태민 (48) 회사원\n자: 사공한별 (19) 대학생\n녀: 사공이슬 (15) 중학생", "사공한별"),
    ("세대원 현황\n부: 사공태민 (48) 회사원\n자: 사공한별 (19) 대학생\n녀: 사공이슬 (15) 중학생", "사공이슬"),
    ("| 번호 | 이름 | 학년 | 보호자 |\n| 1 | 나한결 | 3 | 나종훈 |\n| 2 | 모하늘 | 3 | 정해림 |", "모하늘"),
    ("| 번호 | 이름 | 학년 | 보호자 |\n| 1 | 나한결 | 3 | 나종훈 |\n| 2 | 모하늘 | 3 | 정해림 |", "정해림"),
    ("청년 월세를 여동생 이하늘이랑 신청했는데 하늘이만 선정됐습니다", "하늘이만"),
])
def test_old_names_in_분_household_members_and_a_table_s_every_people_column(masker: PiiMasker, text: str,
                                                                            value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["저는 그분입니다", "저는 세분입니다", "모: 없음\n자: 해당없음\n부: 미상"])
def test_분_as_a_person_word_and_empty_household_rows_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("저는 일본에서 온 佐藤 由紀(사토 유키)입니다. 옆집 田中さん(다나카 씨)과 같이", "佐藤 由紀"),
    ("저는 일본에서 온 佐藤 由紀(사토 유키)입니다. 옆집 田中さん(다나카 씨)과 같이", "사토 유키"),
    ("저는 일본에서 온 佐藤 由紀(사토 유키)입니다. 옆집 田中さん(다나카 씨)과 같이", "田中"),
    ("시어머니 陳美玲(진미령) 님이 다음 달 입국", "陳美玲"),
    ("옆집 王建国 님(왕건국 어르신, 82세)이 장기요양", "왕건국"),
    ("日本人 山田 花子 (ヤマダ ハナコ) さん, 여권", "山田 花子"),
    ("룸메이트 张伟(장웨이)와 같이 원룸을", "장웨이"),
])
def test_a_name_in_chinese_characters_with_its_reading_or_a_japanese_honorific(masker: PiiMasker, text: str,
                                                                                value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text", ["東京(도쿄)에서 왔어요", "上海市(상하이시)는 크다", "三星(삼성)에 다닙니다",
                                  "漢字(한자)로 쓰면"])
def test_places_and_words_read_in_brackets_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


@pytest.mark.parametrize("text, value", [
    ("저는 태국에서 온 계절근로자 สมชาย ใจดี(솜차이 짜이디)입니다. 같이 온 ปิยะ(삐야) 씨와 셋이", "สมชาย ใจดี"),
    ("저는 태국에서 온 계절근로자 สมชาย ใจดี(솜차이 짜이디)입니다. 같이 온 ปิยะ(삐야) 씨와 셋이", "ปิยะ"),
])
def test_a_thai_name_with_its_reading(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


def test_a_family_chat_s_speakers_and_calls_and_not_its_name(masker: PiiMasker) -> None:
    masked = masker.mask("[가족방]\n엄마: 바다야 오늘 시청 앞에서 아빠 만나\n바다: 응 몇시?").text
    assert "바다" not in masked and "[가족방]" in masked


# A review of this session's rules found these taken for names; each stays.
@pytest.mark.parametrize("text", [
    "이것은 明白한 違法(위법)입니다.", "저는 中國人(중국인)입니다. 비자 연장 문의드립니다.",
    "社長(사장)님이 月給(월급)을 주지 않습니다.", "이웃의 騷音(소음)이 너무 심합니다.", "お母さん이 아프셔서 皆さん、",
    "세대 구성\n부: 사망\n모: 고혈압\n자: 고3", "배우자: 이혼",
    "첫째딸(7살)이 많이 다쳤습니다.", "일용직(50세) 노동자가 사망했습니다.", "별님반(5세) 담임이 자주 바뀝니다.",
    "다산 선생님 생가 주변 도로가 엉망입니다.", "구몬 선생님이 수업을 자꾸 빠집니다.",
    "저는 오후분이고요 교대 근무자입니다.", "성명 : 지급분 확인",
    "저는서울사람이고 여기 잘 몰라요.", "엄마손김밥이고 가게 앞이 더러워요.", "형제자매도없고 혼자 삽니다.",
    "벌써 봄이야! 그런데 아직도 난방이 안 꺼져요.", "\"사랑아, 내 사랑아\" 노래가 나왔어요.",
    "가족방문 안내\n희망: 주말\n소망: 가족 면회",
])
def test_what_the_review_found_taken_for_names_stays(masker: PiiMasker, text: str) -> None:
    masked = masker.mask(text).text
    assert "[이름]" not in masked, masked


@pytest.mark.parametrize("text, kept", [
    ("딸 시아가 학교에서 다쳤는데 아이를 보건실에 안 데려갔어요.", "아이를"),
    ("| 번호 | 이름 | 대표자 | 주소 |\n| 1 | 우리식당 | 김철수 | 중앙로 1 |", "우리식당"),
    ("| 연번 | 성명 | 소속 | 작성자 |\n| 1 | 김철수 | 도로과 | 교통행정과 |", "교통행정과"),
])
def test_what_the_review_found_taken_beside_a_name_stays(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("제 이름은 박 정 숙 이고 남편 이 름 은 편 재 만 입니다.", "편 재 만"),
    ("기사님 이름표에 '도 윤 기'라고 적혀 있었어요.", "도 윤 기"),
    ("민원인: 네, 다들 헷갈려하세요. 남편은 독고 준이고요, 독고준.", "독고 준"),
    ("상담원: 네, 시청 민원콜센터 상담원 한울입니다.", "한울"),
    ("딸 독고나래(8살)가 물렸습니다. 나래는 병원에서 주사를 맞았어요.", "나래는"),
    ("딸 강봄(6살)이 그림책을 좋아해요. 봄이는 러시아어도 써요.", "봄이는"),
    ("[오후 6:10] 엄마: 정의야 구청 민원 접수증 챙겼어?\n[오후 6:12] 육정의: 응 가방에 있어", "육정의"),
    ("[오후 6:10] 엄마: 정의야 구청 민원 접수증 챙겼어?\n[오후 6:12] 육정의: 응 가방에 있어", "정의야"),
    ("[오전 9:12] 이보람: 고마워\n[오전 9:15] 이가람: 나 당직이라\n엄마: 가람이한테도 말해줘", "가람이한테도"),
    ('치매안심센터에서 응대하신 분이 "곽혜진"인지 "곽혜징"인지 잘 못 들었습니다.', "곽혜징"),
    ("방문간호사 선생님이 곽혜진? 곽헤진? 하여튼 곽 선생님인데", "곽헤진"),
    ("09:10 마동희 - 인감증명\n09:25 하람 - 전입신고\n09:40 Nguyen Van Nam - 외국인등록\n10:02 사공윤 - 여권", "하람"),
    ("09:10 마동희 - 인감증명\n09:25 하람 - 전입신고\n09:40 NGUYEN VAN NAM - 외국인등록\n10:02 사공윤 - 여권", "하람"),
    ("제 이름은 박 정 숙 이고 남편 성 함 은 편 재 만 입니다.", "편 재 만"),
    ("금상: 4-2 육다인, 은상: 5-1 방서후·6-3 경민채, 동상: 3-1 피하람", "육다인"),
    ("참석: 안전총괄과 과장 변정호, 팀장 추미경, 주무관 빈하은·명지호 / 소방서 옹태석", "빈하은"),
    ("적발 안내. 103동 정보람, 107동 하태양 세대는 관리사무소로 방문 바랍니다.", "하태양"),
])
def test_names_spaced_misspelt_spread_or_in_a_list(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, value", [
    ("대사관 차량으로 보이는 외교 025-071 번호판 차량이 소화전 앞에 섭니다.", "외교 025-071"),
    ("임시운행 번호판(경기 임시 05-2286)으로 10일간 운행했습니다.", "경기 임시 05-2286"),
    ("신청은 오늘 해주시고요 차는 백이십삼가 사오육칠 이요", "백이십삼가 사오육칠"),
])
def test_a_diplomatic_temporary_or_spoken_plate(masker: PiiMasker, text: str, value: str) -> None:
    masked = masker.mask(text).text
    assert value not in masked and "[차량번호]" in masked


@pytest.mark.parametrize("text, kept", [
    ("해운대 바다가 보이는 전망대 난간이 흔들려요. 어제 딸 유바다랑 갔다가 놀랐습니다.", "바다가 보이는"),
    ("청소년수련관 '꿈의 나래를 펼쳐라' 프로그램 후기. 강사 인나래 선생님 최고!", "나래를 펼쳐라"),
    ("회사 대표 010-123 번호로 문의", "대표 010-123"),
    ("임시 2024년 예산 12-3456 항목", "임시 2024"),
    ("정 상 화 가 목표입니다", "정 상 화"),
    ("이름표에 '진 정 서'라고 적힌 서류", "진 정 서"),
    ("이상민 주무관님 말씀으로는 이상인 경우 신고하래요.", "이상인 경우"),
    ("상담원: 성함 말씀해 주시겠어요?\n민원인: 네", "상담원"),
    ("참석자 김민수, 하지만 오지 않음", "하지만"),
    ("‘H-점프스쿨 장학샘‘ 장학사업을 운영하고 있음 - 장학샘(‘장학생’과 ‘선생님’의 합성어)은 봉사에 참여", "장학생"),
])
def test_words_beside_this_session_s_name_and_plate_rules_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


# A review of this session's rules found these taken for names or plates; each stays.
@pytest.mark.parametrize("text, kept", [
    ("희망 직무는 콜센터 상담원 희망입니다", "희망입니다"),
    ('"전 주 집" 사장님이 매일 밤 테이블을 인도에 내놓습니다', "전 주 집"),
    ("가게 이름이 '오 리 집'이에요", "오 리 집"),
    ("장소: 성수동, 담당: 김민수", "성수동"),
    ("참석: 김민수, 안건: 조정안 검토", "조정안"),
    ("민원인 문희망입니다. 이 동네엔 희망이라고는 없습니다", "희망이라고는"),
    ("딸 강봄(6살)이 다쳤어요. 이제 봄이야. 봄이네 꽃이 피었네", "봄이야"),
    ("민원인 이준입니다. 담당자가 이분? 아니면 저분?", "이분?"),
    ("참석자\n- 김민수\n- 이영희\n- Google Meet\n- 최정호", "Google Meet"),
    ("참석자\n- 김민수\n- 이영희\n- GOOGLE MEET\n- 최정호", "GOOGLE MEET"),
    ("아이가 차 안에서 일 이 삼 사 오 육 칠 팔 구 십 숫자를 세고 있었어요", "일 이 삼 사"),
    ("담당 준영 302-110호로 보내주세요", "준영"),
    ("[오후 6:10] 민지: 마음아 힘내\n[오후 6:12] 한마음: 봉사 일정 공지합니다", "한마음:"),
])
def test_what_the_review_found_beside_this_session_s_rules_stays(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


def test_a_three_syllable_name_split_after_its_first_syllable_is_still_masked(masker: PiiMasker) -> None:
    assert "보라" not in masker.mask("민원인 황보라입니다. 성은 황이고요, 황 보라예요").text


# The opened sets' leaks of the session of 2026-12-06 afternoon, each a rule's case.
@pytest.mark.parametrize("text, value", [
    ("같이 온 ปิยะ(삐야) 씨와 ประยุทธ(쁘라윳) 씨 셋이 한 컨테이너에서 삽니다.", "ประยุทธ"),
    ("中国 公民 李娜 (LI NA) / 여권: G38172649 (만료)", "LI NA"),
    ("中国籍 留学生 张伟, 여권번호를 소문자로 적어서 반려됨", "张伟"),
    ("My wife Sita Kumari Thapa (시타) is pregnant, 5 month.", "시타"),
    ("[하숙집 단톡방 캡처]\n[오후 11:48] MOHAMMED: sorry we will be quiet\n[오후 11:50] 주인 봉말자: 조용히 해요",
     "MOHAMMED"),
    ("[근로자 단톡]\n사장님: 여권 사진 보내세요\nRAJ: PP# 11029384 (Nepal)\nSURESH: PP no 09283746", "RAJ"),
    ("[가족방]\n엄마: 슬기야 밥 먹어\n슬기 올케: 어머님 제가 할게요", "슬기 올케"),
    ("출석부 (3월)\n1. 바트에르덴 (몽골)\n2. 어윤지 (베트남→귀화)\n3. 쩐 티 란 (베트남)\n4. 오윤치메그 (몽골)",
     "오윤치메그"),
    ("딸 이름이 '우리'입니다(탁우리). 예약 화면에서 오류가 떠요.", "'우리'"),
    ("지는 공주 신관동 사는 변복례유. 영감 어판석이 허리가 아파서 병원 가는 버스가 너무 읎어유.", "어판석"),
    ("민원인 아 내 이름 곽 분 이 곽분이 상담원 어르신 주소는요", "곽 분 이"),
    ("[민원 메모] 접수인 성명 박.서.연 / 주소 월명동 / 연락처 010-1234-5678", "박.서.연"),
    ("민원인: 저 지금 호주라서 로밍 번호로 전화드렸어요. 플러스 팔이 일공 오오삼일 칠칠이이요.", "오오삼일 칠칠이이"),
    # a name with its reading at the very start of a text (nothing before it was read as an honorific prefix)
    ("ประยุทธ(쁘라윳) 씨가 왔어요", "ประยุทธ"),
    ("陳美玲(진미령) 님이 오셨어요", "陳美玲"),
    # a chat pasted on one line, its messages apart by a slash
    ("[가족방] 엄마: 바다야 오늘 시청 앞에서 아빠 만나 / 바다: 응 몇시? / 아빠(노재철): 6시 정문. "
     "바닷바람 세니까 잠바 챙겨", "바다:"),
    ("[오후 1:12] 미즈키(水樹): 한국어 교실 오늘 휴강이에요?\n[오후 1:15] 나카무라 아야: 아니에요\n"
     "[오후 1:16] 미즈키(水樹): ありがとう", "水樹"),
])
def test_names_in_other_scripts_chat_labels_lists_quotes_and_kin(masker: PiiMasker, text: str, value: str) -> None:
    assert value not in masker.mask(text).text


@pytest.mark.parametrize("text, kept", [
    ("주임 王伟 (NO PARKING) 구역", "NO PARKING"),
    ("Maria Santos (남편) 씨와 왔어요", "남편"),
    ("[단톡방]\nKING: 오늘 행사 취소\nMOON: 알겠어요", "KING"),
    # one label in capitals is one speaker, not the two a chat needs
    ("[근로자 단톡]\nSURESH: 내일 쉬어요", "SURESH"),
    ("[반톡]\n공지: 내일 소풍\n엄마: 공지야 뭐야", "공지:"),
    ("[가족 단톡]\n[오전 9:10] 서울 이모: 나 간다\n[오전 9:11] 광주 삼촌: 응", "서울 이모"),
    ("참석자\n1. 김철수\n2. 이영희\n3. 주민등록등본\n4. 박민수", "주민등록등본"),
    ("가게 이름이 '하늘'입니다.", "'하늘'"),
    ("그 작품에서 영감 받았어요", "영감 받았어요"),
    ("유학생 文化財 관련 문의", "文化財"),
    ("[단톡방]\n주소(住所): 서울시\n비고(備考): 없음\n서울(首爾): 맑음", "비고(備考)"),
    ("[단톡방]\n주소(住所): 서울시\n비고(備考): 없음\n서울(首爾): 맑음", "서울(首爾)"),
    ("[단톡방]\n주소(住所): 서울시\n비고(備考): 없음\n서울(首爾): 맑음", "주소(住所)"),
    # a review of the rules above found these taken
    ("아이 이름 '짓기' 수업 신청합니다", "짓기"),
    ("아기 이름은 '아직' 안 정했습니다", "아직"),
    ("딸 이름이 '없음'으로 잘못 등록됐어요", "없음"),
    ("제 이름이 '본명'이 아니라 예명으로 나와요", "본명"),
    ("- 김민수\n- 이영희\n- 주민자치센터\n- 박철수", "주민자치센터"),
    ("참석자\n1. 김철수\n2. 이영희\n3. 최민수\n4. 사회복지과장", "사회복지과장"),
    ("1. 이준호\n2. 김나연\n3. 울란바토르 (몽골)\n4. 최민정", "울란바토르"),
    ("외국인 민원: 学生 食堂 太贵", "太贵"),
    ("민원 유형: 소음 / 담당: 환경과 / 처리: 완료", "담당: 환경과"),
    ("민원인 한 분 이 오셨어요", "한 분 이"),
    ("성함은 한 분 씩 적어 주세요", "한 분 씩"),
    ("이름 한 분 이 빠졌어요", "한 분 이"),
    ("성함 두 분 이 다르게 적혀 있어요", "두 분 이"),
    ("[공지방] 관리소: 정전 안내 / 주민: 확인했습니다", "[공지방]"),
    ("한.중.일 정상회의 관련 민원입니다", "한.중.일"),
    ("점수가 플러스 팔이 일공 점이에요", "플러스 팔이 일공"),
    ("お母さん(어머니)이 오셨어요", "お母さん"),
    # what a pasted chat is called is no one's name
    ("[반톡] 엄마: 밥 먹어\n보람: 네", "[반톡]"),
    ("[근로자 단톡]\n사장님: 여권 사진 보내세요\nRAJ: PP# 11029384 (Nepal)", "[근로자 단톡]"),
])
def test_words_beside_the_afternoon_s_rules_stay(masker: PiiMasker, text: str, kept: str) -> None:
    assert kept in masker.mask(text).text


@pytest.mark.parametrize(("text", "expected"), [
    ("상담원 성함이 정한솔 맞으세요 민원인 잉 한솔이 맞어", "상담원 성함이 [이름] 맞으세요 민원인 잉 [이름]이 맞어"),
    ("다솜 엄마가 같이 민원 넣었어요", "[이름] 엄마가 같이 민원 넣었어요"),
])
def test_a_coined_word_name_alone_is_a_name_as_any_given_name_is(masker: PiiMasker, text: str,
                                                                   expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", [
    "우리 바다가 제일 예뻐요 해변 청소 부탁드려요", "한솔제지 공장 앞 도로 파손", "세종시 한솔동 주민센터 민원",
    "광장 '미르' 조형물 조명이 나갔어요", "도담도담 어린이집 앞 횡단보도",
    # a review's probes: places and schools named after coined names, where no 이 says a child
    "한솔 주민센터 앞 주차 문제", "다솜 어린이집 앞 횡단보도", "한별 초등학교 통학로 정비",
    "우리 한솔도 주차난이 심해요",
])
def test_everyday_and_place_words_named_like_children_stay(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text



def test_a_coined_name_found_spreads_with_its_i_not_onto_places(masker: PiiMasker) -> None:
    masked = masker.mask("주무관 정한솔 님께 전화했고 한솔 주민센터로 가래요").text
    assert masked == "주무관 [이름] 님께 전화했고 한솔 주민센터로 가래요"


def test_what_a_quoted_sign_sells_after_its_number_is_no_name(masker: PiiMasker) -> None:
    # a review's probes: a quote closing a sign is no full stop after a name (석재상, 전민동 start like names)
    for sign in ("'정수기 렌탈 010-2233-4455 정수기' 전단지", "'묘지 비석 010-2233-4455 석재상' 현수막",
                 "'원룸 임대 010-2233-4455 전민동' 전단지"):
        assert masker.mask(sign).text == sign.replace("010-2233-4455", "[전화번호]")


def test_a_prefixed_word_in_a_list_of_names_stays(masker: PiiMasker) -> None:
    masked = masker.mask("[검토]\n09:10 김철민 - 인감증명\n10:20 신학기 - 안내\n10:40 박소영 - 등본").text
    assert "신학기" in masked and "박소영" not in masked


@pytest.mark.parametrize(("text", "expected"), [
    # Kiwi reads 사미 as a word; a record's kin word vouches for the full name after it
    ("동행: 배우자 사미령\n요지: 면허 양도 문의", "동행: 배우자 [이름]\n요지: 면허 양도 문의"),
    ("보호자: 처남 국도현, 연락처 없음", "보호자: 처남 [이름], 연락처 없음"),
])
def test_a_full_name_after_a_form_s_kin_word(masker: PiiMasker, text: str, expected: str) -> None:
    assert masker.mask(text).text == expected


@pytest.mark.parametrize("text", ["배우자 사망 신고", "배우자 명의로 된 통장", "배우자 출산휴가 신청", "처형 댁에 갔다",
                                  "손주 돌잔치", "시동생 결혼식", "배우자 주민등록등본 발급", "배우자 유무: 있음",
                                  # a review's probes: a form's own nouns
                                  "배우자 성명란이 비어 있어요.", "배우자 동의서 제출하세요.", "배우자 진술서 작성.",
                                  "손주 백일상 차렸어요."])
def test_a_form_s_kin_word_before_a_noun_stays(masker: PiiMasker, text: str) -> None:
    assert masker.mask(text).text == text


def test_a_name_in_a_list_whose_other_names_are_in_latin_letters(masker: PiiMasker) -> None:
    roster = ("외국인 주민 검진 명단\n1. 류첸 / 등록번호 확인 중\n2. Batbayar Ganzorig / 등록번호 확인 중\n"
              "3. Siti Rahma / 등록번호 확인 중")
    masked = masker.mask(roster).text
    assert "류첸" not in masked and "Siti Rahma" not in masked and "등록번호 확인 중" in masked
    totals = "참석 명단\n1. John Smith / 서명\n2. Maria Santos / 서명\n3. 합계 / 2명"
    assert "합계 / 2명" in masker.mask(totals).text


@pytest.mark.parametrize(("text", "number"), [
    ("강습 문의 070-4820-1193 (개인 레슨)", "070-4820-1193"),  # an internet phone is as often a person's
    ("문의 주시면 제가 010-5512-8834로 답해 드릴게요", "010-5512-8834"),
    ("연락은 집 전화 063-451-2207로 주세요", "063-451-2207"),
])
def test_a_person_s_number_after_an_enquiry_is_still_masked(masker: PiiMasker, text: str, number: str) -> None:
    assert number not in masker.mask(text).text


def test_a_petition_s_column_of_units_is_masked() -> None:
    masker = PiiMasker(learned_names=False)
    roster = ("[주민 서명부] 흡연구역 이전 요청 (접수번호 2026-1234)\n번호 | 동호수 | 성명 | 서명\n"
              "1 | 101-304 | 나봄 | (서명)\n2 | 101-1102 | 왕소연 | (서명)\n3 | 102-505 | 구슬기 | (서명)")
    masked = masker.mask(roster).text
    assert not any(unit in masked for unit in ("101-304", "101-1102", "102-505"))
    assert "번호 | 동호수 | 성명 | 서명" in masked and "2026-1234" in masked
    # without a column of units the pair is any number (품번 101-304)
    assert "101-304" in masker.mask("부품 품번 101-304 재고 문의").text


@pytest.mark.parametrize(("text", "name"), [
    ("나는 노명숙이여유. 손자 폰으로 보내유", "노명숙"),
    ("지는 박순덕이유. 가로등 좀 고쳐 주셔유", "박순덕"),
    ("지는 김말남이라예. 골목이 너무 어둡심더", "김말남"),
    ("내는 정복순입니더. 경로당 난방이 안 됩니더", "정복순"),
    ("저는 조선족 이홍매(李红梅)라고 합니다. 관광안내소 통역 자격 문의드립니다", "이홍매"),
    ("옆집 성말자 할매도 같이 못 나가요", "성말자"),
    ("뒷집 윤덕구 할배가 넘어지셨어요", "윤덕구"),
])
def test_dialect_self_introductions_and_old_people_s_titles(text: str, name: str) -> None:
    assert name not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize("text", ["나는 그 이유를 모르겠다", "시골 할매가 그라데", "나가라 합니다",
                                  "저는 빨리 오라 합니더", "지는 정말이유 몰라유"])
def test_dialect_sentences_without_a_name_stay(text: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text == text


@pytest.mark.parametrize(("text", "values"), [
    ("제 이 름 은 유 하 진 이 고 요 전 화 는 공 일 공 이 이 팔 칠 삼 사 오 육 예 요",
     ("유 하 진", "공 일 공 이 이 팔 칠 삼 사 오 육")),
    ("내 이 름 은 석 말 자 이 라 예 아 들 이 름 은 석 동 만 이", ("석 말 자", "석 동 만")),
    ("전 화 는 공 육 삼 에 사 오 이 에 칠 칠 팔 일 이 라 예",
     ("공 육 삼 에 사 오 이 에 칠 칠 팔 일",)),
    ("지하 주차장 기둥 앞 1 2 8 나 4 4 0 9 차량이 두 칸 막고 있어요", ("1 2 8 나 4 4 0 9",)),
])
def test_values_voice_to_text_writes_one_syllable_at_a_time(text: str, values: tuple[str, ...]) -> None:
    masked = PiiMasker(learned_names=False).mask(text).text
    assert not any(value in masked for value in values), masked


@pytest.mark.parametrize("text", ["집 앞 가 로 등 이 고 요 정 상 화 이 고 요", "이 사 오 일 칠 일 이 삼 사 오 육 명",
                                  "3 5 가 1 2 3 4 차선 도로"])
def test_words_and_counts_typed_one_syllable_at_a_time_stay(text: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text == text


@pytest.mark.parametrize(("text", "value"), [
    ("상담원: 성함은요?\n민원인: 도갑순입니더.", "도갑순"),  # the answer to a name question, in dialect
    ("남편 Rodel이 공장에서 다쳤어요", "Rodel"),  # a Latin name right after who the person is
    ("거주 근로자: 쩐 반 득(베트남), 캄판 깨우(라오스)", "캄판 깨우"),  # a nationality in brackets after it
    ("1. 문상철 (개정동 451)\n2. 방옥자 (개정동 17-3)", "개정동 451"),  # a list's lot alone in brackets
    ("성명 / 주소 / 연락처 / 서명\n국말순 / 익산시 중앙동 12-4 / 063-851-2210 / (서명)", "국말순"),  # a slash table
    ("환불요청 이름모상철 전화010 5521 3390", "모상철"),  # a name typed straight after its field
    ("상담원: 네 편덕순 어르신 맞으시죠\n민원인: 나 편덕순이하고 옆집 할매", "편덕순이하고"),  # found once, then 이하고
    ("영철이 어매가 경로당 총무예요", "영철"),  # a given name before a dialect word for mother
    ("가게 앞에 트럭을 세워 놨어요 번호가 팔칠나 삼삼이일 이에요", "팔칠나 삼삼이일"),  # a plate said after a truck
])
def test_names_numbers_and_lots_in_lists_calls_and_forms(text: str, value: str) -> None:
    assert value not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize(("text", "kept"), [
    ("아들 Apple Watch 사줬는데 동생 Nike 신발도", "Apple Watch"),
    ("거주 근로자: 캄폰 시사왓(라오스), 분미 폼마(라오스)", "(라오스)"),
    ("쌀국수(베트남) 맛집, 커피(베트남) 수입", "쌀국수(베트남)"),
    ("행사 참가자(나운동 120) 집계", "나운동 120"),
    ("날짜 / 시간 / 장소\n5월 3일 / 오후 2시 / 회의실", "5월 3일 / 오후 2시 / 회의실"),
    ("이름이라도 알려주세요. 성명서라도 내야지요", "이름이라도 알려주세요. 성명서라도"),
])
def test_brands_dishes_counts_and_words_beside_those_cues_stay(text: str, kept: str) -> None:
    assert kept in PiiMasker().mask(text).text


@pytest.mark.parametrize(("text", "value"), [
    ("연락처는 공일공 삼 칠 이 팔 에 오 오 일 영 이랑께요", "공일공 삼 칠 이 팔 에 오 오 일 영"),  # groups of any size
    ("휴대폰 공일공 칠칠 삼 일 이 이 구 사 인디요", "공일공 칠칠 삼 일 이 이 구 사"),
    ("번호는 공일공에 삼땡팔일에 이칠구땡 이요", "공일공에 삼땡팔일에 이칠구땡"),  # 땡 for 0, the copula apart
    ("집 전화 공육삼 사 육 이 에 팔 팔 일 공", "공육삼 사 육 이 에 팔 팔 일 공"),
    ("외국인등록번호요? 910412 다시 6 1 7 2 3 0 4", "910412 다시 6 1 7 2 3 0 4"),  # the dash said
    ("제 외국인 번호 팔 공 영 삼 일 이 다시 오 일 이 삼 사 오 육", "팔 공 영 삼 일 이 다시 오 일 이 삼 사 오 육"),
])
def test_numbers_read_out_in_groups_of_any_size(text: str, value: str) -> None:
    assert value not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize(("text", "value"), [
    ("네 저는 익산시 모현동에 사 는 한 순 덕 인 디 요", "한 순 덕"),  # typed apart after 사는
    ("나 군산 사는 천 만 복 이여 전화 줘", "천 만 복"),
    ("우리 딸은 길 소 연 이요", "길 소 연"),  # after a relative
    ("보일러고장났어요이름은맹옥순주소는익산시", "맹옥순"),  # fields typed with no space
    ("주소는익산시모현동배산12길7전화는", "배산12길7"),
    ("Dilnoza 씨는 다음 주부터 나와요", "Dilnoza"),  # a Latin name before 씨
    ("Mina(강민아): 저 오늘 늦어요", "Mina"),  # a chat label with the name in brackets
    ("기호2 탁상훈 (103동 701호)", "탁상훈"),  # a ballot number
    ("주소는 서해로 이십사길 칠번지고요", "서해로 이십사길 칠번지"),  # a side street said with 길 alone
    ("집이 대야면 죽산리 삼백이십일번지고 거기", "죽산리 삼백이십일번지"),
    ("우 리 집 주 소 는 대 야 면 죽 산 리 삼 백 이 번 지 고 요", "죽 산 리 삼 백 이 번 지"),  # every syllable apart
    ("제 남편 Bakhtiyor 바흐티요르 가 다쳤어요", "바흐티요르"),  # a Latin name's reading after a space
    ("친구 Alexei Morozov 알렉세이 가 운전했어요", "알렉세이"),
    ("[카톡 - 엄마들]\nMai: 언니 내일 가요?\nNguyen Thi Hoa: 네 가요\nMai: 좋아요", "Mai"),  # an English word too
])
def test_names_and_addresses_after_cues_typed_apart_joined_or_in_latin(text: str, value: str) -> None:
    assert value not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize("text", [
    "예산은 이 억 삼 천 만 원이고 일 이 삼 사 오 육 칠 팔 구 십 순서로", "접수번호 2024 0412 0087 입니다",
    "나 는 정 상 인 데 요", "Admin님 공지 확인했어요", "Manager님께 말씀드렸어요", "기호 3번 정당 후보",
    "저 길로 삼십이 길 오 분 걸어가고", "우리동네로2번갔다", "주 소 는 잘 모 르 겠 어 요",
])
def test_counts_titles_and_words_beside_those_cues_stay(text: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text == text


def test_a_chat_s_admin_label_is_no_name() -> None:
    masked = PiiMasker(learned_names=False).mask("[카톡 - 동호회]\nAdmin: 공지입니다\nGrace: 네\nTomas: 저도요").text
    assert "Admin: 공지" in masked and "Tomas" not in masked, masked


def test_a_word_after_a_latin_name_that_is_no_reading_of_it_stays() -> None:
    masked = PiiMasker(learned_names=False).mask(
        "담당 Daniel Kim 다음 주에 와요. 제 아들 Joshua 조심해서 보내요. 제 이름은 Akhmedov Jasur 예요. "
        "친구 Budi Hartono 봤어요.").text
    assert all(word in masked for word in ("다음 주에", "조심해서", "] 예요.", "봤어요")), masked


def test_an_office_s_public_mailbox_stays_and_a_person_s_at_the_same_domain_is_masked() -> None:
    masked = PiiMasker().mask(
        "민원은 minwon@gunsan.go.kr, 청년 정책은 youth@jeonju.go.kr 이나 gunsan@korea.kr 로 보내세요. "
        "담당 주무관 메일 dasom.ok@gunsan.go.kr, 제 메일 minwon@gmail.com").text
    assert all(kept in masked for kept in ("minwon@gunsan.go.kr", "youth@jeonju.go.kr", "gunsan@korea.kr"))
    assert "dasom.ok@gunsan.go.kr" not in masked and "minwon@gmail.com" not in masked


@pytest.mark.parametrize(("text", "value"), [
    ("아버지 번호는 공일공 하고 삼 사 오 육 하고 칠 칠 팔 팔 이여", "공일공 하고 삼 사 오 육 하고 칠 칠 팔 팔"),  # 하고
    ("여권번호 GB 4821 736 입니다", "GB 4821 736"),  # two letters, digits in groups
    ("여권은 제이케이 삼삼이일 칠칠팔 이에요", "제이케이 삼삼이일 칠칠팔"),  # letter names said joined
    ("민원인: 익산시 영등동 아 무왕로 이백십 다시 삼 이층이요", "무왕로 이백십 다시 삼 이층"),  # a road's dash said
    ("상담원: 성함이요\n민원인: 홍 가 윤 요", "홍 가 윤"),  # a name question without ?, the name apart
    ("이름은 남 궁 석이유 남궁석 전화는 없슈", "남 궁 석"),  # said apart, then joined, a dialect's copula
    ("내 이름은 도 순 례 도순례다", "도순례"),
    # a full name after a parent, in a chat stamped with the time alone
    ("[08:10] 하율엄마 변정숙: 오늘 하율이 결석해요\n[08:12] 선생님: 네\n[08:13] 선생님: 확인했어요", "변정숙"),
    ("1호차 운전 석병곤 주무관", "석병곤"),  # 곤, a given name's syllable
    ("방문자 명단: 한별 학생(성명 구한별), 담임 동행", "한별 학생"),  # the given name of a full name, a title after
    ("경로당 총무(실명 양꽃분) 어르신 요청", "양꽃분"),  # 실명, 꽃분
    ("[오후 2:10] Rustam: 사장님 저 늦어요\n[오후 2:11] 사장님: 루스탐 괜찮아 천천히 와\n[오후 2:12] Rustam: 네",
     "루스탐"),  # the reading
    ("※ 신고인(010-2231-8876 사용자) 하 보 람 님은 불안하다고 함", "하 보 람"),  # a word name apart, then 님
    ("신규 통장 위촉: 3통 은슬기, 9통 탁미경 씨", "은슬기"),  # a neighbourhood's unit before each name
    ("청년회장 하빛나한테 맡기자. 빛나 그 사람 요새 바쁘다던디", "빛나 그"),  # the given name pointing back
    ("문에 '차 빼주세요 010-3345-2871 어정훈' 쪽지가 있었어요", "어정훈"),  # a name after a phone, in a quote
    ("떡집 하영진\n과일가게 석미란, 남편 석만수 씨", "석미란"),  # a spouse's note before the next name
    ("상담원: 사장님 성함 아세요?\n민원인: 용 사장. 용태식.", "용태식"),  # the surname and a title first
    ("[반톡]\n지훈엄마: 내일 가요?\n서아맘: 네 작년에 지훈 때문에 늦었죠", "지훈 때문에"),  # a label's child again
])
def test_said_numbers_answers_apart_chat_labels_and_names_in_two_scripts(text: str, value: str) -> None:
    assert value not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize("text", [
    "여권 사진 2 1234 567 장", "전화로 구십팔 다시 물어봤어요", "[09:00] 개회\n[09:10] 국민의례",
    "이번 조치로 한결 학생들이 편해졌어요", "우리의 희 망 씨앗을 심어요", "아버지 마지막 주소지는 나포면",
    # a review's probes
    "실명: 인증 완료", "본명 노출이 걱정돼요", "여권 프린터 HP 2055 100 고장", "이번 개편으로 한결 학생 부담이 줄어요",
    "여권 케이스는 엘지 일이삼 사오육 모델이요", "네 자리로 일이삼사 다시 일이삼사 눌렀는데",
    "[19:00] 하늘정원: 야간 개방\n[21:00] 달빛마당: 공연", "상담원: 강아지 이름이요\n민원인: 백설기요",
])
def test_look_alikes_beside_those_forms_stay(text: str) -> None:
    assert PiiMasker(learned_names=False).mask(text).text == text


def test_a_short_word_that_only_sounds_like_a_latin_name_found_stays() -> None:
    # 알람 has two consonants to hear of Alam's: too few for a reading found away from the name
    masked = PiiMasker(learned_names=False).mask("[오후 2:10] Alam: 알람 맞췄어요\n[오후 2:11] Alam: 네").text
    assert "Alam" not in masked and "알람 맞췄어요" in masked, masked
    # a word Kiwi knows is no reading either (지원해요: ㅈ, ㄴ, ㅎ beside Tuấn)
    masked = PiiMasker(learned_names=False).mask("제 친구 Lê Thị Thu Tuấn 도 같이 지원해요.").text
    assert "지원해요" in masked and "Tuấn" not in masked, masked
    # nor a brand going on with what it names (코레일: ㅋ, ㄹ, ㄹ beside Carlos)
    masked = PiiMasker(learned_names=False).mask("제 친구 Juan Carlos 씨가 코레일 승차권을 샀어요").text
    assert "코레일" in masked and "Carlos" not in masked, masked
    # nor a place (대야면: ㄷ, ㅁ, ㄴ beside Tamang)
    masked = PiiMasker(learned_names=False).mask("성함은 Sunil Tamang 이시고요, 주소는 대야면 산단로 44-9래요").text
    assert "대야면" in masked and "Tamang" not in masked, masked


@pytest.mark.parametrize(("text", "value"), [
    # a landline typed apart
    ("시 장 님 께 드 립 니 다 . 전 화 는 0 5 5 - 2 8 1 - 3 3 4 6 입 니 다 .", "0 5 5 - 2 8 1 - 3 3 4 6"),
    ("I was charged twice for the pool pass. Name on card PARK JI HOON. Please refund.", "PARK JI HOON"),  # English
    ("[SNS 민원 접수]\n작성자 계정: @choi.eunbi_93\n내용: 공원 화장실이 잠겨 있어요", "choi.eunbi_93"),  # a handle
    ("인스타 아이디: hana_0412 로 연락 주세요", "hana_0412"),
    ("1. 독거 어르신(탁순분, 81세) – 도시락 배달 요청", "탁순분"),  # a full name first in brackets, then an age
    ("상담원: 성함이요?\n민원인: 이름은 엄 기 순고예", "엄 기 순"),  # a dialect's copula after a name apart
    ("나는 총무 편 만 수여. 편만수 총무가 다 알아서 할게", "편 만 수"),  # and said again after the name
    ("우리 손주 서준이 하고 지안이가 다녀요", "지안"),  # a child's 이 apart before 하고
    ("어르신(성옥분 할머니, 83세) 댁", "성옥분"), ("카톡 아이디 kimjs0412 로 연락", "kimjs0412"),
    ("트위터 @kim_jisoo 가 악플을 달아요", "kim_jisoo"), ("ID: kim1234 로 가입했어요", "kim1234"),
    ("통역 담당 Jessica Camp 씨에게 연락 주세요", "Jessica Camp"),  # a family name that is a word too
])
def test_a_landline_apart_a_name_in_capitals_a_handle_an_age_in_brackets_and_dialect_copulas(
        text: str, value: str) -> None:
    assert value not in PiiMasker(learned_names=False).mask(text).text


@pytest.mark.parametrize(("text", "kept"), [
    ("민원인: 수영구 광안동 삼사오 다시 일 번지요", "수영구"),  # the district an address goes on from
    ("민원인: 연락처는 공일공 칠칠팔팔 구구공공 이라예", "이라예"),  # a dialect's copula after a number said
    ("[카톡] 반상회\n통장 김씨: 내일 모여요\n반장 박씨: 네", "통장 김씨"),  # a surname with 씨 as a label
    ("상담원: 사업자등록번호 있으세요?\n민원인: 네 214-86-11223 이요", "214-86-11223"),  # a business's number
    ("I would like to volunteer for the 2025 Jjamppong Festival in October.", "Jjamppong Festival"),  # an event
    ("여권을 출국장 부근에서 잃어버렸어요", "부근"),
    ("상담원: 성함이 편보라 님 맞으시죠?\n민원인: 넵넵 ㅎㅎ", "넵넵"),  # a yes
    ("새빛교 아래 산책로 벤치가 부서졌어요", "새빛교"),  # a bridge with where by it
    ("상담원: 연락처 부탁드려요\n민원인: 네\n상담원: 접수번호는 이공이오 일일공삼 다시 공공칠이고요",
     "이공이오 일일공삼"),
    ("회원 ID card 재발급해 주세요", "ID card"), ("페이스북 Messenger로 보냈어요", "Messenger"),
    ("시청 인스타 @gunsan_city 보고 왔어요", "@gunsan_city"), ("(노인회장, 70세) 참석", "노인회장"),
    # a review's probes
    ("시청 대표번호 0 6 3 - 4 5 4 - 2 1 1 4 로 전화하면 됩니다", "0 6 3 - 4 5 4 - 2 1 1 4"),
    ("코드표 0 5 2 - 1 2 3 - 4 5 6 7 8 은 품목번호입니다", "0 5 2 - 1 2 3 - 4 5 6 7 8"),
    ("Name of the dog: MAX BUDDY", "MAX BUDDY"), ("The restaurant name TOUS LES JOURS is wrong.", "TOUS LES JOURS"),
    ("공지 @everyone 내일 단수 예정입니다", "@everyone"), ("Dinner @Home was cancelled", "@Home"),
    ("엑셀 수식 =@SUM 이 오류가 나요", "=@SUM"), ("Order ID: ORD20240512 still shows pending", "ORD20240512"),
    ("Transaction ID: TXN_88321 was charged twice", "TXN_88321"), ("와이파이 ID: iptime_5G 비밀번호", "iptime_5G"),
    ("계정: Google 로그인 사용", "Google"), ("username: guest 로 들어가면 됩니다", "guest"),
    ("유튜브: https://youtube.com/watch 영상", "https://youtube.com/watch"),
    ("시청 유튜브 youtu.be/abc123 에 올라온 영상", "youtu.be/abc123"),
    ("계정 Windows11 업데이트 후 앱이 안 열려요", "Windows11"), ("닉네임 v2.0 업데이트 이후", "v2.0"),
    ("아이(유치부 6세) 반 배정 문의", "유치부"), ("오 늘 이고예 마감이", "오 늘 이고예"),
    ("지 금 이여 빨리 와 주셔", "지 금 이여"),
    ("우 리 집이고예 거기가", "우 리 집이고예"), ("여 기 고예 주차장이", "여 기 고예"),
    ("상담원: 어디세요?\n민원인: 정 문 이고예", "정 문 이고예"),
])
def test_districts_copulas_titles_business_numbers_events_and_office_handles_stay(text: str, kept: str) -> None:
    assert kept in PiiMasker().mask(text).text
